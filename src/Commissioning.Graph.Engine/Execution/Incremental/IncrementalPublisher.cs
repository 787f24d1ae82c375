using System.Runtime.CompilerServices;

namespace Commissioning.Graph.Engine.Execution.Incremental;

/// <summary>
/// Turns the work of an incremental execution into payloads (RFC "Incremental Delivery"; graphql-js 17.1
/// WorkQueue + IncrementalPublisher semantics): a deferred fragment is announced as pending once its parent
/// fragment is complete, and completed once every execution group it needs is done (fields shared with an
/// earlier fragment are not sent twice); a fragment whose group fails completes with errors; a stream
/// sends its items in batches of at most 100.
/// </summary>
/// <remarks>
/// Which events share a payload follows graphql-js 17.1 for synchronous data, modelled with a virtual
/// clock: execution groups that can run are done at once (with the groups they release); a stream's next
/// batch is ready one tick after it starts, its end without further items or its failure later still; after
/// each payload the clock moves on two ticks. Work that really waits (I/O) becomes an event when it completes.
/// </remarks>
internal sealed class IncrementalPublisher
{
    private const int StreamBatchSize = 100;

    private sealed class GroupNode
    {
        public readonly List<DeliveryGroup> Children = new();
        public readonly List<ExecutionGroupTask> Tasks = new();
        public int Pending;
    }

    private sealed class TaskNode
    {
        public TaskOutcome? Value;
        public readonly List<StreamRecord> ChildStreams = new();
    }

    private enum EventKind { TaskSuccess, TaskFailure, StreamItems, StreamSuccess, StreamFailure }

    private sealed record Event(EventKind Kind, double Ready, long Seq)
    {
        public ExecutionGroupTask? Task;
        public TaskOutcome? Outcome;
        public GraphQLError? Error;
        public StreamRecord? Stream;
        public List<TaskOutcome>? Items;
        public bool StreamDone;
        public int FirstIndex;
    }

    private sealed class PayloadBuilder
    {
        public readonly List<PendingResult> Pending = new();
        public readonly List<IncrementalEntry> Incremental = new();
        public readonly List<CompletedResult> Completed = new();
        public bool HasEvents => Pending.Count + Incremental.Count + Completed.Count > 0;
    }

    private readonly Dictionary<DeliveryGroup, GroupNode> _groupNodes = new(ReferenceEqualityComparer.Instance);
    private readonly List<DeliveryGroup> _rootGroups = new();
    private readonly List<StreamRecord> _rootStreams = new();
    private readonly Dictionary<ExecutionGroupTask, TaskNode> _taskNodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, string> _ids = new(ReferenceEqualityComparer.Instance);
    private int _nextId;
    private readonly List<Event> _events = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationToken _cancellationToken;
    private double _now;
    private long _seq;

    // The request's DataLoader scope: work started together (a payload's execution groups, a batch of
    // stream items) runs in one section, so that their loads are dispatched as one batch.
    private readonly ExecutionState _scope;

    public IncrementalPublisher(IncrementalWork work, ExecutionState scope, CancellationToken cancellationToken)
    {
        _scope = scope;
        _cancellationToken = cancellationToken;
        var (groups, streams) = Integrate(work, null);
        var roots = PruneEmpty(groups, new List<DeliveryGroup>());
        _rootGroups.AddRange(roots);
        _rootStreams.AddRange(streams);
        InitialPending = ToPending(roots, streams);
    }

    public IReadOnlyList<PendingResult> InitialPending { get; }

    public async IAsyncEnumerable<SubsequentResult> Payloads()
    {
        _scope.EnterSection();
        try
        {
            lock (_events)
            {
                foreach (var group in _rootGroups.ToList()) StartGroup(group);
                foreach (var stream in _rootStreams.ToList()) StartStream(stream);
            }
        }
        finally { _scope.ExitSection(); }
        while (true)
        {
            await WaitForEvents().ConfigureAwait(false);
            var payload = new PayloadBuilder();
            bool finished;
            _scope.EnterSection();
            try
            {
                lock (_events)
                {
                    while (TakeReadyEvent() is { } next) Handle(next, payload);
                    finished = _rootGroups.Count == 0 && _rootStreams.Count == 0;
                    if (payload.HasEvents) _now += 2;
                }
            }
            finally { _scope.ExitSection(); }
            if (finished)
            {
                yield return Build(payload, hasNext: false);
                yield break;
            }
            if (payload.HasEvents) yield return Build(payload, hasNext: true);
        }
    }

