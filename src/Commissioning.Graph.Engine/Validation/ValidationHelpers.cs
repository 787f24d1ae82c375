using System.Text;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation;

/// <summary>Small utilities the rules share.</summary>
public static class ValidationHelpers
{
    /// <summary>A type reference as written: <c>[Int!]!</c>.</summary>
    public static string PrintType(TypeNode node)
    {
        var sb = new StringBuilder();
        Print(node, sb);
        return sb.ToString();

        static void Print(TypeNode n, StringBuilder sb)
        {
            switch (n)
            {
                case NamedTypeNode nt: sb.Append(nt.Name.Value); break;
                case ListTypeNode lt: sb.Append('['); Print(lt.Type, sb); sb.Append(']'); break;
                case NonNullTypeNode nn: Print(nn.Type, sb); sb.Append('!'); break;
            }
        }
    }

    /// <summary>The directives written on a node, or null for nodes that cannot carry directives.</summary>
    public static IReadOnlyList<DirectiveNode>? GetDirectives(SyntaxNode node) => node switch
    {
        ExecutableDefinitionNode e => e.Directives,
        VariableDefinitionNode v => v.Directives,
        SelectionNode s => s.Directives,
        TypeSystemDefinitionNode t => t.Directives,
        FieldDefinitionNode f => f.Directives,
        InputValueDefinitionNode i => i.Directives,
        EnumValueDefinitionNode ev => ev.Directives,
        _ => null,
    };

    /// <summary>True when some object type could be of both types (graphql-js doTypesOverlap, spec §5.5.2.3).</summary>
    public static bool DoTypesOverlap(Schema schema, ICompositeType a, ICompositeType b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is IAbstractType aa)
        {
            if (b is IAbstractType ba)
                return schema.GetPossibleTypes(aa).Any(t => schema.IsSubType(ba, t));
            return schema.IsSubType(aa, b);
        }
        if (b is IAbstractType bb) return schema.IsSubType(bb, a);
        return false;
    }

    /// <summary>The location a directive on <paramref name="appliedTo"/> would be used at, or null when unknown.</summary>
    public static DirectiveLocation? GetDirectiveLocation(SyntaxNode appliedTo, SyntaxNode? grandParent) => appliedTo switch
    {
        OperationDefinitionNode op => op.Operation switch
        {
            OperationType.Query => DirectiveLocation.QUERY,
            OperationType.Mutation => DirectiveLocation.MUTATION,
            _ => DirectiveLocation.SUBSCRIPTION,
        },
        FieldNode => DirectiveLocation.FIELD,
        FragmentSpreadNode => DirectiveLocation.FRAGMENT_SPREAD,
        InlineFragmentNode => DirectiveLocation.INLINE_FRAGMENT,
        FragmentDefinitionNode => DirectiveLocation.FRAGMENT_DEFINITION,
        VariableDefinitionNode => DirectiveLocation.VARIABLE_DEFINITION,
        SchemaDefinitionNode or SchemaExtensionNode => DirectiveLocation.SCHEMA,
        ScalarTypeDefinitionNode => DirectiveLocation.SCALAR,
        ObjectTypeDefinitionNode => DirectiveLocation.OBJECT,
        FieldDefinitionNode => DirectiveLocation.FIELD_DEFINITION,
        InterfaceTypeDefinitionNode => DirectiveLocation.INTERFACE,
        UnionTypeDefinitionNode => DirectiveLocation.UNION,
        EnumTypeDefinitionNode => DirectiveLocation.ENUM,
        EnumValueDefinitionNode => DirectiveLocation.ENUM_VALUE,
        InputObjectTypeDefinitionNode => DirectiveLocation.INPUT_OBJECT,
        // graphql-js: an input value inside an input object *definition* is an input field, otherwise an argument.
        InputValueDefinitionNode => grandParent is InputObjectTypeDefinitionNode { IsExtension: false }
            ? DirectiveLocation.INPUT_FIELD_DEFINITION : DirectiveLocation.ARGUMENT_DEFINITION,
        DirectiveDefinitionNode => DirectiveLocation.DIRECTIVE_DEFINITION,
        _ => null,
    };

    /// <summary>Names of the specified scalars and introspection types, allowed in SDL without definition.</summary>
    public static readonly IReadOnlyList<string> StandardTypeNames = new[]
    {
        "String", "Int", "Float", "Boolean", "ID",
        "__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind",
    };
}
