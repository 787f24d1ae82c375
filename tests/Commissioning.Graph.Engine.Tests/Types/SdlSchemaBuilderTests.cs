using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Types;

public class SdlSchemaBuilderTests
{
    private static readonly Schema Kitchen = SdlSchemaBuilder.Build(KitchenSink.Sdl);

    [Fact]
    public void Roots_come_from_the_schema_definition_and_its_extensions()
    {
        Assert.Equal("Root", Kitchen.QueryType!.Name);
        Assert.Equal("Mut", Kitchen.MutationType!.Name);
        Assert.Equal("Sub", Kitchen.SubscriptionType!.Name);
        Assert.Single(Kitchen.ExtensionAstNodes);
        Assert.Equal("link", Assert.Single(Kitchen.AppliedDirectives).Name.Value);
    }

    [Fact]
    public void Default_root_names_are_used_without_a_schema_definition()
    {
        var s = SdlSchemaBuilder.Build("type Query { a: Int } type Mutation { b: Int } type Subscription { c: Int }");
        Assert.Equal(("Query", "Mutation", "Subscription"), (s.QueryType!.Name, s.MutationType!.Name, s.SubscriptionType!.Name));
    }

    [Fact]
    public void Extensions_append_fields_members_values_and_input_fields_in_document_order()
    {
        var root = (ObjectType)Kitchen.GetType("Root")!;
        Assert.Equal(new[] { "node", "old", "older", "search", "when" }, root.Fields.Keys);
        Assert.Single(root.ExtensionAstNodes);
        Assert.Equal(new[] { "Person", "Org" }, ((UnionType)Kitchen.GetType("Result")!).Types.Select(t => t.Name));
        Assert.Equal(new[] { "A", "B", "C" }, ((EnumType)Kitchen.GetType("Kind")!).Values.Keys);
        Assert.Equal(new[] { "kind", "limit", "ids", "after" }, ((InputObjectType)Kitchen.GetType("Filter")!).Fields.Keys);
        Assert.Equal(new[] { "Node", "Named" }, ((ObjectType)Kitchen.GetType("Person")!).Interfaces.Select(i => i.Name));
    }

    [Fact]
    public void Deprecation_specifiedBy_oneOf_and_descriptions_are_read_from_directives()
    {
        var root = (ObjectType)Kitchen.GetType("Root")!;
        Assert.Equal("No longer supported", root.Fields["old"].DeprecationReason);
        Assert.Equal("Use `new`.", root.Fields["older"].DeprecationReason);
        Assert.Equal("No longer supported", root.Fields["search"].Arguments["term"].DeprecationReason);
        Assert.Equal("gone", ((EnumType)Kitchen.GetType("Kind")!).Values["B"].DeprecationReason);
        Assert.Equal("https://example.com/date", ((ScalarType)Kitchen.GetType("Date")!).SpecifiedByUrl);
        Assert.True(((InputObjectType)Kitchen.GetType("Choice")!).IsOneOf);
        Assert.Equal("A node", Kitchen.GetType("Node")!.Description);
        Assert.Equal("weird\narg", root.Fields["node"].Arguments["opt"].Description);
        // graphql-js 17: reason is String!, so reason: null is an invalid schema (16 read it as "not deprecated").
        var error = Assert.Throws<GraphQLException>(() => SdlSchemaBuilder.Build("type Query { a: Int @deprecated(reason: null) }"));
        Assert.Contains("String!", error.Message);
    }

    [Fact]
    public void Applied_directives_are_recorded_on_types_fields_arguments_and_enum_values()
    {
        var person = (ObjectType)Kitchen.GetType("Person")!;
        Assert.Equal(new[] { "fields: \"id\"", "fields: \"name\"" },
            person.AppliedDirectives.Select(d => Printer.Print(d.Arguments[0])));
        var root = (ObjectType)Kitchen.GetType("Root")!;
        Assert.Equal("policy", Assert.Single(root.Fields["when"].AppliedDirectives).Name.Value);
        Assert.Equal("deprecated", Assert.Single(root.Fields["search"].Arguments["term"].AppliedDirectives).Name.Value);
        Assert.Equal("key", Assert.Single(root.AppliedDirectives).Name.Value);
    }

