using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// Joint health and wellbeing strategies and commissioning plans over HTTP with real tokens (DOMAIN.md second wave):
/// published ones are public — read without a purpose —, drafts only by their author, the board's partners and the NHS
/// CB, disclosed for JSNA (strategies) or COMMISSIONING (plans and the boards' responses); only the board's local
/// authority publishes a strategy or answers a plan, only the consortium shares its plan, each decided on the input before
/// anything is written. The writes here touch data no other test reads: Riverside's 2015-16 strategy, 02B's 2014-15 plan
/// (a draft either way) and the Northvale board's response to 01A's 2014-15 plan.
/// </summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class StrategyAndPlanAuthorizationTests(AuthorizedGraphFixture graph)
{
    private const string Strategy = """
        query($year: String!) { healthAndWellbeingBoard(code: "HWB-E10000001") { code strategy(year: $year) { period publishedOn priorities { code title jsnaTopics } rowVersion } } }
        """;

    private const string PlansOf01A = """
        { consortium(code: "01A") { code commissioningPlans { id year status rowVersion strategyPriorities { code title } hwbResponses { board { code } view statement } } } }
        """;

    private static string? ReasonOf(JsonElement error) => error.GetProperty("extensions").GetProperty("reason").GetString();

    [Theory]
    [InlineData("RNV")]
    [InlineData("A01001")]
    [InlineData("E06000002")]
    [InlineData("X24")]
    public async Task A_published_strategy_is_read_by_anyone_without_a_purpose(string caller)
    {
        var response = await graph.PostAsync(caller, Strategy, new { year = "2013-14" }, purpose: null);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal("2013-01-31", response.At("healthAndWellbeingBoard.strategy.publishedOn").GetString());
        Assert.Equal(["NV13-P1", "NV13-P2", "NV13-P3"], response.At("healthAndWellbeingBoard.strategy.priorities").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal("Diabetes", response.At("healthAndWellbeingBoard.strategy.priorities.0.jsnaTopics.0").GetString());
    }

    [Fact]
    public async Task A_draft_strategy_is_the_councils_own_and_a_partner_reads_it_only_for_the_jsna()
    {
        var own = await graph.PostAsync("E10000001", Strategy, new { year = "2014-15" }, purpose: null);
        var noPurpose = await graph.PostAsync("01A", Strategy, new { year = "2014-15" }, purpose: null);
        var wrongPurpose = await graph.PostAsync("01A", Strategy, new { year = "2014-15" }, purpose: PurposeOfUse.Commissioning);
        var jsna = await graph.PostAsync("01A", Strategy, new { year = "2014-15" }, purpose: PurposeOfUse.Jsna);

        Assert.True(own.Errors.Count == 0, own.ToString());
        Assert.Equal(JsonValueKind.Null, own.At("healthAndWellbeingBoard.strategy.publishedOn").ValueKind);
        Assert.Equal(DenialReasons.PurposeRequired, ReasonOf(Assert.Single(noPurpose.Errors)));
        var notPermitted = Assert.Single(wrongPurpose.Errors);
        Assert.Equal((DenialReasons.PurposeNotPermitted, "HealthAndWellbeingBoard.strategy"),
            (ReasonOf(notPermitted), notPermitted.GetProperty("extensions").GetProperty("coordinate").GetString()));
        Assert.Contains("JSNA", notPermitted.GetProperty("extensions").GetProperty("purposes").EnumerateArray().Select(p => p.GetString()));
        Assert.True(jsna.Errors.Count == 0, jsna.ToString());
        Assert.Equal(["NV14-P1", "NV14-P2"], jsna.At("healthAndWellbeingBoard.strategy.priorities").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("03C")]         // sits on Riverside's board only
    [InlineData("E06000002")]   // another board's council
    [InlineData("RNV")]
    [InlineData("A01001")]
    public async Task A_draft_strategy_is_refused_to_anyone_who_is_not_a_partner_of_the_board(string caller)
    {
        var response = await graph.PostAsync(caller, Strategy, new { year = "2014-15" }, purpose: PurposeOfUse.Jsna);

        Assert.Equal(JsonValueKind.Null, response.At("healthAndWellbeingBoard.strategy").ValueKind);
        Assert.Equal("HWB-E10000001", response.At("healthAndWellbeingBoard.code").GetString());
        var error = Assert.Single(response.Errors);
        Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(error), ReasonOf(error)));
        Assert.Equal("Not authorised to read HealthAndWellbeingBoard.strategy.", error.GetProperty("message").GetString());
        Assert.Equal([["published"], ["self"], ["hwbPartner"], ["nhscb"]],
            error.GetProperty("extensions").GetProperty("policies").EnumerateArray().Select(a => a.EnumerateArray().Select(p => p.GetString()).ToArray()));
    }

    [Fact]
    public async Task A_council_reads_a_consortiums_shared_draft_and_its_response_for_commissioning_and_without_a_purpose_only_the_published_plan()
    {
        var withPurpose = await graph.PostAsync("E10000001", PlansOf01A, purpose: PurposeOfUse.Commissioning);
        var withoutPurpose = await graph.PostAsync("E10000001", PlansOf01A, purpose: null);
        var wrongPurpose = await graph.PostAsync("E10000001", PlansOf01A, purpose: PurposeOfUse.Jsna);

        Assert.True(withPurpose.Errors.Count == 0, withPurpose.ToString());
        var plans = withPurpose.At("consortium.commissioningPlans").EnumerateArray().ToList();
        Assert.Equal([("2014-15", "SHARED_WITH_HWB"), ("2013-14", "PUBLISHED")], plans.Select(p => (p.GetProperty("year").GetString(), p.GetProperty("status").GetString())));
        var response = plans[1].GetProperty("hwbResponses").EnumerateArray().Single();
        Assert.Equal(("HWB-E10000001", "SUPPORTS"), (response.GetProperty("board").GetProperty("code").GetString(), response.GetProperty("view").GetString()));
        Assert.Equal(["NV13-P1", "NV13-P3"], plans[1].GetProperty("strategyPriorities").EnumerateArray().Select(p => p.GetProperty("code").GetString()));

        // Without a purpose another body's draft could not be read: the list is the published plan, and no error.
        Assert.True(withoutPurpose.Errors.Count == 0, withoutPurpose.ToString());
        Assert.Equal(["PUBLISHED"], withoutPurpose.At("consortium.commissioningPlans").EnumerateArray().Select(p => p.GetProperty("status").GetString()));
        // A purpose that does not cover plans is refused, naming the one that does.
        Assert.NotEmpty(wrongPurpose.Errors);
        Assert.All(wrongPurpose.Errors, e => Assert.Equal(DenialReasons.PurposeNotPermitted, ReasonOf(e)));
        Assert.Contains("COMMISSIONING", wrongPurpose.Errors[0].GetProperty("extensions").GetProperty("purposes").EnumerateArray().Select(p => p.GetString()));
    }

    [Theory]
    [InlineData("01A", true)]       // its own plans: no purpose needed
    [InlineData("03C", false)]      // not on Northvale's board: the published plan only
    [InlineData("E06000002", false)]
    [InlineData("RNV", false)]
    public async Task A_consortiums_drafts_are_listed_for_itself_and_its_boards_partners_only(string caller, bool seesDraft)
    {
        var response = await graph.PostAsync(caller, PlansOf01A, purpose: caller == "01A" ? null : PurposeOfUse.Commissioning);

        Assert.True(response.Errors.Count == 0, response.ToString());
        var statuses = response.At("consortium.commissioningPlans").EnumerateArray().Select(p => p.GetProperty("status").GetString()).ToList();
        Assert.Equal(seesDraft, statuses.Contains("SHARED_WITH_HWB"));
        Assert.Contains("PUBLISHED", statuses);
    }

    private const string Publish = """
        mutation($input: PublishStrategyInput!) { publishStrategy(input: $input) { strategy { period publishedOn priorities { code } } userErrors { code path } } }
        """;

    private static object RiversideStrategy(string board = "HWB-E06000002") => new
    {
        input = new { healthAndWellbeingBoardCode = board, year = "2015-16", priorities = new[] { new { code = "RS15-P1", title = "Keep frail people well at home", jsnaTopics = new[] { "Frailty and falls" } } } },
    };

    [Theory]
    [InlineData("E10000001")]   // another board's council
    [InlineData("03C")]         // a member of the board, not its local authority
    [InlineData("X24")]
    public async Task No_one_but_the_boards_council_publishes_its_strategy(string caller)
    {
        var response = await graph.PostAsync(caller, Publish, RiversideStrategy(), purpose: null, scopes: ["strategy:publish"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(error), ReasonOf(error)));
        Assert.Equal("Not authorised to perform Mutation.publishStrategy.", error.GetProperty("message").GetString());
        var read = await graph.PostAsync("E06000002", """{ healthAndWellbeingBoard(code: "HWB-E06000002") { strategy(year: "2016-17") { period } } }""", purpose: null);
        Assert.Equal(JsonValueKind.Null, read.At("healthAndWellbeingBoard.strategy").ValueKind);
    }

    [Fact]
    public async Task The_council_publishes_its_boards_strategy_with_the_scope_and_is_told_which_scope_it_lacks_without_it()
    {
        var noScope = await graph.PostAsync("E06000002", Publish, RiversideStrategy(), purpose: null, scopes: ["jsna:accept"]);
        Assert.Equal(DenialReasons.MissingScope, ReasonOf(Assert.Single(noScope.Errors)));
        Assert.Contains("strategy:publish", noScope.Errors[0].GetProperty("message").GetString());

        var published = await graph.PostAsync("E06000002", Publish, RiversideStrategy(), purpose: null, scopes: ["strategy:publish"]);
        Assert.True(published.Errors.Count == 0, published.ToString());
        Assert.Empty(published.At("publishStrategy.userErrors").EnumerateArray());
        Assert.Equal(("2015-16", "RS15-P1"), (published.At("publishStrategy.strategy.period").GetString(), published.At("publishStrategy.strategy.priorities.0.code").GetString()));

        // Published: anyone reads it, without a purpose.
        var read = await graph.PostAsync("NQ1", """{ healthAndWellbeingBoard(code: "HWB-E06000002") { strategy(year: "2015-16") { priorities { title } } } }""", purpose: null);
        Assert.True(read.Errors.Count == 0, read.ToString());
        Assert.Equal("Keep frail people well at home", read.At("healthAndWellbeingBoard.strategy.priorities.0.title").GetString());
    }

    private const string Respond = """
        mutation($input: RespondToCommissioningPlanInput!) { respondToCommissioningPlan(input: $input) {
          plan { status rowVersion hwbResponses { board { code } view statement } } userErrors { code path } } }
        """;

    private async Task<JsonElement> DraftOf01AAsync()
    {
        var plans = await graph.PostAsync("01A", PlansOf01A, purpose: null);
        Assert.True(plans.Errors.Count == 0, plans.ToString());
        return plans.At("consortium.commissioningPlans").EnumerateArray().Single(p => p.GetProperty("year").GetString() == "2014-15");
    }

    [Theory]
    [InlineData("E06000002")]   // not that board's council
    [InlineData("01A")]         // the plan's own consortium
    [InlineData("02B")]         // a member of the board
    [InlineData("X24")]
    public async Task No_one_but_the_boards_council_answers_a_plan_for_the_board(string caller)
    {
        var before = await DraftOf01AAsync();
        var response = await graph.PostAsync(caller, Respond, new
        {
            input = new { planId = before.GetProperty("id").GetString(), healthAndWellbeingBoardCode = "HWB-E10000001", view = "DOES_NOT_SUPPORT", statement = "No.", expectedRowVersion = before.GetProperty("rowVersion").GetInt32() },
        }, purpose: PurposeOfUse.Commissioning, scopes: ["plans:respond"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(error), ReasonOf(error)));
        Assert.Equal("Not authorised to perform Mutation.respondToCommissioningPlan.", error.GetProperty("message").GetString());
        Assert.Equal(before.GetProperty("rowVersion").GetInt32(), (await DraftOf01AAsync()).GetProperty("rowVersion").GetInt32());
    }

    [Fact]
    public async Task The_boards_council_answers_a_shared_plan_and_the_consortium_reads_the_answer_as_its_own()
    {
        var before = await DraftOf01AAsync();
        var input = new
        {
            planId = before.GetProperty("id").GetString(), healthAndWellbeingBoardCode = "HWB-E10000001", view = "SUPPORTS_WITH_COMMENTS",
            statement = "Name the care homes where admissions are highest.", expectedRowVersion = before.GetProperty("rowVersion").GetInt32(),
        };
        var noScope = await graph.PostAsync("E10000001", Respond, new { input }, purpose: PurposeOfUse.Commissioning, scopes: ["strategy:publish"]);
        Assert.Equal(DenialReasons.MissingScope, ReasonOf(Assert.Single(noScope.Errors)));

        var answered = await graph.PostAsync("E10000001", Respond, new { input }, purpose: PurposeOfUse.Commissioning, scopes: ["plans:respond"]);
        Assert.True(answered.Errors.Count == 0, answered.ToString());
        Assert.Empty(answered.At("respondToCommissioningPlan.userErrors").EnumerateArray());
        Assert.Equal(before.GetProperty("rowVersion").GetInt32() + 1, answered.At("respondToCommissioningPlan.plan.rowVersion").GetInt32());

        // The consortium reads the board's answer to its own plan without a purpose.
        var after = await DraftOf01AAsync();
        var response = after.GetProperty("hwbResponses").EnumerateArray().Single();
        Assert.Equal(("HWB-E10000001", "SUPPORTS_WITH_COMMENTS", "Name the care homes where admissions are highest."),
            (response.GetProperty("board").GetProperty("code").GetString(), response.GetProperty("view").GetString(), response.GetProperty("statement").GetString()));
    }

    private const string Share = """
        mutation($input: ShareDraftCommissioningPlanInput!) { shareDraftCommissioningPlan(input: $input) { plan { year status strategyPriorities { code } rowVersion } userErrors { code path } } }
        """;

    private async Task<int> VersionOf02BDraftAsync()
    {
        var plans = await graph.PostAsync("02B", """{ consortium(code: "02B") { commissioningPlans(year: "2014-15") { rowVersion } } }""", purpose: null);
        Assert.True(plans.Errors.Count == 0, plans.ToString());
        return plans.At("consortium.commissioningPlans.0.rowVersion").GetInt32();
    }

    private static object ShareOf02B(int version) => new
    {
        input = new { consortiumCode = "02B", year = "2014-15", title = "Northvale South: commissioning plan 2014-15 (draft)", strategyPriorityCodes = Array.Empty<string>(), expectedRowVersion = version },
    };

    [Theory]
    [InlineData("01A")]         // another consortium
    [InlineData("E10000001")]   // a board's council
    [InlineData("X24")]
    public async Task No_one_but_the_consortium_shares_its_plan(string caller)
    {
        var version = await VersionOf02BDraftAsync();
        var response = await graph.PostAsync(caller, Share, ShareOf02B(version), purpose: PurposeOfUse.Commissioning, scopes: ["plans:share"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(error), ReasonOf(error)));
        Assert.Equal("Not authorised to perform Mutation.shareDraftCommissioningPlan.", error.GetProperty("message").GetString());
        Assert.Equal(version, await VersionOf02BDraftAsync());
    }

    [Fact]
    public async Task The_consortium_shares_its_draft_with_the_scope()
    {
        var version = await VersionOf02BDraftAsync();
        var noScope = await graph.PostAsync("02B", Share, ShareOf02B(version), purpose: null, scopes: ["returns:submit"]);
        Assert.Equal(DenialReasons.MissingScope, ReasonOf(Assert.Single(noScope.Errors)));
        Assert.Contains("plans:share", noScope.Errors[0].GetProperty("message").GetString());

        var shared = await graph.PostAsync("02B", Share, ShareOf02B(version), purpose: null, scopes: ["plans:share"]);
        Assert.True(shared.Errors.Count == 0, shared.ToString());
        Assert.Equal(("SHARED_WITH_HWB", version + 1), (shared.At("shareDraftCommissioningPlan.plan.status").GetString(), shared.At("shareDraftCommissioningPlan.plan.rowVersion").GetInt32()));
    }

    private async Task<List<JsonElement>> RecordsOfAsync(string operationName)
    {
        var register = await graph.PostAsync("X24", """
            query($owner: ID) { disclosures(owningOrganisation: $owner, first: 500) { nodes { operationName owningOrganisation purposeOfUse disclosed { coordinate records } } } }
            """, new { owner = (string?)null }, purpose: null);
        Assert.True(register.Errors.Count == 0, register.ToString());
        return register.At("disclosures.nodes").EnumerateArray().Where(n => n.GetProperty("operationName").GetString() == operationName).ToList();
    }

    [Fact]
    public async Task Reading_published_plans_and_strategies_records_nothing_and_a_shared_draft_is_recorded_against_its_consortium()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var published = await graph.PostAsync("RNV", $$"""
            query Published_{{suffix}} { consortium(code: "02B") { commissioningPlans(year: "2013-14") { title hwbResponses { view } } }
              healthAndWellbeingBoard(code: "HWB-E06000002") { strategy(year: "2013-14") { priorities { title } } } }
            """, purpose: null);
        var draft = await graph.PostAsync("E10000001", $$"""query Draft_{{suffix}} { consortium(code: "01A") { commissioningPlans(year: "2014-15") { title status } } }""",
            purpose: PurposeOfUse.Commissioning);

        Assert.True(published.Errors.Count == 0, published.ToString());
        Assert.True(draft.Errors.Count == 0, draft.ToString());
        Assert.Empty(await RecordsOfAsync($"Published_{suffix}"));
        var record = Assert.Single(await RecordsOfAsync($"Draft_{suffix}"));
        Assert.Equal(("01A", "COMMISSIONING"), (record.GetProperty("owningOrganisation").GetString(), record.GetProperty("purposeOfUse").GetString()));
        Assert.Equal(["CommissioningPlan.status", "CommissioningPlan.title"],
            record.GetProperty("disclosed").EnumerateArray().Select(d => d.GetProperty("coordinate").GetString()).Order());
    }

    [Fact]
    public async Task A_malformed_year_is_bad_user_input()
    {
        var response = await graph.PostAsync("E10000001", Strategy, new { year = "2014" }, purpose: null);

        var error = Assert.Single(response.Errors);
        Assert.Equal("BAD_USER_INPUT", GraphResponse.CodeOf(error));
        Assert.Equal(JsonValueKind.Null, response.At("healthAndWellbeingBoard.strategy").ValueKind);
    }
}
