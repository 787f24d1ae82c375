using System.Globalization;
using System.Text;
using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation;

/// <summary>Text helpers for validation messages: printing literals, and "Did you mean" suggestions
/// ranked by lexical distance as graphql-js ranks them.</summary>
internal static class ValidationText
{
    /// <summary>A literal as GraphQL source (for messages such as <c>found "abc"</c>).</summary>
    public static string PrintValue(ValueNode value)
    {
        var sb = new StringBuilder();
        Print(sb, value, 0);
        return sb.ToString();
    }

    private static void Print(StringBuilder sb, ValueNode value, int depth)
    {
        if (depth > 100) { sb.Append("..."); return; }
        switch (value)
        {
            case VariableNode v: sb.Append('$').Append(v.Name.Value); break;
            case IntValueNode i: sb.Append(i.Value); break;
            case FloatValueNode f: sb.Append(f.Value); break;
            case StringValueNode s: AppendQuoted(sb, s.Value); break;
            case BooleanValueNode b: sb.Append(b.Value ? "true" : "false"); break;
            case NullValueNode: sb.Append("null"); break;
            case EnumValueNode e: sb.Append(e.Value); break;
            case ListValueNode l:
                sb.Append('[');
                for (int k = 0; k < l.Values.Count; k++)
                {
                    if (k > 0) sb.Append(", ");
                    Print(sb, l.Values[k], depth + 1);
                }
                sb.Append(']');
                break;
            case ObjectValueNode o:
                sb.Append('{');
                for (int k = 0; k < o.Fields.Count; k++)
                {
                    if (k > 0) sb.Append(", ");
                    sb.Append(o.Fields[k].Name.Value).Append(": ");
                    Print(sb, o.Fields[k].Value, depth + 1);
                }
                sb.Append('}');
                break;
        }
    }

    /// <summary>A JSON-style quoted string.</summary>
    public static void AppendQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>" Did you mean "a", "b", or "c"?" (at most five), or the empty string.</summary>
    public static string DidYouMean(IReadOnlyList<string> suggestions, string? subMessage = null)
    {
        if (suggestions.Count == 0) return "";
        var message = " Did you mean " + (subMessage is null ? "" : subMessage + " ");
        var quoted = suggestions.Take(5).Select(x => "\"" + x + "\"").ToList();
        return quoted.Count switch
        {
            1 => message + quoted[0] + "?",
            2 => message + quoted[0] + " or " + quoted[1] + "?",
            _ => message + string.Join(", ", quoted.Take(quoted.Count - 1)) + ", or " + quoted[^1] + "?",
        };
    }

    /// <summary>The options close to <paramref name="input"/> (edit distance within 40% of its length),
    /// nearest first, ties in natural order.</summary>
    public static IReadOnlyList<string> SuggestionList(string input, IEnumerable<string> options)
    {
        var found = new List<(string Option, int Distance)>();
        int threshold = input.Length * 4 / 10 + 1;
        var inputLower = input.ToLowerInvariant();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (!seen.Add(option)) continue;
            int? d = Distance(input, inputLower, option, threshold);
            if (d is { } dist) found.Add((option, dist));
        }
        found.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : NaturalCompare(a.Option, b.Option));
        return found.Select(x => x.Option).ToList();
    }

    private static int? Distance(string input, string inputLower, string option, int threshold)
    {
        if (input == option) return 0;
        var optionLower = option.ToLowerInvariant();
        if (inputLower == optionLower) return 1;
        string a = optionLower, b = inputLower;
        if (a.Length < b.Length) (a, b) = (b, a);
        if (a.Length - b.Length > threshold) return null;
        // Damerau–Levenshtein (optimal string alignment) over three rolling rows.
        var rows = new int[3][];
        for (int r = 0; r < 3; r++) rows[r] = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) rows[0][j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            var upRow = rows[(i - 1) % 3];
            var currentRow = rows[i % 3];
            int smallest = currentRow[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int current = Math.Min(Math.Min(upRow[j] + 1, currentRow[j - 1] + 1), upRow[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    int doubleDiagonal = rows[(i - 2) % 3][j - 2];
                    current = Math.Min(current, doubleDiagonal + 1);
                }
                if (current < smallest) smallest = current;
                currentRow[j] = current;
            }
            if (smallest > threshold) return null;
        }
        int distance = rows[a.Length % 3][b.Length];
        return distance <= threshold ? distance : null;
    }

    /// <summary>Compares strings with runs of digits compared by numeric value.</summary>
    public static int NaturalCompare(string a, string b)
    {
        int ia = 0, ib = 0;
        while (ia < a.Length && ib < b.Length)
        {
            char ca = a[ia], cb = b[ib];
            if (char.IsAsciiDigit(ca) && char.IsAsciiDigit(cb))
            {
                int sa = ia, sb = ib;
                while (ia < a.Length && char.IsAsciiDigit(a[ia])) ia++;
                while (ib < b.Length && char.IsAsciiDigit(b[ib])) ib++;
                var na = a.AsSpan(sa, ia - sa).TrimStart('0');
                var nb = b.AsSpan(sb, ib - sb).TrimStart('0');
                if (na.Length != nb.Length) return na.Length - nb.Length;
                int c = na.SequenceCompareTo(nb);
                if (c != 0) return c;
                if ((ia - sa) != (ib - sb)) return (ia - sa) - (ib - sb);
            }
            else
            {
                if (ca != cb) return ca - cb;
                ia++; ib++;
            }
        }
        return (a.Length - ia) - (b.Length - ib);
    }
}
