using System.Text.Json;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>The local-government module's mutations: success, validation user errors, and conflicts.</summary>
public sealed class LocalGovernmentMutationTests
{
    private const string Submit = """
        mutation($input: SubmitJsnaContributionInput!) { submitJsnaContribution(input: $input) {
          contribution { id topic status rowVersion consortium { code } indicators { name numerator denominator } }
          userErrors { message path code } } }
        """;
    private const string Accept = """
        mutation($input: AcceptJsnaContributionInput!) { acceptJsnaContribution(input: $input) {
          contribution { id status acceptedAt rowVersion } userErrors { message path code } } }
        """;
    private const string RecordContribution = """
        mutation($input: RecordPoolContributionInput!) { recordPoolContribution(input: $input) {
          pooledBudget { rowVersion contributions(year: "2014-15") { partnerCode amount } }
          contribution { partnerCode year amount } userErrors { message path code } } }
        """;
    private const string RecordExpenditure = """
        mutation($input: RecordPoolExpenditureInput!) { recordPoolExpenditure(input: $input) {
          pooledBudget { rowVersion } expenditure { year month serviceArea amount } userErrors { message path code } } }
        """;

    private static object SubmitInput(string consortium = "01A", string topic = "Smoking", object[]? indicators = null, string year = "2013-14", int? expectedRowVersion = null) => new
    {
        input = new
        {
            healthAndWellbeingBoardCode = "HWB-E10000001", year, consortiumCode = consortium, topic,
            narrative = "Smoking prevalence among routine and manual workers is twice the county average.",
            indicators = indicators ?? [new { name = "Adults who smoke", numerator = 41_200, denominator = 244_600 }],
            expectedRowVersion,
        },
    };

    [Fact]
    public async Task A_member_consortium_submits_a_new_contribution_that_the_local_authority_then_accepts()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var submitted = (await host.ExecuteAsync(Submit, SubmitInput())).Data("submitJsnaContribution");
        Assert.Empty(submitted.UserErrors());
        var contribution = submitted.GetProperty("contribution");
        Assert.Equal(("SUBMITTED", "01A"), (contribution.Str("status"), contribution.GetProperty("consortium").Str("code")));
        Assert.Equal(41_200, contribution.GetProperty("indicators")[0].GetProperty("numerator").GetInt32());

        var jsna = await host.ExecuteAsync("""{ healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2013-14") { contributions(status: SUBMITTED) { topic } } } }""");
        Assert.Contains("Smoking", jsna.Data("healthAndWellbeingBoard").GetProperty("jsna").GetProperty("contributions").EnumerateArray().Select(c => c.Str("topic")));

