using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Types;

// The type system (spec §3): named types, wrapping types and their members.
// A schema's types are built once (from SDL or the code-first builder) and are immutable
// once the schema is constructed; execution reads them without locks.

/// <summary>Any GraphQL type: a named type, or a list or non-null wrapper around one.</summary>
public interface IGraphQLType { }

/// <summary>Types that may appear as output (spec §3.4 "Types", IsOutputType).</summary>
public interface IOutputType : IGraphQLType { }
/// <summary>Types that may appear as input (spec §3.4, IsInputType).</summary>
public interface IInputType : IGraphQLType { }

public sealed class ListType : IOutputType, IInputType
{
    public ListType(IGraphQLType ofType) => OfType = ofType;
    public IGraphQLType OfType { get; }
    public override string ToString() => "[" + OfType + "]";
}

public sealed class NonNullType : IOutputType, IInputType
{
    public NonNullType(IGraphQLType ofType)
    {
        if (ofType is NonNullType) throw new ArgumentException("A non-null type cannot wrap another non-null type.");
        OfType = ofType;
    }
    public IGraphQLType OfType { get; }
    public override string ToString() => OfType + "!";
}

public abstract class NamedType : IGraphQLType
{
    protected NamedType(string name) => Name = name;
    public string Name { get; }
    public string? Description { get; set; }
    /// <summary>The definition this type was built from, and its extensions, when built from SDL.</summary>
    public TypeDefinitionNode? AstNode { get; set; }
    public List<TypeDefinitionNode> ExtensionAstNodes { get; } = new();
    /// <summary>Directives applied to the type in SDL (e.g. <c>@key</c>, <c>@policy</c>), as written.</summary>
    public List<DirectiveNode> AppliedDirectives { get; } = new();
    public override string ToString() => Name;
}

/// <summary>Object, interface and union types: the types a selection set may select from.</summary>
public interface ICompositeType { string Name { get; } }
/// <summary>Interfaces and unions, which resolve to an object type at run time.</summary>
public interface IAbstractType : ICompositeType, IOutputType
{
    /// <summary>Picks the concrete object type of a value; null when it cannot tell.</summary>
    TypeResolver? ResolveType { get; }
}
/// <summary>Objects and interfaces, which declare fields.</summary>
public interface IComplexOutputType : ICompositeType, IOutputType
{
    IReadOnlyDictionary<string, FieldDefinition> Fields { get; }
    IReadOnlyList<InterfaceType> Interfaces { get; }
}

/// <summary>Returns the name of the object type of <paramref name="value"/>, or null.</summary>
public delegate string? TypeResolver(object? value, IResolveContext context);

public sealed class ScalarType : NamedType, IOutputType, IInputType
{
    public ScalarType(string name) : base(name) { }

    /// <summary>Result coercion (spec §3.5): internal value to serialisable value. Throws
    /// <see cref="CoercionException"/> when the value cannot be represented.</summary>
    public Func<object?, object?> Serialize { get; set; } = static v => v;
    /// <summary>Input coercion of a variable value (already decoded from JSON). Throws
    /// <see cref="CoercionException"/>.</summary>
    public Func<object?, object?> ParseValue { get; set; } = static v => v;
    /// <summary>Input coercion of a literal; variables inside it are resolved from the given values.
    /// Throws <see cref="CoercionException"/>.</summary>
    public Func<ValueNode, IReadOnlyDictionary<string, object?>?, object?> ParseLiteral { get; set; } = ValueConversion.ValueFromAstUntyped;
    public string? SpecifiedByUrl { get; set; }
    public bool IsBuiltIn { get; init; }
}

public sealed class ObjectType : NamedType, IComplexOutputType
{
    public ObjectType(string name) : base(name) { }
    public OrderedFields<FieldDefinition> Fields { get; } = new();
    IReadOnlyDictionary<string, FieldDefinition> IComplexOutputType.Fields => Fields;
    public List<InterfaceType> Interfaces { get; } = new();
    IReadOnlyList<InterfaceType> IComplexOutputType.Interfaces => Interfaces;
    /// <summary>Optional check that a value belongs to this type (used when an abstract type has no resolver).</summary>
    public Func<object?, IResolveContext, bool>? IsTypeOf { get; set; }
}

