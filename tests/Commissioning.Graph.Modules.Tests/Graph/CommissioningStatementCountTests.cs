using Xunit.Abstractions;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>
/// No N+1: the SQL statements of a deep query over a page of consortia are bounded by its depth, not by the number
/// of rows: the same at the demo scale (3 consortia) and at <c>seed --scale 100</c> (300 consortia, a page of 100).
/// A loader sends at most <see cref="Modules.Shared.GraphModuleResources.MaxKeysPerStatement"/> keys to a statement,
/// so the page sizes keep every level under it (100 consortia, 400 practices, 400 returns).
/// </summary>
public sealed class CommissioningStatementCountTests(ITestOutputHelper output)
{
    private const string DeepQuery = """
        {
          consortia(first: 100) {
            totalCount
            nodes {
              code name constitution { accountableOfficer }
              practices { code listSize prescribingSpend consortium { code } memberships { from consortium { code } } }
              practiceMemberships { from practice { code } }
              healthAndWellbeingBoardCodes
              financialReturns(year: "2013-14", first: 4) {
                totalCount
                pageInfo { hasNextPage }
                nodes {
                  month version status
                  lines { category plan yearToDateActual forecastOutturn }
                  practiceBreakdown { practice { code } forecastOutturn }
                  duties { atRisk breakEven { met limit outturn headroom } runningCostsWithinAllowance { headroom } }
                }
              }
              contracts { code annualValue provider { code name } performance { month costActual } arrangements { code } }
              leadCommissioningArrangements { code lead { code } associates { consortium { code } share } contracts { code } }
              commissioningPlans { title }
              conflictOfInterestDeclarations { role }
              commissioningDecisions { reference provider { code } }
            }
          }
        }
        """;

    /// <summary>The same depth through filtered, sorted connections (a nested filter on the return's consortium and one on its lines).</summary>
    private const string FilteredQuery = """
        {
          consortia(first: 100, where: { or: [{ name: { contains: "a" } }, { registeredPopulation: { gte: 0 } }] }, order: [{ name: DESC }]) {
            totalCount
            nodes {
              code
              financialReturns(first: 5, where: { status: { in: [SUBMITTED, ACCEPTED, QUERIED] }, lines: { some: { plan: { gt: "0" } } },
                               consortium: { authorisationStatus: { neq: DISSOLVED } } }, order: [{ month: DESC }, { version: ASC }]) {
                totalCount
                pageInfo { hasNextPage endCursor }
                nodes { month version status lines { category plan } duties { atRisk } }
              }
            }
          }
        }
        """;

    /// <summary>The newer child connections over the same page: a consortium's practices on a day, its statements as an associate,
    /// and its arrangements' statements as the lead — filtered, sorted and paged.</summary>
    private const string ConnectionsQuery = """
        {
          consortia(first: 100) {
            nodes {
              code
              practicesConnection(asOf: "2013-06-01", where: { listSize: { gte: 0 } }, order: [{ listSize: DESC }], first: 3) {
                totalCount nodes { code listSize prescribingSpend consortium { code } } pageInfo { hasNextPage endCursor }
              }
              arrangementStatementsConnection(order: [{ month: DESC }], first: 5) { totalCount nodes { month cost status } }
              leadCommissioningArrangements { code statementsConnection(where: { month: { lte: 6 } }, last: 5) { totalCount nodes { month associate { code } } } }
            }
          }
        }
        """;

    [Fact]
    public async Task A_deep_query_over_a_page_of_consortia_issues_the_same_number_of_statements_at_demo_scale_and_a_hundred_times_it()
    {
        var (demoCount, demoFiltered, demoConsortia, demoConnections, demoConnectionShapes) = await CountAsync(scale: 1);
        var (hundredfoldCount, hundredfoldFiltered, hundredfoldConsortia, hundredfoldConnections, hundredfoldConnectionShapes) = await CountAsync(scale: 100);
        output.WriteLine($"Practices and arrangement-statement connections: {demoConnections} SQL statements at scale 1, {hundredfoldConnections} at scale 100.");
        // consortia page; practices pages, counts and their consortia; statements as associate (page, count); arrangements;
        // their statements (page, count) and associates: one statement per loader whatever the rows (see StatementShapes).
        StatementShapes.AssertSame([(demoConnections, demoConnectionShapes), (hundredfoldConnections, hundredfoldConnectionShapes)]);
        output.WriteLine($"Deep query over a page of consortia: {demoCount} SQL statements at scale 1 ({demoConsortia} consortia), {hundredfoldCount} at scale 100 ({hundredfoldConsortia} consortia of 300).");
        output.WriteLine($"Filtered, sorted deep query: {demoFiltered} SQL statements at scale 1, {hundredfoldFiltered} at scale 100.");
        // consortia page + COUNT, returns pages + counts, lines, allocations: one statement per loader whatever the rows.
        Assert.Equal(6, demoFiltered);
        Assert.Equal(demoFiltered, hundredfoldFiltered);

        Assert.Equal(3, demoConsortia);
        Assert.Equal(100, hundredfoldConsortia);
        // The query reaches 21 relation loaders (consortia page, the consortium-level relations, the
        // returns' lines, breakdowns, counts and duties, practices' consortia and memberships, contracts'
        // providers, performance and arrangements, arrangements' contracts, ...); the executor dispatches
        // each level's loads together once every resolver of the level waits, so each loader issues
        // exactly one batch, whatever the number of rows. Plus totalCount's COUNT(*): 22. The same at
        // both scales, and on every run (dispatch does not depend on timing).
        const int Expected = 22;
        Assert.Equal(Expected, demoCount);
        Assert.Equal(demoCount, hundredfoldCount);
    }

