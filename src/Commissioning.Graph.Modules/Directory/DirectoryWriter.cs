using Commissioning.Graph.Modules.Directory.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Directory;

/// <summary>
/// Writes a module's facts into the directory, idempotently: an organisation is upserted by code, a
/// relationship by (kind, subject, party, from) — its end date updated — and an allocation limit by
/// (consortium, year). Publishing the same facts twice changes nothing, so a module may publish at
/// least once (after each write that changes a fact, and again at start) without duplicates.
/// Policies read the directory per request, so what is published is seen by the next request of
/// every subgraph.
/// </summary>
public sealed class DirectoryWriter(IDbContextFactory<DirectoryDbContext> contexts)
{
    public async Task PublishAsync(DirectoryFacts facts, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (facts.Organisations.Count > 0)
        {
            var codes = facts.Organisations.Select(o => o.Code).Distinct().ToList();
            var existing = await db.Organisations.Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, ct);
            foreach (var o in facts.Organisations.DistinctBy(o => o.Code))
            {
                if (existing.TryGetValue(o.Code, out var known)) { known.Name = o.Name; known.Kind = o.Kind; known.TypeName = o.TypeName; }
                else db.Organisations.Add(new DirectoryOrganisation { Code = o.Code, Name = o.Name, Kind = o.Kind, TypeName = o.TypeName });
            }
        }
        if (facts.Relationships.Count > 0)
        {
            var subjects = facts.Relationships.Select(r => r.SubjectCode).Distinct().ToList();
            var existing = (await db.Relationships.Where(r => subjects.Contains(r.SubjectCode)).ToListAsync(ct))
                .GroupBy(r => r.Identity).ToDictionary(g => g.Key, g => g.First());
            foreach (var r in facts.Relationships.DistinctBy(r => r.Identity))
            {
                if (existing.TryGetValue(r.Identity, out var known)) { known.To = r.To; known.ToYear = r.ToYear; }
                else db.Relationships.Add(Relationship.Of(r.Kind, r.SubjectCode, r.PartyCode, r.From, r.To));
            }
        }
        if (facts.Allocations.Count > 0)
        {
            var consortia = facts.Allocations.Select(a => a.ConsortiumCode).Distinct().ToList();
            var existing = (await db.AllocationLimits.Where(a => consortia.Contains(a.ConsortiumCode)).ToListAsync(ct))
                .ToDictionary(a => (a.ConsortiumCode, a.Year));
            foreach (var a in facts.Allocations.DistinctBy(a => (a.ConsortiumCode, a.Year)))
            {
                if (existing.TryGetValue((a.ConsortiumCode, a.Year), out var known))
                {
                    known.ProgrammeBudget = a.ProgrammeBudget; known.RunningCostsAllowance = a.RunningCostsAllowance;
                    known.RevenueResourceLimit = a.RevenueResourceLimit; known.CapitalResourceLimit = a.CapitalResourceLimit;
                }
                else db.AllocationLimits.Add(new AllocationLimit
                {
                    ConsortiumCode = a.ConsortiumCode, Year = a.Year, ProgrammeBudget = a.ProgrammeBudget, RunningCostsAllowance = a.RunningCostsAllowance,
                    RevenueResourceLimit = a.RevenueResourceLimit, CapitalResourceLimit = a.CapitalResourceLimit,
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
