using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Types;

/// <summary>
/// A GraphQL schema (spec §3.3): root operation types, every named type reachable from them
/// (plus any given explicitly), and directive definitions. Immutable once constructed.
/// </summary>
public sealed class Schema
{
    private readonly Dictionary<string, NamedType> _types = new(StringComparer.Ordinal);
    private readonly List<NamedType> _typeList = new();
    private readonly Dictionary<string, DirectiveDefinition> _directives = new(StringComparer.Ordinal);
    private readonly List<DirectiveDefinition> _directiveList = new();
    private readonly Dictionary<string, List<ObjectType>> _implementations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<InterfaceType>> _interfaceImplementations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _possibleTypeNames = new(StringComparer.Ordinal);

    public Schema(SchemaConfig config)
    {
        Description = config.Description;
        QueryType = config.Query;
        MutationType = config.Mutation;
        SubscriptionType = config.Subscription;
        AstNode = config.AstNode;
        ExtensionAstNodes = config.ExtensionAstNodes ?? Array.Empty<SchemaExtensionNode>();
        AppliedDirectives = config.AppliedDirectives ?? Array.Empty<DirectiveNode>();

        foreach (var d in config.Directives ?? SpecifiedDirectives.All)
            if (_directives.TryAdd(d.Name, d)) _directiveList.Add(d);

        // graphql-js's order: the given types first (each moved to the end as it is visited, so
        // references between them do not reorder them), then the roots, directive arguments and
        // introspection types. Introspection `__schema { types }` lists them in this order.
        var order = new LinkedList<NamedType>();
        var nodes = new Dictionary<string, LinkedListNode<NamedType>>(StringComparer.Ordinal);
        foreach (var t in config.Types ?? Array.Empty<NamedType>())
            if (!nodes.ContainsKey(t.Name)) nodes[t.Name] = order.AddLast(t);
        foreach (var t in config.Types ?? Array.Empty<NamedType>())
        {
            if (nodes.Remove(t.Name, out var n)) order.Remove(n);
            Collect(t, order, nodes);
        }
        if (QueryType is not null) Collect(QueryType, order, nodes);
        if (MutationType is not null) Collect(MutationType, order, nodes);
        if (SubscriptionType is not null) Collect(SubscriptionType, order, nodes);
        foreach (var d in _directives.Values)
            foreach (var a in d.Arguments.List) Collect(GetNamedType(a.Type), order, nodes);
        foreach (var t in Introspection.IntrospectionSchema.Types) Collect(t, order, nodes);
        foreach (var t in order)
        {
            _types[t.Name] = t;
            _typeList.Add(t);
        }

        foreach (var t in _typeList)
        {
            if (t is ObjectType o)
                foreach (var i in o.Interfaces) Add(_implementations, i.Name, o);
            else if (t is InterfaceType it)
                foreach (var i in it.Interfaces) Add(_interfaceImplementations, i.Name, it);
        }
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var l)) map[key] = l = new();
        if (!l.Contains(value)) l.Add(value);
    }

    // Gathers every type reachable from the given one, depth first (spec §3.3: all types must be
    // reachable). Iterative, so that a deep chain of types cannot overflow the stack.
    private static void Collect(NamedType root, LinkedList<NamedType> order, Dictionary<string, LinkedListNode<NamedType>> seen)
    {
        var stack = new Stack<NamedType>();
        stack.Push(root);
        var next = new List<NamedType>();
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (seen.TryGetValue(t.Name, out var existing))
            {
                if (!ReferenceEquals(existing.Value, t))
                    throw new InvalidOperationException($"Schema must contain uniquely named types but contains multiple types named \"{t.Name}\".");
                continue;
            }
            seen[t.Name] = order.AddLast(t);
            next.Clear();
            switch (t)
            {
                case UnionType u: next.AddRange(u.Types); break;
                case IComplexOutputType c:
                    next.AddRange(c.Interfaces);
                    foreach (var f in c.Fields.Values) { next.Add(GetNamedType(f.Type)); foreach (var a in f.Arguments.List) next.Add(GetNamedType(a.Type)); }
                    break;
                case InputObjectType io:
                    foreach (var f in io.Fields.List) next.Add(GetNamedType(f.Type));
                    break;
            }
            for (var k = next.Count - 1; k >= 0; k--) stack.Push(next[k]);
        }
    }

    public string? Description { get; }
    public ObjectType? QueryType { get; }
    public ObjectType? MutationType { get; }
    public ObjectType? SubscriptionType { get; }
    public SchemaDefinitionNode? AstNode { get; }
    public IReadOnlyList<SchemaExtensionNode> ExtensionAstNodes { get; }
    public IReadOnlyList<DirectiveNode> AppliedDirectives { get; }

    /// <summary>Every named type, in the order graphql-js's type map would list them.</summary>
    public IReadOnlyList<NamedType> Types => _typeList;
    /// <summary>The directives in declaration order.</summary>
    public IReadOnlyList<DirectiveDefinition> Directives => _directiveList;

    public NamedType? GetType(string name) => _types.TryGetValue(name, out var t) ? t : null;
    /// <summary>Adds @defer and @stream (<see cref="SpecifiedDirectives.Defer"/>, <see cref="SpecifiedDirectives.Stream"/>)
    /// unless the schema declares its own, so that a server can deliver incrementally. Call before the
    /// schema serves requests. The SDL printer leaves these built-in definitions out.</summary>
    public Schema WithIncrementalDelivery()
    {
        _directives.TryAdd(SpecifiedDirectives.Defer.Name, SpecifiedDirectives.Defer);
        _directives.TryAdd(SpecifiedDirectives.Stream.Name, SpecifiedDirectives.Stream);
        return this;
    }

    public DirectiveDefinition? GetDirective(string name) => _directives.TryGetValue(name, out var d) ? d : null;

    public ObjectType? GetRootType(OperationType operation) => operation switch
    {
        OperationType.Query => QueryType,
        OperationType.Mutation => MutationType,
        _ => SubscriptionType,
    };

    /// <summary>The object types an abstract type may resolve to (spec §3.6.1 / §3.8).</summary>
    public IReadOnlyList<ObjectType> GetPossibleTypes(IAbstractType type) => type switch
    {
        UnionType u => u.Types,
        InterfaceType i => _implementations.TryGetValue(i.Name, out var l) ? l : Array.Empty<ObjectType>(),
        _ => Array.Empty<ObjectType>(),
    };

    /// <summary>Interfaces that declare they implement the given interface.</summary>
    public IReadOnlyList<InterfaceType> GetInterfaceImplementations(InterfaceType type) =>
        _interfaceImplementations.TryGetValue(type.Name, out var l) ? l : Array.Empty<InterfaceType>();

    /// <summary>True when <paramref name="maybeSub"/> is a possible type of, or an interface implementing, the abstract type.</summary>
    public bool IsSubType(IAbstractType abstractType, ICompositeType maybeSub)
    {
        HashSet<string> set;
        lock (_possibleTypeNames)
        {
            if (!_possibleTypeNames.TryGetValue(abstractType.Name, out set!))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                foreach (var o in GetPossibleTypes(abstractType)) set.Add(o.Name);
                if (abstractType is InterfaceType it)
                    foreach (var i in GetInterfaceImplementations(it)) set.Add(i.Name);
                _possibleTypeNames[abstractType.Name] = set;
            }
        }
        return set.Contains(maybeSub.Name);
    }

    /// <summary>Strips list and non-null wrappers.</summary>
    public static NamedType GetNamedType(IGraphQLType type)
    {
        while (true)
        {
            switch (type)
            {
                case NamedType n: return n;
                case ListType l: type = l.OfType; break;
                case NonNullType nn: type = nn.OfType; break;
                default: throw new ArgumentException("Unknown type wrapper.");
            }
        }
    }

    public static IGraphQLType GetNullableType(IGraphQLType type) => type is NonNullType nn ? nn.OfType : type;
    public static bool IsInputType(IGraphQLType type) => GetNamedType(type) is ScalarType or EnumType or InputObjectType;
    public static bool IsOutputType(IGraphQLType type) => GetNamedType(type) is ScalarType or EnumType or ObjectType or InterfaceType or UnionType;
    public static bool IsLeafType(IGraphQLType type) => type is ScalarType or EnumType;

    /// <summary>Structural equality of two type references (spec "AreTypesEqual").</summary>
    public static bool IsEqualType(IGraphQLType a, IGraphQLType b) => (a, b) switch
    {
        (NonNullType x, NonNullType y) => IsEqualType(x.OfType, y.OfType),
        (ListType x, ListType y) => IsEqualType(x.OfType, y.OfType),
        (NamedType x, NamedType y) => ReferenceEquals(x, y),
        _ => false,
    };

    /// <summary>True when a value of type <paramref name="maybeSub"/> may be used where <paramref name="super"/> is expected (covariance of field types).</summary>
    public bool IsTypeSubTypeOf(IGraphQLType maybeSub, IGraphQLType super)
    {
        if (ReferenceEquals(maybeSub, super)) return true;
        if (super is NonNullType sn) return maybeSub is NonNullType mn && IsTypeSubTypeOf(mn.OfType, sn.OfType);
        if (maybeSub is NonNullType m2) return IsTypeSubTypeOf(m2.OfType, super);
        if (super is ListType sl) return maybeSub is ListType ml && IsTypeSubTypeOf(ml.OfType, sl.OfType);
        if (maybeSub is ListType) return false;
        return super is IAbstractType sa && maybeSub is ICompositeType mc && (maybeSub is ObjectType or InterfaceType) && IsSubType(sa, mc);
    }

    /// <summary>Type reference from AST (spec §2.11), or null when a named type is unknown.</summary>
    public IGraphQLType? TypeFromAst(TypeNode node) => node switch
    {
        NamedTypeNode n => GetType(n.Name.Value),
        ListTypeNode l => TypeFromAst(l.Type) is { } inner ? new ListType(inner) : null,
        NonNullTypeNode nn => TypeFromAst(nn.Type) is { } inner2 ? new NonNullType(inner2) : null,
        _ => null,
    };
}

public sealed class SchemaConfig
{
    public string? Description { get; init; }
    public ObjectType? Query { get; init; }
    public ObjectType? Mutation { get; init; }
    public ObjectType? Subscription { get; init; }
    /// <summary>Additional types not reachable from the roots (e.g. implementations of an interface).</summary>
    public IReadOnlyList<NamedType>? Types { get; init; }
    /// <summary>Directive definitions; null means the specified directives only.</summary>
    public IReadOnlyList<DirectiveDefinition>? Directives { get; init; }
    public SchemaDefinitionNode? AstNode { get; init; }
    public IReadOnlyList<SchemaExtensionNode>? ExtensionAstNodes { get; init; }
    public IReadOnlyList<DirectiveNode>? AppliedDirectives { get; init; }
}
