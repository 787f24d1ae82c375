using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Server.Http;

/// <summary>
/// GraphQL over HTTP: GET and POST at one path, <c>Accept</c> negotiation between
/// <c>application/graphql-response+json</c> and <c>application/json</c>, and the status codes the
/// GraphQL-over-HTTP specification gives each outcome.
/// </summary>
public sealed class GraphQLHttpHandler(GraphQLRequestPipeline pipeline, IOptions<GraphQLServerOptions> options)
{
    private readonly GraphQLServerOptions _options = options.Value;

    public async Task HandleAsync(HttpContext http)
    {
        var method = http.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsPost(method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteProblemAsync(http, StatusCodes.Status405MethodNotAllowed, MediaTypes.Json, "Use GET or POST.");
            return;
        }

        var streaming = IncrementalHttpResponses.Negotiate(http.Request.Headers.Accept);
        var mediaType = MediaTypes.Negotiate(http.Request.Headers.Accept) ?? (streaming is null ? null : MediaTypes.Json);
        if (mediaType is null)
        {
            await WriteProblemAsync(http, StatusCodes.Status406NotAcceptable, MediaTypes.Json,
                "The Accept header allows neither application/graphql-response+json nor application/json.");
            return;
        }

        var isGet = HttpMethods.IsGet(method);
        List<GraphQLHttpRequest> requests;
        bool batch = false;
        try
        {
            if (isGet)
            {
                requests = new() { GraphQLHttpRequestReader.FromQueryString(http.Request.Query) };
            }
            else
            {
                if (!MediaTypes.IsJsonContentType(http.Request.ContentType))
                    throw new BadHttpRequest(StatusCodes.Status415UnsupportedMediaType, "POST requests must have Content-Type: application/json.");
                (requests, batch) = await ReadBodyAsync(http);
            }
        }
        catch (BadHttpRequest e)
        {
            if (http.RequestAborted.IsCancellationRequested || http.Response.HasStarted) return;
            await WriteProblemAsync(http, e.Status, mediaType, e.Message);
            return;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            return; // the client went away while sending: nobody to answer, nothing went wrong here
        }

        var transport = isGet ? GraphQLTransport.HttpGet : GraphQLTransport.HttpPost;
        var outcomes = new GraphQLOperationOutcome[requests.Count];
        if (streaming is { } mode && !batch)
        {
            // multipart/mixed or text/event-stream: @defer/@stream (and, over SSE, subscriptions) as several payloads.
            var (refused, context) = await pipeline.PrepareAsync(requests[0], transport, http, http.RequestAborted);
            if (refused is null)
            {
                await IncrementalHttpResponses.WriteAsync(http, pipeline, context!, mode, mediaType);
                return;
            }
            outcomes[0] = refused;
        }
        else
        {
            for (var i = 0; i < requests.Count; i++)
                outcomes[i] = await pipeline.ExecuteAsync(requests[i], transport, http, http.RequestAborted);
        }

        http.Response.StatusCode = batch ? StatusCodes.Status200OK
            : StatusFor(outcomes[0], streaming == StreamingHttpMode.EventStream ? MediaTypes.GraphQLResponse : mediaType);
        if (!batch && outcomes[0].ForcedStatus == StatusCodes.Status405MethodNotAllowed) http.Response.Headers.Allow = "POST";
        // Retry-After: the rate limiter's own figure, or the configured pause of a 503 (a dependency unavailable).
        var retryAfter = batch ? null : outcomes[0].RetryAfterSeconds
            ?? (outcomes[0].ForcedStatus == StatusCodes.Status503ServiceUnavailable ? (int?)(int)Math.Ceiling(_options.RetryAfter.TotalSeconds) : null);
        if (retryAfter is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.ContentType = mediaType + "; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(http.Response.BodyWriter.AsStream(), ResultJsonWriter.WriterOptions);
        if (batch)
        {
            writer.WriteStartArray();
            foreach (var o in outcomes) ResultJsonWriter.Write(writer, o.Result);
            writer.WriteEndArray();
        }
        else
        {
            ResultJsonWriter.Write(writer, outcomes[0].Result);
        }
        await writer.FlushAsync(http.RequestAborted);
    }

    /// <summary>
    /// Status codes (GraphQL over HTTP §"Status Codes"): with <c>application/json</c> every
    /// well-formed request gets 200; with <c>application/graphql-response+json</c> a response
    /// without <c>data</c> (the request failed before execution) gets 400, except where the
    /// failure itself names a status (405, 413, 401, 403).
    /// </summary>
    private static int StatusFor(GraphQLOperationOutcome outcome, string mediaType)
    {
        if (outcome.ForcedStatus is { } forced) return forced;
        if (mediaType == MediaTypes.Json) return StatusCodes.Status200OK;
        if (outcome.Result.HasData) return StatusCodes.Status200OK;
        var code = outcome.Result.Errors is { Count: > 0 } e ? e[0].Code : null;
        return code switch
        {
            ErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
            ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
            ErrorCodes.InternalServerError => StatusCodes.Status500InternalServerError,
            ErrorCodes.ServiceUnavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };
    }

    private async Task<(List<GraphQLHttpRequest>, bool)> ReadBodyAsync(HttpContext http)
    {
        var max = _options.MaxRequestBodyBytes;
        if (http.Request.ContentLength > max)
            throw new BadHttpRequest(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {max} bytes.");
        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = max;

        JsonDocument body;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > max)
                    throw new BadHttpRequest(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {max} bytes.");
                buffer.Write(chunk, 0, read);
            }
            body = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            throw new BadHttpRequest(StatusCodes.Status400BadRequest, "The request body is not valid JSON.");
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new BadHttpRequest(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {max} bytes.");
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            // Kestrel's own refusals while the body arrives (408 for a body slower than MinRequestBodyDataRate,
            // 400 for broken chunking): the client's fault, answered as such and not logged as a server failure.
            throw new BadHttpRequest(e.StatusCode, e.StatusCode == StatusCodes.Status408RequestTimeout
                ? "The request body arrived too slowly." : "The request body could not be read.");
        }
        using (body)
        try
        {
            var root = body.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var count = root.GetArrayLength();
                if (count == 0 || count > _options.MaxOperationsPerRequest)
                    throw new BadHttpRequest(StatusCodes.Status400BadRequest,
                        $"A batched request must hold between 1 and {_options.MaxOperationsPerRequest} operations.");
                var list = new List<GraphQLHttpRequest>(count);
                foreach (var item in root.EnumerateArray()) list.Add(GraphQLHttpRequestReader.FromJson(item));
                return (list, true);
            }
            return (new() { GraphQLHttpRequestReader.FromJson(root) }, false);
        }
        catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException)
        {
            // The parser checks structure, not the bytes inside strings: they are decoded when read.
            throw new BadHttpRequest(StatusCodes.Status400BadRequest, "The request body holds a string that is not valid UTF-8.");
        }
    }

    /// <summary>A request that is not a GraphQL request at all: a GraphQL-shaped error body and the status.</summary>
    private static async Task WriteProblemAsync(HttpContext http, int status, string mediaType, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        var result = ExecutionResult.FromErrors(new[] { GraphQLRequestPipeline.Error(message, ErrorCodes.BadUserInput) });
        await using var writer = new Utf8JsonWriter(http.Response.BodyWriter.AsStream(), ResultJsonWriter.WriterOptions);
        ResultJsonWriter.Write(writer, result);
        await writer.FlushAsync();
    }
}
