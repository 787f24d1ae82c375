using System.Linq.Expressions;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Shared.Lists;

/// <summary>A connection whose <c>totalCount</c> is counted when selected (one resolver for every <c>*Connection</c> type).</summary>
public interface ICountedConnection
{
    ValueTask<int> CountAsync();
}

/// <summary>One page of a Relay connection: its items with their cursors, the page info, and how to count every matching row.</summary>
public sealed class Connection<T> : ICountedConnection
{
    private readonly Func<ValueTask<int>> _count;

    public Connection(IReadOnlyList<Edge<T>> edges, PageInfo pageInfo, Func<ValueTask<int>> count)
    {
        Edges = edges;
        Nodes = edges.Select(e => e.Node).ToList();
        PageInfo = pageInfo;
        _count = count;
    }

    public IReadOnlyList<Edge<T>> Edges { get; }
    public IReadOnlyList<T> Nodes { get; }
    public PageInfo PageInfo { get; }

    /// <summary>A COUNT statement, run only when <c>totalCount</c> is selected.</summary>
    public ValueTask<int> CountAsync() => _count();
}

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>Where a list's rows come from and what every row is known to pass.</summary>
public class ListSource<TContext, T> where TContext : DbContext
{
    /// <summary>Prefix of the list's DataLoader names, e.g. <c>commissioning.consortia</c>.</summary>
    public required string Name { get; init; }
    /// <summary>The list's rows before <c>where</c>: the entity set, narrowed by the field's own arguments.</summary>
    public required Func<TContext, IQueryable<T>> Rows { get; init; }
    /// <summary>The field's own arguments <see cref="Rows"/> depends on, as text (two uses with different arguments batch apart).</summary>
    public string Arguments { get; init; } = "";
    /// <summary>The order when <c>order</c> is absent, e.g. <c>"year DESC, month DESC, version DESC"</c>; the key follows.</summary>
    public string? DefaultOrder { get; init; }
    /// <summary>Row visibility: the rows are narrowed in SQL to those the caller may read under any of <see cref="RowPolicies"/>
    /// (<see cref="RuleFilter"/>); no policies: every row is visible to whoever may read the field.</summary>
    public GovernedShape<T>? Governed { get; init; }
    public IReadOnlyList<string> RowPolicies { get; init; } = [];
    /// <summary>Called with each page's rows as loaded and the projection they were read with, e.g. to prime a by-key
    /// DataLoader of that projection (<see cref="ProjectedLoaders.Prime"/>: never one that other fields read as whole rows).</summary>
    public Action<IResolveContext, IReadOnlyList<T>, Projection<T>>? Loaded { get; init; }
}

/// <summary>A list under a parent (a consortium's returns): one statement per level for every parent's page.</summary>
public sealed class ChildListSource<TContext, TParent, TKey, T> : ListSource<TContext, T> where TContext : DbContext where TKey : notnull
{
    /// <summary>The parents' table (the pages are correlated subqueries of it, which EF turns into ROW_NUMBER() OVER (PARTITION BY …)).</summary>
    public required Func<TContext, IQueryable<TParent>> Parents { get; init; }
    public required Expression<Func<TParent, TKey>> ParentKey { get; init; }
    /// <summary>The parent key of a row: <c>r => r.ConsortiumCode</c> (or <see cref="RowsOf"/>).</summary>
    public Expression<Func<T, TKey>>? ParentKeyOf { get; init; }
    /// <summary>Instead of <see cref="ParentKeyOf"/>, when no column of the row names its parent: one parent's rows, reached through
    /// a link table of the same context (a consortium's practices through their memberships on a day):
    /// <c>(db, code) => db.ConsortiumMemberships.Where(m => m.ConsortiumCode == code &amp;&amp; …).Select(m => m.Practice!)</c>. The link's
    /// column is the correlation, so each parent's page is still numbered by ROW_NUMBER() in the one statement of the level.
    /// <see cref="ListSource{TContext,T}.Rows"/> is then unused.</summary>
    public Expression<Func<TContext, TKey, IQueryable<T>>>? RowsOf { get; init; }
    /// <summary>When the parent owns every row of its list (a consortium's returns): its organisation code, for the access check.</summary>
    public Func<TKey, string>? Owner { get; init; }
}

