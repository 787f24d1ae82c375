using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// Confirming a pool contribution over HTTP with real tokens: only the contributing partner (a consortium or a council)
/// confirms its own contribution; the host records, it does not confirm for a partner.
/// </summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class PoolConfirmationAuthorizationTests(AuthorizedGraphFixture graph)
{
    private const string Confirm = """
        mutation($input: ConfirmPoolContributionInput!) { confirmPoolContribution(input: $input) { contribution { partnerCode confirmedAt } userErrors { code path } } }
        """;

    private async Task<int> PoolVersionAsync(string code)
    {
        var response = await graph.PostAsync("X24", $$"""{ pooledBudget(code: "{{code}}") { rowVersion } }""", purpose: PurposeOfUse.PooledBudgetManagement);
        Assert.True(response.Errors.Count == 0, response.ToString());
        return response.At("pooledBudget.rowVersion").GetInt32();
    }

    [Theory]
    [InlineData("E06000002")]   // the host records contributions; it does not confirm 03C's
    [InlineData("E10000001")]
    [InlineData("X24")]
    [InlineData("01A")]
    public async Task No_one_but_the_contributing_partner_confirms_a_contribution(string caller)
    {
        var version = await PoolVersionAsync("POOL-IC-RS");
        var response = await graph.PostAsync(caller, Confirm,
            new { input = new { pooledBudgetCode = "POOL-IC-RS", partnerCode = "03C", year = "2013-14", amount = "9800000.00", expectedRowVersion = version } },
            purpose: PurposeOfUse.PooledBudgetManagement, scopes: ["pool:confirm"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal(("FORBIDDEN", "POLICY"), (GraphResponse.CodeOf(error), error.GetProperty("extensions").GetProperty("reason").GetString()));
        Assert.Equal("Not authorised to perform Mutation.confirmPoolContribution.", error.GetProperty("message").GetString());
        Assert.Equal(version, await PoolVersionAsync("POOL-IC-RS"));
    }

    [Fact]
    public async Task A_council_partner_confirms_its_own_contribution()
    {
        var version = await PoolVersionAsync("POOL-IC-RS");
        var response = await graph.PostAsync("E06000002", Confirm,
            new { input = new { pooledBudgetCode = "POOL-IC-RS", partnerCode = "E06000002", year = "2013-14", amount = "6500000.00", expectedRowVersion = version } },
            purpose: PurposeOfUse.PooledBudgetManagement, scopes: ["pool:confirm"]);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal(0, response.At("confirmPoolContribution.userErrors").GetArrayLength());
        Assert.Equal("E06000002", response.At("confirmPoolContribution.contribution.partnerCode").GetString());
    }
}
