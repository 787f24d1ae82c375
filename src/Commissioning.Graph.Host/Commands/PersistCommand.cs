using Commissioning.Graph.Engine;
using Commissioning.Graph.Host.Graph;
using Commissioning.Graph.Server.PersistedDocuments;
using Commissioning.Graph.Server.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Host.Commands;

/// <summary>
/// <c>persist FILE… [--out DIR] [--Redis:Configuration=…]</c>: publishes documents ahead of time for
/// <c>GraphQL:PersistedDocuments:Mode=Required</c>. Each file (a <c>.graphql</c> document, or a JSON manifest
/// <c>{"name": "query …"}</c>) is parsed and validated against the whole graph; valid ones are written to DIR as
/// <c>&lt;hex&gt;.graphql</c> (serve with <c>GraphQL:PersistedDocuments:Directory=DIR</c>) and, with Redis configured,
/// published there for every instance. Prints <c>sha256:&lt;hex&gt; SOURCE</c> per document on stdout; exits 1 when any
/// document is invalid (none is published then).
/// </summary>
public static class PersistCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var outDir = CommandLine.TakeOption(ref args, "--out");
        var redisConfiguration = CommandLine.TakeOption(ref args, "--Redis:Configuration") ?? NullIfEmpty(Environment.GetEnvironmentVariable("Redis__Configuration"));
        var prefix = CommandLine.TakeOption(ref args, "--Redis:KeyPrefix") ?? new RedisOptions().KeyPrefix;
        var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (files.Count == 0 || (outDir is null && redisConfiguration is null))
        {
            Console.Error.WriteLine("persist: usage: persist FILE… --out DIR [--Redis:Configuration=HOST:PORT]");
            return 2;
        }

        var engine = new GraphQLEngine(CommissioningGraph.Compose(CommissioningGraph.CreateModules(), null).Schema);
        var documents = new List<(string Id, string Text, string Source)>();
        var failed = false;
        foreach (var file in files)
        {
            if (!File.Exists(file)) { Console.Error.WriteLine($"persist: {file}: no such file."); failed = true; continue; }
            var sources = file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? ReadManifest(file)
                : [(file, File.ReadAllText(file))];
            foreach (var (source, text) in sources)
            {
                var prepared = engine.Prepare(text);
                if (!prepared.IsValid)
                {
                    foreach (var e in prepared.Errors) Console.Error.WriteLine($"persist: {source}: {e.Message}");
                    failed = true;
                    continue;
                }
                documents.Add((prepared.Hash, text, source));
            }
        }
        if (failed) return 1;

        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            foreach (var (id, text, _) in documents)
                await File.WriteAllTextAsync(Path.Combine(outDir, id["sha256:".Length..] + ".graphql"), text);
        }
        if (redisConfiguration is not null)
        {
            await using var redis = new RedisConnection(Options.Create(new RedisOptions { Configuration = redisConfiguration, KeyPrefix = prefix, CommandTimeout = TimeSpan.FromSeconds(5) }),
                NullLogger<RedisConnection>.Instance);
            var store = new RedisPersistedDocumentStore(redis, new Server.PersistedDocumentOptions(), NullLogger<RedisPersistedDocumentStore>.Instance);
            foreach (var (id, text, _) in documents) await store.PublishAsync(id, text);
        }
        foreach (var (id, _, source) in documents) Console.Out.WriteLine($"{id} {source}");
        return 0;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static List<(string, string)> ReadManifest(string file)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
        return doc.RootElement.EnumerateObject().Select(p => ($"{file}#{p.Name}", p.Value.GetString() ?? "")).ToList();
    }
}
