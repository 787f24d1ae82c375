using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation;

/// <summary>
/// The per-rule visitor of the validation walk, shaped like a graphql-js visitor: every method is
/// a no-op unless overridden. The walker calls <c>EnterXxx</c> before a node's children and
/// <c>LeaveXxx</c> after them. For every node it first calls <see cref="EnterNode"/> (and calls
/// <see cref="LeaveNode"/> last). Every value — including variables, lists and objects — gets
/// <see cref="EnterValue"/>; lists and objects additionally get <see cref="EnterListValue"/> /
/// <see cref="EnterObjectValue"/> (after <see cref="EnterValue"/>). The variable a
/// <see cref="VariableDefinitionNode"/> declares is not a value and is not visited as one.
/// Descriptions are not visited (graphql-js 16 skips them too).
/// <para>
/// Calling <see cref="SkipChildren"/> from an <c>EnterXxx</c> method is graphql-js's
/// <c>return false</c>: this visitor sees none of the node's descendants and not its Leave calls;
/// the other rules' visitors are unaffected.
/// </para>
/// </summary>
public abstract class ValidationVisitor
{
    internal bool SkipRequested;

    /// <summary>What a rule's <c>CreateVisitor</c> returns when the rule cannot apply to the document: the walker
    /// leaves it out, so a rule about a directive the document never names costs nothing per node.</summary>
    public static readonly ValidationVisitor None = new NoneVisitor();

    private sealed class NoneVisitor : ValidationVisitor { }

    /// <summary>Skips the children (and the Leave calls) of the node being entered, for this visitor only.</summary>
    protected void SkipChildren() => SkipRequested = true;

    public virtual void EnterNode(SyntaxNode node) { }
    public virtual void LeaveNode(SyntaxNode node) { }

    // ---- Executable definitions (§2) ----
    public virtual void EnterDocument(DocumentNode node) { }
    public virtual void LeaveDocument(DocumentNode node) { }
    public virtual void EnterOperationDefinition(OperationDefinitionNode node) { }
    public virtual void LeaveOperationDefinition(OperationDefinitionNode node) { }
    public virtual void EnterFragmentDefinition(FragmentDefinitionNode node) { }
    public virtual void LeaveFragmentDefinition(FragmentDefinitionNode node) { }
    public virtual void EnterVariableDefinition(VariableDefinitionNode node) { }
    public virtual void LeaveVariableDefinition(VariableDefinitionNode node) { }
    public virtual void EnterSelectionSet(SelectionSetNode node) { }
    public virtual void LeaveSelectionSet(SelectionSetNode node) { }
    public virtual void EnterField(FieldNode node) { }
    public virtual void LeaveField(FieldNode node) { }
    public virtual void EnterFragmentSpread(FragmentSpreadNode node) { }
    public virtual void LeaveFragmentSpread(FragmentSpreadNode node) { }
    public virtual void EnterInlineFragment(InlineFragmentNode node) { }
    public virtual void LeaveInlineFragment(InlineFragmentNode node) { }
    public virtual void EnterArgument(ArgumentNode node) { }
    public virtual void LeaveArgument(ArgumentNode node) { }
    public virtual void EnterDirective(DirectiveNode node) { }
    public virtual void LeaveDirective(DirectiveNode node) { }

    // ---- Values (§2.9) ----
    public virtual void EnterValue(ValueNode node) { }
    public virtual void LeaveValue(ValueNode node) { }
    public virtual void EnterListValue(ListValueNode node) { }
    public virtual void LeaveListValue(ListValueNode node) { }
    public virtual void EnterObjectValue(ObjectValueNode node) { }
    public virtual void LeaveObjectValue(ObjectValueNode node) { }
    public virtual void EnterObjectField(ObjectFieldNode node) { }
    public virtual void LeaveObjectField(ObjectFieldNode node) { }

    // ---- Type references (§2.11) ----
    /// <summary>A named type reference: variable types, type conditions, and every type reference in SDL.</summary>
    public virtual void EnterNamedType(NamedTypeNode node) { }
    public virtual void LeaveNamedType(NamedTypeNode node) { }

    // ---- Type system definitions and extensions (§3), for SDL rules ----
    public virtual void EnterSchemaDefinition(SchemaDefinitionNode node) { }
    public virtual void LeaveSchemaDefinition(SchemaDefinitionNode node) { }
    public virtual void EnterSchemaExtension(SchemaExtensionNode node) { }
    public virtual void LeaveSchemaExtension(SchemaExtensionNode node) { }
    public virtual void EnterOperationTypeDefinition(OperationTypeDefinitionNode node) { }
    public virtual void LeaveOperationTypeDefinition(OperationTypeDefinitionNode node) { }
    /// <summary>Any type definition or extension (see <see cref="TypeDefinitionNode.IsExtension"/>); called before the kind-specific method.</summary>
    public virtual void EnterTypeDefinition(TypeDefinitionNode node) { }
    public virtual void LeaveTypeDefinition(TypeDefinitionNode node) { }
    public virtual void EnterScalarTypeDefinition(ScalarTypeDefinitionNode node) { }
    public virtual void LeaveScalarTypeDefinition(ScalarTypeDefinitionNode node) { }
    public virtual void EnterObjectTypeDefinition(ObjectTypeDefinitionNode node) { }
    public virtual void LeaveObjectTypeDefinition(ObjectTypeDefinitionNode node) { }
    public virtual void EnterInterfaceTypeDefinition(InterfaceTypeDefinitionNode node) { }
    public virtual void LeaveInterfaceTypeDefinition(InterfaceTypeDefinitionNode node) { }
    public virtual void EnterUnionTypeDefinition(UnionTypeDefinitionNode node) { }
    public virtual void LeaveUnionTypeDefinition(UnionTypeDefinitionNode node) { }
    public virtual void EnterEnumTypeDefinition(EnumTypeDefinitionNode node) { }
    public virtual void LeaveEnumTypeDefinition(EnumTypeDefinitionNode node) { }
    public virtual void EnterInputObjectTypeDefinition(InputObjectTypeDefinitionNode node) { }
    public virtual void LeaveInputObjectTypeDefinition(InputObjectTypeDefinitionNode node) { }
    public virtual void EnterFieldDefinition(FieldDefinitionNode node) { }
    public virtual void LeaveFieldDefinition(FieldDefinitionNode node) { }
    public virtual void EnterInputValueDefinition(InputValueDefinitionNode node) { }
    public virtual void LeaveInputValueDefinition(InputValueDefinitionNode node) { }
    public virtual void EnterEnumValueDefinition(EnumValueDefinitionNode node) { }
    public virtual void LeaveEnumValueDefinition(EnumValueDefinitionNode node) { }
    public virtual void EnterDirectiveDefinition(DirectiveDefinitionNode node) { }
    public virtual void LeaveDirectiveDefinition(DirectiveDefinitionNode node) { }
}
