using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// Optional companion of <see cref="IGraphModule"/>: a module that owns organisations (the registry's
/// consortia, practices and providers; local authorities and HWBs; the NHS CB) lists them, so that
/// <c>Query.organisations(kind, first, after)</c> can page across every module. The host merges the lists
/// and orders them by code; <c>Query.organisation(code)</c> needs nothing more than the entity resolvers.
/// </summary>
public interface IOrganisationDirectory
{
    /// <summary>This module's organisations, all of them or those of one <c>OrganisationKind</c> (its GraphQL name, e.g. <c>CONSORTIUM</c>).</summary>
    ValueTask<IReadOnlyList<OrganisationEntry>> ListOrganisationsAsync(string? kind, IResolveContext context);
}

/// <param name="TypeName">The GraphQL object type (<c>Consortium</c>, <c>LocalAuthority</c>, …).</param>
/// <param name="Code">The organisation's code, its key.</param>
/// <param name="Value">What the module's resolvers of <paramref name="TypeName"/> expect as their source.</param>
public sealed record OrganisationEntry(string TypeName, string Code, object Value);
