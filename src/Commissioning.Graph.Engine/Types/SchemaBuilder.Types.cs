using System.Collections;
using System.Globalization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Types;

/// <summary>Resolves a type reference written in SDL type syntax; the second argument says where it was written.</summary>
internal delegate IGraphQLType TypeRefResolver(string typeReference, string where);

/// <summary>Common part of the code-first type builders: a name, a description, applied directives.</summary>
public abstract class TypeBuilder
{
    private protected TypeBuilder(string name) => Name = name;
    public string Name { get; }
    private protected string? DescriptionText;
    private protected readonly List<DirectiveNode> Directives = new();

    internal abstract NamedType Create();
    internal virtual void Complete(NamedType type, TypeRefResolver resolve, IReadOnlyDictionary<string, NamedType> named)
    {
        type.Description = DescriptionText;
        type.AppliedDirectives.AddRange(Directives);
    }

    /// <summary>Builds an applied directive from plain values (strings, numbers, booleans, enums as
    /// <see cref="EnumValueNode"/> or CLR enums, lists, dictionaries, or literals).</summary>
    internal static DirectiveNode AppliedDirective(string name, (string Name, object? Value)[] arguments) => new()
    {
        Name = new NameNode(name),
        Arguments = arguments.Select(a => new ArgumentNode { Name = new NameNode(a.Name), Value = Literal(a.Value) }).ToList(),
    };

    /// <summary>A literal for a plain CLR value, with no type to guide it.</summary>
    internal static ValueNode Literal(object? value) => value switch
    {
        null => new NullValueNode(),
        ValueNode v => v,
        bool b => new BooleanValueNode(b),
        string s => new StringValueNode(s),
        int or long or short or byte or sbyte or uint or ushort or ulong => new IntValueNode(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        double d => new FloatValueNode(d.ToString("R", CultureInfo.InvariantCulture)),
        float f => new FloatValueNode(f.ToString("R", CultureInfo.InvariantCulture)),
        decimal m => new FloatValueNode(m.ToString(CultureInfo.InvariantCulture)),
        System.Enum e => new EnumValueNode(e.ToString()),
        IEnumerable<KeyValuePair<string, object?>> map => new ObjectValueNode
        {
            Fields = map.Select(kv => new ObjectFieldNode { Name = new NameNode(kv.Key), Value = Literal(kv.Value) }).ToList(),
        },
        IEnumerable list => new ListValueNode { Values = list.Cast<object?>().Select(Literal).ToList() },
        _ => new StringValueNode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };
}

/// <summary>Shared fluent members of every type builder.</summary>
public abstract class TypeBuilder<TSelf> : TypeBuilder where TSelf : TypeBuilder<TSelf>
{
    private protected TypeBuilder(string name) : base(name) { }
    public TSelf Description(string? description) { DescriptionText = description; return (TSelf)this; }
    /// <summary>Records an applied directive (e.g. <c>@key(fields: "code")</c>) in <see cref="NamedType.AppliedDirectives"/>.</summary>
    public TSelf Directive(string name, params (string Name, object? Value)[] arguments) { Directives.Add(AppliedDirective(name, arguments)); return (TSelf)this; }
}

/// <summary>Fields and interfaces of object and interface types.</summary>
public abstract class ComplexTypeBuilder<TSelf> : TypeBuilder<TSelf> where TSelf : ComplexTypeBuilder<TSelf>
{
    private protected ComplexTypeBuilder(string name) : base(name) { }
    private protected readonly List<FieldBuilder> FieldBuilders = new();
    private protected readonly List<string> InterfaceNames = new();

    /// <summary>Declares a field; <paramref name="type"/> is in SDL syntax (<c>"[Practice!]!"</c>). Declaring it again reconfigures it.</summary>
    public TSelf Field(string name, string type, Action<FieldBuilder>? configure = null)
    {
        var f = FieldBuilders.Find(x => x.Name == name);
        if (f is null) FieldBuilders.Add(f = new FieldBuilder(name, type));
        else f.TypeReference = type;
        configure?.Invoke(f);
        return (TSelf)this;
    }

    public TSelf Implements(params string[] interfaces) { InterfaceNames.AddRange(interfaces); return (TSelf)this; }

