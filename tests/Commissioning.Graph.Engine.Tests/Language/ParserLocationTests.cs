using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Tests.Language;

// Every node's location is that of its first token (graphql-js node.loc.startToken), spanning to its last token.
public class ParserLocationTests
{
    private const string Query =
        "query Q($id: ID! = 1 @d) @op {\n" +
        "  alias: field(arg: {key: [1, $id]}) @dir(a: true) {\n" +
        "    ...Spread @s\n" +
        "    ... on T { x }\n" +
        "  }\n" +
        "}\n" +
        "fragment Spread on T { y }";

    private static (int Line, int Column) At(SyntaxNode node) => (node.Location.Line, node.Location.Column);

    [Fact]
    public void Executable_nodes_start_at_their_first_token()
    {
        var document = Parser.Parse(Query);
        Assert.Same(Query, document.Source);
        Assert.Equal(new SourceLocation(0, Query.Length, 1, 1), document.Location);

        var operation = (OperationDefinitionNode)document.Definitions[0];
        Assert.Equal((1, 1), At(operation));
        Assert.Equal((1, 7), At(operation.Name!));
        var variable = operation.VariableDefinitions[0];
        Assert.Equal((1, 9), At(variable));                 // at `$`
        Assert.Equal((1, 9), At(variable.Variable));
        Assert.Equal((1, 14), At(variable.Type));            // NonNull starts at its named type
        Assert.Equal((1, 14), At(((NonNullTypeNode)variable.Type).Type));
        Assert.Equal((1, 20), At(variable.DefaultValue!));
        Assert.Equal((1, 22), At(variable.Directives[0]));   // at `@`
        Assert.Equal((1, 26), At(operation.Directives[0]));
        Assert.Equal((1, 30), At(operation.SelectionSet));   // at `{`

        var field = (FieldNode)operation.SelectionSet.Selections[0];
        Assert.Equal((2, 3), At(field));                     // at the alias
        Assert.Equal((2, 10), At(field.Name));
        var argument = field.Arguments[0];
        Assert.Equal((2, 16), At(argument));
        var obj = (ObjectValueNode)argument.Value;
        Assert.Equal((2, 21), At(obj));
        Assert.Equal((2, 22), At(obj.Fields[0]));            // object field at its name
        var list = (ListValueNode)obj.Fields[0].Value;
        Assert.Equal((2, 27), At(list));
        Assert.Equal((2, 31), At(list.Values[1]));           // variable at `$`
        Assert.Equal((2, 38), At(field.Directives[0]));
        Assert.Equal((2, 38), At(field.Directives[0]));
        Assert.Equal((2, 43), At(field.Directives[0].Arguments[0]));

        var spread = (FragmentSpreadNode)field.SelectionSet!.Selections[0];
        Assert.Equal((3, 5), At(spread));                    // at `...`
        Assert.Equal((3, 15), At(spread.Directives[0]));
        var inline = (InlineFragmentNode)field.SelectionSet.Selections[1];
        Assert.Equal((4, 5), At(inline));
        Assert.Equal((4, 12), At(inline.TypeCondition!));

        var fragment = (FragmentDefinitionNode)document.Definitions[1];
        Assert.Equal((7, 1), At(fragment));
        Assert.Equal((7, 20), At(fragment.TypeCondition));
    }

    [Fact]
    public void Location_spans_from_first_to_last_token()
    {
        const string source = "{ a(x: [1, 2]) }";
        var document = Parser.Parse(source);
        var field = (FieldNode)((OperationDefinitionNode)document.Definitions[0]).SelectionSet.Selections[0];
        Assert.Equal("a(x: [1, 2])", source[field.Location.Start..field.Location.End]);
        Assert.Equal("[1, 2]", source[field.Arguments[0].Value.Location.Start..field.Arguments[0].Value.Location.End]);
    }

    [Fact]
    public void Type_system_nodes_start_at_their_description_when_present()
    {
        const string sdl =
            "\"\"\"Doc\"\"\"\n" +
            "type T implements I & J @k {\n" +
            "  \"f\" f(\"a\" a: [Int!]! = [1]): String @deprecated\n" +
            "}\n" +
            "extend type T @x\n" +
            "directive @d(a: Int) repeatable on FIELD | QUERY\n" +
            "enum E { \"v\" V }";
        var document = Parser.Parse(sdl);

        var type = (ObjectTypeDefinitionNode)document.Definitions[0];
        Assert.Equal((1, 1), At(type));
        Assert.Equal((1, 1), At(type.Description!));
        Assert.True(type.Description!.Block);
        Assert.Equal((2, 19), At(type.Interfaces[0]));
        var field = type.Fields[0];
        Assert.Equal((3, 3), At(field));
        Assert.Equal((3, 7), At(field.Name));
        Assert.Equal((3, 9), At(field.Arguments[0]));
        Assert.Equal((3, 16), At(field.Arguments[0].Type)); // list type at `[`
        Assert.Equal((5, 1), At(document.Definitions[1]));
        Assert.True(((ObjectTypeDefinitionNode)document.Definitions[1]).IsExtension);
        var directive = (DirectiveDefinitionNode)document.Definitions[2];
        Assert.True(directive.Repeatable);
        Assert.Equal((6, 36), At(directive.Locations[0]));
        var value = ((EnumTypeDefinitionNode)document.Definitions[3]).Values[0];
        Assert.Equal((7, 10), At(value));
    }

    [Fact]
    public void NoLocation_leaves_nodes_without_locations()
    {
        var document = Parser.Parse("{ a }", new ParserOptions { NoLocation = true });
        Assert.Equal(SourceLocation.None, document.Definitions[0].Location);
    }
}