    [Fact]
    public void Default_values_are_coerced_and_kept_as_written()
    {
        var search = ((ObjectType)Kitchen.GetType("Root")!).Fields["search"];
        var filter = search.Arguments["filter"];
        Assert.True(filter.HasDefaultValue);
        var map = Assert.IsType<Dictionary<string, object?>>(filter.DefaultValue);
        // The input type's own defaults fill the fields the literal leaves out.
        Assert.Equal(new[] { "kind", "limit", "ids" }, map.Keys);
        Assert.Equal(5, map["limit"]);
        Assert.Equal(new List<object?> { "1", "b" }, map["ids"]);
        Assert.Equal("{ kind: A, limit: 5 }", Printer.Print(filter.DefaultValueLiteral!));
        var node = ((ObjectType)Kitchen.GetType("Root")!).Fields["node"];
        Assert.False(node.Arguments["id"].HasDefaultValue);
        // An invalid default leaves no default, as graphql-js's valueFromAST gives undefined.
        var s = SdlSchemaBuilder.Build("type Query { a(x: Int = \"no\"): Int }");
        Assert.False(s.QueryType!.Fields["a"].Arguments["x"].HasDefaultValue);
    }

    [Fact]
    public void Built_in_scalars_are_shared_and_custom_scalars_pass_values_through()
    {
        var root = (ObjectType)Kitchen.GetType("Root")!;
        Assert.Same(BuiltInScalars.ID, ((NonNullType)root.Fields["node"].Arguments["id"].Type).OfType);
        var json = (ScalarType)Kitchen.GetType("JSON")!;
        var value = new Dictionary<string, object?> { ["a"] = 1 };
        Assert.Same(value, json.Serialize(value));
        Assert.Same(value, json.ParseValue(value));
        Assert.Equal(new List<object?> { 1, "x" }, json.ParseLiteral(Parser.ParseValue("[1, \"x\"]"), null));
        var s = SdlSchemaBuilder.Build("scalar String type Query { a: String }");
        Assert.Same(BuiltInScalars.String, s.GetType("String"));
    }

    [Fact]
    public void Custom_directives_come_before_the_specified_ones()
    {
        Assert.Equal(new[] { "link", "key", "policy", "include", "skip", "deprecated", "specifiedBy", "oneOf" }, Kitchen.Directives.Select(d => d.Name));
        var key = Kitchen.GetDirective("key")!;
        Assert.True(key.IsRepeatable);
        Assert.Equal(new[] { DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE }, key.Locations);
        Assert.Equal(true, key.Arguments["resolvable"].DefaultValue);
    }

    [Fact]
    public void Type_map_lists_defined_types_in_document_order_before_built_ins()
    {
        var names = Kitchen.Types.Select(t => t.Name).Where(n => !n.StartsWith("__")).ToList();
        // Object.keys(buildSchema(sdl).getTypeMap()) in graphql-js 16.
        Assert.Equal(new[] { "Date", "JSON", "Node", "ID", "Named", "String", "Root", "Int", "Person", "Mut", "Boolean", "Sub", "Result", "Org", "Kind", "Filter", "Choice", "Unused", "Float" }, names);
    }

    [Theory]
    [InlineData("type Query { a: Missing }", "Unknown type \"Missing\".")]
    [InlineData("type Query { a: Int } type Query { b: Int }", "There can be only one type named \"Query\".")]
    [InlineData("type Query { a: Int } extend type Nope { b: Int }", "Cannot extend type \"Nope\" because it is not defined.")]
    [InlineData("type Query { a: Int } extend input Query { b: Int }", "Cannot extend non-input object type \"Query\".")]
    [InlineData("type Query { a: Int } extend type Query { a: Int }", "Field \"Query.a\" can only be defined once.")]
    [InlineData("input I { a: Int } type Query { a: I }", "")]
    [InlineData("schema { query: I } input I { a: Int }", "Query root type must be Object type, it cannot be I.")]
    [InlineData("interface I { a: Int } union U = I type Query { u: U }", "Union type U can only include Object types, it cannot include I.")]
    [InlineData("type Query { a: Int @deprecated(reason: 1) }", "Argument \"reason\" has invalid value 1.")]
    public void Documents_that_do_not_describe_a_schema_are_rejected(string sdl, string message)
    {
        if (message == "")
        {
            SdlSchemaBuilder.Build(sdl); // builds; validation reports the input type used as output
            return;
        }
        Assert.Equal(message, Assert.ThrowsAny<GraphQLException>(() => SdlSchemaBuilder.Build(sdl)).Message);
    }
}