    private protected void CompleteFields(OrderedFields<FieldDefinition> fields, List<InterfaceType> interfaces, TypeRefResolver resolve, IReadOnlyDictionary<string, NamedType> named)
    {
        foreach (var i in InterfaceNames)
            interfaces.Add(named.TryGetValue(i, out var t) && t is InterfaceType it ? it
                : throw SchemaBuilder.BuildError($"Type {Name} must only implement Interface types, it cannot implement {i}."));
        foreach (var f in FieldBuilders) fields.Add(f.Build(Name, resolve));
    }
}

public sealed class ObjectTypeBuilder : ComplexTypeBuilder<ObjectTypeBuilder>
{
    internal ObjectTypeBuilder(string name) : base(name) { }
    private Func<object?, IResolveContext, bool>? _isTypeOf;

    /// <summary>Used by abstract types without a type resolver to recognise values of this type.</summary>
    public ObjectTypeBuilder IsTypeOf(Func<object?, IResolveContext, bool> isTypeOf) { _isTypeOf = isTypeOf; return this; }
    /// <summary>Values of CLR type <typeparamref name="T"/> belong to this type.</summary>
    public ObjectTypeBuilder IsTypeOf<T>() => IsTypeOf(static (v, _) => v is T);

    internal override NamedType Create() => new ObjectType(Name);
    internal override void Complete(NamedType type, TypeRefResolver resolve, IReadOnlyDictionary<string, NamedType> named)
    {
        base.Complete(type, resolve, named);
        var o = (ObjectType)type;
        o.IsTypeOf = _isTypeOf;
        CompleteFields(o.Fields, o.Interfaces, resolve, named);
    }
}

public sealed class InterfaceTypeBuilder : ComplexTypeBuilder<InterfaceTypeBuilder>
{
    internal InterfaceTypeBuilder(string name) : base(name) { }
    private TypeResolver? _resolveType;

    /// <summary>Names the object type of a value; when absent, each possible type's IsTypeOf (or the value's <c>__typename</c>) decides.</summary>
    public InterfaceTypeBuilder ResolveType(TypeResolver resolveType) { _resolveType = resolveType; return this; }
    public InterfaceTypeBuilder ResolveType(Func<object?, string?> resolveType) => ResolveType((v, _) => resolveType(v));

    internal override NamedType Create() => new InterfaceType(Name);
    internal override void Complete(NamedType type, TypeRefResolver resolve, IReadOnlyDictionary<string, NamedType> named)
    {
        base.Complete(type, resolve, named);
        var i = (InterfaceType)type;
        i.ResolveType = _resolveType;
        CompleteFields(i.Fields, i.Interfaces, resolve, named);
    }
}

public sealed class UnionTypeBuilder : TypeBuilder<UnionTypeBuilder>
{
    internal UnionTypeBuilder(string name) : base(name) { }
    private readonly List<string> _members = new();
    private TypeResolver? _resolveType;

    public UnionTypeBuilder Types(params string[] objectTypes) { _members.AddRange(objectTypes); return this; }
    public UnionTypeBuilder ResolveType(TypeResolver resolveType) { _resolveType = resolveType; return this; }
    public UnionTypeBuilder ResolveType(Func<object?, string?> resolveType) => ResolveType((v, _) => resolveType(v));

    internal override NamedType Create() => new UnionType(Name);
    internal override void Complete(NamedType type, TypeRefResolver resolve, IReadOnlyDictionary<string, NamedType> named)
    {
        base.Complete(type, resolve, named);
        var u = (UnionType)type;
        u.ResolveType = _resolveType;
        foreach (var m in _members)
            u.Types.Add(named.TryGetValue(m, out var t) && t is ObjectType o ? o
                : throw SchemaBuilder.BuildError($"Union type {Name} can only include Object types, it cannot include {m}."));
    }
}

public sealed class EnumTypeBuilder : TypeBuilder<EnumTypeBuilder>
{
    internal EnumTypeBuilder(string name) : base(name) { }
    private readonly List<(string Name, object? Value, EnumValueBuilder Config)> _values = new();

    /// <summary>Declares a value; its internal value is <paramref name="value"/>, or the name when null.</summary>
    public EnumTypeBuilder Value(string name, object? value = null, Action<EnumValueBuilder>? configure = null)
    {
        var b = new EnumValueBuilder();
        configure?.Invoke(b);
        _values.Add((name, value, b));
        return this;
    }

