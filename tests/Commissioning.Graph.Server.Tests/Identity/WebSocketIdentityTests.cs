using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Commissioning.Graph.Server.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Commissioning.Graph.Server.WebSockets;

namespace Commissioning.Graph.Server.Tests.Identity;

/// <summary>graphql-transport-ws: the token travels in <c>connection_init</c>; a bad one closes the socket with 4403.</summary>
public sealed class WebSocketIdentityTests : IAsyncLifetime
{
    private IdentityTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IdentityTestHost.StartAsync(settings: new()
    {
        ["ClientApplications:0:ClientId"] = "nhscb-returns-service",
        ["ClientApplications:0:Organisation"] = "X24",
        ["ClientApplications:0:AllowedPurposes:0"] = "FINANCIAL_ASSURANCE",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IGraphQLWebSocketAuthenticator Authenticator => _host.App.Services.GetRequiredService<IGraphQLWebSocketAuthenticator>();

    [Fact]
    public void Identity_replaces_the_allow_all_authenticator()
    {
        Assert.IsType<CallerWebSocketAuthenticator>(Authenticator);
    }

    [Theory]
    [InlineData("Authorization", "Bearer {0}")]
    [InlineData("authorization", "Bearer {0}")]
    [InlineData("token", "{0}")]
    public async Task Connection_init_token_sets_the_caller(string key, string format)
    {
        var http = new DefaultHttpContext();
        var payload = new Dictionary<string, object?>
        {
            [key] = string.Format(format, _host.Token("02B", scopes: new[] { "jsna.read" })),
            ["X-Purpose-Of-Use"] = "JSNA",
        };
        Assert.True(await Authenticator.AuthenticateAsync(http, payload, CancellationToken.None));
        var caller = http.GetCaller();
        Assert.NotNull(caller);
        Assert.Equal("02B", caller!.Organisation);
        Assert.Equal("JSNA", caller.Purpose);
        Assert.Contains("jsna.read", caller.Scopes);
    }

    [Fact]
    public async Task Connection_init_without_token_or_with_a_bad_one_is_refused()
    {
        var expired = _host.Token(issuedAt: DateTimeOffset.UtcNow.AddHours(-5), lifetime: TimeSpan.FromHours(1));
        foreach (var payload in new Dictionary<string, object?>?[]
        {
            null,
            new() { },
            new() { ["Authorization"] = "Bearer not-a-token" },
            new() { ["Authorization"] = "Basic dXNlcjpwYXNz" },
            new() { ["Authorization"] = "Bearer " + expired },
            new() { ["Authorization"] = "Bearer " + _host.Token(), ["X-Purpose-Of-Use"] = "GOSSIP" },
        })
        {
            var http = new DefaultHttpContext();
            Assert.False(await Authenticator.AuthenticateAsync(http, payload, CancellationToken.None));
            Assert.Null(http.GetCaller());
        }
    }

    [Fact]
    public async Task Connection_init_purpose_not_allowed_for_the_client_application_is_refused()
    {
        var token = _host.CustomToken(new() { ["azp"] = "nhscb-returns-service" });
        var payload = new Dictionary<string, object?> { ["Authorization"] = "Bearer " + token, ["purposeOfUse"] = "JSNA" };
        Assert.False(await Authenticator.AuthenticateAsync(new DefaultHttpContext(), payload, CancellationToken.None));
        payload["purposeOfUse"] = "FINANCIAL_ASSURANCE";
        Assert.True(await Authenticator.AuthenticateAsync(new DefaultHttpContext(), payload, CancellationToken.None));
    }

    private async Task<WebSocket> ConnectAsync()
    {
        var client = _host.App.GetTestServer().CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        return await client.ConnectAsync(new Uri(_host.Client.BaseAddress!, "/graphql"), CancellationToken.None);
    }

    private static Task SendAsync(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<(WebSocketMessageType Type, string Text, WebSocketCloseStatus? Close)> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return (result.MessageType, Encoding.UTF8.GetString(buffer, 0, result.Count), result.CloseStatus);
    }

    [Fact]
    public async Task Connection_init_with_a_bad_token_closes_the_socket_with_4403()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, new { type = "connection_init", payload = new { Authorization = "Bearer not.a.token" } });
        var (type, _, close) = await ReceiveAsync(socket);
        Assert.Equal(WebSocketMessageType.Close, type);
        Assert.Equal(4403, (int)close!.Value);
    }

    [Fact]
    public async Task Connection_init_with_a_valid_token_is_acknowledged_and_operations_run()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, new { type = "connection_init", payload = new { Authorization = "Bearer " + _host.Token("01A") } });
        var (_, ack, _) = await ReceiveAsync(socket);
        Assert.Contains("connection_ack", ack);
        await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = "{ hello }" } });
        var (_, next, _) = await ReceiveAsync(socket);
        Assert.Contains("\"hello\":\"world\"", next);
    }
}
