using System.Diagnostics;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Server.Cost;
using Commissioning.Graph.Server.Http;
using Commissioning.Graph.Server.Limits;
using Commissioning.Graph.Server.PersistedDocuments;
using Commissioning.Graph.Server.RateLimiting;
using Commissioning.Graph.Server.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Server;

/// <summary>How a request arrived; GET may not run mutations (GraphQL over HTTP).</summary>
public enum GraphQLTransport { HttpGet, HttpPost, WebSocket }

/// <summary>The schema the endpoint serves, with the root value its resolvers start from.</summary>
public sealed class GraphQLEndpointSchema(GraphQLEngine engine, object? rootValue = null)
{
    public GraphQLEngine Engine { get; } = engine;
    public object? RootValue { get; } = rootValue;
}

/// <summary>
/// A hook around every operation: identity, authorisation context, disclosure audit. Interceptors
/// run in registration order before execution and in reverse order after it.
/// </summary>
public interface IGraphQLRequestInterceptor
{
    /// <summary>Called before execution. Return errors to refuse the request (it is not executed).</summary>
    ValueTask<IReadOnlyList<GraphQLError>?> OnExecutingAsync(GraphQLRequestContext context) => new((IReadOnlyList<GraphQLError>?)null);
    /// <summary>For an incremental response: true when what has been executed so far must pass
    /// <see cref="OnExecutedAsync"/> before it is sent (the disclosure register: restricted data is sent only
    /// once recorded). The pipeline then holds the payloads until the last one is ready, runs
    /// <see cref="OnExecutedAsync"/> once for the whole response, and sends them.</summary>
    bool MustSeeBeforeSending(GraphQLRequestContext context) => false;
    /// <summary>Called once the result is known, before it is sent — for a subscription, once per event.
    /// To send something else instead (the disclosure register withholds data it could not record),
    /// set <see cref="GraphQLRequestContext.Result"/>.</summary>
    ValueTask OnExecutedAsync(GraphQLRequestContext context, ExecutionResult result) => ValueTask.CompletedTask;
}

/// <summary>What the pipeline knows about one operation while it runs.</summary>
public sealed class GraphQLRequestContext
{
    private RequestScope _scope = null!;

    public required Microsoft.AspNetCore.Http.HttpContext HttpContext { get; init; }
    public required GraphQLHttpRequest Request { get; init; }
    public required GraphQLTransport Transport { get; init; }
    public required PreparedDocument Document { get; init; }
    public required OperationDefinitionNode Operation { get; init; }
    /// <summary>Who is asking: the request's (or the WebSocket connection's) <see cref="Identity.Caller"/>, known when the
    /// operation was accepted; null only on an endpoint that requires none (<see cref="Identity.CallerRequestInterceptor"/> refuses it).</summary>
    public required Identity.Caller? Caller { get; init; }
    /// <summary>What the execution's resolvers share, typed (the engine's <see cref="RequestScope"/>): the caller as the
    /// authorisation layer sees it, what the execution disclosed, its DataLoaders. Each subscription event has its own
    /// (<see cref="BeginEvent"/>), so this is the scope of the event being completed.</summary>
    public required RequestScope Scope { get => _scope; init => _scope = value; }
    /// <summary>Starts the scope of the next subscription event (same caller, nothing else carried over) and returns it:
    /// the <see cref="ExecutionRequest.EventScope"/> of a subscription. Events run one at a time, so <see cref="Scope"/>
    /// is that event's until the next begins.</summary>
    public RequestScope BeginEvent() => _scope = Scope.ForEvent();
    public double Cost { get; set; }
    /// <summary>The result about to be sent, set once execution is over (each subscription event in turn);
    /// an interceptor's <see cref="IGraphQLRequestInterceptor.OnExecutedAsync"/> may replace it.</summary>
    public ExecutionResult? Result { get; set; }
}

