namespace Commissioning.Graph.Engine.Caching;

/// <summary>
/// A least-recently-used cache bounded by the bytes its entries hold (an estimate the caller gives),
/// and optionally by the bytes of each owner's entries, so one caller cannot push out everyone else's.
/// Adding past a bound evicts the least recently used entries (of that owner, then of all) until it
/// fits; an entry larger than a bound is not kept at all. Thread-safe: one lock, O(1) per operation.
/// </summary>
public sealed class BoundedLruCache<TValue>
{
    private sealed class Entry(string key, TValue value, long bytes, string owner, OwnerEntries owned)
    {
        public readonly string Key = key;
        public readonly TValue Value = value;
        public readonly long Bytes = bytes;
        public readonly string Owner = owner;
        // The owner's list, held so that a hit touches it without a lookup.
        public readonly OwnerEntries Owned = owned;
        public LinkedListNode<Entry>? AllNode;
        public LinkedListNode<Entry>? OwnerNode;
    }

    private sealed class OwnerEntries
    {
        public readonly LinkedList<Entry> Order = new();
        public long Bytes;
    }

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _order = new();   // most recently used first
    private readonly Dictionary<string, OwnerEntries> _owners = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _bytes;
    private long _evictions;

    /// <param name="maxBytes">Most bytes all entries together may hold.</param>
    /// <param name="maxBytesPerOwner">Most bytes one owner's entries may hold; 0 or less = only <paramref name="maxBytes"/>.</param>
    /// <param name="maxEntries">Most entries; 0 or less = no count bound.</param>
    public BoundedLruCache(long maxBytes, long maxBytesPerOwner = 0, int maxEntries = 0)
    {
        if (maxBytes <= 0) throw new ArgumentOutOfRangeException(nameof(maxBytes), "A cache bounded by bytes needs a positive bound.");
        MaxBytes = maxBytes;
        MaxBytesPerOwner = maxBytesPerOwner > 0 ? Math.Min(maxBytesPerOwner, maxBytes) : maxBytes;
        MaxEntries = maxEntries;
    }

    public long MaxBytes { get; }
    public long MaxBytesPerOwner { get; }
    public int MaxEntries { get; }

    /// <summary>Bytes the entries hold now (the sum of their estimates).</summary>
    public long Bytes { get { lock (_lock) return _bytes; } }
    public int Count { get { lock (_lock) return _entries.Count; } }
    /// <summary>Entries evicted to make room since the cache was made.</summary>
    public long Evictions { get { lock (_lock) return _evictions; } }

    /// <summary>The bytes one owner's entries hold now.</summary>
    public long BytesOf(string owner) { lock (_lock) return _owners.TryGetValue(owner, out var o) ? o.Bytes : 0; }

    /// <summary>Finds an entry and marks it most recently used.</summary>
    public bool TryGet(string key, out TValue value)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var e)) { value = default!; return false; }
            Touch(e);
            value = e.Value;
            return true;
        }
    }

    public bool ContainsKey(string key) { lock (_lock) return _entries.ContainsKey(key); }

    /// <summary>
    /// Adds (or replaces) an entry of <paramref name="bytes"/> for <paramref name="owner"/>, evicting least recently
    /// used entries to stay within the bounds. Returns false when the entry alone exceeds a bound (it is not kept).
    /// </summary>
    public bool Set(string key, TValue value, long bytes, string owner = "")
    {
        if (bytes < 0) throw new ArgumentOutOfRangeException(nameof(bytes));
        if (bytes > MaxBytesPerOwner) return false;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing)) Remove(existing);
            if (!_owners.TryGetValue(owner, out var own)) _owners[owner] = own = new OwnerEntries();
            while (own.Bytes + bytes > MaxBytesPerOwner && own.Order.Last is { } oldestOfOwner) { Remove(oldestOfOwner.Value); _evictions++; }
            while ((_bytes + bytes > MaxBytes || (MaxEntries > 0 && _entries.Count >= MaxEntries)) && _order.Last is { } oldest) { Remove(oldest.Value); _evictions++; }
            if (!_owners.TryGetValue(owner, out own)) _owners[owner] = own = new OwnerEntries();   // Remove may have dropped it
            var entry = new Entry(key, value, bytes, owner, own);
            entry.AllNode = _order.AddFirst(entry);
            entry.OwnerNode = own.Order.AddFirst(entry);
            own.Bytes += bytes;
            _bytes += bytes;
            _entries[key] = entry;
            return true;
        }
    }

    public bool Remove(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var e)) return false;
            Remove(e);
            return true;
        }
    }

    public void Clear()
    {
        lock (_lock) { _entries.Clear(); _order.Clear(); _owners.Clear(); _bytes = 0; }
    }

    // A hit on the most recently used entry (a hot document asked for again and again) moves nothing.
    private void Touch(Entry e)
    {
        if (!ReferenceEquals(_order.First, e.AllNode)) { _order.Remove(e.AllNode!); _order.AddFirst(e.AllNode!); }
        var own = e.Owned.Order;
        if (!ReferenceEquals(own.First, e.OwnerNode)) { own.Remove(e.OwnerNode!); own.AddFirst(e.OwnerNode!); }
    }

    private void Remove(Entry e)
    {
        _entries.Remove(e.Key);
        _order.Remove(e.AllNode!);
        var own = e.Owned;
        own.Order.Remove(e.OwnerNode!);
        own.Bytes -= e.Bytes;
        if (own.Order.Count == 0) _owners.Remove(e.Owner);
        _bytes -= e.Bytes;
    }
}
