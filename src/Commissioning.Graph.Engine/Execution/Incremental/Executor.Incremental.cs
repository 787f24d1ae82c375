using System.Collections;
using System.Text.Json;
using Commissioning.Graph.Engine.Execution.Incremental;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Execution;

// Incremental delivery (the GraphQL "Incremental Delivery" RFC, as graphql-js 17.1's
// experimentalExecuteIncrementally runs it): @defer splits a selection set into the fields sent now and
// execution groups sent later; @stream sends a list's items after initialCount later. Everything here runs
// only for an incremental request; the ordinary path never allocates any of it.
public static partial class Executor
{
    private static readonly Dictionary<DeferUsage, DeliveryGroup> NoGroups = new();

    /// <summary>Executes an operation whose @defer and @stream are honoured: the initial result, then the
    /// later payloads (graphql-js 17.1 <c>experimentalExecuteIncrementally</c>). A schema that does not
    /// declare @defer/@stream executes as <see cref="ExecuteAsync"/> does.</summary>
    public static async Task<IncrementalExecutionResult> ExecuteIncrementallyAsync(ExecutionRequest request, ExecutionOptions? options = null)
    {
        var state = BuildExecutionState(request, options, out var requestErrors);
        if (state is null) return new IncrementalExecutionResult { Initial = requestErrors! };
        var schema = request.Schema;
        if ((schema.GetDirective("defer") is null && schema.GetDirective("stream") is null) || !state.DocumentPlan.UsesIncrementalDirectives)
            return new IncrementalExecutionResult { Initial = await ExecuteOperation(state).ConfigureAwait(false) };
        state.Incremental = new IncrementalFrame
        {
            Directives = new DirectiveDefinitionRef(request.Schema.GetDirective("defer"), request.Schema.GetDirective("stream")),
        };
        var result = await ExecuteOperation(state).ConfigureAwait(false);
        if (!result.HasData || state.Incremental.Work.Tasks.Count + state.Incremental.Work.Streams.Count == 0)
            return new IncrementalExecutionResult { Initial = result };
        var work = FilterWork(state.Incremental.Work, result.Data is null ? null : result.Data, null, state.Errors);
        if (work.Tasks.Count == 0 && work.Streams.Count == 0) return new IncrementalExecutionResult { Initial = result };
        var publisher = new IncrementalPublisher(work, state, state.CancellationToken);
        return new IncrementalExecutionResult { Initial = result, Pending = publisher.InitialPending, Subsequent = publisher.Payloads() };
    }

    // The root selection set of an incremental operation (RFC ExecuteRootSelectionSet with defers).
    private static ValueTask<object?> ExecuteRootIncrementally(ExecutionState state, ObjectType rootType)
    {
        var frame = state.Incremental!;
        var collector = new DeferredFieldCollector(state.Schema, state.DocumentPlan.Fragments, state.Variables, rootType);
        collector.Collect(state.Operation.SelectionSet, null);
        var serial = state.Operation.Operation == OperationType.Mutation;
        if (collector.NewDeferUsages.Count == 0)
        {
            var plan = collector.AllFields();
            return serial ? ExecuteFieldsSerially(state, plan, state.RootValue, null) : ExecuteFields(state, plan, state.RootValue, null);
        }
        var (map, newGroups) = NewDeliveryGroups(collector.NewDeferUsages, null, null);
        frame.RootGroups = map;
        var (immediate, deferred) = collector.BuildExecutionPlan(frame.ParentDeferUsages);
        var data = serial ? ExecuteFieldsSerially(state, immediate, state.RootValue, null) : ExecuteFields(state, immediate, state.RootValue, null);
        frame.Work.Groups.AddRange(newGroups);
        if (deferred.Count > 0) CollectExecutionGroups(state, state.RootValue, null, deferred, map);
        return data;
    }

    // RFC CollectSubfields + ExecuteDeferredGroupedFieldSets for one object.
    private static ValueTask<object?> CompleteObjectIncrementally(ExecutionState state, FieldPlan field, ObjectType type, ResponsePath path, object result)
    {
        var frame = state.Incremental!;
        if (NothingToSplit(state, field))
        {
            // No @defer below and every field node belongs to the @defer this executor answers for: the
            // ordinary, cached plan gives the same fields (a @stream below is still honoured).
            SelectionPlan plan;
            try { plan = state.GetSubPlan(field, type); }
            catch (GraphQLException e) { return new(RecordError(state, e, field, path)); }
            return ExecuteFields(state, plan, result, path);
        }
        var collector = new DeferredFieldCollector(state.Schema, state.DocumentPlan.Fragments, state.Variables, type);
        for (var i = 0; i < field.FieldNodes.Length; i++)
            if (field.FieldNodes[i].SelectionSet is { } set) collector.Collect(set, field.DeferUsages?[i]);
        var inherited = FindDeliveryGroups(state, path);
        if (inherited is null && collector.NewDeferUsages.Count == 0)
            return ExecuteFields(state, collector.AllFields(), result, path);
        var (map, newGroups) = NewDeliveryGroups(collector.NewDeferUsages, inherited, path);
        frame.PathGroups[path] = map;
        var (immediate, deferred) = collector.BuildExecutionPlan(frame.ParentDeferUsages);
        var data = ExecuteFields(state, immediate, result, path);
        frame.Work.Groups.AddRange(newGroups);
        if (deferred.Count > 0) CollectExecutionGroups(state, result, path, deferred, map);
        return data;
    }

