using System.Text;
using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Types;

/// <summary>
/// Prints values, directives and strings the way graphql-js's <c>print</c> does (spec §2.9 syntax).
/// A small stand-in used by the scalars' error messages and the schema printer until the language
/// printer (Language/Printer.cs) is available to them; its output is meant to be identical.
/// </summary>
internal static class AstValuePrinter
{
    public static string Print(ValueNode node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, ValueNode node)
    {
        switch (node)
        {
            case VariableNode v: sb.Append('$').Append(v.Name.Value); break;
            case IntValueNode i: sb.Append(i.Value); break;
            case FloatValueNode f: sb.Append(f.Value); break;
            case StringValueNode s: sb.Append(s.Block ? PrintBlockString(s.Value) : PrintString(s.Value)); break;
            case BooleanValueNode b: sb.Append(b.Value ? "true" : "false"); break;
            case NullValueNode: sb.Append("null"); break;
            case EnumValueNode e: sb.Append(e.Value); break;
            case ListValueNode l:
                sb.Append('[');
                for (var k = 0; k < l.Values.Count; k++) { if (k > 0) sb.Append(", "); Append(sb, l.Values[k]); }
                sb.Append(']');
                break;
            case ObjectValueNode o:
                // graphql-js prints `{a: 1, b: 2}` (no padding inside the braces).
                sb.Append('{');
                for (var k = 0; k < o.Fields.Count; k++)
                {
                    if (k > 0) sb.Append(", ");
                    sb.Append(o.Fields[k].Name.Value).Append(": ");
                    Append(sb, o.Fields[k].Value);
                }
                sb.Append('}');
                break;
        }
    }

    /// <summary><c>@name(arg: value, ...)</c>.</summary>
    public static string PrintDirective(DirectiveNode d)
    {
        var sb = new StringBuilder("@").Append(d.Name.Value);
        if (d.Arguments.Count > 0)
        {
            sb.Append('(');
            for (var k = 0; k < d.Arguments.Count; k++)
            {
                if (k > 0) sb.Append(", ");
                sb.Append(d.Arguments[k].Name.Value).Append(": ");
                Append(sb, d.Arguments[k].Value);
            }
            sb.Append(')');
        }
        return sb.ToString();
    }

    /// <summary>A quoted string literal; escapes control characters, <c>"</c> and <c>\</c> (graphql-js printString).</summary>
    public static string PrintString(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) sb.Append("\\u").Append(((int)c).ToString("X4"));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>A block string literal (spec §2.9.4), laid out as graphql-js's printBlockString does.</summary>
    public static string PrintBlockString(string value)
    {
        var escaped = value.Replace("\"\"\"", "\\\"\"\"");
        var lines = escaped.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var isSingleLine = lines.Length == 1;
        var forceLeadingNewLine = lines.Length > 1 && lines.Skip(1).All(l => l.Length == 0 || l[0] is ' ' or '\t');
        var hasTrailingTripleQuotes = escaped.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        var hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuotes;
        var hasTrailingSlash = value.EndsWith('\\');
        var forceTrailingNewline = hasTrailingQuote || hasTrailingSlash;
        var printAsMultipleLines = !isSingleLine || value.Length > 70 || forceTrailingNewline || forceLeadingNewLine || hasTrailingTripleQuotes;

        var sb = new StringBuilder("\"\"\"");
        var skipLeadingNewLine = isSingleLine && value.Length > 0 && value[0] is ' ' or '\t';
        if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine) sb.Append('\n');
        sb.Append(escaped);
        if (printAsMultipleLines || forceTrailingNewline) sb.Append('\n');
        return sb.Append("\"\"\"").ToString();
    }

    /// <summary>graphql-js isPrintableAsBlockString: whether a block string would read back as the same value.</summary>
    public static bool IsPrintableAsBlockString(string value)
    {
        if (value.Length == 0) return true;
        bool isEmptyLine = true, hasIndent = false, hasCommonIndent = true, seenNonEmptyLine = false;
        foreach (var c in value)
        {
            switch (c)
            {
                case '\u0000': case '\u0001': case '\u0002': case '\u0003': case '\u0004': case '\u0005':
                case '\u0006': case '\u0007': case '\u0008': case '\u000B': case '\u000C': case '\u000E': case '\u000F':
                    return false; // non-printable characters
                case '\r':
                    return false; // \r would read back as \n
                case '\n':
                    if (isEmptyLine && !seenNonEmptyLine) return false; // leading new line
                    seenNonEmptyLine = true;
                    isEmptyLine = true;
                    hasIndent = false;
                    break;
                case '\t':
                case ' ':
                    hasIndent |= isEmptyLine;
                    break;
                default:
                    hasCommonIndent &= hasIndent;
                    isEmptyLine = false;
                    break;
            }
        }
        if (isEmptyLine) return false; // trailing empty lines
        if (hasCommonIndent && seenNonEmptyLine) return false; // internal indent
        return true;
    }
}
