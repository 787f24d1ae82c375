using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Types;

/// <summary>
/// The code-first schema builder: declares types, fields and resolvers in C#, with type references
/// written in SDL type syntax (<c>"[Consortium!]!"</c>, spec §2.11) and resolved when
/// <see cref="Build"/> runs, so types may refer to each other in any order.
/// </summary>
/// <example>
/// <code>
/// var schema = new SchemaBuilder()
///     .Query("Query", q => q
///         .Field("consortium", "Consortium", f => f.Argument("code", "ID!").Resolve(ctx => repo.Find((string)ctx.Arguments["code"]!)))
///         .Field("consortia", "[Consortium!]!", f => f.ResolveAsync(async ctx => await repo.AllAsync())))
///     .Object("Consortium", o => o.Field("code", "ID!").Field("name", "String!", f => f.Resolve&lt;Consortium&gt;(c => c.Name)))
///     .Build();
/// </code>
/// An SDL schema can be given resolvers the same way: <c>SchemaBuilder.FromSdl(sdl).Resolve("Query.consortium", ctx => ...)</c>.
/// </example>
public sealed partial class SchemaBuilder
{
    private readonly List<TypeBuilder> _types = new();
    private readonly Dictionary<string, TypeBuilder> _typesByName = new(StringComparer.Ordinal);
    private readonly List<DirectiveBuilder> _directives = new();
    private readonly List<(string Coordinate, Action<Schema> Apply)> _bindings = new();
    private readonly string? _sdl;
    private string? _description;
    private string? _queryName, _mutationName, _subscriptionName;
    private bool _validate = true;

    public SchemaBuilder() { }

    private SchemaBuilder(string sdl) => _sdl = sdl;

    // ---- Schema ----

    public SchemaBuilder Description(string? description) { _description = description; return this; }

    /// <summary>Declares the query root type and its fields.</summary>
    public SchemaBuilder Query(string name, Action<ObjectTypeBuilder> configure) { _queryName = name; return Object(name, configure); }
    public SchemaBuilder Mutation(string name, Action<ObjectTypeBuilder> configure) { _mutationName = name; return Object(name, configure); }
    public SchemaBuilder Subscription(string name, Action<ObjectTypeBuilder> configure) { _subscriptionName = name; return Object(name, configure); }

    /// <summary>Skips <c>SchemaValidator.Validate</c> in <see cref="Build"/> (tests of invalid schemas only).</summary>
    public SchemaBuilder WithoutValidation() { _validate = false; return this; }

    // ---- Types (spec §3.4–§3.10). Declaring a name twice configures the same type again. ----

    public SchemaBuilder Object(string name, Action<ObjectTypeBuilder> configure) { configure(Declare(name, () => new ObjectTypeBuilder(name))); return this; }
    public SchemaBuilder Interface(string name, Action<InterfaceTypeBuilder> configure) { configure(Declare(name, () => new InterfaceTypeBuilder(name))); return this; }
    public SchemaBuilder Union(string name, Action<UnionTypeBuilder> configure) { configure(Declare(name, () => new UnionTypeBuilder(name))); return this; }
    public SchemaBuilder Union(string name, params string[] memberTypes) => Union(name, u => u.Types(memberTypes));
    public SchemaBuilder Enum(string name, Action<EnumTypeBuilder> configure) { configure(Declare(name, () => new EnumTypeBuilder(name))); return this; }

    /// <summary>An enum whose values are the members of <typeparamref name="TEnum"/>, named in
    /// UPPER_SNAKE_CASE (<c>LeadCommissioner</c> → <c>LEAD_COMMISSIONER</c>); internal values are the CLR values.</summary>
    public SchemaBuilder Enum<TEnum>(string name, Action<EnumTypeBuilder>? configure = null) where TEnum : struct, System.Enum
    {
        var b = Declare(name, () => new EnumTypeBuilder(name));
        foreach (var v in System.Enum.GetValues<TEnum>()) b.Value(ToUpperSnake(v.ToString()), v);
        configure?.Invoke(b);
        return this;
    }

    public SchemaBuilder InputObject(string name, Action<InputObjectTypeBuilder> configure) { configure(Declare(name, () => new InputObjectTypeBuilder(name))); return this; }
    public SchemaBuilder Scalar(string name, Action<ScalarTypeBuilder>? configure = null)
    {
        var b = Declare(name, () => new ScalarTypeBuilder(name));
        configure?.Invoke(b);
        return this;
    }