    private static bool NothingToSplit(ExecutionState state, FieldPlan field)
    {
        foreach (var node in field.FieldNodes)
            if (node.SelectionSet is { } set && state.DocumentPlan.HasDeferBelow(set)) return false;
        if (field.DeferUsages is not { } usages) return true;
        var parents = state.Incremental!.ParentDeferUsages;
        foreach (var usage in usages)
            if (usage is not null && !(parents.Length == 1 && ReferenceEquals(parents[0], usage))) return false;
        return true;
    }

    private static Dictionary<DeferUsage, DeliveryGroup>? FindDeliveryGroups(ExecutionState state, ResponsePath? path)
    {
        for (var p = path; p is not null; p = p.Parent)
            if (state.Incremental!.PathGroups.TryGetValue(p, out var map)) return map;
        return state.Incremental!.RootGroups;
    }

    private static (Dictionary<DeferUsage, DeliveryGroup>, List<DeliveryGroup>) NewDeliveryGroups(
        List<DeferUsage> usages, Dictionary<DeferUsage, DeliveryGroup>? inherited, ResponsePath? path)
    {
        var map = inherited is null ? new Dictionary<DeferUsage, DeliveryGroup>() : new Dictionary<DeferUsage, DeliveryGroup>(inherited);
        var groups = new List<DeliveryGroup>(usages.Count);
        foreach (var usage in usages)
        {
            var parent = usage.Parent is not null && map.TryGetValue(usage.Parent, out var p) ? p : null;
            var group = new DeliveryGroup(path, usage.Label, parent);
            groups.Add(group);
            map[usage] = group;
        }
        return (map, groups);
    }

    private static void CollectExecutionGroups(ExecutionState state, object? source, ResponsePath? path,
        List<(DeferUsage[] Set, SelectionPlan Plan)> deferred, Dictionary<DeferUsage, DeliveryGroup> map)
    {
        foreach (var (set, plan) in deferred)
        {
            var groups = new DeliveryGroup[set.Length];
            for (var i = 0; i < set.Length; i++) groups[i] = map[set[i]];
            var fork = state.Fork(set);
            state.Incremental!.Work.Tasks.Add(new ExecutionGroupTask(groups, path, () => RunExecutionGroup(fork, plan, source, path)));
        }
    }

    private static ValueTask<TaskOutcome> RunExecutionGroup(ExecutionState fork, SelectionPlan plan, object? source, ResponsePath? path)
    {
        ValueTask<object?> data;
        fork.EnterSection();
        try { data = ExecuteFields(fork, plan, source, path); }
        finally { fork.ExitSection(); }
        if (data.IsCompletedSuccessfully) return new(GroupOutcome(fork, data.Result, path));
        return Await(fork, data, path);

        static async ValueTask<TaskOutcome> Await(ExecutionState fork, ValueTask<object?> data, ResponsePath? path)
            => GroupOutcome(fork, await data.ConfigureAwait(false), path);
    }

    // A non-null field of the group that became null nulls the whole group: its fragment fails with that error.
    private static TaskOutcome GroupOutcome(ExecutionState fork, object? data, ResponsePath? path)
    {
        if (ReferenceEquals(data, PropagateNull)) throw new IncrementalFailure(fork.Errors![^1]);
        return new TaskOutcome(data, fork.Errors, FilterWork(fork.Incremental!.Work, data, path, fork.Errors));
    }

