using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.LocalGovernment;

/// <summary>The facts the local-government module owns and publishes to the directory: local authorities and their
/// HWBs, each HWB's local authority, each JSNA's HWB, pool hosts and partners, the priorities of published strategies.</summary>
public static class LocalGovernmentDirectoryFacts
{
    /// <summary>The priorities of a published strategy, each its board's for the strategy's year (what plans may address).</summary>
    public static IEnumerable<Relationship> PriorityFacts(IEnumerable<StrategyPriority> published) => published.Select(p =>
    {
        var (from, to) = DirectoryKeys.DaysOf(p.Year);
        return Relationship.Of(RelationshipKind.StrategyPriorityBoard, p.Code, p.HwbCode, from, to);
    });

    public static async Task<DirectoryFacts> ReadAsync(LocalGovernmentDbContext db, CancellationToken ct = default)
    {
        var organisations = new List<DirectoryOrganisation>();
        organisations.AddRange((await db.LocalAuthorities.AsNoTracking().Select(l => new { l.Code, l.Name }).ToListAsync(ct))
            .Select(l => new DirectoryOrganisation { Code = l.Code, Name = l.Name, Kind = "LOCAL_AUTHORITY", TypeName = "LocalAuthority" }));
        var boards = await db.HealthAndWellbeingBoards.AsNoTracking().Select(h => new { h.Code, h.Name, h.LocalAuthorityCode }).ToListAsync(ct);
        organisations.AddRange(boards.Select(h => new DirectoryOrganisation { Code = h.Code, Name = h.Name, Kind = "HEALTH_AND_WELLBEING_BOARD", TypeName = "HealthAndWellbeingBoard" }));

        var relationships = new List<Relationship>();
        relationships.AddRange(boards.Select(h => Relationship.Of(RelationshipKind.HwbLocalAuthority, h.Code, h.LocalAuthorityCode)));
        relationships.AddRange((await db.Jsnas.AsNoTracking().Select(j => new { j.Id, j.HwbCode }).ToListAsync(ct))
            .Select(j => Relationship.Of(RelationshipKind.JsnaBoard, DirectoryKeys.Jsna(j.Id), j.HwbCode)));
        relationships.AddRange((await db.PooledBudgets.AsNoTracking().Select(p => new { p.Code, p.HostCode }).ToListAsync(ct))
            .Select(p => Relationship.Of(RelationshipKind.PoolHost, p.Code, p.HostCode)));
        relationships.AddRange((await db.PoolPartners.AsNoTracking().Select(p => new { p.PoolCode, p.PartnerCode }).ToListAsync(ct))
            .Select(p => Relationship.Of(RelationshipKind.PoolPartner, p.PoolCode, p.PartnerCode)));
        relationships.AddRange(PriorityFacts(await db.StrategyPriorities.AsNoTracking().Where(p => p.Published).ToListAsync(ct)));
        return new DirectoryFacts(organisations, relationships, []);
    }
}
