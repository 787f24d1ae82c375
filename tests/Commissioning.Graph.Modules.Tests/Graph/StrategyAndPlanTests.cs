using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Modules.Directory.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>
/// Joint health and wellbeing strategies (local-government) and commissioning plans with the boards' responses
/// (commissioning), DOMAIN.md second wave: the demonstration data, the three mutations' user errors (nothing written),
/// optimistic concurrency, and statement counts of deep queries equal at demo scale and ten times it.
/// </summary>
public sealed class StrategyAndPlanTests(ITestOutputHelper output)
{
    private const string Publish = """
        mutation($input: PublishStrategyInput!) { publishStrategy(input: $input) {
          strategy { period publishedOn rowVersion priorities { code title jsnaTopics } } userErrors { message path code } } }
        """;

    private const string Strategies = """
        { healthAndWellbeingBoards { code
            published: strategy(year: "2013-14") { period publishedOn priorities { code title jsnaTopics } }
            next: strategy(year: "2014-15") { publishedOn rowVersion priorities { code } } } }
        """;

    private static object PublishInput(string year, object[]? priorities = null, int? expectedRowVersion = null, string board = "HWB-E10000001") =>
        new { input = new { healthAndWellbeingBoardCode = board, year, priorities, expectedRowVersion } };

    private static object Priority(string code, string title = "A priority", params string[] topics) => new { code, title, jsnaTopics = topics };

    [Fact]
    public async Task Each_board_has_a_published_2013_14_strategy_drawn_from_its_jsna_and_northvale_a_2014_15_draft()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var boards = (await host.ExecuteAsync(Strategies)).Data("healthAndWellbeingBoards").EnumerateArray().ToDictionary(b => b.Str("code"));

        var northvale = boards["HWB-E10000001"];
        Assert.Equal(("2013-14", "2013-01-31"), (northvale.GetProperty("published").Str("period"), northvale.GetProperty("published").Str("publishedOn")));
        Assert.Equal([("NV13-P1", "Diabetes"), ("NV13-P2", "Childhood obesity"), ("NV13-P3", "Self-harm in young people")],
            northvale.GetProperty("published").GetProperty("priorities").EnumerateArray().Select(p => (p.Str("code"), p.GetProperty("jsnaTopics")[0].GetString()!)));
        Assert.Equal(["RS13-P1", "RS13-P2", "RS13-P3"], boards["HWB-E06000002"].GetProperty("published").GetProperty("priorities").EnumerateArray().Select(p => p.Str("code")));
        Assert.Equal(JsonValueKind.Null, northvale.GetProperty("next").GetProperty("publishedOn").ValueKind);
        Assert.Equal(JsonValueKind.Null, boards["HWB-E06000002"].GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Publishing_with_bad_input_returns_user_errors_at_the_input_paths_and_writes_nothing()
    {
        await using var host = await ModuleGraphHost.CreateAsync();

        async Task<List<(string Code, string Path)>> ErrorsOf(object input) => (await host.ExecuteAsync(Publish, input)).Data("publishStrategy").UserErrors();

        Assert.Equal([("INVALID", "input.year")], await ErrorsOf(PublishInput("2015")));
        Assert.Equal([("NOT_FOUND", "input.healthAndWellbeingBoardCode")], await ErrorsOf(PublishInput("2015-16", [Priority("X-1")], board: "HWB-NONE")));
        Assert.Equal([("REQUIRED", "input.priorities")], await ErrorsOf(PublishInput("2015-16")));
        Assert.Equal([("INVALID", "input.priorities.1.code"), ("REQUIRED", "input.priorities.2.title"), ("INVALID", "input.priorities.2.jsnaTopics")],
            await ErrorsOf(PublishInput("2015-16", [Priority("NV15-P1"), Priority("NV15-P1"), Priority("NV15-P3", " ", "Diabetes", "Diabetes")])));
        // A code is a key across every board's strategies.
        Assert.Equal([("DUPLICATE_CODE", "input.priorities.0.code")], await ErrorsOf(PublishInput("2015-16", [Priority("RS13-P1")])));
        // The draft needs the version read; a stale one is a conflict.
        Assert.Equal([("REQUIRED", "input.expectedRowVersion")], await ErrorsOf(PublishInput("2014-15")));
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")], await ErrorsOf(PublishInput("2014-15", expectedRowVersion: 9)));

        var boards = (await host.ExecuteAsync("""{ healthAndWellbeingBoards { code strategy(year: "2015-16") { period } draft: strategy(year: "2014-15") { publishedOn rowVersion } } }""")).Data("healthAndWellbeingBoards");
        Assert.All(boards.EnumerateArray(), b => Assert.Equal(JsonValueKind.Null, b.GetProperty("strategy").ValueKind));
        var draft = boards.EnumerateArray().Single(b => b.Str("code") == "HWB-E10000001").GetProperty("draft");
        Assert.Equal((JsonValueKind.Null, 1), (draft.GetProperty("publishedOn").ValueKind, draft.GetProperty("rowVersion").GetInt32()));
    }

    [Fact]
    public async Task The_council_publishes_its_draft_which_is_then_final_and_its_priorities_reach_the_directory()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var published = (await host.ExecuteAsync(Publish, PublishInput("2014-15", expectedRowVersion: 1))).Data("publishStrategy");
        Assert.Empty(published.UserErrors());
        var strategy = published.GetProperty("strategy");
        Assert.Equal(2, strategy.GetProperty("rowVersion").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, strategy.GetProperty("publishedOn").ValueKind);
        Assert.Equal(["NV14-P1", "NV14-P2"], strategy.GetProperty("priorities").EnumerateArray().Select(p => p.Str("code")));

        // Published is final, whatever version is sent.
        Assert.Equal([("STRATEGY_PUBLISHED", "input.year")], (await host.ExecuteAsync(Publish, PublishInput("2014-15", expectedRowVersion: 2))).Data("publishStrategy").UserErrors());

        // The priorities are the board's for 2014-15 in the directory: what a consortium's 2014-15 plan may address.
        await using var directory = await host.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync();
        var facts = await directory.Relationships.Where(r => r.Kind == RelationshipKind.StrategyPriorityBoard && r.SubjectCode.StartsWith("NV14")).ToListAsync();
        Assert.Equal([("NV14-P1", "HWB-E10000001", "2014-15", "2014-15"), ("NV14-P2", "HWB-E10000001", "2014-15", "2014-15")],
            facts.OrderBy(f => f.SubjectCode).Select(f => (f.SubjectCode, f.PartyCode, f.FromYear, f.ToYear)));
    }

