using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>The state of one execution (graphql-js ExecutionContext): inputs, plans and collected errors.
/// It is also the request's <see cref="DataLoaderScope"/>: the executor counts its sections on it, and
/// the request's loaders dispatch when they end (see <see cref="DataLoader{TKey, TValue}"/>).</summary>
internal sealed class ExecutionState : DataLoaderScope
{
    public required Schema Schema;
    public required DocumentPlan DocumentPlan;
    public required OperationDefinitionNode Operation;
    public required IReadOnlyDictionary<string, object?> Variables;
    public object? RootValue;
    public IServiceProvider? Services;
    public required RequestScope Scope;
    public FieldResolver? DefaultResolver;
    public CancellationToken CancellationToken;
    public required ExecutionOptions Options;
    /// <summary>Set when the operation runs incrementally (@defer/@stream); null on the ordinary path.</summary>
    public Incremental.IncrementalFrame? Incremental;
    /// <summary>For the executor of a deferred group or stream item: the request's first state, which owns
    /// the DataLoader sections.</summary>
    private ExecutionState? _root;

    /// <summary>A sub-executor for a deferred group or a stream item (graphql-js IncrementalExecutor
    /// createSubExecutor): same request, its own errors and incremental work.</summary>
    public ExecutionState Fork(Incremental.DeferUsage[] parentDeferUsages) => new()
    {
        Schema = Schema, DocumentPlan = DocumentPlan, Operation = Operation, Variables = Variables, RootValue = RootValue,
        Services = Services, Scope = Scope, DefaultResolver = DefaultResolver, CancellationToken = CancellationToken, Options = Options,
        Incremental = new Incremental.IncrementalFrame { ParentDeferUsages = parentDeferUsages, RootGroups = Incremental!.RootGroups, PathGroups = Incremental.PathGroups, Directives = Incremental.Directives },
        _root = _root ?? this,
    };

    public new void EnterSection()
    {
        if (_root is null) base.EnterSection(); else _root.EnterSection();
    }

    public new void ExitSection()
    {
        if (_root is null) base.ExitSection(); else _root.ExitSection();
    }

    private List<GraphQLError>? _errors;
    private bool _tooManyErrors;
    private Dictionary<(FieldPlan, ObjectType), SelectionPlan>? _requestSubPlans;

    public List<GraphQLError>? Errors => _errors;

    /// <summary>Records a field error (spec §6.4.4), applying the error filter and the error limit.</summary>
    public void AddError(GraphQLError error)
    {
        if (Options.ErrorFilter is { } filter) error = filter(error);
        lock (this)
        {
            _errors ??= new List<GraphQLError>();
            if (_errors.Count >= Options.MaxErrors)
            {
                if (!_tooManyErrors)
                {
                    _tooManyErrors = true;
                    _errors.Add(new GraphQLError("Too many errors: further field errors were dropped.") { Extensions = new Dictionary<string, object?> { ["code"] = "TOO_MANY_ERRORS" } });
                }
                return;
            }
            _errors.Add(error);
        }
    }

    public SelectionPlan GetSubPlan(FieldPlan field, ObjectType runtimeType)
    {
        var plan = field.GetCachedSubPlan(runtimeType);
        if (plan is not null) return plan;
        lock (this)
        {
            if (_requestSubPlans is not null && _requestSubPlans.TryGetValue((field, runtimeType), out plan)) return plan;
        }
        plan = FieldCollector.CollectSubfields(Schema, DocumentPlan.Fragments, Variables, runtimeType, field.FieldNodes);
        if (!plan.DependsOnVariables) field.CacheSubPlan(runtimeType, plan);
        else lock (this) (_requestSubPlans ??= new())[(field, runtimeType)] = plan;
        return plan;
    }

    private DataLoaderRegistry? _loaders;

    /// <summary>The request's DataLoader registry (<see cref="RequestScope.DataLoaders"/>), bound to this execution.</summary>
    public DataLoaderRegistry GetLoaderRegistry()
    {
        if (_root is not null) return _root.GetLoaderRegistry();
        var registry = _loaders;
        if (registry is not null) return registry;
        registry = Scope.DataLoaders;
        registry.Bind(this);
        _loaders = registry;
        return registry;
    }
}

/// <summary>What a resolver sees (graphql-js GraphQLResolveInfo plus args, context and source).</summary>
internal sealed class ResolveContext : IResolveContext
{
    private readonly ExecutionState _state;
    private readonly FieldPlan _field;
    private readonly ResponsePath _path;
    private object[]? _pathArray;

    internal ExecutionState State => _state;
    internal FieldPlan Field => _field;

    public ResolveContext(ExecutionState state, FieldPlan field, ObjectType parentType, object? source, ResponsePath path, IReadOnlyDictionary<string, object?> arguments)
    {
        _state = state; _field = field; ParentType = parentType; Source = source; _path = path; Arguments = arguments;
    }

    public object? Source { get; }
    public IReadOnlyDictionary<string, object?> Arguments { get; }
    public FieldDefinition FieldDefinition => _field.Definition;
    public ObjectType ParentType { get; }
    public IReadOnlyList<FieldNode> FieldNodes => _field.FieldNodes;
    public string ResponseKey => _field.ResponseKey;
    public IReadOnlyList<object> Path => _pathArray ??= _path.ToArray();
    public ResponsePath ResponsePath => _path;
    public Schema Schema => _state.Schema;
    public OperationDefinitionNode Operation => _state.Operation;
    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments => _state.DocumentPlan.Fragments;
    public IReadOnlyDictionary<string, object?> VariableValues => _state.Variables;
    public object? RootValue => _state.RootValue;
    public IServiceProvider? Services => _state.Services;
    public RequestScope Scope => _state.Scope;
    public CancellationToken CancellationToken => _state.CancellationToken;
}
