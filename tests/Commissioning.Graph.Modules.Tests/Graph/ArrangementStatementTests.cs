using System.Text.Json;
using Commissioning.Graph.Modules.Commissioning;
using Xunit.Abstractions;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>
/// Lead commissioning and recharges (DOMAIN.md second wave): the lead's monthly statements to its associates, each the
/// associate's share of the month's performance of the contracts the arrangement covers, and the statements' lifecycle
/// (issue, agree, dispute, re-issue) with optimistic concurrency.
/// </summary>
public sealed class ArrangementStatementTests(ITestOutputHelper output)
{
    private const string Statements = """
        { leadCommissioningArrangement(code: "LCA-ACUTE-RNV") {
            associates { consortium { code } share cost }
            contracts { code performance(year: "2013-14") { month activityActual costActual } }
            statements(year: "2013-14") { id associate { code } year month share activity cost contractActivity contractCost status disputeReason rowVersion } } }
        """;

    private static decimal Money(JsonElement e, string property) => decimal.Parse(e.Str(property), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Each_statement_is_the_associates_share_of_the_months_contract_performance_and_with_the_leads_part_sums_to_it()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        var arrangement = (await host.DataAsync(Statements)).GetProperty("leadCommissioningArrangement");
        var statements = arrangement.GetProperty("statements").EnumerateArray().ToList();

        // By hand from the demo data: CT-01A-RNV, the one contract LCA-ACUTE-RNV covers, performs each month at 103% of
        // plan: 118,000 / 12 × 1.03 = 10,128.33 → 10,128 spells; £312,000,000 / 12 × 1.03 = £26,780,000.00.
        // 02B (30%): 3,038.4 → 3,038 spells, £8,034,000.00; 03C (20%): 2,025.6 → 2,026 spells, £5,356,000.00;
        // 01A, the lead, keeps the rest: 5,064 spells, £13,390,000.00 (50%).
        Assert.Equal(12, statements.Count);
        var performance = arrangement.GetProperty("contracts").EnumerateArray().Single().GetProperty("performance").EnumerateArray().ToList();
        for (var month = 1; month <= 6; month++)
        {
            var ofMonth = statements.Where(s => s.GetProperty("month").GetInt32() == month).ToList();
            Assert.Equal(["02B", "03C"], ofMonth.Select(s => s.GetProperty("associate").Str("code")));
            Assert.Equal([(3038, 8_034_000.00m), (2026, 5_356_000.00m)], ofMonth.Select(s => (s.GetProperty("activity").GetInt32(), Money(s, "cost"))));
            Assert.All(ofMonth, s => Assert.Equal((10_128, 26_780_000.00m), (s.GetProperty("contractActivity").GetInt32(), Money(s, "contractCost"))));

            // The statements and the lead's part add up to the contract's performance as the contract reports it.
            var performed = performance.Single(p => p.GetProperty("month").GetInt32() == month);
            Assert.Equal((10_128, 26_780_000.00m), (performed.GetProperty("activityActual").GetInt32(), Money(performed, "costActual")));
            const int leadActivity = 5_064;
            const decimal leadCost = 13_390_000.00m;
            Assert.Equal(performed.GetProperty("activityActual").GetInt32(), ofMonth.Sum(s => s.GetProperty("activity").GetInt32()) + leadActivity);
            Assert.Equal(Money(performed, "costActual"), ofMonth.Sum(s => Money(s, "cost")) + leadCost);
        }

        // Six months of statements are the associates' cost so far on the arrangement (30% and 20% of 6 × £26.78m).
        foreach (var associate in arrangement.GetProperty("associates").EnumerateArray())
        {
            var code = associate.GetProperty("consortium").Str("code");
            Assert.Equal(Money(associate, "cost"), statements.Where(s => s.GetProperty("associate").Str("code") == code).Sum(s => Money(s, "cost")));
        }
        Assert.Equal([48_204_000.00m, 32_136_000.00m], arrangement.GetProperty("associates").EnumerateArray().Select(a => Money(a, "cost")));

        // Months 1–4 agreed; month 5 agreed by 02B and disputed by 03C, with a reason; month 6 issued.
        string StatusOf(string code, int month) => statements.Single(s => s.GetProperty("associate").Str("code") == code && s.GetProperty("month").GetInt32() == month).Str("status");
        Assert.All(Enumerable.Range(1, 4), m => Assert.Equal(("AGREED", "AGREED"), (StatusOf("02B", m), StatusOf("03C", m))));
        Assert.Equal(("AGREED", "DISPUTED"), (StatusOf("02B", 5), StatusOf("03C", 5)));
        Assert.Equal(("ISSUED", "ISSUED"), (StatusOf("02B", 6), StatusOf("03C", 6)));
        Assert.Single(statements, s => s.GetProperty("disputeReason").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Statements_are_filtered_by_month_and_associate()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        var data = await host.DataAsync("""
            { leadCommissioningArrangement(code: "LCA-ACUTE-RNV") {
                may: statements(year: "2013-14", month: 2) { month associate { code } }
                of03C: statements(associate: "03C") { month associate { code } }
                later: statements(year: "2014-15") { month } }
              consortium(code: "03C") { disputed: arrangementStatements(year: "2013-14", status: DISPUTED) { month arrangement { code } }
                june: arrangementStatements(month: 3) { month cost } } }
            """);
        var arrangement = data.GetProperty("leadCommissioningArrangement");
        Assert.Equal([(2, "02B"), (2, "03C")], arrangement.GetProperty("may").EnumerateArray().Select(s => (s.GetProperty("month").GetInt32(), s.GetProperty("associate").Str("code"))));
        Assert.Equal([1, 2, 3, 4, 5, 6], arrangement.GetProperty("of03C").EnumerateArray().Select(s => s.GetProperty("month").GetInt32()));
        Assert.Equal(0, arrangement.GetProperty("later").GetArrayLength());
        // What 03C owes, from the consortium: its one disputed statement; June's statement (month 3), 20% of £26.78m.
        var consortium = data.GetProperty("consortium");
        Assert.Equal([(5, "LCA-ACUTE-RNV")], consortium.GetProperty("disputed").EnumerateArray().Select(s => (s.GetProperty("month").GetInt32(), s.GetProperty("arrangement").Str("code"))));
        Assert.Equal([(3, "5356000.00")], consortium.GetProperty("june").EnumerateArray().Select(s => (s.GetProperty("month").GetInt32(), s.Str("cost"))));
    }

    private static string Issue(string associate, int month, int? expected = null, string arrangement = "LCA-ACUTE-RNV") => $$"""
        mutation { issueArrangementStatement(input: { arrangementCode: "{{arrangement}}", associateCode: "{{associate}}", year: "2013-14", month: {{month}}{{(expected is { } v ? $", expectedRowVersion: {v}" : "")}} }) {
          statement { id month activity cost contractActivity contractCost status rowVersion } userErrors { message path code } } }
        """;

    private static string Respond(string mutation, string id, int expected, string? reason = null) => $$"""
        mutation { {{mutation}}(input: { statementId: "{{id}}", expectedRowVersion: {{expected}}{{(reason is null ? "" : $", reason: \"{reason}\"")}} }) {
          statement { status disputeReason rowVersion } userErrors { message path code } } }
        """;

    [Fact]
    public async Task The_lead_reissues_a_disputed_statement_the_associate_agrees_it_and_an_agreed_statement_is_final()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        var disputed = (await host.DataAsync(Statements)).GetProperty("leadCommissioningArrangement").GetProperty("statements").EnumerateArray()
            .Single(s => s.Str("status") == "DISPUTED");
        var id = disputed.Str("id");

        // Re-issuing needs the version read; a stale one is a conflict; nothing changes either way.
        Assert.Equal([("REQUIRED", "input.expectedRowVersion")], (await host.ExecuteAsync(Issue("03C", 5))).Data("issueArrangementStatement").UserErrors());
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")], (await host.ExecuteAsync(Issue("03C", 5, expected: 7))).Data("issueArrangementStatement").UserErrors());

        var reissued = (await host.ExecuteAsync(Issue("03C", 5, expected: 1))).Data("issueArrangementStatement");
        Assert.Empty(reissued.UserErrors());
        var statement = reissued.GetProperty("statement");
        Assert.Equal(("ISSUED", 2, id, "5356000.00"), (statement.Str("status"), statement.GetProperty("rowVersion").GetInt32(), statement.Str("id"), statement.Str("cost")));

        // The associate answers at the version it read: the old one is stale; a dispute needs a reason.
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")], (await host.ExecuteAsync(Respond("agreeArrangementStatement", id, 1))).Data("agreeArrangementStatement").UserErrors());
        Assert.Equal([("REQUIRED", "input.reason")], (await host.ExecuteAsync(Respond("disputeArrangementStatement", id, 2, " "))).Data("disputeArrangementStatement").UserErrors());
        var agreed = (await host.ExecuteAsync(Respond("agreeArrangementStatement", id, 2))).Data("agreeArrangementStatement");
        Assert.Empty(agreed.UserErrors());
        Assert.Equal(("AGREED", 3), (agreed.GetProperty("statement").Str("status"), agreed.GetProperty("statement").GetProperty("rowVersion").GetInt32()));

        // Agreed is final: neither re-issued nor answered again.
        Assert.Equal([("STATEMENT_AGREED", "input.month")], (await host.ExecuteAsync(Issue("03C", 5, expected: 3))).Data("issueArrangementStatement").UserErrors());
        Assert.Equal([("STATEMENT_NOT_ISSUED", "input.statementId")],
            (await host.ExecuteAsync(Respond("disputeArrangementStatement", id, 3, "Too late."))).Data("disputeArrangementStatement").UserErrors());
    }

