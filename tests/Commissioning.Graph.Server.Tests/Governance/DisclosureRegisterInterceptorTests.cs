using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Commissioning.Graph.Modules.Governance;
using Commissioning.Graph.Host.Governance;
using Microsoft.AspNetCore.TestHost;

namespace Commissioning.Graph.Server.Tests.Governance;

/// <summary>Each response that discloses restricted data writes one register record per owning organisation before it is sent.</summary>
public sealed class DisclosureRegisterInterceptorTests
{
    [Fact]
    public async Task A_response_disclosing_two_organisations_data_writes_one_record_for_each()
    {
        await using var host = await DisclosureTestHost.StartAsync();
        var (status, body, _) = await host.PostAsync("X24",
            "query Returns { a: lines(owner: \"01A\", count: 6) d: duties(owner: \"01A\") b: lines(owner: \"02B\", count: 2) b2: lines(owner: \"02B\", count: 1) hello }",
            "Returns");
        Assert.Equal(200, status);
        Assert.Equal(6, body.GetProperty("data").GetProperty("a").GetArrayLength());

        var records = await host.RecordsAsync();
        Assert.Equal(["01A", "02B"], records.Select(r => r.OwningOrganisation));
        var a = records[0];
        Assert.Equal(["FinancialReturn.duties", "FinancialReturn.lines"], a.SchemaCoordinates);
        Assert.Equal([new DisclosedCoordinate("FinancialReturn.duties", 1), new DisclosedCoordinate("FinancialReturn.lines", 6)], a.Disclosed);
        Assert.Equal(7, a.Records);
        Assert.Equal(["FinancialReturn.lines"], records[1].SchemaCoordinates);
        Assert.Equal(3, records[1].Records);
        Assert.All(records, r =>
        {
            Assert.Equal(("X24", "app-X24", "user-X24", "FINANCIAL_ASSURANCE"), (r.CallerOrganisation, r.ClientApplicationId, r.Subject, r.PurposeOfUse));
            Assert.Equal(("Returns", "query"), (r.OperationName, r.OperationType));
            Assert.Matches("^sha256:[0-9a-f]{64}$", r.DocumentHash);
            Assert.Equal(DateTimeKind.Utc, r.OccurredAt.Kind);
            Assert.InRange(r.OccurredAt, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
        });
        Assert.Equal(records[0].DocumentHash, records[1].DocumentHash);
    }

    [Fact]
    public async Task A_response_disclosing_nothing_restricted_writes_no_record()
    {
        await using var host = await DisclosureTestHost.StartAsync();
        var (status, body, _) = await host.PostAsync("01A", "{ hello }");
        Assert.Equal(200, status);
        Assert.Equal("world", body.GetProperty("data").GetProperty("hello").GetString());
        // An invalid request is never executed, so it discloses nothing either.
        await host.PostAsync("01A", "{ nope }");
        Assert.Empty(await host.RecordsAsync());
    }

    [Fact]
    public async Task A_forbidden_field_writes_nothing_for_its_owner()
    {
        await using var host = await DisclosureTestHost.StartAsync();
        var (_, body, _) = await host.PostAsync("01A", "{ mine: duties(owner: \"01A\") theirs: forbidden(owner: \"03C\") }");
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("theirs").ValueKind);

        var record = Assert.Single(await host.RecordsAsync());
        Assert.Equal("01A", record.OwningOrganisation);
        Assert.Equal(["FinancialReturn.duties"], record.SchemaCoordinates);

        await host.PostAsync("01A", "{ theirs: forbidden(owner: \"03C\") }");
        Assert.Single(await host.RecordsAsync());
    }

