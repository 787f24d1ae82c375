using System.Text.Json;
using Commissioning.Graph.Modules.Shared;
using Xunit.Abstractions;

namespace Commissioning.Graph.Host.Tests;

/// <summary>
/// The root connections of the directory and the register, filtered, sorted and paged, issue the same number of SQL
/// statements at the demonstration scale and at <c>seed --scale 100</c> (300 consortia and everything under them), in the
/// composed graph (issue 13 "Scale"). The child connections are pinned by the modules' own count tests, whose hosts dispatch
/// deterministically (CommissioningStatementCountTests, LocalGovernmentConnectionTests): here, the engine's per-item
/// authorisation can split a cross-module level's batch in two on a busy machine (see OrganisationStatementTests). As the NHS CB.
/// </summary>
public sealed class ConnectionStatementCountTests(ITestOutputHelper output)
{
    private const string Board = "X24";

    /// <summary>Reads restricted data (prescribing spend) of every consortium's practices, so that the register has entries to list.</summary>
    private const string Disclose = """
        { consortia(first: 100) { nodes { code practicesConnection(first: 3) { nodes { code prescribingSpend } } } } }
        """;

    private static readonly (string Name, string Query, string Purpose)[] Queries =
    [
        ("organisations, forward", """
            { organisations(kind: CONSORTIUM, where: { name: { contains: "Consortium" } }, order: [{ name: DESC }], first: 100) {
                totalCount nodes { code name } pageInfo { hasNextPage endCursor } } }
            """, "AUDIT"),
        ("organisations, backward", """
            { organisations(where: { or: [{ kind: { eq: CONSORTIUM } }, { name: { startsWith: "Northvale" } }] }, order: [{ kind: ASC }], last: 5) {
                totalCount nodes { __typename code } pageInfo { hasPreviousPage startCursor } } }
            """, "AUDIT"),
        // The register has entries: each scale's run first reads restricted data (Disclose).
        ("disclosures", """
            { disclosures(where: { callerOrganisation: { eq: "X24" }, purposeOfUse: { neq: "NONE" } }, order: [{ occurredAt: DESC }], first: 50) {
                totalCount nodes { id occurredAt owningOrganisation schemaCoordinates records } pageInfo { hasNextPage } } }
            """, "AUDIT"),
    ];

    [Fact]
    public async Task Every_connection_issues_the_same_number_of_statements_at_demo_scale_and_a_hundred_times_it()
    {
        // Pages of 100 parents each with a page of children cost more than a client's limit: the statements are the question here.
        await using var server = await DemoGraphServer.StartAsync(DatabaseProvider.Sqlite, countRegister: true, "--GraphQL:MaxCost=1000000");
        var atDemoScale = await CountAsync(server, scale: 1);
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        await server.SeedAsync(100);
        output.WriteLine($"seeded to scale 100 in {seeding.Elapsed.TotalSeconds:0.0} s");
        var atHundredfold = await CountAsync(server, scale: 100);

        foreach (var (name, _, _) in Queries)
            output.WriteLine($"{name}: {atDemoScale[name].Statements} SQL statements at scale 1 ({atDemoScale[name].Rows} nodes), " +
                             $"{atHundredfold[name].Statements} at scale 100 ({atHundredfold[name].Rows} nodes)");
        Assert.All(Queries, q => Assert.Equal((q.Name, atDemoScale[q.Name].Statements), (q.Name, atHundredfold[q.Name].Statements)));
        // The scale really grew: a page of 100 consortia where the demo has 3.
        Assert.Equal((3, 100), (atDemoScale["organisations, forward"].Rows, atHundredfold["organisations, forward"].Rows));
    }

    private async Task<Dictionary<string, (int Statements, int Rows)>> CountAsync(DemoGraphServer server, int scale)
    {
        var counts = new Dictionary<string, (int, int)>();
        await server.DataAsync(Disclose, Board, "AUDIT");
        foreach (var (name, query, purpose) in Queries)
        {
            var before = server.Statements.Count;
            var data = await server.DataAsync(query, Board, purpose);
            var statements = server.Statements.Skip(before).ToList();
            foreach (var s in statements) output.WriteLine($"  scale {scale}, {name}: {s[..Math.Min(180, s.Length)]}");
            var rows = Nodes(data);
            // Every level is reached at both scales (an empty level would issue no statement and hide a difference).
            Assert.True(rows > 0, $"{name} at scale {scale} read no nodes");
            counts[name] = (statements.Count, rows);
        }
        return counts;
    }

    /// <summary>How many nodes of connections the response holds (every <c>nodes</c> array's length, at any depth).</summary>
    private static int Nodes(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Sum(p => p.Name == "nodes" && p.Value.ValueKind == JsonValueKind.Array
            ? p.Value.GetArrayLength() + p.Value.EnumerateArray().Sum(Nodes) : Nodes(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Sum(Nodes),
        _ => 0,
    };
}
