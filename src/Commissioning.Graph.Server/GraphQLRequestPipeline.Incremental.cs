using System.Runtime.CompilerServices;
using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Server;

/// <summary>One payload of a response as it goes over the wire: the initial result (with <c>pending</c>
/// and <c>hasNext</c> when more follows) or a later payload.</summary>
public sealed class GraphQLPayload
{
    public ExecutionResult? Initial { get; init; }
    public IReadOnlyList<PendingResult>? Pending { get; init; }
    public SubsequentResult? Subsequent { get; init; }
    public bool IsInitial => Initial is not null;
    public bool HasNext => Subsequent?.HasNext ?? Pending is not null;

    /// <summary>The payload as graphql-js 17.1 writes it.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        if (Initial is not null) ResultJsonWriter.WriteInitial(writer, new IncrementalExecutionResult { Initial = Initial, Pending = Pending });
        else ResultJsonWriter.WriteSubsequent(writer, Subsequent!);
    }
}

public sealed partial class GraphQLRequestPipeline
{
    /// <summary>
    /// Executes an operation that <see cref="PrepareAsync"/> accepted with @defer/@stream honoured: the
    /// initial result, then each later payload, every one masked, under the same timeout, and with the
    /// interceptors applied to the response as a whole: when an interceptor must see restricted data
    /// before it leaves (<see cref="IGraphQLRequestInterceptor.MustSeeBeforeSending"/>), the payloads from
    /// that point on are held until the last is ready, <see cref="IGraphQLRequestInterceptor.OnExecutedAsync"/>
    /// runs once (so the disclosure register writes one record per owning organisation for the whole
    /// request), and then they are sent, or replaced by the interceptor's error.
    /// </summary>
    public async IAsyncEnumerable<GraphQLPayload> ExecuteIncrementallyAsync(GraphQLRequestContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ExecutionTimeout);
        // One span for the whole response, deferred payloads included.
        using var activity = EngineTelemetry.Source.StartActivity("graphql.execute");
        activity?.SetTag("graphql.operation.type", context.Operation.Operation.ToString().ToLowerInvariant());
        activity?.SetTag("graphql.operation.name", context.Operation.Name?.Value);
        activity?.SetTag("graphql.document", context.Document.Hash);
        var request = context.Request;
        IncrementalExecutionResult executed;
        try
        {
            executed = await Engine.ExecuteIncrementallyAsync(context.Document, request.OperationName, request.Variables,
                endpoint.RootValue, context.HttpContext.RequestServices, context.Scope, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            executed = new IncrementalExecutionResult { Initial = new ExecutionResult { HasData = true, Data = null, Errors = new[] { TimeoutError() } } };
        }
        var initial = Mask(executed.Initial);
        if (_options.ReportCost) (initial.Extensions ??= new Dictionary<string, object?>())["cost"] = new Dictionary<string, object?> { ["requested"] = context.Cost, ["maximum"] = _options.MaxCost };

        if (executed.Subsequent is null)
        {
            yield return new GraphQLPayload { Initial = await RunExecutedInterceptorsAsync(context, initial) };
            yield break;
        }

        // Ids announced and not yet completed: what a failure at this point must complete.
        var open = new List<string>(executed.Pending!.Select(p => p.Id));
        var held = new List<GraphQLPayload>();
        var holding = false;
        List<string>? openWhenHeld = null;
        var first = new GraphQLPayload { Initial = initial, Pending = executed.Pending };
        if (MustHold(context)) { holding = true; held.Add(first); }
        else yield return first;

        var payloads = executed.Subsequent.GetAsyncEnumerator(timeout.Token);
        try
        {
            while (true)
            {
                SubsequentResult? next;
                try
                {
                    next = await payloads.MoveNextAsync() ? payloads.Current : null;
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    next = new SubsequentResult
                    {
                        HasNext = false,
                        Completed = open.Select(id => new CompletedResult(id, new[] { TimeoutError() })).ToList(),
                    };
                }
                if (next is null) break;
                var payload = new GraphQLPayload { Subsequent = MaskPayload(next) };
                if (!holding && MustHold(context))
                {
                    holding = true;
                    openWhenHeld = new List<string>(open);
                }
                foreach (var p in next.Pending ?? []) open.Add(p.Id);
                foreach (var c in next.Completed ?? []) open.Remove(c.Id);
                if (holding) held.Add(payload);
                else yield return payload;
                if (!next.HasNext) break;
            }
        }
        finally
        {
            await payloads.DisposeAsync();
        }

        if (!holding)
        {
            await RunExecutedInterceptorsAsync(context, initial);
            yield break;
        }
        var outcome = await RunExecutedInterceptorsAsync(context, initial);
        if (ReferenceEquals(outcome, initial))
        {
            foreach (var payload in held) yield return payload;
            yield break;
        }
        // An interceptor refused the response (the disclosure could not be recorded): what was held is not
        // sent; the response ends with its errors.
        if (held[0].IsInitial)
        {
            yield return new GraphQLPayload { Initial = outcome };
            yield break;
        }
        var errors = outcome.Errors ?? Array.Empty<GraphQLError>();
        yield return new GraphQLPayload
        {
            Subsequent = new SubsequentResult { HasNext = false, Completed = openWhenHeld!.Select(id => new CompletedResult(id, errors)).ToList() },
        };
    }

    /// <summary>Runs an accepted subscription: each event completed as <see cref="CompleteEventAsync"/> does
    /// (masked, interceptors run, so each event's disclosures are recorded before it is sent); a stream that
    /// could not be created gives its one error result.</summary>
    public async IAsyncEnumerable<ExecutionResult> SubscribeAsync(GraphQLRequestContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subscription = await Executor.SubscribeAsync(new ExecutionRequest
        {
            Schema = Engine.Schema,
            Document = context.Document.Document!,
            OperationName = context.Request.OperationName,
            VariableValues = context.Request.Variables,
            RootValue = endpoint.RootValue,
            Services = context.HttpContext.RequestServices,
            Scope = context.Scope,
            EventScope = context.BeginEvent,
            CancellationToken = cancellationToken,
        });
        if (subscription.Stream is null)
        {
            yield return Mask(subscription.ErrorResult ?? ExecutionResult.FromErrors(Array.Empty<GraphQLError>()));
            yield break;
        }
        await foreach (var evt in subscription.Stream.WithCancellation(cancellationToken))
            yield return await CompleteEventAsync(context, evt);
    }

    private bool MustHold(GraphQLRequestContext context)
    {
        foreach (var interceptor in _interceptors)
            if (interceptor.MustSeeBeforeSending(context)) return true;
        return false;
    }

    private SubsequentResult MaskPayload(SubsequentResult payload) => new()
    {
        HasNext = payload.HasNext,
        Pending = payload.Pending,
        Incremental = payload.Incremental?.Select(e => e.Errors is { Count: > 0 } ? new IncrementalEntry
        {
            Id = e.Id, Data = e.Data, Items = e.Items, SubPath = e.SubPath, Path = e.Path, Errors = MaskErrors(e.Errors),
        } : e).ToList(),
        Completed = payload.Completed?.Select(c => c.Errors is { Count: > 0 } ? c with { Errors = MaskErrors(c.Errors) } : c).ToList(),
        Extensions = payload.Extensions,
    };

    private IReadOnlyList<GraphQLError> MaskErrors(IReadOnlyList<GraphQLError> errors) =>
        Mask(new ExecutionResult { HasData = true, Errors = errors }).Errors!;

    private static GraphQLError TimeoutError() => Error("The operation did not complete within the time allowed.", ErrorCodes.Timeout);
}