    private static SubsequentResult Build(PayloadBuilder p, bool hasNext) => new()
    {
        HasNext = hasNext,
        Pending = p.Pending.Count > 0 ? p.Pending : null,
        Incremental = p.Incremental.Count > 0 ? p.Incremental : null,
        Completed = p.Completed.Count > 0 ? p.Completed : null,
    };

    // Waits until some event is ready, moving the virtual clock to the earliest one when none is ready now.
    private async Task WaitForEvents()
    {
        while (true)
        {
            lock (_events)
            {
                if (_events.Count > 0)
                {
                    var earliest = _events.Min(e => e.Ready);
                    if (earliest > _now) _now = earliest;
                    return;
                }
                if (_rootGroups.Count == 0 && _rootStreams.Count == 0) return;
            }
            await _signal.WaitAsync(_cancellationToken).ConfigureAwait(false);
        }
    }

    private Event? TakeReadyEvent()
    {
        Event? best = null;
        foreach (var e in _events)
            if (e.Ready <= _now && (best is null || e.Ready < best.Ready || (e.Ready == best.Ready && e.Seq < best.Seq))) best = e;
        if (best is not null) _events.Remove(best);
        return best;
    }

    private void Push(EventKind kind, double ready, Action<Event> fill)
    {
        lock (_events)
        {
            var e = new Event(kind, ready, _seq++);
            fill(e);
            _events.Add(e);
        }
        _signal.Release();
    }

    // ---- the graph of groups, tasks and streams ----

    private (List<DeliveryGroup> Groups, List<StreamRecord> Streams) Integrate(IncrementalWork work, ExecutionGroupTask? parentTask)
    {
        var newRoots = new List<DeliveryGroup>();
        var visited = new HashSet<DeliveryGroup>(ReferenceEqualityComparer.Instance);
        var set = new HashSet<DeliveryGroup>(work.Groups, ReferenceEqualityComparer.Instance);
        foreach (var group in work.Groups) AddGroup(group, set, newRoots, visited, parentTask);
        foreach (var task in work.Tasks) AddTask(task);
        if (parentTask is null) return (newRoots, work.Streams);
        if (_taskNodes.TryGetValue(parentTask, out var node)) node.ChildStreams.AddRange(work.Streams);
        return (newRoots, new List<StreamRecord>());
    }

    private void AddGroup(DeliveryGroup group, HashSet<DeliveryGroup> set, List<DeliveryGroup> newRoots, HashSet<DeliveryGroup> visited, ExecutionGroupTask? parentTask)
    {
        if (!visited.Add(group)) return;
        var parent = group.Parent;
        if (parent is not null)
        {
            if (set.Contains(parent)) AddGroup(parent, set, newRoots, visited, parentTask);
            if (!_groupNodes.ContainsKey(parent)) return;
        }
        _groupNodes[group] = new GroupNode();
        if (parentTask is null && parent is null) newRoots.Add(group);
        else if (parent is not null) _groupNodes[parent].Children.Add(group);
    }

    private void AddTask(ExecutionGroupTask task)
    {
        foreach (var group in task.Groups)
        {
            if (!_groupNodes.TryGetValue(group, out var node)) continue;
            if (!node.Tasks.Contains(task)) node.Tasks.Add(task);
            node.Pending++;
            if (_rootGroups.Contains(group)) StartTask(task);
        }
    }

