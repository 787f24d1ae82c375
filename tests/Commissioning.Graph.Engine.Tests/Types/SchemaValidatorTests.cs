using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Types;

public class SchemaValidatorTests
{
    private static string Describe(IReadOnlyList<GraphQLError> errors) => string.Join(" | ",
        errors.Select(e => e.Message + " @" + string.Join(",", (e.Locations ?? Array.Empty<ErrorLocation>()).Select(l => l.Line + ":" + l.Column))));

    // Expected: graphql-js 16 validateSchema(buildSchema(sdl)) messages and locations ("" = valid).
    [Theory]
    [InlineData("type Mutation { a: Int }", "Query root type must be provided. @")]
    [InlineData("type Query { __a: Int }", "Name \"__a\" must not begin with \"__\", which is reserved by GraphQL introspection. @1:14")]
    [InlineData("type Query { a: Int } type Empty", "Type Empty must define one or more fields. @1:23")]
    [InlineData("type Query { a: Int } input I { a: Int } type T { f: I }", "The type of T.f must be Output Type but got: I. @1:54")]
    [InlineData("type Query { a(x: Query): Int }", "The type of Query.a(x:) must be Input Type but got: Query. @1:19")]
    [InlineData("type Query { a(x: Int! @deprecated): Int }", "Required argument Query.a(x:) cannot be deprecated. @1:24,1:19")]
    [InlineData("type Query { a: Int } input I { a: Int! @deprecated }", "Required input field I.a cannot be deprecated. @1:41,1:36")]
    [InlineData("type Query { a: Int } interface I { f: Int } type T implements I { g: Int }", "Interface field I.f expected but T does not provide it. @1:37,1:46")]
    [InlineData("type Query { a: Int } interface I { f: Int } type T implements I { f: String }", "Interface field I.f expects type Int but T.f is type String. @1:40,1:71")]
    [InlineData("type Query { a: Int } interface I { f: [Int] } type T implements I { f: [Int!]! }", "")]
    [InlineData("type Query { a: Int } interface I { f(x: Int): Int } type T implements I { f: Int }", "Interface field argument I.f(x:) expected but T.f does not provide it. @1:39,1:76")]
    [InlineData("type Query { a: Int } interface I { f(x: Int): Int } type T implements I { f(x: Int!): Int }", "Interface field argument I.f(x:) expects type Int but T.f(x:) is type Int!. @1:42,1:81")]
    [InlineData("type Query { a: Int } interface I { f: Int } type T implements I { f(y: Int!): Int }", "Object field T.f includes required argument y that is missing from the Interface field I.f. @1:70,1:37")]
    [InlineData("type Query { a: Int } interface I { f: Int } type T implements I { f(y: Int! = 1, z: Int): Int }", "")]
    [InlineData("type Query { a: Int } interface A { f: Int } interface B implements A { f: Int } type T implements B { f: Int }", "Type T must implement A because it is implemented by B. @1:69,1:100")]
    [InlineData("type Query { a: Int } interface A implements A { f: Int }", "Type A cannot implement itself because it would create a circular reference. @1:46")]
    [InlineData("type Query { a: Int } interface A implements B { f: Int } interface B implements A { f: Int }", "Type A cannot implement B because it would create a circular reference. @1:82,1:46 | Type B cannot implement A because it would create a circular reference. @1:46,1:82")]
    [InlineData("type Query { a: Int } type T implements I & I { f: Int } interface I { f: Int }", "Type T can only implement I once. @1:41,1:45")]
    [InlineData("type Query { a: Int } union U", "Union type U must define one or more member types. @1:23")]
    [InlineData("type Query { a: Int } type A { a: Int } union U = A | A", "Union type U can only include type A once. @1:51,1:55")]
    [InlineData("type Query { a: Int } enum E", "Enum type E must define one or more values. @1:23")]
    [InlineData("type Query { a: Int } input I", "Input Object type I must define one or more fields. @1:23")]
    // graphql-js 17: input objects must admit a finite value (non-null cycles; for @oneOf, every field a cycle).
    [InlineData("type Query { a: Int } input A { b: B! } input B { a: A! }", "Input Object A cannot be provided a finite value because it references itself through fields: A.b, B.a. @1:33,1:51")]
    [InlineData("type Query { a: Int } input A { self: A! c: [A!]! d: A }", "Input Object A cannot be provided a finite value because it references itself through fields: A.self. @1:33")]
    [InlineData("type Query { a: Int } input A @oneOf { b: B } input B @oneOf { a: A }", "Input Object A cannot be provided a finite value because it references itself through fields: A.b, B.a. @1:40,1:64")]
    [InlineData("type Query { a: Int } input O @oneOf { a: Int! b: String = \"x\" }", "OneOf input field O.a must be nullable. @1:43 | OneOf input field O.b cannot have a default value. @1:48")]
    [InlineData("directive @d on FIELD type Query { a: Int } directive @e(__x: Int, y: Query, z: Int! @deprecated) on FIELD", "Name \"__x\" must not begin with \"__\", which is reserved by GraphQL introspection. @1:58 | The type of @e(y:) must be Input Type but got: Query. @1:68 | Required argument @e(z:) cannot be deprecated. @1:86,1:81")]
    [InlineData("schema { mutation: M } type M { a: Int }", "Query root type must be provided. @1:1")]
    [InlineData("type Query { a: Int } enum E { __A B }", "Name \"__A\" must not begin with \"__\", which is reserved by GraphQL introspection. @1:32")]
    public void Reports_the_errors_graphql_js_reports(string sdl, string expected) =>
        Assert.Equal(expected, Describe(SchemaValidator.Validate(SdlSchemaBuilder.Build(sdl))));

    [Fact]
    public void Kitchen_sink_schema_is_valid() => Assert.Empty(SchemaValidator.Validate(SdlSchemaBuilder.Build(KitchenSink.Sdl)));

    [Fact]
    public void Result_is_computed_once_per_schema()
    {
        var schema = SdlSchemaBuilder.Build("type Query { a: Int } enum E");
        Assert.Same(SchemaValidator.Validate(schema), SchemaValidator.Validate(schema));
        Assert.Throws<GraphQLException>(() => SchemaValidator.AssertValid(schema));
    }

    [Theory]
    [InlineData("type Query { a: Int } input A { b: [A!] = [null] }", "A.b")]
    [InlineData("type Query { f(x: Int = \"no\"): Int }", "Query.f(x:)")]
    [InlineData("directive @d(x: Boolean! = 1) on FIELD type Query { a: Int }", "@d(x:)")]
    [InlineData("type Query { f(x: E = Z): Int } enum E { A }", "Query.f(x:)")]
    public void Invalid_default_values_make_the_schema_invalid_as_in_graphql_js_17(string sdl, string coordinate)
    {
        var errors = SchemaValidator.Validate(SdlSchemaBuilder.Build(sdl));
        Assert.Contains(errors, e => e.Message.StartsWith(coordinate + " has invalid default value", StringComparison.Ordinal));
    }
}