    [Fact]
    public async Task When_the_register_cannot_be_written_the_restricted_data_is_withheld()
    {
        await using var host = await DisclosureTestHost.StartAsync(new FailingRegister());
        var (status, body, text) = await host.PostAsync("X24", "{ duties(owner: \"01A\") lines(owner: \"02B\", count: 3) hello }");

        Assert.Equal(500, status);
        Assert.False(body.TryGetProperty("data", out _));
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(DisclosureRegisterInterceptor.NotRecordedMessage, error.GetProperty("message").GetString());
        Assert.Equal("INTERNAL_SERVER_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("RESTRICTED-DUTIES", text);
        Assert.DoesNotContain("database is down", text);

        // A response with nothing restricted in it does not need the register.
        var (okStatus, ok, _) = await host.PostAsync("X24", "{ hello }");
        Assert.Equal(200, okStatus);
        Assert.Equal("world", ok.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Each_subscription_event_that_discloses_is_recorded_before_it_is_sent()
    {
        await using var host = await DisclosureTestHost.StartAsync();
        var messages = await SubscribeAsync(host, "subscription Ticks { ticks(owner: \"02B\", count: 3) { n } }", "01A");

        var next = messages.Where(m => m.GetProperty("type").GetString() == "next").ToList();
        Assert.Equal([1, 2, 3], next.Select(m => m.GetProperty("payload").GetProperty("data").GetProperty("ticks").GetProperty("n").GetInt32()));
        var records = await host.RecordsAsync();
        Assert.Equal(3, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal(("02B", "01A", "subscription", "Ticks"), (r.OwningOrganisation, r.CallerOrganisation, r.OperationType, r.OperationName));
            // Each event records only what it disclosed, not the running total.
            Assert.Equal([new DisclosedCoordinate("Tick.n", 1)], r.Disclosed);
        });
    }

    [Fact]
    public async Task A_subscription_event_that_cannot_be_recorded_is_not_sent()
    {
        await using var host = await DisclosureTestHost.StartAsync(new FailingRegister());
        var messages = await SubscribeAsync(host, "subscription { ticks(owner: \"02B\", count: 2) { n } }", "01A");
        var next = messages.Where(m => m.GetProperty("type").GetString() == "next").ToList();
        Assert.Equal(2, next.Count);
        Assert.All(next, m =>
        {
            Assert.False(m.GetProperty("payload").TryGetProperty("data", out _));
            Assert.Equal("INTERNAL_SERVER_ERROR", m.GetProperty("payload").GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        });
    }

    [Fact]
    public async Task A_deferred_response_writes_one_record_per_owner_covering_all_its_payloads()
    {
        await using var host = await DisclosureTestHost.StartAsync();
        var messages = await SubscribeAsync(host,
            "query Deferred { hello ... @defer { a: lines(owner: \"01A\", count: 2) } ... @defer { b: lines(owner: \"01A\", count: 3) d: duties(owner: \"02B\") } }", "X24");

        var next = messages.Where(m => m.GetProperty("type").GetString() == "next").Select(m => m.GetProperty("payload")).ToList();
        Assert.True(next.Count >= 2);
        Assert.True(next[0].GetProperty("hasNext").GetBoolean());
        Assert.False(next[^1].GetProperty("hasNext").GetBoolean());
        var records = await host.RecordsAsync();
        Assert.Equal(["01A", "02B"], records.Select(r => r.OwningOrganisation));
        Assert.Equal([new DisclosedCoordinate("FinancialReturn.lines", 5)], records[0].Disclosed);
        Assert.Equal([new DisclosedCoordinate("FinancialReturn.duties", 1)], records[1].Disclosed);
        Assert.All(records, r => Assert.Equal("Deferred", r.OperationName));
    }

    [Fact]
    public async Task A_deferred_payload_whose_disclosure_cannot_be_recorded_is_not_sent()
    {
        await using var host = await DisclosureTestHost.StartAsync(new FailingRegister());
        var messages = await SubscribeAsync(host, "{ hello ... @defer { duties(owner: \"01A\") lines(owner: \"02B\", count: 3) } }", "X24");

        var next = messages.Where(m => m.GetProperty("type").GetString() == "next").Select(m => m.GetProperty("payload")).ToList();
        Assert.Equal(2, next.Count);
        // The initial payload disclosed nothing restricted and left at once; the deferred one was withheld.
        Assert.Equal("world", next[0].GetProperty("data").GetProperty("hello").GetString());
        Assert.False(next[1].TryGetProperty("incremental", out _));
        var completed = Assert.Single(next[1].GetProperty("completed").EnumerateArray());
        Assert.Equal("INTERNAL_SERVER_ERROR", completed.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain(messages, m => m.GetRawText().Contains("RESTRICTED-DUTIES"));
    }

    private sealed class FailingRegister : IDisclosureRegister
    {
        public Task AppendAsync(IReadOnlyCollection<DisclosureRecord> records, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("database is down");
    }

    /// <summary>Runs one operation over graphql-transport-ws to completion and returns the messages received.</summary>
    internal static async Task<List<JsonElement>> SubscribeAsync(DisclosureTestHost host, string query, string org)
    {
        var client = host.App.GetTestServer().CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        using var socket = await client.ConnectAsync(new Uri($"ws://localhost/graphql?org={org}"), CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await SendAsync(socket, new { type = "connection_init" }, timeout.Token);
        Assert.Equal("connection_ack", (await ReceiveAsync(socket, timeout.Token)).GetProperty("type").GetString());
        await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query } }, timeout.Token);
        var messages = new List<JsonElement>();
        while (true)
        {
            var m = await ReceiveAsync(socket, timeout.Token);
            var type = m.GetProperty("type").GetString();
            if (type == "ping") continue;
            messages.Add(m);
            if (type is "complete" or "error") break;
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        return messages;
    }

    private static Task SendAsync(WebSocket socket, object message, CancellationToken ct) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, ct);

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var ms = new MemoryStream();
        WebSocketReceiveResult r;
        do
        {
            r = await socket.ReceiveAsync(buffer, ct);
            ms.Write(buffer, 0, r.Count);
        } while (!r.EndOfMessage);
        return JsonDocument.Parse(Encoding.UTF8.GetString(ms.ToArray())).RootElement.Clone();
    }
}
