using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Types;

/// <summary>
/// What the type system prints: values and directives through the language printer
/// (<see cref="Printer"/>), plus graphql-js's isPrintableAsBlockString used for descriptions.
/// </summary>
internal static class AstValuePrinter
{
    public static string Print(ValueNode node) => Printer.Print(node);

    /// <summary><c>@name(arg: value, ...)</c>.</summary>
    public static string PrintDirective(DirectiveNode d) => Printer.Print(d);

    public static string PrintString(string value) => Printer.PrintString(value);

    public static string PrintBlockString(string value) => Printer.PrintBlockString(value);

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