    // graphql-js getIncrementalWork: work below a position that an error nulled is dropped.
    private static IncrementalWork FilterWork(IncrementalWork work, object? data, ResponsePath? basePath, List<GraphQLError>? errors)
    {
        if (errors is null || errors.Count == 0) return work;
        var baseDepth = basePath?.Depth ?? 0;
        var nulled = new List<object[]>();
        foreach (var error in errors)
        {
            if (error.Path is not { } errorPath) continue;
            // The nulled position: the shortest prefix of the error's path at which the result holds null.
            object? value = data;
            var length = -1;
            if (value is null) length = baseDepth;
            else
                for (var i = baseDepth; i < errorPath.Count; i++)
                {
                    value = Step(value, errorPath[i]);
                    if (value is null) { length = i + 1; break; }
                }
            if (length >= 0) nulled.Add(errorPath.Take(length).ToArray());
        }
        if (nulled.Count == 0) return work;
        var filtered = new IncrementalWork { Groups = work.Groups };
        foreach (var task in work.Tasks) if (!IsNulled(task.Path)) filtered.Tasks.Add(task);
        foreach (var stream in work.Streams) if (!IsNulled(stream.Path)) filtered.Streams.Add(stream);
        return filtered;

        bool IsNulled(ResponsePath? path)
        {
            var segments = path?.ToArray() ?? Array.Empty<object>();
            foreach (var position in nulled)
            {
                if (position.Length > segments.Length) continue;
                var prefix = true;
                for (var i = 0; i < position.Length && prefix; i++) prefix = Equals(position[i], segments[i]);
                if (prefix) return true;
            }
            return false;
        }

        static object? Step(object? value, object segment) => (value, segment) switch
        {
            (ResultMap map, string key) => map.TryGetValue(key, out var v) ? v : null,
            (IList list, int index) => index < list.Count ? list[index] : null,
            _ => null,
        };
    }

    // ---- @stream (RFC: CompleteValue for a list field with @stream) ----

    /// <summary>The @stream of a list field, when the request streams it: (initialCount, label).</summary>
    private static (int InitialCount, string? Label)? GetStreamUsage(ExecutionState state, FieldPlan field, ResponsePath path)
    {
        if (state.Incremental?.Directives.Stream is not { } stream || path.Key is null) return null;
        DirectiveNode? directive = null;
        foreach (var d in field.FieldNodes[0].Directives)
            if (d.Name.Value == "stream") { directive = d; break; }
        if (directive is null) return null;
        var values = ArgumentCoercion.GetArgumentValues(stream.Arguments.List, directive.Arguments, directive, state.Variables);
        if (values.TryGetValue("if", out var condition) && condition is false) return null;
        var initialCount = values.TryGetValue("initialCount", out var count) && count is int n ? n : 0;
        return (initialCount, values.TryGetValue("label", out var label) ? label as string : null);
    }

    private static void StartStream(ExecutionState state, FieldPlan field, ListType type, ResponsePath path, string? label, int index, StreamSource source)
    {
        // Stream items are completed by their own executors, without the field's @defer context.
        var itemField = new FieldPlan(field.ParentType, field.ResponseKey, field.FieldNodes, field.Definition) { Kind = field.Kind };
        var itemType = type.OfType;
        state.Incremental!.Work.Streams.Add(new StreamRecord
        {
            Path = path,
            Nodes = field.FieldNodes,
            Label = label,
            Source = source,
            NextIndex = index,
            CompleteItem = (i, item) => CompleteStreamItem(state.Fork(Array.Empty<DeferUsage>()), itemField, itemType, path, i, item),
        });
    }

    private static ValueTask<TaskOutcome> CompleteStreamItem(ExecutionState fork, FieldPlan field, IGraphQLType itemType, ResponsePath streamPath, int index, object? item)
    {
        var itemPath = new ResponsePath(streamPath, index);
        fork.Incremental!.PathGroups[itemPath] = NoGroups;
        var context = field.NeedsContextForCompletion ? new ResolveContext(fork, field, field.ParentType, null, itemPath, ArgumentCoercion.NoArguments) : null;
        ValueTask<object?> completed;
        fork.EnterSection();
        try { completed = CompleteValue(fork, field, context, itemType, itemPath, item); }
        finally { fork.ExitSection(); }
        if (completed.IsCompletedSuccessfully) return new(ItemOutcome(fork, completed.Result, itemType, itemPath));
        return Await(fork, completed, itemType, itemPath);

        static async ValueTask<TaskOutcome> Await(ExecutionState fork, ValueTask<object?> completed, IGraphQLType itemType, ResponsePath itemPath)
            => ItemOutcome(fork, await completed.ConfigureAwait(false), itemType, itemPath);
    }

    // A non-null item that fails ends the stream with that error; a nullable one becomes null.
    private static TaskOutcome ItemOutcome(ExecutionState fork, object? value, IGraphQLType itemType, ResponsePath itemPath)
    {
        if (ReferenceEquals(value, PropagateNull))
        {
            if (itemType is NonNullType) throw new IncrementalFailure(fork.Errors![^1]);
            value = null;
        }
        return new TaskOutcome(value, fork.Errors, FilterWork(fork.Incremental!.Work, value, itemPath, fork.Errors));
    }
}

/// <summary>A deferred execution group or stream that failed: a non-null position below it became null.</summary>
internal sealed class IncrementalFailure(GraphQLError error) : Exception(error.Message)
{
    public GraphQLError Error { get; } = error;
}
