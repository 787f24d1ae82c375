using Commissioning.Graph.Engine.Introspection;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Types;

/// <summary>Schema coordinates resolve as graphql-js 17.1's resolveSchemaCoordinate resolves them: null
/// when the last part names nothing, an error when an earlier part is missing or of the wrong kind
/// (cases and messages checked against graphql-js 17.1.0 over the same schema).</summary>
public class SchemaCoordinateResolverTests
{
    private static readonly Schema Schema = SdlSchemaBuilder.Build(
        "directive @d(a: Int) on FIELD  enum E { A } input I { x: Int } interface N { id: ID } " +
        "type Query implements N { id: ID f(a: Int): String } union U = Query scalar S");

    [Theory]
    [InlineData("Query", SchemaElementKind.NamedType)]
    [InlineData("Query.f", SchemaElementKind.Field)]
    [InlineData("N.id", SchemaElementKind.Field)]
    [InlineData("Query.f(a:)", SchemaElementKind.FieldArgument)]
    [InlineData("@d", SchemaElementKind.Directive)]
    [InlineData("@d(a:)", SchemaElementKind.DirectiveArgument)]
    [InlineData("@deprecated(reason:)", SchemaElementKind.DirectiveArgument)]
    [InlineData("E.A", SchemaElementKind.EnumValue)]
    [InlineData("I.x", SchemaElementKind.InputField)]
    [InlineData("__Type.fields", SchemaElementKind.Field)]
    [InlineData("__Type.fields(includeDeprecated:)", SchemaElementKind.FieldArgument)]
    [InlineData("Query.__typename", SchemaElementKind.Field)]
    [InlineData("Query.__type(name:)", SchemaElementKind.FieldArgument)]
    [InlineData("String", SchemaElementKind.NamedType)]
    public void Resolves_each_kind_of_element(string coordinate, SchemaElementKind kind)
    {
        var element = SchemaCoordinateResolver.Resolve(Schema, coordinate);
        Assert.NotNull(element);
        Assert.Equal(kind, element.Kind);
    }

    [Fact]
    public void Resolved_elements_are_the_schemas_own_definitions()
    {
        var query = Schema.QueryType!;
        var argument = SchemaCoordinateResolver.Resolve(Schema, "Query.f(a:)")!;
        Assert.Same(query, argument.Type);
        Assert.Same(query.Fields["f"], argument.Field);
        Assert.Same(query.Fields["f"].Arguments["a"], argument.Argument);
        Assert.Same(IntrospectionSchema.TypeNameMetaField, SchemaCoordinateResolver.Resolve(Schema, "N.__typename")!.Field);
        Assert.Same(Schema.GetDirective("d"), SchemaCoordinateResolver.Resolve(Schema, "@d")!.Directive);
        Assert.Equal("A", SchemaCoordinateResolver.Resolve(Schema, "E.A")!.EnumValue!.Name);
    }

    [Theory]
    [InlineData("Nope")]
    [InlineData("Mutation")]
    [InlineData("Query.nope")]
    [InlineData("Query.f(b:)")]
    [InlineData("E.B")]
    [InlineData("I.y")]
    [InlineData("@nope")]
    [InlineData("@d(b:)")]
    [InlineData("N.__schema")]
    public void An_unknown_last_part_resolves_to_null(string coordinate) =>
        Assert.Null(SchemaCoordinateResolver.Resolve(Schema, coordinate));

    [Theory]
    [InlineData("Nope.f", "Expected \"Nope\" to be defined as a type in the schema.")]
    [InlineData("Nope.f(a:)", "Expected \"Nope\" to be defined as a type in the schema.")]
    [InlineData("Query.nope(a:)", "Expected \"nope\" to exist as a field of type \"Query\" in the schema.")]
    [InlineData("S.x", "Expected \"S\" to be an Enum, Input Object, Object or Interface type.")]
    [InlineData("U.x", "Expected \"U\" to be an Enum, Input Object, Object or Interface type.")]
    [InlineData("E.A(x:)", "Expected \"E\" to be an object type or interface type.")]
    [InlineData("I.x(y:)", "Expected \"I\" to be an object type or interface type.")]
    [InlineData("@nope(a:)", "Expected \"nope\" to be defined as a directive in the schema.")]
    public void A_missing_or_wrong_kind_of_leading_part_is_an_error(string coordinate, string message)
    {
        var error = Assert.Throws<SchemaCoordinateException>(() => SchemaCoordinateResolver.Resolve(Schema, coordinate));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_malformed_coordinate_is_a_syntax_error() =>
        Assert.Throws<GraphQLSyntaxException>(() => SchemaCoordinateResolver.Resolve(Schema, "Query.f(a)"));
}
