using System.Net.Http.Json;
using System.Text;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Server.PersistedDocuments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Commissioning.Graph.Server.Tests.SharedState;

/// <summary>Memory measurements run alone (no other test allocating meanwhile).</summary>
[CollectionDefinition(nameof(ServerMemoryMeasurements), DisableParallelization = true)]
public sealed class ServerMemoryMeasurements;

/// <summary>Automatic persisted queries register only what parses and validates, within bounds (issue 10, finding 1).</summary>
[Collection(nameof(ServerMemoryMeasurements))]
public sealed class PersistedDocumentBoundsTests(ITestOutputHelper output)
{
    private static object Apq(string query, bool withText = true) => withText
        ? new { query, extensions = new { persistedQuery = new { version = 1, sha256Hash = PreparedDocument.ComputeHash(query)["sha256:".Length..] } } }
        : new { extensions = new { persistedQuery = new { version = 1, sha256Hash = PreparedDocument.ComputeHash(query)["sha256:".Length..] } } };

    private static async Task<string> PostAsync(WebApplication app, object body)
    {
        using var response = await app.GetTestClient().PostAsync("/graphql", JsonContent.Create(body));
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_valid_document_sent_with_its_hash_is_registered_and_then_served_by_hash()
    {
        await using var app = await TestServerFactory.StartAsync();
        Assert.Contains("\"hello\":\"world\"", await PostAsync(app, Apq("{ hello }")));
        Assert.Contains("\"hello\":\"world\"", await PostAsync(app, Apq("{ hello }", withText: false)));
    }

    [Theory]
    [InlineData("{ hello", "GRAPHQL_PARSE_FAILED")]
    [InlineData("{ nope }", "GRAPHQL_VALIDATION_FAILED")]
    public async Task A_document_that_does_not_parse_or_validate_is_not_registered(string query, string code)
    {
        await using var app = await TestServerFactory.StartAsync();
        Assert.Contains(code, await PostAsync(app, Apq(query)));
        Assert.Contains("PERSISTED_DOCUMENT_NOT_FOUND", await PostAsync(app, Apq(query, withText: false)));
        var store = (InMemoryPersistedDocumentStore)app.Services.GetRequiredService<IPersistedDocumentStore>();
        Assert.Equal(0, store.Registered.Count);
    }

    [Fact]
    public async Task A_document_over_the_size_bound_runs_but_is_not_registered()
    {
        await using var app = await TestServerFactory.StartAsync(new() { ["GraphQL:PersistedDocuments:MaxDocumentBytes"] = "100" });
        var query = "# " + new string('x', 200) + "\n{ hello }";
        Assert.Contains("\"hello\":\"world\"", await PostAsync(app, Apq(query)));
        Assert.Contains("PERSISTED_DOCUMENT_NOT_FOUND", await PostAsync(app, Apq(query, withText: false)));
    }

    [Fact]
    public async Task Registrations_past_the_bound_evict_the_least_recently_used()
    {
        // Each registration (314 characters) costs 2 bytes a character plus 128, 756 bytes: three fit in 2,400, not four.
        await using var app = await TestServerFactory.StartAsync(new()
        {
            ["GraphQL:PersistedDocuments:MaxBytes"] = "2400", ["GraphQL:PersistedDocuments:MaxBytesPerCaller"] = "2400",
        });
        string Doc(int i) => $"# {i} {new string('x', 300)}\n{{ hello }}";
        for (var i = 0; i < 3; i++) await PostAsync(app, Apq(Doc(i)));
        await PostAsync(app, Apq(Doc(0), withText: false));   // 0 is used again: 1 is now the least recently used
        await PostAsync(app, Apq(Doc(3)));
        Assert.Contains("\"hello\"", await PostAsync(app, Apq(Doc(0), withText: false)));
        Assert.Contains("PERSISTED_DOCUMENT_NOT_FOUND", await PostAsync(app, Apq(Doc(1), withText: false)));
        Assert.Contains("\"hello\"", await PostAsync(app, Apq(Doc(3), withText: false)));
    }

    [Fact]
    public async Task Required_mode_serves_published_documents_and_refuses_registration()
    {
        await using var app = await TestServerFactory.StartAsync(new() { ["GraphQL:PersistedDocuments:Mode"] = "Required" });
        var store = (InMemoryPersistedDocumentStore)app.Services.GetRequiredService<IPersistedDocumentStore>();
        var published = store.Add("{ hello }");
        Assert.Contains("\"hello\":\"world\"", await PostAsync(app, new { documentId = published }));
        Assert.Contains("PERSISTED_DOCUMENT_NOT_FOUND", await PostAsync(app, Apq("{ organisations { code } }")));
        Assert.Equal(0, store.Registered.Count);
    }

    /// <summary>
    /// The finding's flood: 200 registrations of 512 KiB (Production, mode Allowed) took the heap from 27 to 319 MiB.
    /// Now such documents are over the size bound and the token limit, so they are neither registered nor kept parsed
    /// beyond the document cache's bound; and 400 valid 60 KiB registrations stay within the per-caller bound. The heap
    /// grows by less than 80 MiB: the document cache's bound (32 MiB), the registrations' (16 MiB), and pooled request buffers.
    /// </summary>
    [Fact]
    public async Task Flooding_registrations_grows_the_heap_by_less_than_the_bounds()
    {
        await using var app = await TestServerFactory.StartAsync();
        using var client = app.GetTestClient();
        await PostAsync(app, Apq("{ hello }"));
        var before = HeapAfterFullCollection();
        var fields = string.Concat(Enumerable.Repeat("hello ", 512 * 1024 / 6));
        for (var i = 0; i < 200; i++)
        {
            var query = $"{{ {fields} }} # {i}";
            using var response = await client.PostAsync("/graphql", JsonContent.Create(Apq(query)));
            Assert.Contains("more than 15000 tokens", await response.Content.ReadAsStringAsync());
        }
        var padding = new string('x', 60 * 1024);
        for (var i = 0; i < 400; i++)
        {
            using var response = await client.PostAsync("/graphql", JsonContent.Create(Apq($"# {i} {padding}\n{{ hello }}")));
            Assert.Contains("\"hello\":\"world\"", await response.Content.ReadAsStringAsync());
        }
        var after = HeapAfterFullCollection();
        var store = (InMemoryPersistedDocumentStore)app.Services.GetRequiredService<IPersistedDocumentStore>();
        var growthMiB = (after - before) / 1048576.0;
        output.WriteLine($"APQ flood (200 x 512 KiB + 400 x 60 KiB): heap {before / 1048576.0:0.0} MiB -> {after / 1048576.0:0.0} MiB (+{growthMiB:0.0} MiB); " +
                         $"registered {store.Registered.Count} documents, {store.Registered.Bytes / 1048576.0:0.00} MiB");
        Assert.True(store.Registered.Bytes <= 1024 * 1024, "one caller holds at most its 1 MiB");
        Assert.True(growthMiB < 80, $"heap grew by {growthMiB:0.0} MiB");
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