    public EnumTypeBuilder Value(string name, Action<EnumValueBuilder> configure) => Value(name, null, configure);

    internal override NamedType Create() => new EnumType(Name);
    internal override void Complete(NamedType type, TypeRefResolver resolve, IReadOnlyDictionary<string, NamedType> named)
    {
        base.Complete(type, resolve, named);
        var e = (EnumType)type;
        foreach (var (name, value, config) in _values)
        {
            var v = new EnumValueDefinition(name, value) { Description = config.DescriptionText, DeprecationReason = config.DeprecationReason };
            v.AppliedDirectives.AddRange(config.Directives);
            e.Values.Add(v);
        }
    }
}

public sealed class EnumValueBuilder
{
    internal string? DescriptionText;
    internal string? DeprecationReason;
    internal readonly List<DirectiveNode> Directives = new();
    public EnumValueBuilder Description(string? description) { DescriptionText = description; return this; }
    public EnumValueBuilder Deprecated(string reason = SpecifiedDirectives.DefaultDeprecationReason) { DeprecationReason = reason; return this; }
    public EnumValueBuilder Directive(string name, params (string Name, object? Value)[] arguments) { Directives.Add(TypeBuilder.AppliedDirective(name, arguments)); return this; }
}

public sealed class InputObjectTypeBuilder : TypeBuilder<InputObjectTypeBuilder>
{
    internal InputObjectTypeBuilder(string name) : base(name) { }
    private readonly List<InputValueBuilder> _fields = new();
    private bool _oneOf;

    /// <summary>Declares an input field (spec §3.10); <paramref name="type"/> is in SDL syntax.</summary>
    public InputObjectTypeBuilder Field(string name, string type, Action<InputValueBuilder>? configure = null)
    {
        var f = new InputValueBuilder(name, type);
        configure?.Invoke(f);
        _fields.Add(f);
        return this;
    }

    /// <summary>Declares an input field with a default (an internal value, as coercion would produce it).</summary>
    public InputObjectTypeBuilder Field(string name, string type, object? defaultValue, Action<InputValueBuilder>? configure = null) =>
        Field(name, type, f => { f.DefaultValue(defaultValue); configure?.Invoke(f); });

    /// <summary><c>@oneOf</c>: exactly one field must be given, and not null.</summary>
    public InputObjectTypeBuilder OneOf() { _oneOf = true; return this; }

    internal override NamedType Create() => new InputObjectType(Name);
    internal override void Complete(NamedType type, TypeRefResolver resolve, IReadOnlyDictionary<string, NamedType> named)
    {
        base.Complete(type, resolve, named);
        var io = (InputObjectType)type;
        io.IsOneOf = _oneOf;
        if (_oneOf && !io.AppliedDirectives.Any(d => d.Name.Value == "oneOf"))
            io.AppliedDirectives.Add(new DirectiveNode { Name = new NameNode("oneOf") });
        foreach (var f in _fields) io.Fields.Add(f.Build(resolve, $"input field {Name}.{f.Name}"));
    }
}

public sealed class ScalarTypeBuilder : TypeBuilder<ScalarTypeBuilder>
{
    private readonly ScalarType? _prebuilt;
    private string? _specifiedBy;
    private Func<object?, object?>? _serialize, _parseValue;
    private Func<ValueNode, IReadOnlyDictionary<string, object?>?, object?>? _parseLiteral;

    internal ScalarTypeBuilder(string name) : base(name) { }
    internal ScalarTypeBuilder(ScalarType prebuilt) : base(prebuilt.Name) => _prebuilt = prebuilt;

    public ScalarTypeBuilder SpecifiedBy(string url) { _specifiedBy = url; return this; }
    /// <summary>Result coercion; throw <see cref="CoercionException"/> for values that cannot be represented.</summary>
    public ScalarTypeBuilder Serialize(Func<object?, object?> serialize) { _serialize = serialize; return this; }
    /// <summary>Coercion of variable values; throw <see cref="CoercionException"/> for invalid input.</summary>
    public ScalarTypeBuilder ParseValue(Func<object?, object?> parseValue) { _parseValue = parseValue; return this; }
    /// <summary>Coercion of literals; throw <see cref="CoercionException"/> for invalid input.</summary>
    public ScalarTypeBuilder ParseLiteral(Func<ValueNode, IReadOnlyDictionary<string, object?>?, object?> parseLiteral) { _parseLiteral = parseLiteral; return this; }

