using Commissioning.Graph.Engine.Introspection;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Execution.Incremental;

/// <summary>One <c>@defer</c> met while collecting fields (RFC "Incremental Delivery", CollectFields with
/// DeferUsage): its label and the <c>@defer</c> it is nested in.</summary>
internal sealed class DeferUsage(string? label, DirectiveNode node, DeferUsage? parent)
{
    public readonly string? Label = label;
    public readonly DirectiveNode Node = node;
    public readonly DeferUsage? Parent = parent;
}

/// <summary>One response key of a collected selection set: its field nodes, each with the @defer that encloses it (null: none).</summary>
internal sealed class CollectedField(string key)
{
    public readonly string Key = key;
    public readonly List<FieldNode> Nodes = new(1);
    public readonly List<DeferUsage?> DeferUsages = new(1);
}

/// <summary>
/// CollectFields (spec §6.3.2) as the incremental-delivery RFC extends it: fragments under <c>@defer</c>
/// (with <c>if</c> not false) give a new <see cref="DeferUsage"/> that the fields inside carry; a named
/// fragment is expanded again only under a different <c>@defer</c>. Used only when an operation runs
/// incrementally; ordinary execution keeps <see cref="FieldCollector"/> and its cached plans.
/// </summary>
internal sealed class DeferredFieldCollector
{
    private readonly Schema _schema;
    private readonly IReadOnlyDictionary<string, FragmentDefinitionNode> _fragments;
    private readonly IReadOnlyDictionary<string, object?> _variables;
    private readonly ObjectType _runtimeType;
    private readonly DirectiveDefinition? _defer;
    private readonly List<CollectedField> _fields = new();
    private readonly Dictionary<string, CollectedField> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DirectiveNode?>> _visited = new(StringComparer.Ordinal);
    public readonly List<DeferUsage> NewDeferUsages = new();

    public DeferredFieldCollector(Schema schema, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
        IReadOnlyDictionary<string, object?> variables, ObjectType runtimeType)
    {
        _schema = schema; _fragments = fragments; _variables = variables; _runtimeType = runtimeType;
        _defer = schema.GetDirective("defer");
    }

    public IReadOnlyList<CollectedField> Fields => _fields;

