using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// Optional companion of <see cref="IGraphModule"/>: a module that owns organisations (the registry's
/// consortia, practices and providers; local authorities and HWBs; the NHS CB) pages through them by code,
/// so that <c>Query.organisations(kind, first, after)</c> can page across every module: the host asks each
/// module for one page after the cursor's code, merges the pages by code and keeps the first ones.
/// <c>Query.organisation(code)</c> needs nothing more than the entity resolvers.
/// </summary>
/// <remarks>Codes are compared ordinally (byte order of their UTF-8), as the host merges them; ODS and ONS
/// codes are upper-case ASCII, where every database the modules run on orders them the same way.</remarks>
public interface IOrganisationDirectory
{
    /// <summary>The <c>OrganisationKind</c>s (GraphQL names, e.g. <c>CONSORTIUM</c>) this module owns; the host asks
    /// a module only for these.</summary>
    IReadOnlyCollection<string> OrganisationKinds { get; }

    /// <summary>
    /// At most <paramref name="limit"/> of this module's organisations whose code sorts after <paramref name="after"/>
    /// (all when null), all kinds or one (<paramref name="kind"/>), ordered by code. One statement per table read.
    /// </summary>
    ValueTask<IReadOnlyList<OrganisationEntry>> ListOrganisationsAsync(string? kind, string? after, int limit, IResolveContext context);

    /// <summary>How many organisations this module has, of all kinds or of one.</summary>
    ValueTask<int> CountOrganisationsAsync(string? kind, IResolveContext context);
}

/// <param name="TypeName">The GraphQL object type (<c>Consortium</c>, <c>LocalAuthority</c>, …).</param>
/// <param name="Code">The organisation's code, its key.</param>
/// <param name="Value">What the module's resolvers of <paramref name="TypeName"/> expect as their source.</param>
public sealed record OrganisationEntry(string TypeName, string Code, object Value);
