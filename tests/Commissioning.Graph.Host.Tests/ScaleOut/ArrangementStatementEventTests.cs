using System.Text.Json;
using Commissioning.Graph.Modules.Shared.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Host.Tests.ScaleOut;

/// <summary>
/// <c>arrangementStatementIssued</c> across two instances through Redis: a statement the lead issues on one instance reaches
/// the subscribers on the other that may read it — the lead, that statement's associate (never another associate) and the
/// NHS CB — and a caller who is no party of the arrangement is refused when it subscribes, saying why.
/// </summary>
public sealed class ArrangementStatementEventTests(TwoInstances cluster) : IClassFixture<TwoInstances>
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);
    private const string Watch = "subscription WatchStatements { arrangementStatementIssued(arrangement: \"LCA-ACUTE-RNV\") { id month status cost associate { code } } }";

    [Fact]
    public async Task The_associate_receives_its_statement_another_associate_does_not_and_the_leads_delivery_is_a_disclosure()
    {
        await using var associate03C = await SubscriptionClient.ConnectAsync(cluster.B, TwoInstances.Token(cluster.B, "03C", "statements-test"), "LEAD_COMMISSIONING");
        await using var associate02B = await SubscriptionClient.ConnectAsync(cluster.B, TwoInstances.Token(cluster.B, "02B", "statements-test"), "LEAD_COMMISSIONING");
        await using var lead = await SubscriptionClient.ConnectAsync(cluster.B, TwoInstances.Token(cluster.B, "01A", "statements-test"), "LEAD_COMMISSIONING");
        await associate03C.SubscribeAsync("s", Watch);
        await associate02B.SubscribeAsync("s", Watch);
        await lead.SubscribeAsync("s", "subscription LeadWatchesStatements { arrangementStatementIssued(arrangement: \"LCA-ACUTE-RNV\") { id month associate { code } } }");
        await WaitForSubscribersAsync(3);

        // 01A re-issues 03C's month-6 statement on instance A, then 02B's.
        var issued03C = await ReissueAsync("03C", 6);
        var received = await associate03C.ReceiveAsync(EventTimeout);
        Assert.Equal("next", received.GetProperty("type").GetString());
        var evt = received.GetProperty("payload").GetProperty("data").GetProperty("arrangementStatementIssued");
        Assert.Equal((issued03C, 6, "ISSUED", "03C"), (evt.GetProperty("id").GetString(), evt.GetProperty("month").GetInt32(),
            evt.GetProperty("status").GetString(), evt.GetProperty("associate").GetProperty("code").GetString()));
        // 03C's share of month 6: 20% of £26,780,000.00 = £5,356,000.00.
        Assert.Equal("5356000.00", evt.GetProperty("cost").GetString());

        var issued02B = await ReissueAsync("02B", 6);
        // 02B's first event is its own statement: 03C's, which it may not receive, was never sent to it.
        var first02B = await associate02B.ReceiveAsync(EventTimeout);
        Assert.Equal(issued02B, first02B.GetProperty("payload").GetProperty("data").GetProperty("arrangementStatementIssued").GetProperty("id").GetString());

        // The lead receives both, in order.
        var leadEvents = new[] { await lead.ReceiveAsync(EventTimeout), await lead.ReceiveAsync(EventTimeout) };
        Assert.Equal([issued03C, issued02B], leadEvents.Select(e => e.GetProperty("payload").GetProperty("data").GetProperty("arrangementStatementIssued").GetProperty("id").GetString()).ToArray());

        // The delivery of 03C's statement to its lead crossed an organisation boundary: a disclosure, as a query's would be;
        // the delivery of 03C's own statement to 03C discloses nothing.
        var nodes = (await TwoInstances.DataAsync(cluster.A, TwoInstances.Token(cluster.A, "03C", "statements-test"),
            "{ disclosures(first: 50) { nodes { callerOrganisation owningOrganisation operationName operationType } } }"))
            .GetProperty("disclosures").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Contains(nodes, n => n.GetProperty("operationName").GetString() == "LeadWatchesStatements" && n.GetProperty("callerOrganisation").GetString() == "01A"
            && n.GetProperty("owningOrganisation").GetString() == "03C" && n.GetProperty("operationType").GetString() == "subscription");
        Assert.DoesNotContain(nodes, n => n.GetProperty("operationName").GetString() == "WatchStatements");
    }

    [Theory]
    [InlineData("RNV")]         // the provider is not a party of the arrangement
    [InlineData("E10000001")]
    [InlineData("A01001")]
    public async Task A_subscriber_that_is_no_party_of_the_arrangement_is_refused_saying_why(string caller)
    {
        await using var client = await SubscriptionClient.ConnectAsync(cluster.B, TwoInstances.Token(cluster.B, caller, "statements-test"), "LEAD_COMMISSIONING");
        await client.SubscribeAsync("s", Watch);

        var refused = await client.ReceiveAsync(EventTimeout);
        Assert.Equal("error", refused.GetProperty("type").GetString());
        var error = Assert.Single(refused.GetProperty("payload").EnumerateArray());
        Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("POLICY", error.GetProperty("extensions").GetProperty("reason").GetString());
        Assert.Contains("Subscription.arrangementStatementIssued", error.GetProperty("message").GetString());
    }

    /// <summary>01A re-issues an associate's statement on instance A; its global id.</summary>
    private async Task<string> ReissueAsync(string associate, int month)
    {
        var token = TwoInstances.Token(cluster.A, "01A", "statements-test", "recharges:issue");
        var read = await TwoInstances.DataAsync(cluster.A, token,
            $$"""{ leadCommissioningArrangement(code: "LCA-ACUTE-RNV") { statements(year: "2013-14", month: {{month}}, associate: "{{associate}}") { id rowVersion } } }""",
            purpose: "LEAD_COMMISSIONING");
        var statement = read.GetProperty("leadCommissioningArrangement").GetProperty("statements")[0];
        var issued = await TwoInstances.DataAsync(cluster.A, token,
            "mutation($input: IssueArrangementStatementInput!) { issueArrangementStatement(input: $input) { statement { id } userErrors { message } } }",
            new { input = new { arrangementCode = "LCA-ACUTE-RNV", associateCode = associate, year = "2013-14", month, expectedRowVersion = statement.GetProperty("rowVersion").GetInt32() } },
            purpose: "LEAD_COMMISSIONING");
        Assert.Equal(0, issued.GetProperty("issueArrangementStatement").GetProperty("userErrors").GetArrayLength());
        return issued.GetProperty("issueArrangementStatement").GetProperty("statement").GetProperty("id").GetString()!;
    }

    /// <summary>Subscriptions are live once their source stream has subscribed to the bus: wait for that, bounded.</summary>
    private async Task WaitForSubscribersAsync(int count)
    {
        var bus = cluster.B.Services.GetRequiredService<InMemoryGraphEventBus>();
        var deadline = DateTime.UtcNow + EventTimeout;
        while (bus.SubscriberCount(GraphEventTopics.ArrangementStatementIssued) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the subscriptions did not start");
            await Task.Delay(20);
        }
    }
}
