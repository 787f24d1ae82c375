using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// One bounded context's part of the graph. Each module becomes a federation subgraph
/// (<c>serve --module NAME</c>); all of them together are the one-process default.
///
/// <para>The SDL is Apollo Federation 2 subgraph SDL <em>without</em> the <c>@link</c> and
/// directive definitions (the composer adds the federation and authorisation prelude):
/// the module defines the types it owns in full, marks entities with <c>@key(fields: "code")</c>,
/// and adds fields to another module's entity with
/// <c>extend type Consortium @key(fields: "code") { code: ID! @external  hwbs: [...] }</c>
/// — by key only, never through the other module's tables. Root fields go in
/// <c>extend type Query { … }</c> / <c>extend type Mutation { … }</c>.</para>
///
/// <para>Every field carries an explicit authorisation rule (<c>@authenticated</c>,
/// <c>@requiresScopes</c> or <c>@policy</c>, Apollo Federation 2.6 semantics) per DOMAIN.md
/// "Who may see what"; a test refuses a field without one.</para>
/// </summary>
public interface IGraphModule
{
    /// <summary>The module's name on the command line: <c>commissioning</c>, <c>local-government</c>, <c>nhs-cb</c>.</summary>
    string Name { get; }

    /// <summary>The module's subgraph SDL (see the class remarks).</summary>
    string Sdl { get; }

    /// <summary>Binds the module's resolvers by schema coordinate (<c>builder.Resolve("Consortium.practices", …)</c>).
    /// Resolvers reach request services (DbContext factories, the caller) through <see cref="IResolveContext.Services"/>
    /// and batch their reads with DataLoaders (<c>ctx.GetDataLoader(…)</c>).</summary>
    void Configure(SchemaBuilder builder);

    /// <summary>Resolves an entity this module owns or extends from its federation representation
    /// (<c>{"__typename": "Consortium", "code": "01A"}</c>), for <c>_entities</c>. Keyed by type name.
    /// Implementations batch through DataLoaders, like any resolver.</summary>
    IReadOnlyDictionary<string, EntityResolver> EntityResolvers { get; }

    /// <summary>In the federated graph this module's subgraph alone serves <c>Query.node(id:)</c>, answering any id with a
    /// reference by type and key (the directory); the composer supplies the field.</summary>
    bool ServesGlobalIds => false;

    /// <summary>With <see cref="ServesGlobalIds"/>: what <c>node(id:)</c> answers for another module's entity given its
    /// reference by type and key — the reference, what the directory knows of it for its type's rules, or null.</summary>
    EntityResolver? GlobalIdReferences => null;
}

/// <summary>Loads the entity a federation representation names; null when there is none.</summary>
public delegate ValueTask<object?> EntityResolver(IReadOnlyDictionary<string, object?> representation, IResolveContext context);