    [Fact]
    public async Task A_new_months_statement_is_computed_from_that_months_performance_to_the_penny()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        // No performance yet for month 7: nothing to issue from.
        Assert.Equal([("NO_PERFORMANCE", "input.month")], (await host.ExecuteAsync(Issue("02B", 7))).Data("issueArrangementStatement").UserErrors());

        await using (var db = host.Database.Commissioning())
        {
            db.ContractPerformance.Add(new ContractPerformance { ContractCode = "CT-01A-RNV", Year = "2013-14", Month = 7, ActivityActual = 10_001, CostActual = 26_123_456.79m, CquinAchievedPercent = 80m });
            await db.SaveChangesAsync();
        }
        var of02B = (await host.ExecuteAsync(Issue("02B", 7))).Data("issueArrangementStatement");
        var of03C = (await host.ExecuteAsync(Issue("03C", 7))).Data("issueArrangementStatement");
        Assert.Empty(of02B.UserErrors());
        Assert.Empty(of03C.UserErrors());

        // By hand: 30% of 10,001 = 3,000.3 → 3,000 and of £26,123,456.79 = £7,837,037.037 → £7,837,037.04;
        // 20%: 2,000.2 → 2,000 and £5,224,691.358 → £5,224,691.36; the lead keeps 5,001 spells and £13,061,728.39.
        Assert.Equal((3000, "7837037.04", "ISSUED", 1), (of02B.GetProperty("statement").GetProperty("activity").GetInt32(), of02B.GetProperty("statement").Str("cost"),
            of02B.GetProperty("statement").Str("status"), of02B.GetProperty("statement").GetProperty("rowVersion").GetInt32()));
        Assert.Equal((2000, "5224691.36"), (of03C.GetProperty("statement").GetProperty("activity").GetInt32(), of03C.GetProperty("statement").Str("cost")));
        Assert.Equal(26_123_456.79m, 7_837_037.04m + 5_224_691.36m + 13_061_728.39m);
        Assert.Equal((5001, 13_061_728.39m), ArrangementRecharges.LeadPart(10_001, 26_123_456.79m,
            [new ArrangementStatement { ArrangementCode = "x", AssociateCode = "02B", Year = "2013-14", Activity = 3000, Cost = 7_837_037.04m },
             new ArrangementStatement { ArrangementCode = "x", AssociateCode = "03C", Year = "2013-14", Activity = 2000, Cost = 5_224_691.36m }]));
    }

    [Fact]
    public async Task Issuing_to_a_non_associate_for_an_unknown_arrangement_or_a_bad_period_is_refused_and_nothing_written()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        Assert.Equal([("NOT_AN_ASSOCIATE", "input.associateCode")], (await host.ExecuteAsync(Issue("01A", 6))).Data("issueArrangementStatement").UserErrors());
        Assert.Equal([("NOT_FOUND", "input.arrangementCode")], (await host.ExecuteAsync(Issue("02B", 6, arrangement: "LCA-NONE"))).Data("issueArrangementStatement").UserErrors());
        Assert.Equal([("INVALID", "input.month")], (await host.ExecuteAsync(Issue("02B", 13))).Data("issueArrangementStatement").UserErrors());
        Assert.Equal([("NOT_FOUND", "input.statementId")],
            (await host.ExecuteAsync(Respond("agreeArrangementStatement", "not-an-id", 1))).Data("agreeArrangementStatement").UserErrors());
        var count = (await host.DataAsync(Statements)).GetProperty("leadCommissioningArrangement").GetProperty("statements").GetArrayLength();
        Assert.Equal(12, count);
    }

    private const string Deep = """
        { consortia(first: 100) { nodes { code leadCommissioningArrangements { code
            statements(year: "2013-14") { month cost status associate { code name } arrangement { code lead { code } } } } } } }
        """;

    [Fact]
    public async Task A_deep_query_over_arrangements_with_statements_issues_the_same_number_of_statements_at_demo_scale_and_ten_times_it()
    {
        var counts = new List<int>();
        foreach (var scale in new[] { 1, 10 })
        {
            await using var host = await CommissioningGraphHost.StartAsync(scale);
            var before = host.StatementCount;
            var data = await host.DataAsync(Deep);
            counts.Add(host.StatementCount - before);
            var nodes = data.GetProperty("consortia").GetProperty("nodes").EnumerateArray().ToList();
            Assert.Equal(3 * scale, nodes.Count);
            // 01A, 02B and 03C each see LCA-ACUTE-RNV with its twelve statements.
            Assert.Equal(3 * 12, nodes.Sum(n => n.GetProperty("leadCommissioningArrangements").EnumerateArray().Sum(a => a.GetProperty("statements").GetArrayLength())));
        }
        output.WriteLine($"Deep query over arrangements and statements: {counts[0]} SQL statements at scale 1, {counts[1]} at scale 10.");
        // The consortia page (reading only the code: it primes the consortium loader of that projection, which serves the
        // leads' code); the arrangements of every consortium; the statements of every arrangement; the statements'
        // arrangements; the associates, whose name the page did not read (a partial row never serves a wider reader): 5.
        Assert.Equal(counts[0], counts[1]);
        Assert.Equal(5, counts[0]);
    }
}
