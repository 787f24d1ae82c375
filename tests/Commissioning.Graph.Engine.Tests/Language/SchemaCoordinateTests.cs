using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Tests.Language;

/// <summary>Schema coordinates parse and print as graphql-js 17.1's parseSchemaCoordinate / print do
/// (expected messages and locations taken from running graphql-js 17.1.0 on the same inputs).</summary>
public class SchemaCoordinateTests
{
    [Theory]
    [InlineData("Query", SchemaCoordinateKind.Type, "Query", null, null)]
    [InlineData("Query.f", SchemaCoordinateKind.Member, "Query", "f", null)]
    [InlineData("Query.f(a:)", SchemaCoordinateKind.Argument, "Query", "f", "a")]
    [InlineData("@d", SchemaCoordinateKind.Directive, "d", null, null)]
    [InlineData("@d(a:)", SchemaCoordinateKind.DirectiveArgument, "d", null, "a")]
    [InlineData("__Type.fields", SchemaCoordinateKind.Member, "__Type", "fields", null)]
    [InlineData("_x9.Y_1(z0:)", SchemaCoordinateKind.Argument, "_x9", "Y_1", "z0")]
    public void Parses_each_form_and_prints_it_back(string source, SchemaCoordinateKind kind, string name, string? member, string? argument)
    {
        var coordinate = SchemaCoordinate.Parse(source);
        Assert.Equal(kind, coordinate.Kind);
        Assert.Equal(name, coordinate.Name);
        Assert.Equal(member, coordinate.MemberName);
        Assert.Equal(argument, coordinate.ArgumentName);
        Assert.Equal(source, coordinate.ToString());
    }

    [Theory]
    [InlineData(" Query", "Syntax Error: Invalid character: \" \".", 1, 1)]
    [InlineData("Query .f", "Syntax Error: Invalid character: \" \".", 1, 6)]
    [InlineData("Query.f(a: )", "Syntax Error: Invalid character: \" \".", 1, 11)]
    [InlineData("Query.f(a)", "Syntax Error: Expected \":\", found \")\".", 1, 10)]
    [InlineData("@d.x", "Syntax Error: Expected <EOF>, found \".\".", 1, 3)]
    [InlineData("Query.f.g", "Syntax Error: Expected <EOF>, found \".\".", 1, 8)]
    [InlineData("", "Syntax Error: Expected Name, found <EOF>.", 1, 1)]
    [InlineData("Query(a:)", "Syntax Error: Expected <EOF>, found \"(\".", 1, 6)]
    [InlineData("@", "Syntax Error: Expected Name, found <EOF>.", 1, 2)]
    [InlineData("Query#", "Syntax Error: Invalid character: \"#\".", 1, 6)]
    [InlineData("Query.f(a:)x", "Syntax Error: Expected <EOF>, found Name \"x\".", 1, 12)]
    [InlineData("\"Query\"", "Syntax Error: Invalid character: '\"'.", 1, 1)]
    [InlineData("Query,", "Syntax Error: Invalid character: \",\".", 1, 6)]
    [InlineData("Query.f(a:b)", "Syntax Error: Expected \")\", found Name \"b\".", 1, 11)]
    [InlineData("1Query", "Syntax Error: Invalid character: \"1\".", 1, 1)]
    [InlineData("Query.é", "Syntax Error: Invalid character: U+00E9.", 1, 7)]
    public void Rejects_what_graphql_js_rejects_with_the_same_message_and_location(string source, string message, int line, int column)
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => SchemaCoordinate.Parse(source));
        Assert.Equal(message, error.Message);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal(ErrorCodes.ParseFailed, error.Errors[0].Code);
    }

    [Fact]
    public void The_first_problem_left_to_right_is_reported_like_a_lazy_lexer()
    {
        // "(" after a type name is already wrong, so the space after it is never read.
        var error = Assert.Throws<GraphQLSyntaxException>(() => SchemaCoordinate.Parse("Query( "));
        Assert.Equal("Syntax Error: Expected <EOF>, found \"(\".", error.Message);
    }

    [Fact]
    public void Field_builds_the_one_spelling_the_platform_uses()
    {
        Assert.Equal("Consortium.returns", SchemaCoordinate.Field("Consortium", "returns"));
        Assert.Equal("Consortium.returns(first:)", SchemaCoordinate.ForArgument("Consortium", "returns", "first").ToString());
        Assert.Equal("@policy(name:)", SchemaCoordinate.ForDirectiveArgument("policy", "name").ToString());
        Assert.Equal(SchemaCoordinate.Parse("Consortium.returns"), SchemaCoordinate.ForMember("Consortium", "returns"));
        Assert.Throws<ArgumentException>(() => SchemaCoordinate.Field("Consortium", "not a name"));
    }
}
