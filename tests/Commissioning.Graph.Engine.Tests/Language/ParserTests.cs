using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Tests.Language;

public class ParserTests
{
    [Fact]
    public void Query_shorthand_is_an_anonymous_query()
    {
        var operation = (OperationDefinitionNode)Assert.Single(Parser.Parse("{ a }").Definitions);
        Assert.Equal(OperationType.Query, operation.Operation);
        Assert.Null(operation.Name);
        Assert.Empty(operation.VariableDefinitions);
        Assert.Equal("a", ((FieldNode)Assert.Single(operation.SelectionSet.Selections)).ResponseKey);
    }

    [Fact]
    public void Field_alias_arguments_directives_and_selection_set_are_parsed()
    {
        var operation = (OperationDefinitionNode)Parser.Parse("mutation M { k: f(a: 1, b: \"s\") @d { g } }").Definitions[0];
        Assert.Equal(OperationType.Mutation, operation.Operation);
        var field = (FieldNode)operation.SelectionSet.Selections[0];
        Assert.Equal(("k", "f", "k"), (field.Alias!.Value, field.Name.Value, field.ResponseKey));
        Assert.Equal(new[] { "a", "b" }, field.Arguments.Select(a => a.Name.Value));
        Assert.Equal("d", field.Directives[0].Name.Value);
        Assert.NotNull(field.SelectionSet);
    }

    [Fact]
    public void Values_of_every_kind_are_parsed()
    {
        var value = (ObjectValueNode)Parser.ParseValue(
            "{i: -12, f: 1.5e3, s: \"x\", b: \"\"\"y\"\"\", t: true, n: null, e: ENUM, l: [1, [2]], v: $var, o: {}}");
        var byName = value.Fields.ToDictionary(f => f.Name.Value, f => f.Value);
        Assert.Equal("-12", Assert.IsType<IntValueNode>(byName["i"]).Value);
        Assert.Equal("1.5e3", Assert.IsType<FloatValueNode>(byName["f"]).Value);
        Assert.False(Assert.IsType<StringValueNode>(byName["s"]).Block);
        Assert.True(Assert.IsType<StringValueNode>(byName["b"]).Block);
        Assert.True(Assert.IsType<BooleanValueNode>(byName["t"]).Value);
        Assert.IsType<NullValueNode>(byName["n"]);
        Assert.Equal("ENUM", Assert.IsType<EnumValueNode>(byName["e"]).Value);
        Assert.Equal(2, Assert.IsType<ListValueNode>(byName["l"]).Values.Count);
        Assert.Equal("var", Assert.IsType<VariableNode>(byName["v"]).Name.Value);
        Assert.Empty(Assert.IsType<ObjectValueNode>(byName["o"]).Fields);
    }

    [Fact]
    public void ParseType_builds_nested_list_and_non_null_types()
    {
        var type = Assert.IsType<NonNullTypeNode>(Parser.ParseType("[[Int!]]!"));
        var outer = Assert.IsType<ListTypeNode>(type.Type);
        var inner = Assert.IsType<ListTypeNode>(outer.Type);
        var named = Assert.IsType<NamedTypeNode>(Assert.IsType<NonNullTypeNode>(inner.Type).Type);
        Assert.Equal("Int", named.Name.Value);
        Assert.Throws<GraphQLSyntaxException>(() => Parser.ParseType("Int!!"));
    }

    [Fact]
    public void Default_values_must_be_constant()
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("query Q($x: Int = $y) { a }"));
        Assert.Equal("Syntax Error: Unexpected variable \"$y\" in constant value.", error.Errors[0].Message);
    }

    [Fact]
    public void Descriptions_on_operations_fragments_and_variables_are_accepted()
    {
        var document = Parser.Parse("\"op\" query Q(\"\"\"var\"\"\" $x: Int) { a } \"frag\" fragment F on T { a }");
        var operation = (OperationDefinitionNode)document.Definitions[0];
        Assert.Equal("op", operation.Description!.Value);
        Assert.Equal((1, 1), (operation.Location.Line, operation.Location.Column));
        Assert.Equal("var", operation.VariableDefinitions[0].Description!.Value);
        Assert.Equal("frag", ((FragmentDefinitionNode)document.Definitions[1]).Description!.Value);
    }

    [Fact]
    public void Implements_and_union_members_accept_a_leading_separator()
    {
        var document = Parser.Parse("interface I implements & A & B { a: Int } union U = | A | B directive @d on | FIELD");
        Assert.Equal(new[] { "A", "B" }, ((InterfaceTypeDefinitionNode)document.Definitions[0]).Interfaces.Select(i => i.Name.Value));
        Assert.Equal(new[] { "A", "B" }, ((UnionTypeDefinitionNode)document.Definitions[1]).Types.Select(i => i.Name.Value));
        Assert.Equal("FIELD", ((DirectiveDefinitionNode)document.Definitions[2]).Locations[0].Value);
    }

    [Fact]
    public void Every_extension_kind_is_parsed_as_an_extension()
    {
        var document = Parser.Parse(
            "extend schema @a extend scalar S @a extend type T @a extend interface I @a " +
            "extend union U = V extend enum E { X } extend input In { f: Int }");
        Assert.IsType<SchemaExtensionNode>(document.Definitions[0]);
        Assert.All(document.Definitions.Skip(1), d => Assert.True(((TypeDefinitionNode)d).IsExtension));
        Assert.Equal(new[] { "S", "T", "I", "U", "E", "In" }, document.Definitions.Skip(1).Select(d => ((TypeDefinitionNode)d).Name.Value));
    }

    [Fact]
    public void Kitchen_sink_documents_parse()
    {
        Assert.Equal(7, Parser.Parse(KitchenSink.Query).Definitions.Count);
        Assert.Equal(21, Parser.Parse(KitchenSink.Schema).Definitions.Count);
    }
}
