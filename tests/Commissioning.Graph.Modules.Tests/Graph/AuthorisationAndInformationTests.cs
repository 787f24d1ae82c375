using System.Text.Json;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>
/// Authorisation, intervention, information (DOMAIN.md second wave) in the nhs-cb module: each consortium's authorisation
/// decision and its conditions, interventions' grounds and transfers, the NHS CB's requests for information and their
/// answers; <c>recordAuthorisationDecision</c>, <c>recordIntervention</c>, <c>requestInformation</c>,
/// <c>respondToInformationRequest</c> (user errors, versions, one transaction). Policies are the host tests'.
/// </summary>
public sealed class AuthorisationAndInformationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Deep = """
        { allocations(year: "2013-14") { consortium { code
            authorisation { decidedOn status functionsRetainedByNhsCb rowVersion conditions { function description liftedOn } }
            informationRequests { id question requestedOn dueOn response respondedOn rowVersion consortium { code } }
            interventions { kind ground reason transferredTo { code } } } } }
        """;

    private static Dictionary<string, JsonElement> Consortia(JsonElement response) =>
        response.Data("allocations").EnumerateArray().Select(a => a.GetProperty("consortium")).ToDictionary(c => c.Str("code"));

    [Fact]
    public async Task Every_demo_consortium_has_an_authorisation_decision_03C_a_standing_condition_an_unanswered_request_and_a_grounded_intervention()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var response = await host.ExecuteAsync(Deep);
        response.AssertNoErrors();
        var consortia = Consortia(response);

        Assert.Equal(["01A", "02B", "03C"], consortia.Keys.Order());
        // 01A is authorised outright: no conditions, nothing retained.
        var of01A = consortia["01A"].GetProperty("authorisation");
        Assert.Equal(("AUTHORISED", "2013-02-01", 0, 0), (of01A.Str("status"), of01A.Str("decidedOn"),
            of01A.GetProperty("conditions").GetArrayLength(), of01A.GetProperty("functionsRetainedByNhsCb").GetArrayLength()));
        // 03C: authorised with one standing condition (financial recovery) and one function the NHS CB keeps.
        var of03C = consortia["03C"].GetProperty("authorisation");
        Assert.Equal("AUTHORISED_WITH_CONDITIONS", of03C.Str("status"));
        var condition = Assert.Single(of03C.GetProperty("conditions").EnumerateArray());
        Assert.Equal(("Financial management", JsonValueKind.Null), (condition.Str("function"), condition.GetProperty("liftedOn").ValueKind));
        Assert.Equal(["Approval of contracts above £5 million"], of03C.GetProperty("functionsRetainedByNhsCb").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("AUTHORISED_WITH_CONDITIONS", consortia["02B"].GetProperty("authorisation").Str("status"));

        // The one information request, to 03C, not yet answered.
        var request = Assert.Single(consortia["03C"].GetProperty("informationRequests").EnumerateArray());
        Assert.Equal(("2013-10-16", "2013-11-15", JsonValueKind.Null, JsonValueKind.Null, "03C"),
            (request.Str("requestedOn"), request.Str("dueOn"), request.GetProperty("response").ValueKind, request.GetProperty("respondedOn").ValueKind,
             request.GetProperty("consortium").Str("code")));
        Assert.Equal(0, consortia["01A"].GetProperty("informationRequests").GetArrayLength());
        // 03C's improvement support: on the ground of a significant risk of failing, nothing transferred.
        var intervention = Assert.Single(consortia["03C"].GetProperty("interventions").EnumerateArray());
        Assert.Equal(("IMPROVEMENT_SUPPORT", "SIGNIFICANT_RISK_OF_FAILING", JsonValueKind.Null),
            (intervention.Str("kind"), intervention.Str("ground"), intervention.GetProperty("transferredTo").ValueKind));
    }

    [Fact]
    public async Task A_generated_consortium_in_shadow_form_has_its_main_functions_retained_by_the_board()
    {
        await using var host = await ModuleGraphHost.CreateAsync(scale: 2);
        var consortia = Consortia(await host.ExecuteAsync(Deep));
        // DemoConsortium: index 6 (06F) is the first generated one with index % 3 == 0, so in shadow form.
        var shadow = consortia["06F"].GetProperty("authorisation");
        Assert.Equal(("SHADOW", "2012-04-01"), (shadow.Str("status"), shadow.Str("decidedOn")));
        Assert.Equal(2, shadow.GetProperty("functionsRetainedByNhsCb").GetArrayLength());
        Assert.Equal("AUTHORISED", consortia["04D"].GetProperty("authorisation").Str("status"));
    }

    [Fact]
    public async Task A_deep_query_over_authorisations_requests_and_interventions_issues_the_same_statements_at_demo_scale_and_ten_times_it()
    {
        int at1, at10, consortiaAt10;
        await using (var host = await ModuleGraphHost.CreateAsync(scale: 1))
        {
            (await host.ExecuteAsync(Deep)).AssertNoErrors();
            at1 = host.Statements;
        }
        await using (var host = await ModuleGraphHost.CreateAsync(scale: 10))
        {
            var response = await host.ExecuteAsync(Deep);
            response.AssertNoErrors();
            at10 = host.Statements;
            consortiaAt10 = response.Data("allocations").GetArrayLength();
        }
        output.WriteLine($"deep query over authorisations, requests and interventions: {at1} SQL statements at scale 1 (3 consortia), {at10} at scale 10 (30)");
        Assert.Equal(30, consortiaAt10);
        // allocations; authorisations with their conditions; information requests; interventions.
        Assert.Equal(at1, at10);
        Assert.True(at1 <= 4, $"{at1} statements");
    }

    private const string Decide = """
        mutation($input: RecordAuthorisationDecisionInput!) { recordAuthorisationDecision(input: $input) {
          authorisation { decidedOn status functionsRetainedByNhsCb rowVersion conditions { function description liftedOn } } userErrors { message path code } } }
        """;

    [Fact]
    public async Task The_board_revises_a_decision_at_the_version_it_read_replacing_its_conditions_and_status_and_conditions_must_agree()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        object Input(string status, object[] conditions, int? expected, string consortium = "02B", string[]? retained = null) => new
        {
            input = new { consortiumCode = consortium, decidedOn = "2013-09-30", status, conditions, functionsRetainedByNhsCb = retained ?? [], expectedRowVersion = expected },
        };
        var lifted = new { function = "Partnership working", description = "Joint arrangements with Riverside.", liftedOn = "2013-09-30" };
        var standing = new { function = "Quality", description = "Report serious incidents monthly.", liftedOn = (string?)null };

        Assert.Equal([("REQUIRED", "input.expectedRowVersion")], (await host.ExecuteAsync(Decide, Input("AUTHORISED", [lifted], null))).Data("recordAuthorisationDecision").UserErrors());
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")], (await host.ExecuteAsync(Decide, Input("AUTHORISED", [lifted], 7))).Data("recordAuthorisationDecision").UserErrors());
        // The status and the conditions standing must agree; a condition needs its function and description.
        Assert.Equal([("INVALID", "input.status")], (await host.ExecuteAsync(Decide, Input("AUTHORISED", [lifted, standing], 1))).Data("recordAuthorisationDecision").UserErrors());
        Assert.Equal([("INVALID", "input.conditions")], (await host.ExecuteAsync(Decide, Input("AUTHORISED_WITH_CONDITIONS", [lifted], 1))).Data("recordAuthorisationDecision").UserErrors());
        Assert.Equal([("REQUIRED", "input.conditions.0.function"), ("INVALID", "input.functionsRetainedByNhsCb.1")],
            (await host.ExecuteAsync(Decide, Input("AUTHORISED_WITH_CONDITIONS", [new { function = " ", description = "x", liftedOn = (string?)null }], 1,
                retained: ["Procurement", "procurement"]))).Data("recordAuthorisationDecision").UserErrors());
        Assert.Equal([("NOT_FOUND", "input.consortiumCode")], (await host.ExecuteAsync(Decide, Input("AUTHORISED", [], null, "99Z"))).Data("recordAuthorisationDecision").UserErrors());

        // Nothing of the refused attempts was written: still version 1, its one condition standing.
        var before = Consortia(await host.ExecuteAsync(Deep))["02B"].GetProperty("authorisation");
        Assert.Equal((1, "AUTHORISED_WITH_CONDITIONS"), (before.GetProperty("rowVersion").GetInt32(), before.Str("status")));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("conditions")[0].GetProperty("liftedOn").ValueKind);

        var revised = (await host.ExecuteAsync(Decide, Input("AUTHORISED", [lifted], 1))).Data("recordAuthorisationDecision");
        Assert.Empty(revised.UserErrors());
        var after = Consortia(await host.ExecuteAsync(Deep))["02B"].GetProperty("authorisation");
        Assert.Equal((2, "AUTHORISED", "2013-09-30"), (after.GetProperty("rowVersion").GetInt32(), after.Str("status"), after.Str("decidedOn")));
        Assert.Equal([("Partnership working", "2013-09-30")], after.GetProperty("conditions").EnumerateArray().Select(c => (c.Str("function"), c.Str("liftedOn"))));
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")], (await host.ExecuteAsync(Decide, Input("AUTHORISED", [lifted], 1))).Data("recordAuthorisationDecision").UserErrors());
    }

    private const string Intervene = """
        mutation($input: RecordInterventionInput!) { recordIntervention(input: $input) {
          intervention { kind ground reason startedOn active transferredTo { __typename code } } userErrors { message path code } } }
        """;

    [Fact]
    public async Task The_board_records_an_intervention_on_a_ground_and_functions_go_only_to_another_consortium_or_the_board()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        object Input(string kind, string? to, string consortium = "02B") => new
        {
            input = new { consortiumCode = consortium, kind, ground = "FAILING", reason = "Commissioning of urgent care has failed.", startedOn = "2014-01-06", transferredToCode = to },
        };

        Assert.Equal([("REQUIRED", "input.transferredToCode")], (await host.ExecuteAsync(Intervene, Input("FUNCTIONS_TRANSFERRED", null))).Data("recordIntervention").UserErrors());
        Assert.Equal([("NOT_FOUND", "input.transferredToCode")], (await host.ExecuteAsync(Intervene, Input("FUNCTIONS_TRANSFERRED", "RNV"))).Data("recordIntervention").UserErrors());
        Assert.Equal([("INVALID", "input.transferredToCode")], (await host.ExecuteAsync(Intervene, Input("FUNCTIONS_TRANSFERRED", "02B"))).Data("recordIntervention").UserErrors());
        Assert.Equal([("INVALID", "input.transferredToCode")], (await host.ExecuteAsync(Intervene, Input("DIRECTION", "01A"))).Data("recordIntervention").UserErrors());
        Assert.Empty(Consortia(await host.ExecuteAsync(Deep))["02B"].GetProperty("interventions").EnumerateArray());

        var toConsortium = (await host.ExecuteAsync(Intervene, Input("FUNCTIONS_TRANSFERRED", "01A"))).Data("recordIntervention");
        Assert.Empty(toConsortium.UserErrors());
        var recorded = toConsortium.GetProperty("intervention");
        Assert.Equal(("FAILING", true, "Consortium", "01A"), (recorded.Str("ground"), recorded.GetProperty("active").GetBoolean(),
            recorded.GetProperty("transferredTo").Str("__typename"), recorded.GetProperty("transferredTo").Str("code")));
        var toBoard = (await host.ExecuteAsync(Intervene, Input("FUNCTIONS_TRANSFERRED", "X24", "01A"))).Data("recordIntervention");
        Assert.Equal(("NhsCommissioningBoard", "X24"), (toBoard.GetProperty("intervention").GetProperty("transferredTo").Str("__typename"),
            toBoard.GetProperty("intervention").GetProperty("transferredTo").Str("code")));
        var of02B = Consortia(await host.ExecuteAsync(Deep))["02B"].GetProperty("interventions");
        Assert.Equal([("FUNCTIONS_TRANSFERRED", "FAILING", "01A")], of02B.EnumerateArray().Select(i => (i.Str("kind"), i.Str("ground"), i.GetProperty("transferredTo").Str("code"))));
    }

    private const string Request = """
        mutation($input: RequestInformationInput!) { requestInformation(input: $input) {
          informationRequest { id question requestedOn dueOn response rowVersion } userErrors { message path code } } }
        """;

    private const string Respond = """
        mutation($input: RespondToInformationRequestInput!) { respondToInformationRequest(input: $input) {
          informationRequest { response respondedOn rowVersion } userErrors { message path code } } }
        """;

    [Fact]
    public async Task The_board_asks_a_consortium_which_answers_at_the_version_it_read_and_answered_filters_the_list()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        object Ask(string requestedOn, string dueOn, string question = "How many practices offer extended hours?") =>
            new { input = new { consortiumCode = "01A", question, requestedOn, dueOn } };

        Assert.Equal([("INVALID", "input.dueOn")], (await host.ExecuteAsync(Request, Ask("2013-11-01", "2013-10-31"))).Data("requestInformation").UserErrors());
        Assert.Equal([("REQUIRED", "input.question")], (await host.ExecuteAsync(Request, Ask("2013-11-01", "2013-11-30", "  "))).Data("requestInformation").UserErrors());
        var asked = (await host.ExecuteAsync(Request, Ask("2013-11-01", "2013-11-30"))).Data("requestInformation");
        Assert.Empty(asked.UserErrors());
        var id = asked.GetProperty("informationRequest").Str("id");
        Assert.Equal(1, asked.GetProperty("informationRequest").GetProperty("rowVersion").GetInt32());

        object Answer(string consortium, string requestId, int version, string respondedOn = "2013-11-20") =>
            new { input = new { consortiumCode = consortium, informationRequestId = requestId, response = "All but one.", respondedOn, expectedRowVersion = version } };
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")], (await host.ExecuteAsync(Respond, Answer("01A", id, 4))).Data("respondToInformationRequest").UserErrors());
        // Another consortium cannot answer it as its own: the request is not its.
        Assert.Equal([("NOT_FOUND", "input.informationRequestId")], (await host.ExecuteAsync(Respond, Answer("02B", id, 1))).Data("respondToInformationRequest").UserErrors());
        Assert.Equal([("INVALID", "input.informationRequestId")], (await host.ExecuteAsync(Respond, Answer("01A", "not-an-id", 1))).Data("respondToInformationRequest").UserErrors());
        Assert.Equal([("INVALID", "input.respondedOn")], (await host.ExecuteAsync(Respond, Answer("01A", id, 1, "2013-10-01"))).Data("respondToInformationRequest").UserErrors());

        var unanswered = await host.ExecuteAsync("""{ allocations(year: "2013-14") { consortium { code open: informationRequests(answered: false) { question } done: informationRequests(answered: true) { question } } } }""");
        unanswered.AssertNoErrors();
        var of01A = Consortia(unanswered)["01A"];
        Assert.Equal((1, 0), (of01A.GetProperty("open").GetArrayLength(), of01A.GetProperty("done").GetArrayLength()));

        var answered = (await host.ExecuteAsync(Respond, Answer("01A", id, 1))).Data("respondToInformationRequest");
        Assert.Empty(answered.UserErrors());
        Assert.Equal(("All but one.", "2013-11-20", 2), (answered.GetProperty("informationRequest").Str("response"),
            answered.GetProperty("informationRequest").Str("respondedOn"), answered.GetProperty("informationRequest").GetProperty("rowVersion").GetInt32()));
        of01A = Consortia(await host.ExecuteAsync("""{ allocations(year: "2013-14") { consortium { code open: informationRequests(answered: false) { question } done: informationRequests(answered: true) { question } } } }"""))["01A"];
        Assert.Equal((0, 1), (of01A.GetProperty("open").GetArrayLength(), of01A.GetProperty("done").GetArrayLength()));
    }
}
