using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.NhsCb;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Lists;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>
/// The module's DataLoaders: each relation is read for every parent of a level of the response in
/// one SQL statement, on a fresh short-lived context (resolvers run concurrently and a DbContext is
/// not thread-safe), without change tracking, cancelled with the request.
/// Loaders whose query depends on field arguments carry the arguments in their name, so that each
/// distinct use batches on its own.
/// </summary>
internal static class CommissioningLoaders
{
    private static DataLoader<TKey, TValue> Loader<TKey, TValue>(IResolveContext ctx, string name,
        Func<CommissioningDbContext, IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> load) where TKey : notnull =>
        ctx.DbLoader<CommissioningDbContext, TKey, TValue>(Contexts(ctx), name, load);

    internal static IDbContextFactory<CommissioningDbContext> Contexts(IResolveContext ctx) =>
        (ctx.Services ?? throw new InvalidOperationException("The Commissioning module needs request services."))
        .GetRequiredService<IDbContextFactory<CommissioningDbContext>>();

    // ---- Organisations by code

    // Loaders of one row by key are keyed by projection (ProjectedLoaders): the whole row for readers that do not say
    // what they read (entity resolvers, mutations), else what the field's selection needs.

    public static DataLoader<string, Consortium> ConsortiumByCode(IResolveContext ctx) => ConsortiumByCode(ctx, Projection<Consortium>.Whole);

    /// <summary>The consortium a field returns, read with the columns its selection needs.</summary>
    public static DataLoader<string, Consortium> ConsortiumFor(IResolveContext ctx) =>
        ConsortiumByCode(ctx, Projection.Of(ctx, CommissioningProjections.Consortium));

    public static DataLoader<string, Consortium> ConsortiumByCode(IResolveContext ctx, Projection<Consortium> projection) =>
        ProjectedLoaders.For(ctx, "commissioning.consortiumByCode", projection, ConsortiumLoader(ctx));

    internal static Func<string, Projection<Consortium>, DataLoader<string, Consortium>> ConsortiumLoader(IResolveContext ctx) => (name, projection) =>
        Loader<string, Consortium>(ctx, name, async (db, keys, ct) =>
            await projection.Apply(db.Consortia.Where(c => keys.Contains(c.Code))).ToDictionaryAsync(c => c.Code, ct));

    public static DataLoader<string, GpPractice> PracticeByCode(IResolveContext ctx) => PracticeByCode(ctx, Projection<GpPractice>.Whole);

    public static DataLoader<string, GpPractice> PracticeFor(IResolveContext ctx) =>
        PracticeByCode(ctx, Projection.Of(ctx, CommissioningProjections.GpPractice));

    public static DataLoader<string, GpPractice> PracticeByCode(IResolveContext ctx, Projection<GpPractice> projection) =>
        ProjectedLoaders.For(ctx, "commissioning.practiceByCode", projection, (name, p) =>
            Loader<string, GpPractice>(ctx, name, async (db, keys, ct) =>
                await p.Apply(db.GpPractices.Where(x => keys.Contains(x.Code))).ToDictionaryAsync(x => x.Code, ct)));

    public static DataLoader<string, Provider> ProviderByCode(IResolveContext ctx) =>
        Loader<string, Provider>(ctx, "commissioning.providerByCode", async (db, keys, ct) =>
            await db.Providers.Where(p => keys.Contains(p.Code)).ToDictionaryAsync(p => p.Code, ct));

    // ---- Memberships

