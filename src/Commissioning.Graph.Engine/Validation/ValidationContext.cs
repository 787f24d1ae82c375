using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation;

/// <summary>
/// What the rules of one validation run share (graphql-js ValidationContext): the schema and
/// document, error reporting, cached fragment and variable-usage analyses, and the TypeInfo state
/// at the node being visited.
/// </summary>
public sealed class ValidationContext
{
    private readonly Schema? _schema;
    private readonly List<GraphQLError> _errors = new();
    private readonly TypeInfo? _typeInfo;
    private DocumentWalker? _walker;
    private Dictionary<string, FragmentDefinitionNode>? _fragments;
    private readonly Dictionary<SelectionSetNode, IReadOnlyList<FragmentSpreadNode>> _fragmentSpreads = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<OperationDefinitionNode, IReadOnlyList<FragmentDefinitionNode>> _recursiveFragments = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ExecutableDefinitionNode, IReadOnlyList<VariableUsage>> _variableUsages = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<OperationDefinitionNode, IReadOnlyList<(VariableNode Node, IGraphQLType? Type, bool HasDefault, object? DefaultValue)>> _recursiveVariableUsages = new(ReferenceEqualityComparer.Instance);
    private int _remainingFragmentWork;

    internal ValidationContext(Schema? schema, DocumentNode document, ValidationOptions options)
    {
        _schema = schema;
        Document = document;
        Options = options;
        _remainingFragmentWork = options.MaxFragmentWork;
        if (schema is not null) _typeInfo = new TypeInfo(schema);
    }

    internal TypeInfo? TypeInfo => _typeInfo;

    // The distinct directive names of the executable definitions, found on first use; empty (no allocation) when
    // the document names no directive, as most do. A short list: a document names few distinct directives.
    private List<string>? _directiveNames;
    private bool _directiveNamesScanned;

    /// <summary>Whether any directive named <paramref name="name"/> appears in the executable definitions of the
    /// document (found once, by a plain scan, for rules that only concern one directive).</summary>
    public bool DocumentUsesDirective(string name)
    {
        if (!_directiveNamesScanned)
        {
            _directiveNames = ExecutableDirectiveNames(Document);
            _directiveNamesScanned = true;
        }
        return _directiveNames is { } names && names.Contains(name);
    }

    // Indexed loops over the IReadOnlyLists: a foreach would allocate an enumerator per list.
    private static List<string>? ExecutableDirectiveNames(DocumentNode document)
    {
        List<string>? names = null;
        var definitions = document.Definitions;
        for (var i = 0; i < definitions.Count; i++)
        {
            if (definitions[i] is not ExecutableDefinitionNode executable) continue;
            AddDirectiveNames(executable.Directives, ref names);
            if (executable is OperationDefinitionNode operation)
            {
                var variables = operation.VariableDefinitions;
                for (var v = 0; v < variables.Count; v++) AddDirectiveNames(variables[v].Directives, ref names);
            }
            AddSelectionDirectiveNames(executable.SelectionSet, ref names);
        }
        return names;
    }

    private static void AddSelectionDirectiveNames(SelectionSetNode? set, ref List<string>? names)
    {
        if (set is null) return;
        var selections = set.Selections;
        for (var i = 0; i < selections.Count; i++)
        {
            var selection = selections[i];
            AddDirectiveNames(selection.Directives, ref names);
            AddSelectionDirectiveNames(selection switch { FieldNode f => f.SelectionSet, InlineFragmentNode inline => inline.SelectionSet, _ => null }, ref names);
        }
    }

    private static void AddDirectiveNames(IReadOnlyList<DirectiveNode> directives, ref List<string>? names)
    {
        for (var i = 0; i < directives.Count; i++)
        {
            var name = directives[i].Name.Value;
            if (names is null) names = new List<string> { name };
            else if (!names.Contains(name)) names.Add(name);
        }
    }

    internal void AttachWalker(DocumentWalker walker) => _walker = walker;

    /// <summary>The schema. For SDL validation without a schema to extend, use <see cref="SchemaOrNull"/>.</summary>
    public Schema Schema => _schema ?? throw new InvalidOperationException("This validation run has no schema (SDL validation).");
    /// <summary>The schema, or null when validating SDL that extends no schema.</summary>
    public Schema? SchemaOrNull => _schema;
    /// <summary>True when validating SDL (graphql-js SDLValidationContext) rather than an executable document.</summary>
    public bool IsSdlValidation { get; internal init; }
    public DocumentNode Document { get; }
    public ValidationOptions Options { get; }
    public IReadOnlyList<GraphQLError> Errors => _errors;

    /// <summary>Nodes from the document down to the parent of the node being visited (graphql-js <c>ancestors</c>, without the arrays).</summary>
    public IReadOnlyList<SyntaxNode> Ancestors => (IReadOnlyList<SyntaxNode>?)_walker?.Ancestors ?? Array.Empty<SyntaxNode>();

