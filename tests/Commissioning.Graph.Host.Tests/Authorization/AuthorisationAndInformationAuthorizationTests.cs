using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// Authorisation, intervention, information (DOMAIN.md second wave) over HTTP with real tokens: a consortium's
/// authorisation is any registered organisation's to read, without a purpose; its interventions (ground, transfer) and the
/// NHS CB's requests for information are the consortium's and the NHS CB's, disclosed for ASSURANCE only; the NHS CB alone
/// records decisions and interventions and asks for information, the consortium alone answers — each decided on the
/// input before anything is written. The writes touch data no other test reads: 02B's interventions, requests to 01A.
/// </summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class AuthorisationAndInformationAuthorizationTests(AuthorizedGraphFixture graph)
{
    private static string? ReasonOf(JsonElement error) => error.GetProperty("extensions").GetProperty("reason").GetString();

    // Who may see what (DOMAIN.md), for the demonstration data; the callers are the matrix's. Y = allow, n = deny.
    private static readonly (string Coordinate, string Target, string Expected)[] Table =
    [
        //  coordinate                                   target   X24 E10000001 E06000002 01A 02B 03C A01001 RNV RRC NQ1 CSU-NV
        ("Consortium.authorisation",                  "03C",    "Y   Y         Y         Y   Y   Y   Y      Y   Y   Y   Y"),
        ("AuthorisationCondition.description",        "03C",    "Y   Y         Y         Y   Y   Y   Y      Y   Y   Y   Y"),
        ("Consortium.informationRequests",            "03C",    "Y   n         n         n   n   Y   n      n   n   n   n"),
        ("InformationRequest.response",               "03C",    "Y   n         n         n   n   Y   n      n   n   n   n"),
        ("Intervention.ground",                       "03C",    "Y   n         n         n   n   Y   n      n   n   n   n"),
        ("Intervention.transferredTo",                "03C",    "Y   n         n         n   n   Y   n      n   n   n   n"),
    ];

    public static TheoryData<string, string, string, Access> Matrix => AccessTable.Cases(AuthorizationMatrixTests.Callers, Table);

    /// <summary>How a coordinate is read: the query, the value's path, where a denial shows, and the purpose (null: none needed).</summary>
    private static (string Query, string Path, string DeniedAt, string? Purpose) Probe(string coordinate, string t) => coordinate switch
    {
        "Consortium.authorisation" => ($$"""{ consortium(code: "{{t}}") { code authorisation { status decidedOn functionsRetainedByNhsCb } } }""",
            "consortium.authorisation.status", "consortium.authorisation", null),
        "AuthorisationCondition.description" => ($$"""{ consortium(code: "{{t}}") { code authorisation { conditions { function description liftedOn } } } }""",
            "consortium.authorisation.conditions.0.description", "consortium.authorisation", null),
        "Consortium.informationRequests" => ($$"""{ consortium(code: "{{t}}") { code informationRequests { question dueOn } } }""",
            "consortium.informationRequests.0.question", "consortium.informationRequests", PurposeOfUse.Assurance),
        "InformationRequest.response" => ($$"""{ consortium(code: "{{t}}") { code informationRequests { requestedOn response respondedOn } } }""",
            "consortium.informationRequests.0.requestedOn", "consortium.informationRequests", PurposeOfUse.Assurance),
        "Intervention.ground" => ($$"""{ consortium(code: "{{t}}") { code interventions { ground } } }""",
            "consortium.interventions.0.ground", "consortium.interventions", PurposeOfUse.Assurance),
        "Intervention.transferredTo" => ($$"""{ consortium(code: "{{t}}") { code interventions { kind transferredTo { code } } } }""",
            "consortium.interventions.0.kind", "consortium.interventions", PurposeOfUse.Assurance),
        _ => throw new ArgumentOutOfRangeException(nameof(coordinate)),
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_caller_reads_authorisation_interventions_and_information_requests_as_who_may_see_what_says(string caller, string coordinate, string target, Access expected)
    {
        var probe = Probe(coordinate, target);

        var response = await graph.PostAsync(caller, probe.Query, purpose: probe.Purpose);

        Assert.True(response.Status == System.Net.HttpStatusCode.OK, response.ToString());
        Assert.Equal(target, response.At("consortium.code").GetString());
        if (expected == Access.Allow)
        {
            Assert.True(response.Errors.Count == 0, $"{caller}: {response}");
            Assert.True(response.At(probe.Path).ValueKind is JsonValueKind.String or JsonValueKind.Array, $"{caller} should read {probe.Path}: {response}");
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, response.At(probe.DeniedAt).ValueKind);
            var error = Assert.Single(response.Errors);
            Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(error), ReasonOf(error)));
            Assert.Equal($"Not authorised to read {string.Join('.', "Consortium", probe.DeniedAt.Split('.')[1])}.", error.GetProperty("message").GetString());
            Assert.Equal([["self"], ["nhscb"]], error.GetProperty("extensions").GetProperty("policies").EnumerateArray().Select(a => a.EnumerateArray().Select(p => p.GetString()).ToArray()));
        }
    }

    [Fact]
    public async Task Every_consortiums_authorisation_decision_agrees_with_its_authorisation_status()
    {
        var response = await graph.PostAsync("RNV", """{ consortia(first: 50) { nodes { code authorisationStatus authorisation { status } } } }""", purpose: null);

        Assert.True(response.Errors.Count == 0, response.ToString());
        var nodes = response.At("consortia.nodes").EnumerateArray().ToList();
        Assert.Equal(3, nodes.Count);
        Assert.All(nodes, n => Assert.Equal(n.GetProperty("authorisationStatus").GetString(), n.GetProperty("authorisation").GetProperty("status").GetString()));
    }

    private const string Requests03C = """{ consortium(code: "03C") { code informationRequests { question response } } }""";

    [Fact]
    public async Task The_board_reads_a_consortiums_information_requests_for_assurance_only_and_the_consortium_its_own_without_a_purpose()
    {
        var own = await graph.PostAsync("03C", Requests03C, purpose: null);
        var assurance = await graph.PostAsync("X24", Requests03C, purpose: PurposeOfUse.Assurance);
        var none = await graph.PostAsync("X24", Requests03C, purpose: null);
        var financial = await graph.PostAsync("X24", Requests03C, purpose: PurposeOfUse.FinancialAssurance);

        Assert.True(own.Errors.Count == 0, own.ToString());
        Assert.Contains("financial recovery plan", own.At("consortium.informationRequests.0.question").GetString());
        Assert.True(assurance.Errors.Count == 0, assurance.ToString());
        Assert.Equal(JsonValueKind.Null, assurance.At("consortium.informationRequests.0.response").ValueKind);
        Assert.Equal(DenialReasons.PurposeRequired, ReasonOf(Assert.Single(none.Errors)));
        var notPermitted = Assert.Single(financial.Errors);
        Assert.Equal((DenialReasons.PurposeNotPermitted, "Consortium.informationRequests"),
            (ReasonOf(notPermitted), notPermitted.GetProperty("extensions").GetProperty("coordinate").GetString()));
        Assert.Contains("ASSURANCE", notPermitted.GetProperty("extensions").GetProperty("purposes").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Assurance_covers_information_requests_and_interventions_but_not_allocations()
    {
        var covered = await graph.PostAsync("X24", """{ consortium(code: "03C") { code interventions { ground } informationRequests { dueOn } } }""", purpose: PurposeOfUse.Assurance);
        var notCovered = await graph.PostAsync("X24", """{ consortium(code: "03C") { code allocation(year: "2013-14") { programmeBudget } } }""", purpose: PurposeOfUse.Assurance);

        Assert.True(covered.Errors.Count == 0, covered.ToString());
        Assert.Equal("SIGNIFICANT_RISK_OF_FAILING", covered.At("consortium.interventions.0.ground").GetString());
        var refused = Assert.Single(notCovered.Errors);
        Assert.Equal(("FORBIDDEN", DenialReasons.PurposeNotPermitted), (GraphResponse.CodeOf(refused), ReasonOf(refused)));
        Assert.Equal(JsonValueKind.Null, notCovered.At("consortium.allocation").ValueKind);
    }

    private const string Decide = """
        mutation($input: RecordAuthorisationDecisionInput!) { recordAuthorisationDecision(input: $input) { authorisation { status rowVersion } userErrors { code path } } }
        """;

    private static object Decision(string consortium, int? expected) => new
    {
        input = new { consortiumCode = consortium, decidedOn = "2013-02-01", status = "AUTHORISED", conditions = Array.Empty<object>(), expectedRowVersion = expected },
    };

    [Theory]
    [InlineData("01A")]         // the consortium itself
    [InlineData("03C")]
    [InlineData("E10000001")]
    public async Task No_one_but_the_board_records_an_authorisation_decision_and_nothing_is_written(string caller)
    {
        var response = await graph.PostAsync(caller, Decide, Decision("01A", 1), purpose: PurposeOfUse.Assurance, scopes: ["authorisation:write"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(error), ReasonOf(error)));
        Assert.Equal("Not authorised to perform Mutation.recordAuthorisationDecision.", error.GetProperty("message").GetString());
        var read = await graph.PostAsync("01A", """{ consortium(code: "01A") { authorisation { rowVersion } } }""", purpose: null);
        Assert.Equal(1, read.At("consortium.authorisation.rowVersion").GetInt32());
    }

    [Fact]
    public async Task The_board_needs_the_authorisation_scope_and_is_told_which_it_lacks()
    {
        var noScope = await graph.PostAsync("X24", Decide, Decision("01A", 1), purpose: PurposeOfUse.Assurance, scopes: ["assurance:write"]);
        var error = Assert.Single(noScope.Errors);
        Assert.Equal(DenialReasons.MissingScope, ReasonOf(error));
        Assert.Contains("authorisation:write", error.GetProperty("message").GetString());

        // With it, a stale version is a user error, and nothing changes.
        var stale = await graph.PostAsync("X24", Decide, Decision("01A", 9), purpose: PurposeOfUse.Assurance, scopes: ["authorisation:write"]);
        Assert.True(stale.Errors.Count == 0, stale.ToString());
        Assert.Equal("CONFLICT", stale.At("recordAuthorisationDecision.userErrors.0.code").GetString());
        Assert.Equal(1, (await graph.PostAsync("01A", """{ consortium(code: "01A") { authorisation { rowVersion } } }""", purpose: null)).At("consortium.authorisation.rowVersion").GetInt32());
    }

    [Fact]
    public async Task The_board_revises_02Bs_decision_at_the_version_it_read_and_everyone_reads_the_new_conditions()
    {
        var revision = new
        {
            input = new
            {
                consortiumCode = "02B", decidedOn = "2013-02-01", status = "AUTHORISED_WITH_CONDITIONS", expectedRowVersion = 1,
                conditions = new object[]
                {
                    new { function = "Partnership working", description = "Agree joint commissioning arrangements with the Riverside Health and Wellbeing Board.", liftedOn = (string?)null },
                    new { function = "Quality", description = "Report serious incidents to the NHS CB monthly.", liftedOn = (string?)null },
                },
            },
        };
        var revised = await graph.PostAsync("X24", """
            mutation($input: RecordAuthorisationDecisionInput!) { recordAuthorisationDecision(input: $input) { authorisation { status rowVersion conditions { function } } userErrors { code path } } }
            """, revision, purpose: null, scopes: ["authorisation:write"]);

        Assert.True(revised.Errors.Count == 0, revised.ToString());
        Assert.Equal(2, revised.At("recordAuthorisationDecision.authorisation.rowVersion").GetInt32());
        var read = await graph.PostAsync("A01001", """{ consortium(code: "02B") { authorisation { status conditions { function liftedOn } } } }""", purpose: null);
        Assert.True(read.Errors.Count == 0, read.ToString());
        Assert.Equal(["Partnership working", "Quality"], read.At("consortium.authorisation.conditions").EnumerateArray().Select(c => c.GetProperty("function").GetString()));
    }

    private const string Intervene = """
        mutation($input: RecordInterventionInput!) { recordIntervention(input: $input) { intervention { kind ground transferredTo { code name } } userErrors { code path } } }
        """;

    private static object Intervention(string consortium) => new
    {
        input = new { consortiumCode = consortium, kind = "FUNCTIONS_TRANSFERRED", ground = "FAILING", reason = "Urgent care commissioning failed.", startedOn = "2014-02-03", transferredToCode = "01A" },
    };

    [Fact]
    public async Task The_board_records_an_intervention_transferring_functions_and_the_consortium_alone_cannot()
    {
        var self = await graph.PostAsync("02B", Intervene, Intervention("02B"), purpose: null, scopes: ["intervention:write"]);
        var refused = Assert.Single(self.Errors);
        Assert.Equal(("FORBIDDEN", DenialReasons.Policy, "Not authorised to perform Mutation.recordIntervention."),
            (GraphResponse.CodeOf(refused), ReasonOf(refused), refused.GetProperty("message").GetString()));
        var none = await graph.PostAsync("02B", """{ consortium(code: "02B") { interventions { kind } } }""", purpose: null);
        Assert.Equal(0, none.At("consortium.interventions").GetArrayLength());

        var recorded = await graph.PostAsync("X24", Intervene, Intervention("02B"), purpose: PurposeOfUse.Assurance, scopes: ["intervention:write"]);
        Assert.True(recorded.Errors.Count == 0, recorded.ToString());
        // The body the functions went to is an organisation of the graph: its name comes from its own subgraph.
        Assert.Equal(("FAILING", "01A", "Northvale North Commissioning Consortium"), (recorded.At("recordIntervention.intervention.ground").GetString(),
            recorded.At("recordIntervention.intervention.transferredTo.code").GetString(), recorded.At("recordIntervention.intervention.transferredTo.name").GetString()));
        var own = await graph.PostAsync("02B", """{ consortium(code: "02B") { interventions { kind ground transferredTo { code } } } }""", purpose: null);
        Assert.True(own.Errors.Count == 0, own.ToString());
        Assert.Equal("01A", own.At("consortium.interventions.0.transferredTo.code").GetString());
    }

    private const string Ask = """
        mutation($input: RequestInformationInput!) { requestInformation(input: $input) { informationRequest { id rowVersion } userErrors { code path } } }
        """;

    private const string Answer = """
        mutation($input: RespondToInformationRequestInput!) { respondToInformationRequest(input: $input) { informationRequest { response rowVersion } userErrors { code path } } }
        """;

    [Fact]
    public async Task The_board_asks_and_only_the_consortium_asked_answers_at_the_version_it_read()
    {
        var question = new { input = new { consortiumCode = "01A", question = "Send the governing body's register of interests.", requestedOn = "2013-11-04", dueOn = "2013-11-18" } };
        var byConsortium = await graph.PostAsync("01A", Ask, question, purpose: null, scopes: ["information:request"]);
        Assert.Equal(DenialReasons.Policy, ReasonOf(Assert.Single(byConsortium.Errors)));
        Assert.Equal("Not authorised to perform Mutation.requestInformation.", byConsortium.Errors[0].GetProperty("message").GetString());

        var asked = await graph.PostAsync("X24", Ask, question, purpose: PurposeOfUse.Assurance, scopes: ["information:request"]);
        Assert.True(asked.Errors.Count == 0, asked.ToString());
        var id = asked.At("requestInformation.informationRequest.id").GetString()!;

        object Reply(string consortium, int version) => new
        {
            input = new { consortiumCode = consortium, informationRequestId = id, response = "Attached; published on our website.", respondedOn = "2013-11-12", expectedRowVersion = version },
        };
        // Another consortium answering for 01A, and the board answering its own question, are refused before anything is written.
        foreach (var other in new[] { "02B", "X24" })
        {
            var refused = await graph.PostAsync(other, Answer, Reply("01A", 1), purpose: PurposeOfUse.Assurance, scopes: ["information:respond"]);
            Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(Assert.Single(refused.Errors)), ReasonOf(refused.Errors[0])));
            Assert.Equal("Not authorised to perform Mutation.respondToInformationRequest.", refused.Errors[0].GetProperty("message").GetString());
        }
        // 02B naming itself finds no such request of its own.
        var notIts = await graph.PostAsync("02B", Answer, Reply("02B", 1), purpose: null, scopes: ["information:respond"]);
        Assert.Equal(("NOT_FOUND", "input.informationRequestId"), (notIts.At("respondToInformationRequest.userErrors.0.code").GetString(),
            string.Join('.', notIts.At("respondToInformationRequest.userErrors.0.path").EnumerateArray().Select(p => p.GetString()))));
        var stale = await graph.PostAsync("01A", Answer, Reply("01A", 3), purpose: null, scopes: ["information:respond"]);
        Assert.Equal("CONFLICT", stale.At("respondToInformationRequest.userErrors.0.code").GetString());

        var unanswered = await graph.PostAsync("01A", """{ consortium(code: "01A") { informationRequests(answered: true) { response } } }""", purpose: null);
        Assert.Equal(0, unanswered.At("consortium.informationRequests").GetArrayLength());

        var answered = await graph.PostAsync("01A", Answer, Reply("01A", 1), purpose: null, scopes: ["information:respond"]);
        Assert.True(answered.Errors.Count == 0, answered.ToString());
        Assert.Equal(2, answered.At("respondToInformationRequest.informationRequest.rowVersion").GetInt32());
        var read = await graph.PostAsync("X24", """{ consortium(code: "01A") { informationRequests(answered: true) { response respondedOn } } }""", purpose: PurposeOfUse.Assurance);
        Assert.True(read.Errors.Count == 0, read.ToString());
        Assert.Equal(("Attached; published on our website.", "2013-11-12"), (read.At("consortium.informationRequests.0.response").GetString(),
            read.At("consortium.informationRequests.0.respondedOn").GetString()));
    }
}
