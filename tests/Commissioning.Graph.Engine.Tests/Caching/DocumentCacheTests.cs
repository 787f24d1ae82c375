using Commissioning.Graph.Engine.Types;
using Xunit.Abstractions;

namespace Commissioning.Graph.Engine.Tests.Caching;

/// <summary>Memory measurements run alone (no other test allocating meanwhile).</summary>
[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>The engine's cache of parsed and validated documents is bounded by bytes (issue 10, finding 3).</summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class DocumentCacheTests(ITestOutputHelper output)
{
    private static readonly Schema Schema = SdlSchemaBuilder.Build("type Query { hello: String world(n: Int): String }");

    [Fact]
    public void Popular_documents_stay_cached_while_a_flood_of_distinct_ones_is_evicted()
    {
        var engine = new GraphQLEngine(Schema, new EngineOptions { DocumentCacheBytes = 64 * 1024 });
        var popular = engine.Prepare("{ hello }");
        for (var i = 0; i < 500; i++)
        {
            engine.Prepare($"{{ world(n: {i}) }}");
            Assert.Same(popular, engine.Prepare("{ hello }"));
        }
        Assert.True(engine.DocumentCache.Bytes <= 64 * 1024);
        Assert.True(engine.DocumentCache.Evictions > 0);
    }

    [Fact]
    public void A_document_larger_than_the_cache_is_prepared_but_not_kept()
    {
        var engine = new GraphQLEngine(Schema, new EngineOptions { DocumentCacheBytes = 1024 });
        var text = "# " + new string('x', 4000) + "\n{ hello }";
        Assert.True(engine.Prepare(text).IsValid);
        Assert.Equal(0, engine.DocumentCache.Count);
    }

    /// <summary>
    /// 200 distinct 512 KiB documents (the flood of the finding; over the token limit, so syntax errors, as a server
    /// with default limits sees them) and 400 distinct valid 60 KiB documents through one engine with the default
    /// bound (32 MiB): the heap grows by less than the bound plus 16 MiB (it grew by about 300 MiB before).
    /// </summary>
    [Fact]
    public void Flooding_the_document_cache_grows_the_heap_by_less_than_its_byte_bound()
    {
        var engine = new GraphQLEngine(Schema, new EngineOptions { MaxTokens = 15_000 });
        engine.Prepare("{ hello }");
        var before = HeapAfterFullCollection();
        var fields = string.Concat(Enumerable.Repeat("hello ", 512 * 1024 / 6));
        for (var i = 0; i < 200; i++) engine.Prepare($"{{ {fields} }} # {i}");
        var padding = new string('x', 60 * 1024);
        for (var i = 0; i < 400; i++) Assert.True(engine.Prepare($"# {i} {padding}\n{{ hello world(n: {i}) }}").IsValid);
        var after = HeapAfterFullCollection();
        GC.KeepAlive(engine);
        var growthMiB = (after - before) / 1024.0 / 1024.0;
        output.WriteLine($"document cache flood: heap {before / 1048576.0:0.0} MiB -> {after / 1048576.0:0.0} MiB (+{growthMiB:0.0} MiB); " +
                         $"cache {engine.DocumentCache.Count} documents, {engine.DocumentCache.Bytes / 1048576.0:0.0} MiB estimated, {engine.DocumentCache.Evictions} evicted");
        Assert.True(engine.DocumentCache.Bytes <= engine.Options.DocumentCacheBytes);
        Assert.True(growthMiB < 32 + 16, $"heap grew by {growthMiB:0.0} MiB");
    }

    /// <summary>The cache's estimate of a document's bytes is not below what field-dense documents really hold.</summary>
    [Fact]
    public void The_size_estimate_covers_what_field_dense_documents_hold_on_the_heap()
    {
        var engine = new GraphQLEngine(Schema, new EngineOptions { DocumentCacheBytes = 1L << 40, MaxFields = 0, MaxDepth = 0 });
        engine.Prepare("{ hello }");
        var before = HeapAfterFullCollection();
        long estimated = 0;
        for (var i = 0; i < 100; i++)
        {
            var text = "{ " + string.Join(" ", Enumerable.Range(0, 1000).Select(f => $"a{i}_{f}: world(n: {f})")) + " }";
            var prepared = engine.Prepare(text);
            Assert.True(prepared.IsValid);
            estimated += prepared.EstimatedBytes;
        }
        var after = HeapAfterFullCollection();
        GC.KeepAlive(engine);
        var actual = after - before;
        output.WriteLine($"field-dense documents: heap +{actual / 1048576.0:0.0} MiB, estimated {estimated / 1048576.0:0.0} MiB " +
                         $"({engine.DocumentCache.Count} documents, {actual / (double)engine.DocumentCache.Count / 8000:0} bytes per token measured)");
        Assert.True(estimated >= actual * 0.9, $"estimate {estimated} below heap growth {actual}");
    }

    /// <summary>The GC heap's size after a full, compacting, blocking collection (what dotnet-counters calls the GC heap size).</summary>
    private static long HeapAfterFullCollection()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;
    }
}
