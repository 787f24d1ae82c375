namespace Commissioning.Graph.Engine.Language;

// The abstract syntax tree of GraphQL documents (spec §2 "Language" and §3 "Type System").
// Nodes are immutable; every node carries the span of source text it was parsed from.

/// <summary>A span of the source: character offsets plus the 1-based line and column of its start.</summary>
public readonly record struct SourceLocation(int Start, int End, int Line, int Column)
{
    public static readonly SourceLocation None = default;
}

public enum OperationType { Query, Mutation, Subscription }

public abstract class SyntaxNode
{
    public SourceLocation Location { get; init; }
}

public sealed class NameNode : SyntaxNode
{
    public NameNode(string value) => Value = value;
    public string Value { get; }
    public override string ToString() => Value;
}

public sealed class DocumentNode : SyntaxNode
{
    public required IReadOnlyList<DefinitionNode> Definitions { get; init; }
    /// <summary>The source text the document was parsed from, when known (for error messages).</summary>
    public string? Source { get; init; }
}

public abstract class DefinitionNode : SyntaxNode { }

public abstract class ExecutableDefinitionNode : DefinitionNode
{
    /// <summary>A description on an operation or fragment (graphql-js 17 and the September 2025 edition; never on the query shorthand).</summary>
    public StringValueNode? Description { get; init; }
    public NameNode? Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = Array.Empty<DirectiveNode>();
    public required SelectionSetNode SelectionSet { get; init; }
}

public sealed class OperationDefinitionNode : ExecutableDefinitionNode
{
    public OperationType Operation { get; init; }
    public IReadOnlyList<VariableDefinitionNode> VariableDefinitions { get; init; } = Array.Empty<VariableDefinitionNode>();
}

public sealed class FragmentDefinitionNode : ExecutableDefinitionNode
{
    public new required NameNode Name { get => base.Name!; init => base.Name = value; }
    public required NamedTypeNode TypeCondition { get; init; }
}

public sealed class VariableDefinitionNode : SyntaxNode
{
    public StringValueNode? Description { get; init; }
    public required VariableNode Variable { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = Array.Empty<DirectiveNode>();
}

public sealed class SelectionSetNode : SyntaxNode
{
    public required IReadOnlyList<SelectionNode> Selections { get; init; }
}

public abstract class SelectionNode : SyntaxNode
{
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = Array.Empty<DirectiveNode>();
}

public sealed class FieldNode : SelectionNode
{
    public NameNode? Alias { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = Array.Empty<ArgumentNode>();
    public SelectionSetNode? SelectionSet { get; init; }
    /// <summary>The response key: the alias when present, otherwise the field name (spec §2.7).</summary>
    public string ResponseKey => Alias?.Value ?? Name.Value;
}

public sealed class FragmentSpreadNode : SelectionNode
{
    public required NameNode Name { get; init; }
}

public sealed class InlineFragmentNode : SelectionNode
{
    public NamedTypeNode? TypeCondition { get; init; }
    public required SelectionSetNode SelectionSet { get; init; }
}

public sealed class ArgumentNode : SyntaxNode
{
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
}

public sealed class DirectiveNode : SyntaxNode
{
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = Array.Empty<ArgumentNode>();
}

// ---- Values (spec §2.9) ----

public abstract class ValueNode : SyntaxNode { }

public sealed class VariableNode : ValueNode
{
    public required NameNode Name { get; init; }
}

public sealed class IntValueNode : ValueNode
{
    public IntValueNode(string value) => Value = value;
    /// <summary>The literal's text, as written.</summary>
    public string Value { get; }
}

public sealed class FloatValueNode : ValueNode
{
    public FloatValueNode(string value) => Value = value;
    public string Value { get; }
}

public sealed class StringValueNode : ValueNode
{
    public StringValueNode(string value, bool block = false) { Value = value; Block = block; }
    /// <summary>The string value after escape processing (and block-string dedent).</summary>
    public string Value { get; }
    public bool Block { get; }
}

public sealed class BooleanValueNode : ValueNode
{
    public BooleanValueNode(bool value) => Value = value;
    public bool Value { get; }
}

public sealed class NullValueNode : ValueNode { }

public sealed class EnumValueNode : ValueNode
{
    public EnumValueNode(string value) => Value = value;
    public string Value { get; }
}

public sealed class ListValueNode : ValueNode
{
    public required IReadOnlyList<ValueNode> Values { get; init; }
}

public sealed class ObjectValueNode : ValueNode
{
    public required IReadOnlyList<ObjectFieldNode> Fields { get; init; }
}

public sealed class ObjectFieldNode : SyntaxNode
{
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
}

// ---- Type references (spec §2.11) ----

public abstract class TypeNode : SyntaxNode { }

public sealed class NamedTypeNode : TypeNode
{
    public required NameNode Name { get; init; }
}

public sealed class ListTypeNode : TypeNode
{
    public required TypeNode Type { get; init; }
}

public sealed class NonNullTypeNode : TypeNode
{
    /// <summary>A named or list type; never another non-null type.</summary>
    public required TypeNode Type { get; init; }
}

// ---- Type system definitions (spec §3) ----

public abstract class TypeSystemDefinitionNode : DefinitionNode
{
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = Array.Empty<DirectiveNode>();
}

public sealed class SchemaDefinitionNode : TypeSystemDefinitionNode
{
    public StringValueNode? Description { get; init; }
    public required IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; }
}

public sealed class SchemaExtensionNode : TypeSystemDefinitionNode
{
    public IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; } = Array.Empty<OperationTypeDefinitionNode>();
}