    /// <summary>Adds an already built scalar (e.g. a shared <c>Date</c> scalar).</summary>
    public SchemaBuilder Scalar(ScalarType scalar) { Declare(scalar.Name, () => new ScalarTypeBuilder(scalar)); return this; }

    /// <summary>Declares a directive (spec §3.13).</summary>
    public SchemaBuilder Directive(string name, Action<DirectiveBuilder> configure)
    {
        var b = _directives.Find(d => d.Name == name);
        if (b is null) _directives.Add(b = new DirectiveBuilder(name));
        configure(b);
        return this;
    }

    // ---- Bindings by schema coordinate, for code-first and SDL-built types alike ----

    /// <summary>Sets the resolver of the field at <paramref name="coordinate"/> (<c>"Type.field"</c>).</summary>
    public SchemaBuilder Resolve(string coordinate, Func<IResolveContext, object?> resolve) => Resolver(coordinate, Resolvers.FromSync(resolve));
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public SchemaBuilder ResolveAsync(string coordinate, Func<IResolveContext, Task<object?>> resolve) => Resolver(coordinate, Resolvers.FromTask(resolve));
    public SchemaBuilder ResolveAsync(string coordinate, Func<IResolveContext, ValueTask<object?>> resolve) => Resolver(coordinate, new FieldResolver(resolve));
    public SchemaBuilder Resolve<TSource>(string coordinate, Func<TSource, object?> resolve) => Resolver(coordinate, Resolvers.FromSource(resolve));
    /// <summary>Sets a resolver that reads its parent value as <typeparamref name="TSource"/> and the context
    /// (arguments, loaders): the resolver is typed, and a parent of another type is a field error, not a silent null.</summary>
    public SchemaBuilder Resolve<TSource>(string coordinate, Func<TSource, IResolveContext, object?> resolve) =>
        Resolver(coordinate, c => new ValueTask<object?>(resolve(Resolvers.SourceOf<TSource>(c), c)));
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public SchemaBuilder ResolveAsync<TSource>(string coordinate, Func<TSource, IResolveContext, Task<object?>> resolve) =>
        Resolver(coordinate, c => new ValueTask<object?>(resolve(Resolvers.SourceOf<TSource>(c), c)));
    public SchemaBuilder ResolveAsync<TSource>(string coordinate, Func<TSource, IResolveContext, ValueTask<object?>> resolve) =>
        Resolver(coordinate, c => resolve(Resolvers.SourceOf<TSource>(c), c));
    public SchemaBuilder Resolver(string coordinate, FieldResolver resolver) => Bind(coordinate, s => FindField(s, coordinate).Resolver = resolver);

    /// <summary>Sets the source stream of a subscription field at <paramref name="coordinate"/>.</summary>
    public SchemaBuilder Subscribe<T>(string coordinate, Func<IResolveContext, IAsyncEnumerable<T>> subscribe) =>
        Bind(coordinate, s => FindField(s, coordinate).Subscriber = Resolvers.FromStream(subscribe));

    /// <summary>Sets the source stream of a subscription field at <paramref name="coordinate"/>, created asynchronously: what it
    /// throws before returning the stream (a refusal) is the subscription's error, before any event (spec §6.2.3.1).</summary>
    public SchemaBuilder Subscriber(string coordinate, SubscriptionResolver subscribe) =>
        Bind(coordinate, s => FindField(s, coordinate).Subscriber = subscribe);

    /// <summary>Sets how the interface or union named <paramref name="typeName"/> picks an object type for a value.</summary>
    public SchemaBuilder ResolveType(string typeName, TypeResolver resolveType) => Bind(typeName, s =>
    {
        switch (s.GetType(typeName))
        {
            case InterfaceType i: i.ResolveType = resolveType; break;
            case UnionType u: u.ResolveType = resolveType; break;
            default: throw BuildError($"Cannot set ResolveType: \"{typeName}\" is not an interface or union type in the schema.");
        }
    });

    /// <summary>Sets the check that a value belongs to the object type named <paramref name="typeName"/>.</summary>
    public SchemaBuilder IsTypeOf(string typeName, Func<object?, IResolveContext, bool> isTypeOf) => Bind(typeName, s =>
    {
        if (s.GetType(typeName) is not ObjectType o) throw BuildError($"Cannot set IsTypeOf: \"{typeName}\" is not an object type in the schema.");
        o.IsTypeOf = isTypeOf;
    });

