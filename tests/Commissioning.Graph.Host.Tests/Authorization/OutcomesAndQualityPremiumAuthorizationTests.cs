using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// Outcomes and the quality premium over HTTP with real tokens (DOMAIN.md second wave): the framework is public; a
/// consortium's published outcomes values are everyone's, unpublished ones its own and the NHS CB's, their counts small-number
/// suppressed for anyone but the consortium; its quality premium is its own and the NHS CB's, and a member practice reads
/// its own share only; purposes as DOMAIN.md's table says; recordQualityPremium for the NHS CB only, decided on the input
/// before anything is written. The one write (02B's 2013-14 premium) touches data no other test reads.
/// </summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class OutcomesAndQualityPremiumAuthorizationTests(AuthorizedGraphFixture graph)
{
    public static readonly string[] Callers = ["X24", "E10000001", "E06000002", "01A", "02B", "03C", "A01001", "A02001", "RNV", "RRC", "NQ1", "CSU-NV"];

    // Y = read; n = refused (FORBIDDEN at the field or an ancestor, reason POLICY); - = a filtered list leaves the item out, no error.
    // A01001 is a member practice of 01A; A02001 of 02B. 01A's 4.1 (the out-of-hours survey) is unpublished, 1.1 published.
    private static readonly (string Coordinate, string Target, string Expected)[] Table =
    [
        //  coordinate                          target           X24 E10000001 E06000002 01A 02B 03C A01001 A02001 RNV RRC NQ1 CSU-NV
        ("OutcomeValue (published)",            "01A/1.1",       "Y   Y         Y         Y   Y   Y   Y      Y      Y   Y   Y   Y"),
        ("OutcomeValue (unpublished)",          "01A/4.1",       "Y   -         -         Y   -   -   -      -      -   -   -   -"),
        ("OutcomeValue (unpublished)",          "03C/4.1",       "Y   -         -         -   -   Y   -      -      -   -   -   -"),
        ("Consortium.qualityPremium",           "01A",           "Y   n         n         Y   n   n   Y      n      n   n   n   n"),
        ("QualityPremium.amount",               "01A",           "Y   n         n         Y   n   n   n      n      n   n   n   n"),
        ("QualityPremium.criteria",             "01A",           "Y   n         n         Y   n   n   n      n      n   n   n   n"),
        ("QualityPremium.financialDutiesMet",   "01A",           "Y   n         n         Y   n   n   n      n      n   n   n   n"),
        ("QualityPremiumShare (own)",           "01A/A01001",    "Y   n         n         Y   n   n   Y      n      n   n   n   n"),
        ("QualityPremiumShare (another's)",     "01A/A01002",    "Y   n         n         Y   n   n   -      n      n   n   n   n"),
    ];

    public static TheoryData<string, string, string, string> Matrix => AccessTable.Cases(Callers, Table, cell => cell);

    /// <summary>How a coordinate is read: the query, where its value is, and for a list the item's key field and value.</summary>
    private sealed record Probe(string Query, string Path, string? ItemKey = null, string? ItemValue = null);

    private static Probe ProbeFor(string coordinate, string target)
    {
        var consortium = target.Split('/')[0];
        var item = target.Contains('/') ? target.Split('/')[1] : null;
        return coordinate switch
        {
            // Values and whether published (the counts are the suppression test's).
            "OutcomeValue (published)" or "OutcomeValue (unpublished)" => new(
                $$"""{ consortium(code: "{{consortium}}") { code outcomes(year: "2013-14") { indicator { code } value published } } }""", "consortium.outcomes", "indicator", item),
            "Consortium.qualityPremium" => new($$"""{ consortium(code: "{{consortium}}") { code qualityPremium(year: "2013-14") { __typename } } }""", "consortium.qualityPremium"),
            "QualityPremium.criteria" => new($$"""{ consortium(code: "{{consortium}}") { code qualityPremium(year: "2013-14") { criteria { indicator { code } met } } } }""", "consortium.qualityPremium.criteria"),
            "QualityPremiumShare (own)" or "QualityPremiumShare (another's)" => new(
                $$"""{ consortium(code: "{{consortium}}") { code qualityPremium(year: "2013-14") { practiceShares { practice { code } amount } } } }""",
                "consortium.qualityPremium.practiceShares", "practice", item),
            _ => new($$"""{ consortium(code: "{{consortium}}") { code qualityPremium(year: "2013-14") { {{coordinate.Split('.')[1]}} } } }""",
                $"consortium.qualityPremium.{coordinate.Split('.')[1]}"),
        };
    }

    /// <summary>A purpose that covers the coordinate, so only the policies decide here.</summary>
    private static string PurposeFor(string coordinate) => coordinate.StartsWith("OutcomeValue", StringComparison.Ordinal) ? PurposeOfUse.Jsna : "OUTCOMES_MONITORING";

    private static string? ReasonOf(JsonElement error) => error.GetProperty("extensions").GetProperty("reason").GetString();

    [Fact]
    public void The_matrix_has_a_column_per_caller_kind_including_a_practice_of_another_consortium()
    {
        Assert.Equal(Table.Length * Callers.Length, Matrix.Count());
        Assert.Contains("A02001", Callers);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_caller_reads_outcomes_and_the_quality_premium_as_who_may_see_what_says(string caller, string coordinate, string target, string expected)
    {
        var probe = ProbeFor(coordinate, target);

        var response = await graph.PostAsync(caller, probe.Query, purpose: PurposeFor(coordinate));

        Assert.True(response.Status == System.Net.HttpStatusCode.OK, response.ToString());
        Assert.Equal(target.Split('/')[0], response.At("consortium.code").GetString());
        if (expected == "n")
        {
            Assert.True(response.At(probe.Path).ValueKind is JsonValueKind.Null or JsonValueKind.Undefined, $"{caller} should not read {probe.Path}: {response}");
            var error = Assert.Single(response.Errors);
            Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(error), ReasonOf(error)));
            var path = string.Join(".", error.GetProperty("path").EnumerateArray().Select(s => s.ToString()));
            Assert.True(probe.Path.StartsWith(path, StringComparison.Ordinal), $"denied at {path}, not on the way to {probe.Path}");
            Assert.Matches(@"^Not authorised to read [A-Za-z]+\.[A-Za-z]+\.$", error.GetProperty("message").GetString());
            return;
        }
        Assert.True(response.Errors.Count == 0, $"{caller}: {response}");
        var value = response.At(probe.Path);
        Assert.True(value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined), $"{caller} should read {probe.Path}: {response}");
        if (probe.ItemKey is { } key)
        {
            var present = value.EnumerateArray().Any(i => i.GetProperty(key).GetProperty("code").GetString() == probe.ItemValue);
            Assert.True(present == (expected == "Y"), $"{caller} {(expected == "Y" ? "should" : "should not")} see {probe.ItemValue}: {response}");
        }
    }

    // ---------------------------------------------------------------- a practice's own share

    private const string PremiumOf01A = """
        { consortium(code: "01A") { code qualityPremium(year: "2013-14") { amount criteria { met } practiceShares { practice { code } amount } } } }
        """;

    [Fact]
    public async Task A_member_practice_reads_its_own_share_of_the_premium_and_nothing_else_of_it()
    {
        var response = await graph.PostAsync("A01001", PremiumOf01A, purpose: "OUTCOMES_MONITORING");

        // Its own share only: £1,171,500.00 × 96,844 / 312,400 = 96,844 × £3.75 = £363,165.00 (the others' are left out).
        Assert.Equal([("A01001", "363165.00")], response.At("consortium.qualityPremium.practiceShares").EnumerateArray()
            .Select(s => (s.GetProperty("practice").GetProperty("code").GetString(), s.GetProperty("amount").GetString())));
        // The premium's amount and criteria are the consortium's.
        Assert.Equal(JsonValueKind.Null, response.At("consortium.qualityPremium.amount").ValueKind);
        Assert.Equal(["consortium.qualityPremium.amount", "consortium.qualityPremium.criteria"],
            response.Errors.Select(e => string.Join(".", e.GetProperty("path").EnumerateArray().Select(s => s.ToString()))).Order());
        Assert.All(response.Errors, e => Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(e), ReasonOf(e))));
    }

    [Fact]
    public async Task A_practice_of_another_consortium_is_refused_the_premium_naming_the_policies_tried()
    {
        var response = await graph.PostAsync("A02001", PremiumOf01A, purpose: "OUTCOMES_MONITORING");

        Assert.Equal(JsonValueKind.Null, response.At("consortium.qualityPremium").ValueKind);
        var error = Assert.Single(response.Errors);
        Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(error), ReasonOf(error)));
        Assert.Equal([["self"], ["nhscb"], ["memberPractice"]],
            error.GetProperty("extensions").GetProperty("policies").EnumerateArray().Select(a => a.EnumerateArray().Select(p => p.GetString()).ToArray()));
    }

    [Theory]
    [InlineData("01A", null)]                       // its own: no purpose needed
    [InlineData("X24", "OUTCOMES_MONITORING")]
    public async Task The_consortium_and_the_board_read_every_share_and_the_shares_add_up_to_the_premium(string caller, string? purpose)
    {
        var response = await graph.PostAsync(caller, PremiumOf01A, purpose: purpose);

        Assert.True(response.Errors.Count == 0, response.ToString());
        // 312,400 × £5 × 3/4 = £1,171,500.00; by list size: 96,844, 84,348, 71,852 and 59,356 patients × £3.75.
        Assert.Equal("1171500.00", response.At("consortium.qualityPremium.amount").GetString());
        var shares = response.At("consortium.qualityPremium.practiceShares").EnumerateArray()
            .Select(s => (s.GetProperty("practice").GetProperty("code").GetString(), s.GetProperty("amount").GetString())).ToList();
        Assert.Equal([("A01001", "363165.00"), ("A01002", "316305.00"), ("A01003", "269445.00"), ("A01004", "222585.00")], shares);
        // 363,165 + 316,305 + 269,445 + 222,585 = 1,171,500.
        Assert.Equal(1_171_500m, shares.Sum(s => decimal.Parse(s.Item2!, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_premiums_financial_duties_are_those_the_consortiums_latest_submitted_return_shows()
    {
        var response = await graph.PostAsync("01A", """
            { consortium(code: "01A") { qualityPremium(year: "2013-14") { financialDutiesMet financialDutiesMonth }
                financialReturns(year: "2013-14", month: 5, latestVersionOnly: true) { nodes { status duties { allMet } } } } }
            """, purpose: null);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal(5, response.At("consortium.qualityPremium.financialDutiesMonth").GetInt32());
        Assert.Equal("SUBMITTED", response.At("consortium.financialReturns.nodes.0.status").GetString());
        Assert.Equal(response.At("consortium.financialReturns.nodes.0.duties.allMet").GetBoolean(), response.At("consortium.qualityPremium.financialDutiesMet").GetBoolean());
        Assert.True(response.At("consortium.qualityPremium.financialDutiesMet").GetBoolean());
    }

    // ---------------------------------------------------------------- suppression

    private const string OutcomesOf01A = """{ consortium(code: "01A") { outcomes(year: "2013-14") { indicator { code } numerator denominator } } }""";

    [Fact]
    public async Task Counts_under_8_are_suppressed_and_others_rounded_to_5_for_anyone_but_the_consortium()
    {
        var council = await graph.PostAsync("E10000001", OutcomesOf01A, purpose: PurposeOfUse.Jsna);
        var own = await graph.PostAsync("01A", OutcomesOf01A, purpose: null);

        var codes = council.At("consortium.outcomes").EnumerateArray().Select(v => v.GetProperty("indicator").GetProperty("code").GetString()).ToList();
        // The council sees the published values only (4.1 is not).
        Assert.Equal(["1.1", "1.2", "2.6", "3.1", "3.2", "5.2"], codes);
        var mrsa = codes.IndexOf("5.2");
        // 2 MRSA cases: suppressed, with a SUPPRESSED error at the count; its population, 312,400, is a multiple of 5 already.
        Assert.Equal(JsonValueKind.Null, council.At($"consortium.outcomes.{mrsa}.numerator").ValueKind);
        var error = Assert.Single(council.Errors);
        Assert.Equal("SUPPRESSED", GraphResponse.CodeOf(error));
        Assert.Equal($"consortium.outcomes.{mrsa}.numerator", string.Join(".", error.GetProperty("path").EnumerateArray().Select(s => s.ToString())));
        Assert.Equal(312_400, council.At($"consortium.outcomes.{mrsa}.denominator").GetInt32());
        // Under-75 cardiovascular deaths: 312,400 × 6 / 10,000 = 187.44 → 187, rounded to the nearest 5 for the council: 185.
        Assert.Equal(185, council.At($"consortium.outcomes.{codes.IndexOf("1.2")}.numerator").GetInt32());

        // The consortium sees its exact counts, and its unpublished value.
        Assert.True(own.Errors.Count == 0, own.ToString());
        var ownValues = own.At("consortium.outcomes").EnumerateArray().ToDictionary(v => v.GetProperty("indicator").GetProperty("code").GetString()!);
        Assert.Equal((2, 187), (ownValues["5.2"].GetProperty("numerator").GetInt32(), ownValues["1.2"].GetProperty("numerator").GetInt32()));
        // The out-of-hours survey: 212 + 17 = 229 respondents, 71% of them (162.59 → 162) positive.
        Assert.Equal((162, 229), (ownValues["4.1"].GetProperty("numerator").GetInt32(), ownValues["4.1"].GetProperty("denominator").GetInt32()));
    }

    // ---------------------------------------------------------------- purposes

    private const string Unpublished01A = """{ consortium(code: "01A") { outcomes(year: "2013-14") { indicator { code } value published } } }""";
    private const string Premium01A = """{ consortium(code: "01A") { qualityPremium(year: "2013-14") { amount } } }""";

    [Theory]
    [InlineData("JSNA")]
    [InlineData("OUTCOMES_MONITORING")]
    [InlineData("COMMISSIONING")]
    public async Task Outcomes_values_are_disclosed_for_the_jsna_outcomes_monitoring_and_commissioning(string purpose)
    {
        var response = await graph.PostAsync("X24", Unpublished01A, purpose: purpose);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Contains(response.At("consortium.outcomes").EnumerateArray(), v => v.GetProperty("indicator").GetProperty("code").GetString() == "4.1" && !v.GetProperty("published").GetBoolean());
    }

    [Fact]
    public async Task An_unpublished_outcomes_value_is_refused_for_financial_assurance_naming_the_purposes_that_cover_it()
    {
        var response = await graph.PostAsync("X24", Unpublished01A, purpose: PurposeOfUse.FinancialAssurance);

        Assert.NotEmpty(response.Errors);
        Assert.All(response.Errors, e => Assert.Equal(("FORBIDDEN", DenialReasons.PurposeNotPermitted), (GraphResponse.CodeOf(e), ReasonOf(e))));
        Assert.Equal(["COMMISSIONING", "JSNA", "OUTCOMES_MONITORING"],
            response.Errors[0].GetProperty("extensions").GetProperty("purposes").EnumerateArray().Select(p => p.GetString()).Where(p => p != "AUDIT").Order()); // AUDIT: the NHS CB's own
    }

    [Theory]
    [InlineData("FINANCIAL_ASSURANCE")]
    [InlineData("OUTCOMES_MONITORING")]
    public async Task The_quality_premium_is_disclosed_for_financial_assurance_and_outcomes_monitoring(string purpose)
    {
        var response = await graph.PostAsync("X24", Premium01A, purpose: purpose);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal("1171500.00", response.At("consortium.qualityPremium.amount").GetString());
    }

    [Theory]
    [InlineData("JSNA")]
    [InlineData("COMMISSIONING")]
    public async Task The_quality_premium_is_refused_for_a_purpose_that_does_not_cover_it(string purpose)
    {
        var response = await graph.PostAsync("X24", Premium01A, purpose: purpose);

        Assert.Equal(JsonValueKind.Null, response.At("consortium.qualityPremium").ValueKind);
        var error = Assert.Single(response.Errors);
        Assert.Equal(("FORBIDDEN", DenialReasons.PurposeNotPermitted), (GraphResponse.CodeOf(error), ReasonOf(error)));
        Assert.Equal(["FINANCIAL_ASSURANCE", "OUTCOMES_MONITORING"],
            error.GetProperty("extensions").GetProperty("purposes").EnumerateArray().Select(p => p.GetString()).Where(p => p != "AUDIT").Order()); // AUDIT: the NHS CB's own
    }

    // ---------------------------------------------------------------- the framework

    [Theory]
    [InlineData("2013")]        // malformed
    [InlineData("2019-20")]     // well formed, no framework
    public async Task A_year_without_a_framework_is_bad_user_input(string year)
    {
        var response = await graph.PostAsync("A01001", "query($year: String!) { commissioningOutcomesFramework(year: $year) { year } }", new { year }, purpose: null);

        Assert.Equal("BAD_USER_INPUT", GraphResponse.CodeOf(Assert.Single(response.Errors)));
        Assert.Equal(JsonValueKind.Null, response.Data.ValueKind);
    }

    [Fact]
    public async Task Any_organisation_reads_the_framework_without_a_purpose()
    {
        var response = await graph.PostAsync("RNV", """{ commissioningOutcomesFramework(year: "2013-14") { year indicators { code domain name } } }""", purpose: null);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal(7, response.At("commissioningOutcomesFramework.indicators").GetArrayLength());
        Assert.Equal(("1.1", "PREVENTING_PREMATURE_DEATH"), (response.At("commissioningOutcomesFramework.indicators.0.code").GetString(),
            response.At("commissioningOutcomesFramework.indicators.0.domain").GetString()));
    }

    // ---------------------------------------------------------------- recordQualityPremium

    private const string Record = """
        mutation($input: RecordQualityPremiumInput!) { recordQualityPremium(input: $input) {
          qualityPremium { amount financialDutiesMet practiceShares { practice { code } amount } } userErrors { code path } } }
        """;

    private static object Input02B(string amount, string share) => new
    {
        input = new
        {
            consortiumCode = "02B", year = "2013-14", amount,
            criteria = new[] { new { indicatorCode = "1.1", met = true }, new { indicatorCode = "4.1", met = false } },
            practiceShares = new[] { new { practiceCode = "A02001", amount = share }, new { practiceCode = "A02002", amount = share } },
        },
    };

    private async Task<JsonValueKind> PremiumOf02BAsync() =>
        (await graph.PostAsync("X24", """{ consortium(code: "02B") { qualityPremium(year: "2013-14") { amount } } }""", purpose: "OUTCOMES_MONITORING"))
            .At("consortium.qualityPremium").ValueKind;

    [Fact]
    public async Task Only_the_board_records_a_premium_and_a_refusal_writes_nothing()
    {
        // The consortium itself, even with the scope: not the NHS CB.
        var self = await graph.PostAsync("02B", Record, Input02B("200.00", "100.00"), purpose: null, scopes: ["premium:write"]);
        var error = Assert.Single(self.Errors);
        Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(error), ReasonOf(error)));
        Assert.Equal("Not authorised to perform Mutation.recordQualityPremium.", error.GetProperty("message").GetString());
        // The board without the scope: told which scope would do.
        var noScope = await graph.PostAsync("X24", Record, Input02B("200.00", "100.00"), purpose: null, scopes: ["allocation:write"]);
        Assert.Equal(DenialReasons.MissingScope, ReasonOf(Assert.Single(noScope.Errors)));
        Assert.Contains("premium:write", noScope.Errors[0].GetProperty("message").GetString());
        // Bad input: the shares (100 + 100 = 200) are not the amount (300).
        var mismatch = await graph.PostAsync("X24", Record, Input02B("300.00", "100.00"), purpose: null, scopes: ["premium:write"]);
        Assert.Equal([("SHARES_MISMATCH", "input.practiceShares")], mismatch.At("recordQualityPremium.userErrors").EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString(), string.Join(".", e.GetProperty("path").EnumerateArray().Select(s => s.GetString())))));
        Assert.Equal(JsonValueKind.Null, await PremiumOf02BAsync());

        var recorded = await graph.PostAsync("X24", Record, Input02B("200.00", "100.00"), purpose: "OUTCOMES_MONITORING", scopes: ["premium:write"]);
        Assert.True(recorded.Errors.Count == 0, recorded.ToString());
        Assert.Empty(recorded.At("recordQualityPremium.userErrors").EnumerateArray());
        Assert.Equal(("200.00", true), (recorded.At("recordQualityPremium.qualityPremium.amount").GetString(), recorded.At("recordQualityPremium.qualityPremium.financialDutiesMet").GetBoolean()));
        Assert.Equal(JsonValueKind.Object, await PremiumOf02BAsync());
    }
}
