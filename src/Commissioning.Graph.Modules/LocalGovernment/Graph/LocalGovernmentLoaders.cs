using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Lists;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.LocalGovernment.Graph;

/// <summary>The contributions of one JSNA that a caller in <paramref name="Scope"/> may read.</summary>

/// <summary>A JSNA's natural key: one per board and financial year.</summary>
public readonly record struct HwbYear(string HwbCode, string Year);

/// <summary>
/// The module's DataLoaders, one per relation, keyed by the parent's key. Each batch is one SQL
/// statement on its own short-lived, non-tracking context (resolvers run concurrently).
/// </summary>
internal static class LocalGovernmentLoaders
{
    public static DataLoader<string, LocalAuthority> LocalAuthorityByCode(IResolveContext ctx) =>
        Loader<string, LocalAuthority>(ctx, "lg.localAuthorityByCode", async (db, codes, ct) =>
            (await db.LocalAuthorities.Where(a => codes.Contains(a.Code)).ToListAsync(ct)).ToDictionary(a => a.Code));

    public static DataLoader<string, HealthAndWellbeingBoard> BoardByCode(IResolveContext ctx) =>
        Loader<string, HealthAndWellbeingBoard>(ctx, "lg.boardByCode", async (db, codes, ct) =>
            (await db.HealthAndWellbeingBoards.Where(h => codes.Contains(h.Code)).ToListAsync(ct)).ToDictionary(h => h.Code));

    public static DataLoader<string, HealthAndWellbeingBoard> BoardByLocalAuthority(IResolveContext ctx) =>
        Loader<string, HealthAndWellbeingBoard>(ctx, "lg.boardByLocalAuthority", async (db, codes, ct) =>
            (await db.HealthAndWellbeingBoards.Where(h => codes.Contains(h.LocalAuthorityCode)).ToListAsync(ct)).ToDictionary(h => h.LocalAuthorityCode));

    /// <summary>Current seats (no end date) of each board.</summary>
    public static DataLoader<string, IReadOnlyList<HwbMember>> CurrentMembersByBoard(IResolveContext ctx) =>
        Loader<string, IReadOnlyList<HwbMember>>(ctx, "lg.currentMembersByBoard", async (db, codes, ct) =>
            (await db.HwbMembers.Where(m => codes.Contains(m.HwbCode) && m.To == null)
                .OrderBy(m => m.HwbCode).ThenBy(m => m.Role).ThenBy(m => m.Name).ToListAsync(ct))
            .GroupByKey(m => m.HwbCode));

