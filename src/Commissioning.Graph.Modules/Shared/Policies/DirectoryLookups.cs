using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Modules.Directory.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Shared.Policies;

/// <summary>
/// The directory lookups policies make, as per-request DataLoaders: every decision of a request that needs the same
/// lookup shares one batch (one SQL statement), and a request never asks twice. Nothing is cached across requests, so a
/// fact a module publishes is seen by the next request of every subgraph.
/// </summary>
public static class DirectoryLookups
{
    /// <summary>The facts in which each code is the party (what a caller holds), by party code.</summary>
    public static DataLoader<string, IReadOnlyList<Relationship>> FactsOfParty(IResolveContext ctx) =>
        ctx.DbLoader<DirectoryDbContext, string, IReadOnlyList<Relationship>>(ctx.DbFactory<DirectoryDbContext>(), "directory.factsOfParty", async (db, codes, ct) =>
            (await db.Relationships.Where(r => codes.Contains(r.PartyCode)).ToListAsync(ct)).GroupByKey(r => r.PartyCode));

    /// <summary>The facts about each subject (its consortium, local authority, host, parties …), by subject code.</summary>
    public static DataLoader<string, IReadOnlyList<Relationship>> FactsOfSubject(IResolveContext ctx) =>
        ctx.DbLoader<DirectoryDbContext, string, IReadOnlyList<Relationship>>(ctx.DbFactory<DirectoryDbContext>(), "directory.factsOfSubject", async (db, codes, ct) =>
            (await db.Relationships.Where(r => codes.Contains(r.SubjectCode)).ToListAsync(ct)).GroupByKey(r => r.SubjectCode));

    /// <summary>Organisations as the directory knows them, by code.</summary>
    public static DataLoader<string, DirectoryOrganisation> OrganisationByCode(IResolveContext ctx) =>
        ctx.DbLoader<DirectoryDbContext, string, DirectoryOrganisation>(ctx.DbFactory<DirectoryDbContext>(), "directory.organisationByCode", async (db, codes, ct) =>
            await db.Organisations.Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, ct));

    /// <summary>Entities their owners published by global id (<see cref="DirectoryEntity"/>), for <c>node(id:)</c>.</summary>
    public static DataLoader<string, DirectoryEntity> EntityById(IResolveContext ctx) =>
        ctx.DbLoader<DirectoryDbContext, string, DirectoryEntity>(ctx.DbFactory<DirectoryDbContext>(), "directory.entityById", async (db, ids, ct) =>
            await db.Entities.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct));

    /// <summary>The parties of <paramref name="kind"/> facts over each of <paramref name="subjects"/> (no dates: links and owners).</summary>
    public static async ValueTask<IReadOnlyList<string>> PartiesAsync(IResolveContext ctx, IReadOnlyList<string> subjects, RelationshipKind kind)
    {
        if (subjects.Count == 0) return [];
        var facts = await FactsOfSubject(ctx).LoadManyAsync(subjects);
        return facts.SelectMany(f => f.OrEmpty()).Where(f => f.Kind == kind).Select(f => f.PartyCode).Distinct().ToList();
    }

    /// <summary>The subjects of <paramref name="kind"/> facts whose party is one of <paramref name="parties"/>.</summary>
    public static async ValueTask<IReadOnlyList<string>> SubjectsOfAsync(IResolveContext ctx, IEnumerable<string> parties, RelationshipKind kind)
    {
        var list = parties.Distinct().ToList();
        if (list.Count == 0) return [];
        var facts = await FactsOfParty(ctx).LoadManyAsync(list);
        return facts.SelectMany(f => f.OrEmpty()).Where(f => f.Kind == kind).Select(f => f.SubjectCode).Distinct().ToList();
    }

    /// <summary>The financial year relationships are judged in for data that has none of its own.</summary>
    public static string CurrentYear(IResolveContext ctx) => DirectoryKeys.YearOf(DateOnly.FromDateTime(ctx.Clock().GetUtcNow().UtcDateTime));
}
