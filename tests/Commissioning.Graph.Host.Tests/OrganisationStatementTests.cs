using System.Text.Json;
using Commissioning.Graph.Modules.Shared;
using Xunit.Abstractions;

namespace Commissioning.Graph.Host.Tests;

/// <summary>
/// The organisation entry points and the references between modules read in batches: a statement per module
/// table and level, not one per organisation or per reference.
/// </summary>
public sealed class OrganisationStatementTests(DemoGraphServers servers, ITestOutputHelper output) : IClassFixture<DemoGraphServers>
{
    private async Task<(JsonElement Data, IReadOnlyList<string> Statements)> CountAsync(DemoGraphServer server, string query, string caller = "01A", string? purpose = "COMMISSIONING")
    {
        var before = server.Statements.Count;
        var data = await server.DataAsync(query, caller, purpose);
        var statements = server.Statements.Skip(before).ToList();
        foreach (var s in statements) output.WriteLine(s);
        return (data, statements);
    }

    [Theory, OnEveryProvider]
    public async Task A_page_of_organisations_reads_one_directory_page_then_one_batch_per_type(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var (data, statements) = await CountAsync(server, """{ organisations(first: 5) { nodes { __typename code name kind } pageInfo { hasNextPage } } }""");

        var nodes = data.GetProperty("organisations").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(5, nodes.Count);
        // The directory's page (one statement), then each owning module's entities of the page by key, one batch per
        // type — as the gateway asks each subgraph's _entities once.
        Assert.Contains("DirectoryOrganisations", statements[0]);
        Assert.Contains("LIMIT", statements[0], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1 + nodes.Select(n => n.GetProperty("__typename").GetString()).Distinct().Count(), statements.Count);
    }

    [Theory, OnEveryProvider]
    public async Task Organisations_of_one_kind_read_the_directory_then_the_module_that_owns_the_kind(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var (_, statements) = await CountAsync(server, """{ organisations(kind: LOCAL_AUTHORITY) { totalCount nodes { code } } }""");
        // The page and the count of the directory, then the local authorities in one batch.
        Assert.Equal(3, statements.Count);
        Assert.All(statements.Take(2), s => Assert.Contains("DirectoryOrganisations", s));
        Assert.Contains("LocalAuthorities", statements[2]);
    }

    [Theory, OnEveryProvider]
    public async Task Total_count_is_counted_only_when_selected(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var (_, without) = await CountAsync(server, """{ organisations(kind: CONSORTIUM) { nodes { code } } }""");
        var (_, with) = await CountAsync(server, """{ organisations(kind: CONSORTIUM) { totalCount nodes { code } } }""");
        Assert.Equal(2, without.Count); // the page, the consortia by key
        Assert.Equal(3, with.Count);    // … and the count
    }

    [Theory, OnEveryProvider]
    public async Task Consortia_referenced_from_another_module_load_in_one_batch(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var (data, statements) = await CountAsync(server, """
            { healthAndWellbeingBoards { code members { consortium { code name authorisationStatus } } } }
            """);

        var consortia = data.GetProperty("healthAndWellbeingBoards").EnumerateArray()
            .SelectMany(b => b.GetProperty("members").EnumerateArray())
            .Where(m => m.GetProperty("consortium").ValueKind == JsonValueKind.Object).ToList();
        Assert.Equal(4, consortia.Count); // 01A and 02B on Northvale's board; 02B and 03C on Riverside's
        Assert.All(consortia, m => Assert.False(string.IsNullOrEmpty(m.GetProperty("consortium").GetProperty("name").GetString())));
        // Boards, their members, and the consortia the members' references name: one statement each — four references
        // to three consortia in one batch. (The engine's automatic dispatch may split a level's batch in two on a busy
        // machine, see CommissioningStatementCountTests; hence the ranges.)
        Assert.InRange(statements.Count(s => s.Contains("\"Consortia\"")), 1, 2);
        Assert.InRange(statements.Count, 3, 5);
    }

    [Theory, OnEveryProvider]
    public async Task Organisations_filtered_and_sorted_page_forward_and_backward_over_the_same_rows(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        const string list = """where: { kind: { in: [GP_PRACTICE, CONSORTIUM] }, name: { neq: "" } }, order: [{ kind: DESC }, { name: ASC }]""";
        static List<string> Codes(JsonElement page) => page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!).ToList();
        var all = (await server.DataAsync($$"""{ organisations({{list}}, first: 100) { totalCount nodes { code kind } } }""")).GetProperty("organisations");
        var expected = Codes(all);
        Assert.True(expected.Count > 8, $"{expected.Count} organisations");
        Assert.Equal(expected.Count, all.GetProperty("totalCount").GetInt32());
        // Practices (GP_PRACTICE sorts after CONSORTIUM, so first descending), then consortia.
        Assert.Equal(all.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("kind").GetString()).OrderByDescending(k => k, StringComparer.Ordinal),
            all.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("kind").GetString()));

        var forward = new List<string>();
        string? after = null;
        for (var i = 0; i < 20; i++)
        {
            var page = (await server.DataAsync($$"""{ organisations({{list}}, first: 4{{(after is null ? "" : $", after: \"{after}\"")}}) { nodes { code } pageInfo { hasNextPage endCursor } } }""")).GetProperty("organisations");
            forward.AddRange(Codes(page));
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean()) break;
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        var backward = new List<string>();
        string? before = null;
        for (var i = 0; i < 20; i++)
        {
            var page = (await server.DataAsync($$"""{ organisations({{list}}, last: 4{{(before is null ? "" : $", before: \"{before}\"")}}) { nodes { code } pageInfo { hasPreviousPage startCursor } } }""")).GetProperty("organisations");
            backward.InsertRange(0, Codes(page));
            if (!page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean()) break;
            before = page.GetProperty("pageInfo").GetProperty("startCursor").GetString();
        }
        Assert.Equal(expected, forward);
        Assert.Equal(expected, backward);
    }
}
