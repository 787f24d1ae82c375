using Xunit.Abstractions;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>
/// No N+1 over involvement and transparency: a deep query over every consortium's engagements, decisions (their
/// engagements, withdrawn members and the organisations of their interests), declarations, annual reports and accounts,
/// with the NHS CB's overdue list beside it, issues the same number of SQL statements at the demo scale (3 consortia) and
/// at <c>seed --scale 10</c> (30 consortia).
/// </summary>
public sealed class TransparencyStatementCountTests(ITestOutputHelper output)
{
    private const string DeepQuery = """
        {
          consortia(first: 100) {
            nodes {
              code
              engagements { proposal method from healthWatchInvolved consortium { code } decisionReference }
              engagementsConnection(where: { significantChange: { eq: true } }, order: [{ from: DESC }], first: 5) { totalCount nodes { proposal } }
              commissioningDecisions {
                reference procurementRoute provider { code }
                engagements { proposal method }
                membersWithdrawn { personName interestIn { __typename code } }
              }
              conflictOfInterestDeclarations { interest interestIn { __typename code name } }
              annualReports { year publishedOn consortium { code } }
              annualAccounts { year auditOpinion auditedDuties { breakEven { headroom } allMet } consortium { name } }
            }
          }
          publicationsOverdue(year: "2012-13", asOf: "2014-01-15") { consortium { code name } publication daysOverdue }
        }
        """;

    private static readonly global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject NhsCb =
        global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject.For("X24", purpose: "ASSURANCE");

    [Fact]
    public async Task A_deep_query_over_engagements_decisions_and_publications_issues_the_same_number_of_statements_at_scale_1_and_10()
    {
        var (demo, demoConsortia) = await CountAsync(scale: 1);
        var (tenfold, tenfoldConsortia) = await CountAsync(scale: 10);
        output.WriteLine($"Engagements, decisions and publications: {demo} SQL statements at scale 1 ({demoConsortia} consortia), {tenfold} at scale 10 ({tenfoldConsortia}).");

        Assert.Equal((3, 30), (demoConsortia, tenfoldConsortia));
        Assert.Equal(demo, tenfold);
        // One batch per loader whatever the rows (measured: 20 on SQLite): the consortia page; per level the engagements,
        // engagement page and count, decisions, declarations, visible reports and accounts, their consortia, the decisions'
        // providers, engagements and withdrawals, the directory's organisations and the loaders they lead to; and the overdue list's 4.
        Assert.Equal(20, demo);
    }

    private async Task<(int Statements, int Consortia)> CountAsync(int scale)
    {
        await using var host = await CommissioningGraphHost.StartAsync(scale);
        var before = host.StatementCount;
        var data = await host.DataAsync(DeepQuery, subject: NhsCb);
        var statements = host.StatementCount - before;
        foreach (var text in host.StatementTexts.Skip(before))
            output.WriteLine($"  scale {scale}: {text.ReplaceLineEndings(" ")[..Math.Min(160, text.ReplaceLineEndings(" ").Length)]}");
        var consortia = data.GetProperty("consortia").GetProperty("nodes").EnumerateArray().ToList();
        // Every level is reached at both scales (an empty level issues no statement and would hide a difference).
        Assert.All(consortia, c =>
        {
            Assert.NotEqual(0, c.GetProperty("engagements").GetArrayLength());
            Assert.Equal(1, c.GetProperty("engagementsConnection").GetProperty("totalCount").GetInt32());
            Assert.NotEqual(0, c.GetProperty("annualReports").GetArrayLength());
            Assert.NotEqual(0, c.GetProperty("annualAccounts").GetArrayLength());
            Assert.Equal(c.GetProperty("code").GetString()!, c.GetProperty("annualReports")[0].GetProperty("consortium").GetProperty("code").GetString());
        });
        Assert.Contains(consortia, c => c.GetProperty("commissioningDecisions").EnumerateArray()
            .Any(d => d.GetProperty("membersWithdrawn").EnumerateArray().Any(m => m.GetProperty("interestIn").GetProperty("code").GetString() == "NQ1")));
        Assert.Contains(consortia, c => c.GetProperty("commissioningDecisions").EnumerateArray().Any(d => d.GetProperty("engagements").GetArrayLength() > 0));
        // Each consortium's GP member declared an interest in a practice.
        Assert.All(consortia, c => Assert.Contains(c.GetProperty("conflictOfInterestDeclarations").EnumerateArray(),
            d => d.GetProperty("interestIn").GetProperty("__typename").GetString() == "GpPractice"));
        // 03C's 2012-13 report, at either scale (generated consortia published theirs).
        var overdue = Assert.Single(data.GetProperty("publicationsOverdue").EnumerateArray());
        Assert.Equal(("03C", "ANNUAL_REPORT", 107), (overdue.GetProperty("consortium").GetProperty("code").GetString(), overdue.GetProperty("publication").GetString(),
            overdue.GetProperty("daysOverdue").GetInt32()));
        return (statements, consortia.Count);
    }
}
