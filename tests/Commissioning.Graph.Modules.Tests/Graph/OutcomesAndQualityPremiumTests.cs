using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>
/// Outcomes and the quality premium in the nhs-cb module (DOMAIN.md second wave): the framework of a year, the demonstration
/// premium's figures checked by hand, the financial duties the premium is judged on (through the commissioning module's
/// <see cref="IFinancialDutiesLookup"/>), recordQualityPremium's checks, one transaction and optimistic concurrency, and the
/// statement count of a deep query at demo scale and ten times it.
/// </summary>
public sealed class OutcomesAndQualityPremiumTests(ITestOutputHelper output)
{
    private const string Record = """
        mutation($input: RecordQualityPremiumInput!) { recordQualityPremium(input: $input) {
          qualityPremium { year amount financialDutiesMet financialDutiesMonth rowVersion criteria { indicator { code } met } practiceShares { amount } }
          userErrors { message path code } } }
        """;

    private const string PremiumOf = """
        query($year: String!) { allocations(year: $year) { consortium { code qualityPremium(year: $year) { amount rowVersion financialDutiesMet
          criteria { indicator { code } met } practiceShares { amount } } } } }
        """;

    private static JsonElement? Premium(JsonElement response, string consortium) =>
        response.Data("allocations").EnumerateArray().Select(a => a.GetProperty("consortium")).Single(c => c.Str("code") == consortium)
            .GetProperty("qualityPremium") is { ValueKind: JsonValueKind.Object } p ? p : null;

    [Fact]
    public async Task The_2013_14_framework_lists_its_indicators_by_domain_and_a_year_without_one_is_bad_input()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var framework = await host.ExecuteAsync("""{ commissioningOutcomesFramework(year: "2013-14") { year indicators { code domain name } } }""");
        framework.AssertNoErrors();
        var indicators = framework.Data("commissioningOutcomesFramework").GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(["1.1", "1.2", "2.6", "3.1", "3.2", "4.1", "5.2"], indicators.Select(i => i.Str("code")));
        Assert.Equal(("PREVENTING_PREMATURE_DEATH", "SAFE_CARE"), (indicators[0].Str("domain"), indicators[6].Str("domain")));

