using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Directory;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Commissioning;

/// <summary>The facts the commissioning module owns and publishes to the directory: its organisations (consortia,
/// practices, providers), practice memberships (with dates),
/// arrangement parties and the contracts arrangements cover, contract parties.</summary>
public static class CommissioningDirectoryFacts
{
    public static async Task<DirectoryFacts> ReadAsync(CommissioningDbContext db, CancellationToken ct = default)
    {
        var organisations = new List<DirectoryOrganisation>();
        organisations.AddRange((await db.Consortia.AsNoTracking().Select(c => new { c.Code, c.Name }).ToListAsync(ct))
            .Select(c => new DirectoryOrganisation { Code = c.Code, Name = c.Name, Kind = "CONSORTIUM", TypeName = "Consortium" }));
        organisations.AddRange((await db.GpPractices.AsNoTracking().Select(c => new { c.Code, c.Name }).ToListAsync(ct))
            .Select(c => new DirectoryOrganisation { Code = c.Code, Name = c.Name, Kind = "GP_PRACTICE", TypeName = "GpPractice" }));
        organisations.AddRange((await db.Providers.AsNoTracking().Select(c => new { c.Code, c.Name }).ToListAsync(ct))
            .Select(c => new DirectoryOrganisation { Code = c.Code, Name = c.Name, Kind = "PROVIDER", TypeName = "Provider" }));

        var relationships = new List<Relationship>();
        relationships.AddRange((await db.ConsortiumMemberships.AsNoTracking().ToListAsync(ct))
            .Select(Membership));
        // Parties of arrangements and contracts hold for the life of the arrangement or contract: data of any year
        // under it is theirs (no dates, unlike memberships).
        relationships.AddRange((await db.LeadCommissioningArrangements.AsNoTracking().Select(a => new { a.Code, a.LeadCode }).ToListAsync(ct))
            .Select(a => Relationship.Of(RelationshipKind.ArrangementLead, a.Code, a.LeadCode)));
        relationships.AddRange((await db.ArrangementAssociates.AsNoTracking().Select(a => new { a.ArrangementCode, a.ConsortiumCode }).ToListAsync(ct))
            .Select(a => Relationship.Of(RelationshipKind.ArrangementAssociate, a.ArrangementCode, a.ConsortiumCode)));
        relationships.AddRange((await db.ArrangementContracts.AsNoTracking().Select(a => new { a.ArrangementCode, a.ContractCode }).ToListAsync(ct))
            .Select(a => Relationship.Of(RelationshipKind.ContractArrangement, a.ContractCode, a.ArrangementCode)));
        foreach (var c in await db.Contracts.AsNoTracking().Select(c => new { c.Code, c.CommissionerCode, c.ProviderCode }).ToListAsync(ct))
        {
            relationships.Add(Relationship.Of(RelationshipKind.ContractCommissioner, c.Code, c.CommissionerCode));
            relationships.Add(Relationship.Of(RelationshipKind.ContractProvider, c.Code, c.ProviderCode));
        }
        var returns = (await db.FinancialReturns.AsNoTracking().ToListAsync(ct)).Select(Entity).ToList();
        return new DirectoryFacts(organisations, relationships, [], returns);
    }

    /// <summary>A return as the directory knows it for <c>node(id:)</c> (its owner and year).</summary>
    public static DirectoryEntity Entity(FinancialReturn r) => Shared.Policies.GovernedShapes.Publish(Shared.Policies.GovernedShapes.FinancialReturn, r,
        Engine.Federation.GlobalId.Encode("FinancialReturn", r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A practice's membership of a consortium, with its dates.</summary>
    public static Relationship Membership(ConsortiumMembership m) => Relationship.Of(RelationshipKind.PracticeConsortium, m.PracticeCode, m.ConsortiumCode, m.From, m.To);
}
