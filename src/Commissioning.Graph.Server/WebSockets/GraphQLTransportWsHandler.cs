using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Server.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Server.WebSockets;

/// <summary>
/// Decides whether a WebSocket connection may proceed, from its <c>connection_init</c> payload
/// (e.g. <c>{"Authorization": "Bearer …"}</c>). Returning false closes the socket with 4403.
/// </summary>
public interface IGraphQLWebSocketAuthenticator
{
    ValueTask<bool> AuthenticateAsync(HttpContext http, IReadOnlyDictionary<string, object?>? payload, CancellationToken cancellationToken);

    /// <summary>Who the accepted connection belongs to (sockets are counted per caller) and when its
    /// credentials expire (the socket closes with 4403 then); null for an anonymous server.</summary>
    WebSocketCaller? Describe(HttpContext http) => null;
}

/// <param name="Key">Identifies the caller across sockets (organisation, application, subject).</param>
/// <param name="ExpiresAt">When the token expires; null when it does not.</param>
public sealed record WebSocketCaller(string Key, DateTimeOffset? ExpiresAt);

/// <summary>The open sockets of each caller, for <see cref="WebSocketOptions.MaxSocketsPerCaller"/>.</summary>
public sealed class WebSocketCallerCounter
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Counts one more socket for <paramref name="key"/> unless it already has <paramref name="max"/>.</summary>
    public bool TryOpen(string key, int max)
    {
        lock (_open)
        {
            var n = _open.GetValueOrDefault(key);
            if (n >= max) return false;
            _open[key] = n + 1;
            return true;
        }
    }

    public void Close(string key)
    {
        lock (_open)
        {
            if (!_open.TryGetValue(key, out var n)) return;
            if (n <= 1) _open.Remove(key); else _open[key] = n - 1;
        }
    }

    public int OpenFor(string key) { lock (_open) return _open.GetValueOrDefault(key); }
}

internal sealed class AllowAllWebSocketAuthenticator : IGraphQLWebSocketAuthenticator
{
    public ValueTask<bool> AuthenticateAsync(HttpContext http, IReadOnlyDictionary<string, object?>? payload, CancellationToken cancellationToken) => new(true);
}