        var none = await host.ExecuteAsync("""{ commissioningOutcomesFramework(year: "2019-20") { year } }""");
        var error = none.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").Str("code"));
        Assert.Equal("There is no Commissioning Outcomes Framework for 2019-20.", error.Str("message"));
    }

    [Fact]
    public async Task The_demonstration_premium_of_01A_is_three_quarters_of_five_pounds_a_head_shared_by_list_size()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var response = await host.ExecuteAsync("""
            { allocations(year: "2013-14") { consortium { code qualityPremium(year: "2013-14") { year amount financialDutiesMet financialDutiesMonth
                criteria { indicator { code name } met } practiceShares { practice { code } amount } } } } }
            """);
        response.AssertNoErrors();
        var premium = Premium(response, "01A")!.Value;
        // 312,400 registered patients × £5 = £1,562,000 at most; 3 of 4 criteria met (1.1, 3.1, 5.2; not 4.1) → × 3/4 = £1,171,500.00.
        Assert.Equal("1171500.00", premium.Str("amount"));
        Assert.Equal([("1.1", true), ("3.1", true), ("4.1", false), ("5.2", true)],
            premium.GetProperty("criteria").EnumerateArray().Select(c => (c.GetProperty("indicator").Str("code"), c.GetProperty("met").GetBoolean())));
        // £1,171,500 / 312,400 = £3.75 a head; list sizes 31%, 27%, 23% of 312,400 and the rest:
        // A01001 96,844 × 3.75 = 363,165.00; A01002 84,348 × 3.75 = 316,305.00; A01003 71,852 × 3.75 = 269,445.00;
        // A01004 59,356 × 3.75 = 222,585.00 (what is left: 1,171,500 − 949,915... = 1,171,500 − 948,915 = 222,585).
        var shares = premium.GetProperty("practiceShares").EnumerateArray().Select(s => (s.GetProperty("practice").Str("code"), s.Str("amount"))).ToList();
        Assert.Equal([("A01001", "363165.00"), ("A01002", "316305.00"), ("A01003", "269445.00"), ("A01004", "222585.00")], shares);
        // 363,165 + 316,305 + 269,445 + 222,585 = 1,171,500: the shares are the whole premium.
        Assert.Equal(1_171_500.00m, shares.Sum(s => decimal.Parse(s.Item2, System.Globalization.CultureInfo.InvariantCulture)));
        // 01A keeps within its allocation: its latest submitted return (month 5) meets every duty.
        Assert.Equal((true, 5), (premium.GetProperty("financialDutiesMet").GetBoolean(), premium.GetProperty("financialDutiesMonth").GetInt32()));
        // Only 01A has a premium in the demonstration data.
        Assert.Null(Premium(response, "02B"));
        Assert.Null(Premium(response, "03C"));
    }

    [Fact]
    public async Task The_commissioning_modules_lookup_judges_the_latest_submitted_return_and_answers_none_without_one()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var lookup = host.Services.GetRequiredService<IFinancialDutiesLookup>();
        // Month 6 is a draft: month 5 (submitted, version 1) is the latest the consortium has put its name to.
        Assert.Equal(new FinancialDutiesOutcome("01A", "2013-14", 5, 1, true), await lookup.GetLatestSubmittedAsync(new("01A", "2013-14")));
        // 03C over-spends (its month-5 forecast breaches its limits).
        Assert.Equal(new FinancialDutiesOutcome("03C", "2013-14", 5, 1, false), await lookup.GetLatestSubmittedAsync(new("03C", "2013-14")));
        Assert.Null(await lookup.GetLatestSubmittedAsync(new("01A", "2014-15")));
    }

    private static object Input(string consortium, string amount, (string Practice, string Amount)[] shares, (string Indicator, bool Met)[]? criteria = null,
        int? expected = null, string year = "2013-14") => new
    {
        input = new
        {
            consortiumCode = consortium, year, amount,
            criteria = (criteria ?? [("1.1", true), ("3.1", false)]).Select(c => new { indicatorCode = c.Indicator, met = c.Met }).ToArray(),
            practiceShares = shares.Select(s => new { practiceCode = s.Practice, amount = s.Amount }).ToArray(),
            expectedRowVersion = expected,
        },
    };

    [Fact]
    public async Task The_board_records_a_premium_then_re_records_it_at_the_version_it_read()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        (string, string)[] shares = [("A02001", "300000.00"), ("A02002", "200000.00")];

        var created = (await host.ExecuteAsync(Record, Input("02B", "500000.00", shares))).Data("recordQualityPremium");
        Assert.Empty(created.UserErrors());
        var premium = created.GetProperty("qualityPremium");
        Assert.Equal(("500000.00", true, 5, 1), (premium.Str("amount"), premium.GetProperty("financialDutiesMet").GetBoolean(),
            premium.GetProperty("financialDutiesMonth").GetInt32(), premium.GetProperty("rowVersion").GetInt32()));

        // Re-recording needs the version read; a stale one is a conflict; the right one replaces criteria and shares.
        Assert.Equal([("REQUIRED", "input.expectedRowVersion")], (await host.ExecuteAsync(Record, Input("02B", "400000.00", [("A02001", "400000.00")]))).Data("recordQualityPremium").UserErrors());
        var revised = (await host.ExecuteAsync(Record, Input("02B", "400000.00", [("A02001", "400000.00")], [("1.1", true)], expected: 1))).Data("recordQualityPremium");
        Assert.Empty(revised.UserErrors());
        Assert.Equal(("400000.00", 2, 1, 1), (revised.GetProperty("qualityPremium").Str("amount"), revised.GetProperty("qualityPremium").GetProperty("rowVersion").GetInt32(),
            revised.GetProperty("qualityPremium").GetProperty("criteria").GetArrayLength(), revised.GetProperty("qualityPremium").GetProperty("practiceShares").GetArrayLength()));
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")], (await host.ExecuteAsync(Record, Input("02B", "1.00", [("A02001", "1.00")], expected: 1))).Data("recordQualityPremium").UserErrors());

        var read = Premium(await host.ExecuteAsync(PremiumOf, new { year = "2013-14" }), "02B")!.Value;
        Assert.Equal(("400000.00", 2), (read.Str("amount"), read.GetProperty("rowVersion").GetInt32()));
    }

    [Fact]
    public async Task A_premium_is_refused_with_user_errors_and_nothing_is_written()
    {
        await using var host = await ModuleGraphHost.CreateAsync();

        // The shares must be the whole premium: 300,000 + 100,000 = 400,000, not 500,000.
        Assert.Equal([("SHARES_MISMATCH", "input.practiceShares")],
            (await host.ExecuteAsync(Record, Input("02B", "500000.00", [("A02001", "300000.00"), ("A02002", "100000.00")]))).Data("recordQualityPremium").UserErrors());
        // An indicator the year's framework does not have; a practice that was not the consortium's member that year (A01001 is 01A's).
        Assert.Equal([("UNKNOWN_INDICATOR", "input.criteria.1.indicatorCode"), ("UNKNOWN_PRACTICE", "input.practiceShares.1.practiceCode")],
            (await host.ExecuteAsync(Record, Input("02B", "2.00", [("A02001", "1.00"), ("A01001", "1.00")], [("1.1", true), ("9.9", true)]))).Data("recordQualityPremium").UserErrors());
        // Badly written year and amounts, no criteria, a practice twice.
        var bad = (await host.ExecuteAsync(Record, new
        {
            input = new { consortiumCode = "02B", year = "2013", amount = "-1", criteria = Array.Empty<object>(),
                practiceShares = new[] { new { practiceCode = "A02001", amount = "0.001" }, new { practiceCode = "A02002", amount = "1" }, new { practiceCode = "A02002", amount = "1" } } },
        })).Data("recordQualityPremium");
        Assert.Equal([("INVALID", "input.year"), ("INVALID", "input.amount"), ("REQUIRED", "input.criteria"), ("INVALID", "input.practiceShares.0.amount"), ("INVALID", "input.practiceShares.2.practiceCode")],
            bad.UserErrors());
        // 03C did not meet its financial duties: it earns no premium.
        var overspender = (await host.ExecuteAsync(Record, Input("03C", "100.00", [("A03001", "100.00")]))).Data("recordQualityPremium");
        Assert.Equal([("FINANCIAL_DUTIES_NOT_MET", "input.amount")], overspender.UserErrors());
        Assert.Contains("month 5", overspender.GetProperty("userErrors")[0].Str("message"));

        await using (var scope = host.Services.CreateAsyncScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<NhsCbDbContext>().QualityPremiums.AnyAsync(q => q.ConsortiumCode != "01A"));

        // A nil premium is recorded, with the duties that explain it.
        var nil = (await host.ExecuteAsync(Record, Input("03C", "0.00", [("A03001", "0.00")]))).Data("recordQualityPremium");
        Assert.Empty(nil.UserErrors());
        Assert.False(nil.GetProperty("qualityPremium").GetProperty("financialDutiesMet").GetBoolean());
    }

    // Every consortium's outcomes values with their indicators and its premium with its criteria and shares, as the NHS CB for
    // outcomes monitoring (the rules become SQL predicates): the consortia grow with the scale, the statements do not.
    private const string Deep = """
        { allocations(year: "2013-14") { consortium { code
            outcomes(year: "2013-14") { indicator { code domain } numerator denominator value published }
            qualityPremium(year: "2013-14") { amount criteria { indicator { name } met } practiceShares { amount } } } } }
        """;

    [Fact]
    public async Task A_deep_query_over_outcomes_and_premiums_issues_the_same_number_of_statements_at_demo_scale_and_ten_times_it()
    {
        var counts = new List<int>();
        foreach (var scale in new[] { 1, 10 })
        {
            await using var host = await ModuleGraphHost.CreateAsync(scale);
            host.Subject = new AuthorizationSubject("X24", new HashSet<string>(), "OUTCOMES_MONITORING", true);
            host.ResetStatements();
            var response = await host.ExecuteAsync(Deep);
            response.AssertNoErrors();
            counts.Add(host.Statements);
            var consortia = response.Data("allocations").EnumerateArray().Select(a => a.GetProperty("consortium")).ToList();
            Assert.Equal(3 * scale, consortia.Count);
            Assert.All(consortia, c => Assert.Equal(7, c.GetProperty("outcomes").GetArrayLength()));
            Assert.Equal(1, consortia.Count(c => c.GetProperty("qualityPremium").ValueKind == JsonValueKind.Object));
            output.WriteLine(string.Join("\n", host.StatementTexts));
        }
        output.WriteLine($"Deep query over outcomes and premiums: {counts[0]} SQL statements at scale 1, {counts[1]} at scale 10 (as the NHS CB).");
        Assert.Equal(counts[0], counts[1]);
        // The allocations; the premiums; the outcomes values; the premium's shares; its criteria; the indicators (values' and criteria's).
        Assert.Equal(6, counts[0]);
    }
}
