using System.Runtime.CompilerServices;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Execution;

public static partial class Executor
{
    /// <summary>
    /// Spec §6.2.3 Subscribe: CreateSourceEventStream through the root field's
    /// <see cref="FieldDefinition.Subscriber"/> (or, without one, the root value's property named like the
    /// field, which must be an <see cref="IAsyncEnumerable{T}"/>), then MapSourceToResponseEvent: each
    /// event executes the operation's selection set with the event as root value. Errors before the
    /// stream exists come back as <see cref="SubscriptionResult.ErrorResult"/> (no data).
    /// Disposing the response stream, or cancelling the request, disposes the source stream.
    /// </summary>
    public static async Task<SubscriptionResult> SubscribeAsync(ExecutionRequest request, ExecutionOptions? options = null)
    {
        var state = BuildExecutionState(request, options, out var requestErrors);
        if (state is null) return new SubscriptionResult(requestErrors!);
        var operation = state.Operation;
        var rootType = state.Schema.SubscriptionType;
        if (rootType is null)
            return Failed(new GraphQLError("Schema is not configured to execute subscription operation.", new SyntaxNode[] { operation }));
        SelectionPlan plan;
        try
        {
            plan = GetRootPlan(state, rootType);
        }
        catch (GraphQLException e)
        {
            return new SubscriptionResult(ExecutionResult.FromErrors(e.Errors));
        }
        if (plan.Fields.Length == 0)
        {
            var first = FirstField(operation.SelectionSet);
            return Failed(new GraphQLError($"The subscription field \"{first?.Name.Value}\" is not defined.", new SyntaxNode?[] { first }));
        }

        var field = plan.Fields[0];
        var path = new ResponsePath(null, field.ResponseKey);
        IAsyncEnumerable<object?> source;
        try
        {
            var arguments = field.ConstantArguments ?? GetArguments(state, field);
            var context = new ResolveContext(state, field, rootType, state.RootValue, path, arguments);
            object? stream;
            if (field.Definition.Subscriber is { } subscriber) stream = await subscriber(context).ConfigureAwait(false);
            else if ((field.Definition.Resolver ?? state.DefaultResolver) is { } resolver) stream = await resolver(context).ConfigureAwait(false);
            else stream = DefaultFieldResolver.GetProperty(state.RootValue, field.FieldName);
            if (stream is Exception thrown) throw thrown;
            source = stream as IAsyncEnumerable<object?>
                ?? throw new GraphQLException(new GraphQLError($"Subscription field must return Async Iterable. Received: {JsValues.Inspect(stream)}."));
        }
        catch (Exception e) when (!IsCancellation(state, e))
        {
            var errors = new ExecutionState
            {
                Schema = state.Schema, DocumentPlan = state.DocumentPlan, Operation = operation, Variables = state.Variables,
                Scope = state.Scope, Options = new ExecutionOptions { MaxErrors = int.MaxValue, ErrorFilter = state.Options.ErrorFilter },
            };
            RecordError(errors, e, field, path);
            return new SubscriptionResult(ExecutionResult.FromErrors(errors.Errors!));
        }
        return new SubscriptionResult(MapSourceToResponse(state, source, request.EventScope ?? state.Scope.ForEvent, request.CancellationToken));
    }

    private static SubscriptionResult Failed(GraphQLError error) => new(ExecutionResult.FromErrors(new[] { error }));

    private static FieldNode? FirstField(SelectionSetNode set)
    {
        foreach (var s in set.Selections)
            if (s is FieldNode f) return f;
        return null;
    }

    // Spec §6.2.3.2 MapSourceToResponseEvent / ExecuteSubscriptionEvent.
    // Each event executes in a scope of its own (eventScope: the subscriber, a fresh ledger and DataLoaders).
    private static async IAsyncEnumerable<ExecutionResult> MapSourceToResponse(ExecutionState template,
        IAsyncEnumerable<object?> source, Func<RequestScope> eventScope, CancellationToken requestToken, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = requestToken.CanBeCanceled && cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(requestToken, cancellationToken) : null;
        var token = linked?.Token ?? (requestToken.CanBeCanceled ? requestToken : cancellationToken);
        await foreach (var payload in source.WithCancellation(token).ConfigureAwait(false))
        {
            var state = new ExecutionState
            {
                Schema = template.Schema,
                DocumentPlan = template.DocumentPlan,
                Operation = template.Operation,
                Variables = template.Variables,
                RootValue = payload,
                Services = template.Services,
                Scope = eventScope(),
                DefaultResolver = template.DefaultResolver,
                CancellationToken = token,
                Options = template.Options,
            };
            var result = await ExecuteOperation(state).ConfigureAwait(false);
            // An event its subscriber may not read is not theirs to see, as a lookup of it would give nothing.
            if (result.Errors is { Count: > 0 } errors && errors.Any(e => e.OriginalException is SubscriptionEventWithheldException)) continue;
            yield return result;
        }
    }
}

/// <summary>
/// Thrown by a subscription field's resolver (the authorisation layer) when the subscriber may not read the event:
/// the event is skipped for that subscriber rather than sent as an error.
/// </summary>
public sealed class SubscriptionEventWithheldException() : Exception("The subscriber may not read this event.");
