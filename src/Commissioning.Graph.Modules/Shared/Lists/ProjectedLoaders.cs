using System.Linq.Expressions;
using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Modules.Shared.Lists;

/// <summary>
/// DataLoader caches keyed by projection. Rows read with a projection are cached (loaded or primed) only in the
/// loader of that projection, and a reader is handed the loader of a projection that covers what it needs — its
/// own, one with more members, or the whole row's — never one whose rows lack a member it reads. So a list that
/// read only names can still prime the rows a later level needs by key, and a field that needs the whole row never
/// sees a partial one.
/// </summary>
public static class ProjectedLoaders
{
    /// <summary>The request's loader named <paramref name="name"/> for rows that carry at least what <paramref name="needed"/>
    /// reads; <paramref name="create"/> makes one (given its unique name and the projection its batches must read) when none does.</summary>
    public static DataLoader<TKey, T> For<TKey, T>(IResolveContext ctx, string name, Projection<T> needed,
        Func<string, Projection<T>, DataLoader<TKey, T>> create) where TKey : notnull
    {
        var registry = Registry<TKey, T>(ctx, name);
        lock (registry)
        {
            DataLoader<TKey, T>? covering = null;
            foreach (var (projection, loader) in registry)
            {
                if (projection.Signature == needed.Signature) return loader;
                if (covering is null && projection.Covers(needed)) covering = loader;
            }
            if (covering is not null) return covering;
            var created = create($"{name}|{needed.Signature}", needed);
            registry.Add((needed, created));
            return created;
        }
    }

    /// <summary>Makes <paramref name="rows"/>, read with <paramref name="projection"/>, available by key to later readers whose needs it covers.</summary>
    public static void Prime<TKey, T>(IResolveContext ctx, string name, Projection<T> projection, IEnumerable<T> rows, Func<T, TKey> keyOf,
        Func<string, Projection<T>, DataLoader<TKey, T>> create) where TKey : notnull
    {
        var registry = Registry<TKey, T>(ctx, name);
        DataLoader<TKey, T> loader;
        lock (registry)
        {
            var existing = registry.FirstOrDefault(e => e.Projection.Signature == projection.Signature).Loader;
            if (existing is null) registry.Add((projection, existing = create($"{name}|{projection.Signature}", projection)));
            loader = existing;
        }
        foreach (var row in rows) loader.Prime(keyOf(row), row);
    }

    // The request's loaders of one name and row type, with the projection each reads. The lock on the list makes
    // find-or-create one step: two readers needing the same projection get the same loader.
    private static List<(Projection<T> Projection, DataLoader<TKey, T> Loader)> Registry<TKey, T>(IResolveContext ctx, string name)
        where TKey : notnull =>
        ctx.Scope.Features.GetOrAdd<ByName<TKey, T>>().Loaders.GetOrAdd(name, static _ => []);

    /// <summary>The request feature holding the projected loaders of one key and row type, by name.</summary>
    private sealed class ByName<TKey, T> where TKey : notnull
    {
        public readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<(Projection<T> Projection, DataLoader<TKey, T> Loader)>> Loaders =
            new(StringComparer.Ordinal);
    }
}

/// <summary>A row of <typeparamref name="T"/> read with the key of the parent it belongs to (a child list's rows, batched over parents).</summary>
public sealed class KeyedRow<TKey, T>
{
    public required TKey Key { get; init; }
    public required T Row { get; init; }
}

public static class KeyedRowProjection
{
    /// <summary>The <c>Select</c> that keeps each row's parent key and reads only the projection's members of the row
    /// (the identity when the projection is whole).</summary>
    public static Expression<Func<KeyedRow<TKey, T>, KeyedRow<TKey, T>>> Keyed<TKey, T>(this Projection<T> projection)
    {
        var keyed = Expression.Parameter(typeof(KeyedRow<TKey, T>), "k");
        if (projection.Selector is not { } selector) return Expression.Lambda<Func<KeyedRow<TKey, T>, KeyedRow<TKey, T>>>(keyed, keyed);
        var row = Expression.Property(keyed, nameof(KeyedRow<TKey, T>.Row));
        var projected = new Replace(selector.Parameters[0], row).Visit(selector.Body);
        var body = Expression.MemberInit(Expression.New(typeof(KeyedRow<TKey, T>)),
            Expression.Bind(typeof(KeyedRow<TKey, T>).GetProperty(nameof(KeyedRow<TKey, T>.Key))!, Expression.Property(keyed, nameof(KeyedRow<TKey, T>.Key))),
            Expression.Bind(typeof(KeyedRow<TKey, T>).GetProperty(nameof(KeyedRow<TKey, T>.Row))!, projected));
        return Expression.Lambda<Func<KeyedRow<TKey, T>, KeyedRow<TKey, T>>>(body, keyed);
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