    /// <summary>Replaces the coercion functions of a custom scalar declared in SDL.</summary>
    public SchemaBuilder ConfigureScalar(string name, Action<ScalarType> configure) => Bind(name, s =>
    {
        if (s.GetType(name) is not ScalarType { IsBuiltIn: false } sc) throw BuildError($"Cannot configure \"{name}\": it is not a custom scalar in the schema.");
        configure(sc);
    });

    private SchemaBuilder Bind(string coordinate, Action<Schema> apply) { _bindings.Add((coordinate, apply)); return this; }

    private static FieldDefinition FindField(Schema schema, string coordinate)
    {
        var dot = coordinate.IndexOf('.');
        if (dot <= 0 || dot == coordinate.Length - 1) throw BuildError($"\"{coordinate}\" is not a field coordinate (expected \"Type.field\").");
        var typeName = coordinate[..dot];
        var fieldName = coordinate[(dot + 1)..];
        if (schema.GetType(typeName) is not IComplexOutputType t) throw BuildError($"Cannot bind \"{coordinate}\": there is no object or interface type \"{typeName}\".");
        if (!t.Fields.TryGetValue(fieldName, out var f)) throw BuildError($"Cannot bind \"{coordinate}\": type \"{typeName}\" has no field \"{fieldName}\".");
        return f;
    }

    // ---- Build ----

    /// <summary>
    /// Creates the schema: resolves type references, applies the bindings, then validates it
    /// (spec §3 type system rules). Throws <see cref="GraphQLException"/> listing every problem.
    /// </summary>
    public Schema Build()
    {
        var schema = _sdl is not null ? BuildFromSdl(_sdl) : BuildCodeFirst();
        foreach (var (_, apply) in _bindings) apply(schema);
        if (_validate) ValidateSchema(schema);
        return schema;
    }

    private Schema BuildCodeFirst()
    {
        // Pass 1: create every named type, so references can be resolved in any order.
        var named = new Dictionary<string, NamedType>(StringComparer.Ordinal);
        foreach (var s in BuiltInScalars.All) named[s.Name] = s;
        foreach (var t in _types) named[t.Name] = t.Create();

        IGraphQLType Ref(string typeRef, string where)
        {
            var node = TypeReference.Parse(typeRef, where);
            var resolved = Resolve(node);
            if (resolved is null) throw BuildError($"Unknown type \"{node.NamedTypeName}\" in {where}.");
            return resolved;

            IGraphQLType? Resolve(TypeReference r) => r switch
            {
                TypeReference.Named n => named.TryGetValue(n.Name, out var t) ? t : null,
                TypeReference.List l => Resolve(l.OfType) is { } inner ? new ListType(inner) : null,
                TypeReference.NonNull nn => Resolve(nn.OfType) is { } inner ? new NonNullType(inner) : null,
                _ => null,
            };
        }

        // Pass 2: fill in fields, arguments, members.
        foreach (var t in _types) t.Complete(named[t.Name], Ref, named);
        // As graphql-js's buildASTSchema orders them: declared directives first, then each specified
        // directive that was not redeclared.
        var directives = _directives.Select(d => d.Build(Ref)).ToList();
        foreach (var d in SpecifiedDirectives.All)
            if (!directives.Exists(x => x.Name == d.Name)) directives.Add(d);

        ObjectType? Root(string? name, string what)
        {
            if (name is null) return null;
            return named.TryGetValue(name, out var t) && t is ObjectType o ? o : throw BuildError($"{what} root type must be Object type, it cannot be \"{name}\".");
        }

        return new Schema(new SchemaConfig
        {
            Description = _description,
            Query = Root(_queryName, "Query"),
            Mutation = Root(_mutationName, "Mutation"),
            Subscription = Root(_subscriptionName, "Subscription"),
            Types = _types.Select(t => named[t.Name]).ToList(),
            Directives = directives,
        });
    }

