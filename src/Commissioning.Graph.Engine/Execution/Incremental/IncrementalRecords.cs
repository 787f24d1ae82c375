using System.Collections;

namespace Commissioning.Graph.Engine.Execution.Incremental;

/// <summary>A deferred fragment at one place of the response: what the client sees as one pending id.</summary>
internal sealed class DeliveryGroup(ResponsePath? path, string? label, DeliveryGroup? parent)
{
    public readonly ResponsePath? Path = path;
    public readonly string? Label = label;
    public readonly DeliveryGroup? Parent = parent;
}

/// <summary>Fields of one object that belong to the same set of deferred fragments, executed together once.</summary>
internal sealed class ExecutionGroupTask(DeliveryGroup[] groups, ResponsePath? path, Func<ValueTask<TaskOutcome>> run)
{
    public readonly DeliveryGroup[] Groups = groups;
    public readonly ResponsePath? Path = path;
    public readonly Func<ValueTask<TaskOutcome>> Run = run;
}

/// <summary>The completed data of a task or stream item, its errors, and the work it started.</summary>
internal sealed class TaskOutcome(object? value, List<GraphQLError>? errors, IncrementalWork work)
{
    public readonly object? Value = value;
    public readonly List<GraphQLError>? Errors = errors;
    public readonly IncrementalWork Work = work;
}

/// <summary>Deferred fragments, execution groups and streams one executor met.</summary>
internal sealed class IncrementalWork
{
    public static readonly IncrementalWork Empty = new();
    public List<DeliveryGroup> Groups = new();
    public List<ExecutionGroupTask> Tasks = new();
    public List<StreamRecord> Streams = new();
}

/// <summary>A list field under <c>@stream</c>: the items after <c>initialCount</c>, still to come.</summary>
internal sealed class StreamRecord
{
    public required ResponsePath Path;
    /// <summary>The field's nodes: where an error of the source itself is located.</summary>
    public Language.FieldNode[]? Nodes;
    public string? Label;
    /// <summary>Completes the item at an index: data, errors, work (a failure propagates as an exception).</summary>
    public required Func<int, object?, ValueTask<TaskOutcome>> CompleteItem;
    public required StreamSource Source;
    public int NextIndex;
}

/// <summary>The rest of a streamed list: an in-memory list, an enumerator or an async stream.</summary>
internal sealed class StreamSource
{
    private readonly IList? _list;
    private int _listIndex;
    private readonly IAsyncEnumerator<object?>? _async;

    public StreamSource(IList list, int start) { _list = list; _listIndex = start; }
    public StreamSource(IAsyncEnumerator<object?> enumerator) { _async = enumerator; }

    /// <summary>The next item, or done. Completes synchronously for lists.</summary>
    public ValueTask<(bool Has, object? Item)> NextAsync()
    {
        if (_list is not null)
        {
            if (_listIndex >= _list.Count) return new((false, null));
            return new((true, _list[_listIndex++]));
        }
        var moved = _async!.MoveNextAsync();
        if (moved.IsCompletedSuccessfully) return new((moved.Result, moved.Result ? _async.Current : null));
        return Await(moved, _async);

        static async ValueTask<(bool, object?)> Await(ValueTask<bool> moved, IAsyncEnumerator<object?> e)
            => await moved.ConfigureAwait(false) ? (true, e.Current) : (false, null);
    }

    public ValueTask DisposeAsync() => _async?.DisposeAsync() ?? default;
}

/// <summary>Per-executor incremental state (graphql-js IncrementalExecutor): the @defer set it answers
/// for, the delivery groups of the root, and the work it met.</summary>
internal sealed class IncrementalFrame
{
    public DeferUsage[] ParentDeferUsages = Array.Empty<DeferUsage>();
    public Dictionary<DeferUsage, DeliveryGroup>? RootGroups;
    /// <summary>The deferred fragments of the objects at these paths, by @defer; one table for the execution and its
    /// forks (a side table, not a field of <see cref="ResponsePath"/>: every path of every execution would carry it).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<ResponsePath, Dictionary<DeferUsage, DeliveryGroup>> PathGroups =
        new(ReferenceEqualityComparer.Instance);
    public readonly IncrementalWork Work = new();
    public DirectiveDefinitionRef Directives = null!;
}

/// <summary>The schema's @defer and @stream definitions (null when the schema does not declare them).</summary>
internal sealed class DirectiveDefinitionRef(Types.DirectiveDefinition? defer, Types.DirectiveDefinition? stream)
{
    public readonly Types.DirectiveDefinition? Defer = defer;
    public readonly Types.DirectiveDefinition? Stream = stream;
}
