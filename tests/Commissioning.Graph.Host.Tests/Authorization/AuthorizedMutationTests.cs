using System.Text.Json;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>A mutation's policies are decided on its input before it runs: the right caller's mutations work
/// (user errors included), the wrong caller's are refused without writing (see <see cref="AuthorizationLeakTests"/>).</summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class AuthorizedMutationTests(AuthorizedGraphFixture graph)
{
    [Fact]
    public async Task A_consortium_submitting_its_own_invalid_return_gets_user_errors_not_forbidden()
    {
        const string mutation = """
            mutation Submit($input: SubmitFinancialReturnInput!) { submitFinancialReturn(input: $input) { financialReturn { id } userErrors { code path } } }
            """;
        var input = new
        {
            consortiumCode = "01A", year = "2013-14", month = 13,
            lines = new[] { new { category = "ACUTE", plan = "1", yearToDateActual = "1", forecastOutturn = "1" } },
            runningCosts = new { plan = "1", yearToDateActual = "1", forecastOutturn = "1" },
            capital = new { plan = "0", yearToDateActual = "0", forecastOutturn = "0" },
        };

        var response = await graph.PostAsync("01A", mutation, new { input }, scopes: ["returns:submit"]);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal(JsonValueKind.Null, response.At("submitFinancialReturn.financialReturn").ValueKind);
        Assert.NotEqual(0, response.At("submitFinancialReturn.userErrors").GetArrayLength());
    }

    [Fact]
    public async Task The_nhs_cb_accepts_a_submitted_return()
    {
        var list = await graph.PostAsync("X24", """{ consortium(code: "02B") { financialReturns(year: "2013-14", status: SUBMITTED) { nodes { id rowVersion } } } }""",
            purpose: PurposeOfUse.FinancialAssurance);
        var submitted = list.At("consortium.financialReturns.nodes.0");
        const string mutation = """
            mutation Accept($input: AcceptFinancialReturnInput!) { acceptFinancialReturn(input: $input) { financialReturn { id status consortium { code } } userErrors { code } } }
            """;
        var input = new { id = submitted.GetProperty("id").GetString(), expectedRowVersion = submitted.GetProperty("rowVersion").GetInt32() };

        var refused = await graph.PostAsync("02B", mutation, new { input }, purpose: PurposeOfUse.FinancialAssurance, scopes: ["returns:review"]);
        var accepted = await graph.PostAsync("X24", mutation, new { input }, purpose: PurposeOfUse.FinancialAssurance, scopes: ["returns:review"]);

        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(Assert.Single(refused.Errors)));
        Assert.True(accepted.Errors.Count == 0, accepted.ToString());
        Assert.Equal("ACCEPTED", accepted.At("acceptFinancialReturn.financialReturn.status").GetString());
        Assert.Equal("02B", accepted.At("acceptFinancialReturn.financialReturn.consortium.code").GetString());
    }

    [Fact]
    public async Task The_host_of_a_pool_records_a_partners_contribution()
    {
        var pool = await graph.PostAsync("E10000001", """{ pooledBudget(code: "POOL-LD-NV") { rowVersion contributions(year: "2013-14") { partnerCode amount } } }""",
            purpose: PurposeOfUse.PooledBudgetManagement);
        const string mutation = """
            mutation Record($input: RecordPoolContributionInput!) { recordPoolContribution(input: $input) { contribution { partnerCode amount } userErrors { code } } }
            """;
        // The same figure again: the host's write goes through and the demonstration data stays as it was.
        var input = new { pooledBudgetCode = "POOL-LD-NV", partnerCode = "02B", year = "2013-14", amount = "5400000", expectedRowVersion = pool.At("pooledBudget.rowVersion").GetInt32() };

        var response = await graph.PostAsync("E10000001", mutation, new { input }, purpose: PurposeOfUse.PooledBudgetManagement, scopes: ["pool:write"]);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal("02B", response.At("recordPoolContribution.contribution.partnerCode").GetString());
        Assert.Equal(5400000m, decimal.Parse(response.At("recordPoolContribution.contribution.amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