/// <summary>The outcome of one operation and the HTTP status it implies.</summary>
public sealed class GraphQLOperationOutcome
{
    public required ExecutionResult Result { get; init; }
    /// <summary>An HTTP status the request's form calls for regardless of media type (405 for a mutation over GET, 413, ...).</summary>
    public int? ForcedStatus { get; init; }
    public OperationType? Operation { get; init; }
    /// <summary>Set with a 429: the <c>Retry-After</c> header, in seconds.</summary>
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>
/// Turns a request into a result, for every transport alike: persisted document lookup, parse and
/// validate (cached), operation selection, cost analysis, interceptors, execution under a timeout,
/// and error masking.
/// </summary>
public sealed partial class GraphQLRequestPipeline(
    GraphQLEndpointSchema endpoint,
    IOptions<GraphQLServerOptions> options,
    IPersistedDocumentStore persistedDocuments,
    IGraphQLRateLimiter rateLimiter,
    IEnumerable<IGraphQLRequestInterceptor> interceptors,
    ILogger<GraphQLRequestPipeline> logger,
    Microsoft.Extensions.Hosting.IHostEnvironment environment,
    IEnumerable<IUnavailableDependencyDetector> unavailableDependencies)
{
    private readonly IUnavailableDependencyDetector[] _unavailable = unavailableDependencies.ToArray();

    /// <summary>The message of a <c>SERVICE_UNAVAILABLE</c> error.</summary>
    public const string UnavailableMessage = "The service is temporarily unavailable; retry later.";

    /// <summary>Whether an exception means a dependency is unavailable for now (see <see cref="IUnavailableDependencyDetector"/>).</summary>
    public bool IsUnavailable(Exception exception) => _unavailable.Any(d => d.IsUnavailable(exception));

    private readonly GraphQLServerOptions _options = options.Value;
    private readonly IGraphQLRequestInterceptor[] _interceptors = interceptors.ToArray();
    private readonly bool _exceptionDetails = options.Value.IncludeExceptionDetails ?? environment.EnvironmentName == "Development";

    public GraphQLEngine Engine => endpoint.Engine;

    /// <summary>Executes a query or mutation (or a subscription as a single result).</summary>
    public async Task<GraphQLOperationOutcome> ExecuteAsync(GraphQLHttpRequest request, GraphQLTransport transport,
        Microsoft.AspNetCore.Http.HttpContext http, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var prepared = await PrepareAsync(request, transport, http, cancellationToken);
        var outcome = prepared.Outcome ?? await ExecutePreparedAsync(prepared.Context!, cancellationToken);
        RecordMetrics(outcome, transport, Stopwatch.GetElapsedTime(started));
        return outcome;
    }

    private static void RecordMetrics(GraphQLOperationOutcome outcome, GraphQLTransport transport, TimeSpan elapsed)
    {
        var operation = new KeyValuePair<string, object?>("graphql.operation.type", outcome.Operation?.ToString().ToLowerInvariant() ?? "none");
        var via = new KeyValuePair<string, object?>("graphql.transport", transport.ToString());
        EngineTelemetry.Requests.Add(1, operation, via);
        EngineTelemetry.Duration.Record(elapsed.TotalSeconds, operation, via);
        if (outcome.Result.Errors is { } errors)
            foreach (var error in errors)
                EngineTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("graphql.error.code", error.Code ?? "NONE"));
    }

