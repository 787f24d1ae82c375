using System.Reflection;
using Commissioning.Graph.Engine.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>What the modules' graph code shares: their embedded SDL, request services, batch helpers.</summary>
public static class GraphModuleResources
{
    /// <summary>The text of an SDL file embedded in this assembly (<c>Graph/*.graphql</c>, logical name = file name).</summary>
    public static string ReadSdl(string fileName)
    {
        using var stream = typeof(GraphModuleResources).Assembly.GetManifestResourceStream(fileName)
            ?? throw new InvalidOperationException($"The SDL resource \"{fileName}\" is not embedded in {typeof(GraphModuleResources).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// A module's SDL (with a prelude) served on its own, outside the composer: an entity of another module that it names by key
    /// only (<c>extend type HealthAndWellbeingBoard @key(fields: "code") { code: ID! @external }</c>) becomes that type's
    /// definition, as the composer makes it when no module present defines the type.
    /// </summary>
    public static string DefineKeyOnlyEntities(string sdl)
    {
        var document = Engine.Language.Parser.Parse(sdl);
        var defined = document.Definitions.OfType<Engine.Language.TypeDefinitionNode>().Where(d => !d.IsExtension).Select(d => d.Name.Value).ToHashSet();
        var definitions = document.Definitions.Select(d => d is Engine.Language.ObjectTypeDefinitionNode { IsExtension: true } ext && defined.Add(ext.Name.Value)
            ? new Engine.Language.ObjectTypeDefinitionNode
            {
                Name = ext.Name, Interfaces = ext.Interfaces, Directives = ext.Directives, Fields = ext.Fields, IsExtension = false,
                Description = new Engine.Language.StringValueNode($"The {ext.Name.Value} type."),
            }
            : d).ToList();
        return Engine.Language.Printer.Print(new Engine.Language.DocumentNode { Definitions = definitions });
    }

    /// <summary>A request service; resolvers fail clearly when the host did not register it.</summary>
    public static T Service<T>(this IResolveContext context) where T : notnull =>
        (context.Services ?? throw new InvalidOperationException("The request has no service provider: execute with the host's services."))
            .GetRequiredService<T>();

    /// <summary>A module's DbContext factory: each DataLoader batch opens its own short-lived context, since resolvers run concurrently.</summary>
    public static IDbContextFactory<TContext> DbFactory<TContext>(this IResolveContext context) where TContext : DbContext =>
        context.Service<IDbContextFactory<TContext>>();

    /// <summary>
    /// A module's DataLoader: each batch runs <paramref name="query"/> once (one SQL statement) on a fresh, short-lived
    /// context from <paramref name="factory"/> (resolvers run concurrently and a DbContext is not thread-safe),
    /// without change tracking, cancelled with the request; the keys are distinct, and sent at most
    /// <see cref="MaxKeysPerStatement"/> to a statement.
    /// </summary>
    public static DataLoader<TKey, TValue> DbLoader<TContext, TKey, TValue>(this IResolveContext context, IDbContextFactory<TContext> factory, string name,
        Func<TContext, List<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> query) where TContext : DbContext where TKey : notnull =>
        context.GetDataLoader<TKey, TValue>(name, async (keys, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            return await InChunksAsync(keys.Distinct().ToList(), MaxKeysPerStatement, chunk => query(db, chunk, ct));
        });

    /// <summary>
    /// Runs <paramref name="query"/> on at most <paramref name="chunkSize"/> keys at a time and merges the results:
    /// a batch can be as large as a response is wide (or an <c>_entities</c> call long), and each statement
    /// then carries a bounded number of parameters, far below SQLite's and SQL Server's limits.
    /// </summary>
    public static async Task<IReadOnlyDictionary<TKey, TValue>> InChunksAsync<TKey, TValue>(List<TKey> keys, int chunkSize,
        Func<List<TKey>, Task<IReadOnlyDictionary<TKey, TValue>>> query) where TKey : notnull
    {
        if (keys.Count <= chunkSize) return await query(keys);
        var merged = new Dictionary<TKey, TValue>();
        foreach (var chunk in keys.Chunk(chunkSize))
            foreach (var (key, value) in await query(chunk.ToList())) merged[key] = value;
        return merged;
    }

    /// <summary>Most keys one DataLoader statement sends as parameters (<c>WHERE key IN (…)</c>).</summary>
    public const int MaxKeysPerStatement = 500;

    public static TimeProvider Clock(this IResolveContext context) =>
        context.Services?.GetService<TimeProvider>() ?? TimeProvider.System;

    /// <summary>Rows grouped by key, for one-to-many DataLoaders (keys without rows are absent: the loader gives null, read as empty).</summary>
    public static IReadOnlyDictionary<TKey, IReadOnlyList<T>> GroupByKey<TKey, T>(this IEnumerable<T> rows, Func<T, TKey> key) where TKey : notnull =>
        rows.GroupBy(key).ToDictionary(g => g.Key, g => (IReadOnlyList<T>)g.ToList());

    /// <summary>The list a one-to-many loader gave (empty for a key without rows).</summary>
    public static IReadOnlyList<T> OrEmpty<T>(this IReadOnlyList<T>? list) => list ?? [];
}