    // A fragment that has no execution group of its own is never announced: its children take its place.
    private List<DeliveryGroup> PruneEmpty(List<DeliveryGroup> groups, List<DeliveryGroup> nonEmpty)
    {
        foreach (var group in groups)
        {
            if (!_groupNodes.TryGetValue(group, out var node)) continue;
            if (node.Tasks.Count == 0)
            {
                _groupNodes.Remove(group);
                PruneEmpty(node.Children, nonEmpty);
            }
            else nonEmpty.Add(group);
        }
        return nonEmpty;
    }

    private void StartGroup(DeliveryGroup group)
    {
        if (_groupNodes.TryGetValue(group, out var node))
            foreach (var task in node.Tasks.ToList()) StartTask(task);
    }

    private void StartTask(ExecutionGroupTask task)
    {
        if (_taskNodes.ContainsKey(task)) return;
        _taskNodes[task] = new TaskNode();
        ValueTask<TaskOutcome> run;
        try { run = task.Run(); }
        catch (Exception e) { PushTaskFailure(task, e, _now); return; }
        if (run.IsCompletedSuccessfully)
        {
            var outcome = run.Result;
            Push(EventKind.TaskSuccess, _now, e => { e.Task = task; e.Outcome = outcome; });
            return;
        }
        _ = AwaitTask(task, run);
    }

    private async Task AwaitTask(ExecutionGroupTask task, ValueTask<TaskOutcome> run)
    {
        try
        {
            var outcome = await run.ConfigureAwait(false);
            Push(EventKind.TaskSuccess, _now, e => { e.Task = task; e.Outcome = outcome; });
        }
        catch (Exception e)
        {
            PushTaskFailure(task, e, _now);
        }
    }

    private void PushTaskFailure(ExecutionGroupTask task, Exception error, double ready)
        => Push(EventKind.TaskFailure, ready, e => { e.Task = task; e.Error = ErrorOf(error); });

    private static GraphQLError ErrorOf(Exception e) => e switch
    {
        IncrementalFailure f => f.Error,
        GraphQLException g when g.Errors.Count > 0 => g.Errors[0],
        OperationCanceledException => new GraphQLError("The operation was cancelled."),
        _ => new GraphQLError(e.Message),
    };

    private void StartStream(StreamRecord stream) => _ = ProduceBatch(stream, _now);