    [Fact]
    public async Task A_new_strategy_is_published_with_its_priorities_in_order()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var published = (await host.ExecuteAsync(Publish, PublishInput("2014-15", [Priority("RS14-P1", "Fewer falls", "Frailty and falls"), Priority("RS14-P2", "Less harm from alcohol", "Alcohol")], board: "HWB-E06000002")))
            .Data("publishStrategy");
        Assert.Empty(published.UserErrors());
        Assert.Equal([("RS14-P1", "Fewer falls"), ("RS14-P2", "Less harm from alcohol")],
            published.GetProperty("strategy").GetProperty("priorities").EnumerateArray().Select(p => (p.Str("code"), p.Str("title"))));
        Assert.Equal(1, published.GetProperty("strategy").GetProperty("rowVersion").GetInt32());
    }

    // ---------------------------------------------------------------- plans (the commissioning module)

    private const string Plans = """
        query($code: ID!) { consortium(code: $code) { commissioningPlans { id year status sharedOn publishedOn rowVersion
          strategyPriorities { code } hwbResponses { board { code } view statement receivedOn } } } }
        """;

    private const string Share = """
        mutation($input: ShareDraftCommissioningPlanInput!) { shareDraftCommissioningPlan(input: $input) {
          plan { year status rowVersion strategyPriorities { code } hwbResponses { view } } userErrors { message path code } } }
        """;

    private const string Respond = """
        mutation($input: RespondToCommissioningPlanInput!) { respondToCommissioningPlan(input: $input) {
          plan { status rowVersion hwbResponses { board { code } view statement } } userErrors { message path code } } }
        """;

    private static Dictionary<string, object?> ShareInput(string consortium, string year, string[] codes, int? expectedRowVersion, string title = "Commissioning plan (draft)") =>
        new() { ["input"] = new Dictionary<string, object?>
        {
            ["consortiumCode"] = consortium, ["year"] = year, ["title"] = title, ["strategyPriorityCodes"] = codes.Cast<object?>().ToList(),
            ["expectedRowVersion"] = expectedRowVersion,
        } };

    private static Dictionary<string, object?> RespondInput(string planId, string board, int expectedRowVersion, string view = "SUPPORTS", string statement = "The plan takes proper account of the strategy.") =>
        new() { ["input"] = new Dictionary<string, object?>
        {
            ["planId"] = planId, ["healthAndWellbeingBoardCode"] = board, ["view"] = view, ["statement"] = statement, ["expectedRowVersion"] = expectedRowVersion,
        } };

    private static async Task<JsonElement> PlanAsync(CommissioningGraphHost host, string consortium, string year) =>
        (await host.DataAsync(Plans, new Dictionary<string, object?> { ["code"] = consortium })).GetProperty("consortium").GetProperty("commissioningPlans")
            .EnumerateArray().Single(p => p.Str("year") == year);

    [Fact]
    public async Task The_three_consortia_plans_were_shared_with_and_answered_by_every_board_they_sit_on_then_published()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        var expected = new Dictionary<string, (string[] Priorities, (string Board, string View)[] Responses)>
        {
            ["01A"] = (["NV13-P1", "NV13-P3"], [("HWB-E10000001", "SUPPORTS")]),
            ["02B"] = (["NV13-P2", "RS13-P3"], [("HWB-E06000002", "SUPPORTS"), ("HWB-E10000001", "SUPPORTS_WITH_COMMENTS")]),
            ["03C"] = (["RS13-P1"], [("HWB-E06000002", "SUPPORTS_WITH_COMMENTS")]),
        };
        foreach (var (code, (priorities, responses)) in expected)
        {
            var plan = await PlanAsync(host, code, "2013-14");
            Assert.Equal(("PUBLISHED", "2013-02-11", "2013-03-28"), (plan.Str("status"), plan.Str("sharedOn"), plan.Str("publishedOn")));
            Assert.Equal(priorities, plan.GetProperty("strategyPriorities").EnumerateArray().Select(p => p.Str("code")));
            Assert.Equal(responses, plan.GetProperty("hwbResponses").EnumerateArray().Select(r => (r.GetProperty("board").Str("code"), r.Str("view"))));
            // Each board answered before the plan was published.
            Assert.All(plan.GetProperty("hwbResponses").EnumerateArray(), r => Assert.True(string.CompareOrdinal(r.Str("receivedOn"), "2013-03-28") < 0));
        }
        Assert.Equal(("SHARED_WITH_HWB", 0), ((await PlanAsync(host, "01A", "2014-15")).Str("status"), (await PlanAsync(host, "01A", "2014-15")).GetProperty("hwbResponses").GetArrayLength()));
        Assert.Equal("DRAFT", (await PlanAsync(host, "02B", "2014-15")).Str("status"));
    }

    [Fact]
    public async Task Sharing_with_bad_input_returns_user_errors_at_the_input_paths_and_writes_nothing()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        async Task<List<(string Code, string Path)>> ErrorsOf(Dictionary<string, object?> input) =>
            (await host.ExecuteAsync(Share, input)).Data("shareDraftCommissioningPlan").UserErrors();

        Assert.Equal([("INVALID", "input.year")], await ErrorsOf(ShareInput("02B", "2014", [], 1)));
        Assert.Equal([("REQUIRED", "input.title")], await ErrorsOf(ShareInput("02B", "2014-15", [], 1, title: "  ")));
        Assert.Equal([("INVALID", "input.strategyPriorityCodes.1")], await ErrorsOf(ShareInput("02B", "2014-15", ["NV13-P2", "NV13-P2"], 1)));
        // A priority of another year's strategy, of a board 02B does not sit on, or of none at all.
        Assert.Equal([("UNKNOWN_PRIORITY", "input.strategyPriorityCodes.0"), ("UNKNOWN_PRIORITY", "input.strategyPriorityCodes.1"), ("UNKNOWN_PRIORITY", "input.strategyPriorityCodes.2")],
            await ErrorsOf(ShareInput("02B", "2014-15", ["NV13-P2", "NV14-P1", "XX-P9"], 1)));
        Assert.Equal([("NOT_A_MEMBER", "input.consortiumCode")], await ErrorsOf(ShareInput("ZZZ", "2014-15", [], null)));
        Assert.Equal([("REQUIRED", "input.expectedRowVersion")], await ErrorsOf(ShareInput("02B", "2014-15", [], null)));
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")], await ErrorsOf(ShareInput("02B", "2014-15", [], 5)));
        Assert.Equal([("PLAN_PUBLISHED", "input.year")], await ErrorsOf(ShareInput("01A", "2013-14", ["NV13-P1"], (await PlanAsync(host, "01A", "2013-14")).GetProperty("rowVersion").GetInt32())));

        var draft = await PlanAsync(host, "02B", "2014-15");
        Assert.Equal(("DRAFT", 1, 0), (draft.Str("status"), draft.GetProperty("rowVersion").GetInt32(), draft.GetProperty("strategyPriorities").GetArrayLength()));
        Assert.Equal("PUBLISHED", (await PlanAsync(host, "01A", "2013-14")).Str("status"));
    }

    [Fact]
    public async Task A_shared_draft_is_answered_by_each_of_its_boards_once_and_sharing_again_clears_the_answers()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        // Before it is shared, no board answers 02B's draft.
        var draft = await PlanAsync(host, "02B", "2014-15");
        Assert.Equal([("PLAN_NOT_SHARED", "input.planId")],
            (await host.ExecuteAsync(Respond, RespondInput(draft.Str("id"), "HWB-E10000001", 1))).Data("respondToCommissioningPlan").UserErrors());

        var shared = (await host.ExecuteAsync(Share, ShareInput("02B", "2014-15", [], 1))).Data("shareDraftCommissioningPlan");
        Assert.Empty(shared.UserErrors());
        Assert.Equal(("SHARED_WITH_HWB", 2), (shared.GetProperty("plan").Str("status"), shared.GetProperty("plan").GetProperty("rowVersion").GetInt32()));

        // Each board answers at the version it read; the second with the first's version is a conflict, then succeeds.
        var first = (await host.ExecuteAsync(Respond, RespondInput(draft.Str("id"), "HWB-E10000001", 2, "SUPPORTS_WITH_COMMENTS", "Say which wards."))).Data("respondToCommissioningPlan");
        Assert.Empty(first.UserErrors());
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")],
            (await host.ExecuteAsync(Respond, RespondInput(draft.Str("id"), "HWB-E06000002", 2))).Data("respondToCommissioningPlan").UserErrors());
        var second = (await host.ExecuteAsync(Respond, RespondInput(draft.Str("id"), "HWB-E06000002", 3, "DOES_NOT_SUPPORT", "No COPD case-finding."))).Data("respondToCommissioningPlan");
        Assert.Empty(second.UserErrors());
        // A board's new opinion replaces its last.
        var again = (await host.ExecuteAsync(Respond, RespondInput(draft.Str("id"), "HWB-E06000002", 4, "SUPPORTS", "Case-finding added."))).Data("respondToCommissioningPlan");
        Assert.Empty(again.UserErrors());
        Assert.Equal([("HWB-E06000002", "SUPPORTS", "Case-finding added."), ("HWB-E10000001", "SUPPORTS_WITH_COMMENTS", "Say which wards.")],
            again.GetProperty("plan").GetProperty("hwbResponses").EnumerateArray().Select(r => (r.GetProperty("board").Str("code"), r.Str("view"), r.Str("statement"))));
        Assert.Equal(5, again.GetProperty("plan").GetProperty("rowVersion").GetInt32());

        // Sharing a revised draft: the boards answer again.
        var revised = (await host.ExecuteAsync(Share, ShareInput("02B", "2014-15", [], 5, title: "Revised draft"))).Data("shareDraftCommissioningPlan");
        Assert.Empty(revised.UserErrors());
        Assert.Equal(0, revised.GetProperty("plan").GetProperty("hwbResponses").GetArrayLength());
    }

    [Fact]
    public async Task A_response_with_bad_input_or_for_a_board_the_consortium_does_not_sit_on_is_refused_and_nothing_written()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        var plan = await PlanAsync(host, "01A", "2014-15");
        async Task<List<(string Code, string Path)>> ErrorsOf(Dictionary<string, object?> input) =>
            (await host.ExecuteAsync(Respond, input)).Data("respondToCommissioningPlan").UserErrors();

        Assert.Equal([("NOT_FOUND", "input.planId"), ("REQUIRED", "input.statement")], await ErrorsOf(RespondInput("not-a-plan", "HWB-E10000001", 1, statement: " ")));
        // 01A sits on Northvale's board only: its plan was not shared with Riverside's.
        Assert.Equal([("NOT_A_MEMBER", "input.healthAndWellbeingBoardCode")], await ErrorsOf(RespondInput(plan.Str("id"), "HWB-E06000002", 1)));
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")], await ErrorsOf(RespondInput(plan.Str("id"), "HWB-E10000001", 7)));
        // A published plan is not answered any more.
        var published = await PlanAsync(host, "01A", "2013-14");
        Assert.Equal([("PLAN_NOT_SHARED", "input.planId")], await ErrorsOf(RespondInput(published.Str("id"), "HWB-E10000001", published.GetProperty("rowVersion").GetInt32())));

        var after = await PlanAsync(host, "01A", "2014-15");
        Assert.Equal((1, 0), (after.GetProperty("rowVersion").GetInt32(), after.GetProperty("hwbResponses").GetArrayLength()));
    }

    [Fact]
    public async Task A_consortium_shares_a_new_plan_addressing_its_boards_priorities()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        var shared = (await host.ExecuteAsync(Share, ShareInput("03C", "2013-14", ["RS13-P2"], null))).Data("shareDraftCommissioningPlan");
        // 03C's 2013-14 plan exists (published): a new plan is for a year without one.
        Assert.Equal([("REQUIRED", "input.expectedRowVersion")], shared.UserErrors());

        await using (var db = host.Database.Commissioning())
        {
            db.CommissioningPlans.RemoveRange(db.CommissioningPlans.Where(p => p.ConsortiumCode == "03C"));
            await db.SaveChangesAsync();
        }
        var created = (await host.ExecuteAsync(Share, ShareInput("03C", "2013-14", ["RS13-P2", "RS13-P1"], null))).Data("shareDraftCommissioningPlan");
        Assert.Empty(created.UserErrors());
        Assert.Equal(("SHARED_WITH_HWB", 1), (created.GetProperty("plan").Str("status"), created.GetProperty("plan").GetProperty("rowVersion").GetInt32()));
        Assert.Equal(["RS13-P2", "RS13-P1"], created.GetProperty("plan").GetProperty("strategyPriorities").EnumerateArray().Select(p => p.Str("code")));
    }

    // ---------------------------------------------------------------- statement counts

    // Every consortium's plans with the boards' responses and the priorities they address, read as the NHS CB for commissioning
    // (so that the plans' rule is a SQL predicate): the consortia grow with the scale, the statements do not.
    private const string DeepPlans = """
        { consortia(first: 100) { nodes { code commissioningPlans { year status strategyPriorities { code } hwbResponses { board { code } view statement } } } } }
        """;

    [Fact]
    public async Task A_deep_query_over_plans_and_responses_issues_the_same_number_of_statements_at_demo_scale_and_ten_times_it()
    {
        var counts = new List<int>();
        foreach (var scale in new[] { 1, 10 })
        {
            await using var host = await CommissioningGraphHost.StartAsync(scale);
            host.Subject = new AuthorizationSubject("X24", new HashSet<string>(), "COMMISSIONING", true);
            var before = host.StatementCount;
            var consortia = (await host.DataAsync(DeepPlans)).GetProperty("consortia").GetProperty("nodes").EnumerateArray().ToList();
            counts.Add(host.StatementCount - before);
            Assert.Equal(3 * scale, consortia.Count);
            // Four 2013-14 responses (01A 1, 02B 2, 03C 1), on the three demo consortia's plans only.
            Assert.Equal(4, consortia.Sum(c => c.GetProperty("commissioningPlans").EnumerateArray().Sum(p => p.GetProperty("hwbResponses").GetArrayLength())));
            Assert.Equal(3 * scale + 2, consortia.Sum(c => c.GetProperty("commissioningPlans").GetArrayLength()));
            output.WriteLine(string.Join("\n", host.StatementTexts.Skip(before)));
        }
        output.WriteLine($"Deep query over plans and responses: {counts[0]} SQL statements at scale 1, {counts[1]} at scale 10.");
        // The consortia's page; the caller's directory facts (the plans' rule as SQL); the plans; their responses — the first
        // consortium's plans and responses in a batch of their own (its resolver resumes first after the directory look-up and
        // dispatches its level alone, as the arrangement statements' lists do), the others' in one: 6, whatever the scale.
        Assert.Equal(counts[0], counts[1]);
        Assert.InRange(counts[0], 4, 6);
    }

    private const string DeepStrategies = """
        { healthAndWellbeingBoards { code localAuthority { code }
            strategy(year: "2013-14") { period publishedOn board { code } priorities { code title jsnaTopics } }
            jsna(year: "2013-14") { contributions { topic consortium { code healthAndWellbeingBoards { code strategy(year: "2013-14") { priorities { code } } } } } } } }
        """;

    [Fact]
    public async Task A_deep_query_over_strategies_issues_the_same_number_of_statements_at_demo_scale_and_ten_times_it()
    {
        var counts = new List<int>();
        foreach (var scale in new[] { 1, 10 })
        {
            await using var host = await ModuleGraphHost.CreateAsync(scale);
            host.ResetStatements();
            var response = await host.ExecuteAsync(DeepStrategies);
            response.AssertNoErrors();
            counts.Add(host.Statements);
            var boards = response.Data("healthAndWellbeingBoards").EnumerateArray().ToList();
            Assert.All(boards, b => Assert.Equal(3, b.GetProperty("strategy").GetProperty("priorities").GetArrayLength()));
            output.WriteLine(string.Join("\n", host.StatementTexts));
        }
        output.WriteLine($"Deep query over strategies: {counts[0]} SQL statements at scale 1, {counts[1]} at scale 10.");
        Assert.Equal(counts[0], counts[1]);
    }
}
