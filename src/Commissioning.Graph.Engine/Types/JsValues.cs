using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Commissioning.Graph.Engine.Types;

/// <summary>
/// JavaScript number semantics that graphql-js's behaviour depends on: <c>Number.prototype.toString</c>
/// formatting and the <c>Number(string)</c> conversion (ECMA-262 §7.1.4.1.1 StringToNumber).
/// </summary>
public static class JsNumber
{
    /// <summary>Formats a number as JavaScript's <c>String(x)</c> does (ECMA-262 Number::toString):
    /// shortest round-trip digits, plain notation for exponents in [-7, 21), otherwise <c>1e+21</c> / <c>1e-7</c>.</summary>
    public static string ToString(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (value == 0) return "0"; // both +0 and -0
        if (double.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";
        if (value < 0) return "-" + ToString(-value);

        // .NET's "R" gives the shortest round-trippable digits; re-lay them out with JS's rules.
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = r.IndexOfAny(new[] { 'E', 'e' });
        var mantissa = r;
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = r[..e];
        }
        var dot = mantissa.IndexOf('.');
        var intDigits = dot < 0 ? mantissa.Length : dot;
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0') leadingZeros++;
        digits = digits[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        // value = 0.d1d2...dk × 10^n, with k = digits.Length
        var n = intDigits + exponent - leadingZeros;
        var k = digits.Length;

        if (k <= n && n <= 21) return digits + new string('0', n - k);
        if (0 < n && n <= 21) return digits[..n] + "." + digits[n..];
        if (-6 < n && n <= 0) return "0." + new string('0', -n) + digits;
        var exp = n - 1;
        var expText = (exp >= 0 ? "+" : "-") + Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
        return k == 1 ? digits + "e" + expText : digits[0] + "." + digits[1..] + "e" + expText;
    }

    /// <summary>JavaScript's <c>Number(text)</c>: surrounding white space ignored, empty → 0,
    /// decimal literals, <c>Infinity</c>, <c>0x</c>/<c>0o</c>/<c>0b</c> integers; anything else is NaN.</summary>
    public static double Parse(string text)
    {
        var s = TrimJsWhiteSpace(text);
        if (s.Length == 0) return 0;
        if (s.Length > 2 && s[0] == '0')
        {
            var radix = s[1] switch { 'x' or 'X' => 16, 'o' or 'O' => 8, 'b' or 'B' => 2, _ => 0 };
            if (radix != 0)
            {
                double acc = 0;
                for (var i = 2; i < s.Length; i++)
                {
                    var d = HexDigit(s[i]);
                    if (d < 0 || d >= radix) return double.NaN;
                    acc = acc * radix + d;
                }
                return acc;
            }
        }
        var body = s[0] is '+' or '-' ? s[1..] : s;
        if (body == "Infinity") return s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        if (!IsStrDecimalLiteral(body)) return double.NaN;
        return double.Parse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
    }

    // StrUnsignedDecimalLiteral: digits [. digits?] | . digits, then an optional exponent.
    private static bool IsStrDecimalLiteral(string s)
    {
        var i = 0;
        var intDigits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; intDigits++; }
        var fracDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; fracDigits++; }
        }
        if (intDigits + fracDigits == 0) return false;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-') i++;
            var expDigits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; expDigits++; }
            if (expDigits == 0) return false;
        }
        return i == s.Length;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    // ECMA-262 WhiteSpace and LineTerminator code points.
    private static bool IsJsWhiteSpace(char c) =>
        c is '\t' or '\v' or '\f' or ' ' or '\u00A0' or '\uFEFF' or '\n' or '\r' or '\u2028' or '\u2029'
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator;

    private static string TrimJsWhiteSpace(string s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsJsWhiteSpace(s[start])) start++;
        while (end > start && IsJsWhiteSpace(s[end - 1])) end--;
        return s[start..end];
    }

    /// <summary>True when <paramref name="value"/> is a .NET number (any primitive numeric type or decimal);
    /// gives its value as a JavaScript number (a double).</summary>
    public static bool TryGetNumber(object? value, out double number)
    {
        switch (value)
        {
            case int i: number = i; return true;
            case long l: number = l; return true;
            case double d: number = d; return true;
            case decimal m: number = (double)m; return true;
            case float f: number = f; return true;
            case short s: number = s; return true;
            case byte b: number = b; return true;
            case sbyte sb: number = sb; return true;
            case ushort us: number = us; return true;
            case uint ui: number = ui; return true;
            case ulong ul: number = ul; return true;
            default: number = 0; return false;
        }
    }

    /// <summary>JavaScript's <c>Number.isInteger</c>.</summary>
    public static bool IsInteger(double d) => double.IsFinite(d) && Math.Floor(d) == d;
}