    // Reads and completes up to one batch of items. Items whose completion waits are awaited together,
    // so that their DataLoader loads are dispatched as one batch.
    private async Task ProduceBatch(StreamRecord stream, double started)
    {
        var waited = false;
        var completions = new List<ValueTask<TaskOutcome>>();
        var firstIndex = stream.NextIndex;
        var done = false;
        GraphQLError? failure = null;
        _scope.EnterSection();
        try
        {
            while (completions.Count < StreamBatchSize)
            {
                var next = stream.Source.NextAsync();
                (bool Has, object? Item) read;
                if (next.IsCompleted) read = next.Result;
                else
                {
                    // The source waits: let the loads of the items started so far go meanwhile.
                    waited = true;
                    _scope.ExitSection();
                    try { read = await next.ConfigureAwait(false); }
                    finally { _scope.EnterSection(); }
                }
                var (has, item) = read;
                if (!has) { done = true; break; }
                ValueTask<TaskOutcome> completion;
                try { completion = stream.CompleteItem(stream.NextIndex++, item); }
                catch (Exception e) { completion = ValueTask.FromException<TaskOutcome>(e); }
                completions.Add(completion);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !_cancellationToken.IsCancellationRequested)
        {
            // The source itself failed: located at the streamed field (graphql-js locatedError).
            failure = e is GraphQLException or IncrementalFailure ? ErrorOf(e)
                : new GraphQLError(e.Message, stream.Nodes, stream.Path.ToArray(), null, e);
        }
        finally
        {
            _scope.ExitSection();
        }
        // Items read before the source failed are still sent; a non-null item that fails ends the stream there.
        var items = new List<TaskOutcome>();
        var sourceFailure = failure;
        failure = null;
        foreach (var c in completions)
        {
            if (!c.IsCompleted) waited = true;
            try { items.Add(await c.ConfigureAwait(false)); }
            catch (Exception e) { failure = ErrorOf(e); break; }
        }
        failure ??= sourceFailure;
        if (failure is not null || done) await stream.Source.DisposeAsync().ConfigureAwait(false);
        double Ready(double offset) => waited ? _now : started + offset;
        if (items.Count > 0)
            Push(EventKind.StreamItems, Ready(1), e => { e.Stream = stream; e.Items = items; e.StreamDone = done && failure is null; e.FirstIndex = firstIndex; });
        if (failure is not null)
            Push(EventKind.StreamFailure, Ready(1.5), e => { e.Stream = stream; e.Error = failure; });
        else if (items.Count == 0 && done)
            Push(EventKind.StreamSuccess, Ready(2), e => e.Stream = stream);
    }

    // ---- events to payload entries ----

    private void Handle(Event e, PayloadBuilder payload)
    {
        switch (e.Kind)
        {
            case EventKind.TaskSuccess:
            {
                var task = e.Task!;
                if (!_taskNodes.TryGetValue(task, out var node)) return;
                node.Value = e.Outcome;
                Integrate(e.Outcome!.Work, task);
                var newGroups = new List<DeliveryGroup>();
                var newStreams = new List<StreamRecord>();
                foreach (var group in task.Groups)
                {
                    if (!_groupNodes.TryGetValue(group, out var groupNode)) continue;
                    groupNode.Pending--;
                    MaybeFinishGroup(group, groupNode, payload, newGroups, newStreams);
                }
                StartNewWork(newGroups, newStreams, payload);
                break;
            }
            case EventKind.TaskFailure:
            {
                var task = e.Task!;
                if (!_taskNodes.ContainsKey(task)) return;
                foreach (var group in task.Groups)
                {
                    if (!_groupNodes.TryGetValue(group, out var groupNode) || !_rootGroups.Contains(group)) continue;
                    RemoveGroup(group, groupNode);
                    payload.Completed.Add(new CompletedResult(EnsureId(group), new[] { e.Error! }));
                    _ids.Remove(group);
                }
                break;
            }
            case EventKind.StreamItems:
            {
                var stream = e.Stream!;
                var values = new List<object?>();
                List<GraphQLError>? errors = null;
                var newGroups = new List<DeliveryGroup>();
                var newStreams = new List<StreamRecord>();
                foreach (var item in e.Items!)
                {
                    var (groups, streams) = Integrate(item.Work, null);
                    var nonEmpty = PruneEmpty(groups, new List<DeliveryGroup>());
                    StartNewWork(nonEmpty, streams, payload);
                    values.Add(item.Value);
                    if (item.Errors is { Count: > 0 }) (errors ??= new()).AddRange(item.Errors);
                    newGroups.AddRange(nonEmpty);
                    newStreams.AddRange(streams);
                }
                payload.Incremental.Add(new IncrementalEntry { Id = EnsureId(stream), Items = values, Errors = errors, Path = stream.Path.ToArray(), FirstIndex = e.FirstIndex });
                if (newGroups.Count > 0 || newStreams.Count > 0) payload.Pending.AddRange(ToPending(newGroups, newStreams));
                if (e.StreamDone)
                {
                    _rootStreams.Remove(stream);
                    payload.Completed.Add(new CompletedResult(EnsureId(stream), null));
                    _ids.Remove(stream);
                }
                else _ = ProduceBatch(stream, _now);
                break;
            }
            case EventKind.StreamSuccess:
                if (_rootStreams.Remove(e.Stream!))
                {
                    payload.Completed.Add(new CompletedResult(EnsureId(e.Stream!), null));
                    _ids.Remove(e.Stream!);
                }
                break;
            case EventKind.StreamFailure:
                _rootStreams.Remove(e.Stream!);
                payload.Completed.Add(new CompletedResult(EnsureId(e.Stream!), new[] { e.Error! }));
                _ids.Remove(e.Stream!);
                break;
        }
    }

    private void MaybeFinishGroup(DeliveryGroup group, GroupNode node, PayloadBuilder payload, List<DeliveryGroup> newGroups, List<StreamRecord> newStreams)
    {
        if (!_rootGroups.Contains(group) || node.Pending != 0) return;
        _groupNodes.Remove(group);
        var values = new List<(ExecutionGroupTask Task, TaskOutcome Value)>();
        var streams = new List<StreamRecord>();
        foreach (var task in node.Tasks.ToList())
        {
            if (!_taskNodes.TryGetValue(task, out var taskNode)) continue;
            if (taskNode.Value is { } value) values.Add((task, value));
            streams.AddRange(taskNode.ChildStreams);
            RemoveTask(task);
        }
        var children = PruneEmpty(node.Children, new List<DeliveryGroup>());
        _rootGroups.Remove(group);
        var id = EnsureId(group);
        foreach (var (task, value) in values)
        {
            var (bestId, subPath) = BestIdAndSubPath(id, group, task);
            payload.Incremental.Add(new IncrementalEntry
            {
                Id = bestId, Data = value.Value, Errors = value.Errors is { Count: > 0 } ? value.Errors : null, SubPath = subPath,
                Path = task.Path?.ToArray() ?? Array.Empty<object>(),
            });
        }
        payload.Completed.Add(new CompletedResult(id, null));
        _ids.Remove(group);
        if (children.Count > 0 || streams.Count > 0) payload.Pending.AddRange(ToPending(children, streams));
        newGroups.AddRange(children);
        newStreams.AddRange(streams);
    }

    private void StartNewWork(List<DeliveryGroup> groups, List<StreamRecord> streams, PayloadBuilder payload)
    {
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            _rootGroups.Add(group);
            StartGroup(group);
            if (_groupNodes.TryGetValue(group, out var node)) MaybeFinishGroup(group, node, payload, groups, streams);
        }
        foreach (var stream in streams)
        {
            _rootStreams.Add(stream);
            StartStream(stream);
        }
    }