    public void Collect(SelectionSetNode selectionSet, DeferUsage? deferUsage)
    {
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    if (!FieldCollector.ShouldInclude(selection, _variables)) continue;
                    if (!_byKey.TryGetValue(field.ResponseKey, out var entry))
                    {
                        entry = new CollectedField(field.ResponseKey);
                        _byKey.Add(entry.Key, entry);
                        _fields.Add(entry);
                    }
                    entry.Nodes.Add(field);
                    entry.DeferUsages.Add(deferUsage);
                    break;
                case InlineFragmentNode inline:
                {
                    if (!FieldCollector.ShouldInclude(selection, _variables) || !ConditionMatches(inline.TypeCondition)) continue;
                    var newUsage = GetDeferUsage(selection, deferUsage);
                    if (newUsage is not null) NewDeferUsages.Add(newUsage);
                    Collect(inline.SelectionSet, newUsage ?? deferUsage);
                    break;
                }
                case FragmentSpreadNode spread:
                {
                    if (!FieldCollector.ShouldInclude(selection, _variables)) continue;
                    var name = spread.Name.Value;
                    if (!_fragments.TryGetValue(name, out var fragment) || !ConditionMatches(fragment.TypeCondition)) continue;
                    var newUsage = GetDeferUsage(selection, deferUsage);
                    var usage = newUsage ?? deferUsage;
                    if (!_visited.TryGetValue(name, out var seen)) _visited[name] = seen = new List<DirectiveNode?>(1);
                    // Expanded once without @defer covers every later spread; under @defer once per directive.
                    if (seen.Contains(null) || (usage is not null && seen.Contains(usage.Node))) continue;
                    if (newUsage is not null) NewDeferUsages.Add(newUsage);
                    seen.Add(usage?.Node);
                    Collect(fragment.SelectionSet, usage);
                    break;
                }
            }
        }
    }

    private DeferUsage? GetDeferUsage(SelectionNode node, DeferUsage? parent)
    {
        if (_defer is null || node.Directives.Count == 0) return null;
        DirectiveNode? directive = null;
        foreach (var d in node.Directives)
            if (d.Name.Value == "defer") { directive = d; break; }
        if (directive is null) return null;
        var values = ArgumentCoercion.GetArgumentValues(_defer.Arguments.List, directive.Arguments, directive, _variables);
        if (values.TryGetValue("if", out var condition) && condition is false) return null;
        return new DeferUsage(values.TryGetValue("label", out var label) ? label as string : null, directive, parent);
    }

    private bool ConditionMatches(NamedTypeNode? condition)
    {
        if (condition is null) return true;
        var type = _schema.GetType(condition.Name.Value);
        if (ReferenceEquals(type, _runtimeType)) return true;
        return type is IAbstractType abstractType && _schema.IsSubType(abstractType, _runtimeType);
    }

    /// <summary>Every collected field, deferred or not (nothing is deferred below this object).</summary>
    public SelectionPlan AllFields()
    {
        var plans = new List<FieldPlan>(_fields.Count);
        foreach (var field in _fields) if (MakeFieldPlan(field) is { } plan) plans.Add(plan);
        return new SelectionPlan(_runtimeType, plans.ToArray(), dependsOnVariables: true);
    }

    /// <summary>The fields for <paramref name="deferUsages"/> (the @defer set the executing group answers for;
    /// empty for the initial result), and the other fields grouped by the set of @defer they belong to,
    /// in order of first appearance (the RFC's BuildExecutionPlan).</summary>
    public (SelectionPlan Immediate, List<(DeferUsage[] Set, SelectionPlan Plan)> Deferred) BuildExecutionPlan(IReadOnlyCollection<DeferUsage> deferUsages)
    {
        var immediate = new List<FieldPlan>();
        var deferred = new List<(DeferUsage[] Set, List<FieldPlan> Fields)>();
        foreach (var field in _fields)
        {
            var plan = MakeFieldPlan(field);
            if (plan is null) continue;
            var set = FilteredDeferUsageSet(field);
            if (SameSet(set, deferUsages)) { immediate.Add(plan); continue; }
            var index = deferred.FindIndex(d => SameSet(d.Set, set));
            if (index < 0) deferred.Add((set.ToArray(), new List<FieldPlan> { plan }));
            else deferred[index].Fields.Add(plan);
        }
        return (new SelectionPlan(_runtimeType, immediate.ToArray(), dependsOnVariables: true),
            deferred.ConvertAll(d => (d.Set, new SelectionPlan(_runtimeType, d.Fields.ToArray(), dependsOnVariables: true))));
    }

    // A field also selected outside every @defer belongs to the immediate set; otherwise to the @defer
    // usages that select it, leaving out those nested in another of them.
    private static List<DeferUsage> FilteredDeferUsageSet(CollectedField field)
    {
        var set = new List<DeferUsage>();
        foreach (var usage in field.DeferUsages)
        {
            if (usage is null) return new List<DeferUsage>();
            if (!set.Contains(usage)) set.Add(usage);
        }
        set.RemoveAll(usage =>
        {
            for (var p = usage.Parent; p is not null; p = p.Parent)
                if (set.Contains(p)) return true;
            return false;
        });
        return set;
    }

    private static bool SameSet(IReadOnlyCollection<DeferUsage> a, IReadOnlyCollection<DeferUsage> b)
    {
        if (a.Count != b.Count) return false;
        foreach (var x in a) if (!b.Contains(x)) return false;
        return true;
    }

    private FieldPlan? MakeFieldPlan(CollectedField field)
    {
        var nodes = field.Nodes.ToArray();
        var definition = FieldCollector.GetFieldDefinition(_schema, _runtimeType, nodes[0].Name.Value);
        if (definition is null) return null;
        return new FieldPlan(_runtimeType, field.Key, nodes, definition)
        {
            Kind = ReferenceEquals(definition, IntrospectionSchema.TypeNameMetaField) ? FieldKind.TypeName
                : definition.Resolver is null ? FieldKind.Property : FieldKind.Resolved,
            DeferUsages = field.DeferUsages.ToArray(),
        };
    }
}
