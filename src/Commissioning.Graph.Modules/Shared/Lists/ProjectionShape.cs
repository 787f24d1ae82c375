using System.Linq.Expressions;
using System.Reflection;
using Commissioning.Graph.Modules.Shared.Policies;

namespace Commissioning.Graph.Modules.Shared.Lists;

/// <summary>
/// Which members of an entity a GraphQL object type's fields read, for <see cref="Projection"/>. A field reads the
/// member named like it (the default resolver's rule) unless the shape says otherwise (<see cref="Needs"/>); a field
/// that is neither declared nor named like a member makes the read whole (an unknown resolver may read anything).
/// Every projection also reads the key, every column of the entity's <see cref="GovernedShape"/> (owner, subjects,
/// year, draft, published: the policies judge rows by them) and the columns loaders read (<see cref="AlwaysReads"/>).
/// </summary>
public sealed class ProjectionShape<T>
{
    private readonly Dictionary<string, MemberInfo[]> _needs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _whole = new(StringComparer.Ordinal);
    private readonly List<MemberInfo> _always = [];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ListShape<T>, ProjectionShape<T>> FromLists = new();

    /// <summary>The projection shape of a listed type, from its one definition: each value field reads its column, a computed
    /// field the members it names (collections among them are other rows, loaded by key: not columns), a to-one object the
    /// row's columns its correlation reads, a list of objects nothing (loaded by the key); plus the key and the governed columns
    /// of the type (<see cref="GovernedShapes"/>).</summary>
    public static ProjectionShape<T> Of(ListShape<T> list) => FromLists.GetValue(list, static list =>
    {
        var shape = new ProjectionShape<T>(list.TypeName, list.Key, GovernedShapes.All.FirstOrDefault(g => g.EntityType == typeof(T)));
        foreach (var member in list.Members)
            shape._needs[member.Name] = member switch
            {
                ValueMember value => ProjectedMembers.Of(value.Column).Where(m => m is not PropertyInfo p || !IsCollection(p.PropertyType)).ToArray(),
                ComputedMember computed => computed.Needs
                    .Select(name => (MemberInfo?)typeof(T).GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
                                    ?? throw new InvalidOperationException($"{list.TypeName}.{member.Name} needs {name}, which {typeof(T).Name} does not have."))
                    .Where(m => !IsCollection(((PropertyInfo)m!).PropertyType)).ToArray()!,
                ObjectMember related => ProjectedMembers.Of(related.Related, parameter: 1).Where(m => IsColumn(((PropertyInfo)m).PropertyType)).ToArray(),
                _ => [],
            };
        return shape;
    });

    private static int Depth(Type? type)
    {
        var depth = 0;
        for (; type is not null; type = type.BaseType) depth++;
        return depth;
    }

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    public ProjectionShape(string typeName, Expression<Func<T, object?>> key, GovernedShape? governed) : this(typeName, (LambdaExpression)key, governed) { }

    private ProjectionShape(string typeName, LambdaExpression key, GovernedShape? governed)
    {
        TypeName = typeName;
        _always.AddRange(ProjectedMembers.Of(key));
        if (governed is not null)
        {
            foreach (var source in governed.Subjects.Values.Append(governed.Owner))
                if (source is ColumnSource column) _always.AddRange(ProjectedMembers.Of(column.Column));
            if (governed.Year is { } year) _always.AddRange(ProjectedMembers.Of(year));
            if (governed.Draft is { } draft) _always.AddRange(ProjectedMembers.Of(draft));
            if (governed.Published is { } published) _always.AddRange(ProjectedMembers.Of(published));
        }
        Members = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && IsColumn(p.PropertyType))
            // A property hidden by a derived one (new) is listed twice: the most derived wins.
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (MemberInfo)g.OrderByDescending(p => Depth(p.DeclaringType)).First(), StringComparer.OrdinalIgnoreCase);
    }

    // Scalars only: a member of a class type is a navigation (another row) or an owned type, which a field reads only
    // when the shape says so (Needs("constitution", c => c.Constitution)).
    private static bool IsColumn(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsValueType || type == typeof(string);
    }

    /// <summary>The GraphQL object type whose selections this shape reads.</summary>
    public string TypeName { get; }

    /// <summary>The settable public scalar members of <typeparamref name="T"/> by name (case-insensitive, as the default resolver reads them).</summary>
    internal IReadOnlyDictionary<string, MemberInfo> Members { get; }

    /// <summary>Read by every projection: the key, the governed columns and <see cref="AlwaysReads"/>.</summary>
    internal IReadOnlyList<MemberInfo> Always => _always;

    /// <summary>The members the resolver of <paramref name="field"/> reads (none: it reads only what every projection has, e.g. the key).</summary>
    public ProjectionShape<T> Needs(string field, params Expression<Func<T, object?>>[] members)
    {
        _needs[field] = members.SelectMany(m => ProjectedMembers.Of(m)).ToArray();
        return this;
    }

    /// <summary>Fields whose resolvers read only what every projection has (the key, the governed columns): typically
    /// relations resolved by the key through a loader, and fields of other modules, which know the entity by key only.</summary>
    public ProjectionShape<T> NeedsNothing(params string[] fields)
    {
        foreach (var field in fields) _needs[field] = [];
        return this;
    }

    /// <summary>Fields that need the whole row.</summary>
    public ProjectionShape<T> NeedsWholeRow(params string[] fields)
    {
        _whole.UnionWith(fields);
        return this;
    }

    /// <summary>Columns every read includes besides the key and the governed ones: those loaders read (parent keys, join keys).</summary>
    public ProjectionShape<T> AlwaysReads(params Expression<Func<T, object?>>[] members)
    {
        // A lambda, not the method group: SelectMany would pick its indexed overload and pass each index as Of's parameter.
        _always.AddRange(members.SelectMany(m => ProjectedMembers.Of(m)));
        return this;
    }

    /// <summary>The members <paramref name="field"/> reads, or null when it needs the whole row.</summary>
    internal IEnumerable<MemberInfo>? MembersOf(string field)
    {
        if (field == "__typename") return [];
        if (_whole.Contains(field)) return null;
        if (_needs.TryGetValue(field, out var declared)) return declared;
        return Members.TryGetValue(field, out var member) ? [member] : null;
    }
}

/// <summary>The top-level members of an entity an expression reads (<c>c => c.Constitution.AccountableOfficer</c> reads
/// <c>Constitution</c>: owned and complex types are read whole).</summary>
internal static class ProjectedMembers
{
    public static IReadOnlyList<MemberInfo> Of(LambdaExpression expression, int parameter = 0)
    {
        var visitor = new Collector(expression.Parameters[parameter]);
        visitor.Visit(expression.Body);
        return visitor.Members;
    }

    private sealed class Collector(ParameterExpression root) : ExpressionVisitor
    {
        public List<MemberInfo> Members { get; } = [];

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == root)
            {
                Members.Add(node.Member);
                return node;
            }
            return base.VisitMember(node);
        }
    }
}
