using System.Text.Json;
using Commissioning.Graph.Modules.Shared;
using Xunit.Abstractions;

namespace Commissioning.Graph.Host.Tests;

/// <summary>
/// No N+1 over commissioning support: the support unit's deep query — its arrangements, each client consortium (another
/// module's entity by key) and the client's latest returns, each judged under <c>supportFor</c> from the directory — issues
/// the same number of SQL statements at the demonstration scale (CSU-NV acts for 01A and 02B, and acted for 03C) and at
/// <c>seed --scale 10</c> (it also acts for every even generated consortium: 17 arrangements), in the composed graph.
/// </summary>
public sealed class CommissioningSupportStatementCountTests(ITestOutputHelper output)
{
    private const string DeepQuery = """
        { organisation(code: "CSU-NV") { code name ... on CommissioningSupportOrganisation {
            supportArrangements { from to functions supplier { code name }
              consortium { code name supportArrangements { from }
                latestFinancialReturn(year: "2013-14") { month status } } } } } }
        """;

    [Fact]
    public async Task The_support_units_deep_query_issues_the_same_number_of_statements_at_demo_scale_and_ten_times_it()
    {
        await using var server = await DemoGraphServer.StartAsync(DatabaseProvider.Sqlite, "--GraphQL:MaxCost=1000000");
        var (atDemoScale, demoArrangements) = await CountAsync(server, scale: 1);
        await server.SeedAsync(10);
        var (atTenfold, tenfoldArrangements) = await CountAsync(server, scale: 10);

        output.WriteLine($"{atDemoScale} SQL statements at scale 1 ({demoArrangements} arrangements), {atTenfold} at scale 10 ({tenfoldArrangements} arrangements)");
        // The data really grew: 01A, 02B, 03C at scale 1; and A04 … A30's even ones (14 more) at scale 10.
        Assert.Equal((3, 17), (demoArrangements, tenfoldArrangements));
        Assert.Equal(atDemoScale, atTenfold);
    }

    private async Task<(int Statements, int Arrangements)> CountAsync(DemoGraphServer server, int scale)
    {
        var before = server.Statements.Count;
        var body = await server.QueryAsync(DeepQuery, "CSU-NV", "FINANCIAL_ASSURANCE");
        var statements = server.Statements.Skip(before).ToList();
        var data = body.GetProperty("data");
        // The one refusal: 03C's latest return (its arrangement ended with 2012-13).
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("Not authorised to read Consortium.latestFinancialReturn.", error.GetProperty("message").GetString());
        foreach (var s in statements) output.WriteLine($"  scale {scale}: {s[..Math.Min(160, s.Length)]}");
        var arrangements = data.GetProperty("organisation").GetProperty("supportArrangements").EnumerateArray().ToList();
        // Current clients' latest returns are read (01A's and 02B's at every scale); the former client's is refused (null).
        Assert.Equal(JsonValueKind.Object, arrangements.Single(a => a.GetProperty("consortium").GetProperty("code").GetString() == "01A")
            .GetProperty("consortium").GetProperty("latestFinancialReturn").ValueKind);
        return (statements.Count, arrangements.Count);
    }
}