    // Lists judge their filter and sort terms (the key tie-breaker included) for a caller (FilterAccess): the NHS CB,
    // which may filter and sort on every field used here.
    private static readonly global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject NhsCb =
        global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject.For("X24", purpose: "FINANCIAL_ASSURANCE");

    private async Task<(int Statements, int Filtered, int Consortia, int Connections, HashSet<string> ConnectionShapes)> CountAsync(int scale)
    {
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        await using var host = await CommissioningGraphHost.StartAsync(scale);
        output.WriteLine($"scale {scale}: migrated and seeded in {seeding.Elapsed.TotalSeconds:0.0} s");
        var before = host.StatementCount;
        var data = await host.DataAsync(DeepQuery, subject: NhsCb);
        var statements = host.StatementCount - before;
        foreach (var text in host.StatementTexts.Skip(before))
            output.WriteLine($"  scale {scale}: {text.ReplaceLineEndings(" ")[..Math.Min(160, text.ReplaceLineEndings(" ").Length)]}");
        var consortia = data.GetProperty("consortia").GetProperty("nodes");
        // The query really went deep: every consortium has practices, returns with lines and duties.
        foreach (var c in consortia.EnumerateArray())
        {
            Assert.Equal(4, c.GetProperty("practices").GetArrayLength());
            var returns = c.GetProperty("financialReturns").GetProperty("nodes");
            Assert.Equal(4, returns.GetArrayLength());
            Assert.Equal(7, returns[0].GetProperty("lines").GetArrayLength());
            Assert.Equal(System.Text.Json.JsonValueKind.Object, returns[0].GetProperty("duties").ValueKind);
        }
        // Filters and sorts are the caller's: as the NHS CB, who may use every field of these lists.
        host.Subject = global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject.For("X24");
        before = host.StatementCount;
        var filtered = await host.DataAsync(FilteredQuery, subject: NhsCb);
        var filteredStatements = host.StatementCount - before;
        foreach (var text in host.StatementTexts.Skip(before))
            output.WriteLine($"  filtered, scale {scale}: {text.ReplaceLineEndings(" ")[..Math.Min(200, text.ReplaceLineEndings(" ").Length)]}");
        var filteredConsortia = filtered.GetProperty("consortia").GetProperty("nodes");
        Assert.Equal(consortia.GetArrayLength(), filteredConsortia.GetArrayLength());
        Assert.Contains(filteredConsortia.EnumerateArray(), c => c.GetProperty("financialReturns").GetProperty("nodes").GetArrayLength() > 0);
        before = host.StatementCount;
        var connections = await host.DataAsync(ConnectionsQuery, subject: NhsCb);
        var connectionStatements = host.StatementCount - before;
        var connectionShapes = StatementShapes.Of(host.StatementTexts.Skip(before));
        foreach (var text in host.StatementTexts.Skip(before))
            output.WriteLine($"  connections, scale {scale}: {text.ReplaceLineEndings(" ")[..Math.Min(200, text.ReplaceLineEndings(" ").Length)]}");
        var nodes = connections.GetProperty("consortia").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(consortia.GetArrayLength(), nodes.Count);
        // Every level is reached at both scales (an empty level issues no statement and would hide a difference).
        Assert.All(nodes, c => Assert.NotEmpty(c.GetProperty("practicesConnection").GetProperty("nodes").EnumerateArray()));
        Assert.Contains(nodes, c => c.GetProperty("arrangementStatementsConnection").GetProperty("totalCount").GetInt32() > 0);
        Assert.Contains(nodes, c => c.GetProperty("leadCommissioningArrangements").EnumerateArray()
            .Any(a => a.GetProperty("statementsConnection").GetProperty("nodes").GetArrayLength() > 0));
        return (statements, filteredStatements, consortia.GetArrayLength(), connectionStatements, connectionShapes);
    }
}