    private TTypeBuilder Declare<TTypeBuilder>(string name, Func<TTypeBuilder> create) where TTypeBuilder : TypeBuilder
    {
        if (_sdl is not null) throw new InvalidOperationException($"Cannot declare type \"{name}\" on a builder made from SDL; declare it in the SDL and bind resolvers by coordinate.");
        if (_typesByName.TryGetValue(name, out var existing))
            return existing as TTypeBuilder ?? throw new InvalidOperationException($"Type \"{name}\" is already declared as a different kind of type.");
        var b = create();
        _typesByName[name] = b;
        _types.Add(b);
        return b;
    }

    internal static GraphQLException BuildError(string message) => new(new GraphQLError(message));

    /// <summary><c>LeadCommissioner</c> → <c>LEAD_COMMISSIONER</c>, <c>HTTPServer</c> → <c>HTTP_SERVER</c>.</summary>
    internal static string ToUpperSnake(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && name[i - 1] != '_'
                && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                sb.Append('_');
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }
}

/// <summary>Adapters from the usual delegate shapes to <see cref="FieldResolver"/> and <see cref="SubscriptionResolver"/>.</summary>
public static class Resolvers
{
    public static FieldResolver FromSync(Func<IResolveContext, object?> resolve) => c => new ValueTask<object?>(resolve(c));

    public static FieldResolver FromTask(Func<IResolveContext, Task<object?>> resolve) => c => new ValueTask<object?>(resolve(c));

    /// <summary>Resolves from the parent value, cast to <typeparamref name="TSource"/>.</summary>
    public static FieldResolver FromSource<TSource>(Func<TSource, object?> resolve) => c => new ValueTask<object?>(resolve(SourceOf<TSource>(c)));

    /// <summary>The parent value as <typeparamref name="TSource"/>; a parent of another type (a resolver bound to the
    /// wrong type) fails the field with a message naming both.</summary>
    public static TSource SourceOf<TSource>(IResolveContext context) => context.Source switch
    {
        TSource source => source,
        null => default!, // a root field without a root value
        _ => throw new InvalidOperationException(
            $"{context.ParentType.Name}.{context.FieldDefinition.Name} expects a parent {typeof(TSource).Name}, not {context.Source.GetType().Name}."),
    };

    public static SubscriptionResolver FromStream<T>(Func<IResolveContext, IAsyncEnumerable<T>> subscribe) =>
        c => new ValueTask<IAsyncEnumerable<object?>>(subscribe(c) as IAsyncEnumerable<object?> ?? Box(subscribe(c)));

    private static async IAsyncEnumerable<object?> Box<T>(IAsyncEnumerable<T> source)
    {
        await foreach (var item in source) yield return item;
    }
}

/// <summary>A type reference in SDL type syntax (spec §2.11), parsed by <see cref="Parse"/>.</summary>
internal abstract record TypeReference
{
    public sealed record Named(string Name) : TypeReference { public override string ToString() => Name; }
    public sealed record List(TypeReference OfType) : TypeReference { public override string ToString() => "[" + OfType + "]"; }
    public sealed record NonNull(TypeReference OfType) : TypeReference { public override string ToString() => OfType + "!"; }

    public string NamedTypeName => this switch { Named n => n.Name, List l => l.OfType.NamedTypeName, NonNull nn => nn.OfType.NamedTypeName, _ => "" };

    /// <summary>Parses <c>Name</c>, <c>[Type]</c> and <c>Type!</c>, ignoring white space.</summary>
    public static TypeReference Parse(string text, string where)
    {
        var pos = 0;
        var result = ParseType();
        SkipSpace();
        if (pos != text.Length) throw Error();
        return result;

        TypeReference ParseType()
        {
            SkipSpace();
            TypeReference t;
            if (pos < text.Length && text[pos] == '[')
            {
                pos++;
                var inner = ParseType();
                SkipSpace();
                if (pos >= text.Length || text[pos] != ']') throw Error();
                pos++;
                t = new List(inner);
            }
            else
            {
                var start = pos;
                while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_')) pos++;
                if (pos == start || char.IsAsciiDigit(text[start])) throw Error();
                t = new Named(text[start..pos]);
            }
            SkipSpace();
            if (pos < text.Length && text[pos] == '!') { pos++; t = new NonNull(t); }
            return t;
        }

        void SkipSpace() { while (pos < text.Length && (text[pos] is ' ' or '\t' or ',' or '\n' or '\r')) pos++; }
        GraphQLException Error() => SchemaBuilder.BuildError($"Invalid type reference \"{text}\" in {where}.");
    }
}
