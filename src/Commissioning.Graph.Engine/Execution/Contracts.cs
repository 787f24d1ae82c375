using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>Resolves a field's value (spec §6.4.2 ResolveFieldValue). Synchronous resolvers return
/// <c>new ValueTask&lt;object?&gt;(value)</c>, which allocates nothing.</summary>
public delegate ValueTask<object?> FieldResolver(IResolveContext context);

/// <summary>Produces the source stream of a subscription root field (spec §6.2.3.1).</summary>
public delegate ValueTask<IAsyncEnumerable<object?>> SubscriptionResolver(IResolveContext context);

/// <summary>What a resolver knows about the field it resolves.</summary>
public interface IResolveContext
{
    /// <summary>The parent value (the root value for root fields).</summary>
    object? Source { get; }
    /// <summary>Coerced argument values (spec §6.4.1 CoerceArgumentValues), by argument name.</summary>
    IReadOnlyDictionary<string, object?> Arguments { get; }
    FieldDefinition FieldDefinition { get; }
    ObjectType ParentType { get; }
    /// <summary>Every field node merged into this response key.</summary>
    IReadOnlyList<FieldNode> FieldNodes { get; }
    string ResponseKey { get; }
    /// <summary>Response path of this field: response keys and list indices.</summary>
    IReadOnlyList<object> Path { get; }
    Schema Schema { get; }
    OperationDefinitionNode Operation { get; }
    IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; }
    IReadOnlyDictionary<string, object?> VariableValues { get; }
    object? RootValue { get; }
    /// <summary>Per-request services and state supplied by the host (identity, DbContext factory, ...).</summary>
    IServiceProvider? Services { get; }
    /// <summary>What every resolver of this execution shares: the caller, its disclosures, its DataLoaders (<see cref="RequestScope"/>).</summary>
    RequestScope Scope { get; }
    CancellationToken CancellationToken { get; }
}

/// <summary>A request to execute: a parsed document, the operation to run and its inputs.</summary>
public sealed class ExecutionRequest
{
    public required Schema Schema { get; init; }
    public required DocumentNode Document { get; init; }
    public string? OperationName { get; init; }
    /// <summary>Raw variable values as decoded from JSON (null, bool, int/long/double/decimal, string,
    /// IReadOnlyList&lt;object?&gt;, IReadOnlyDictionary&lt;string, object?&gt;).</summary>
    public IReadOnlyDictionary<string, object?>? VariableValues { get; init; }
    public object? RootValue { get; init; }
    public IServiceProvider? Services { get; init; }
    /// <summary>What the request's resolvers share (its caller above all); null means a fresh one without a caller.</summary>
    public RequestScope? Scope { get; init; }
    /// <summary>For a subscription: the scope each event executes in (spec §6.2.3.2 ExecuteSubscriptionEvent), called
    /// before each event; null means <see cref="RequestScope.ForEvent"/> of <see cref="Scope"/>.</summary>
    public Func<RequestScope>? EventScope { get; init; }
    /// <summary>Used for fields without their own resolver; null means the default property resolver.</summary>
    public FieldResolver? DefaultFieldResolver { get; init; }
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>The response of spec §7.1: <c>data</c> (absent when <see cref="HasData"/> is false), errors, extensions.</summary>
public sealed class ExecutionResult
{
    /// <summary>The <c>data</c> entry: an <see cref="ResultMap"/> or null. Ignored when <see cref="HasData"/> is false.</summary>
    public object? Data { get; init; }
    /// <summary>False when the request failed before execution began (spec §7.1.1: then <c>data</c> is absent).</summary>
    public bool HasData { get; init; }
    public IReadOnlyList<GraphQLError>? Errors { get; init; }
    public IDictionary<string, object?>? Extensions { get; set; }

    public static ExecutionResult FromErrors(IReadOnlyList<GraphQLError> errors) => new() { Errors = errors, HasData = false };

    /// <summary>The response as JSON, members in graphql-js's order (see <see cref="ResultJsonWriter"/>).</summary>
    public string ToJson() => ResultJsonWriter.ToJson(this);
}

/// <summary>What <see cref="Executor.SubscribeAsync"/> returns (spec §6.2.3): either the response stream
/// (one <see cref="ExecutionResult"/> per source event) or, when the stream could not be created, a single
/// result carrying the errors.</summary>
public sealed class SubscriptionResult
{
    public SubscriptionResult(IAsyncEnumerable<ExecutionResult> stream) => Stream = stream;
    public SubscriptionResult(ExecutionResult errorResult) => ErrorResult = errorResult;

    /// <summary>The response stream; null when <see cref="ErrorResult"/> is set.</summary>
    public IAsyncEnumerable<ExecutionResult>? Stream { get; }
    /// <summary>The errors that prevented the stream (request errors, or a failing subscription resolver).</summary>
    public ExecutionResult? ErrorResult { get; }
    public bool IsStream => Stream is not null;
}
