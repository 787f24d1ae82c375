using System.Text.Json;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>Nothing restricted leaks around the field rules: through <c>node(id:)</c>, <c>totalCount</c>,
/// error messages, mutation payloads, or fields the client did not select.</summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class AuthorizationLeakTests(AuthorizedGraphFixture graph)
{
    private const string ReturnsOf01A = """{ consortium(code: "01A") { financialReturns(year: "2013-14") { totalCount nodes { id month status lines { category plan } } } } }""";

    private async Task<(string Id, string Plan)> LatestReturnOf01AAsync()
    {
        var own = await graph.PostAsync("01A", ReturnsOf01A, purpose: PurposeOfUse.FinancialAssurance);
        var latest = own.At("consortium.financialReturns.nodes.0");
        return (latest.GetProperty("id").GetString()!, latest.GetProperty("lines")[0].GetProperty("plan").GetString()!);
    }

    /// <summary>A global id of <paramref name="type"/> that names nothing.</summary>
    private static string MadeUpId(string type) =>
        Commissioning.Graph.Engine.Federation.GlobalId.Encode(type, "987654321");

    [Fact]
    public async Task Node_by_id_returns_a_financial_return_to_its_consortium_and_to_another_the_same_as_for_no_return()
    {
        var (id, plan) = await LatestReturnOf01AAsync();
        const string query = """query($id: ID!) { node(id: $id) { __typename id ... on FinancialReturn { month status lines { category plan } } } }""";

        var owner = await graph.PostAsync("01A", query, new { id });
        var board = await graph.PostAsync("X24", query, new { id }, purpose: PurposeOfUse.FinancialAssurance);

        Assert.Equal("FinancialReturn", owner.At("node.__typename").GetString());
        Assert.Equal(id, owner.At("node.id").GetString());
        Assert.Equal(id, board.At("node.id").GetString());
        foreach (var caller in new[] { "02B", "E10000001", "RNV" })
        {
            var denied = await graph.PostAsync(caller, query, new { id });
            var none = await graph.PostAsync(caller, query, new { id = MadeUpId("FinancialReturn") });
            // Indistinguishable from an id that names nothing: the same body, byte for byte — null, no error.
            Assert.Equal(none.Text, denied.Text);
            Assert.Equal(JsonValueKind.Null, denied.At("node").ValueKind);
            Assert.Empty(denied.Errors);
            Assert.DoesNotContain(plan, denied.Text);
        }
    }

    [Fact]
    public async Task Financial_return_by_id_is_to_another_consortium_the_same_as_no_return()
    {
        var (id, plan) = await LatestReturnOf01AAsync();
        const string query = """query($id: ID!) { financialReturn(id: $id) { month status lines { plan } } }""";

        var response = await graph.PostAsync("03C", query, new { id });
        var none = await graph.PostAsync("03C", query, new { id = MadeUpId("FinancialReturn") });

        Assert.Equal(none.Text, response.Text);
        Assert.Equal(JsonValueKind.Null, response.At("financialReturn").ValueKind);
        Assert.Empty(response.Errors);
        Assert.DoesNotContain(plan, response.Text);
    }

    [Fact]
    public async Task Node_by_id_gives_a_draft_jsna_contribution_to_the_nhs_cb_the_same_as_no_contribution()
    {
        const string list = """{ healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2013-14") { contributions(status: DRAFT) { id topic narrative } } } }""";
        var author = await graph.PostAsync("02B", list, purpose: PurposeOfUse.Jsna);
        var draft = author.At("healthAndWellbeingBoard.jsna.contributions.0");
        var id = draft.GetProperty("id").GetString();
        var narrative = draft.GetProperty("narrative").GetString()!;
        const string query = """query($id: ID!) { node(id: $id) { __typename ... on JsnaContribution { topic narrative } } }""";

        var own = await graph.PostAsync("02B", query, new { id }, purpose: PurposeOfUse.Jsna);
        Assert.Equal(narrative, own.At("node.narrative").GetString());
        foreach (var caller in new[] { "X24", "01A", "E06000002", "03C" })
        {
            var denied = await graph.PostAsync(caller, query, new { id }, purpose: PurposeOfUse.Jsna);
            var none = await graph.PostAsync(caller, query, new { id = MadeUpId("JsnaContribution") }, purpose: PurposeOfUse.Jsna);
            Assert.Equal(none.Text, denied.Text);
            Assert.Equal(JsonValueKind.Null, denied.At("node").ValueKind);
            Assert.Empty(denied.Errors);
            Assert.DoesNotContain(narrative[..20], denied.Text);
        }
    }

    [Fact]
    public async Task A_restricted_object_withheld_by_node_discloses_nothing_to_the_register()
    {
        var (id, _) = await LatestReturnOf01AAsync();
        var denied = await graph.PostAsync("02B", """query ProbeWithheldNode($id: ID!) { node(id: $id) { id } }""", new { id }, operationName: "ProbeWithheldNode");
        Assert.Equal(JsonValueKind.Null, denied.At("node").ValueKind);
        // Nothing was disclosed, so 01A's register holds no record of this operation.
        var register = await graph.PostAsync("01A", """{ disclosures(first: 500) { nodes { operationName callerOrganisation } } }""", purpose: PurposeOfUse.Audit);
        Assert.DoesNotContain(register.At("disclosures.nodes").EnumerateArray(),
            r => r.GetProperty("operationName").ValueKind == JsonValueKind.String && r.GetProperty("operationName").GetString() == "ProbeWithheldNode");
    }

    [Fact]
    public async Task Total_count_of_returns_is_not_disclosed_to_another_consortium()
    {
        var own = await graph.PostAsync("01A", """{ consortium(code: "01A") { financialReturns { totalCount } } }""");
        var other = await graph.PostAsync("02B", """{ consortium(code: "01A") { code financialReturns { totalCount } } }""");

        Assert.True(own.At("consortium.financialReturns.totalCount").GetInt32() >= 6);
        Assert.Equal(JsonValueKind.Null, other.At("consortium.financialReturns").ValueKind);
        Assert.DoesNotContain("totalCount", other.Text);
        Assert.Equal("01A", other.At("consortium.code").GetString());
    }

    [Fact]
    public async Task A_filtered_list_shows_only_the_readable_items_and_no_count_of_the_others()
    {
        // 01A is on Northvale's board only: Riverside's contributions are all filtered out, and so are 02B's draft
        // from the NHS CB. A filtered list is no error, so nothing tells the caller how many were hidden.
        var outsider = await graph.PostAsync("01A", """{ healthAndWellbeingBoard(code: "HWB-E06000002") { jsna(year: "2013-14") { title contributions { topic } } } }""");
        var board = await graph.PostAsync("X24", """{ healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2013-14") { contributions { topic status } } } }""");
        var allocations = await graph.PostAsync("02B", """{ allocations(year: "2013-14") { consortium { code } programmeBudget } }""");

        Assert.Equal(0, outsider.At("healthAndWellbeingBoard.jsna.contributions").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, outsider.At("healthAndWellbeingBoard.jsna.title").ValueKind);
        Assert.Empty(outsider.Errors);
        Assert.All(board.At("healthAndWellbeingBoard.jsna.contributions").EnumerateArray(), c => Assert.NotEqual("DRAFT", c.GetProperty("status").GetString()));
        Assert.Empty(board.Errors);
        Assert.Equal(["02B"], allocations.At("allocations").EnumerateArray().Select(a => a.GetProperty("consortium").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Denial_messages_name_the_field_and_never_the_data()
    {
        var response = await graph.PostAsync("E10000001", """
            { consortium(code: "03C") { allocation(year: "2013-14") { programmeBudget } assurance(year: "2013-14") { financeFinding } interventions { reason } }
              gpPractice(code: "A03001") { prescribingSpend }
              contract(code: "CT-03C-RRC") { annualValue }
              pooledBudget(code: "POOL-IC-RS") { riskShare } }
            """);
        var board = await graph.PostAsync("X24", """
            { consortium(code: "03C") { allocation(year: "2013-14") { programmeBudget } assurance(year: "2013-14") { financeFinding } interventions { reason } }
              gpPractice(code: "A03001") { prescribingSpend }
              contract(code: "CT-03C-RRC") { annualValue }
              pooledBudget(code: "POOL-IC-RS") { riskShare } }
            """, purpose: "AUDIT");

        Assert.Equal(6, response.Errors.Count);
        var secrets = new[]
        {
            board.At("consortium.allocation.programmeBudget").GetString()!, board.At("consortium.assurance.financeFinding").GetString()!,
            board.At("consortium.interventions.0.reason").GetString()!, board.At("gpPractice.prescribingSpend").GetString()!,
            board.At("contract.annualValue").GetString()!, board.At("pooledBudget.riskShare").GetString()!,
        };
        foreach (var error in response.Errors)
        {
            Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(error));
            var message = error.GetProperty("message").GetString()!;
            Assert.Matches(@"^Not authorised to read [A-Za-z]+\.[A-Za-z]+\.$", message);
            foreach (var secret in secrets) Assert.DoesNotContain(secret, error.GetRawText());
        }
    }

    [Fact]
    public async Task Submitting_another_consortiums_return_is_refused_and_discloses_nothing()
    {
        var before = await graph.PostAsync("01A", """{ consortium(code: "01A") { financialReturns(month: 12) { totalCount } } }""");
        const string mutation = """
            mutation Submit($input: SubmitFinancialReturnInput!) {
              submitFinancialReturn(input: $input) { financialReturn { id month status lines { plan } consortium { code } } userErrors { code message path } }
            }
            """;
        var input = new
        {
            consortiumCode = "01A", year = "2013-14", month = 12,
            lines = new[] { new { category = "ACUTE", plan = "123456789", yearToDateActual = "1", forecastOutturn = "1" } },
            runningCosts = new { plan = "1", yearToDateActual = "1", forecastOutturn = "1" },
            capital = new { plan = "0", yearToDateActual = "0", forecastOutturn = "0" },
        };

        var response = await graph.PostAsync("02B", mutation, new { input }, scopes: ["returns:submit"]);
        var after = await graph.PostAsync("01A", """{ consortium(code: "01A") { financialReturns(month: 12) { totalCount } } }""");

        Assert.Equal(JsonValueKind.Null, response.Data.ValueKind);
        var error = Assert.Single(response.Errors);
        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(error));
        Assert.Equal("submitFinancialReturn", error.GetProperty("path")[0].GetString());
        Assert.DoesNotContain("financialReturn\":", response.Text);
        Assert.Equal(before.At("consortium.financialReturns.totalCount").GetInt32(), after.At("consortium.financialReturns.totalCount").GetInt32());
    }

    [Fact]
    public async Task Recording_into_a_pool_by_a_partner_that_is_not_the_host_is_refused()
    {
        const string mutation = """
            mutation Record($input: RecordPoolContributionInput!) {
              recordPoolContribution(input: $input) { pooledBudget { code } contribution { amount } userErrors { code } }
            }
            """;
        var input = new { pooledBudgetCode = "POOL-LD-NV", partnerCode = "01A", year = "2013-14", amount = "1", expectedRowVersion = 1 };

        var response = await graph.PostAsync("01A", mutation, new { input }, scopes: ["pool:write"]);
        var pool = await graph.PostAsync("X24", """{ pooledBudget(code: "POOL-LD-NV") { contributions(year: "2013-14") { partnerCode amount } } }""", purpose: "AUDIT");

        Assert.Equal(JsonValueKind.Null, response.Data.ValueKind);
        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(Assert.Single(response.Errors)));
        Assert.Equal("8600000.00", pool.At("pooledBudget.contributions").EnumerateArray().Single(c => c.GetProperty("partnerCode").GetString() == "01A").GetProperty("amount").GetString());
    }

    [Fact]
    public async Task A_local_authority_cannot_accept_another_boards_jsna_contribution()
    {
        var list = await graph.PostAsync("02B", """{ healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2013-14") { contributions(status: SUBMITTED) { id rowVersion topic } } } }""");
        var contribution = list.At("healthAndWellbeingBoard.jsna.contributions").EnumerateArray().Single(c => c.GetProperty("topic").GetString() == "Childhood obesity");
        const string mutation = """
            mutation Accept($input: AcceptJsnaContributionInput!) { acceptJsnaContribution(input: $input) { contribution { status narrative } userErrors { code } } }
            """;
        var input = new { contributionId = contribution.GetProperty("id").GetString(), expectedRowVersion = contribution.GetProperty("rowVersion").GetInt32() };

        var response = await graph.PostAsync("E06000002", mutation, new { input }, purpose: PurposeOfUse.Jsna, scopes: ["jsna:accept"]);

        Assert.Equal(JsonValueKind.Null, response.Data.ValueKind);
        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(Assert.Single(response.Errors)));
        Assert.DoesNotContain("narrative\":", response.Text);
    }
}
