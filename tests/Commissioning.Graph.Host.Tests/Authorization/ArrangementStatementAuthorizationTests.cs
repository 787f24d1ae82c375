using System.Text.Json;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// Recharge statements over HTTP with real tokens: only the arrangement's lead issues a statement, only the statement's
/// associate agrees or disputes it (policies decided on the input before anything is written), and reading another
/// party's statements needs a purpose covering lead commissioning. Each test uses statements no other test changes.
/// </summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class ArrangementStatementAuthorizationTests(AuthorizedGraphFixture graph)
{
    private const string Read = """
        query($month: Int!, $associate: ID!) { leadCommissioningArrangement(code: "LCA-ACUTE-RNV") {
          statements(year: "2013-14", month: $month, associate: $associate) { id status cost disputeReason rowVersion } } }
        """;

    private async Task<JsonElement> StatementAsync(int month, string associate)
    {
        var response = await graph.PostAsync("X24", Read, new { month, associate }, purpose: PurposeOfUse.LeadCommissioning);
        Assert.True(response.Errors.Count == 0, response.ToString());
        return response.At("leadCommissioningArrangement.statements.0");
    }

    private const string Issue = """
        mutation($input: IssueArrangementStatementInput!) { issueArrangementStatement(input: $input) { statement { status cost rowVersion } userErrors { code path } } }
        """;

    private const string Agree = """
        mutation($input: AgreeArrangementStatementInput!) { agreeArrangementStatement(input: $input) { statement { status rowVersion } userErrors { code path } } }
        """;

    private const string Dispute = """
        mutation($input: DisputeArrangementStatementInput!) { disputeArrangementStatement(input: $input) { statement { status disputeReason } userErrors { code path } } }
        """;

    [Fact]
    public async Task The_lead_reissues_the_disputed_statement_and_the_associate_agrees_it()
    {
        var disputed = await StatementAsync(5, "03C");
        Assert.Equal("DISPUTED", disputed.GetProperty("status").GetString());

        var issued = await graph.PostAsync("01A", Issue,
            new { input = new { arrangementCode = "LCA-ACUTE-RNV", associateCode = "03C", year = "2013-14", month = 5, expectedRowVersion = disputed.GetProperty("rowVersion").GetInt32() } },
            purpose: PurposeOfUse.LeadCommissioning, scopes: ["recharges:issue"]);
        Assert.True(issued.Errors.Count == 0, issued.ToString());
        Assert.Equal(("ISSUED", "5356000.00"), (issued.At("issueArrangementStatement.statement.status").GetString(), issued.At("issueArrangementStatement.statement.cost").GetString()));

        // The associate agrees its own statement: no purpose needed, nothing disclosed to anyone else.
        var agreed = await graph.PostAsync("03C", Agree,
            new { input = new { statementId = disputed.GetProperty("id").GetString(), expectedRowVersion = issued.At("issueArrangementStatement.statement.rowVersion").GetInt32() } },
            purpose: null, scopes: ["recharges:respond"]);
        Assert.True(agreed.Errors.Count == 0, agreed.ToString());
        Assert.Equal("AGREED", agreed.At("agreeArrangementStatement.statement.status").GetString());
        Assert.Equal("AGREED", (await StatementAsync(5, "03C")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_associate_disputes_its_statement_with_a_reason()
    {
        var statement = await StatementAsync(6, "02B");
        var disputed = await graph.PostAsync("02B", Dispute,
            new { input = new { statementId = statement.GetProperty("id").GetString(), expectedRowVersion = statement.GetProperty("rowVersion").GetInt32(), reason = "Activity not yet validated." } },
            purpose: null, scopes: ["recharges:respond"]);

        Assert.True(disputed.Errors.Count == 0, disputed.ToString());
        Assert.Equal(("DISPUTED", "Activity not yet validated."),
            (disputed.At("disputeArrangementStatement.statement.status").GetString(), disputed.At("disputeArrangementStatement.statement.disputeReason").GetString()));
    }

    [Theory]
    [InlineData("02B")]         // an associate, not the lead
    [InlineData("X24")]         // the NHS CB reads statements, it does not issue them
    [InlineData("RNV")]         // the provider is not a party
    [InlineData("E10000001")]
    public async Task No_one_but_the_lead_issues_a_statement(string caller)
    {
        var before = await StatementAsync(6, "03C");
        var response = await graph.PostAsync(caller, Issue,
            new { input = new { arrangementCode = "LCA-ACUTE-RNV", associateCode = "03C", year = "2013-14", month = 6, expectedRowVersion = before.GetProperty("rowVersion").GetInt32() } },
            purpose: PurposeOfUse.LeadCommissioning, scopes: ["recharges:issue"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal(("FORBIDDEN", "POLICY"), (GraphResponse.CodeOf(error), error.GetProperty("extensions").GetProperty("reason").GetString()));
        Assert.Equal("Not authorised to perform Mutation.issueArrangementStatement.", error.GetProperty("message").GetString());
        Assert.Equal(before.GetProperty("rowVersion").GetInt32(), (await StatementAsync(6, "03C")).GetProperty("rowVersion").GetInt32());
    }

    [Theory]
    [InlineData("01A")]         // the lead issues, it does not answer for the associate
    [InlineData("02B")]         // another associate
    [InlineData("X24")]
    [InlineData("RNV")]
    public async Task No_one_but_the_statements_associate_agrees_or_disputes_it(string caller)
    {
        var before = await StatementAsync(4, "03C");
        var input = new { statementId = before.GetProperty("id").GetString(), expectedRowVersion = before.GetProperty("rowVersion").GetInt32() };

        var agree = await graph.PostAsync(caller, Agree, new { input }, purpose: PurposeOfUse.LeadCommissioning, scopes: ["recharges:respond"]);
        var dispute = await graph.PostAsync(caller, Dispute, new { input = new { input.statementId, input.expectedRowVersion, reason = "No." } },
            purpose: PurposeOfUse.LeadCommissioning, scopes: ["recharges:respond"]);

        foreach (var (response, field) in new[] { (agree, "agreeArrangementStatement"), (dispute, "disputeArrangementStatement") })
        {
            var error = Assert.Single(response.Errors);
            Assert.Equal(("FORBIDDEN", "POLICY"), (GraphResponse.CodeOf(error), error.GetProperty("extensions").GetProperty("reason").GetString()));
            Assert.Equal($"Not authorised to perform Mutation.{field}.", error.GetProperty("message").GetString());
        }
        Assert.Equal(before.GetProperty("rowVersion").GetInt32(), (await StatementAsync(4, "03C")).GetProperty("rowVersion").GetInt32());
    }

    [Fact]
    public async Task The_associate_without_the_scope_is_refused_naming_the_scope()
    {
        var statement = await StatementAsync(3, "02B");
        var input = new { statementId = statement.GetProperty("id").GetString(), expectedRowVersion = statement.GetProperty("rowVersion").GetInt32() };

        var response = await graph.PostAsync("02B", Agree, new { input }, purpose: null, scopes: ["returns:submit"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal("MISSING_SCOPE", error.GetProperty("extensions").GetProperty("reason").GetString());
        Assert.Contains("recharges:respond", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_associate_reads_its_own_statements_without_a_purpose_and_the_arrangements_only_for_lead_commissioning()
    {
        const string own = """{ consortium(code: "02B") { arrangementStatements(year: "2013-14") { month cost arrangement { code } } } }""";
        const string all = """{ leadCommissioningArrangement(code: "LCA-ACUTE-RNV") { statements(year: "2013-14") { month associate { code } cost } } }""";

        var mine = await graph.PostAsync("02B", own, purpose: null);
        var wrongPurpose = await graph.PostAsync("01A", all, purpose: PurposeOfUse.Jsna);
        var lead = await graph.PostAsync("01A", all, purpose: PurposeOfUse.LeadCommissioning);

        Assert.True(mine.Errors.Count == 0, mine.ToString());
        Assert.Equal(6, mine.At("consortium.arrangementStatements").GetArrayLength());
        // The arrangement's list is the lead's: another party reads it only for a purpose that covers it.
        var noPurpose = await graph.PostAsync("02B", all, purpose: null);
        Assert.Equal("PURPOSE_REQUIRED", Assert.Single(noPurpose.Errors).GetProperty("extensions").GetProperty("reason").GetString());
        Assert.Contains(wrongPurpose.Errors, e => e.GetProperty("extensions").GetProperty("reason").GetString() == "PURPOSE_NOT_PERMITTED");
        Assert.True(lead.Errors.Count == 0, lead.ToString());
        Assert.Equal(12, lead.At("leadCommissioningArrangement.statements").GetArrayLength());
    }
}
