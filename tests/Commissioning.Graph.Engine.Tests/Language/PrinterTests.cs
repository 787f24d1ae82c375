using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Tests.Language;

public class PrinterTests
{
    [Fact]
    public void Kitchen_sink_query_prints_exactly_as_graphql_js()
        => Assert.Equal(KitchenSink.PrintedQuery, Printer.Print(Parser.Parse(KitchenSink.Query)));

    [Fact]
    public void Kitchen_sink_schema_prints_exactly_as_graphql_js()
        => Assert.Equal(KitchenSink.PrintedSchema, Printer.Print(Parser.Parse(KitchenSink.Schema)));

    [Theory]
    [InlineData(KitchenSink.Query)]
    [InlineData(KitchenSink.Schema)]
    public void Printing_is_a_fixed_point_after_one_round_trip(string source)
    {
        string once = Printer.Print(Parser.Parse(source));
        Assert.Equal(once, Printer.Print(Parser.Parse(once)));
    }

    [Theory]
    [InlineData("query { a }", "{\n  a\n}")]
    [InlineData("query Q { a }", "query Q {\n  a\n}")]
    [InlineData("query @d { a }", "query @d {\n  a\n}")]
    [InlineData("query ($v: Int = 1) { a }", "query ($v: Int = 1) {\n  a\n}")]
    [InlineData("{ a(x: [1, 2], y: {z: \"s\"}) @d(a: 1) }", "{\n  a(x: [1, 2], y: { z: \"s\" }) @d(a: 1)\n}")]
    [InlineData("type T", "type T")]
    [InlineData("union U = | A | B", "union U = A | B")]
    [InlineData("directive @d(a: Int = 1) repeatable on FIELD | QUERY", "directive @d(a: Int = 1) repeatable on FIELD | QUERY")]
    public void Prints_in_graphql_js_layout(string source, string expected)
        => Assert.Equal(expected, Printer.Print(Parser.Parse(source)));

    [Fact]
    public void Long_argument_lists_go_one_per_line()
    {
        string source = "{ f(" + string.Join(", ", Enumerable.Range(0, 12).Select(i => $"arg{i}: {i}")) + ") }";
        string printed = Printer.Print(Parser.Parse(source));
        Assert.StartsWith("{\n  f(\n    arg0: 0\n    arg1: 1\n", printed);
        Assert.EndsWith("    arg11: 11\n  )\n}", printed);
    }

    [Fact]
    public void Block_strings_inside_selections_are_indented_with_their_field()
        => Assert.Equal("{\n  a {\n    b(x: \"\"\"\n    line1\n    line2\n    \"\"\")\n  }\n}",
            Printer.Print(Parser.Parse("{ a { b(x: \"\"\"line1\n  line2\"\"\") } }")));

    [Fact]
    public void PrintString_escapes_quotes_backslashes_and_control_characters()
    {
        Assert.Equal("\"plain é 😀\"", Printer.PrintString("plain é 😀"));
        Assert.Equal("\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001F\\u007F\\u0080\\u009F\u00a0\"",
            Printer.PrintString("\"\\\b\f\n\r\t\u0000\u001f\u007f\u0080\u009f\u00a0"));
    }

    [Fact]
    public void Printed_string_parses_back_to_the_same_value()
    {
        string value = "mixed \"quotes\" \\ \n new\tline \u0001 \U0001F600";
        Assert.Equal(value, ((StringValueNode)Parser.ParseValue(Printer.PrintString(value))).Value);
    }

    [Fact]
    public void Nodes_print_on_their_own()
    {
        Assert.Equal("[Int!]!", Printer.Print(Parser.ParseType("[ Int ! ] !")));
        Assert.Equal("{ a: [1, $v] }", Printer.Print(Parser.ParseValue("{ a : [ 1 $v ] }")));
    }
}