    /// <summary>Executes an operation that <see cref="PrepareAsync"/> accepted.</summary>
    public async Task<GraphQLOperationOutcome> ExecutePreparedAsync(GraphQLRequestContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var http = context.HttpContext;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ExecutionTimeout);
        ExecutionResult result;
        using (var activity = EngineTelemetry.Source.StartActivity("graphql.execute"))
        {
            activity?.SetTag("graphql.operation.type", context.Operation.Operation.ToString().ToLowerInvariant());
            activity?.SetTag("graphql.operation.name", context.Operation.Name?.Value);
            activity?.SetTag("graphql.document", context.Document.Hash);
            try
            {
                result = await Engine.ExecuteAsync(context.Document, request.OperationName, request.Variables,
                    endpoint.RootValue, http.RequestServices, context.Scope, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                result = new ExecutionResult { HasData = true, Data = null, Errors = new[] { Error("The operation did not complete within the time allowed.", ErrorCodes.Timeout) } };
            }
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !HasCode(result, ErrorCodes.Timeout))
                result = WithError(result, Error("The operation did not complete within the time allowed.", ErrorCodes.Timeout));
            if (result.Errors is { Count: > 0 }) activity?.SetStatus(ActivityStatusCode.Error);
        }
        result = Mask(result);
        if (_options.ReportCost) (result.Extensions ??= new Dictionary<string, object?>())["cost"] = new Dictionary<string, object?> { ["requested"] = context.Cost, ["maximum"] = _options.MaxCost };
        result = await RunExecutedInterceptorsAsync(context, result);
        int? status = WholeRequestUnavailable(result) ? Microsoft.AspNetCore.Http.StatusCodes.Status503ServiceUnavailable : null;
        return new GraphQLOperationOutcome { Result = result, Operation = context.Operation.Operation, ForcedStatus = status };
    }

    /// <summary>
    /// The request as a whole failed because a dependency is unavailable: every error says so and no field
    /// produced data (data null, or every root field null). Served as 503 with <c>Retry-After</c>; when some
    /// fields succeeded, the response is a normal one with field errors carrying the code.
    /// </summary>
    private static bool WholeRequestUnavailable(ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors || errors.Any(e => e.Code != ErrorCodes.ServiceUnavailable)) return false;
        return !result.HasData || result.Data is not IReadOnlyDictionary<string, object?> data || data.Values.All(v => v is null);
    }

    /// <summary>
    /// Completes one event of a subscription as <see cref="ExecutePreparedAsync"/> completes a result:
    /// masks it and runs the interceptors' <see cref="IGraphQLRequestInterceptor.OnExecutedAsync"/>, so
    /// that what each event discloses is recorded before it is sent. Returns what to send.
    /// </summary>
    public async Task<ExecutionResult> CompleteEventAsync(GraphQLRequestContext context, ExecutionResult evt) =>
        await RunExecutedInterceptorsAsync(context, Mask(evt));

    private async Task<ExecutionResult> RunExecutedInterceptorsAsync(GraphQLRequestContext context, ExecutionResult result)
    {
        context.Result = result;
        for (var i = _interceptors.Length - 1; i >= 0; i--) await _interceptors[i].OnExecutedAsync(context, context.Result);
        return context.Result;
    }

    /// <summary>The steps before execution, shared with subscriptions over WebSocket.</summary>
    public async Task<(GraphQLOperationOutcome? Outcome, GraphQLRequestContext? Context)> PrepareAsync(GraphQLHttpRequest request,
        GraphQLTransport transport, Microsoft.AspNetCore.Http.HttpContext http, CancellationToken cancellationToken)
    {
        // Rate limits come first: a caller over its limit costs no parsing, no lookups.
        if (await rateLimiter.AcquireAsync(http, cancellationToken) is { Allowed: false } limited)
            return (RateLimited(limited), null);

        string? text = request.Query;
        string? registerAs = null;
        if (request.DocumentId is { } id)
        {
            if (_options.PersistedDocuments.Mode == PersistedDocumentMode.Disabled)
                return (Refuse("Persisted documents are not enabled on this endpoint.", ErrorCodes.PersistedDocumentNotFound), null);
            string? stored;
            try
            {
                stored = await persistedDocuments.GetAsync(id, cancellationToken);
            }
            catch (PersistedDocumentStoreUnavailableException e)
            {
                // A client that sent the text too is served from it; one that sent only the id is told to send it
                // (APQ clients do so on PERSISTED_DOCUMENT_NOT_FOUND), with the reason.
                if (text is null) return (Refuse(e.Message, ErrorCodes.PersistedDocumentNotFound, reason: "STORE_UNAVAILABLE"), null);
                stored = null;
            }
            if (stored is null)
            {
                // Automatic persisted queries: a client may send the text with its hash once; it is registered
                // below, once it has parsed and validated, if it is small enough.
                if (text is not null && _options.PersistedDocuments.Mode == PersistedDocumentMode.Allowed
                    && PreparedDocument.ComputeHash(text) == PersistedDocumentIds.Normalise(id))
                {
                    registerAs = id;
                }
                else
                {
                    return (Refuse($"No persisted document has the id \"{id}\".", ErrorCodes.PersistedDocumentNotFound), null);
                }
            }
            else text = stored;
        }
        else if (_options.PersistedDocuments.Mode == PersistedDocumentMode.Required)
        {
            return (Refuse("This endpoint accepts persisted documents only: send a documentId.", "PERSISTED_DOCUMENT_REQUIRED"), null);
        }
        if (text is null) return (Refuse("A GraphQL request must carry a query or a documentId.", ErrorCodes.BadUserInput, 400), null);

        var document = Engine.Prepare(text);
        if (!document.IsValid)
        {
            var code = document.IsSyntaxError ? ErrorCodes.ParseFailed : ErrorCodes.ValidationFailed;
            var errors = document.Errors.Select(e => e.Code is null ? e.WithCode(code) : e).ToArray();
            return (new GraphQLOperationOutcome { Result = ExecutionResult.FromErrors(errors) }, null);
        }
        if (registerAs is not null && System.Text.Encoding.UTF8.GetByteCount(text) <= _options.PersistedDocuments.MaxDocumentBytes)
            await persistedDocuments.RegisterAsync(registerAs, text, RateLimitPartition.Of(http), cancellationToken);

        var operation = document.GetOperation(request.OperationName);
        if (operation is null)
        {
            var message = request.OperationName is not null ? $"Unknown operation named \"{request.OperationName}\"."
                : "Must provide operation name if query contains multiple operations.";
            return (Refuse(message, ErrorCodes.OperationNotFound), null);
        }
        if (transport == GraphQLTransport.HttpGet && operation.Operation != OperationType.Query)
            return (Refuse($"Only queries may be sent with GET; send this {operation.Operation.ToString().ToLowerInvariant()} with POST.", ErrorCodes.BadUserInput, 405), null);

        if (InputListLimit.Check(document.Document!, request.Variables, _options.MaxListInputLength) is { } tooLong)
            return (new GraphQLOperationOutcome { Result = ExecutionResult.FromErrors(new[] { tooLong }), Operation = operation.Operation }, null);

        var cost = CostAnalyzer.Compute(Engine.Schema, document.Document!, operation, request.Variables, _options.DefaultListSize);
        if (_options.MaxCost > 0 && cost > _options.MaxCost)
        {
            var refused = ExecutionResult.FromErrors(new[] { Error($"The operation's cost, {cost}, exceeds the maximum of {_options.MaxCost}.", ErrorCodes.CostLimitExceeded) });
            refused.Extensions = new Dictionary<string, object?> { ["cost"] = new Dictionary<string, object?> { ["requested"] = cost, ["maximum"] = _options.MaxCost } };
            return (new GraphQLOperationOutcome { Result = refused, Operation = operation.Operation }, null);
        }

        var caller = Identity.CallerHttpContextExtensions.GetCaller(http);
        var context = new GraphQLRequestContext
        {
            HttpContext = http, Request = request, Transport = transport, Document = document, Operation = operation, Cost = cost,
            Caller = caller, Scope = new RequestScope(caller?.AuthorizationSubject),
        };
        foreach (var interceptor in _interceptors)
        {
            IReadOnlyList<GraphQLError>? errors;
            try
            {
                errors = await interceptor.OnExecutingAsync(context);
            }
            catch (Exception e) when (IsUnavailable(e))
            {
                logger.LogWarning("A dependency is unavailable before execution: {Reason}", e.GetBaseException().Message);
                return (Refuse(UnavailableMessage, ErrorCodes.ServiceUnavailable, Microsoft.AspNetCore.Http.StatusCodes.Status503ServiceUnavailable), null);
            }
            if (errors is { Count: > 0 }) return (new GraphQLOperationOutcome { Result = ExecutionResult.FromErrors(errors), Operation = operation.Operation }, null);
        }
        return (null, context);
    }

    /// <summary>Hides what an unexpected exception says outside Development (no stack traces, no internals).</summary>
    public ExecutionResult Mask(ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors) return result;
        GraphQLError[]? masked = null;
        for (var i = 0; i < errors.Count; i++)
        {
            var e = errors[i];
            if (e.OriginalException is null or GraphQLException || e.OriginalException is Engine.Types.CoercionException) continue;
            masked ??= errors.ToArray();
            if (IsUnavailable(e.OriginalException))
            {
                // Not a bug: a dependency is down after its retries. One line, no stack trace; the client may retry.
                logger.LogWarning("A dependency is unavailable at {Path}: {Reason}", e.Path is null ? "" : string.Join('.', e.Path), e.OriginalException.GetBaseException().Message);
                masked[i] = new GraphQLError(UnavailableMessage) { Locations = e.Locations, Path = e.Path, Extensions = new Dictionary<string, object?> { ["code"] = ErrorCodes.ServiceUnavailable } };
                continue;
            }
            logger.LogError(e.OriginalException, "Resolver failed at {Path}", e.Path is null ? "" : string.Join('.', e.Path));
            var ext = new Dictionary<string, object?> { ["code"] = ErrorCodes.InternalServerError };
            if (_exceptionDetails) ext["exception"] = new Dictionary<string, object?> { ["message"] = e.OriginalException.Message, ["stacktrace"] = e.OriginalException.StackTrace };
            masked[i] = new GraphQLError(_exceptionDetails ? e.Message : "Unexpected error.") { Locations = e.Locations, Path = e.Path, Extensions = ext };
        }
        return masked is null ? result : new ExecutionResult { Data = result.Data, HasData = result.HasData, Errors = masked, Extensions = result.Extensions };
    }

    private static bool HasCode(ExecutionResult r, string code) => r.Errors?.Any(e => e.Code == code) == true;

    private static ExecutionResult WithError(ExecutionResult r, GraphQLError error) =>
        new() { Data = r.Data, HasData = r.HasData, Errors = (r.Errors ?? Array.Empty<GraphQLError>()).Append(error).ToArray(), Extensions = r.Extensions };

    /// <summary>An error with a stable <c>extensions.code</c>, as every refusal of the pipeline carries.</summary>
    public static GraphQLError Error(string message, string code) =>
        new(message) { Extensions = new Dictionary<string, object?> { ["code"] = code } };

    private static GraphQLOperationOutcome Refuse(string message, string code, int? status = null, string? reason = null)
    {
        var error = reason is null ? Error(message, code)
            : new GraphQLError(message) { Extensions = new Dictionary<string, object?> { ["code"] = code, ["reason"] = reason } };
        return new() { Result = ExecutionResult.FromErrors(new[] { error }), ForcedStatus = status };
    }

    private static GraphQLOperationOutcome RateLimited(RateLimitDecision decision)
    {
        var error = new GraphQLError($"Too many requests from this organisation and client application: the limit is {decision.Limit} per {decision.Window.TotalSeconds:0} s. Retry after {decision.RetryAfterSeconds} s.")
        {
            Extensions = new Dictionary<string, object?> { ["code"] = ErrorCodes.RateLimited, ["retryAfter"] = decision.RetryAfterSeconds },
        };
        return new() { Result = ExecutionResult.FromErrors(new[] { error }), ForcedStatus = 429, RetryAfterSeconds = decision.RetryAfterSeconds };
    }
}