        var accepted = (await host.ExecuteAsync(Accept, new { input = new { contributionId = contribution.Str("id"), expectedRowVersion = contribution.GetProperty("rowVersion").GetInt32() } }))
            .Data("acceptJsnaContribution");
        Assert.Empty(accepted.UserErrors());
        Assert.Equal("ACCEPTED", accepted.GetProperty("contribution").Str("status"));
        Assert.Equal(contribution.GetProperty("rowVersion").GetInt32() + 1, accepted.GetProperty("contribution").GetProperty("rowVersion").GetInt32());
    }

    [Fact]
    public async Task Submitting_a_contribution_with_bad_input_returns_user_errors_at_the_input_paths_and_writes_nothing()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var payload = (await host.ExecuteAsync(Submit, SubmitInput(topic: " ", year: "2013-2014", indicators:
        [
            new { name = "Negative", numerator = -1, denominator = 10 },
            new { name = "Too many", numerator = 11, denominator = 10 },
            new { name = "No population", numerator = 0, denominator = 0 },
        ]))).Data("submitJsnaContribution");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("contribution").ValueKind);
        Assert.Equal(
            [("INVALID", "input.year"), ("REQUIRED", "input.topic"), ("INVALID", "input.indicators.0.numerator"),
             ("INVALID", "input.indicators.1.numerator"), ("INVALID", "input.indicators.2.denominator")],
            payload.UserErrors());

        var notMember = (await host.ExecuteAsync(Submit, SubmitInput(consortium: "03C"))).Data("submitJsnaContribution");
        Assert.Equal([("NOT_A_MEMBER", "input.consortiumCode")], notMember.UserErrors());
        var jsna = await host.ExecuteAsync("""{ healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2013-14") { contributions { topic } } } }""");
        Assert.Equal(3, jsna.Data("healthAndWellbeingBoard").GetProperty("jsna").GetProperty("contributions").GetArrayLength());
    }

    [Fact]
    public async Task Submitting_a_draft_needs_the_version_last_read_and_a_stale_one_is_a_conflict()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var draft = (await host.ExecuteAsync("""{ healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2013-14") { contributions(status: DRAFT) { id topic rowVersion } } } }"""))
            .Data("healthAndWellbeingBoard").GetProperty("jsna").GetProperty("contributions")[0];
        var topic = draft.Str("topic");
        var version = draft.GetProperty("rowVersion").GetInt32();
        var indicators = new object[] { new { name = "Emergency admissions for self-harm, aged 15–19", numerator = 58, denominator = 17_020 } };

        Assert.Equal([("REQUIRED", "input.expectedRowVersion")],
            (await host.ExecuteAsync(Submit, SubmitInput("02B", topic, indicators))).Data("submitJsnaContribution").UserErrors());
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")],
            (await host.ExecuteAsync(Submit, SubmitInput("02B", topic, indicators, expectedRowVersion: version - 1))).Data("submitJsnaContribution").UserErrors());

        var submitted = (await host.ExecuteAsync(Submit, SubmitInput("02B", topic, indicators, expectedRowVersion: version))).Data("submitJsnaContribution");
        Assert.Empty(submitted.UserErrors());
        var contribution = submitted.GetProperty("contribution");
        Assert.Equal((draft.Str("id"), "SUBMITTED"), (contribution.Str("id"), contribution.Str("status")));
        // The draft's other indicator was dropped; the one sent was revised.
        Assert.Equal([58], contribution.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("numerator").GetInt32()));

        Assert.Equal([("CONTRIBUTION_NOT_DRAFT", "input.topic")],
            (await host.ExecuteAsync(Submit, SubmitInput("02B", topic, indicators, expectedRowVersion: version + 1))).Data("submitJsnaContribution").UserErrors());
    }

    [Fact]
    public async Task Accepting_needs_a_submitted_contribution_at_the_version_last_read()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var contributions = (await host.ExecuteAsync("""{ healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2013-14") { contributions { id status rowVersion } } } }"""))
            .Data("healthAndWellbeingBoard").GetProperty("jsna").GetProperty("contributions").EnumerateArray().ToList();
        var submitted = contributions.First(c => c.Str("status") == "SUBMITTED");
        var draft = contributions.First(c => c.Str("status") == "DRAFT");
        var version = submitted.GetProperty("rowVersion").GetInt32();

        Assert.Equal([("CONFLICT", "input.expectedRowVersion")],
            (await host.ExecuteAsync(Accept, new { input = new { contributionId = submitted.Str("id"), expectedRowVersion = version + 5 } })).Data("acceptJsnaContribution").UserErrors());
        Assert.Equal([("CONTRIBUTION_NOT_SUBMITTED", "")],
            (await host.ExecuteAsync(Accept, new { input = new { contributionId = draft.Str("id"), expectedRowVersion = draft.GetProperty("rowVersion").GetInt32() } })).Data("acceptJsnaContribution").UserErrors());
        Assert.Equal([("NOT_FOUND", "input.contributionId")],
            (await host.ExecuteAsync(Accept, new { input = new { contributionId = "not-an-id", expectedRowVersion = 1 } })).Data("acceptJsnaContribution").UserErrors());
        var accepted = (await host.ExecuteAsync(Accept, new { input = new { contributionId = submitted.Str("id"), expectedRowVersion = version } })).Data("acceptJsnaContribution");
        Assert.Empty(accepted.UserErrors());
        // The same client retrying with the version it read is now stale.
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")],
            (await host.ExecuteAsync(Accept, new { input = new { contributionId = submitted.Str("id"), expectedRowVersion = version } })).Data("acceptJsnaContribution").UserErrors());
    }

    private static async Task<int> PoolVersionAsync(ModuleGraphHost host) =>
        (await host.ExecuteAsync("""{ pooledBudget(code: "POOL-LD-NV") { rowVersion } }""")).Data("pooledBudget").GetProperty("rowVersion").GetInt32();

    [Fact]
    public async Task The_host_records_a_partner_contribution_and_the_pool_version_moves_on()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var version = await PoolVersionAsync(host);
        var payload = (await host.ExecuteAsync(RecordContribution, new { input = new { pooledBudgetCode = "POOL-LD-NV", partnerCode = "01A", year = "2014-15", amount = "8900000.00", expectedRowVersion = version } }))
            .Data("recordPoolContribution");
        Assert.Empty(payload.UserErrors());
        Assert.Equal("8900000.00", payload.GetProperty("contribution").Str("amount"));
        Assert.Equal(version + 1, payload.GetProperty("pooledBudget").GetProperty("rowVersion").GetInt32());
        Assert.Equal([("01A", "8900000.00")], payload.GetProperty("pooledBudget").GetProperty("contributions").EnumerateArray().Select(c => (c.Str("partnerCode"), c.Str("amount"))));

        // Recording the same partner and year again replaces the figure.
        var revised = (await host.ExecuteAsync(RecordContribution, new { input = new { pooledBudgetCode = "POOL-LD-NV", partnerCode = "01A", year = "2014-15", amount = 9_000_000, expectedRowVersion = version + 1 } }))
            .Data("recordPoolContribution");
        Assert.Equal([("01A", "9000000.00")], revised.GetProperty("pooledBudget").GetProperty("contributions").EnumerateArray().Select(c => (c.Str("partnerCode"), c.Str("amount"))));
    }

    [Fact]
    public async Task Recording_a_pool_contribution_refuses_non_partners_negative_amounts_bad_years_and_stale_versions()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var version = await PoolVersionAsync(host);
        async Task<List<(string, string)>> Errors(string partner, object amount, string year, int expected) =>
            (await host.ExecuteAsync(RecordContribution, new { input = new { pooledBudgetCode = "POOL-LD-NV", partnerCode = partner, year, amount, expectedRowVersion = expected } }))
            .Data("recordPoolContribution").UserErrors();

        Assert.Equal([("NOT_A_PARTNER", "input.partnerCode")], await Errors("03C", "100.00", "2014-15", version));
        Assert.Equal([("INVALID", "input.year"), ("INVALID", "input.amount")], await Errors("01A", "-5.00", "2014/15", version));
        Assert.Equal([("INVALID", "input.amount")], await Errors("01A", "10.005", "2014-15", version));
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")], await Errors("01A", "100.00", "2014-15", version - 1));
        Assert.Equal(version, await PoolVersionAsync(host));
    }

    [Fact]
    public async Task Two_hosts_recording_at_the_same_version_at_once_never_both_succeed()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var version = await PoolVersionAsync(host);
        var writes = await Task.WhenAll(new[] { "01A", "02B" }.Select(partner => host.ExecuteAsync(RecordContribution,
            new { input = new { pooledBudgetCode = "POOL-LD-NV", partnerCode = partner, year = "2015-16", amount = "1.00", expectedRowVersion = version } })));
        var outcomes = writes.Select(w => w.Data("recordPoolContribution").UserErrors()).ToList();
        Assert.Single(outcomes, o => o.Count == 0);
        Assert.Single(outcomes, o => o.SequenceEqual([("CONFLICT", "input.expectedRowVersion")]));
        Assert.Equal(version + 1, await PoolVersionAsync(host));
    }

    [Fact]
    public async Task The_host_records_expenditure_and_bad_months_amounts_and_stale_versions_are_refused()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var version = await PoolVersionAsync(host);
        object Input(int month, string amount, int expected) => new { input = new { pooledBudgetCode = "POOL-LD-NV", year = "2013-14", month, serviceArea = "Respite care", description = "Short breaks", amount, expectedRowVersion = expected } };

        var ok = (await host.ExecuteAsync(RecordExpenditure, Input(7, "120500.50", version))).Data("recordPoolExpenditure");
        Assert.Empty(ok.UserErrors());
        Assert.Equal((7, "120500.50"), (ok.GetProperty("expenditure").GetProperty("month").GetInt32(), ok.GetProperty("expenditure").Str("amount")));
        Assert.Equal(version + 1, ok.GetProperty("pooledBudget").GetProperty("rowVersion").GetInt32());

        Assert.Equal([("INVALID", "input.month"), ("INVALID", "input.amount")],
            (await host.ExecuteAsync(RecordExpenditure, Input(13, "-1", version + 1))).Data("recordPoolExpenditure").UserErrors());
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")],
            (await host.ExecuteAsync(RecordExpenditure, Input(8, "1.00", version))).Data("recordPoolExpenditure").UserErrors());
        var expenditure = (await host.ExecuteAsync("""{ pooledBudget(code: "POOL-LD-NV") { expenditure(year: "2013-14") { month } } }""")).Data("pooledBudget").GetProperty("expenditure");
        Assert.Equal(19, expenditure.GetArrayLength());
    }
}
