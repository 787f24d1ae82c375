namespace Commissioning.Graph.Engine.Execution;

/// <summary>What <see cref="Executor.ExecuteIncrementallyAsync"/> returns: the initial result and, when
/// something was deferred or streamed, the later payloads (graphql-js 17.1
/// <c>experimentalExecuteIncrementally</c>: <c>initialResult</c> with <c>pending</c> and <c>hasNext</c>,
/// then <c>subsequentResults</c>).</summary>
public sealed class IncrementalExecutionResult
{
    public required ExecutionResult Initial { get; init; }
    /// <summary>Announced in the initial result; null when nothing was deferred or streamed.</summary>
    public IReadOnlyList<PendingResult>? Pending { get; init; }
    /// <summary>The later payloads, in order; null when <see cref="Pending"/> is null.</summary>
    public IAsyncEnumerable<SubsequentResult>? Subsequent { get; init; }
    public bool HasNext => Subsequent is not null;
}

/// <summary>A deferred fragment or stream announced as pending (RFC "Incremental Delivery": <c>pending</c> entry).</summary>
public sealed record PendingResult(string Id, object[] Path, string? Label);

/// <summary>Data of one deferred execution group (<c>data</c>, <c>subPath</c>) or items of a stream (<c>items</c>).</summary>
public sealed class IncrementalEntry
{
    public required string Id { get; init; }
    public object? Data { get; init; }
    public IReadOnlyList<object?>? Items { get; init; }
    public object[]? SubPath { get; init; }
    public IReadOnlyList<GraphQLError>? Errors { get; init; }
    /// <summary>For items: the list index of the first (not serialised; older wire formats give each item's path).</summary>
    public int FirstIndex { get; init; }
    /// <summary>The absolute path the data or items belong to (not serialised; for the server's checks).</summary>
    public required object[] Path { get; init; }
}

/// <summary>A deferred fragment or stream that is done; <c>errors</c> when it failed.</summary>
public sealed record CompletedResult(string Id, IReadOnlyList<GraphQLError>? Errors);

/// <summary>One payload after the initial result.</summary>
public sealed class SubsequentResult
{
    public bool HasNext { get; init; }
    public IReadOnlyList<PendingResult>? Pending { get; init; }
    public IReadOnlyList<IncrementalEntry>? Incremental { get; init; }
    public IReadOnlyList<CompletedResult>? Completed { get; init; }
    public IDictionary<string, object?>? Extensions { get; set; }
}