/// <summary>
/// The graphql-transport-ws protocol (enisdenjo/graphql-ws, "GraphQL over WebSocket"): one
/// connection, many operations by id. Close codes: 4400 invalid message, 4401 unauthorised
/// (subscribe before ack), 4403 forbidden (connection_init refused), 4406 subprotocol not
/// acceptable, 4408 no connection_init in time, 4409 duplicate operation id, 4429 a second
/// connection_init.
/// </summary>
public sealed class GraphQLTransportWsHandler(
    GraphQLRequestPipeline pipeline,
    IGraphQLWebSocketAuthenticator authenticator,
    IOptions<GraphQLServerOptions> options,
    ILogger<GraphQLTransportWsHandler> logger,
    WebSocketCallerCounter? callers = null,
    TimeProvider? clock = null)
{
    private readonly WebSocketCallerCounter _callers = callers ?? new WebSocketCallerCounter();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    public const string SubProtocol = "graphql-transport-ws";
    private readonly WebSocketOptions _options = options.Value.WebSockets;
    private readonly GraphQLRequestPipeline _pipeline = pipeline;
    private readonly IGraphQLWebSocketAuthenticator _authenticator = authenticator;
    private readonly ILogger _logger = logger;

    public async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            using var refused = await http.WebSockets.AcceptWebSocketAsync();
            await CloseAsync(refused, 4406, "Subprotocol not acceptable");
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync(SubProtocol);
        var connection = new Connection(this, http, socket);
        await connection.RunAsync();
    }

    private static async Task CloseAsync(WebSocket socket, int code, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try { await socket.CloseAsync((WebSocketCloseStatus)code, reason, CancellationToken.None); }
            catch (WebSocketException) { }
        }
    }

    private sealed class Connection(GraphQLTransportWsHandler owner, HttpContext http, WebSocket socket)
    {
        private readonly ConcurrentDictionary<string, CancellationTokenSource> _operations = new(StringComparer.Ordinal);
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly CancellationTokenSource _closed = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        private bool _initReceived, _acknowledged;
        private WebSocketCaller? _caller;
        private ITimer? _expiry;

        public async Task RunAsync()
        {
            var initTimeout = Task.Delay(owner._options.ConnectionInitTimeout, _closed.Token)
                .ContinueWith(async t =>
                {
                    if (!t.IsCanceled && !_acknowledged) await CloseWithAsync(4408, "Connection initialisation timeout");
                }, TaskScheduler.Default).Unwrap();
            Task? keepAlive = owner._options.KeepAlive > TimeSpan.Zero ? KeepAliveAsync() : null;
            try
            {
                while (socket.State == WebSocketState.Open && !_closed.IsCancellationRequested)
                {
                    var message = await ReceiveAsync();
                    if (message is null) break;
                    await HandleMessageAsync(message);
                }
            }
            catch (OperationCanceledException) { }
            catch (WebSocketException) { }
            finally
            {
                _closed.Cancel();
                foreach (var op in _operations.Values) op.Cancel();
                if (_expiry is not null) await _expiry.DisposeAsync();
                if (_caller is not null) owner._callers.Close(_caller.Key);
                await CloseAsync(socket, (int)WebSocketCloseStatus.NormalClosure, "Normal Closure");
            }
        }

        private async Task KeepAliveAsync()
        {
            try
            {
                while (!_closed.IsCancellationRequested)
                {
                    await Task.Delay(owner._options.KeepAlive, _closed.Token);
                    if (_acknowledged) await SendAsync(new Dictionary<string, object?> { ["type"] = "ping" });
                }
            }
            catch (OperationCanceledException) { }
        }

        private async Task<string?> ReceiveAsync()
        {
            var buffer = ArrayPool<byte>.Shared.Rent(8192);
            try
            {
                using var ms = new MemoryStream();
                while (true)
                {
                    var r = await socket.ReceiveAsync(buffer, _closed.Token);
                    if (r.MessageType == WebSocketMessageType.Close) return null;
                    ms.Write(buffer, 0, r.Count);
                    if (ms.Length > 1024 * 1024) { await CloseWithAsync(4400, "Message too large"); return null; }
                    if (r.EndOfMessage) return System.Text.Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length);
                }
            }
            finally { ArrayPool<byte>.Shared.Return(buffer); }
        }

        private async Task HandleMessageAsync(string text)
        {
            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(text);
                root = doc.RootElement.Clone();
            }
            catch (JsonException) { await CloseWithAsync(4400, "Invalid message received"); return; }
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeEl) || typeEl.ValueKind != JsonValueKind.String)
            {
                await CloseWithAsync(4400, "Invalid message received");
                return;
            }
            switch (typeEl.GetString())
            {
                case "connection_init":
                    if (_initReceived) { await CloseWithAsync(4429, "Too many initialisation requests"); return; }
                    _initReceived = true;
                    IReadOnlyDictionary<string, object?>? payload = null;
                    if (root.TryGetProperty("payload", out var p))
                    {
                        if (p.ValueKind == JsonValueKind.Object) payload = (IReadOnlyDictionary<string, object?>?)JsonInput.ToValue(p);
                        else if (p.ValueKind != JsonValueKind.Null) { await CloseWithAsync(4400, "Invalid connection_init payload"); return; }
                    }
                    if (!await owner._authenticator.AuthenticateAsync(http, payload, _closed.Token)) { await CloseWithAsync(4403, "Forbidden"); return; }
                    if (owner._authenticator.Describe(http) is { } caller)
                    {
                        if (caller.ExpiresAt is { } expiresAt && expiresAt <= owner._clock.GetUtcNow()) { await CloseWithAsync(4403, "Token expired"); return; }
                        if (!owner._callers.TryOpen(caller.Key, owner._options.MaxSocketsPerCaller)) { await CloseWithAsync(4429, "Too many connections"); return; }
                        _caller = caller;
                        if (caller.ExpiresAt is { } expiry)
                            _expiry = owner._clock.CreateTimer(static state => _ = ((Connection)state!).CloseWithAsync(4403, "Token expired"),
                                this, expiry - owner._clock.GetUtcNow(), Timeout.InfiniteTimeSpan);
                    }
                    _acknowledged = true;
                    await SendAsync(new Dictionary<string, object?> { ["type"] = "connection_ack" });
                    break;
                case "ping":
                    await SendAsync(new Dictionary<string, object?> { ["type"] = "pong" });
                    break;
                case "pong":
                    break;
                case "subscribe":
                    if (!_acknowledged) { await CloseWithAsync(4401, "Unauthorized"); return; }
                    if (!root.TryGetProperty("id", out var idEl) || idEl.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(idEl.GetString())
                        || !root.TryGetProperty("payload", out var sp) || sp.ValueKind != JsonValueKind.Object)
                    {
                        await CloseWithAsync(4400, "Invalid subscribe message");
                        return;
                    }
                    GraphQLHttpRequest request;
                    try { request = GraphQLHttpRequestReader.FromJson(sp); }
                    catch (BadHttpRequest e) { await CloseWithAsync(4400, e.Message); return; }
                    var id = idEl.GetString()!;
                    // The timer may not have fired yet: no operation starts on an expired token.
                    if (_caller?.ExpiresAt is { } expires && expires <= owner._clock.GetUtcNow()) { await CloseWithAsync(4403, "Token expired"); return; }
                    if (_operations.Count >= owner._options.MaxOperationsPerSocket && !_operations.ContainsKey(id))
                    {
                        await SendErrorAsync(id, new[] { GraphQLRequestPipeline.Error(
                            $"This connection already runs {owner._options.MaxOperationsPerSocket} operations; complete one first.", "OPERATION_LIMIT_EXCEEDED") });
                        return;
                    }
                    var cts = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
                    if (!_operations.TryAdd(id, cts)) { cts.Dispose(); await CloseWithAsync(4409, $"Subscriber for {id} already exists"); return; }
                    _ = RunOperationAsync(id, request, cts);
                    break;
                case "complete":
                    if (root.TryGetProperty("id", out var cid) && cid.ValueKind == JsonValueKind.String
                        && _operations.TryRemove(cid.GetString()!, out var running))
                        running.Cancel();
                    break;
                default:
                    await CloseWithAsync(4400, "Invalid message received");
                    break;
            }
        }

        private async Task RunOperationAsync(string id, GraphQLHttpRequest request, CancellationTokenSource cts)
        {
            try
            {
                var (refused, context) = await owner._pipeline.PrepareAsync(request, GraphQLTransport.WebSocket, http, cts.Token);
                if (refused is not null)
                {
                    if (refused.Result.HasData) await SendNextAsync(id, refused.Result);
                    else { await SendErrorAsync(id, refused.Result.Errors!); return; }
                }
                else if (context!.Operation.Operation != OperationType.Subscription)
                {
                    // Each payload of an incremental response (@defer/@stream) is one `next`.
                    await foreach (var payload in owner._pipeline.ExecuteIncrementallyAsync(context, cts.Token))
                    {
                        if (payload.Initial is { HasData: false } failed) { await SendErrorAsync(id, failed.Errors!); return; }
                        await SendPayloadAsync(id, payload);
                    }
                }
                else
                {
                    var subscription = await Executor.SubscribeAsync(new ExecutionRequest
                    {
                        Schema = owner._pipeline.Engine.Schema,
                        Document = context.Document.Document!,
                        OperationName = request.OperationName,
                        VariableValues = request.Variables,
                        Services = http.RequestServices,
                        Scope = context.Scope,
                        EventScope = context.BeginEvent,
                        CancellationToken = cts.Token,
                    });
                    if (subscription.Stream is null)
                    {
                        var r = subscription.ErrorResult ?? ExecutionResult.FromErrors(Array.Empty<GraphQLError>());
                        if (!r.HasData) { await SendErrorAsync(id, r.Errors!); return; }
                        await SendNextAsync(id, r);
                    }
                    else
                    {
                        await foreach (var evt in subscription.Stream.WithCancellation(cts.Token))
                            await SendNextAsync(id, await owner._pipeline.CompleteEventAsync(context, evt));
                    }
                }
                if (!cts.IsCancellationRequested) await SendAsync(new Dictionary<string, object?> { ["type"] = "complete", ["id"] = id });
            }
            catch (OperationCanceledException) { }
            catch (WebSocketException) { }
            catch (Exception e)
            {
                owner._logger.LogError(e, "Subscription {Id} failed", id);
                await SendErrorAsync(id, new[] { GraphQLRequestPipeline.Error("Unexpected error.", ErrorCodes.InternalServerError) });
            }
            finally
            {
                _operations.TryRemove(new KeyValuePair<string, CancellationTokenSource>(id, cts));
                cts.Dispose();
            }
        }

        private Task SendPayloadAsync(string id, GraphQLPayload payload) => SendRawAsync(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("type", "next");
            w.WritePropertyName("payload");
            payload.WriteTo(w);
            w.WriteEndObject();
        });

        private Task SendNextAsync(string id, ExecutionResult result) => SendRawAsync(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("type", "next");
            w.WritePropertyName("payload");
            ResultJsonWriter.Write(w, result);
            w.WriteEndObject();
        });

        private async Task SendErrorAsync(string id, IReadOnlyList<GraphQLError> errors)
        {
            await SendRawAsync(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("type", "error");
                w.WritePropertyName("payload");
                w.WriteStartArray();
                foreach (var e in errors) ResultJsonWriter.WriteError(w, e);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private Task SendAsync(Dictionary<string, object?> message) => SendRawAsync(w =>
        {
            w.WriteStartObject();
            foreach (var (k, v) in message) w.WriteString(k, (string?)v);
            w.WriteEndObject();
        });

        private async Task SendRawAsync(Action<Utf8JsonWriter> write)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var w = new Utf8JsonWriter(buffer, ResultJsonWriter.WriterOptions)) write(w);
            await _sendLock.WaitAsync(_closed.Token);
            try
            {
                if (socket.State == WebSocketState.Open)
                    await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, _closed.Token);
            }
            finally { _sendLock.Release(); }
        }

        private async Task CloseWithAsync(int code, string reason)
        {
            await _sendLock.WaitAsync();
            try { await CloseAsync(socket, code, reason); }
            finally { _sendLock.Release(); }
            _closed.Cancel();
        }
    }
}
