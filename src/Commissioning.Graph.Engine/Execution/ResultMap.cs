using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>
/// One object of the response (spec §6.3 "ExecuteSelectionSet" result): response keys in the order
/// CollectFields produced them, with their completed values. Two parallel arrays, not a hash table:
/// the keys array is shared by every map built from the same execution plan. Lookup by key is linear,
/// which is what small response objects want.
/// </summary>
/// <remarks>Values are null, bool, int, long, double, decimal, string, <see cref="ResultMap"/>,
/// <c>object?[]</c> / <see cref="List{T}"/>, or whatever a custom scalar serialised to
/// (JsonElement, dictionaries, lists).</remarks>
public sealed class ResultMap : IReadOnlyDictionary<string, object?>
{
    private string[] _keys;
    private object?[] _values;
    private int _count;
    private bool _keysShared;

    public ResultMap(int capacity = 4)
    {
        _keys = capacity == 0 ? Array.Empty<string>() : new string[capacity];
        _values = capacity == 0 ? Array.Empty<object?>() : new object?[capacity];
    }

    /// <summary>Wraps arrays built by the executor; <paramref name="keys"/> is shared and never written.</summary>
    internal ResultMap(string[] keys, object?[] values)
    {
        _keys = keys; _values = values; _count = keys.Length; _keysShared = true;
    }

    public int Count => _count;
    public string GetKey(int index) => (uint)index < (uint)_count ? _keys[index] : throw new ArgumentOutOfRangeException(nameof(index));
    public object? GetValue(int index) => (uint)index < (uint)_count ? _values[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Appends an entry, or replaces the value when the key is present (keeping its position).</summary>
    public void Set(string key, object? value)
    {
        var i = IndexOf(key);
        if (i >= 0) { _values[i] = value; return; }
        if (_keysShared || _count == _keys.Length)
        {
            var size = Math.Max(4, _count * 2);
            Array.Resize(ref _keys, size);
            Array.Resize(ref _values, size);
            _keysShared = false;
        }
        _keys[_count] = key;
        _values[_count] = value;
        _count++;
    }

    public int IndexOf(string key)
    {
        for (var i = 0; i < _count; i++)
            if (string.Equals(_keys[i], key, StringComparison.Ordinal)) return i;
        return -1;
    }

    public object? this[string key] => IndexOf(key) is var i and >= 0 ? _values[i] : throw new KeyNotFoundException(key);
    public bool ContainsKey(string key) => IndexOf(key) >= 0;
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    public IEnumerable<string> Keys { get { for (var i = 0; i < _count; i++) yield return _keys[i]; } }
    public IEnumerable<object?> Values { get { for (var i = 0; i < _count; i++) yield return _values[i]; } }

    public Enumerator GetEnumerator() => new(this);
    IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator() => GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<KeyValuePair<string, object?>>
    {
        private readonly ResultMap _map;
        private int _index;
        internal Enumerator(ResultMap map) { _map = map; _index = -1; }
        public KeyValuePair<string, object?> Current => new(_map._keys[_index], _map._values[_index]);
        object IEnumerator.Current => Current;
        public bool MoveNext() => ++_index < _map._count;
        public void Reset() => _index = -1;
        public void Dispose() { }
    }
}
