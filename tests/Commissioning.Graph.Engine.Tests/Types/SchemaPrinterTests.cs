using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Types;

public class SchemaPrinterTests
{
    [Fact]
    public void Prints_the_kitchen_sink_exactly_as_graphql_js_printSchema() =>
        Assert.Equal(KitchenSink.Printed, SchemaPrinter.Print(SdlSchemaBuilder.Build(KitchenSink.Sdl)));

    [Fact]
    public void Printing_is_stable_across_a_build_round_trip()
    {
        var once = SchemaPrinter.Print(SdlSchemaBuilder.Build(KitchenSink.Sdl));
        Assert.Equal(once, SchemaPrinter.Print(SdlSchemaBuilder.Build(once)));
        var withApplied = SchemaPrinter.PrintIncludingAppliedDirectives(SdlSchemaBuilder.Build(KitchenSink.Sdl));
        Assert.Equal(withApplied, SchemaPrinter.PrintIncludingAppliedDirectives(SdlSchemaBuilder.Build(withApplied)));
    }

    [Fact]
    public void Schema_block_is_left_out_for_conventional_root_names()
    {
        Assert.Equal("type Query {\n  a: Int\n}", SchemaPrinter.Print(SdlSchemaBuilder.Build("schema { query: Query } type Query { a: Int }")));
        Assert.StartsWith("\"\"\"d\"\"\"\nschema {\n  query: Query\n}", SchemaPrinter.Print(SdlSchemaBuilder.Build("\"d\" schema { query: Query } type Query { a: Int }")));
    }

    [Fact]
    public void Applied_directives_are_printed_where_the_grammar_places_them()
    {
        var sdl = """
            directive @key(fields: String!) repeatable on OBJECT
            directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | ARGUMENT_DEFINITION | ENUM_VALUE | INPUT_FIELD_DEFINITION | SCALAR | UNION | ENUM | INPUT_OBJECT | SCHEMA
            extend schema @policy(policies: [["s"]])
            type Query implements Node @key(fields: "id") @key(fields: "b") { id: ID! a(x: Int @policy(policies: [["x"]])): Int @deprecated @policy(policies: [["a", "b"]]) }
            interface Node { id: ID! }
            scalar Date @specifiedBy(url: "u") @policy(policies: [])
            union U @policy(policies: []) = Query
            enum E @policy(policies: []) { A @policy(policies: []) @deprecated(reason: "r") }
            input I @oneOf @policy(policies: []) { a: Int = 1 @policy(policies: []) }
            """;
        Assert.Equal("""
            directive @key(fields: String!) repeatable on OBJECT

            directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | ARGUMENT_DEFINITION | ENUM_VALUE | INPUT_FIELD_DEFINITION | SCALAR | UNION | ENUM | INPUT_OBJECT | SCHEMA

            type Query implements Node {
              id: ID!
              a(x: Int): Int @deprecated
            }
            """ + "\n\n" + """
            interface Node {
              id: ID!
            }

            scalar Date @specifiedBy(url: "u")

            union U = Query

            enum E {
              A @deprecated(reason: "r")
            }

            input I @oneOf {
              a: Int = 1
            }
            """, SchemaPrinter.Print(SdlSchemaBuilder.Build(sdl)));
        Assert.Equal("""
            schema @policy(policies: [["s"]]) {
              query: Query
            }

            directive @key(fields: String!) repeatable on OBJECT

            directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | ARGUMENT_DEFINITION | ENUM_VALUE | INPUT_FIELD_DEFINITION | SCALAR | UNION | ENUM | INPUT_OBJECT | SCHEMA

            type Query implements Node @key(fields: "id") @key(fields: "b") {
              id: ID!
              a(x: Int @policy(policies: [["x"]])): Int @deprecated @policy(policies: [["a", "b"]])
            }
            """ + "\n\n" + """
            interface Node {
              id: ID!
            }

            scalar Date @specifiedBy(url: "u") @policy(policies: [])

            union U @policy(policies: []) = Query

            enum E @policy(policies: []) {
              A @deprecated(reason: "r") @policy(policies: [])
            }

            input I @oneOf @policy(policies: []) {
              a: Int = 1 @policy(policies: [])
            }
            """, SchemaPrinter.PrintIncludingAppliedDirectives(SdlSchemaBuilder.Build(sdl)));
    }

    [Theory]
    [InlineData("simple", "\"\"\"simple\"\"\"\n")]
    [InlineData("\nleading newline", "\"\\nleading newline\"\n")]
    [InlineData("  indented", "\"\"\"  indented\"\"\"\n")]
    [InlineData("ends with \"", "\"\"\"\nends with \"\n\"\"\"\n")]
    public void Descriptions_are_block_strings_when_they_read_back_unchanged(string description, string expectedPrefix)
    {
        var scalar = new ScalarType("S") { Description = description };
        Assert.Equal(expectedPrefix + "scalar S", SchemaPrinter.PrintType(scalar));
    }
}
