using System.Globalization;
using System.Text.Json;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// Arrangement kinds and leads of any kind, and contract activity by responsible commissioner, over HTTP with real tokens:
/// who reads what (every demo organisation), the purposes that cover it, the recharges checked against the contract's
/// performance and the provider's activity by hand, and <c>submitContractActivity</c> (the contract's provider only).
/// Mutations here write only CT-X24-NQ1's activity and LCA-DIAG-NQ1's statements, which no other test reads.
/// </summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class ArrangementKindsAndActivityTests(AuthorizedGraphFixture graph)
{
    public static readonly string[] Callers = AuthorizationMatrixTests.Callers;

    // 01A leads LCA-ACUTE-RNV (associates 02B, 03C; contract CT-01A-RNV with RNV). The NHS CB (X24) leads LCA-DIAG-NQ1
    // (NHSCB_ON_BEHALF; associates 01A, 02B; contract CT-X24-NQ1 with NQ1). A provider is a contract party, never an
    // arrangement party.
    private static readonly (string Coordinate, string Target, string Expected)[] Table =
    [
        //  coordinate                                   target            X24 E10000001 E06000002 01A 02B 03C A01001 RNV RRC NQ1 CSU-NV
        ("Contract.activity",                         "CT-01A-RNV",      "Y   n         n         Y   Y   Y   n      Y   n   n   n"),
        ("Contract.activity",                         "CT-X24-NQ1",      "Y   n         n         Y   Y   n   n      n   n   Y   n"),
        ("ContractActivity.byCommissioner",           "CT-01A-RNV",      "Y   n         n         Y   Y   Y   n      Y   n   n   n"),
        ("LeadCommissioningArrangement.leadCost",     "LCA-DIAG-NQ1",    "Y   n         n         Y   Y   n   n      n   n   n   n"),
        ("ArrangementAssociate.share",                "LCA-DIAG-NQ1",    "Y   n         n         Y   Y   n   n      n   n   n   n"),
        ("LeadCommissioningArrangement.statements",   "LCA-DIAG-NQ1",    "Y   n         n         Y   Y   n   n      n   n   n   n"),
        // The kind, the lead of any kind and the providers are public to every authenticated caller.
        ("LeadCommissioningArrangement.leadOrganisation", "LCA-DIAG-NQ1", "Y  Y         Y         Y   Y   Y   Y      Y   Y   Y   Y"),
    ];

    public static TheoryData<string, string, string, bool> Matrix => AccessTable.Cases(Callers, Table, cell => cell == "Y");

    private sealed record Probe(string Query, string Path, string Sibling, string SiblingValue, string Purpose);

    private static Probe ProbeFor(string coordinate, string target) => coordinate switch
    {
        "Contract.activity" => new($$"""{ contract(code: "{{target}}") { code activity(year: "2013-14") { month totalActivity } } }""",
            "contract.activity", "contract.code", target, PurposeOfUse.ContractManagement),
        "ContractActivity.byCommissioner" => new($$"""{ contract(code: "{{target}}") { code activity(year: "2013-14", month: 1) { byCommissioner { commissionerCode activity cost } } } }""",
            "contract.activity", "contract.code", target, PurposeOfUse.ContractManagement),
        "LeadCommissioningArrangement.leadCost" => new($$"""{ leadCommissioningArrangement(code: "{{target}}") { code leadCost } }""",
            "leadCommissioningArrangement.leadCost", "leadCommissioningArrangement.code", target, PurposeOfUse.LeadCommissioning),
        "ArrangementAssociate.share" => new($$"""{ leadCommissioningArrangement(code: "{{target}}") { code associates { share } } }""",
            "leadCommissioningArrangement.associates.0.share", "leadCommissioningArrangement.code", target, PurposeOfUse.LeadCommissioning),
        "LeadCommissioningArrangement.statements" => new($$"""{ leadCommissioningArrangement(code: "{{target}}") { code statements(year: "2013-14") { month cost } } }""",
            "leadCommissioningArrangement.statements", "leadCommissioningArrangement.code", target, PurposeOfUse.LeadCommissioning),
        "LeadCommissioningArrangement.leadOrganisation" => new($$"""{ leadCommissioningArrangement(code: "{{target}}") { code kind leadOrganisation { code } providers { code } } }""",
            "leadCommissioningArrangement.leadOrganisation.code", "leadCommissioningArrangement.code", target, PurposeOfUse.LeadCommissioning),
        _ => throw new ArgumentOutOfRangeException(nameof(coordinate)),
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_caller_reads_arrangement_kinds_and_contract_activity_as_who_may_see_what_says(string caller, string coordinate, string target, bool allowed)
    {
        var probe = ProbeFor(coordinate, target);
        var response = await graph.PostAsync(caller, probe.Query, purpose: probe.Purpose);

        Assert.Equal(probe.SiblingValue, response.At(probe.Sibling).GetString());
        if (allowed)
        {
            Assert.True(response.Errors.Count == 0, $"{caller} should read {coordinate} of {target}: {response}");
            Assert.NotEqual(JsonValueKind.Null, response.At(probe.Path).ValueKind);
            return;
        }
        Assert.Equal(JsonValueKind.Null, response.At(probe.Path).ValueKind);
        // One refusal per item withheld (each associate's share), each saying why; the rest of the response intact.
        Assert.NotEmpty(response.Errors);
        Assert.All(response.Errors, error =>
        {
            Assert.Equal(("FORBIDDEN", "POLICY"), (GraphResponse.CodeOf(error), error.GetProperty("extensions").GetProperty("reason").GetString()));
            Assert.Matches(@"^Not authorised to read [A-Za-z]+\.[A-Za-z]+\.$", error.GetProperty("message").GetString());
        });
    }

    [Fact]
    public async Task An_arrangement_names_its_kind_its_lead_of_any_kind_and_its_providers_and_lead_stays_the_consortium_lead()
    {
        const string query = """
            { acute: leadCommissioningArrangement(code: "LCA-ACUTE-RNV") { kind lead { code } leadOrganisation { __typename code name } providers { code } }
              diagnostics: leadCommissioningArrangement(code: "LCA-DIAG-NQ1") { kind lead { code } leadOrganisation { __typename code kind } providers { code name } } }
            """;
        var response = await graph.PostAsync("RRC", query, purpose: null);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal("LEAD_COMMISSIONER", response.At("acute.kind").GetString());
        Assert.Equal("01A", response.At("acute.lead.code").GetString());
        Assert.Equal(("Consortium", "01A"), (response.At("acute.leadOrganisation.__typename").GetString(), response.At("acute.leadOrganisation.code").GetString()));
        Assert.Equal("RNV", Assert.Single(response.At("acute.providers").EnumerateArray()).GetProperty("code").GetString());
        // The NHS CB leads: `lead` (a consortium) is null, `leadOrganisation` is the board.
        Assert.Equal("NHSCB_ON_BEHALF", response.At("diagnostics.kind").GetString());
        Assert.Equal(JsonValueKind.Null, response.At("diagnostics.lead").ValueKind);
        Assert.Equal(("NhsCommissioningBoard", "X24", "NHS_COMMISSIONING_BOARD"),
            (response.At("diagnostics.leadOrganisation.__typename").GetString(), response.At("diagnostics.leadOrganisation.code").GetString(), response.At("diagnostics.leadOrganisation.kind").GetString()));
        Assert.Equal(("NQ1", "Vale Diagnostics Ltd"), (response.At("diagnostics.providers.0.code").GetString(), response.At("diagnostics.providers.0.name").GetString()));
    }

    [Fact]
    public async Task LCA_ACUTE_RNVs_statements_and_the_providers_activity_by_commissioner_sum_to_the_contracts_performance()
    {
        const string query = """
            { leadCommissioningArrangement(code: "LCA-ACUTE-RNV") {
                statements(year: "2013-14") { month associate { code } activity cost contractActivity contractCost }
                contracts { code performance(year: "2013-14") { month activityActual costActual }
                  activity(year: "2013-14") { month totalActivity totalCost byCommissioner { commissionerCode activity cost } } } } }
            """;
        var response = await graph.PostAsync("X24", query, purpose: PurposeOfUse.LeadCommissioning);
        Assert.True(response.Errors.Count == 0, response.ToString());

        var contract = Assert.Single(response.At("leadCommissioningArrangement.contracts").EnumerateArray());
        var statements = response.At("leadCommissioningArrangement.statements").EnumerateArray().ToList();
        var activity = contract.GetProperty("activity").EnumerateArray().ToDictionary(a => a.GetProperty("month").GetInt32());
        for (var month = 1; month <= 6; month++)
        {
            // CT-01A-RNV each month, at 103% of plan: 118,000 / 12 × 1.03 = 10,128.33 → 10,128 spells; £312,000,000 / 12 × 1.03 = £26,780,000.00.
            var performance = contract.GetProperty("performance").EnumerateArray().Single(p => p.GetProperty("month").GetInt32() == month);
            Assert.Equal((10_128, 26_780_000.00m), (performance.GetProperty("activityActual").GetInt32(), Money(performance.GetProperty("costActual"))));

            // RNV's activity by responsible commissioner: 02B 30% → 3,038.4 → 3,038 spells, £8,034,000.00; 03C 20% → 2,025.6 →
            // 2,026 spells, £5,356,000.00; 01A the rest: 10,128 − 3,038 − 2,026 = 5,064 spells, £26,780,000 − £13,390,000 = £13,390,000.00.
            var submitted = activity[month];
            var lines = submitted.GetProperty("byCommissioner").EnumerateArray()
                .ToDictionary(l => l.GetProperty("commissionerCode").GetString()!, l => (l.GetProperty("activity").GetInt32(), Money(l.GetProperty("cost"))));
            Assert.Equal(new Dictionary<string, (int, decimal)>
            {
                ["01A"] = (5_064, 13_390_000.00m), ["02B"] = (3_038, 8_034_000.00m), ["03C"] = (2_026, 5_356_000.00m),
            }, lines);
            Assert.Equal((10_128, 26_780_000.00m), (submitted.GetProperty("totalActivity").GetInt32(), Money(submitted.GetProperty("totalCost"))));

            // Each associate's statement is its patients' activity; the statements and the lead's own activity make the performance.
            var ofMonth = statements.Where(s => s.GetProperty("month").GetInt32() == month).ToList();
            Assert.Equal(2, ofMonth.Count);
            foreach (var statement in ofMonth)
            {
                var associate = statement.GetProperty("associate").GetProperty("code").GetString()!;
                Assert.Equal(lines[associate], (statement.GetProperty("activity").GetInt32(), Money(statement.GetProperty("cost"))));
                Assert.Equal((10_128, 26_780_000.00m), (statement.GetProperty("contractActivity").GetInt32(), Money(statement.GetProperty("contractCost"))));
            }
            Assert.Equal(10_128, ofMonth.Sum(s => s.GetProperty("activity").GetInt32()) + lines["01A"].Item1);
            Assert.Equal(26_780_000.00m, ofMonth.Sum(s => Money(s.GetProperty("cost"))) + lines["01A"].Item2);
        }
    }

    [Fact]
    public async Task A_provider_is_not_an_arrangement_party_and_cannot_read_shares_or_statements()
    {
        const string query = """
            { leadCommissioningArrangement(code: "LCA-ACUTE-RNV") { code leadCost associates { share } statements(year: "2013-14") { cost } } }
            """;
        var response = await graph.PostAsync("RNV", query, purpose: PurposeOfUse.LeadCommissioning);

        Assert.Equal("LCA-ACUTE-RNV", response.At("leadCommissioningArrangement.code").GetString());
        foreach (var path in new[] { "leadCommissioningArrangement.leadCost", "leadCommissioningArrangement.associates.0.share", "leadCommissioningArrangement.statements" })
        {
            Assert.Equal(JsonValueKind.Null, response.At(path).ValueKind);
            var error = Assert.Single(response.ErrorsAt(path));
            Assert.Equal(("FORBIDDEN", "POLICY"), (GraphResponse.CodeOf(error), error.GetProperty("extensions").GetProperty("reason").GetString()));
            // The alternatives tried: being a party of the arrangement, or the NHS CB — a contract party is not one of them.
            Assert.Contains("arrangementParty", error.GetProperty("extensions").GetProperty("policies").ToString());
            Assert.DoesNotContain("contractParty", error.GetProperty("extensions").GetProperty("policies").ToString());
        }
        // It reads its own contract's activity, as a contract party.
        var own = await graph.PostAsync("RNV", """{ contract(code: "CT-01A-RNV") { activity(year: "2013-14", month: 1) { totalActivity } } }""", purpose: PurposeOfUse.ContractManagement);
        Assert.True(own.Errors.Count == 0, own.ToString());
        Assert.Equal(10_128, own.At("contract.activity.0.totalActivity").GetInt32());
    }

    [Theory]
    [InlineData("X24", PurposeOfUse.ContractManagement, true)]
    [InlineData("X24", PurposeOfUse.Commissioning, true)]
    [InlineData("X24", PurposeOfUse.LeadCommissioning, true)]
    [InlineData("X24", PurposeOfUse.Jsna, false)]
    [InlineData("X24", PurposeOfUse.PooledBudgetManagement, false)]
    [InlineData("02B", PurposeOfUse.LeadCommissioning, true)]
    [InlineData("02B", PurposeOfUse.FinancialAssurance, false)]
    public async Task Contract_activity_is_disclosed_only_for_the_purposes_that_cover_contracts(string caller, string purpose, bool allowed)
    {
        var response = await graph.PostAsync(caller, """{ contract(code: "CT-01A-RNV") { code activity(year: "2013-14", month: 2) { totalCost } } }""", purpose: purpose);

        if (allowed)
        {
            Assert.True(response.Errors.Count == 0, response.ToString());
            Assert.Equal(26_780_000.00m, Money(response.At("contract.activity.0.totalCost")));
            return;
        }
        var error = Assert.Single(response.Errors);
        Assert.Equal(("FORBIDDEN", "PURPOSE_NOT_PERMITTED"), (GraphResponse.CodeOf(error), error.GetProperty("extensions").GetProperty("reason").GetString()));
        var accepted = error.GetProperty("extensions").GetProperty("purposes").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains(PurposeOfUse.ContractManagement, accepted);
        Assert.Contains(PurposeOfUse.LeadCommissioning, accepted);
    }

    [Fact]
    public async Task The_lead_of_an_arrangement_reads_its_shares_for_lead_commissioning_and_not_for_another_purpose()
    {
        const string query = """{ leadCommissioningArrangement(code: "LCA-DIAG-NQ1") { associates { share } } }""";
        var covered = await graph.PostAsync("01A", query, purpose: PurposeOfUse.LeadCommissioning);
        var notCovered = await graph.PostAsync("01A", query, purpose: PurposeOfUse.PooledBudgetManagement);

        Assert.True(covered.Errors.Count == 0, covered.ToString());
        // 01A 55%, 02B 45%: the NHS CB carries no share itself.
        Assert.Equal(["55.00", "45.00"], covered.At("leadCommissioningArrangement.associates").EnumerateArray().Select(a => a.GetProperty("share").GetString()).ToArray());
        Assert.Contains(notCovered.Errors, e => e.GetProperty("extensions").GetProperty("reason").GetString() == "PURPOSE_NOT_PERMITTED");
    }

    [Fact]
    public async Task The_NHS_CB_as_lead_issues_a_statement_from_the_contracts_performance()
    {
        var issued = await graph.PostAsync("X24", IssueStatement, new { input = new { arrangementCode = "LCA-DIAG-NQ1", associateCode = "01A", year = "2013-14", month = 1 } },
            purpose: PurposeOfUse.LeadCommissioning, scopes: ["recharges:issue"]);

        Assert.True(issued.Errors.Count == 0, issued.ToString());
        Assert.Equal(0, issued.At("issueArrangementStatement.userErrors").GetArrayLength());
        // CT-X24-NQ1 month 1: 24,000 / 12 × 0.99 = 1,980 tests, £1,200,000 / 12 × 0.99 = £99,000.00; 01A's 55%: 1,089 tests, £54,450.00.
        Assert.Equal((1_089, 54_450.00m), (issued.At("issueArrangementStatement.statement.activity").GetInt32(), Money(issued.At("issueArrangementStatement.statement.cost"))));
        Assert.Equal(1_980, issued.At("issueArrangementStatement.statement.contractActivity").GetInt32());
    }

    private const string IssueStatement = """
        mutation($input: IssueArrangementStatementInput!) { issueArrangementStatement(input: $input) {
          statement { activity cost contractActivity } userErrors { code path } } }
        """;

    private const string Submit = """
        mutation($input: SubmitContractActivityInput!) { submitContractActivity(input: $input) {
          contractActivity { month totalActivity totalCost rowVersion byCommissioner { commissionerCode activity cost } } userErrors { code path message } } }
        """;

    private static object Lines(params (string Code, int Activity, string Cost)[] lines) =>
        lines.Select(l => new { commissionerCode = l.Code, activity = l.Activity, cost = l.Cost }).ToArray();

    private async Task<JsonElement> ActivityAsync(string contract, int month)
    {
        var response = await graph.PostAsync("X24", $$"""{ contract(code: "{{contract}}") { activity(year: "2013-14", month: {{month}}) { rowVersion totalActivity } } }""",
            purpose: PurposeOfUse.ContractManagement);
        Assert.True(response.Errors.Count == 0, response.ToString());
        return response.At("contract.activity");
    }

    [Fact]
    public async Task The_provider_submits_and_resubmits_a_months_activity_and_a_stale_version_is_a_conflict()
    {
        // NQ1's month 2 on CT-X24-NQ1: 1,980 tests, £99,000.00, split between the consortia whose patients they were.
        var first = await graph.PostAsync("NQ1", Submit,
            new { input = new { contractCode = "CT-X24-NQ1", year = "2013-14", month = 2, lines = Lines(("01A", 1_100, "55000.00"), ("02B", 880, "44000.00")) } },
            purpose: null, scopes: ["contracts:activity"]);
        Assert.True(first.Errors.Count == 0, first.ToString());
        Assert.Equal(0, first.At("submitContractActivity.userErrors").GetArrayLength());
        Assert.Equal((1_980, 99_000.00m, 1), (first.At("submitContractActivity.contractActivity.totalActivity").GetInt32(),
            Money(first.At("submitContractActivity.contractActivity.totalCost")), first.At("submitContractActivity.contractActivity.rowVersion").GetInt32()));

        // Resubmitting without the version is refused; with it, the lines are replaced.
        var unversioned = await graph.PostAsync("NQ1", Submit,
            new { input = new { contractCode = "CT-X24-NQ1", year = "2013-14", month = 2, lines = Lines(("01A", 1_000, "50000.00")) } }, purpose: null, scopes: ["contracts:activity"]);
        Assert.Equal(("REQUIRED", "input.expectedRowVersion"), UserError(unversioned));
        var second = await graph.PostAsync("NQ1", Submit,
            new { input = new { contractCode = "CT-X24-NQ1", year = "2013-14", month = 2, expectedRowVersion = 1, lines = Lines(("01A", 1_089, "54450.00"), ("02B", 891, "44550.00")) } },
            purpose: null, scopes: ["contracts:activity"]);
        Assert.Equal(0, second.At("submitContractActivity.userErrors").GetArrayLength());
        Assert.Equal(2, second.At("submitContractActivity.contractActivity.rowVersion").GetInt32());
        Assert.Equal([("01A", 1_089, 54_450.00m), ("02B", 891, 44_550.00m)], second.At("submitContractActivity.contractActivity.byCommissioner").EnumerateArray()
            .Select(l => (l.GetProperty("commissionerCode").GetString(), l.GetProperty("activity").GetInt32(), Money(l.GetProperty("cost")))).ToArray());

        var stale = await graph.PostAsync("NQ1", Submit,
            new { input = new { contractCode = "CT-X24-NQ1", year = "2013-14", month = 2, expectedRowVersion = 1, lines = Lines(("01A", 1, "1.00")) } }, purpose: null, scopes: ["contracts:activity"]);
        Assert.Equal(("CONFLICT", "input.expectedRowVersion"), UserError(stale));
        var stored = Assert.Single((await ActivityAsync("CT-X24-NQ1", 2)).EnumerateArray());
        Assert.Equal((2, 1_980), (stored.GetProperty("rowVersion").GetInt32(), stored.GetProperty("totalActivity").GetInt32()));
    }

    public static TheoryData<string, object, string, string> BadInputs => new()
    {
        { "month 13", new { contractCode = "CT-X24-NQ1", year = "2013-14", month = 13, lines = Lines(("01A", 1, "1.00")) }, "INVALID", "input.month" },
        { "malformed year", new { contractCode = "CT-X24-NQ1", year = "2013", month = 3, lines = Lines(("01A", 1, "1.00")) }, "INVALID", "input.year" },
        { "no lines", new { contractCode = "CT-X24-NQ1", year = "2013-14", month = 3, lines = Array.Empty<object>() }, "REQUIRED", "input.lines" },
        { "negative activity", new { contractCode = "CT-X24-NQ1", year = "2013-14", month = 3, lines = Lines(("01A", -5, "1.00")) }, "INVALID", "input.lines.0.activity" },
        { "fractions of a penny", new { contractCode = "CT-X24-NQ1", year = "2013-14", month = 3, lines = Lines(("01A", 5, "1.005")) }, "INVALID", "input.lines.0.cost" },
        { "a commissioner twice", new { contractCode = "CT-X24-NQ1", year = "2013-14", month = 3, lines = Lines(("01A", 5, "1.00"), ("01A", 6, "2.00")) }, "DUPLICATE_COMMISSIONER", "input.lines.1.commissionerCode" },
        { "an unknown commissioner", new { contractCode = "CT-X24-NQ1", year = "2013-14", month = 3, lines = Lines(("ZZ9", 5, "1.00")) }, "NOT_FOUND", "input.lines.0.commissionerCode" },
        { "outside the contract", new { contractCode = "CT-X24-NQ1", year = "2014-15", month = 3, lines = Lines(("01A", 5, "1.00")) }, "OUTSIDE_CONTRACT", "input.month" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_activity_input_is_a_user_error_and_nothing_is_written(string why, object input, string code, string path)
    {
        var response = await graph.PostAsync("NQ1", Submit, new { input }, purpose: null, scopes: ["contracts:activity"]);

        Assert.True(response.Errors.Count == 0, $"{why}: {response}");
        Assert.Equal(JsonValueKind.Null, response.At("submitContractActivity.contractActivity").ValueKind);
        Assert.Contains((code, path), response.At("submitContractActivity.userErrors").EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString(), string.Join(".", e.GetProperty("path").EnumerateArray().Select(s => s.GetString())))));
        Assert.Equal(0, (await ActivityAsync("CT-X24-NQ1", 3)).GetArrayLength());
    }

    [Theory]
    [InlineData("RNV")]         // another contract's provider
    [InlineData("X24")]         // the commissioner submits nothing for the provider
    [InlineData("01A")]         // an arrangement party
    [InlineData("E10000001")]
    [InlineData("A01001")]
    public async Task No_one_but_the_contracts_provider_submits_its_activity(string caller)
    {
        var response = await graph.PostAsync(caller, Submit,
            new { input = new { contractCode = "CT-X24-NQ1", year = "2013-14", month = 4, lines = Lines(("01A", 1, "1.00")) } },
            purpose: PurposeOfUse.ContractManagement, scopes: ["contracts:activity"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal(("FORBIDDEN", "POLICY"), (GraphResponse.CodeOf(error), error.GetProperty("extensions").GetProperty("reason").GetString()));
        Assert.Equal("Not authorised to perform Mutation.submitContractActivity.", error.GetProperty("message").GetString());
        Assert.Equal(0, (await ActivityAsync("CT-X24-NQ1", 4)).GetArrayLength());
    }

    [Fact]
    public async Task The_provider_without_the_scope_is_refused_naming_the_scope()
    {
        var response = await graph.PostAsync("NQ1", Submit,
            new { input = new { contractCode = "CT-X24-NQ1", year = "2013-14", month = 5, lines = Lines(("01A", 1, "1.00")) } }, purpose: null, scopes: ["recharges:issue"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal("MISSING_SCOPE", error.GetProperty("extensions").GetProperty("reason").GetString());
        Assert.Contains("contracts:activity", error.GetProperty("message").GetString());
        Assert.Equal(0, (await ActivityAsync("CT-X24-NQ1", 5)).GetArrayLength());
    }

    private static (string?, string) UserError(GraphResponse response)
    {
        Assert.True(response.Errors.Count == 0, response.ToString());
        var error = Assert.Single(response.At("submitContractActivity.userErrors").EnumerateArray());
        return (error.GetProperty("code").GetString(), string.Join(".", error.GetProperty("path").EnumerateArray().Select(s => s.GetString())));
    }

    private static decimal Money(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDecimal();
}