    /// <summary>The practices that were members of each consortium on <paramref name="day"/>, by code.</summary>
    public static DataLoader<string, IReadOnlyList<GpPractice>> PracticesByConsortium(IResolveContext ctx, DateOnly day)
    {
        var projection = Projection.Of(ctx, CommissioningProjections.GpPractice);
        return Loader<string, IReadOnlyList<GpPractice>>(ctx, $"commissioning.practicesByConsortium:{day:yyyy-MM-dd}|{projection}", async (db, keys, ct) =>
        {
            var rows = await db.ConsortiumMemberships
                .Where(m => keys.Contains(m.ConsortiumCode) && m.From <= day && (m.To == null || m.To >= day))
                .OrderBy(m => m.PracticeCode)
                .Select(m => new KeyedRow<string, GpPractice> { Key = m.ConsortiumCode, Row = m.Practice! })
                .Select(projection.Keyed<string, GpPractice>())
                .ToListAsync(ct);
            return rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<GpPractice>)g.Select(r => r.Row).ToList());
        });
    }

    // The membership and plan lists read the columns their selection needs (CommissioningProjections); each projection
    // batches in its own loader, so a partial row never reaches a reader that needs more.
    public static DataLoader<string, IReadOnlyList<ConsortiumMembership>> MembershipsByConsortium(IResolveContext ctx)
    {
        var projection = Projection.Of(ctx, CommissioningProjections.Membership);
        return Loader<string, IReadOnlyList<ConsortiumMembership>>(ctx, $"commissioning.membershipsByConsortium|{projection}", async (db, keys, ct) =>
            GraphModuleResources.GroupByKey(await projection.Apply(db.ConsortiumMemberships.Where(m => keys.Contains(m.ConsortiumCode))
                .OrderBy(m => m.From).ThenBy(m => m.PracticeCode)).ToListAsync(ct), m => m.ConsortiumCode));
    }

    public static DataLoader<string, IReadOnlyList<ConsortiumMembership>> MembershipsByPractice(IResolveContext ctx)
    {
        var projection = Projection.Of(ctx, CommissioningProjections.Membership);
        return Loader<string, IReadOnlyList<ConsortiumMembership>>(ctx, $"commissioning.membershipsByPractice|{projection}", async (db, keys, ct) =>
            GraphModuleResources.GroupByKey(await projection.Apply(db.ConsortiumMemberships.Where(m => keys.Contains(m.PracticeCode))
                .OrderBy(m => m.From)).ToListAsync(ct), m => m.PracticeCode));
    }

    /// <summary>The consortium each practice belongs to on <paramref name="day"/>, read with the columns the field's selection needs.</summary>
    public static DataLoader<string, Consortium> ConsortiumOfPractice(IResolveContext ctx, DateOnly day)
    {
        var projection = Projection.Of(ctx, CommissioningProjections.Consortium);
        return Loader<string, Consortium>(ctx, $"commissioning.consortiumOfPractice:{day:yyyy-MM-dd}|{projection}", async (db, keys, ct) =>
        {
            var rows = await db.ConsortiumMemberships
                .Where(m => keys.Contains(m.PracticeCode) && m.From <= day && (m.To == null || m.To >= day))
                .Select(m => new KeyedRow<string, Consortium> { Key = m.PracticeCode, Row = m.Consortium! })
                .Select(projection.Keyed<string, Consortium>())
                .ToListAsync(ct);
            // A practice is a member of one consortium at a time; the unique (practice, from) index keeps it so.
            return rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First().Row);
        });
    }

    /// <summary>The HWBs a consortium is a member of on <paramref name="day"/>: the directory's facts (its one source of truth).</summary>
    public static async ValueTask<IReadOnlyList<string>?> HwbCodesOfConsortiumAsync(IResolveContext ctx, string consortiumCode, DateOnly day) =>
        (await Shared.Policies.DirectoryLookups.FactsOfParty(ctx).LoadAsync(consortiumCode)).OrEmpty()
            .Where(f => f.Kind == Directory.RelationshipKind.HwbMemberConsortium && (f.From is null || f.From <= day) && (f.To is null || f.To >= day))
            .Select(f => f.SubjectCode).Distinct().Order(StringComparer.Ordinal).ToList();

    // ---- Transparency

    /// <summary>Each consortium's plans that the caller may read (<paramref name="visible"/>: the plan's rule as SQL), newest first,
    /// with the columns the selection needs.</summary>
    public static DataLoader<string, IReadOnlyList<CommissioningPlan>> VisiblePlansByConsortium(IResolveContext ctx,
        System.Linq.Expressions.Expression<Func<CommissioningPlan, bool>>? visible)
    {
        var projection = Projection.Of(ctx, CommissioningProjections.Plan);
        return Loader<string, IReadOnlyList<CommissioningPlan>>(ctx, $"commissioning.visiblePlansByConsortium|{projection}", async (db, keys, ct) =>
        {
            var rows = db.CommissioningPlans.Where(p => keys.Contains(p.ConsortiumCode));
            if (visible is not null) rows = rows.Where(visible);
            return GraphModuleResources.GroupByKey(await projection.Apply(rows.OrderByDescending(p => p.Year)).ToListAsync(ct), p => p.ConsortiumCode);
        });
    }

    /// <summary>The boards' responses to each plan, by board.</summary>
    public static DataLoader<int, IReadOnlyList<PlanResponse>> ResponsesByPlan(IResolveContext ctx) =>
        Loader<int, IReadOnlyList<PlanResponse>>(ctx, "commissioning.responsesByPlan", async (db, ids, ct) =>
            GraphModuleResources.GroupByKey(await db.PlanResponses.Where(r => ids.Contains(r.PlanId)).OrderBy(r => r.PlanId).ThenBy(r => r.BoardCode).ToListAsync(ct), r => r.PlanId));

    public static DataLoader<string, IReadOnlyList<ConflictOfInterestDeclaration>> DeclarationsByConsortium(IResolveContext ctx) =>
        Loader<string, IReadOnlyList<ConflictOfInterestDeclaration>>(ctx, "commissioning.declarationsByConsortium", async (db, keys, ct) =>
            GraphModuleResources.GroupByKey(await db.ConflictOfInterestDeclarations.Where(d => keys.Contains(d.ConsortiumCode))
                .OrderBy(d => d.DeclaredOn).ThenBy(d => d.Id).ToListAsync(ct), d => d.ConsortiumCode));

    public static DataLoader<string, IReadOnlyList<CommissioningDecision>> DecisionsByConsortium(IResolveContext ctx) =>
        Loader<string, IReadOnlyList<CommissioningDecision>>(ctx, "commissioning.decisionsByConsortium", async (db, keys, ct) =>
            GraphModuleResources.GroupByKey(await db.CommissioningDecisions.Where(d => keys.Contains(d.ConsortiumCode))
                .OrderByDescending(d => d.DecidedOn).ThenBy(d => d.Reference).ToListAsync(ct), d => d.ConsortiumCode));

    // ---- Contracts and arrangements

    public static DataLoader<string, Contract> ContractByCode(IResolveContext ctx) => ContractByCode(ctx, Projection<Contract>.Whole);

    public static DataLoader<string, Contract> ContractFor(IResolveContext ctx) =>
        ContractByCode(ctx, Projection.Of(ctx, CommissioningProjections.Contract));

    public static DataLoader<string, Contract> ContractByCode(IResolveContext ctx, Projection<Contract> projection) =>
        ProjectedLoaders.For(ctx, "commissioning.contractByCode", projection, (name, p) =>
            Loader<string, Contract>(ctx, name, async (db, keys, ct) =>
                await p.Apply(db.Contracts.Where(c => keys.Contains(c.Code))).ToDictionaryAsync(c => c.Code, ct)));

    // The commissioner and provider codes are the governed owner and a join key: every projection reads them.
    public static DataLoader<string, IReadOnlyList<Contract>> ContractsByCommissioner(IResolveContext ctx)
    {
        var projection = Projection.Of(ctx, CommissioningProjections.Contract);
        return Loader<string, IReadOnlyList<Contract>>(ctx, $"commissioning.contractsByCommissioner|{projection}", async (db, keys, ct) =>
            GraphModuleResources.GroupByKey(await projection.Apply(db.Contracts.Where(c => keys.Contains(c.CommissionerCode)).OrderBy(c => c.Code)).ToListAsync(ct), c => c.CommissionerCode));
    }

    public static DataLoader<string, IReadOnlyList<Contract>> ContractsByProvider(IResolveContext ctx)
    {
        var projection = Projection.Of(ctx, CommissioningProjections.Contract);
        return Loader<string, IReadOnlyList<Contract>>(ctx, $"commissioning.contractsByProvider|{projection}", async (db, keys, ct) =>
            GraphModuleResources.GroupByKey(await projection.Apply(db.Contracts.Where(c => keys.Contains(c.ProviderCode)).OrderBy(c => c.Code)).ToListAsync(ct), c => c.ProviderCode));
    }

    public static DataLoader<string, IReadOnlyList<ContractPerformance>> PerformanceByContract(IResolveContext ctx, string? year) =>
        Loader<string, IReadOnlyList<ContractPerformance>>(ctx, $"commissioning.performanceByContract:{year}", async (db, keys, ct) =>
            GraphModuleResources.GroupByKey(await db.ContractPerformance.Where(p => keys.Contains(p.ContractCode) && (year == null || p.Year == year))
                .OrderBy(p => p.Year).ThenBy(p => p.Month).ToListAsync(ct), p => p.ContractCode));

    /// <summary>Each contract's monthly activity by responsible commissioner that the caller may read (<paramref name="visible"/>: the
    /// type's policies as SQL), for a year and month when given, with its lines: one statement for every contract of the level.</summary>
    public static DataLoader<string, IReadOnlyList<ContractActivitySubmission>> VisibleActivityByContract(IResolveContext ctx, string? year, int? month,
        System.Linq.Expressions.Expression<Func<ContractActivitySubmission, bool>>? visible) =>
        Loader<string, IReadOnlyList<ContractActivitySubmission>>(ctx, $"commissioning.activityByContract:{year}|{month}", async (db, keys, ct) =>
        {
            var rows = db.ContractActivitySubmissions.Where(s => keys.Contains(s.ContractCode) && (year == null || s.Year == year) && (month == null || s.Month == month));
            if (visible is not null) rows = rows.Where(visible);
            return GraphModuleResources.GroupByKey(await rows.Include(s => s.Lines)
                .OrderBy(s => s.ContractCode).ThenBy(s => s.Year).ThenBy(s => s.Month).ToListAsync(ct), s => s.ContractCode);
        });

    // Associates and covered contracts come with the arrangement (one statement, joined).
    private static IQueryable<LeadCommissioningArrangement> Arrangements(CommissioningDbContext db) =>
        db.LeadCommissioningArrangements.Include(a => a.Associates).Include(a => a.Contracts);

    public static DataLoader<string, LeadCommissioningArrangement> ArrangementByCode(IResolveContext ctx) =>
        Loader<string, LeadCommissioningArrangement>(ctx, "commissioning.arrangementByCode", async (db, keys, ct) =>
            await Arrangements(db).Where(a => keys.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct));

    /// <summary>The arrangements each consortium leads or is an associate in.</summary>
    public static DataLoader<string, IReadOnlyList<LeadCommissioningArrangement>> ArrangementsByConsortium(IResolveContext ctx) =>
        Loader<string, IReadOnlyList<LeadCommissioningArrangement>>(ctx, "commissioning.arrangementsByConsortium", async (db, keys, ct) =>
        {
            var arrangements = await Arrangements(db)
                .Where(a => keys.Contains(a.LeadCode) || a.Associates.Any(x => keys.Contains(x.ConsortiumCode)))
                .OrderBy(a => a.Code).ToListAsync(ct);
            return keys.ToDictionary(k => k, k => (IReadOnlyList<LeadCommissioningArrangement>)arrangements
                .Where(a => a.LeadCode == k || a.Associates.Any(x => x.ConsortiumCode == k)).ToList());
        });

    public static DataLoader<string, IReadOnlyList<LeadCommissioningArrangement>> ArrangementsByContract(IResolveContext ctx) =>
        Loader<string, IReadOnlyList<LeadCommissioningArrangement>>(ctx, "commissioning.arrangementsByContract", async (db, keys, ct) =>
        {
            var arrangements = await Arrangements(db)
                .Where(a => a.Contracts.Any(c => keys.Contains(c.ContractCode)))
                .OrderBy(a => a.Code).ToListAsync(ct);
            return keys.ToDictionary(k => k, k => (IReadOnlyList<LeadCommissioningArrangement>)arrangements
                .Where(a => a.Contracts.Any(c => c.ContractCode == k)).ToList());
        });

    /// <summary>
    /// Each arrangement's statements the caller may read (<paramref name="visible"/>: the type's policies as SQL), for a
    /// year and month when given, by month then associate: one statement for every arrangement of the level.
    /// </summary>
    public static DataLoader<string, IReadOnlyList<ArrangementStatement>> VisibleStatementsByArrangement(IResolveContext ctx, string? year, int? month,
        System.Linq.Expressions.Expression<Func<ArrangementStatement, bool>>? visible) =>
        Loader<string, IReadOnlyList<ArrangementStatement>>(ctx, $"commissioning.statementsByArrangement:{year}|{month}", async (db, keys, ct) =>
        {
            var rows = db.ArrangementStatements.Where(s => keys.Contains(s.ArrangementCode) && (year == null || s.Year == year) && (month == null || s.Month == month));
            if (visible is not null) rows = rows.Where(visible);
            return GraphModuleResources.GroupByKey(await rows.OrderBy(s => s.ArrangementCode).ThenBy(s => s.Year).ThenBy(s => s.Month).ThenBy(s => s.AssociateCode)
                .ToListAsync(ct), s => s.ArrangementCode);
        });

    /// <summary>The statements addressed to each consortium as an associate (for a year and month when given), by year,
    /// month and arrangement: one statement for every consortium of the level.</summary>
    public static DataLoader<string, IReadOnlyList<ArrangementStatement>> VisibleStatementsByAssociate(IResolveContext ctx, string? year, int? month,
        System.Linq.Expressions.Expression<Func<ArrangementStatement, bool>>? visible) =>
        Loader<string, IReadOnlyList<ArrangementStatement>>(ctx, $"commissioning.statementsByAssociate:{year}|{month}", async (db, keys, ct) =>
        {
            var rows = db.ArrangementStatements.Where(s => keys.Contains(s.AssociateCode) && (year == null || s.Year == year) && (month == null || s.Month == month));
            if (visible is not null) rows = rows.Where(visible);
            return GraphModuleResources.GroupByKey(await rows.OrderBy(s => s.AssociateCode).ThenBy(s => s.Year).ThenBy(s => s.Month).ThenBy(s => s.ArrangementCode)
                .ToListAsync(ct), s => s.AssociateCode);
        });

    public static DataLoader<int, ArrangementStatement> StatementById(IResolveContext ctx) =>
        Loader<int, ArrangementStatement>(ctx, "commissioning.statementById", async (db, ids, ct) =>
            await db.ArrangementStatements.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct));

    // ---- Financial returns

    public static DataLoader<int, FinancialReturn> ReturnById(IResolveContext ctx) => ReturnById(ctx, Projection<FinancialReturn>.Whole);

    public static DataLoader<int, FinancialReturn> ReturnFor(IResolveContext ctx) =>
        ReturnById(ctx, Projection.Of(ctx, CommissioningProjections.FinancialReturn));

    public static DataLoader<int, FinancialReturn> ReturnById(IResolveContext ctx, Projection<FinancialReturn> projection) =>
        ProjectedLoaders.For(ctx, "commissioning.returnById", projection, ReturnLoader(ctx));

    internal static Func<string, Projection<FinancialReturn>, DataLoader<int, FinancialReturn>> ReturnLoader(IResolveContext ctx) => (name, projection) =>
        Loader<int, FinancialReturn>(ctx, name, async (db, keys, ct) =>
            await projection.Apply(db.FinancialReturns.Where(r => keys.Contains(r.Id))).ToDictionaryAsync(r => r.Id, ct));

    public static DataLoader<int, IReadOnlyList<FinancialReturnLine>> LinesByReturn(IResolveContext ctx) =>
        Loader<int, IReadOnlyList<FinancialReturnLine>>(ctx, "commissioning.linesByReturn", async (db, keys, ct) =>
            GraphModuleResources.GroupByKey(await db.FinancialReturnLines.Where(l => keys.Contains(l.FinancialReturnId)).ToListAsync(ct), l => l.FinancialReturnId)
                .ToDictionary(p => p.Key, p => (IReadOnlyList<FinancialReturnLine>)p.Value.OrderBy(l => l.Category).ToList()));

    public static DataLoader<int, IReadOnlyList<PracticeBreakdownLine>> BreakdownByReturn(IResolveContext ctx) =>
        Loader<int, IReadOnlyList<PracticeBreakdownLine>>(ctx, "commissioning.breakdownByReturn", async (db, keys, ct) =>
            GraphModuleResources.GroupByKey(await db.PracticeBreakdownLines.Where(l => keys.Contains(l.FinancialReturnId))
                .OrderBy(l => l.PracticeCode).ToListAsync(ct), l => l.FinancialReturnId));

    /// <summary>The latest version of the latest month's return of each consortium for a year.</summary>
    public static DataLoader<string, FinancialReturn> LatestReturnByConsortium(IResolveContext ctx, string year)
    {
        var projection = Projection.Of(ctx, CommissioningProjections.FinancialReturn);
        return Loader<string, FinancialReturn>(ctx, $"commissioning.latestReturn:{year}|{projection}", async (db, keys, ct) =>
            await projection.Apply(LatestReturns(db, year).Where(r => keys.Contains(r.ConsortiumCode))).ToDictionaryAsync(r => r.ConsortiumCode, ct));
    }

    internal static IQueryable<FinancialReturn> LatestReturns(CommissioningDbContext db, string year) =>
        db.FinancialReturns.Where(r => r.Year == year && !db.FinancialReturns.Any(o =>
            o.ConsortiumCode == r.ConsortiumCode && o.Year == r.Year && (o.Month > r.Month || (o.Month == r.Month && o.Version > r.Version))));

    /// <summary>The allocation limits a return's duties are judged against, from the directory (published there by the
    /// nhs-cb module), so that every shape judges them alike; a host without it fails loudly, never with a silent null.</summary>
    public static DataLoader<ConsortiumYear, AllocationFigures> AllocationOf(IResolveContext ctx)
    {
        var lookup = ctx.Service<IAllocationLookup>();
        return ctx.GetDataLoader<ConsortiumYear, AllocationFigures>("commissioning.allocation", async (keys, ct) =>
            await lookup.GetAllocationsAsync(keys.ToList(), ct));
    }
}
