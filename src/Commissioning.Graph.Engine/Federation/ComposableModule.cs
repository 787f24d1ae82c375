using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Federation;

/// <summary>Loads the entity a federation representation (<c>{"__typename": "Consortium", "code": "01A"}</c>)
/// names; null when there is none.</summary>
public delegate ValueTask<object?> EntityResolverFunc(IReadOnlyDictionary<string, object?> representation, IResolveContext context);

/// <summary>How the composer joins modules: one graph, or one module as a federation subgraph.</summary>
public enum ComposeMode
{
    /// <summary>Every module merged into one schema, served by one process.</summary>
    Monolith,
    /// <summary>One module (plus the shared modules) as an Apollo Federation 2 subgraph: <c>_service</c>, <c>_entities</c>.</summary>
    Subgraph,
}

/// <summary>
/// One part of the graph as the composer sees it: SDL written without directive definitions (the
/// shared part supplies them), resolvers bound by coordinate, and entity resolvers by type name.
/// </summary>
/// <param name="Name">The module's name, used in error messages and by <c>serve --module</c>.</param>
/// <param name="Sdl">Subgraph-style SDL: owned types in full, others' entities by <c>extend type X @key(...)</c>.</param>
/// <param name="Configure">Binds resolvers on a builder made from the composed SDL.</param>
/// <param name="EntityResolvers">Entity loaders for <c>_entities</c> and <c>node(id:)</c>, by type name.</param>
public sealed record ComposableModule(
    string Name,
    string Sdl,
    Action<SchemaBuilder>? Configure = null,
    IReadOnlyDictionary<string, EntityResolverFunc>? EntityResolvers = null)
{
    /// <summary>A shared module (the prelude) is part of every composition, including every subgraph;
    /// it owns no entities of its own.</summary>
    public bool IsShared { get; init; }

    /// <summary>In a federated graph, this module's subgraph alone serves <c>Query.node(id:)</c>: it answers every id
    /// with a reference by type and key (loading the entities it can itself), and the gateway fetches the fields from
    /// the owners. Without such a module every subgraph serves <c>node</c> for its own types (<c>@shareable</c>).</summary>
    public bool ServesGlobalIds { get; init; }

    /// <summary>The module that serves global ids: what <c>node(id:)</c> answers for an entity another subgraph owns, given
    /// its reference (<c>__typename</c> and key) — the reference itself, a value that the type's rules can judge here (what
    /// the owner published about it), or null when there is no such entity. Without it, the reference.</summary>
    public EntityResolverFunc? GlobalIdReferences { get; init; }

    public IReadOnlyDictionary<string, EntityResolverFunc> Entities { get; } =
        EntityResolvers ?? new Dictionary<string, EntityResolverFunc>(StringComparer.Ordinal);
}