public sealed class InterfaceType : NamedType, IComplexOutputType, IAbstractType
{
    public InterfaceType(string name) : base(name) { }
    public OrderedFields<FieldDefinition> Fields { get; } = new();
    IReadOnlyDictionary<string, FieldDefinition> IComplexOutputType.Fields => Fields;
    public List<InterfaceType> Interfaces { get; } = new();
    IReadOnlyList<InterfaceType> IComplexOutputType.Interfaces => Interfaces;
    public TypeResolver? ResolveType { get; set; }
}

public sealed class UnionType : NamedType, IAbstractType
{
    public UnionType(string name) : base(name) { }
    public List<ObjectType> Types { get; } = new();
    public TypeResolver? ResolveType { get; set; }
}

public sealed class EnumType : NamedType, IOutputType, IInputType
{
    public EnumType(string name) : base(name) { }
    public OrderedFields<EnumValueDefinition> Values { get; } = new();

    /// <summary>Result coercion: the enum value whose internal value equals <paramref name="value"/>.</summary>
    public EnumValueDefinition? FindByInternalValue(object? value)
    {
        foreach (var v in Values.List)
            if (Equals(v.Value, value)) return v;
        return null;
    }
}

public sealed class EnumValueDefinition : INamedMember
{
    public EnumValueDefinition(string name, object? value = null) { Name = name; Value = value ?? name; }
    public string Name { get; }
    /// <summary>The internal value (for SDL-built schemas: the name).</summary>
    public object? Value { get; set; }
    public string? Description { get; set; }
    public string? DeprecationReason { get; set; }
    public bool IsDeprecated => DeprecationReason is not null;
    public EnumValueDefinitionNode? AstNode { get; set; }
    public List<DirectiveNode> AppliedDirectives { get; } = new();
}

public sealed class InputObjectType : NamedType, IInputType
{
    public InputObjectType(string name) : base(name) { }
    public OrderedFields<InputValueDefinition> Fields { get; } = new();
    /// <summary><c>@oneOf</c>: exactly one field must be given, and it must not be null.</summary>
    public bool IsOneOf { get; set; }
}

/// <summary>A member with a name, kept in declaration order.</summary>
public interface INamedMember { string Name { get; } }

/// <summary>An output field of an object or interface type.</summary>
public sealed class FieldDefinition : INamedMember
{
    public FieldDefinition(string name, IGraphQLType type) { Name = name; Type = type; }
    public string Name { get; }
    public IGraphQLType Type { get; set; }
    public string? Description { get; set; }
    public OrderedFields<InputValueDefinition> Arguments { get; } = new();
    public string? DeprecationReason { get; set; }
    public bool IsDeprecated => DeprecationReason is not null;
    /// <summary>Null means the default resolver (a property of the parent named like the field).</summary>
    public FieldResolver? Resolver
    {
        get => _resolver;
        // Whoever replaces the resolver (e.g. to wrap it) replaces what the context-free one does too.
        set { _resolver = value; SourceResolver = null; }
    }
    private FieldResolver? _resolver;

    /// <summary>
    /// The same resolution as <see cref="Resolver"/>, synchronous and from the parent value, the
    /// arguments and the schema alone, so the executor needs no resolve context (introspection
    /// fields, which run thousands of times per introspection query). Set after <see cref="Resolver"/>.
    /// </summary>
    internal SourceResolver? SourceResolver { get; set; }
    /// <summary>For subscription root fields: produces the source stream (spec §6.2.3.1).</summary>
    public SubscriptionResolver? Subscriber { get; set; }
    public FieldDefinitionNode? AstNode { get; set; }
    public List<DirectiveNode> AppliedDirectives { get; } = new();
    /// <summary>Free-form annotations for the server (cost weights, authorisation rules, ...).</summary>
    public Dictionary<string, object?> Metadata { get; } = new();
}