/// <summary>Helpers for values as graphql-js sees them: JSON-decoded values and its <c>inspect</c> formatting.</summary>
public static class JsValues
{
    /// <summary>Turns a <see cref="JsonElement"/> into the plain values the engine works with (null, bool,
    /// int/long/double, string, List, insertion-ordered Dictionary); other values are returned unchanged.</summary>
    public static object? Unwrap(object? value) => value is JsonElement e ? FromJsonElement(e) : value;

    public static object? FromJsonElement(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined: return null;
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.String: return e.GetString();
            case JsonValueKind.Number:
                if (e.TryGetInt32(out var i)) return i;
                if (e.TryGetInt64(out var l)) return l;
                return e.GetDouble();
            case JsonValueKind.Array:
            {
                var list = new List<object?>(e.GetArrayLength());
                foreach (var item in e.EnumerateArray()) list.Add(FromJsonElement(item));
                return list;
            }
            default:
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject()) map[p.Name] = FromJsonElement(p.Value); // last duplicate wins, as JSON.parse
                return map;
            }
        }
    }

    private const int MaxArrayLength = 10;
    private const int MaxRecursiveDepth = 2;

    /// <summary>graphql-js's <c>inspect</c>: strings JSON-quoted, lists as <c>[1, 2]</c>, objects as
    /// <c>{ a: 1 }</c>, nesting beyond two levels as <c>[Object]</c> / <c>[Array]</c>.</summary>
    public static string Inspect(object? value) => Format(Unwrap(value), 0);

    private static string Format(object? value, int depth)
    {
        value = Unwrap(value);
        switch (value)
        {
            case null: return "null";
            case string s: return JsonQuote(s);
            case bool b: return b ? "true" : "false";
            case IReadOnlyDictionary<string, object?> map:
            {
                if (map.Count == 0) return "{}";
                if (depth + 1 > MaxRecursiveDepth) return "[Object]";
                return "{ " + string.Join(", ", map.Select(kv => kv.Key + ": " + Format(kv.Value, depth + 1))) + " }";
            }
            case IReadOnlyList<object?> list:
            {
                if (list.Count == 0) return "[]";
                if (depth + 1 > MaxRecursiveDepth) return "[Array]";
                var len = Math.Min(MaxArrayLength, list.Count);
                var items = new List<string>(len + 1);
                for (var i = 0; i < len; i++) items.Add(Format(list[i], depth + 1));
                var remaining = list.Count - len;
                if (remaining == 1) items.Add("... 1 more item");
                else if (remaining > 1) items.Add($"... {remaining} more items");
                return "[" + string.Join(", ", items) + "]";
            }
            case IGraphQLType t: return t.ToString()!;
        }
        if (JsNumber.TryGetNumber(value, out var d)) return JsNumber.ToString(d);
        return value.ToString() ?? "";
    }

    /// <summary>JavaScript's <c>JSON.stringify</c> of a string.</summary>
    public static string JsonQuote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(c).Append(s[++i]); }
                    else if (char.IsSurrogate(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }
}