public sealed class OperationTypeDefinitionNode : SyntaxNode
{
    public OperationType Operation { get; init; }
    public required NamedTypeNode Type { get; init; }
}

/// <summary>A type definition or a type extension; both name the type they describe.</summary>
public abstract class TypeDefinitionNode : TypeSystemDefinitionNode
{
    public required NameNode Name { get; init; }
    /// <summary>Null for extensions, which have no description.</summary>
    public StringValueNode? Description { get; init; }
    public bool IsExtension { get; init; }
}

public sealed class ScalarTypeDefinitionNode : TypeDefinitionNode { }

public sealed class ObjectTypeDefinitionNode : TypeDefinitionNode
{
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = Array.Empty<NamedTypeNode>();
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = Array.Empty<FieldDefinitionNode>();
}

public sealed class InterfaceTypeDefinitionNode : TypeDefinitionNode
{
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = Array.Empty<NamedTypeNode>();
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = Array.Empty<FieldDefinitionNode>();
}

public sealed class UnionTypeDefinitionNode : TypeDefinitionNode
{
    public IReadOnlyList<NamedTypeNode> Types { get; init; } = Array.Empty<NamedTypeNode>();
}

public sealed class EnumTypeDefinitionNode : TypeDefinitionNode
{
    public IReadOnlyList<EnumValueDefinitionNode> Values { get; init; } = Array.Empty<EnumValueDefinitionNode>();
}

public sealed class InputObjectTypeDefinitionNode : TypeDefinitionNode
{
    public IReadOnlyList<InputValueDefinitionNode> Fields { get; init; } = Array.Empty<InputValueDefinitionNode>();
}

public sealed class FieldDefinitionNode : SyntaxNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = Array.Empty<InputValueDefinitionNode>();
    public required TypeNode Type { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = Array.Empty<DirectiveNode>();
}

/// <summary>An argument definition or an input object field definition.</summary>
public sealed class InputValueDefinitionNode : SyntaxNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = Array.Empty<DirectiveNode>();
}

public sealed class EnumValueDefinitionNode : SyntaxNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = Array.Empty<DirectiveNode>();
}

public sealed class DirectiveDefinitionNode : TypeSystemDefinitionNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = Array.Empty<InputValueDefinitionNode>();
    public bool Repeatable { get; init; }
    public required IReadOnlyList<NameNode> Locations { get; init; }
}
