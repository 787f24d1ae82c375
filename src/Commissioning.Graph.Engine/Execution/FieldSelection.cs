using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>
/// The fields selected below a field for one object type, exactly as the executor will collect them
/// (spec §6.3.2 CollectFields): the field's merged nodes, fragment spreads and inline fragments whose type
/// condition the type satisfies, @skip/@include evaluated with the request's variables, deferred fragments
/// included. For resolvers that need to know what will be read before reading it (projections, look-ahead).
/// </summary>
public sealed class FieldSelection
{
    private readonly Source _source;

    private FieldSelection(ObjectType type, SelectedField[] fields, Source source)
    {
        Type = type;
        Fields = fields;
        _source = source;
    }

    /// <summary>The object type the fields were collected for.</summary>
    public ObjectType Type { get; }

    /// <summary>One entry per response key, in response order (aliases of one field are separate entries).</summary>
    public IReadOnlyList<SelectedField> Fields { get; }

    /// <summary>Every response key selecting the field named <paramref name="fieldName"/>.</summary>
    public IEnumerable<SelectedField> Named(string fieldName) => Fields.Where(f => f.Definition.Name == fieldName);

    /// <summary>Whether any response key selects the field named <paramref name="fieldName"/>.</summary>
    public bool Selects(string fieldName) => Fields.Any(f => f.Definition.Name == fieldName);

    /// <summary>The sub-selection of the field a resolver is resolving, for <paramref name="type"/> (the field's
    /// object type, or one of the possible types of its abstract type).</summary>
    public static FieldSelection Of(IResolveContext context, ObjectType type)
    {
        if (context is ResolveContext { State: var state, Field: var field })
        {
            var source = new Source(state.Schema, state.DocumentPlan.Fragments, state.Variables, state);
            return From(state.GetSubPlan(field, type), source);
        }
        var fallback = new Source(context.Schema, context.Fragments, context.VariableValues, null);
        return Collect(fallback, type, context.FieldNodes.ToArray());
    }

    /// <summary>As <see cref="Of(IResolveContext, ObjectType)"/>, the type named.</summary>
    public static FieldSelection Of(IResolveContext context, string typeName) =>
        Of(context, context.Schema.GetType(typeName) as ObjectType ?? throw new ArgumentException($"{typeName} is not an object type of the schema.", nameof(typeName)));

    internal FieldSelection SubSelection(SelectedField field, ObjectType type) =>
        field.Plan is { } plan && _source.State is { } state ? From(state.GetSubPlan(plan, type), _source)
            : Collect(_source, type, field.FieldNodes.ToArray());

    private static FieldSelection Collect(Source source, ObjectType type, FieldNode[] nodes) =>
        From(FieldCollector.CollectSubfields(source.Schema, source.Fragments, source.Variables, type, nodes), source);

    private static FieldSelection From(SelectionPlan plan, Source source)
    {
        var selection = new FieldSelection(plan.Type, new SelectedField[plan.Fields.Length], source);
        for (var i = 0; i < plan.Fields.Length; i++)
            ((SelectedField[])selection.Fields)[i] = new SelectedField(selection, plan.Fields[i]);
        return selection;
    }

    private sealed record Source(Schema Schema, IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments,
        IReadOnlyDictionary<string, object?> Variables, ExecutionState? State);
}

/// <summary>One response key of a <see cref="FieldSelection"/>.</summary>
public sealed class SelectedField
{
    private readonly FieldSelection _owner;

    internal SelectedField(FieldSelection owner, FieldPlan plan)
    {
        _owner = owner;
        Plan = plan;
    }

    internal FieldPlan Plan { get; }

    public string ResponseKey => Plan.ResponseKey;
    public FieldDefinition Definition => Plan.Definition;
    /// <summary>The field nodes merged into this response key.</summary>
    public IReadOnlyList<FieldNode> FieldNodes => Plan.FieldNodes;
    /// <summary>The fields selected below this one for <paramref name="type"/>.</summary>
    public FieldSelection SelectionFor(ObjectType type) => _owner.SubSelection(this, type);

    /// <summary>The fields selected below this one for its own (object) return type, or, for an abstract
    /// or leaf type, null.</summary>
    public FieldSelection? Selection() =>
        Schema.GetNamedType(Definition.Type) is ObjectType type && FieldNodes.Any(n => n.SelectionSet is not null) ? SelectionFor(type) : null;
}
