namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>
/// Pooled budgets' agreements and outturn (DOMAIN.md second wave), and partners confirming their contributions, checked
/// against figures computed by hand from the demonstration data.
/// </summary>
public sealed class PoolOutturnTests
{
    private const string Outturn = """
        query($code: ID!) { pooledBudget(code: $code) { rowVersion agreement { poolKind signedOn reviewOn governingBoard }
          outturn(year: "2013-14") { year monthsRecorded contributions expenditureToDate expenditure variance
            partnerShares { partner { code } share amount } } } }
        """;

    private static List<(string, string, string)> Shares(System.Text.Json.JsonElement outturn) =>
        outturn.GetProperty("partnerShares").EnumerateArray().Select(s => (s.GetProperty("partner").Str("code"), s.Str("share"), s.Str("amount"))).ToList();

    [Fact]
    public async Task The_outturn_forecasts_the_year_from_the_months_recorded_and_shares_the_variance_by_risk_share()
    {
        await using var host = await ModuleGraphHost.CreateAsync();

        // POOL-LD-NV by hand: £28.2m a year spent 50/30/20 on three areas at 1/12 a month × (1 + 0.4% × month): month m
        // costs £2,350,000 × (1 + 0.004m), so months 1–6 cost £2,350,000 × 6.084 = £14,297,400; forecast for the year
        // £14,297,400 ÷ 6 × 12 = £28,594,800 against contributions 14.2 + 8.6 + 5.4 = £28.2m: overspend £394,800, borne
        // 50% by the council (£197,400), 30% by 01A (£118,440), 20% by 02B (£78,960).
        var ld = (await host.ExecuteAsync(Outturn, new { code = "POOL-LD-NV" }));
        ld.AssertNoErrors();
        var pool = ld.Data("pooledBudget");
        var outturn = pool.GetProperty("outturn");
        Assert.Equal(("2013-14", 6), (outturn.Str("year"), outturn.GetProperty("monthsRecorded").GetInt32()));
        Assert.Equal(("28200000.00", "14297400.00", "28594800.00", "394800.00"),
            (outturn.Str("contributions"), outturn.Str("expenditureToDate"), outturn.Str("expenditure"), outturn.Str("variance")));
        Assert.Equal([("01A", "30.00", "118440.00"), ("02B", "20.00", "78960.00"), ("E10000001", "50.00", "197400.00")], Shares(outturn));
        var agreement = pool.GetProperty("agreement");
        Assert.Equal(("POOLED_FUND", "2013-03-27", "2014-03-31", "Northvale Learning Disabilities Partnership Board"),
            (agreement.Str("poolKind"), agreement.Str("signedOn"), agreement.Str("reviewOn"), agreement.Str("governingBoard")));

        // POOL-IC-RS by hand: £16.3m a year; each area's month rounded to the penny (e.g. intermediate care, month 1:
        // £8,150,000 ÷ 12 × 1.004 = £681,883.33); the three areas' six months add up to 4,132,050.00 + 2,479,230.00 +
        // 1,652,820.00 = £8,264,100.00; forecast £16,528,200.00 against £16.3m: overspend £228,200, 60% 03C (£136,920),
        // 40% the council (£91,280).
        var ic = (await host.ExecuteAsync(Outturn, new { code = "POOL-IC-RS" })).Data("pooledBudget").GetProperty("outturn");
        Assert.Equal(("16300000.00", "8264100.00", "16528200.00", "228200.00"), (ic.Str("contributions"), ic.Str("expenditureToDate"), ic.Str("expenditure"), ic.Str("variance")));
        Assert.Equal([("03C", "60.00", "136920.00"), ("E06000002", "40.00", "91280.00")], Shares(ic));

        // A year with nothing recorded has nothing to share.
        var empty = (await host.ExecuteAsync("""{ pooledBudget(code: "POOL-LD-NV") { outturn(year: "2014-15") { monthsRecorded expenditure variance partnerShares { amount } } } }"""))
            .Data("pooledBudget").GetProperty("outturn");
        Assert.Equal((0, "0.00", "0.00"), (empty.GetProperty("monthsRecorded").GetInt32(), empty.Str("expenditure"), empty.Str("variance")));
    }

