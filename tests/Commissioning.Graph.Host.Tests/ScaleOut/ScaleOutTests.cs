using System.Text.Json;
using Commissioning.Graph.Engine;
using Microsoft.AspNetCore.Builder;

namespace Commissioning.Graph.Host.Tests.ScaleOut;

/// <summary>Two instances over one database and one Redis: what one instance learns, the other knows.</summary>
public sealed class ScaleOutTests(TwoInstances cluster, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TwoInstances>
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_document_registered_through_one_instance_is_served_by_the_other()
    {
        const string query = "{ consortium(code: \"01A\") { name } }";
        var hash = PreparedDocument.ComputeHash(query)["sha256:".Length..];
        var token = TwoInstances.Token(cluster.A, "01A", "apq-test");
        var persisted = new { version = 1, sha256Hash = hash };

        var (unknownStatus, _, unknown) = await TwoInstances.PostAsync(cluster.B, token, new { extensions = new { persistedQuery = persisted } });
        Assert.Equal("PERSISTED_DOCUMENT_NOT_FOUND", Code(unknown));

        var (registered, _, first) = await TwoInstances.PostAsync(cluster.A, token, new { query, extensions = new { persistedQuery = persisted } });
        Assert.Equal(200, registered);
        Assert.Equal("Northvale North Commissioning Consortium", first.GetProperty("data").GetProperty("consortium").GetProperty("name").GetString());

        var (status, _, served) = await TwoInstances.PostAsync(cluster.B, token, new { extensions = new { persistedQuery = persisted } });
        Assert.Equal(200, status);
        Assert.Equal("Northvale North Commissioning Consortium", served.GetProperty("data").GetProperty("consortium").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_document_that_does_not_validate_is_not_registered()
    {
        const string query = "{ consortium(code: \"01A\") { noSuchField } }";
        var hash = PreparedDocument.ComputeHash(query)["sha256:".Length..];
        var token = TwoInstances.Token(cluster.A, "01A", "apq-invalid-test");
        var persisted = new { version = 1, sha256Hash = hash };
        var (_, _, refused) = await TwoInstances.PostAsync(cluster.A, token, new { query, extensions = new { persistedQuery = persisted } });
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", Code(refused));
        var (_, _, lookup) = await TwoInstances.PostAsync(cluster.B, token, new { extensions = new { persistedQuery = persisted } });
        Assert.Equal("PERSISTED_DOCUMENT_NOT_FOUND", Code(lookup));
    }

    [Fact]
    public async Task A_subscriber_on_one_instance_receives_the_event_of_a_mutation_on_the_other_and_only_what_it_may_read()
    {
        var nhscb = TwoInstances.Token(cluster.A, "X24", "events-test", "returns:review");
        var ownReturn01A = await SubmittedReturnAsync("01A", nhscb);
        var ownReturn02B = await SubmittedReturnAsync("02B", nhscb);

        // 01A subscribes on B to reviews of any return it may read; 02B likewise.
        await using var subscriber01A = await SubscriptionClient.ConnectAsync(cluster.B, TwoInstances.Token(cluster.B, "01A", "events-test"), "FINANCIAL_ASSURANCE");
        await using var subscriber02B = await SubscriptionClient.ConnectAsync(cluster.B, TwoInstances.Token(cluster.B, "02B", "events-test"), "FINANCIAL_ASSURANCE");
        await subscriber01A.SubscribeAsync("r", "subscription WatchReviews { financialReturnReviewed { id status queryReason consortium { code } } }");
        await subscriber02B.SubscribeAsync("r", "subscription WatchReviews { financialReturnReviewed { id status consortium { code } } }");
        // The NHS CB watches on B too: its deliveries cross an organisation boundary, so they are disclosures.
        await using var subscriberX24 = await SubscriptionClient.ConnectAsync(cluster.B, TwoInstances.Token(cluster.B, "X24", "events-test"), "FINANCIAL_ASSURANCE");
        await subscriberX24.SubscribeAsync("r", "subscription BoardWatchesReviews { financialReturnReviewed { id status } }");
        await WaitForSubscribersAsync(3);

        // The NHS CB queries 01A's return on A, then 02B's.
        await QueryReturnAsync(ownReturn01A, nhscb, "Figures for month 1 do not reconcile.");
        var committed = System.Diagnostics.Stopwatch.StartNew();
        var received = await subscriber01A.ReceiveAsync(EventTimeout);
        output.WriteLine($"event from a mutation on A received by a subscriber on B {committed.Elapsed.TotalMilliseconds:0} ms after the mutation's response ({cluster.Provider})");
        Assert.Equal("next", received.GetProperty("type").GetString());
        var evt = received.GetProperty("payload").GetProperty("data").GetProperty("financialReturnReviewed");
        Assert.Equal(ownReturn01A.Id, evt.GetProperty("id").GetString());
        Assert.Equal("QUERIED", evt.GetProperty("status").GetString());
        Assert.Equal("01A", evt.GetProperty("consortium").GetProperty("code").GetString());

        await QueryReturnAsync(ownReturn02B, nhscb, "Please explain the variance.");
        // 02B's first event is its own return: 01A's, which it may not read, was never sent to it.
        var first02B = await subscriber02B.ReceiveAsync(EventTimeout);
        Assert.Equal(ownReturn02B.Id, first02B.GetProperty("payload").GetProperty("data").GetProperty("financialReturnReviewed").GetProperty("id").GetString());

        var boardEvent = await subscriberX24.ReceiveAsync(EventTimeout);
        Assert.Equal(ownReturn01A.Id, boardEvent.GetProperty("payload").GetProperty("data").GetProperty("financialReturnReviewed").GetProperty("id").GetString());

        // The delivery of 01A's return to the NHS CB was recorded in the disclosure register, as a query's would be;
        // the delivery of 01A's own return to 01A discloses nothing (DOMAIN.md: own data records no disclosure).
        var token01A = TwoInstances.Token(cluster.A, "01A", "events-test");
        var nodes = (await TwoInstances.DataAsync(cluster.A, token01A,
            "{ disclosures(first: 50) { nodes { callerOrganisation owningOrganisation operationName operationType } } }"))
            .GetProperty("disclosures").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Contains(nodes, n =>
            n.GetProperty("operationName").GetString() == "BoardWatchesReviews" && n.GetProperty("callerOrganisation").GetString() == "X24"
            && n.GetProperty("owningOrganisation").GetString() == "01A" && n.GetProperty("operationType").GetString() == "subscription");
        Assert.DoesNotContain(nodes, n => n.GetProperty("operationName").GetString() == "WatchReviews");
    }

    [Fact]
    public async Task The_consortium_asked_and_the_board_hear_of_a_request_for_information_made_on_the_other_instance_and_another_consortium_is_refused()
    {
        // 03C watches its own requests on B; the NHS CB watches 03C's for assurance; 01A may not watch 03C's at all.
        await using var subscriber03C = await SubscriptionClient.ConnectAsync(cluster.B, TwoInstances.Token(cluster.B, "03C", "events-test"), "ASSURANCE");
        await using var subscriberX24 = await SubscriptionClient.ConnectAsync(cluster.B, TwoInstances.Token(cluster.B, "X24", "events-test"), "ASSURANCE");
        await using var subscriber01A = await SubscriptionClient.ConnectAsync(cluster.B, TwoInstances.Token(cluster.B, "01A", "events-test"), "ASSURANCE");
        await subscriber03C.SubscribeAsync("i", "subscription WatchOwnRequests { informationRequested(consortium: \"03C\") { id question dueOn consortium { code } } }");
        await subscriberX24.SubscribeAsync("i", "subscription BoardWatchesRequests { informationRequested(consortium: \"03C\") { question } }");
        await subscriber01A.SubscribeAsync("i", "subscription WatchOthersRequests { informationRequested(consortium: \"03C\") { question } }");

        // 01A is refused when it subscribes, saying why (as the query of 03C's requests would refuse it).
        var refusal = await subscriber01A.ReceiveAsync(EventTimeout);
        Assert.Equal("error", refusal.GetProperty("type").GetString());
        var error = refusal.GetProperty("payload")[0];
        Assert.Equal(("FORBIDDEN", "POLICY"), (error.GetProperty("extensions").GetProperty("code").GetString(), error.GetProperty("extensions").GetProperty("reason").GetString()));
        Assert.Equal([["self"], ["nhscb"]], error.GetProperty("extensions").GetProperty("policies").EnumerateArray().Select(a => a.EnumerateArray().Select(p => p.GetString()).ToArray()));
        await WaitForSubscribersAsync("informationRequested", 2);

        // The NHS CB asks 03C on A.
        var nhscb = TwoInstances.Token(cluster.A, "X24", "events-test", "information:request");
        var asked = await TwoInstances.DataAsync(cluster.A, nhscb,
            "mutation($input: RequestInformationInput!) { requestInformation(input: $input) { informationRequest { id } userErrors { message } } }",
            new { input = new { consortiumCode = "03C", question = "Send the quarter 3 activity forecast.", requestedOn = "2013-12-02", dueOn = "2013-12-16" } },
            purpose: "ASSURANCE");
        Assert.Equal(0, asked.GetProperty("requestInformation").GetProperty("userErrors").GetArrayLength());
        var id = asked.GetProperty("requestInformation").GetProperty("informationRequest").GetProperty("id").GetString();

        var own = (await subscriber03C.ReceiveAsync(EventTimeout)).GetProperty("payload").GetProperty("data").GetProperty("informationRequested");
        Assert.Equal((id, "Send the quarter 3 activity forecast.", "2013-12-16", "03C"),
            (own.GetProperty("id").GetString(), own.GetProperty("question").GetString(), own.GetProperty("dueOn").GetString(), own.GetProperty("consortium").GetProperty("code").GetString()));
        var board = (await subscriberX24.ReceiveAsync(EventTimeout)).GetProperty("payload").GetProperty("data").GetProperty("informationRequested");
        Assert.Equal("Send the quarter 3 activity forecast.", board.GetProperty("question").GetString());

        // The delivery to the NHS CB of 03C's request is a disclosure; to 03C itself, none.
        var nodes = (await TwoInstances.DataAsync(cluster.A, TwoInstances.Token(cluster.A, "03C", "events-test"),
            "{ disclosures(first: 50) { nodes { callerOrganisation owningOrganisation operationName operationType schemaCoordinates } } }"))
            .GetProperty("disclosures").GetProperty("nodes").EnumerateArray().ToList();
        var disclosed = Assert.Single(nodes, n => n.GetProperty("operationName").GetString() == "BoardWatchesRequests");
        Assert.Equal(("X24", "03C", "subscription"), (disclosed.GetProperty("callerOrganisation").GetString(), disclosed.GetProperty("owningOrganisation").GetString(),
            disclosed.GetProperty("operationType").GetString()));
        Assert.Contains("InformationRequest.question", disclosed.GetProperty("schemaCoordinates").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain(nodes, n => n.GetProperty("operationName").GetString() == "WatchOwnRequests");
    }

    [Fact]
    public async Task Rate_limits_count_the_operations_sent_to_both_instances()
    {
        var token = TwoInstances.Token(cluster.A, "03C", "rate-limit-test");
        var body = new { query = "{ consortium(code: \"03C\") { code } }" };
        for (var i = 0; i < TwoInstances.PermitLimit; i++)
        {
            var (status, _, response) = await TwoInstances.PostAsync(i % 2 == 0 ? cluster.A : cluster.B, token, body);
            Assert.True(status == 200, $"request {i + 1}: {status} {response}");
        }
        var (limited, retryAfter, refused) = await TwoInstances.PostAsync(cluster.B, token, body);
        Assert.Equal(429, limited);
        Assert.Equal("RATE_LIMITED", Code(refused));
        Assert.True(int.TryParse(retryAfter, out var seconds) && seconds >= 1, $"Retry-After: {retryAfter}");
        Assert.Equal(seconds, refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("retryAfter").GetInt32());

        // Another client application of the same organisation has its own allowance.
        var other = TwoInstances.Token(cluster.A, "03C", "rate-limit-test-other");
        var (allowed, _, _) = await TwoInstances.PostAsync(cluster.A, other, body);
        Assert.Equal(200, allowed);
    }

    private sealed record ReturnRef(string Id, int RowVersion);

    /// <summary>A latest-version SUBMITTED return of <paramref name="consortium"/> (the demonstration data has several).</summary>
    private async Task<ReturnRef> SubmittedReturnAsync(string consortium, string nhscbToken)
    {
        var data = await TwoInstances.DataAsync(cluster.A, nhscbToken,
            $"{{ consortium(code: \"{consortium}\") {{ financialReturns(year: \"2013-14\", latestVersionOnly: true, first: 12) {{ nodes {{ id status rowVersion }} }} }} }}",
            purpose: "FINANCIAL_ASSURANCE");
        var submitted = data.GetProperty("consortium").GetProperty("financialReturns").GetProperty("nodes").EnumerateArray()
            .First(n => n.GetProperty("status").GetString() == "SUBMITTED");
        return new ReturnRef(submitted.GetProperty("id").GetString()!, submitted.GetProperty("rowVersion").GetInt32());
    }

    private async Task QueryReturnAsync(ReturnRef r, string nhscbToken, string reason)
    {
        var data = await TwoInstances.DataAsync(cluster.A, nhscbToken,
            "mutation($input: QueryFinancialReturnInput!) { queryFinancialReturn(input: $input) { userErrors { message } } }",
            new { input = new { id = r.Id, expectedRowVersion = r.RowVersion, reason } }, purpose: "FINANCIAL_ASSURANCE");
        Assert.Equal(0, data.GetProperty("queryFinancialReturn").GetProperty("userErrors").GetArrayLength());
    }

    /// <summary>Subscriptions are live once their source stream has subscribed to the bus: wait for that, bounded.</summary>
    private Task WaitForSubscribersAsync(int count) => WaitForSubscribersAsync("financialReturnReviewed", count);

    private async Task WaitForSubscribersAsync(string topic, int count)
    {
        var bus = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Commissioning.Graph.Modules.Shared.Events.InMemoryGraphEventBus>(cluster.B.Services);
        var deadline = DateTime.UtcNow + EventTimeout;
        while (bus.SubscriberCount(topic) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the subscriptions did not start");
            await Task.Delay(20);
        }
    }

    private static string? Code(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;
}
