using Commissioning.Graph.Modules.Directory.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Directory;

/// <summary>
/// Writes a module's facts into the directory, idempotently: an organisation is upserted by code, a
/// relationship by (kind, subject, party, from) — its end date updated — an allocation limit by
/// (consortium, year), an entity by its global id and a support arrangement by (consortium, supplier, from), with its
/// relationship fact. Publishing the same facts twice changes nothing.
/// A module's writes reach it through its outbox (<see cref="DirectoryOutboxRelay"/>): each message is
/// applied once (<see cref="ApplyAsync"/> records its id in the same transaction), however often it is
/// delivered. Policies read the directory per request, so what is applied is seen by the next request of
/// every subgraph.
/// </summary>
public sealed class DirectoryWriter(IDbContextFactory<DirectoryDbContext> contexts)
{
    /// <summary>Applies the facts (idempotent upserts), without a message id: seeding and start-up republishing.</summary>
    public async Task PublishAsync(DirectoryFacts facts, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await StageAsync(db, facts, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Applies an outbox message once: the facts and the message id in one transaction. False when the message was
    /// applied before (a redelivery after a crash, or another instance's relay delivering it concurrently).
    /// </summary>
    public async Task<bool> ApplyAsync(Guid messageId, DirectoryFacts facts, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        try
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                if (await db.Inbox.AnyAsync(m => m.MessageId == messageId, token)) return false;
                await StageAsync(db, facts, token);
                db.Inbox.Add(new DirectoryInboxMessage { MessageId = messageId, AppliedAt = DateTime.UtcNow });
                await db.SaveChangesAsync(token);
                await transaction.CommitAsync(token);
                return true;
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Two relays delivering the same message at once: the inbox's key refuses the second. Applied once either way.
            await using var check = await contexts.CreateDbContextAsync(ct);
            if (await check.Inbox.AnyAsync(m => m.MessageId == messageId, ct)) return false;
            throw;
        }
    }

    private static async Task StageAsync(DirectoryDbContext db, DirectoryFacts facts, CancellationToken ct)
    {
        // An arrangement is written with its relationship fact (what the supportFor policy reads), dates and all.
        if (facts.SupportArrangements is { Count: > 0 } arrangements)
        {
            facts = facts with { Relationships = [.. facts.Relationships, .. arrangements.Select(a => a.Fact())] };
            var consortia = arrangements.Select(a => a.ConsortiumCode).Distinct().ToList();
            var existing = (await db.SupportArrangements.Where(a => consortia.Contains(a.ConsortiumCode)).ToListAsync(ct))
                .ToDictionary(a => (a.ConsortiumCode, a.SupplierCode, a.From));
            foreach (var a in arrangements.DistinctBy(a => (a.ConsortiumCode, a.SupplierCode, a.From)))
            {
                if (existing.TryGetValue((a.ConsortiumCode, a.SupplierCode, a.From), out var known)) { known.To = a.To; known.Functions = [.. a.Functions]; }
                else db.SupportArrangements.Add(new CommissioningSupportArrangement
                    { ConsortiumCode = a.ConsortiumCode, SupplierCode = a.SupplierCode, From = a.From, To = a.To, Functions = [.. a.Functions] });
            }
        }
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
        if (facts.Entities is { Count: > 0 } entities)
        {
            var ids = entities.Select(e => e.Id).Distinct().ToList();
            var existing = await db.Entities.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            foreach (var e in entities.DistinctBy(e => e.Id))
            {
                if (existing.TryGetValue(e.Id, out var known))
                {
                    known.TypeName = e.TypeName; known.OwnerCode = e.OwnerCode; known.Year = e.Year; known.Draft = e.Draft; known.Subjects = e.Subjects;
                }
                else db.Entities.Add(new DirectoryEntity { Id = e.Id, TypeName = e.TypeName, OwnerCode = e.OwnerCode, Year = e.Year, Draft = e.Draft, Subjects = e.Subjects });
            }
        }
    }
}
