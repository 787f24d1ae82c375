using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Server.WebSockets;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Commissioning.Graph.Server.Tests.Identity;

/// <summary>
/// Sockets that respect their token and their caps (issue 10 #4, #6), on a fake clock: the token's
/// expiry is reached by advancing the clock, never by waiting.
/// </summary>
public sealed class WebSocketLimitsTests
{
    private static async Task<(IdentityTestHost Host, FakeTimeProvider Clock)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = await IdentityTestHost.StartAsync(settings: settings, services: s => s.AddSingleton<TimeProvider>(clock),
            configureSchema: schema => ((IComplexOutputType)schema.GetType("Subscription")!).Fields["ticks"].Subscriber = ctx => new ValueTask<IAsyncEnumerable<object?>>(Forever(ctx.CancellationToken)));
        return (host, clock);
    }

    // A subscription that emits nothing until it is cancelled: an operation that stays open.
    private static async IAsyncEnumerable<object?> Forever([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        yield break;
    }

    private static async Task<WebSocket> ConnectAsync(IdentityTestHost host, string token)
    {
        var client = host.App.GetTestServer().CreateWebSocketClient();
        client.SubProtocols.Add(GraphQLTransportWsHandler.SubProtocol);
        var socket = await client.ConnectAsync(new Uri(host.Client.BaseAddress!, "/graphql"), CancellationToken.None);
        await SendAsync(socket, new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
        return socket;
    }

    private static Task SendAsync(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<(WebSocketMessageType Type, string Text, int? Close)> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        // Only a guard against a hang: every expected message is already due when this is called.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await socket.ReceiveAsync(buffer, guard.Token);
        return (result.MessageType, Encoding.UTF8.GetString(buffer, 0, result.Count), (int?)result.CloseStatus);
    }

    [Fact]
    public async Task The_socket_closes_with_4403_when_its_token_expires()
    {
        var (host, clock) = await StartAsync();
        await using var _ = host;
        using var socket = await ConnectAsync(host, host.Token("01A", lifetime: TimeSpan.FromMinutes(10)));
        Assert.Contains("connection_ack", (await ReceiveAsync(socket)).Text);
        await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = "{ hello }" } });
        Assert.Contains("\"hello\":\"world\"", (await ReceiveAsync(socket)).Text);
        Assert.Contains("complete", (await ReceiveAsync(socket)).Text);

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var (type, text, close) = await ReceiveAsync(socket);
        Assert.Equal(WebSocketMessageType.Close, type);
        Assert.Equal(4403, close);
    }

    [Fact]
    public async Task A_token_that_expired_before_connection_init_is_refused_with_4403()
    {
        var (host, clock) = await StartAsync();
        await using var _ = host;
        var token = host.Token("01A", lifetime: TimeSpan.FromMinutes(10));
        // The JWT itself is still valid by the wall clock; the server's clock says it has expired.
        clock.Advance(TimeSpan.FromMinutes(11));
        using var socket = await ConnectAsync(host, token);
        var (type, _, close) = await ReceiveAsync(socket);
        Assert.Equal(WebSocketMessageType.Close, type);
        Assert.Equal(4403, close);
    }

    [Fact]
    public async Task One_operation_more_than_the_cap_gets_an_error_and_the_socket_stays_open()
    {
        var (host, _) = await StartAsync(new() { ["GraphQL:WebSockets:MaxOperationsPerSocket"] = "2" });
        await using var __ = host;
        using var socket = await ConnectAsync(host, host.Token("01A"));
        Assert.Contains("connection_ack", (await ReceiveAsync(socket)).Text);
        await SendAsync(socket, new { id = "a", type = "subscribe", payload = new { query = "subscription { ticks { n } }" } });
        await SendAsync(socket, new { id = "b", type = "subscribe", payload = new { query = "subscription { ticks { n } }" } });
        await SendAsync(socket, new { id = "c", type = "subscribe", payload = new { query = "subscription { ticks { n } }" } });

        var (_, error, _) = await ReceiveAsync(socket);
        Assert.Contains("\"id\":\"c\"", error);
        Assert.Contains("\"type\":\"error\"", error);
        Assert.Contains("OPERATION_LIMIT_EXCEEDED", error);

        // Still open: completing one frees a place... and a ping is answered.
        await SendAsync(socket, new { type = "ping" });
        Assert.Contains("pong", (await ReceiveAsync(socket)).Text);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task One_socket_more_than_the_cap_per_caller_closes_with_4429_while_other_callers_connect()
    {
        var (host, _) = await StartAsync(new() { ["GraphQL:WebSockets:MaxSocketsPerCaller"] = "2" });
        await using var __ = host;
        var token = host.Token("01A");
        using var first = await ConnectAsync(host, token);
        Assert.Contains("connection_ack", (await ReceiveAsync(first)).Text);
        using var second = await ConnectAsync(host, token);
        Assert.Contains("connection_ack", (await ReceiveAsync(second)).Text);

        using var third = await ConnectAsync(host, host.Token("01A"));
        var (type, _, close) = await ReceiveAsync(third);
        Assert.Equal(WebSocketMessageType.Close, type);
        Assert.Equal(4429, close);

        using var other = await ConnectAsync(host, host.Token("02B"));
        Assert.Contains("connection_ack", (await ReceiveAsync(other)).Text);
        Assert.Equal(2, host.App.Services.GetRequiredService<WebSocketCallerCounter>().OpenFor("01A||dev:01A".Replace("||", $"|{Commissioning.Graph.Server.Identity.DevelopmentTokenIssuer.DefaultClientId}|")));
    }
}
