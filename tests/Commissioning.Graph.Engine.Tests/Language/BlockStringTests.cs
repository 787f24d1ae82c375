using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Tests.Language;

public class BlockStringTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("\n\n  \n", "")]
    [InlineData("  first line keeps its indent\n    a\n      b", "  first line keeps its indent\na\n  b")]
    [InlineData("\n    a\n\t\tb\n", "  a\nb")] // a tab counts as one column of indentation, like a space
    [InlineData("\r\n  x\r\n    y\r\n", "x\n  y")]
    [InlineData("\n  a\n\n  b\n  \n", "a\n\nb")]
    public void Dedent_removes_common_indentation_and_blank_edge_lines(string raw, string expected)
        => Assert.Equal(expected, BlockString.Dedent(raw));

    [Theory]
    [InlineData("simple", "\"\"\"simple\"\"\"")]
    [InlineData("  leading space", "\"\"\"  leading space\"\"\"")]
    [InlineData("two\nlines", "\"\"\"\ntwo\nlines\n\"\"\"")]
    [InlineData("ends with quote\"", "\"\"\"\nends with quote\"\n\"\"\"")]
    [InlineData("has \"\"\" inside", "\"\"\"has \\\"\"\" inside\"\"\"")]
    [InlineData("a\n  indented", "\"\"\"\na\n  indented\n\"\"\"")]
    [InlineData("a\n\n  b", "\"\"\"\na\n\n  b\n\"\"\"")]
    public void Print_block_string_matches_graphql_js(string value, string expected)
        => Assert.Equal(expected, Printer.PrintBlockString(value));

    [Fact]
    public void Printed_block_string_parses_back_to_the_same_value()
    {
        foreach (var value in new[] { "x", "a\"\"\"b", "tail\\", "ends\"", "\tlead\ntwo", "a\n  indented", new string('w', 90) })
        {
            var parsed = (StringValueNode)Parser.ParseValue(Printer.PrintBlockString(value));
            Assert.True(parsed.Block);
            Assert.Equal(value, parsed.Value);
        }
    }
}