    internal override NamedType Create() => _prebuilt ?? new ScalarType(Name);
    internal override void Complete(NamedType type, TypeRefResolver resolve, IReadOnlyDictionary<string, NamedType> named)
    {
        if (_prebuilt is not null) return;
        base.Complete(type, resolve, named);
        var s = (ScalarType)type;
        s.SpecifiedByUrl = _specifiedBy;
        if (_serialize is not null) s.Serialize = _serialize;
        if (_parseValue is not null) s.ParseValue = _parseValue;
        if (_parseLiteral is not null) s.ParseLiteral = _parseLiteral;
    }
}

/// <summary>An output field: arguments, resolver, deprecation, metadata.</summary>
public sealed class FieldBuilder
{
    internal FieldBuilder(string name, string type) { Name = name; TypeReference = type; }
    public string Name { get; }
    internal string TypeReference;
    private string? _description, _deprecationReason;
    private FieldResolver? _resolver;
    private SubscriptionResolver? _subscriber;
    private readonly List<InputValueBuilder> _arguments = new();
    private readonly List<DirectiveNode> _directives = new();
    private readonly Dictionary<string, object?> _metadata = new();

    public FieldBuilder Description(string? description) { _description = description; return this; }
    public FieldBuilder Deprecated(string reason = SpecifiedDirectives.DefaultDeprecationReason) { _deprecationReason = reason; return this; }

    /// <summary>Declares an argument without a default. (For a null default use <c>a =&gt; a.DefaultValue(null)</c>.)</summary>
    public FieldBuilder Argument(string name, string type, Action<InputValueBuilder>? configure = null)
    {
        var a = new InputValueBuilder(name, type);
        configure?.Invoke(a);
        _arguments.Add(a);
        return this;
    }

    /// <summary>Declares an argument with a default (an internal value, as coercion would produce it).</summary>
    public FieldBuilder Argument(string name, string type, object? defaultValue, Action<InputValueBuilder>? configure = null) =>
        Argument(name, type, a => { a.DefaultValue(defaultValue); configure?.Invoke(a); });

    /// <summary>A synchronous resolver.</summary>
    public FieldBuilder Resolve(Func<IResolveContext, object?> resolve) { _resolver = Resolvers.FromSync(resolve); return this; }
    /// <summary>A resolver reading the parent value, cast to <typeparamref name="TSource"/>.</summary>
    public FieldBuilder Resolve<TSource>(Func<TSource, object?> resolve) { _resolver = Resolvers.FromSource(resolve); return this; }
    /// <summary>An async resolver. (Async lambdas bind here rather than to the ValueTask overload.)</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public FieldBuilder ResolveAsync(Func<IResolveContext, Task<object?>> resolve) { _resolver = Resolvers.FromTask(resolve); return this; }
    public FieldBuilder ResolveAsync(Func<IResolveContext, ValueTask<object?>> resolve) { _resolver = new FieldResolver(resolve); return this; }
    /// <summary>A resolver in the engine's own shape.</summary>
    public FieldBuilder Resolver(FieldResolver resolver) { _resolver = resolver; return this; }

    /// <summary>The source stream of a subscription root field (spec §6.2.3.1); each event becomes
    /// the source of this field's resolver (the default resolver when none is given).</summary>
    public FieldBuilder Subscribe<T>(Func<IResolveContext, IAsyncEnumerable<T>> subscribe) { _subscriber = Resolvers.FromStream(subscribe); return this; }
    public FieldBuilder Subscriber(SubscriptionResolver subscriber) { _subscriber = subscriber; return this; }

    /// <summary>A free-form annotation for the server (cost weight, authorisation rule, ...).</summary>
    public FieldBuilder Metadata(string key, object? value) { _metadata[key] = value; return this; }
    /// <summary>Records an applied directive in <see cref="FieldDefinition.AppliedDirectives"/>.</summary>
    public FieldBuilder Directive(string name, params (string Name, object? Value)[] arguments) { _directives.Add(TypeBuilder.AppliedDirective(name, arguments)); return this; }

