using System.Diagnostics;
using System.Text.Json;
using Commissioning.Graph.Engine;
using Xunit.Abstractions;

namespace Commissioning.Graph.Host.Tests.ScaleOut;

/// <summary>
/// Redis killed (SIGKILL, by PID) under load and started again: no request that does not need Redis fails, a
/// request that does gets a clear error, and persisted documents and subscriptions work again once it is back.
/// Prints the figures (requests, failures, recovery time).
/// </summary>
public sealed class RedisOutageTests(TwoInstancesUnderLoad cluster, ITestOutputHelper output) : IClassFixture<TwoInstancesUnderLoad>
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killing_Redis_under_load_fails_no_request_that_does_not_need_it_and_everything_recovers_when_it_returns()
    {
        var token = TwoInstances.Token(cluster.A, "01A", "outage-test");
        var body = new { query = "{ consortium(code: \"01A\") { code name } }" };
        var board = (await TwoInstances.DataAsync(cluster.A, token, "{ consortium(code: \"01A\") { healthAndWellbeingBoards { code localAuthority { code } } } }"))
            .GetProperty("consortium").GetProperty("healthAndWellbeingBoards")[0];
        var boardCode = board.GetProperty("code").GetString()!;
        var authority = board.GetProperty("localAuthority").GetProperty("code").GetString()!;

        // A subscriber on B, before the outage.
        await using var subscriber = await SubscriptionClient.ConnectAsync(cluster.B, TwoInstances.Token(cluster.B, authority, "outage-test"), "JSNA");
        await subscriber.SubscribeAsync("j", $"subscription {{ jsnaContributionSubmitted(board: \"{boardCode}\") {{ topic consortium {{ code }} }} }}");
        await SubmitAndReceiveAsync(subscriber, token, boardCode, "before the outage", TimeSpan.FromSeconds(10));

        // Load on both instances; Redis is killed a third of the way through and stays down.
        const int requests = 300;
        var failures = new List<string>();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            if (i == requests / 3) await cluster.Redis.KillAsync();
            var (status, _, response) = await TwoInstances.PostAsync(i % 2 == 0 ? cluster.A : cluster.B, token, body);
            if (status != 200 || response.TryGetProperty("errors", out _)) failures.Add($"{i}: {status} {response}");
        }
        var loadTime = sw.Elapsed;
        Assert.Empty(failures);

        // While Redis is down: an unknown persisted document is a clear error; sending the text still works (not registered).
        const string query = "{ consortium(code: \"02B\") { name } }";
        var persisted = new { version = 1, sha256Hash = PreparedDocument.ComputeHash(query)["sha256:".Length..] };
        var (_, _, unavailable) = await TwoInstances.PostAsync(cluster.B, token, new { extensions = new { persistedQuery = persisted } });
        var error = unavailable.GetProperty("errors")[0].GetProperty("extensions");
        Assert.Equal("PERSISTED_DOCUMENT_NOT_FOUND", error.GetProperty("code").GetString());
        Assert.Equal("STORE_UNAVAILABLE", error.GetProperty("reason").GetString());
        var (withText, _, served) = await TwoInstances.PostAsync(cluster.A, token, new { query, extensions = new { persistedQuery = persisted } });
        Assert.True(withText == 200 && served.GetProperty("data").GetProperty("consortium").ValueKind == JsonValueKind.Object, served.ToString());

        // Redis returns: a document registered through A is served by B, and B's subscriber receives A's events again.
        await cluster.Redis.RestartAsync();
        var recovery = Stopwatch.StartNew();
        while (true)
        {
            Assert.True(recovery.Elapsed < RecoveryTimeout, "persisted documents did not recover");
            await TwoInstances.PostAsync(cluster.A, token, new { query, extensions = new { persistedQuery = persisted } });
            var (_, _, lookup) = await TwoInstances.PostAsync(cluster.B, token, new { extensions = new { persistedQuery = persisted } });
            if (lookup.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object) break;
            await Task.Delay(100);
        }
        var documentsRecovered = recovery.Elapsed;
        var attempt = 0;
        while (true)
        {
            Assert.True(recovery.Elapsed < RecoveryTimeout, "subscriptions did not recover");
            // An event published while A has not yet reconnected reaches A's own subscribers only: publish again until one arrives.
            if (await SubmitAndReceiveAsync(subscriber, token, boardCode, $"after the outage {attempt++}", TimeSpan.FromSeconds(1), mustArrive: false)) break;
        }
        var subscriptionsRecovered = recovery.Elapsed;
        output.WriteLine($"Redis outage: {requests} requests over two instances in {loadTime.TotalSeconds:0.0} s, Redis SIGKILLed after {requests / 3}; " +
                         $"{failures.Count} failed. After restart: persisted documents shared again in {documentsRecovered.TotalMilliseconds:0} ms, " +
                         $"subscription events across instances in {subscriptionsRecovered.TotalMilliseconds:0} ms ({attempt} event(s) published). Database: {cluster.Provider}.");
    }

    /// <summary>Submits a JSNA contribution as 01A on A; true when the subscriber (on B) receives it within <paramref name="timeout"/>.</summary>
    private async Task<bool> SubmitAndReceiveAsync(SubscriptionClient subscriber, string token01A, string board, string topic, TimeSpan timeout, bool mustArrive = true)
    {
        var jsnaToken = TwoInstances.Token(cluster.A, "01A", "outage-test", "jsna:write");
        var data = await TwoInstances.DataAsync(cluster.A, jsnaToken,
            "mutation($input: SubmitJsnaContributionInput!) { submitJsnaContribution(input: $input) { userErrors { message } } }",
            new { input = new { healthAndWellbeingBoardCode = board, year = "2013-14", consortiumCode = "01A", topic, narrative = "Outage test.", indicators = Array.Empty<object>() } },
            purpose: "JSNA");
        Assert.Equal(0, data.GetProperty("submitJsnaContribution").GetProperty("userErrors").GetArrayLength());
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) { Assert.False(mustArrive, $"no event for \"{topic}\""); return false; }
            JsonElement message;
            try { message = await subscriber.ReceiveAsync(left); }
            catch (TimeoutException) { Assert.False(mustArrive, $"no event for \"{topic}\""); return false; }
            var evt = message.GetProperty("payload").GetProperty("data").GetProperty("jsnaContributionSubmitted");
            // Events of earlier attempts may arrive late; only this one counts.
            if (evt.GetProperty("topic").GetString() == topic) return true;
        }
    }
}
