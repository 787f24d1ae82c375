using System.Linq.Expressions;
using System.Reflection;
using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Modules.Shared.Lists;

/// <summary>
/// The members of <typeparamref name="T"/> one read needs, and the EF <c>Select</c> that reads only them
/// (<c>r => new T { Code = r.Code, Name = r.Name, … }</c>): EF then names only their columns. A partial row is an
/// instance of <typeparamref name="T"/> whose other members keep their defaults, so it must reach only readers whose
/// needs it covers (<see cref="Covers"/>; <see cref="ProjectedLoaders"/> keys caches by it).
/// </summary>
public sealed class Projection<T>
{
    /// <summary>The whole row (no <c>Select</c>).</summary>
    public static readonly Projection<T> Whole = new(null);

    private readonly SortedSet<string>? _members;

    private Projection(SortedSet<string>? members)
    {
        _members = members;
        Signature = members is null ? "*" : string.Join(',', members);
        if (members is not null) Selector = Build(members);
    }

    internal static Projection<T> Of(IEnumerable<MemberInfo> members) => new(new SortedSet<string>(members.Select(m => m.Name), StringComparer.Ordinal));

    public bool IsWhole => _members is null;

    /// <summary>The member names read, or null for the whole row.</summary>
    public IReadOnlySet<string>? Members => _members;

    /// <summary>The members read, sorted, or <c>*</c>: names the cache of rows read this way.</summary>
    public string Signature { get; }

    /// <summary>The member-init that reads only <see cref="Members"/>; null for the whole row.</summary>
    public Expression<Func<T, T>>? Selector { get; }

    /// <summary>Whether rows read this way carry every member <paramref name="other"/> needs.</summary>
    public bool Covers(Projection<T> other) => _members is null || (other._members is not null && other._members.IsSubsetOf(_members));

    /// <summary>The rows read this way (for a no-tracking query: a projected owned type has no owner to track it by).</summary>
    public IQueryable<T> Apply(IQueryable<T> rows) => Selector is null ? rows : rows.Select(Selector);

    public override string ToString() => Signature;

    private static Expression<Func<T, T>> Build(IEnumerable<string> members)
    {
        var row = Expression.Parameter(typeof(T), "r");
        var bindings = members.Select(name =>
        {
            var property = typeof(T).GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
                           ?? throw new InvalidOperationException($"{typeof(T).Name} has no member {name} to project.");
            return (MemberBinding)Expression.Bind(property, Expression.Property(row, property));
        });
        return Expression.Lambda<Func<T, T>>(Expression.MemberInit(Expression.New(typeof(T)), bindings), row);
    }
}

/// <summary>Builds <see cref="Projection{T}"/>s from the selection of the field being resolved.</summary>
public static class Projection
{
    /// <summary>Makes every list of the request of <paramref name="scope"/> read whole rows (to compare results with and without projections).</summary>
    public static void Disable(RequestScope scope) => scope.Features.Set(ProjectionsDisabled.Instance);

    /// <summary>The members the field being resolved needs of the <typeparamref name="T"/> it returns (an object or a list of them).</summary>
    /// <param name="alsoFields">Fields of the type the resolver itself reads whether selected or not.</param>
    public static Projection<T> Of<T>(IResolveContext ctx, ProjectionShape<T> shape, IReadOnlyList<string>? alsoFields = null) =>
        Disabled(ctx) ? Projection<T>.Whole : From(shape, [FieldSelection.Of(ctx, shape.TypeName)], alsoFields);

    /// <summary>The members a connection field needs of its nodes: what <c>nodes</c> and <c>edges { node }</c> select, merged.</summary>
    /// <param name="alsoReads">Members the list's own reading needs (a child list's parent key).</param>
    public static Projection<T> OfConnection<T>(IResolveContext ctx, ProjectionShape<T> shape, LambdaExpression? alsoReads = null)
    {
        if (Disabled(ctx)) return Projection<T>.Whole;
        var connectionType = Engine.Types.Schema.GetNamedType(ctx.FieldDefinition.Type) as Engine.Types.ObjectType
                             ?? throw new InvalidOperationException($"{ctx.ParentType.Name}.{ctx.FieldDefinition.Name} is not a connection.");
        // An interface's nodes (the directory's organisations, four columns) are read whole.
        if (ctx.Schema.GetType(shape.TypeName) is not Engine.Types.ObjectType node) return Projection<T>.Whole;
        var connection = FieldSelection.Of(ctx, connectionType);
        var selections = new List<FieldSelection>();
        foreach (var nodes in connection.Named("nodes")) selections.Add(nodes.SelectionFor(node));
        foreach (var edges in connection.Named("edges"))
            if (edges.Selection() is { } edge)
                foreach (var edgeNode in edge.Named("node")) selections.Add(edgeNode.SelectionFor(node));
        var projection = From(shape, selections);
        return alsoReads is null || projection.IsWhole ? projection : Projection<T>.Of([.. projection.Members!.Select(n => (MemberInfo)typeof(T).GetProperty(n)!), .. ProjectedMembers.Of(alsoReads).Where(IsColumn)]);
    }

    /// <summary>The members <paramref name="selections"/> of <paramref name="shape"/>'s type need.</summary>
    public static Projection<T> From<T>(ProjectionShape<T> shape, IEnumerable<FieldSelection> selections, IReadOnlyList<string>? alsoFields = null)
    {
        var members = new List<MemberInfo>(shape.Always);
        foreach (var field in alsoFields ?? [])
        {
            if (shape.MembersOf(field) is not { } needed) return Projection<T>.Whole;
            members.AddRange(needed);
        }
        foreach (var selection in selections)
            foreach (var field in selection.Fields)
            {
                if (shape.MembersOf(field.Definition.Name) is not { } needed) return Projection<T>.Whole;
                members.AddRange(needed);
            }
        return Projection<T>.Of(members);
    }

    // A parent key read through a navigation (a practice's membership of a consortium) is not a column of the row: the
    // statement reads it, the row need not carry it.
    private static bool IsColumn(MemberInfo member) => member is PropertyInfo { CanWrite: true } p
        && ((Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType).IsValueType || p.PropertyType == typeof(string));

    private static bool Disabled(IResolveContext ctx) => ctx.Scope.Features.Get<ProjectionsDisabled>() is not null;

    /// <summary>The request feature <see cref="Disable"/> sets.</summary>
    private sealed class ProjectionsDisabled
    {
        public static readonly ProjectionsDisabled Instance = new();
    }
}