    internal FieldDefinition Build(string typeName, TypeRefResolver resolve)
    {
        var f = new FieldDefinition(Name, resolve(TypeReference, $"field {typeName}.{Name}"))
        {
            Description = _description,
            DeprecationReason = _deprecationReason,
            Resolver = _resolver,
            Subscriber = _subscriber,
        };
        foreach (var a in _arguments) f.Arguments.Add(a.Build(resolve, $"argument {typeName}.{Name}({a.Name}:)"));
        f.AppliedDirectives.AddRange(_directives);
        foreach (var (k, v) in _metadata) f.Metadata[k] = v;
        return f;
    }
}

/// <summary>An argument or input field.</summary>
public sealed class InputValueBuilder
{
    internal InputValueBuilder(string name, string type) { Name = name; _type = type; }
    public string Name { get; }
    private readonly string _type;
    private string? _description, _deprecationReason;
    private bool _hasDefault;
    private object? _default;
    private Language.ValueNode? _defaultLiteral;
    private readonly List<DirectiveNode> _directives = new();

    public InputValueBuilder Description(string? description) { _description = description; return this; }
    /// <summary>The default, as an internal value (what coercion of the literal would produce).</summary>
    public InputValueBuilder DefaultValue(object? value) { _hasDefault = true; _default = value; return this; }
    /// <summary>
    /// The default as the schema's author writes it in GraphQL (e.g. <c>{nameContains: "Surgery"}</c>):
    /// introspection and the schema printer show this literal, as graphql-js 17 shows an SDL default;
    /// <paramref name="value"/> is its coerced value, used at execution.
    /// </summary>
    public InputValueBuilder DefaultValue(object? value, string literal)
    {
        DefaultValue(value);
        _defaultLiteral = Language.Parser.ParseValue(literal);
        return this;
    }
    public InputValueBuilder Deprecated(string reason = SpecifiedDirectives.DefaultDeprecationReason) { _deprecationReason = reason; return this; }
    public InputValueBuilder Directive(string name, params (string Name, object? Value)[] arguments) { _directives.Add(TypeBuilder.AppliedDirective(name, arguments)); return this; }

    internal InputValueDefinition Build(TypeRefResolver resolve, string where)
    {
        var v = new InputValueDefinition(Name, resolve(_type, where))
        {
            Description = _description,
            DeprecationReason = _deprecationReason,
            HasDefaultValue = _hasDefault,
            DefaultValue = _default,
            DefaultValueLiteral = _defaultLiteral,
        };
        v.AppliedDirectives.AddRange(_directives);
        return v;
    }
}

/// <summary>A directive definition (spec §3.13).</summary>
public sealed class DirectiveBuilder
{
    internal DirectiveBuilder(string name) => Name = name;
    public string Name { get; }
    private string? _description, _deprecationReason;
    private bool _repeatable;
    private readonly List<DirectiveLocation> _locations = new();
    private readonly List<InputValueBuilder> _arguments = new();

    public DirectiveBuilder Description(string? description) { _description = description; return this; }
    public DirectiveBuilder Locations(params DirectiveLocation[] locations) { _locations.AddRange(locations); return this; }
    public DirectiveBuilder Repeatable(bool repeatable = true) { _repeatable = repeatable; return this; }
    public DirectiveBuilder Deprecated(string reason = SpecifiedDirectives.DefaultDeprecationReason) { _deprecationReason = reason; return this; }
    public DirectiveBuilder Argument(string name, string type, Action<InputValueBuilder>? configure = null)
    {
        var a = new InputValueBuilder(name, type);
        configure?.Invoke(a);
        _arguments.Add(a);
        return this;
    }
    public DirectiveBuilder Argument(string name, string type, object? defaultValue, Action<InputValueBuilder>? configure = null) =>
        Argument(name, type, a => { a.DefaultValue(defaultValue); configure?.Invoke(a); });

    internal DirectiveDefinition Build(TypeRefResolver resolve)
    {
        var d = new DirectiveDefinition(Name) { Description = _description, IsRepeatable = _repeatable, DeprecationReason = _deprecationReason };
        d.Locations.AddRange(_locations);
        foreach (var a in _arguments) d.Arguments.Add(a.Build(resolve, $"argument @{Name}({a.Name}:)"));
        return d;
    }
}