    /// <summary>A board's current seats: its own members, and its consortium members from the directory (their one source
    /// of truth), named as the directory names them; consortia first, then by role and name, as before.</summary>
    public static async Task<IReadOnlyList<HwbMember>> CurrentMembersAsync(IResolveContext ctx, string hwbCode)
    {
        var day = DateOnly.FromDateTime(ctx.Clock().GetUtcNow().UtcDateTime);
        var seats = CurrentMembersByBoard(ctx).LoadAsync(hwbCode);
        var consortia = (await Shared.Policies.DirectoryLookups.FactsOfSubject(ctx).LoadAsync(hwbCode)).OrEmpty()
            .Where(f => f.Kind == Directory.RelationshipKind.HwbMemberConsortium && (f.From is null || f.From <= day) && (f.To is null || f.To >= day))
            .ToList();
        var names = await Shared.Policies.DirectoryLookups.OrganisationByCode(ctx).LoadManyAsync(consortia.Select(f => f.PartyCode));
        var members = consortia.Select((f, i) => new HwbMember
        {
            HwbCode = hwbCode, Role = HwbMemberRole.Consortium, Name = names[i]?.Name ?? f.PartyCode, OrganisationCode = f.PartyCode,
            From = f.From ?? default, To = f.To,
        });
        return members.Concat((await seats).OrEmpty()).OrderBy(m => m.Role.ToString(), StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The boards each consortium is currently a member of: the directory's membership facts, then the boards
    /// by code (one batch each).</summary>
    public static async Task<IReadOnlyList<HealthAndWellbeingBoard>> BoardsOfConsortiumAsync(IResolveContext ctx, string consortiumCode)
    {
        var day = DateOnly.FromDateTime(ctx.Clock().GetUtcNow().UtcDateTime);
        var codes = (await Shared.Policies.DirectoryLookups.FactsOfParty(ctx).LoadAsync(consortiumCode)).OrEmpty()
            .Where(f => f.Kind == Directory.RelationshipKind.HwbMemberConsortium && (f.From is null || f.From <= day) && (f.To is null || f.To >= day))
            .Select(f => f.SubjectCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var boards = await BoardByCode(ctx).LoadManyAsync(codes);
        return boards.OfType<HealthAndWellbeingBoard>().ToList();
    }

    public static DataLoader<HwbYear, Jsna> JsnaByBoardAndYear(IResolveContext ctx) =>
        Loader<HwbYear, Jsna>(ctx, "lg.jsnaByBoardAndYear", async (db, keys, ct) =>
        {
            var boards = keys.Select(k => k.HwbCode).Distinct().ToList();
            var years = keys.Select(k => k.Year).Distinct().ToList();
            // One statement for every (board, year) pair; the cross product is trimmed in memory.
            var rows = await db.Jsnas.Where(j => boards.Contains(j.HwbCode) && years.Contains(j.Year)).ToListAsync(ct);
            return rows.ToDictionary(j => new HwbYear(j.HwbCode, j.Year));
        });

    public static DataLoader<HwbYear, JointHealthAndWellbeingStrategy> StrategyByBoardAndYear(IResolveContext ctx) =>
        Loader<HwbYear, JointHealthAndWellbeingStrategy>(ctx, "lg.strategyByBoardAndYear", async (db, keys, ct) =>
        {
            var boards = keys.Select(k => k.HwbCode).Distinct().ToList();
            var years = keys.Select(k => k.Year).Distinct().ToList();
            var rows = await db.Strategies.Where(s => boards.Contains(s.HwbCode) && years.Contains(s.Year)).ToListAsync(ct);
            return rows.ToDictionary(s => new HwbYear(s.HwbCode, s.Year));
        });

    public static DataLoader<int, IReadOnlyList<StrategyPriority>> PrioritiesByStrategy(IResolveContext ctx) =>
        Loader<int, IReadOnlyList<StrategyPriority>>(ctx, "lg.prioritiesByStrategy", async (db, ids, ct) =>
            (await db.StrategyPriorities.Where(p => ids.Contains(p.StrategyId)).OrderBy(p => p.StrategyId).ThenBy(p => p.Position).ToListAsync(ct))
            .GroupByKey(p => p.StrategyId));

    /// <summary>Priorities by their code (the federation key: a plan's <c>strategyPriorities</c>).</summary>
    public static DataLoader<string, StrategyPriority> PriorityByCode(IResolveContext ctx) =>
        Loader<string, StrategyPriority>(ctx, "lg.priorityByCode", async (db, codes, ct) =>
            (await db.StrategyPriorities.Where(p => codes.Contains(p.Code)).ToListAsync(ct)).ToDictionary(p => p.Code));

    public static DataLoader<int, IReadOnlyList<JsnaContribution>> ContributionsByJsna(IResolveContext ctx) =>
        Loader<int, IReadOnlyList<JsnaContribution>>(ctx, "lg.contributionsByJsna", async (db, ids, ct) =>
            (await db.JsnaContributions.Where(c => ids.Contains(c.JsnaId))
                .OrderBy(c => c.JsnaId).ThenBy(c => c.ConsortiumCode).ThenBy(c => c.Topic).ToListAsync(ct))
            .GroupByKey(c => c.JsnaId));

    /// <summary>
    /// The contributions of each JSNA that the caller may read, the rule of <c>JsnaContribution</c>'s policies in the
    /// WHERE clause (<see cref="RuleFilter"/>): hidden ones are never loaded. One statement per batch; the predicate
    /// depends on the caller only, so every JSNA of the request shares it.
    /// </summary>
    /// <remarks>Only the columns the field's selection needs are read (<see cref="Projection"/>: the narrative only when selected).</remarks>
    public static DataLoader<int, IReadOnlyList<JsnaContribution>> VisibleContributionsByJsna(IResolveContext ctx,
        System.Linq.Expressions.Expression<Func<JsnaContribution, bool>>? visible)
    {
        var projection = Projection.Of(ctx, ContributionProjection);
        return Loader<int, IReadOnlyList<JsnaContribution>>(ctx, $"lg.visibleContributionsByJsna|{projection}", async (db, ids, ct) =>
        {
            var rows = db.JsnaContributions.Where(c => ids.Contains(c.JsnaId));
            if (visible is not null) rows = rows.Where(visible);
            var ordered = rows.OrderBy(c => c.JsnaId).ThenBy(c => c.ConsortiumCode).ThenBy(c => c.Topic);
            return (await projection.Apply(ordered).ToListAsync(ct)).GroupByKey(c => c.JsnaId);
        });
    }

    /// <summary>What <c>JsnaContribution</c>'s fields read: its key, governed columns (consortium, JSNA, status) and the columns named like the fields.</summary>
    internal static readonly ProjectionShape<JsnaContribution> ContributionProjection =
        new ProjectionShape<JsnaContribution>("JsnaContribution", c => c.Id, GovernedShapes.JsnaContribution)
            .NeedsNothing("id", "consortium", "indicators");

    public static DataLoader<int, JsnaContribution> ContributionById(IResolveContext ctx) =>
        Loader<int, JsnaContribution>(ctx, "lg.contributionById", async (db, ids, ct) =>
            (await db.JsnaContributions.Where(c => ids.Contains(c.Id)).ToListAsync(ct)).ToDictionary(c => c.Id));

    public static DataLoader<int, IReadOnlyList<JsnaIndicator>> IndicatorsByContribution(IResolveContext ctx) =>
        Loader<int, IReadOnlyList<JsnaIndicator>>(ctx, "lg.indicatorsByContribution", async (db, ids, ct) =>
            (await db.JsnaIndicators.Where(i => ids.Contains(i.JsnaContributionId))
                .OrderBy(i => i.JsnaContributionId).ThenBy(i => i.Name).ToListAsync(ct))
            .GroupByKey(i => i.JsnaContributionId));

    public static DataLoader<string, PooledBudget> PoolByCode(IResolveContext ctx) =>
        Loader<string, PooledBudget>(ctx, "lg.poolByCode", async (db, codes, ct) =>
            (await db.PooledBudgets.Where(p => codes.Contains(p.Code)).ToListAsync(ct)).ToDictionary(p => p.Code));

    public static DataLoader<string, IReadOnlyList<PoolPartner>> PartnersByPool(IResolveContext ctx) =>
        Loader<string, IReadOnlyList<PoolPartner>>(ctx, "lg.partnersByPool", async (db, codes, ct) =>
            (await db.PoolPartners.Where(p => codes.Contains(p.PoolCode)).OrderBy(p => p.PoolCode).ThenBy(p => p.PartnerCode).ToListAsync(ct))
            .GroupByKey(p => p.PoolCode));

    public static DataLoader<string, IReadOnlyList<PoolContribution>> ContributionsByPool(IResolveContext ctx) =>
        Loader<string, IReadOnlyList<PoolContribution>>(ctx, "lg.contributionsByPool", async (db, codes, ct) =>
            (await db.PoolContributions.Where(c => codes.Contains(c.PoolCode))
                .OrderBy(c => c.PoolCode).ThenBy(c => c.Year).ThenBy(c => c.PartnerCode).ToListAsync(ct))
            .GroupByKey(c => c.PoolCode));

    public static DataLoader<string, IReadOnlyList<PoolExpenditure>> ExpenditureByPool(IResolveContext ctx) =>
        Loader<string, IReadOnlyList<PoolExpenditure>>(ctx, "lg.expenditureByPool", async (db, codes, ct) =>
            (await db.PoolExpenditure.Where(x => codes.Contains(x.PoolCode))
                .OrderBy(x => x.PoolCode).ThenBy(x => x.Year).ThenBy(x => x.Month).ThenBy(x => x.ServiceArea).ThenBy(x => x.Id).ToListAsync(ct))
            .GroupByKey(x => x.PoolCode));

    /// <summary>The pools in which each organisation is a partner.</summary>
    public static DataLoader<string, IReadOnlyList<PooledBudget>> PoolsByPartner(IResolveContext ctx) =>
        Loader<string, IReadOnlyList<PooledBudget>>(ctx, "lg.poolsByPartner", async (db, codes, ct) =>
            (await (from partner in db.PoolPartners
                    join pool in db.PooledBudgets on partner.PoolCode equals pool.Code
                    where codes.Contains(partner.PartnerCode)
                    orderby pool.Code
                    select new { partner.PartnerCode, Pool = pool }).ToListAsync(ct))
            .GroupByKey(x => x.PartnerCode).ToDictionary(g => g.Key, g => (IReadOnlyList<PooledBudget>)g.Value.Select(x => x.Pool).ToList()));

    private static DataLoader<TKey, TValue> Loader<TKey, TValue>(IResolveContext ctx, string name,
        Func<LocalGovernmentDbContext, List<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> query) where TKey : notnull =>
        ctx.DbLoader(ctx.DbFactory<LocalGovernmentDbContext>(), name, query);
}
