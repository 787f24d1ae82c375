using System.Text;
using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Tests.Language;

public class ParserLimitsTests
{
    private static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();

    [Fact]
    public void Hundred_thousand_nested_selection_sets_fail_with_a_limit_error_not_a_stack_overflow()
    {
        string source = Repeat("{a", 100_000) + Repeat("}", 100_000);
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source));
        Assert.Equal(ErrorCodes.DocumentLimitExceeded, error.Errors[0].Code);
        Assert.Equal(1 + 2 * 200, error.Column); // the 201st `{`
    }

    [Fact]
    public void Hundred_thousand_bare_braces_are_a_plain_syntax_error()
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(new string('{', 100_000)));
        Assert.Equal("Syntax Error: Expected Name, found \"{\".", error.Errors[0].Message);
    }

    [Fact]
    public void Hundred_thousand_nested_lists_in_a_value_fail_with_a_limit_error()
    {
        string source = "{ f(a: " + new string('[', 100_000) + new string(']', 100_000) + ") }";
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source, new ParserOptions { MaxTokens = 0 }));
        Assert.Equal(ErrorCodes.DocumentLimitExceeded, error.Errors[0].Code);
        Assert.Contains("nesting depth of 200", error.Errors[0].Message);
    }

    [Fact]
    public void Nested_list_types_and_object_values_count_towards_depth()
    {
        var options = new ParserOptions { MaxDepth = 3 };
                Parser.Parse("query($a: [[[Int]]]) { f }", options); // list types do not nest inside the selection set
        Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("query($a: [[[[Int]]]]) { f }", options));
        Parser.Parse("{ f(a: {b: {c: 1}}) }", options); // selection set + 2 objects = 3
        Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("{ f(a: {b: {c: {d: 1}}}) }", options));
    }

    [Fact]
    public void Unlimited_depth_still_refuses_to_overflow_the_stack()
    {
        string source = "{ f(a: " + new string('[', 1_000_000) + new string(']', 1_000_000) + ") }";
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source, new ParserOptions { MaxTokens = 0, MaxDepth = 0 }));
        Assert.Equal(ErrorCodes.DocumentLimitExceeded, error.Errors[0].Code);
    }

    [Fact]
    public void Ten_megabyte_string_literal_parses()
    {
        string big = new string('x', 10 * 1024 * 1024);
        var value = (StringValueNode)Parser.ParseValue("\"" + big + "\"");
        Assert.Equal(big.Length, value.Value.Length);
        var document = Parser.Parse("{ f(a: \"\"\"" + big + "\"\"\") }");
        Assert.NotNull(document);
    }

    [Fact]
    public void Token_limit_defaults_to_15000_and_reports_a_limit_error()
    {
        string within = "{" + Repeat(" a", 14_998) + " }";    // 15000 tokens
        Parser.Parse(within);
        string beyond = "{" + Repeat(" a", 14_999) + " }";    // 15001 tokens
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(beyond));
        Assert.Equal("Syntax Error: Document contains more than 15000 tokens. Parsing aborted.", error.Errors[0].Message);
        Assert.Equal(ErrorCodes.DocumentLimitExceeded, error.Errors[0].Code);
        Assert.Equal(beyond.Length, error.Column); // at the closing brace, the 15001st token
        Parser.Parse(beyond, new ParserOptions { MaxTokens = 0 });
    }

    [Fact]
    public void Comments_do_not_count_as_tokens()
    {
        Parser.Parse(Repeat("# comment\n", 100) + "{ a }", new ParserOptions { MaxTokens = 3 });
    }
}