    /// <summary>Records an error (adding <c>extensions.code = GRAPHQL_VALIDATION_FAILED</c> when it has no code).
    /// Past <see cref="ValidationOptions.MaxErrors"/> it records the "Too many validation errors" error and aborts the run.</summary>
    public void ReportError(GraphQLError error)
    {
        if (_errors.Count >= Options.MaxErrors)
        {
            _errors.Add(new GraphQLError("Too many validation errors, error limit reached. Validation aborted.").WithCode(ErrorCodes.ValidationFailed));
            throw new ValidationAbortedException();
        }
        _errors.Add(error.Code is null ? error.WithCode(ErrorCodes.ValidationFailed) : error);
    }

    /// <summary>Convenience: reports an error with the given message at the given nodes.</summary>
    public void ReportError(string message, params SyntaxNode?[] nodes) => ReportError(new GraphQLError(message, nodes));

    /// <summary>Appends a "Did you mean" sentence when suggestions are enabled (graphql-js didYouMean).</summary>
    public string DidYouMean(IReadOnlyList<string> suggestions) => Options.FieldSuggestions ? Suggestions.DidYouMean(suggestions) : "";
    public string DidYouMean(string subMessage, IReadOnlyList<string> suggestions) => Options.FieldSuggestions ? Suggestions.DidYouMean(subMessage, suggestions) : "";

    public FragmentDefinitionNode? GetFragment(string name)
    {
        if (_fragments is null)
        {
            _fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
            foreach (var d in Document.Definitions)
                if (d is FragmentDefinitionNode f) _fragments[f.Name.Value] = f; // the last one wins, as in graphql-js
        }
        return _fragments.TryGetValue(name, out var fd) ? fd : null;
    }

