using System.Text.Json;

namespace Commissioning.Graph.Server.Tests.Governance;

/// <summary>
/// The caller reaches the resolvers through the operation's typed scope (<see cref="GraphQLRequestContext.Scope"/>), one per
/// request and one per subscription event: concurrent requests, and concurrent subscriptions' events, each execute and
/// are recorded as their own caller.
/// </summary>
public sealed class RequestCallerTests
{
    [Fact]
    public async Task Concurrent_requests_of_different_callers_each_execute_and_are_recorded_as_their_own_caller()
    {
        await using var host = await DisclosureTestHost.StartAsync();
        var orgs = Enumerable.Range(0, 24).Select(i => $"ORG{i:00}").ToArray();
        var responses = await Task.WhenAll(orgs.Select(org => host.PostAsync(org, "{ caller lines(owner: \"OWNER\", count: 2) }")));

        for (var i = 0; i < orgs.Length; i++)
        {
            Assert.Equal(200, responses[i].Status);
            Assert.Equal($"{orgs[i]}/FINANCIAL_ASSURANCE", responses[i].Body.GetProperty("data").GetProperty("caller").GetString());
        }
        var records = await host.RecordsAsync();
        // One record per request, each its own caller's, each with that request's two lines only.
        Assert.Equal(orgs, records.Select(r => r.CallerOrganisation).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(("OWNER", 2, "app-" + r.CallerOrganisation), (r.OwningOrganisation, r.Records, r.ClientApplicationId)));
    }

    [Fact]
    public async Task Each_event_of_concurrent_subscriptions_executes_as_its_subscriber()
    {
        await using var host = await DisclosureTestHost.StartAsync();
        const string query = "subscription Ticks { ticks(owner: \"02B\", count: 5) { n caller } }";
        var runs = await Task.WhenAll(
            DisclosureRegisterInterceptorTests.SubscribeAsync(host, query, "01A"),
            DisclosureRegisterInterceptorTests.SubscribeAsync(host, query, "X24"));

        foreach (var (messages, org) in runs.Zip(new[] { "01A", "X24" }))
        {
            var events = messages.Where(m => m.GetProperty("type").GetString() == "next")
                .Select(m => m.GetProperty("payload").GetProperty("data").GetProperty("ticks")).ToList();
            Assert.Equal([1, 2, 3, 4, 5], events.Select(e => e.GetProperty("n").GetInt32()));
            Assert.All(events, e => Assert.Equal($"{org}/FINANCIAL_ASSURANCE", e.GetProperty("caller").GetString()));
        }
        var records = await host.RecordsAsync();
        // Five events each, each recorded on its own as its subscriber's.
        Assert.Equal(5, records.Count(r => r.CallerOrganisation == "01A"));
        Assert.Equal(5, records.Count(r => r.CallerOrganisation == "X24"));
        Assert.All(records, r => Assert.Equal(("02B", 1), (r.OwningOrganisation, r.Records)));
    }
}
