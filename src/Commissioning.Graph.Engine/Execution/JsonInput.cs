using System.Text.Json;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>Decodes JSON (variables, root data) into the plain values the executor works with.</summary>
public static class JsonInput
{
    /// <summary>null, bool, int (when the number is integral and fits), long, double, string,
    /// <see cref="List{T}"/> and <see cref="Dictionary{TKey,TValue}"/> (keys in document order; a repeated
    /// key keeps its first position and its last value, as JavaScript's JSON.parse does).</summary>
    public static object? ToValue(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var p in element.EnumerateObject()) map[p.Name] = ToValue(p.Value);
                return map;
            }
            case JsonValueKind.Array:
            {
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray()) list.Add(ToValue(item));
                return list;
            }
            case JsonValueKind.String: return element.GetString();
            case JsonValueKind.Number: return NumberToValue(element);
            case JsonValueKind.True: return BoxedTrue;
            case JsonValueKind.False: return BoxedFalse;
            default: return null;
        }
    }

    /// <summary>Variables object to the dictionary <see cref="ExecutionRequest.VariableValues"/> takes;
    /// null for JSON null or absent.</summary>
    public static IReadOnlyDictionary<string, object?>? ToVariables(JsonElement element)
        => element.ValueKind == JsonValueKind.Object ? (Dictionary<string, object?>)ToValue(element)! : null;

    internal static readonly object BoxedTrue = true;
    internal static readonly object BoxedFalse = false;
    private static readonly object[] SmallInts = CreateSmallInts();

    private static object[] CreateSmallInts()
    {
        var a = new object[257];
        for (var i = 0; i < a.Length; i++) a[i] = i - 1;
        return a;
    }

    /// <summary>A boxed int, shared for small values.</summary>
    internal static object Box(int value) => (uint)(value + 1) < 257u ? SmallInts[value + 1] : value;

    // JSON numbers are JavaScript numbers (IEEE doubles): integers beyond ±2^53 are not kept exactly, as
    // JSON.parse does not keep them (9007199254740993 reads as 9007199254740992).
    private const long MaxSafeInteger = 9007199254740991L;

    private static object NumberToValue(JsonElement element)
    {
        if (element.TryGetInt32(out var i)) return Box(i);
        if (element.TryGetInt64(out var l) && l is >= -MaxSafeInteger and <= MaxSafeInteger) return l;
        return element.GetDouble();
    }
}
