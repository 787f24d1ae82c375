using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Directory.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Directory.Graph;

/// <summary>
/// DOMAIN.md "Commissioning support" in the directory subgraph: <c>CommissioningSupportOrganisation</c> (an organisation the
/// directory alone knows, always a reference by key here) and its <c>CommissioningSupportArrangement</c>s, reachable from the
/// supplier and from the consortium (<c>Consortium.supportArrangements</c>, by key: the consortium's other fields are the
/// commissioning subgraph's). Each list is one batched statement per request.
/// </summary>
internal static class CommissioningSupport
{
    public const string OrganisationType = "CommissioningSupportOrganisation";

    public static void Configure(SchemaBuilder builder) => builder
        .Resolve<EntityReference>($"{OrganisationType}.id", o => Engine.Federation.GlobalId.Encode(OrganisationType, o.Code))
        .Resolve<EntityReference>($"{OrganisationType}.code", o => o.Code)
        .ResolveAsync<EntityReference>($"{OrganisationType}.name", async (o, ctx) => (await DirectoryLookups.OrganisationByCode(ctx).LoadAsync(o.Code))?.Name)
        .ResolveAsync<EntityReference>($"{OrganisationType}.kind", async (o, ctx) => (await DirectoryLookups.OrganisationByCode(ctx).LoadAsync(o.Code))?.Kind)
        .ResolveAsync<EntityReference>($"{OrganisationType}.supportArrangements", async (o, ctx) => (await BySupplier(ctx).LoadAsync(o.Code)).OrEmpty())
        // The consortium's parent is the commissioning module's entity in one process and a reference by key in the directory
        // subgraph: read by its key either way.
        .ResolveAsync("Consortium.supportArrangements", async ctx => (await ByConsortium(ctx).LoadAsync(EntityReference.CodeOf(ctx.Source))).OrEmpty())
        .Resolve<CommissioningSupportArrangement>("CommissioningSupportArrangement.consortium", a => new EntityReference("Consortium", a.ConsortiumCode))
        .Resolve<CommissioningSupportArrangement>("CommissioningSupportArrangement.supplier", a => new EntityReference(OrganisationType, a.SupplierCode))
        .Resolve<CommissioningSupportArrangement>("CommissioningSupportArrangement.functions", a => a.Functions.Select(f => GraphEnum.Name(f)).ToList())
        .Resolve<CommissioningSupportArrangement>("CommissioningSupportArrangement.from", a => a.From)
        .Resolve<CommissioningSupportArrangement>("CommissioningSupportArrangement.to", a => a.To);

    /// <summary>The arrangements of each supplier, by consortium and start.</summary>
    private static DataLoader<string, IReadOnlyList<CommissioningSupportArrangement>> BySupplier(IResolveContext ctx) =>
        ctx.DbLoader<DirectoryDbContext, string, IReadOnlyList<CommissioningSupportArrangement>>(ctx.DbFactory<DirectoryDbContext>(), "directory.supportBySupplier", async (db, codes, ct) =>
            (await db.SupportArrangements.AsNoTracking().Where(a => codes.Contains(a.SupplierCode)).ToListAsync(ct))
                .OrderBy(a => a.ConsortiumCode, StringComparer.Ordinal).ThenBy(a => a.From).ToList().GroupByKey(a => a.SupplierCode));

    /// <summary>The arrangements of each consortium, by supplier and start.</summary>
    private static DataLoader<string, IReadOnlyList<CommissioningSupportArrangement>> ByConsortium(IResolveContext ctx) =>
        ctx.DbLoader<DirectoryDbContext, string, IReadOnlyList<CommissioningSupportArrangement>>(ctx.DbFactory<DirectoryDbContext>(), "directory.supportByConsortium", async (db, codes, ct) =>
            (await db.SupportArrangements.AsNoTracking().Where(a => codes.Contains(a.ConsortiumCode)).ToListAsync(ct))
                .OrderBy(a => a.SupplierCode, StringComparer.Ordinal).ThenBy(a => a.From).ToList().GroupByKey(a => a.ConsortiumCode));
}
