namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>
/// Break-even with other income, and use of resources on an accruals basis (DOMAIN.md second wave, corrections), read
/// through the graph from the demonstration data and checked against figures computed by hand.
/// </summary>
public sealed class IncomeAndUseOfResourcesTests
{
    private const string Query = """
        { over: consortium(code: "03C") { latestFinancialReturn(year: "2013-14") { ...figures } }
          within: consortium(code: "01A") { latestFinancialReturn(year: "2013-14") { ...figures } } }
        fragment figures on FinancialReturn { month programmeTotals { forecastOutturn } runningCosts { forecastOutturn }
          income { plan forecastOutturn } resourceUse { forecastOutturn }
          duties { breached breakEven { limit outturn headroom met } useOfResources { duty limit outturn headroom met } } }
        """;

    private static decimal D(System.Text.Json.JsonElement e, string a, string b) =>
        decimal.Parse(e.GetProperty(a).GetProperty(b).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Break_even_allows_for_income_and_use_of_resources_is_judged_on_the_accruals_figure()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        var data = await host.DataAsync(Query);

        // 01A, month 6, by hand from the demo data (programme budget £418.6m, running-costs allowance £7.9m, RRL £426.5m):
        // programme forecast: each line's plan (£418.6m × its share, to the £1,000) × 0.998, to the £1,000:
        //   200,526,000 + 50,132,000 + 41,776,000 + 50,132,000 + 20,888,000 + 33,421,000 + 20,888,000 = £417,763,000;
        // running costs £7,821,000 (99% of the allowance); income 0.4% of £418.6m = £1,674,000.
        // Break-even: limit 418,600,000 + 7,900,000 + 1,674,000 = £428,174,000; outturn £425,584,000; headroom £2,590,000
        // (£926,000 without the income). Use of resources: 417,763,000 + 7,821,000 + accrued 1,256,000 (0.3%) − 1,674,000
        // = £425,166,000 against the RRL £426,500,000: headroom £1,334,000.
        var within = data.GetProperty("within").GetProperty("latestFinancialReturn");
        Assert.Equal((417_763_000m, 7_821_000m, 1_674_000m), (D(within, "programmeTotals", "forecastOutturn"), D(within, "runningCosts", "forecastOutturn"), D(within, "income", "forecastOutturn")));
        var duties = within.GetProperty("duties");
        Assert.Equal((428_174_000m, 425_584_000m, 2_590_000m), (D(duties, "breakEven", "limit"), D(duties, "breakEven", "outturn"), D(duties, "breakEven", "headroom")));
        Assert.Equal((426_500_000m, 425_166_000m, 1_334_000m), (D(duties, "useOfResources", "limit"), D(duties, "useOfResources", "outturn"), D(duties, "useOfResources", "headroom")));
        Assert.Equal(425_166_000m, D(within, "resourceUse", "forecastOutturn"));
        Assert.Empty(duties.GetProperty("breached").EnumerateArray());

        // 03C, month 6 (the over-spender: each line's forecast is its plan × (1 + its variance), running costs at 102.7%):
        //   149,302,000 + 36,313,000 + 30,321,000 + 37,796,000 + 15,974,000 + 24,112,000 + 14,919,000 = £308,737,000;
        // running costs £5,751,000; income 0.4% of £301.4m = £1,206,000. Break-even: limit 301,400,000 + 5,600,000 +
        // 1,206,000 = £308,206,000 against £314,488,000: headroom −£6,282,000. Use of resources: 308,737,000 + 5,751,000 +
        // 904,000 − 1,206,000 = £314,186,000 against the RRL £307,000,000: headroom −£7,186,000.
        var over = data.GetProperty("over").GetProperty("latestFinancialReturn");
        Assert.Equal((308_737_000m, 5_751_000m, 1_206_000m), (D(over, "programmeTotals", "forecastOutturn"), D(over, "runningCosts", "forecastOutturn"), D(over, "income", "forecastOutturn")));
        var overDuties = over.GetProperty("duties");
        Assert.Equal((308_206_000m, 314_488_000m, -6_282_000m), (D(overDuties, "breakEven", "limit"), D(overDuties, "breakEven", "outturn"), D(overDuties, "breakEven", "headroom")));
        Assert.Equal((307_000_000m, 314_186_000m, -7_186_000m), (D(overDuties, "useOfResources", "limit"), D(overDuties, "useOfResources", "outturn"), D(overDuties, "useOfResources", "headroom")));
        Assert.Equal("USE_OF_RESOURCES", overDuties.GetProperty("useOfResources").GetProperty("duty").GetString());
        Assert.Contains("USE_OF_RESOURCES", overDuties.GetProperty("breached").EnumerateArray().Select(b => b.GetString()));
    }

    private const string Submit = """
        mutation($input: SubmitFinancialReturnInput!) { submitFinancialReturn(input: $input) {
          financialReturn { income { forecastOutturn } resourceUse { plan forecastOutturn } } userErrors { code path } } }
        """;

    [Fact]
    public async Task A_return_submitted_without_accruals_uses_resources_as_it_spends_cash_less_income()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        var figures = (decimal plan, decimal ytd, decimal forecast) => new Dictionary<string, object?> { ["plan"] = plan, ["yearToDateActual"] = ytd, ["forecastOutturn"] = forecast };
        var input = new Dictionary<string, object?>
        {
            ["consortiumCode"] = "01A", ["year"] = "2014-15", ["month"] = 1,
            ["lines"] = new List<object?> { new Dictionary<string, object?> { ["category"] = "ACUTE", ["plan"] = 1_000_000m, ["yearToDateActual"] = 80_000m, ["forecastOutturn"] = 1_010_000m } },
            ["runningCosts"] = figures(50_000m, 4_000m, 49_000m), ["capital"] = figures(0m, 0m, 0m), ["income"] = figures(20_000m, 1_000m, 25_000m),
        };
        var response = await host.ExecuteAsync(Submit, new Dictionary<string, object?> { ["input"] = input });
        response.AssertNoErrors();
        var r = response.Data("submitFinancialReturn").GetProperty("financialReturn");
        // 1,000,000 + 50,000 − 20,000 = £1,030,000 planned; 1,010,000 + 49,000 − 25,000 = £1,034,000 forecast.
        Assert.Equal(("25000.00", "1030000.00", "1034000.00"), (r.GetProperty("income").Str("forecastOutturn"), r.GetProperty("resourceUse").Str("plan"), r.GetProperty("resourceUse").Str("forecastOutturn")));
    }
}
