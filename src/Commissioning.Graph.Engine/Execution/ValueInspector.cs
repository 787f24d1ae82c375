using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>Formats a value for an error message the way graphql-js's <c>inspect</c> does:
/// strings JSON-quoted, lists <c>[1, 2]</c>, objects <c>{ a: 1 }</c>, nesting beyond two levels elided.</summary>
internal static class ValueInspector
{
    private const int MaxArrayLength = 10;
    private const int MaxDepth = 2;

    public static string Inspect(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value, int depth)
    {
        switch (value)
        {
            case null: sb.Append("null"); return;
            case string s: sb.Append(JsonSerializer.Serialize(s)); return;
            case bool b: sb.Append(b ? "true" : "false"); return;
            case double d: sb.Append(FormatNumber(d)); return;
            case float f: sb.Append(FormatNumber(f)); return;
            case int or long or short or byte or sbyte or ushort or uint or ulong or decimal:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); return;
            case JsonElement e: Append(sb, JsonInput.ToValue(e), depth); return;
            case ResultMap or IReadOnlyDictionary<string, object?> or IDictionary<string, object?>:
            {
                var entries = value is IReadOnlyDictionary<string, object?> ro ? ro.ToArray() : ((IDictionary<string, object?>)value).ToArray();
                if (entries.Length == 0) { sb.Append("{}"); return; }
                if (depth >= MaxDepth) { sb.Append("[Object]"); return; }
                sb.Append("{ ");
                for (var i = 0; i < entries.Length; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(entries[i].Key).Append(": ");
                    Append(sb, entries[i].Value, depth + 1);
                }
                sb.Append(" }");
                return;
            }
            case IEnumerable list:
            {
                var items = new List<object?>();
                foreach (var x in list) items.Add(x);
                if (items.Count == 0) { sb.Append("[]"); return; }
                if (depth >= MaxDepth) { sb.Append("[Array]"); return; }
                sb.Append('[');
                var n = Math.Min(items.Count, MaxArrayLength);
                for (var i = 0; i < n; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Append(sb, items[i], depth + 1);
                }
                if (items.Count > MaxArrayLength)
                {
                    var more = items.Count - MaxArrayLength;
                    sb.Append(", ... ").Append(more).Append(more == 1 ? " more item" : " more items");
                }
                sb.Append(']');
                return;
            }
            default: sb.Append(value.ToString()); return;
        }
    }

    private static string FormatNumber(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        return JsNumberFormat.Format(d);
    }
}
