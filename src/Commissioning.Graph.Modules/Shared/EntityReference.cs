namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// A reference to an entity another module owns, by its federation key: what a resolver returns
/// for a field typed with that entity (<c>JsnaContribution.consortium</c> returns
/// <c>new EntityReference("Consortium", "01A")</c>), because a module never reads another's tables.
/// </summary>
/// <remarks>
/// As a subgraph, the gateway turns the reference into the owner's entity through <c>_entities</c>.
/// In one process the composer does the same: when a field's value (or list item) is an
/// <see cref="EntityReference"/>, it asks the owning module's <see cref="IGraphModule.EntityResolvers"/>
/// for the entity (the engine's <c>EntityReferences</c>). Where no module resolves the type, the key field
/// (<c>code</c>) resolves from the reference itself and <see cref="__typename"/> lets interfaces
/// (<c>Organisation</c>) pick the object type.
/// </remarks>
public sealed record EntityReference(string TypeName, string Code) : Engine.Federation.IEntityReference
{
    /// <summary>Read by the engine's default type resolver (graphql-js semantics) for interface fields.</summary>
    public string __typename => TypeName;

    /// <summary>The federation representation: <c>{"__typename": "Consortium", "code": "01A"}</c>.</summary>
    public IReadOnlyDictionary<string, object?> ToRepresentation() =>
        new Dictionary<string, object?> { ["__typename"] = TypeName, ["code"] = Code };

    /// <summary>
    /// The <c>code</c> key of whatever value stands for an entity: a reference, a federation
    /// representation, or any entity with a <c>Code</c> property (another module's entity in one process).
    /// </summary>
    public static string CodeOf(object? source) => source switch
    {
        EntityReference r => r.Code,
        IReadOnlyDictionary<string, object?> representation when representation.TryGetValue("code", out var c) && c is not null => c.ToString()!,
        IDictionary<string, object?> representation when representation.TryGetValue("code", out var c) && c is not null => c.ToString()!,
        null => throw new ArgumentNullException(nameof(source)),
        _ => Engine.Execution.DefaultFieldResolver.GetProperty(source, "Code")?.ToString()
             ?? throw new ArgumentException($"A {source.GetType().Name} has no code key.", nameof(source)),
    };
}