    private void RemoveGroup(DeliveryGroup group, GroupNode node)
    {
        _rootGroups.Remove(group);
        _groupNodes.Remove(group);
        foreach (var task in node.Tasks.ToList())
            if (task.Groups.All(g => !_groupNodes.ContainsKey(g))) RemoveTask(task);
        foreach (var child in node.Children)
            if (_groupNodes.TryGetValue(child, out var childNode)) RemoveGroup(child, childNode);
    }

    private void RemoveTask(ExecutionGroupTask task)
    {
        foreach (var group in task.Groups)
            if (_groupNodes.TryGetValue(group, out var node)) node.Tasks.Remove(task);
        _taskNodes.Remove(task);
    }

    // ---- ids ----

    private string EnsureId(object record)
    {
        if (_ids.TryGetValue(record, out var id)) return id;
        id = (_nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ids[record] = id;
        return id;
    }

    private List<PendingResult> ToPending(List<DeliveryGroup> groups, List<StreamRecord> streams)
    {
        var result = new List<PendingResult>(groups.Count + streams.Count);
        foreach (var g in groups) result.Add(new PendingResult(EnsureId(g), g.Path?.ToArray() ?? Array.Empty<object>(), g.Label));
        foreach (var s in streams) result.Add(new PendingResult(EnsureId(s), s.Path.ToArray(), s.Label));
        return result;
    }

    // The data of a group shared by several fragments goes under the announced one with the longest path.
    private (string Id, object[]? SubPath) BestIdAndSubPath(string id, DeliveryGroup group, ExecutionGroupTask task)
    {
        var maxLength = group.Path?.Depth ?? 0;
        var bestId = id;
        foreach (var other in task.Groups)
        {
            if (ReferenceEquals(other, group) || !_ids.TryGetValue(other, out var otherId)) continue;
            var length = other.Path?.Depth ?? 0;
            if (length > maxLength) { maxLength = length; bestId = otherId; }
        }
        var path = task.Path?.ToArray() ?? Array.Empty<object>();
        return (bestId, path.Length > maxLength ? path[maxLength..] : null);
    }
}