    [Fact]
    public void The_host_bears_what_rounding_leaves_so_the_parts_add_up_to_the_variance()
    {
        var pool = new LocalGovernment.PooledBudget { Code = "P", Name = "P", HostCode = "H", Scope = "s", RiskShare = "r" };
        LocalGovernment.PoolPartner Partner(string code, decimal share) => new() { PoolCode = "P", PartnerCode = code, RiskSharePercent = share };
        var outturn = LocalGovernment.PoolOutturn.Of(pool, [Partner("A", 33.33m), Partner("B", 33.33m), Partner("H", 33.34m)],
            [new LocalGovernment.PoolContribution { PoolCode = "P", PartnerCode = "A", Year = "2013-14", Amount = 100m }],
            [new LocalGovernment.PoolExpenditure { PoolCode = "P", Year = "2013-14", Month = 1, ServiceArea = "x", Amount = 9.26m }], "2013-14");
        // Forecast 9.26 × 12 = 111.12; variance 11.12: A and B 33.33% = 3.706… → 3.71 each; H 33.34% = 3.707… → 3.71, plus
        // the −0.01 rounding left: 3.70.
        Assert.Equal(11.12m, outturn.Variance);
        Assert.Equal([3.71m, 3.71m, 3.70m], outturn.PartnerShares.Select(s => s.Amount));
        Assert.Equal(outturn.Variance, outturn.PartnerShares.Sum(s => s.Amount));
    }

    private const string Confirm = """
        mutation($input: ConfirmPoolContributionInput!) { confirmPoolContribution(input: $input) {
          pooledBudget { rowVersion } contribution { partnerCode amount confirmedAt } userErrors { message path code } } }
        """;

    private const string Record = """
        mutation($input: RecordPoolContributionInput!) { recordPoolContribution(input: $input) {
          pooledBudget { rowVersion contributions(year: "2013-14") { partnerCode amount confirmedAt } } userErrors { message path code } } }
        """;

    [Fact]
    public async Task A_partner_confirms_the_amount_it_read_and_a_changed_amount_needs_confirming_again()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var version = (await host.ExecuteAsync("""{ pooledBudget(code: "POOL-LD-NV") { rowVersion contributions(year: "2013-14") { partnerCode confirmedAt } } }"""))
            .Data("pooledBudget");
        // 02B's contribution is the one not yet confirmed in the demo data.
        Assert.Equal(["02B"], version.GetProperty("contributions").EnumerateArray().Where(c => c.GetProperty("confirmedAt").ValueKind == System.Text.Json.JsonValueKind.Null).Select(c => c.Str("partnerCode")));
        var rowVersion = version.GetProperty("rowVersion").GetInt32();
        object Input(string amount, int expected, string partner = "02B") => new { input = new { pooledBudgetCode = "POOL-LD-NV", partnerCode = partner, year = "2013-14", amount, expectedRowVersion = expected } };

        Assert.Equal([("AMOUNT_MISMATCH", "input.amount")], (await host.ExecuteAsync(Confirm, Input("5500000.00", rowVersion))).Data("confirmPoolContribution").UserErrors());
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")], (await host.ExecuteAsync(Confirm, Input("5400000.00", rowVersion + 1))).Data("confirmPoolContribution").UserErrors());
        Assert.Equal([("NOT_A_PARTNER", "input.partnerCode")], (await host.ExecuteAsync(Confirm, Input("5400000.00", rowVersion, "03C"))).Data("confirmPoolContribution").UserErrors());
        var confirmed = (await host.ExecuteAsync(Confirm, Input("5400000.00", rowVersion))).Data("confirmPoolContribution");
        Assert.Empty(confirmed.UserErrors());
        Assert.Equal(System.Text.Json.JsonValueKind.String, confirmed.GetProperty("contribution").GetProperty("confirmedAt").ValueKind);
        Assert.Equal(rowVersion + 1, confirmed.GetProperty("pooledBudget").GetProperty("rowVersion").GetInt32());

        // The host changes the amount: the confirmation no longer stands.
        var recorded = (await host.ExecuteAsync(Record, new { input = new { pooledBudgetCode = "POOL-LD-NV", partnerCode = "02B", year = "2013-14", amount = "5450000.00", expectedRowVersion = rowVersion + 1 } }))
            .Data("recordPoolContribution");
        Assert.Empty(recorded.UserErrors());
        var of02B = recorded.GetProperty("pooledBudget").GetProperty("contributions").EnumerateArray().Single(c => c.Str("partnerCode") == "02B");
        Assert.Equal(("5450000.00", System.Text.Json.JsonValueKind.Null), (of02B.Str("amount"), of02B.GetProperty("confirmedAt").ValueKind));
    }
}