    /// <summary>The fragment spreads in a selection set, including those inside nested fields and inline fragments (not inside fragments).</summary>
    public IReadOnlyList<FragmentSpreadNode> GetFragmentSpreads(SelectionSetNode node)
    {
        if (_fragmentSpreads.TryGetValue(node, out var cached)) return cached;
        var spreads = new List<FragmentSpreadNode>();
        var setsToVisit = new Stack<SelectionSetNode>();
        setsToVisit.Push(node);
        while (setsToVisit.Count > 0)
        {
            var set = setsToVisit.Pop();
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FragmentSpreadNode s: spreads.Add(s); break;
                    case FieldNode { SelectionSet: { } fs }: setsToVisit.Push(fs); break;
                    case InlineFragmentNode inl: setsToVisit.Push(inl.SelectionSet); break;
                }
            }
        }
        _fragmentSpreads[node] = spreads;
        return spreads;
    }

    /// <summary>Every fragment an operation uses, directly or through other fragments, in breadth-first order; each once.</summary>
    public IReadOnlyList<FragmentDefinitionNode> GetRecursivelyReferencedFragments(OperationDefinitionNode op)
    {
        if (_recursiveFragments.TryGetValue(op, out var cached)) return cached;
        var fragments = GetRecursivelyReferencedFragmentsForOperations(new[] { op });
        _recursiveFragments[op] = fragments;
        return fragments;
    }

    /// <summary>Every fragment any of the operations uses, directly or through other fragments, in breadth-first order; each once.</summary>
    public IReadOnlyList<FragmentDefinitionNode> GetRecursivelyReferencedFragmentsForOperations(IEnumerable<OperationDefinitionNode> operations)
    {
        var fragments = new List<FragmentDefinitionNode>();
        var collected = new HashSet<string>(StringComparer.Ordinal);
        var queue = new List<string>();
        foreach (var op in operations)
            foreach (var s in GetFragmentSpreads(op.SelectionSet))
                if (collected.Add(s.Name.Value)) queue.Add(s.Name.Value);
        SpendFragmentWork(queue.Count);
        for (var i = 0; i < queue.Count; i++)
        {
            var fragment = GetFragment(queue[i]);
            if (fragment is null) continue;
            fragments.Add(fragment);
            var spreads = GetFragmentSpreads(fragment.SelectionSet);
            SpendFragmentWork(spreads.Count);
            foreach (var s in spreads)
                if (collected.Add(s.Name.Value)) queue.Add(s.Name.Value);
        }
        return fragments;
    }

    internal readonly record struct VariableUsage(VariableNode Node, IInputType? Type, bool HasDefault, object? DefaultValue, IInputType? ParentType);

    /// <summary>The variables used directly in an operation or fragment (not in variable definitions), each with the
    /// input type expected at its position and that position's default value.</summary>
    public IReadOnlyList<(VariableNode Node, IGraphQLType? Type, bool HasDefault, object? DefaultValue)> GetVariableUsages(ExecutableDefinitionNode node)
        => GetVariableUsagesInternal(node).Select(u => (u.Node, (IGraphQLType?)u.Type, u.HasDefault, u.DefaultValue)).ToList();

    /// <summary>Like <see cref="GetVariableUsages"/>, with the input type of the enclosing position (graphql-js <c>parentType</c>).</summary>
    public IReadOnlyList<(VariableNode Node, IGraphQLType? Type, bool HasDefault, object? DefaultValue, IGraphQLType? ParentType)> GetVariableUsagesWithParent(ExecutableDefinitionNode node)
        => GetVariableUsagesInternal(node).Select(u => (u.Node, (IGraphQLType?)u.Type, u.HasDefault, u.DefaultValue, (IGraphQLType?)u.ParentType)).ToList();

    internal IReadOnlyList<VariableUsage> GetVariableUsagesInternal(ExecutableDefinitionNode node)
    {
        if (_variableUsages.TryGetValue(node, out var cached)) return cached;
        var collector = new VariableUsageCollector();
        var typeInfo = new TypeInfo(Schema);
        collector.TypeInfo = typeInfo;
        new DocumentWalker(typeInfo, new ValidationVisitor[] { collector }).Walk(node);
        _variableUsages[node] = collector.Usages;
        return collector.Usages;
    }

    /// <summary>The variable usages of an operation and of every fragment it uses recursively (graphql-js getRecursiveVariableUsages).</summary>
    public IReadOnlyList<(VariableNode Node, IGraphQLType? Type, bool HasDefault, object? DefaultValue)> GetRecursiveVariableUsages(OperationDefinitionNode op)
    {
        if (_recursiveVariableUsages.TryGetValue(op, out var cached)) return cached;
        var fragments = GetRecursivelyReferencedFragments(op);
        SpendFragmentWork(fragments.Count);
        var usages = new List<(VariableNode Node, IGraphQLType? Type, bool HasDefault, object? DefaultValue)>();
        foreach (var u in GetVariableUsagesInternal(op)) usages.Add((u.Node, u.Type, u.HasDefault, u.DefaultValue));
        foreach (var f in fragments)
        {
            var local = GetVariableUsagesInternal(f);
            SpendFragmentWork(local.Count);
            foreach (var u in local) usages.Add((u.Node, u.Type, u.HasDefault, u.DefaultValue));
        }
        _recursiveVariableUsages[op] = usages;
        return usages;
    }

    /// <summary>Charges work against the fragment budget (graphql-js 16.15); aborts validation with "Validation aborted." when it is spent.</summary>
    public void SpendFragmentWork(int cost)
    {
        _remainingFragmentWork -= cost;
        if (_remainingFragmentWork < 0) AbortValidation();
    }

    /// <summary>Stops the run with a final "Validation aborted." error (for analyses that would exceed their budget or the stack).</summary>
    public void AbortValidation()
    {
        _errors.Add(new GraphQLError("Validation aborted.").WithCode(ErrorCodes.ValidationFailed));
        throw new ValidationAbortedException();
    }

    // ---- TypeInfo at the current node (graphql-js ValidationContext getters) ----
    public new IOutputType? GetType() => _typeInfo?.GetType();
    public ICompositeType? GetParentType() => _typeInfo?.GetParentType();
    public IInputType? GetInputType() => _typeInfo?.GetInputType();
    public IInputType? GetParentInputType() => _typeInfo?.GetParentInputType();
    public FieldDefinition? GetFieldDef() => _typeInfo?.GetFieldDef();
    public DirectiveDefinition? GetDirective() => _typeInfo?.GetDirective();
    public InputValueDefinition? GetArgument() => _typeInfo?.GetArgument();
    public bool HasDefaultValue() => _typeInfo?.HasDefaultValue() ?? false;
    public object? GetDefaultValue() => _typeInfo?.GetDefaultValue();
    public EnumValueDefinition? GetEnumValue() => _typeInfo?.GetEnumValue();

    private sealed class VariableUsageCollector : ValidationVisitor
    {
        public TypeInfo TypeInfo = null!;
        public readonly List<VariableUsage> Usages = new();
        public override void EnterVariableDefinition(VariableDefinitionNode node) => SkipChildren();
        public override void EnterValue(ValueNode node)
        {
            if (node is VariableNode v)
                Usages.Add(new VariableUsage(v, TypeInfo.GetInputType(), TypeInfo.HasDefaultValue(), TypeInfo.GetDefaultValue(), TypeInfo.GetParentInputType()));
        }
    }
}

/// <summary>Thrown inside a validation run to stop it (error limit or fragment work budget reached); the validator catches it.</summary>
internal sealed class ValidationAbortedException : Exception { }