/// <summary>
/// Every connection of the graph, root or child, through one path: parse and check the arguments
/// (<see cref="ListRequest"/>), the access check on the fields used (<see cref="FilterAccess"/>) — both before any SQL —,
/// then one statement per level: the filter, row visibility and the keyset window over the order, the sort key values read
/// with the rows (so cursors need nothing else), one more row than asked to know whether another page follows, and the
/// count only when <c>totalCount</c> is selected.
/// </summary>
public static class Connections
{
    /// <summary>Registers the <c>totalCount</c> resolver of each named connection type.</summary>
    public static SchemaBuilder ResolveTotalCounts(this SchemaBuilder builder, params string[] connectionTypes)
    {
        foreach (var type in connectionTypes)
            builder.ResolveAsync<ICountedConnection>(type + ".totalCount", async (connection, _) => await connection.CountAsync());
        return builder;
    }

    /// <summary>A root list's page.</summary>
    public static async Task<Connection<T>> RootAsync<TContext, T>(IResolveContext ctx, ListShape<T> shape, ListSource<TContext, T> source)
        where TContext : DbContext
    {
        var request = await PrepareAsync(ctx, shape, source, owner: null);
        var visible = await VisibilityAsync(ctx, source);
        var factory = ctx.DbFactory<TContext>();
        // Only the columns the nodes' selection needs, the key and the governed columns.
        var projection = Projection.OfConnection(ctx, ProjectionShape<T>.Of(shape));
        // Read through a DataLoader although there is one key: the next level's loads are then issued while this batch
        // completes, and so gather into one batch each.
        var rows = await ctx.GetDataLoader<int, IReadOnlyList<SortedRow<T>>>($"{source.Name}:page|{source.Arguments}|{request.Signature}|{projection}", async (keys, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            var page = await Keyset.Page(Matching(db, source, request, visible), request, db, request.Window.Size + 1, projection.Selector).ToListAsync(ct);
            return keys.ToDictionary(k => k, _ => (IReadOnlyList<SortedRow<T>>)page);
        }).LoadAsync(0) ?? [];
        return Build(ctx, shape, source, request, projection, rows, async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ctx.CancellationToken);
            return await Matching(db, source, request, visible).CountAsync(ctx.CancellationToken);
        });
    }

    /// <summary>The page of <paramref name="parentKey"/>'s list; every parent of the level is read by the same statement.</summary>
    public static async Task<Connection<T>> ChildAsync<TContext, TParent, TKey, T>(IResolveContext ctx, ListShape<T> shape,
        ChildListSource<TContext, TParent, TKey, T> source, TKey parentKey) where TContext : DbContext where TKey : notnull
    {
        var request = await PrepareAsync(ctx, shape, source, source.Owner?.Invoke(parentKey));
        var visible = await VisibilityAsync(ctx, source);
        var factory = ctx.DbFactory<TContext>();
        // Only the columns the nodes' selection needs, the key, the governed columns and the parent key.
        if ((source.ParentKeyOf is null) == (source.RowsOf is null))
            throw new InvalidOperationException($"{source.Name}: give either ParentKeyOf or RowsOf.");
        var projection = Projection.OfConnection(ctx, ProjectionShape<T>.Of(shape), source.ParentKeyOf);
        var name = $"{source.Name}|{source.Arguments}|{request.Signature}";
        var rows = await ctx.GetDataLoader<TKey, IReadOnlyList<SortedRow<T>>>($"{name}|{projection}:pages", async (keys, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            return await GraphModuleResources.InChunksAsync(keys.Distinct().ToList(), GraphModuleResources.MaxKeysPerStatement, async chunk =>
            {
                var pages = await PagesQuery(db, source, request, visible, chunk, projection.Selector).ToListAsync(ct);
                return (IReadOnlyDictionary<TKey, IReadOnlyList<SortedRow<T>>>)pages.ToDictionary(p => p.Key, p => (IReadOnlyList<SortedRow<T>>)p.Rows);
            });
        }).LoadAsync(parentKey) ?? [];
        var counts = ctx.GetDataLoader<TKey, int>(name + ":counts", async (keys, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await GraphModuleResources.InChunksAsync(keys.Distinct().ToList(), GraphModuleResources.MaxKeysPerStatement, async chunk =>
                source.ParentKeyOf is { } parentKeyOf
                    ? (IReadOnlyDictionary<TKey, int>)await Matching(db, source, request, visible)
                        .Where(KeyIn(parentKeyOf, chunk))
                        .GroupBy(parentKeyOf)
                        .Select(g => new { g.Key, Count = g.Count() })
                        .ToDictionaryAsync(g => g.Key, g => g.Count, ct)
                    : await CountsOfParents(db, source, request, visible, chunk).ToDictionaryAsync(c => c.Key, c => c.Count, ct));
        });
        return Build(ctx, shape, source, request, projection, rows, async () => await counts.LoadAsync(parentKey));
    }

    private static async ValueTask<ListRequest<T>> PrepareAsync<TContext, T>(IResolveContext ctx, ListShape<T> shape, ListSource<TContext, T> source, string? owner)
        where TContext : DbContext
    {
        var request = ListRequest.Parse(ctx, shape, source.DefaultOrder);
        var visibility = new ListVisibility(source.RowPolicies, owner);
        if (request.FilterTerms.Count > 0) await FilterAccess.EnsureAllowedAsync(ctx, "where", request.FilterTerms, visibility);
        if (request.SortTerms.Count > 0) await FilterAccess.EnsureAllowedAsync(ctx, "order", request.SortTerms, visibility);
        return request;
    }

    private static async ValueTask<Expression<Func<T, bool>>?> VisibilityAsync<TContext, T>(IResolveContext ctx, ListSource<TContext, T> source)
        where TContext : DbContext =>
        source.Governed is { } governed && source.RowPolicies.Count > 0
            ? await RuleFilter.PredicateAsync(governed, ctx, [.. source.RowPolicies])
            : null;

    /// <summary>The rows of the list that match the filter and that the caller may read (no window, no order).</summary>
    private static IQueryable<T> Matching<TContext, T>(TContext db, ListSource<TContext, T> source, ListRequest<T> request, Expression<Func<T, bool>>? visible)
        where TContext : DbContext => Narrowed(source.Rows(db), db, request, visible);

    private static IQueryable<T> Narrowed<T>(IQueryable<T> rows, DbContext db, ListRequest<T> request, Expression<Func<T, bool>>? visible)
    {
        if (visible is not null) rows = rows.Where(visible);
        if (request.Where(db) is { } where) rows = rows.Where(where);
        return rows;
    }

    /// <summary>For each parent of <paramref name="keys"/>, its page as a correlated subquery of the parents' table.</summary>
    private static IQueryable<ChildPage<TKey, T>> PagesQuery<TContext, TParent, TKey, T>(TContext db, ChildListSource<TContext, TParent, TKey, T> source,
        ListRequest<T> request, Expression<Func<T, bool>>? visible, IReadOnlyList<TKey> keys, Expression<Func<T, T>>? project) where TContext : DbContext where TKey : notnull
    {
        var parent = Expression.Parameter(typeof(TParent), "parent");
        var parentKey = new ListRequest.Rebinder(source.ParentKey.Parameters[0], parent).Visit(source.ParentKey.Body);
        IQueryable<T> ofParent;
        if (source.ParentKeyOf is { } parentKeyOf)
        {
            var row = Expression.Parameter(typeof(T), "row");
            var correlation = Expression.Lambda<Func<T, bool>>(
                Expression.Equal(new ListRequest.Rebinder(parentKeyOf.Parameters[0], row).Visit(parentKeyOf.Body), parentKey), row);
            // Restricted to the batch's parents inside the window too, so that ROW_NUMBER() numbers only their rows (by the
            // parent-key index), not every parent's.
            var matching = Matching(db, source, request, visible).Where(KeyIn(parentKeyOf, keys));
            ofParent = matching.Provider.CreateQuery<T>(Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(T)], matching.Expression, Expression.Quote(correlation)));
        }
        else ofParent = Narrowed(RowsOfParent(db, source, parentKey), db, request, visible);
        var page = Keyset.Page(ofParent, request, db, request.Window.Size + 1, project);
        var toList = Expression.Call(typeof(Enumerable), nameof(Enumerable.ToList), [typeof(SortedRow<T>)], page.Expression);
        var selector = Expression.Lambda<Func<TParent, ChildPage<TKey, T>>>(Expression.MemberInit(Expression.New(typeof(ChildPage<TKey, T>)),
            Expression.Bind(typeof(ChildPage<TKey, T>).GetProperty(nameof(ChildPage<TKey, T>.Key))!, parentKey),
            Expression.Bind(typeof(ChildPage<TKey, T>).GetProperty(nameof(ChildPage<TKey, T>.Rows))!, toList)), parent);
        return source.Parents(db).Where(KeyIn(source.ParentKey, keys)).Select(selector);
    }

    /// <summary>The rows of the parent whose key is <paramref name="parentKey"/> (an expression over the parents' row), by <c>RowsOf</c>.</summary>
    private static IQueryable<T> RowsOfParent<TContext, TParent, TKey, T>(TContext db, ChildListSource<TContext, TParent, TKey, T> source, Expression parentKey)
        where TContext : DbContext where TKey : notnull
    {
        var rowsOf = source.RowsOf!;
        var body = new ListRequest.Rebinder(rowsOf.Parameters[1], parentKey).Visit(
            new ListRequest.Rebinder(rowsOf.Parameters[0], Expression.Constant(db, typeof(TContext))).Visit(rowsOf.Body));
        return source.Parents(db).Provider.CreateQuery<T>(body);
    }

    /// <summary>Each parent's count of matching rows by <c>RowsOf</c>: a correlated COUNT per parent of the batch, in one statement.</summary>
    private static IQueryable<ChildCount<TKey>> CountsOfParents<TContext, TParent, TKey, T>(TContext db, ChildListSource<TContext, TParent, TKey, T> source,
        ListRequest<T> request, Expression<Func<T, bool>>? visible, IReadOnlyList<TKey> keys) where TContext : DbContext where TKey : notnull
    {
        var parent = Expression.Parameter(typeof(TParent), "parent");
        var parentKey = new ListRequest.Rebinder(source.ParentKey.Parameters[0], parent).Visit(source.ParentKey.Body);
        var rows = Narrowed(RowsOfParent(db, source, parentKey), db, request, visible);
        var count = Expression.Call(typeof(Queryable), nameof(Queryable.Count), [typeof(T)], rows.Expression);
        var selector = Expression.Lambda<Func<TParent, ChildCount<TKey>>>(Expression.MemberInit(Expression.New(typeof(ChildCount<TKey>)),
            Expression.Bind(typeof(ChildCount<TKey>).GetProperty(nameof(ChildCount<TKey>.Key))!, parentKey),
            Expression.Bind(typeof(ChildCount<TKey>).GetProperty(nameof(ChildCount<TKey>.Count))!, count)), parent);
        return source.Parents(db).Where(KeyIn(source.ParentKey, keys)).Select(selector);
    }

    private static Expression<Func<TRow, bool>> KeyIn<TRow, TKey>(Expression<Func<TRow, TKey>> key, IReadOnlyList<TKey> keys)
    {
        var list = keys.ToList();
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], ListRequest.Boxed(list, typeof(List<TKey>)), key.Body);
        return Expression.Lambda<Func<TRow, bool>>(contains, key.Parameters);
    }

    private static Connection<T> Build<TContext, T>(IResolveContext ctx, ListShape<T> shape, ListSource<TContext, T> source, ListRequest<T> request,
        Projection<T> projection, IReadOnlyList<SortedRow<T>> fetched, Func<ValueTask<int>> count) where TContext : DbContext
    {
        var window = request.Window;
        var more = fetched.Count > window.Size;
        var page = fetched.Take(window.Size).ToList();
        if (window.Backward) page.Reverse();
        var edges = page.Select(r => new Edge<T>(Cursor.Encode(request.Order, shape.TypeName, r.Keys(request.Order.Count)), r.Row)).ToList();
        source.Loaded?.Invoke(ctx, edges.Select(e => e.Node).ToList(), projection);
        // Forward: earlier rows exist when a cursor was given (at least the one it names); backward, likewise for later rows.
        var info = new PageInfo(
            HasNextPage: window.Backward ? window.Before is not null : more,
            HasPreviousPage: window.Backward ? more : window.After is not null,
            StartCursor: edges.Count > 0 ? edges[0].Cursor : null,
            EndCursor: edges.Count > 0 ? edges[^1].Cursor : null);
        return new Connection<T>(edges, info, count);
    }
}

/// <summary>One parent's page, as the batched statement reads it.</summary>
public sealed class ChildPage<TKey, T>
{
    public required TKey Key { get; init; }
    public required List<SortedRow<T>> Rows { get; init; }
}

/// <summary>One parent's count of matching rows.</summary>
public sealed class ChildCount<TKey>
{
    public required TKey Key { get; init; }
    public int Count { get; init; }
}
