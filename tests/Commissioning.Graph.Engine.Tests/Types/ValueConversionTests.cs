using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Types;

public class ValueConversionTests
{
    private static readonly Schema Schema = SdlSchemaBuilder.Build("""
        enum Colour { RED GREEN }
        input Point { x: Int! y: Int = 7 tags: [String] }
        input Choice @oneOf { a: Int b: String }
        type Query { f(id: ID, x: Float): Int }
        """);

    private static IGraphQLType T(string type) => Schema.TypeFromAst(Parser.ParseType(type))!;

    private static (bool ok, object? value) Coerce(string literal, string type, IReadOnlyDictionary<string, object?>? vars = null)
    {
        var ok = ValueConversion.TryValueFromAst(Parser.ParseValue(literal), T(type), vars, out var value);
        return (ok, value);
    }

    [Fact]
    public void Null_literal_is_valid_for_nullable_types_only()
    {
        Assert.Equal((true, (object?)null), Coerce("null", "Int"));
        Assert.False(Coerce("null", "Int!").ok);
    }

    [Fact]
    public void A_single_item_is_coerced_to_a_list_of_one()
    {
        var (ok, value) = Coerce("3", "[Int]");
        Assert.True(ok);
        Assert.Equal(new List<object?> { 3 }, value);
        Assert.False(Coerce("[1, \"x\"]", "[Int]").ok);
    }

    [Fact]
    public void Missing_variable_is_invalid_at_top_level_but_null_inside_a_nullable_list()
    {
        var vars = new Dictionary<string, object?> { ["present"] = 4 };
        Assert.False(Coerce("$missing", "Int", vars).ok);
        Assert.Equal(new List<object?> { 1, null, 4 }, Coerce("[1, $missing, $present]", "[Int]", vars).value);
        Assert.False(Coerce("[1, $missing]", "[Int!]", vars).ok);
        Assert.False(Coerce("$nul", "Int!", new Dictionary<string, object?> { ["nul"] = null }).ok);
    }

    [Fact]
    public void Input_object_applies_defaults_and_requires_non_null_fields()
    {
        var (ok, value) = Coerce("{x: 1, tags: \"a\"}", "Point");
        Assert.True(ok);
        var map = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.Equal(new[] { "x", "y", "tags" }, map.Keys);
        Assert.Equal(7, map["y"]);
        Assert.Equal(new List<object?> { "a" }, map["tags"]);
        Assert.False(Coerce("{y: 1}", "Point").ok);
        // A missing variable for a field counts as an absent field.
        Assert.Equal(7, ((Dictionary<string, object?>)Coerce("{x: 1, y: $v}", "Point", new Dictionary<string, object?>()).value!)["y"]);
        Assert.False(Coerce("[1]", "Point").ok);
    }

    [Fact]
    public void OneOf_input_requires_exactly_one_non_null_field()
    {
        Assert.True(Coerce("{a: 1}", "Choice").ok);
        Assert.False(Coerce("{a: 1, b: \"x\"}", "Choice").ok);
        Assert.False(Coerce("{a: null}", "Choice").ok);
        Assert.False(Coerce("{}", "Choice").ok);
    }

    [Fact]
    public void Enum_accepts_enum_literals_naming_its_values_only()
    {
        Assert.Equal((true, (object?)"RED"), Coerce("RED", "Colour"));
        Assert.False(Coerce("\"RED\"", "Colour").ok);
        Assert.False(Coerce("BLUE", "Colour").ok);
    }

    [Fact]
    public void Scalar_parse_literal_failure_is_invalid()
    {
        Assert.False(Coerce("1.5", "Int").ok);
        Assert.Equal((true, (object?)"12"), Coerce("12", "ID"));
    }

    [Fact]
    public void Untyped_values_keep_structure_and_look_up_variables()
    {
        var vars = new Dictionary<string, object?> { ["v"] = "var" };
        var value = ValueConversion.ValueFromAstUntyped(Parser.ParseValue("{a: [1, 2.5, \"s\", ENUM, true, null, $v], big: 3000000000, gone: $nope}"), vars);
        var map = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.Equal(new[] { "a", "big" }, map.Keys);
        Assert.Equal(new List<object?> { 1, 2.5, "s", "ENUM", true, null, "var" }, map["a"]);
        Assert.Equal(3000000000L, map["big"]);
    }

    [Fact]
    public void AstFromValue_prints_defaults_as_graphql_js_does()
    {
        string? Print(object? v, string type) => ValueConversion.AstFromValue(v, T(type)) is { } n ? Printer.Print(n) : null;
        Assert.Equal("[1]", Print(new List<object?> { 1 }, "[Int]"));
        Assert.Equal("1", Print(1, "[Int]"));
        Assert.Equal("{ x: 1, y: 7 }", Print(new Dictionary<string, object?> { ["x"] = 1, ["y"] = 7 }, "Point"));
        Assert.Equal("RED", Print("RED", "Colour"));
        Assert.Equal("123", Print("123", "ID"));
        Assert.Equal("\"abc\"", Print("abc", "ID"));
        Assert.Equal("1.5", Print(1.5, "Float"));
        Assert.Equal("1", Print(1.0, "Float"));
        Assert.Equal("null", Print(null, "Int"));
        Assert.Null(Print(null, "Int!"));
    }
}
