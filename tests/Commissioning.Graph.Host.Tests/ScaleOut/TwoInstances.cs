using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Commissioning.Graph.Host.Commands;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Server.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Host.Tests.ScaleOut;

/// <summary>
/// Two instances of the one process (<c>serve</c>, every module) sharing one database (PostgreSQL when
/// COMMISSIONING_TEST_POSTGRES is set, else one SQLite file) and one Redis of the test's own
/// (<see cref="RedisServerProcess"/>), each on its own TestServer. Rate limits: <see cref="PermitLimit"/> per 30 days (a window no test run straddles the boundary of).
/// </summary>
public class TwoInstances : IAsyncLifetime
{
    public const int PermitLimit = 40;

    /// <summary>The rate limit both instances enforce, per 30 days.</summary>
    protected virtual int Limit => PermitLimit;

    private GraphDatabase? _database;
    public RedisServerProcess Redis { get; private set; } = null!;
    public WebApplication A { get; private set; } = null!;
    public WebApplication B { get; private set; } = null!;
    public DatabaseProvider Provider => _database!.Provider;

    public async Task InitializeAsync()
    {
        Redis = await RedisServerProcess.StartAsync();
        _database = await GraphDatabase.CreateAsync(GraphDatabase.Providers[^1], "scale");
        A = Build();
        B = Build();
        await ServeCommand.PrepareDatabaseAsync(A);
        await A.StartAsync();
        await B.StartAsync();
        await WaitForEventSubscriptionsAsync();
    }

    /// <summary>Each instance subscribes to the Redis events channel in the background after it starts
    /// (<c>RedisEventSubscription</c>); an event published before the other instance has subscribed would reach no one
    /// there. Tests start once both are subscribed (Redis counts the channel's subscribers), within 30 s.</summary>
    private async Task WaitForEventSubscriptionsAsync()
    {
        var channel = A.Services.GetRequiredService<Events.RedisGraphEventBus>().Channel;
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Redis.Configuration);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await server.SubscriptionSubscriberCountAsync(channel) < 2)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The two instances did not subscribe to the Redis events channel within 30 s.");
            await Task.Delay(20);
        }
    }

    private WebApplication Build() => ServeCommand.BuildGraphServer(
        ServeCommand.WithDevelopmentDefault([.. _database!.ServeArguments,
            $"--Redis:Configuration={Redis.Configuration}", $"--Redis:KeyPrefix=test{Redis.Port}:",
            $"--RateLimits:PermitLimit={Limit}", "--RateLimits:Window=30.00:00:00"]),
        configure: builder => builder.WebHost.UseTestServer());

    public async Task DisposeAsync()
    {
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        await Redis.DisposeAsync();
    }

    public static string Token(WebApplication app, string organisation, string clientId, params string[] scopes) =>
        app.Services.GetRequiredService<DevelopmentTokenAuthority>().Mint(new DevelopmentTokenRequest
        {
            Organisation = organisation, ClientId = clientId, Scopes = scopes,
        });

    /// <summary>POSTs a GraphQL request body; returns the status, the Retry-After header and the parsed body.</summary>
    public static async Task<(int Status, string? RetryAfter, JsonElement Body)> PostAsync(WebApplication app, string token, object body,
        string purpose = "COMMISSIONING")
    {
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Purpose-Of-Use", purpose);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement parsed;
        try { parsed = JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException) { parsed = JsonDocument.Parse(JsonSerializer.Serialize(new { raw = text })).RootElement.Clone(); }
        return ((int)response.StatusCode, response.Headers.RetryAfter?.ToString(), parsed);
    }

    public static async Task<JsonElement> DataAsync(WebApplication app, string token, string query, object? variables = null, string purpose = "COMMISSIONING")
    {
        var (status, _, body) = await PostAsync(app, token, new { query, variables }, purpose);
        Assert.True(status == 200 && !body.TryGetProperty("errors", out _), $"{status}: {body}");
        return body.GetProperty("data");
    }
}

/// <summary>
/// A graphql-transport-ws client over a TestServer, for subscriptions. One task reads the socket into a queue
/// (cancelling a WebSocket receive would abort the socket), so waiting for a message can time out safely.
/// </summary>
public sealed class SubscriptionClient : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly System.Threading.Channels.Channel<JsonElement> _messages = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
    private readonly Task _reader;

    private SubscriptionClient(WebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    public static async Task<SubscriptionClient> ConnectAsync(WebApplication app, string token, string purpose)
    {
        var ws = app.GetTestServer().CreateWebSocketClient();
        ws.SubProtocols.Add("graphql-transport-ws");
        var socket = await ws.ConnectAsync(new Uri(app.GetTestServer().BaseAddress, "/graphql"), CancellationToken.None);
        var client = new SubscriptionClient(socket);
        await client.SendAsync(new { type = "connection_init", payload = new Dictionary<string, object> { ["Authorization"] = "Bearer " + token, ["X-Purpose-Of-Use"] = purpose } });
        var ack = await client.ReceiveAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
        return client;
    }

    public Task SubscribeAsync(string id, string query) => SendAsync(new { id, type = "subscribe", payload = new { query } });

    /// <summary>The next message other than ping/pong, within <paramref name="timeout"/> (else TimeoutException).</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { return await _messages.Reader.ReadAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"No message within {timeout}."); }
        catch (System.Threading.Channels.ChannelClosedException e) { throw new InvalidOperationException("The socket closed.", e); }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close) break;
                var json = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                var type = json.GetProperty("type").GetString();
                if (type == "ping") { await SendAsync(new { type = "pong" }); continue; }
                if (type != "pong") _messages.Writer.TryWrite(json);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException or IOException) { }
        finally { _messages.Writer.TryComplete(); }
    }

    private readonly SemaphoreSlim _send = new(1, 1);

    private async Task SendAsync(object message)
    {
        await _send.WaitAsync();
        try { await _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None); }
        finally { _send.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        // Close as the protocol does (the server answers with its own close), then stop reading.
        try { await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None); } catch (Exception) { }
        try { await _reader.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
        _socket.Abort();
        _socket.Dispose();
    }
}

/// <summary><see cref="TwoInstances"/> whose rate limit no load test reaches.</summary>
public sealed class TwoInstancesUnderLoad : TwoInstances
{
    protected override int Limit => 1_000_000;
}
