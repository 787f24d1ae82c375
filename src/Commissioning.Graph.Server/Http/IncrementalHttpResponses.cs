using System.Buffers;
using System.Text;
using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Microsoft.AspNetCore.Http;

namespace Commissioning.Graph.Server.Http;

/// <summary>How a response with several payloads goes over HTTP, chosen from <c>Accept</c>.</summary>
public enum StreamingHttpMode
{
    /// <summary><c>multipart/mixed</c> (the incremental-delivery-over-HTTP draft; graphql-js 17.1 payloads).</summary>
    Multipart,
    /// <summary><c>multipart/mixed; deferSpec=20220824</c>: Apollo's format (each item of <c>incremental</c> carries
    /// its <c>path</c> and <c>label</c>; no <c>pending</c>/<c>completed</c>), which Apollo Client and Router speak.</summary>
    MultipartDeferSpec20220824,
    /// <summary><c>text/event-stream</c>: GraphQL over Server-Sent Events, graphql-sse's "distinct connections"
    /// mode: one <c>next</c> event per payload (or subscription event), then <c>complete</c>.</summary>
    EventStream,
}

/// <summary>
/// Writes the payloads of one operation as <c>multipart/mixed</c> or <c>text/event-stream</c>. Each payload
/// is flushed as soon as it is ready, so the client has the initial result while the rest executes.
/// </summary>
public static class IncrementalHttpResponses
{
    private static readonly byte[] PartHeader = Encoding.ASCII.GetBytes("\r\n---\r\nContent-Type: application/json; charset=utf-8\r\n\r\n");
    private static readonly byte[] Terminator = Encoding.ASCII.GetBytes("\r\n-----\r\n");
    private static readonly byte[] NextEvent = Encoding.ASCII.GetBytes("event: next\ndata: ");
    private static readonly byte[] CompleteEvent = Encoding.ASCII.GetBytes("event: complete\ndata: \n\n");