/// <summary>A synchronous resolver that needs no resolve context (see <see cref="FieldDefinition.SourceResolver"/>).</summary>
internal delegate object? SourceResolver(object? source, IReadOnlyDictionary<string, object?> arguments, Schema schema);

/// <summary>An argument of a field or directive, or a field of an input object type.</summary>
public sealed class InputValueDefinition : INamedMember
{
    public InputValueDefinition(string name, IGraphQLType type) { Name = name; Type = type; }
    public string Name { get; }
    public IGraphQLType Type { get; set; }
    public string? Description { get; set; }
    /// <summary>True when a default value was declared (it may be null).</summary>
    public bool HasDefaultValue { get; set; }
    /// <summary>The declared default, already coerced to its internal value.</summary>
    public object? DefaultValue { get; set; }
    /// <summary>The default as written, when built from SDL (printed by introspection and the SDL printer).</summary>
    public ValueNode? DefaultValueLiteral { get; set; }
    public string? DeprecationReason { get; set; }
    public bool IsDeprecated => DeprecationReason is not null;
    public InputValueDefinitionNode? AstNode { get; set; }
    public List<DirectiveNode> AppliedDirectives { get; } = new();
}

public sealed class DirectiveDefinition : INamedMember
{
    public DirectiveDefinition(string name) => Name = name;
    public string Name { get; }
    public string? Description { get; set; }
    public List<DirectiveLocation> Locations { get; } = new();
    public OrderedFields<InputValueDefinition> Arguments { get; } = new();
    public bool IsRepeatable { get; set; }
    /// <summary>Set by <c>@deprecated</c> on a directive definition (graphql-js 16.15; introspected by
    /// <c>__Directive.isDeprecated</c> and filtered by <c>__Schema.directives(includeDeprecated:)</c>).</summary>
    public string? DeprecationReason { get; set; }
    public bool IsDeprecated => DeprecationReason is not null;
    public bool IsBuiltIn { get; init; }
    public DirectiveDefinitionNode? AstNode { get; set; }
}

/// <summary>Where a directive may be used (spec §3.13).</summary>
public enum DirectiveLocation
{
    // Executable locations
    QUERY, MUTATION, SUBSCRIPTION, FIELD, FRAGMENT_DEFINITION, FRAGMENT_SPREAD, INLINE_FRAGMENT, VARIABLE_DEFINITION,
    // graphql-js 17 (experimental fragment arguments): a schema may declare it; our parser has no
    // fragment variables, so no document ever uses it.
    FRAGMENT_VARIABLE_DEFINITION,
    // Type system locations
    SCHEMA, SCALAR, OBJECT, FIELD_DEFINITION, ARGUMENT_DEFINITION, INTERFACE, UNION, ENUM, ENUM_VALUE,
    INPUT_OBJECT, INPUT_FIELD_DEFINITION,
    // graphql-js 16.15 (directive deprecation): @deprecated may be applied to a directive definition.
    DIRECTIVE_DEFINITION,
}

/// <summary>
/// Members in declaration order with lookup by name. Built while the schema is assembled,
/// read-only afterwards.
/// </summary>
public sealed class OrderedFields<T> : IReadOnlyDictionary<string, T> where T : INamedMember
{
    private readonly List<T> _list = new();
    private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);

    public IReadOnlyList<T> List => _list;

    public void Add(T item)
    {
        if (!_byName.TryAdd(item.Name, item))
            throw new ArgumentException($"Duplicate member \"{item.Name}\".");
        _list.Add(item);
    }

    public T this[string key] => _byName[key];
    public IEnumerable<string> Keys => _list.Select(x => x.Name);
    public IEnumerable<T> Values => _list;
    public int Count => _list.Count;
    public bool ContainsKey(string key) => _byName.ContainsKey(key);
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value) => _byName.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => _list.Select(x => new KeyValuePair<string, T>(x.Name, x)).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Raised by scalar and enum coercion; the message is shown to the client.</summary>
public sealed class CoercionException : Exception
{
    public CoercionException(string message) : base(message) { }
}
