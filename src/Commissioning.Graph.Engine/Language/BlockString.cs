using System.Text;

namespace Commissioning.Graph.Engine.Language;

/// <summary>Block string helpers (§2.9.4 "Block Strings", static semantics BlockStringValue()).</summary>
public static class BlockString
{
    /// <summary>
    /// BlockStringValue(): removes the common indentation of every line but the first, then the
    /// leading and trailing blank lines, and joins the lines with \n.
    /// </summary>
    public static string DedentLines(IReadOnlyList<string> lines)
    {
        int commonIndent = int.MaxValue;
        int firstNonEmptyLine = -1;
        int lastNonEmptyLine = -1;

        for (int i = 0; i < lines.Count; ++i)
        {
            string line = lines[i];
            int indent = LeadingWhiteSpace(line);
            if (indent == line.Length) continue; // blank line

            if (firstNonEmptyLine < 0) firstNonEmptyLine = i;
            lastNonEmptyLine = i;
            if (i != 0 && indent < commonIndent) commonIndent = indent;
        }

        if (firstNonEmptyLine < 0) return string.Empty;
        if (firstNonEmptyLine == lastNonEmptyLine && (firstNonEmptyLine == 0 || commonIndent == 0))
            return lines[firstNonEmptyLine];

        var result = new StringBuilder();
        for (int i = firstNonEmptyLine; i <= lastNonEmptyLine; ++i)
        {
            if (i != firstNonEmptyLine) result.Append('\n');
            string line = lines[i];
            if (i == 0) result.Append(line);
            else if (line.Length > commonIndent) result.Append(line, commonIndent, line.Length - commonIndent);
        }
        return result.ToString();
    }

    /// <summary>BlockStringValue() of a raw block string (the text between the triple quotes, already unescaped).</summary>
    public static string Dedent(string rawValue)
    {
        var lines = new List<string>();
        int lineStart = 0;
        for (int i = 0; i < rawValue.Length; i++)
        {
            char c = rawValue[i];
            if (c != '\n' && c != '\r') continue;
            lines.Add(rawValue.Substring(lineStart, i - lineStart));
            if (c == '\r' && i + 1 < rawValue.Length && rawValue[i + 1] == '\n') i++;
            lineStart = i + 1;
        }
        lines.Add(rawValue.Substring(lineStart));
        return DedentLines(lines);
    }

    private static int LeadingWhiteSpace(string line)
    {
        int i = 0;
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t')) ++i;
        return i;
    }

    private static bool IsWhiteSpace(int c) => c == ' ' || c == '\t';

    /// <summary>
    /// Prints a value as a block string literal the way graphql-js does: triple quotes escaped,
    /// and a leading/trailing line break added when the value spans lines (or is long, or ends in a
    /// quote or backslash) unless a single line starts with white space.
    /// </summary>
    public static string Print(string value)
    {
        string escapedValue = value.Replace("\"\"\"", "\\\"\"\"");

        // Split into lines on \r\n, \n or \r.
        bool isSingleLine = true;
        bool forceLeadingNewLine = true; // every line after the first is empty or starts with white space
        for (int i = 0; i < escapedValue.Length; i++)
        {
            char c = escapedValue[i];
            if (c != '\n' && c != '\r') continue;
            if (c == '\r' && i + 1 < escapedValue.Length && escapedValue[i + 1] == '\n') i++;
            isSingleLine = false;
            int next = i + 1 < escapedValue.Length ? escapedValue[i + 1] : -1;
            if (next != -1 && next != '\n' && next != '\r' && !IsWhiteSpace(next)) forceLeadingNewLine = false;
        }
        if (isSingleLine) forceLeadingNewLine = false;

        bool hasTrailingTripleQuotes = escapedValue.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        bool hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuotes;
        bool hasTrailingSlash = value.EndsWith('\\');
        bool forceTrailingNewline = hasTrailingQuote || hasTrailingSlash;

        bool printAsMultipleLines = !isSingleLine || value.Length > 70 || forceTrailingNewline
            || forceLeadingNewLine || hasTrailingTripleQuotes;

        var result = new StringBuilder(escapedValue.Length + 8);
        result.Append("\"\"\"");
        bool skipLeadingNewLine = isSingleLine && value.Length > 0 && IsWhiteSpace(value[0]);
        if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine) result.Append('\n');
        result.Append(escapedValue);
        if (printAsMultipleLines || forceTrailingNewline) result.Append('\n');
        result.Append("\"\"\"");
        return result.ToString();
    }
}
