using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>
/// Executes operations (spec §6 "Execution") with graphql-js 17.1's observable behaviour (non-incremental).
/// </summary>
/// <remarks>
/// Null propagation (spec §6.4.4) is done without exceptions: a completion that must become null
/// in a non-null position returns the <see cref="PropagateNull"/> marker after recording its error;
/// the nearest nullable field or list item turns the marker into null. As in graphql-js, once a
/// field (or list item) propagates null synchronously, its later siblings are not executed.
/// Everything is <see cref="ValueTask{T}"/>-based: synchronous resolvers never allocate a Task.
/// </remarks>
public static partial class Executor
{
    /// <summary>Marker: "this value is null in a non-null position; the error is already recorded".</summary>
    internal static readonly object PropagateNull = new();

    /// <summary>Executes a query, mutation or subscription operation once (spec §6.1 ExecuteRequest;
    /// a subscription operation runs like a query on the subscription root, as graphql-js execute does).</summary>
    public static Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, ExecutionOptions? options = null)
    {
        try
        {
            var state = BuildExecutionState(request, options, out var requestErrors);
            if (state is null) return Task.FromResult(requestErrors!);
            var result = ExecuteOperation(state);
            return result.IsCompletedSuccessfully ? Task.FromResult(result.Result) : result.AsTask();
        }
        catch (OperationCanceledException e) when (request.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ExecutionResult>(e.CancellationToken.IsCancellationRequested ? e.CancellationToken : request.CancellationToken);
        }
    }

    // graphql-js buildExecutionContext: operation selection (spec §6.1 GetOperation) and
    // variable coercion (spec §6.1.2). Failures are request errors: a result without data.
    private static ExecutionState? BuildExecutionState(ExecutionRequest request, ExecutionOptions? options, out ExecutionResult? requestErrors)
    {
        requestErrors = null;
        var documentPlan = DocumentPlan.For(request.Schema, request.Document);
        OperationDefinitionNode? operation = null;
        foreach (var candidate in documentPlan.Operations)
        {
            if (request.OperationName is null)
            {
                if (operation is not null)
                {
                    requestErrors = ExecutionResult.FromErrors(new[] { new GraphQLError("Must provide operation name if query contains multiple operations.") });
                    return null;
                }
                operation = candidate;
            }
            else if (candidate.Name?.Value == request.OperationName)
            {
                operation = candidate;
                break;
            }
        }
        if (operation is null)
        {
            requestErrors = ExecutionResult.FromErrors(new[]
            {
                new GraphQLError(request.OperationName is null ? "Must provide an operation." : $"Unknown operation named \"{request.OperationName}\"."),
            });
            return null;
        }

        IReadOnlyDictionary<string, object?> variables;
        if (operation.VariableDefinitions.Count == 0) variables = ArgumentCoercion.NoArguments;
        else
        {
            var errors = new List<GraphQLError>();
            variables = VariableCoercion.CoerceVariableValues(request.Schema, operation.VariableDefinitions, request.VariableValues, errors);
            if (errors.Count > 0)
            {
                requestErrors = ExecutionResult.FromErrors(errors);
                return null;
            }
        }

        return new ExecutionState
        {
            Schema = request.Schema,
            DocumentPlan = documentPlan,
            Operation = operation,
            Variables = variables,
            RootValue = request.RootValue,
            Services = request.Services,
            Scope = request.Scope ?? new RequestScope(),
            DefaultResolver = request.DefaultFieldResolver,
            CancellationToken = request.CancellationToken,
            Options = options ?? ExecutionOptions.Default,
        };
    }

    // graphql-js executeOperation (spec §6.2.1 / §6.2.2): the root selection set, concurrently for
    // queries and subscriptions, serially for mutations. Errors raised before any field runs give data: null.
    private static ValueTask<ExecutionResult> ExecuteOperation(ExecutionState state)
    {
        var operation = state.Operation;
        var rootType = state.Schema.GetRootType(operation.Operation);
        if (rootType is null)
        {
            var kind = operation.Operation switch { OperationType.Query => "query", OperationType.Mutation => "mutation", _ => "subscription" };
            return new(new ExecutionResult
            {
                HasData = true,
                Data = null,
                Errors = new[] { new GraphQLError($"Schema is not configured to execute {kind} operation.", new SyntaxNode[] { operation }) },
            });
        }
        SelectionPlan? rootPlan = null;
        try
        {
            if (state.Incremental is null) rootPlan = GetRootPlan(state, rootType);
        }
        catch (GraphQLException e)
        {
            return new(new ExecutionResult { HasData = true, Data = null, Errors = e.Errors });
        }
        // The root burst is a DataLoader section: when it ends, every resolver it started is done or
        // waiting, and the loads gathered are dispatched. Resolvers run without the caller's
        // synchronisation context, so that a batch's waiters continue inline, within its section.
        ValueTask<object?> data;
        var context = SynchronizationContext.Current;
        if (context is not null) SynchronizationContext.SetSynchronizationContext(null);
        state.EnterSection();
        try
        {
            data = rootPlan is null ? ExecuteRootIncrementally(state, rootType)
                : operation.Operation == OperationType.Mutation
                ? ExecuteFieldsSerially(state, rootPlan, state.RootValue, null)
                : ExecuteFields(state, rootPlan, state.RootValue, null);
        }
        finally
        {
            state.ExitSection();
            if (context is not null) SynchronizationContext.SetSynchronizationContext(context);
        }
        if (data.IsCompletedSuccessfully) return new(BuildResult(state, data.Result));
        return AwaitResult(state, data);

        static async ValueTask<ExecutionResult> AwaitResult(ExecutionState state, ValueTask<object?> data)
            => BuildResult(state, await data.ConfigureAwait(false));
    }

    private static ExecutionResult BuildResult(ExecutionState state, object? data)
    {
        state.CancellationToken.ThrowIfCancellationRequested();
        return new ExecutionResult
        {
            HasData = true,
            Data = ReferenceEquals(data, PropagateNull) ? null : data,
            Errors = state.Errors,
        };
    }

    private static SelectionPlan GetRootPlan(ExecutionState state, ObjectType rootType)
    {
        var documentPlan = state.DocumentPlan;
        var plan = documentPlan.GetCachedRootPlan(state.Operation);
        if (plan is not null && ReferenceEquals(plan.Type, rootType)) return plan;
        plan = FieldCollector.Collect(state.Schema, documentPlan.Fragments, state.Variables, rootType, state.Operation.SelectionSet);
        if (!plan.DependsOnVariables) documentPlan.CacheRootPlan(state.Operation, plan);
        return plan;
    }

    // ---- §6.3 Executing Selection Sets ----

    private readonly struct PendingValue(int index, ValueTask<object?> value)
    {
        public readonly int Index = index;
        public readonly ValueTask<object?> Value = value;
    }

    // Fields of one selection set, all started before any is awaited (spec §6.3.1 "normal evaluation").
    private static ValueTask<object?> ExecuteFields(ExecutionState state, SelectionPlan plan, object? source, ResponsePath? path)
    {
        var fields = plan.Fields;
        var values = new object?[fields.Length];
        List<PendingValue>? pending = null;
        for (var i = 0; i < fields.Length; i++)
        {
            var result = ExecuteField(state, fields[i], source, path);
            if (result.IsCompletedSuccessfully)
            {
                var value = result.Result;
                if (ReferenceEquals(value, PropagateNull))
                    return pending is null ? new(PropagateNull) : AwaitThenPropagate(pending);
                values[i] = value;
            }
            else (pending ??= new()).Add(new PendingValue(i, result));
        }
        if (pending is null) return new(new ResultMap(plan.Keys, values));
        return AwaitFields(plan.Keys, values, pending);
    }

    private static async ValueTask<object?> AwaitFields(string[] keys, object?[] values, List<PendingValue> pending)
    {
        var propagate = false;
        Exception? failure = null;
        foreach (var p in pending)
        {
            try
            {
                var value = await p.Value.ConfigureAwait(false);
                if (ReferenceEquals(value, PropagateNull)) propagate = true;
                else values[p.Index] = value;
            }
            catch (Exception e)
            {
                failure ??= e; // cancellation: let the other fields finish first
            }
        }
        if (failure is not null) throw failure;
        return propagate ? PropagateNull : new ResultMap(keys, values);
    }

    // A sibling propagated null: wait for the fields already started (their errors count), then propagate.
    private static async ValueTask<object?> AwaitThenPropagate(List<PendingValue> pending)
    {
        foreach (var p in pending)
        {
            try { await p.Value.ConfigureAwait(false); }
            catch (OperationCanceledException) { throw; }
            catch { /* already reported as a field error */ }
        }
        return PropagateNull;
    }

    // Mutations: each root field completes before the next starts (spec §6.3.1 "serial execution").
    private static ValueTask<object?> ExecuteFieldsSerially(ExecutionState state, SelectionPlan plan, object? source, ResponsePath? path)
    {
        var fields = plan.Fields;
        var values = new object?[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var result = ExecuteField(state, fields[i], source, path);
            if (!result.IsCompletedSuccessfully) return ContinueSerially(state, plan, source, path, values, i, result);
            var value = result.Result;
            if (ReferenceEquals(value, PropagateNull)) return new(PropagateNull);
            values[i] = value;
        }
        return new(new ResultMap(plan.Keys, values));
    }

    private static async ValueTask<object?> ContinueSerially(ExecutionState state, SelectionPlan plan, object? source, ResponsePath? path,
        object?[] values, int index, ValueTask<object?> current)
    {
        var fields = plan.Fields;
        while (true)
        {
            var value = await current.ConfigureAwait(false);
            if (ReferenceEquals(value, PropagateNull)) return PropagateNull;
            values[index] = value;
            if (++index == fields.Length) return new ResultMap(plan.Keys, values);
            state.EnterSection();
            try { current = ExecuteField(state, fields[index], source, path); }
            finally { state.ExitSection(); }
        }
    }

    // ---- §6.4 Executing Fields ----

    private static ValueTask<object?> ExecuteField(ExecutionState state, FieldPlan field, object? source, ResponsePath? parentPath)
    {
        if (state.CancellationToken.IsCancellationRequested) state.CancellationToken.ThrowIfCancellationRequested();
        if (field.Kind == FieldKind.TypeName) return new(field.ParentType.Name);
        if (field.Leaf != LeafKind.None && field.Kind == FieldKind.Property && field.ConstantArguments is not null
            && state.DefaultResolver is null && TryResolveLeafFast(field, source, out var leafValue))
            return new(leafValue);
        if (field.Kind == FieldKind.Source) return ExecuteSourceField(state, field, source, parentPath);

        var path = new ResponsePath(parentPath, field.ResponseKey);
        object? resolved;
        ResolveContext? context = null;
        try
        {
            var arguments = field.ConstantArguments ?? GetArguments(state, field);
            var resolver = field.Kind == FieldKind.Resolved ? field.Definition.Resolver : state.DefaultResolver;
            if (resolver is null)
            {
                resolved = DefaultFieldResolver.GetProperty(source, field.FieldName);
                if (field.NeedsContextForCompletion) context = new ResolveContext(state, field, field.ParentType, source, path, arguments);
            }
            else
            {
                context = new ResolveContext(state, field, field.ParentType, source, path, arguments);
                var pending = resolver(context);
                if (!pending.IsCompletedSuccessfully) return AwaitResolved(state, field, context, path, pending);
                resolved = pending.Result;
            }
        }
        catch (Exception e) when (!IsCancellation(state, e))
        {
            return new(HandleFieldError(state, e, field, path, field.ReturnType));
        }
        var completed = CompleteValue(state, field, context, field.ReturnType, path, resolved);
        if (completed.IsCompletedSuccessfully)
        {
            var value = completed.Result;
            return new(ReferenceEquals(value, PropagateNull) && !field.ReturnTypeIsNonNull ? null : value);
        }
        return AwaitCompleted(completed, field.ReturnTypeIsNonNull);
    }

    // A field resolved from its source alone (introspection): no resolve context, and for a leaf
    // that completes cleanly no response path either (a path is made only for errors and children).
    private static ValueTask<object?> ExecuteSourceField(ExecutionState state, FieldPlan field, object? source, ResponsePath? parentPath)
    {
        object? resolved;
        try
        {
            var arguments = field.ConstantArguments ?? GetArguments(state, field);
            resolved = field.Definition.SourceResolver!(source, arguments, state.Schema);
        }
        catch (Exception e) when (!IsCancellation(state, e))
        {
            return new(HandleFieldError(state, e, field, new ResponsePath(parentPath, field.ResponseKey), field.ReturnType));
        }
        if (field.Leaf != LeafKind.None && TryCompleteLeafFast(field, resolved, out var leafValue)) return new(leafValue);
        var path = new ResponsePath(parentPath, field.ResponseKey);
        var completed = CompleteValue(state, field, null, field.ReturnType, path, resolved);
        if (completed.IsCompletedSuccessfully)
        {
            var value = completed.Result;
            return new(ReferenceEquals(value, PropagateNull) && !field.ReturnTypeIsNonNull ? null : value);
        }
        return AwaitCompleted(completed, field.ReturnTypeIsNonNull);
    }

    // The common case without allocation: a leaf field read by the default resolver whose value
    // is present and serialises without error. Anything else takes the general route, which
    // reports errors (serialisation is pure, so trying it twice is harmless).
    private static bool TryResolveLeafFast(FieldPlan field, object? source, out object? value)
    {
        object? raw;
        switch (source)
        {
            case Dictionary<string, object?> map:
                if (!map.TryGetValue(field.FieldName, out raw)) raw = null;
                break;
            case IReadOnlyDictionary<string, object?> map2:
                if (!map2.TryGetValue(field.FieldName, out raw)) raw = null;
                break;
            default:
                value = null;
                return false;
        }
        return TryCompleteLeafFast(field, raw, out value);
    }

    // A leaf value that needs no error handling: null where null is allowed, or a value of the
    // leaf's own kind (or one its serializer accepts).
    private static bool TryCompleteLeafFast(FieldPlan field, object? raw, out object? value)
    {
        value = null;
        if (raw is null) return !field.ReturnTypeIsNonNull;
        switch (field.Leaf)
        {
            case LeafKind.Int:
                if (raw is int) { value = raw; return true; }
                break;
            case LeafKind.Float:
                if (raw is int || raw is double d && double.IsFinite(d)) { value = raw; return true; }
                break;
            case LeafKind.String:
            case LeafKind.ID:
                if (raw is string) { value = raw; return true; }
                break;
            case LeafKind.Boolean:
                if (raw is bool) { value = raw; return true; }
                break;
            case LeafKind.Enum:
                if (raw is not JsonElement && field.EnumNames!.TryGetValue(raw, out var name)) { value = name; return true; }
                return false;
        }
        if (raw is JsonElement or Exception) return false;
        try
        {
            value = ((ScalarType)field.LeafType!).Serialize(raw);
            return value is not null;
        }
        catch
        {
            return false;
        }
    }

    private static IReadOnlyDictionary<string, object?> GetArguments(ExecutionState state, FieldPlan field)
    {
        var node = field.FieldNodes[0];
        var arguments = ArgumentCoercion.GetArgumentValues(field.Definition.Arguments.List, node.Arguments, node, state.Variables);
        if (!field.ArgumentsUseVariables) field.ConstantArguments = arguments;
        return arguments;
    }

    private static async ValueTask<object?> AwaitResolved(ExecutionState state, FieldPlan field, ResolveContext context, ResponsePath path, ValueTask<object?> pending)
    {
        object? resolved;
        try
        {
            resolved = await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (!IsCancellation(state, e))
        {
            return HandleFieldError(state, e, field, path, field.ReturnType);
        }
        // Completing the value starts the sub-selection's resolvers: a DataLoader section.
        ValueTask<object?> completion;
        state.EnterSection();
        try { completion = CompleteValue(state, field, context, field.ReturnType, path, resolved); }
        finally { state.ExitSection(); }
        var value = await completion.ConfigureAwait(false);
        return ReferenceEquals(value, PropagateNull) && !field.ReturnTypeIsNonNull ? null : value;
    }

    private static async ValueTask<object?> AwaitCompleted(ValueTask<object?> completed, bool nonNull)
    {
        var value = await completed.ConfigureAwait(false);
        return ReferenceEquals(value, PropagateNull) && !nonNull ? null : value;
    }

    private static bool IsCancellation(ExecutionState state, Exception e) =>
        e is OperationCanceledException && state.CancellationToken.IsCancellationRequested;

    // ---- §6.4.3 Value Completion ----

    private static ValueTask<object?> CompleteValue(ExecutionState state, FieldPlan field, ResolveContext? context,
        IGraphQLType type, ResponsePath path, object? result)
    {
        if (type is NonNullType nonNull)
        {
            var inner = CompleteValue(state, field, context, nonNull.OfType, path, result);
            if (inner.IsCompletedSuccessfully) return new(CheckNonNull(state, field, path, inner.Result));
            return AwaitNonNull(state, field, path, inner);
        }
        if (result is null) return default;
        if (result is JsonElement element && element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return default;
        if (result is Exception exception) return new(RecordError(state, exception, field, path));

        switch (type)
        {
            case ScalarType scalar: return new(CompleteScalar(state, field, scalar, path, result));
            case EnumType enumType: return new(CompleteEnum(state, field, enumType, path, result));
            case ObjectType objectType: return CompleteObject(state, field, context, objectType, path, result);
            case ListType listType: return CompleteList(state, field, context, listType, path, result);
            case IAbstractType abstractType: return CompleteAbstract(state, field, context, abstractType, path, result);
            default:
                return new(RecordError(state, new InvalidOperationException($"Cannot complete value of unexpected output type: \"{type}\"."), field, path));
        }
    }

    private static object? CheckNonNull(ExecutionState state, FieldPlan field, ResponsePath path, object? value)
    {
        if (value is not null) return value;
        state.AddError(new GraphQLError($"Cannot return null for non-nullable field {field.ParentType.Name}.{field.FieldName}.", field.FieldNodes, path.ToArray()));
        return PropagateNull;
    }

    private static async ValueTask<object?> AwaitNonNull(ExecutionState state, FieldPlan field, ResponsePath path, ValueTask<object?> inner)
        => CheckNonNull(state, field, path, await inner.ConfigureAwait(false));

    private static object? CompleteScalar(ExecutionState state, FieldPlan field, ScalarType scalar, ResponsePath path, object result)
    {
        if (result is JsonElement element) result = JsonInput.ToValue(element)!;
        object? serialized;
        try
        {
            serialized = scalar.Serialize(result);
        }
        catch (Exception e) when (!IsCancellation(state, e))
        {
            return RecordError(state, e, field, path);
        }
        if (serialized is null)
            return RecordError(state, new GraphQLException(new GraphQLError(
                $"Expected `{scalar.Name}.serialize({JsValues.Inspect(result)})` to return non-nullable value, returned: null")), field, path);
        return serialized;
    }

    private static object? CompleteEnum(ExecutionState state, FieldPlan field, EnumType enumType, ResponsePath path, object result)
    {
        if (result is JsonElement element) result = JsonInput.ToValue(element)!;
        var names = field.EnumNames!;
        if (names.TryGetValue(result, out var name)) return name;
        return RecordError(state, new GraphQLException(new GraphQLError(
            $"Enum \"{enumType.Name}\" cannot represent value: {JsValues.Inspect(result)}")), field, path);
    }

    private static ValueTask<object?> CompleteObject(ExecutionState state, FieldPlan field, ResolveContext? context,
        ObjectType type, ResponsePath path, object result)
    {
        if (type.IsTypeOf is { } isTypeOf)
        {
            bool matches;
            try
            {
                matches = isTypeOf(result, context!);
            }
            catch (Exception e) when (!IsCancellation(state, e))
            {
                return new(RecordError(state, e, field, path));
            }
            if (!matches)
                return new(RecordError(state, new GraphQLException(new GraphQLError(
                    $"Expected value of type \"{type.Name}\" but got: {JsValues.Inspect(result)}.", field.FieldNodes)), field, path));
        }
        if (state.Incremental is not null) return CompleteObjectIncrementally(state, field, type, path, result);
        SelectionPlan plan;
        try
        {
            plan = state.GetSubPlan(field, type);
        }
        catch (GraphQLException e)
        {
            return new(RecordError(state, e, field, path));
        }
        return ExecuteFields(state, plan, result, path);
    }

    // graphql-js completeAbstractValue / ensureValidRuntimeType.
    private static ValueTask<object?> CompleteAbstract(ExecutionState state, FieldPlan field, ResolveContext? context,
        IAbstractType type, ResponsePath path, object result)
    {
        string? typeName;
        try
        {
            typeName = type.ResolveType is { } resolveType ? resolveType(result, context!) : DefaultResolveType(state, type, result, context!);
        }
        catch (Exception e) when (!IsCancellation(state, e))
        {
            return new(RecordError(state, e, field, path));
        }
        var parent = field.ParentType.Name + "." + field.FieldName;
        string? message = null;
        ObjectType? runtimeType = null;
        if (typeName is null)
            message = $"Abstract type \"{type.Name}\" must resolve to an Object type at runtime for field \"{parent}\". Either the \"{type.Name}\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.";
        else
        {
            var named = state.Schema.GetType(typeName);
            if (named is null)
                message = $"Abstract type \"{type.Name}\" was resolved to a type \"{typeName}\" that does not exist inside the schema.";
            else if (named is not ObjectType objectType)
                message = $"Abstract type \"{type.Name}\" was resolved to a non-object type \"{typeName}\".";
            else if (!state.Schema.IsSubType(type, objectType))
                message = $"Runtime Object type \"{objectType.Name}\" is not a possible type for \"{type.Name}\".";
            else runtimeType = objectType;
        }
        if (runtimeType is null)
            return new(RecordError(state, new GraphQLException(new GraphQLError(message!, field.FieldNodes)), field, path));
        return CompleteObject(state, field, context, runtimeType, path, result);
    }

    // graphql-js defaultTypeResolver: the value's string __typename, else the first possible type whose IsTypeOf accepts it.
    private static string? DefaultResolveType(ExecutionState state, IAbstractType type, object value, ResolveContext context)
    {
        var typeName = DefaultFieldResolver.GetProperty(value, "__typename");
        if (typeName is JsonElement { ValueKind: JsonValueKind.String } element) return element.GetString();
        if (typeName is string s) return s;
        foreach (var possible in state.Schema.GetPossibleTypes(type))
            if (possible.IsTypeOf is { } isTypeOf && isTypeOf(value, context)) return possible.Name;
        return null;
    }

    // graphql-js completeListValue: every item completed at its own path; a non-null item that fails
    // nulls the whole list (and stops completing the rest, as graphql-js's synchronous path does).
    private static ValueTask<object?> CompleteList(ExecutionState state, FieldPlan field, ResolveContext? context,
        ListType type, ResponsePath path, object result)
    {
        IList items;
        try
        {
            switch (result)
            {
                case IList list when result is not IDictionary: items = list; break;
                case JsonElement { ValueKind: JsonValueKind.Array } array:
                {
                    var copy = new object?[array.GetArrayLength()];
                    var k = 0;
                    foreach (var item in array.EnumerateArray()) copy[k++] = item;
                    items = copy;
                    break;
                }
                case IAsyncEnumerable<object?> asyncItems:
                    return CompleteAsyncList(state, field, context, type, path, asyncItems);
                case IEnumerable enumerable when VariableCoercion.IsIterable(result):
                {
                    var copy = new List<object?>();
                    foreach (var item in enumerable) copy.Add(item);
                    items = copy;
                    break;
                }
                default:
                    return new(RecordError(state, new GraphQLException(new GraphQLError(
                        $"Expected Iterable, but did not find one for field \"{field.ParentType.Name}.{field.FieldName}\".")), field, path));
            }
        }
        catch (Exception e) when (!IsCancellation(state, e))
        {
            return new(RecordError(state, e, field, path));
        }

        var itemType = type.OfType;
        var itemNonNull = itemType is NonNullType;
        var count = items.Count;
        // @stream: the items after initialCount come later (graphql-js starts the stream even when none are left).
        var stream = state.Incremental is not null ? GetStreamUsage(state, field, path) : null;
        if (stream is { } s && s.InitialCount <= count) count = s.InitialCount;
        else stream = null;
        var values = new object?[count];
        List<PendingValue>? pending = null;
        for (var i = 0; i < count; i++)
        {
            object? item;
            try { item = items[i]; }
            catch (Exception e) when (!IsCancellation(state, e)) { return new(RecordError(state, e, field, path)); }
            var completed = CompleteValue(state, field, context, itemType, new ResponsePath(path, i), item);
            if (completed.IsCompletedSuccessfully)
            {
                var value = completed.Result;
                if (ReferenceEquals(value, PropagateNull))
                {
                    if (itemNonNull) return pending is null ? new(PropagateNull) : AwaitThenPropagate(pending);
                    value = null;
                }
                values[i] = value;
            }
            else (pending ??= new()).Add(new PendingValue(i, completed));
        }
        if (stream is { } started) StartStream(state, field, type, path, started.Label, started.InitialCount, new Incremental.StreamSource(items, started.InitialCount));
        if (pending is null) return new(values);
        return AwaitItems(values, pending, itemNonNull);
    }

    // A list resolved as an asynchronous stream: items completed as they come; under @stream, the items
    // after initialCount are left to the stream.
    private static async ValueTask<object?> CompleteAsyncList(ExecutionState state, FieldPlan field, ResolveContext? context,
        ListType type, ResponsePath path, IAsyncEnumerable<object?> source)
    {
        var stream = state.Incremental is not null ? GetStreamUsage(state, field, path) : null;
        var itemType = type.OfType;
        var values = new List<object?>();
        var enumerator = source.GetAsyncEnumerator(state.CancellationToken);
        var handedOver = false;
        try
        {
            for (var index = 0; ; index++)
            {
                if (stream is { } s && s.InitialCount == index)
                {
                    StartStream(state, field, type, path, s.Label, index, new Incremental.StreamSource(enumerator));
                    handedOver = true;
                    break;
                }
                bool has;
                try { has = await enumerator.MoveNextAsync().ConfigureAwait(false); }
                catch (Exception e) when (!IsCancellation(state, e)) { return RecordError(state, e, field, path); }
                if (!has) break;
                ValueTask<object?> completed;
                state.EnterSection();
                try { completed = CompleteValue(state, field, context, itemType, new ResponsePath(path, index), enumerator.Current); }
                finally { state.ExitSection(); }
                var value = await completed.ConfigureAwait(false);
                if (ReferenceEquals(value, PropagateNull))
                {
                    if (itemType is NonNullType) return PropagateNull;
                    value = null;
                }
                values.Add(value);
            }
        }
        finally
        {
            if (!handedOver) await enumerator.DisposeAsync().ConfigureAwait(false);
        }
        return values.ToArray();
    }

    private static async ValueTask<object?> AwaitItems(object?[] values, List<PendingValue> pending, bool itemNonNull)
    {
        var propagate = false;
        Exception? failure = null;
        foreach (var p in pending)
        {
            try
            {
                var value = await p.Value.ConfigureAwait(false);
                if (ReferenceEquals(value, PropagateNull))
                {
                    if (itemNonNull) propagate = true;
                    value = null;
                }
                values[p.Index] = value;
            }
            catch (Exception e)
            {
                failure ??= e;
            }
        }
        if (failure is not null) throw failure;
        return propagate ? PropagateNull : values;
    }

    // ---- §6.4.4 Handling Field Errors ----

    // An error at a field or list item whose type is given: recorded, then null or propagated.
    private static object? HandleFieldError(ExecutionState state, Exception error, FieldPlan field, ResponsePath path, IGraphQLType type)
    {
        RecordError(state, error, field, path);
        return type is NonNullType ? PropagateNull : null;
    }

    // graphql-js locatedError: an error that already has a path is kept as it is; otherwise it gets the
    // field's nodes (unless it names its own) and the path. Returns the propagation marker; the nearest
    // nullable field or list item turns it into null.
    private static object RecordError(ExecutionState state, Exception error, FieldPlan field, ResponsePath path)
    {
        if (error is GraphQLException graphQLException)
        {
            object[]? pathArray = null;
            foreach (var e in graphQLException.Errors)
            {
                if (e.Path is not null) { state.AddError(e); continue; }
                pathArray ??= path.ToArray();
                state.AddError(new GraphQLError(e.Message, e.Locations is { Count: > 0 } ? null : field.FieldNodes, pathArray, e.Extensions, e.OriginalException ?? error)
                {
                    Locations = e.Locations is { Count: > 0 } locations ? locations : LocationsOf(field.FieldNodes),
                });
            }
        }
        else
        {
            var message = error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0].Message : error.Message;
            state.AddError(new GraphQLError(message, field.FieldNodes, path.ToArray(), null, error));
        }
        return PropagateNull;
    }

    private static IReadOnlyList<ErrorLocation>? LocationsOf(FieldNode[] nodes)
    {
        List<ErrorLocation>? list = null;
        foreach (var n in nodes)
            if (n.Location != SourceLocation.None) (list ??= new()).Add(new ErrorLocation(n.Location.Line, n.Location.Column));
        return list;
    }
}