    /// <summary>The streaming mode <c>Accept</c> asks for, in the order the client lists them; null for JSON only.</summary>
    public static StreamingHttpMode? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return null;
        foreach (var raw in accept.Split(','))
        {
            var parts = raw.Split(';');
            var type = parts[0].Trim().ToLowerInvariant();
            if (type == "text/event-stream") return StreamingHttpMode.EventStream;
            if (type == "multipart/mixed")
                return parts.Skip(1).Any(p => p.Trim().Replace(" ", "").Equals("deferSpec=20220824", StringComparison.OrdinalIgnoreCase))
                    ? StreamingHttpMode.MultipartDeferSpec20220824 : StreamingHttpMode.Multipart;
            if (type is MediaTypes.Json or MediaTypes.GraphQLResponse) return null;
        }
        return null;
    }

    /// <summary>Runs an accepted operation and streams its payloads. Returns false (nothing written) when the
    /// operation turned out to have a single payload and the mode is multipart: the caller answers with JSON.</summary>
    public static async Task WriteAsync(HttpContext http, GraphQLRequestPipeline pipeline, GraphQLRequestContext context, StreamingHttpMode mode, string jsonMediaType)
    {
        var cancellation = http.RequestAborted;
        if (mode == StreamingHttpMode.EventStream)
        {
            StartResponse(http, "text/event-stream; charset=utf-8");
            http.Response.Headers["X-Accel-Buffering"] = "no";
            await http.Response.StartAsync(cancellation);
            await foreach (var result in Results(pipeline, context, cancellation))
            {
                await http.Response.Body.WriteAsync(NextEvent, cancellation);
                await http.Response.Body.WriteAsync(Serialise(result.WriteTo), cancellation);
                await http.Response.Body.WriteAsync("\n\n"u8.ToArray(), cancellation);
                await http.Response.Body.FlushAsync(cancellation);
            }
            await http.Response.Body.WriteAsync(CompleteEvent, cancellation);
            await http.Response.Body.FlushAsync(cancellation);
            return;
        }

        await using var payloads = pipeline.ExecuteIncrementallyAsync(context, cancellation).GetAsyncEnumerator(cancellation);
        if (!await payloads.MoveNextAsync()) return;
        var first = payloads.Current;
        if (!first.HasNext)
        {
            // Nothing deferred or streamed: an ordinary GraphQL-over-HTTP response.
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = jsonMediaType + "; charset=utf-8";
            http.Response.Headers.CacheControl = "no-store";
            await http.Response.Body.WriteAsync(Serialise(first.WriteTo), cancellation);
            return;
        }
        var legacy = mode == StreamingHttpMode.MultipartDeferSpec20220824;
        StartResponse(http, legacy ? "multipart/mixed; boundary=\"-\"; deferSpec=20220824" : "multipart/mixed; boundary=\"-\"");
        var converter = legacy ? new DeferSpec20220824Converter() : null;
        var payload = first;
        while (true)
        {
            await http.Response.Body.WriteAsync(PartHeader, cancellation);
            await http.Response.Body.WriteAsync(Serialise(w => { if (converter is null) payload.WriteTo(w); else converter.Write(w, payload); }), cancellation);
            await http.Response.Body.FlushAsync(cancellation);
            if (!payload.HasNext || !await payloads.MoveNextAsync()) break;
            payload = payloads.Current;
        }
        await http.Response.Body.WriteAsync(Terminator, cancellation);
        await http.Response.Body.FlushAsync(cancellation);
    }

    // Subscriptions give one payload per event; everything else the payloads of incremental delivery.
    private static async IAsyncEnumerable<GraphQLPayload> Results(GraphQLRequestPipeline pipeline, GraphQLRequestContext context,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        if (context.Operation.Operation != OperationType.Subscription)
        {
            await foreach (var p in pipeline.ExecuteIncrementallyAsync(context, cancellation)) yield return p;
            yield break;
        }
        await foreach (var evt in pipeline.SubscribeAsync(context, cancellation))
            yield return new GraphQLPayload { Initial = evt };
    }

    private static void StartResponse(HttpContext http, string contentType)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = contentType;
        http.Response.Headers.CacheControl = "no-cache";
    }

    private static ReadOnlyMemory<byte> Serialise(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, ResultJsonWriter.WriterOptions)) write(w);
        return buffer.WrittenMemory;
    }

    /// <summary>Rewrites payloads into Apollo's deferSpec=20220824 format: the initial result without
    /// <c>pending</c>; each <c>incremental</c> item with its absolute <c>path</c> (for items, the path of the
    /// first item) and <c>label</c>; a failed fragment or stream as an item with null data and its errors.</summary>
    private sealed class DeferSpec20220824Converter
    {
        private readonly Dictionary<string, PendingResult> _pending = new(StringComparer.Ordinal);

        public void Write(Utf8JsonWriter w, GraphQLPayload payload)
        {
            if (payload.Initial is { } initial)
            {
                foreach (var p in payload.Pending ?? []) _pending[p.Id] = p;
                w.WriteStartObject();
                if (initial.Errors is { Count: > 0 } errors) { w.WritePropertyName("errors"); ResultJsonWriter.WriteErrors(w, errors); }
                w.WritePropertyName("data");
                ResultJsonWriter.WriteValue(w, initial.Data);
                w.WriteBoolean("hasNext", payload.HasNext);
                w.WriteEndObject();
                return;
            }
            var next = payload.Subsequent!;
            foreach (var p in next.Pending ?? []) _pending[p.Id] = p;
            w.WriteStartObject();
            w.WriteBoolean("hasNext", next.HasNext);
            var failures = next.Completed?.Where(c => c.Errors is { Count: > 0 }).ToList() ?? [];
            if (next.Incremental is { Count: > 0 } || failures.Count > 0)
            {
                w.WritePropertyName("incremental");
                w.WriteStartArray();
                foreach (var entry in next.Incremental ?? [])
                {
                    var pending = _pending.GetValueOrDefault(entry.Id);
                    w.WriteStartObject();
                    if (entry.Items is { } items)
                    {
                        w.WritePropertyName("items");
                        ResultJsonWriter.WriteValue(w, items);
                        WritePath(w, "path", entry.Path.Append(entry.FirstIndex));
                    }
                    else
                    {
                        w.WritePropertyName("data");
                        ResultJsonWriter.WriteValue(w, entry.Data);
                        WritePath(w, "path", entry.Path);
                    }
                    if (pending?.Label is { } label) w.WriteString("label", label);
                    if (entry.Errors is { Count: > 0 } errors) { w.WritePropertyName("errors"); ResultJsonWriter.WriteErrors(w, errors); }
                    w.WriteEndObject();
                }
                foreach (var failure in failures)
                {
                    if (!_pending.TryGetValue(failure.Id, out var pending)) continue;
                    w.WriteStartObject();
                    w.WriteNull("data");
                    WritePath(w, "path", pending.Path);
                    if (pending.Label is { } label) w.WriteString("label", label);
                    w.WritePropertyName("errors");
                    ResultJsonWriter.WriteErrors(w, failure.Errors!);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            foreach (var c in next.Completed ?? []) _pending.Remove(c.Id);
        }

        private static void WritePath(Utf8JsonWriter w, string name, IEnumerable<object> path)
        {
            w.WritePropertyName(name);
            w.WriteStartArray();
            foreach (var segment in path)
            {
                if (segment is int i) w.WriteNumberValue(i);
                else w.WriteStringValue(segment.ToString());
            }
            w.WriteEndArray();
        }
    }
}
