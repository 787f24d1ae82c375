using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.LocalGovernment;
using Commissioning.Graph.Modules.NhsCb;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Shared.Policies;

/// <summary>
/// Finds, for a policy target, the entity whose rules govern it — the target itself when it is a
/// governed entity (consortium, practice, return, contribution, pool, arrangement, contract …),
/// else its nearest ancestor in the request's <see cref="AuthorizationLineage"/> (a return's lines,
/// a connection's edges, figures, indicators), else an entity a payload carries — and loads the
/// relationships policies check, in batches through per-request DataLoaders over the module
/// DbContext factories.
/// </summary>
public static class GovernedData
{
    public const string DefaultNhsCommissioningBoardCode = "X24";
    public const string NhsCommissioningBoardCodeSetting = "Organisations:NhsCommissioningBoard";

    /// <summary>The NHS Commissioning Board's code, the one setting <c>Organisations:NhsCommissioningBoard</c>
    /// (default <c>X24</c>), set once at start by the host (<see cref="UseNhsCommissioningBoardCode"/>).</summary>
    public static string NhsCommissioningBoardCode { get; private set; } = DefaultNhsCommissioningBoardCode;

    public static void UseNhsCommissioningBoardCode(string? code) =>
        NhsCommissioningBoardCode = string.IsNullOrWhiteSpace(code) ? DefaultNhsCommissioningBoardCode : code.Trim().ToUpperInvariant();

    public static bool IsNhsCommissioningBoard(string? organisation) => string.Equals(organisation, NhsCommissioningBoardCode, StringComparison.Ordinal);

    private static bool IsGoverned(object o) => o is Consortium or GpPractice or Provider or FinancialReturn or Allocation
        or AssuranceAssessment or Intervention or JsnaContribution or Jsna or HealthAndWellbeingBoard or LocalAuthority
        or PooledBudget or PoolContribution or PoolExpenditure or LeadCommissioningArrangement or ArrangementAssociate
        or Contract or ContractPerformance;

    /// <summary>The governing entity of <paramref name="target"/>, or null when none can be found.</summary>
    public static object? Find(object? target, IResolveContext ctx)
    {
        if (target is null) return null;
        // A mutation, before it runs: what its input names.
        if (target is MutationInput mutation) return MutationTarget.From(mutation);
        foreach (var candidate in AuthorizationLineage.For(ctx).SelfAndAncestors(target))
            if (IsGoverned(candidate)) return candidate;
        // A mutation payload: the entity it carries.
        foreach (var property in target.GetType().GetProperties())
            if (property.GetIndexParameters().Length == 0 && property.GetValue(target) is { } value && IsGoverned(value)) return value;
        return null;
    }

    /// <summary>The organisation the governed entity's data belongs to (synchronous part; a JSNA's and an HWB's need a lookup).</summary>
    public static string? DirectOwner(object? entity) => entity switch
    {
        Consortium c => c.Code,
        GpPractice p => p.Code,
        Provider p => p.Code,
        FinancialReturn r => r.ConsortiumCode,
        Allocation a => a.ConsortiumCode,
        AssuranceAssessment a => a.ConsortiumCode,
        Intervention i => i.ConsortiumCode,
        JsnaContribution c => c.ConsortiumCode,
        HealthAndWellbeingBoard h => h.LocalAuthorityCode,
        LocalAuthority l => l.Code,
        PooledBudget p => p.HostCode,
        LeadCommissioningArrangement a => a.LeadConsortiumCode,
        ArrangementAssociate a => a.ConsortiumCode,
        Contract c => c.CommissionerCode,
        MutationTarget m => m.ConsortiumCode,
        _ => null,
    };

    /// <summary>The owner of a governed entity when it is on the entity itself (<see cref="OwnerOf"/> without a lookup);
    /// false for the entities whose owner needs one (a JSNA, a pool's contributions and expenditure, a contract's performance).</summary>
    public static bool TryDirectOwner(object? entity, out string? owner)
    {
        if (entity is Jsna or PoolContribution or PoolExpenditure or ContractPerformance) { owner = null; return false; }
        owner = DirectOwner(entity);
        return true;
    }

    /// <summary>The contract of a performance row when the request already holds it: the row was resolved under it
    /// (<c>Contract.performance</c>), so it is the nearest contract among the target's ancestors, with the same code.</summary>
    public static Contract? ContractInLineage(ContractPerformance performance, object? target, IResolveContext ctx)
    {
        if (target is null) return null;
        foreach (var candidate in AuthorizationLineage.For(ctx).SelfAndAncestors(target))
            if (candidate is Contract c) return c.Code == performance.ContractCode ? c : null;
        return null;
    }

    /// <summary>False when <see cref="HwbCodeOf"/> is certainly null for <paramref name="entity"/> (no lookup needed to tell).</summary>
    public static bool MayHaveHwb(object? entity) => entity is JsnaContribution or Jsna or HealthAndWellbeingBoard
        or MutationTarget { ContributionId: not null } or MutationTarget { HwbCode: not null };

    private static T Service<T>(IResolveContext ctx) where T : notnull =>
        (ctx.Services ?? throw new InvalidOperationException("Policies need the request's services.")).GetRequiredService<T>();

    private static DataLoader<TKey, TValue> Loader<TKey, TValue>(IResolveContext ctx, string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> batch) where TKey : notnull =>
        ctx.GetDataLoader("policy." + name, batch);

    /// <summary>The HWB code of a JSNA, by JSNA id.</summary>
    public static DataLoader<int, string> HwbOfJsna(IResolveContext ctx) => Loader<int, string>(ctx, "hwbOfJsna", async (ids, ct) =>
    {
        await using var db = await Service<IDbContextFactory<LocalGovernmentDbContext>>(ctx).CreateDbContextAsync(ct);
        return await db.Jsnas.AsNoTracking().Where(j => ids.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.HwbCode, ct);
    });

    /// <summary>An HWB's partners: its local authority and the consortia that are current members, by HWB code.</summary>
    public static DataLoader<string, HwbParties> HwbPartiesByCode(IResolveContext ctx) => Loader<string, HwbParties>(ctx, "hwbParties", async (codes, ct) =>
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var lg = await Service<IDbContextFactory<LocalGovernmentDbContext>>(ctx).CreateDbContextAsync(ct);
        var boards = await lg.HealthAndWellbeingBoards.AsNoTracking().Where(h => codes.Contains(h.Code)).Select(h => new { h.Code, h.LocalAuthorityCode }).ToListAsync(ct);
        await using var cm = await Service<IDbContextFactory<CommissioningDbContext>>(ctx).CreateDbContextAsync(ct);
        var members = await cm.HwbMemberships.AsNoTracking().Where(m => codes.Contains(m.HwbCode) && m.From <= today && (m.To == null || m.To >= today))
            .Select(m => new { m.HwbCode, m.ConsortiumCode }).ToListAsync(ct);
        return boards.ToDictionary(b => b.Code, b => new HwbParties(b.LocalAuthorityCode,
            members.Where(m => m.HwbCode == b.Code).Select(m => m.ConsortiumCode).ToHashSet(StringComparer.Ordinal)));
    });

    /// <summary>The partner codes of a pooled budget, by pool code.</summary>
    public static DataLoader<string, IReadOnlySet<string>> PoolPartners(IResolveContext ctx) => Loader<string, IReadOnlySet<string>>(ctx, "poolPartners", async (codes, ct) =>
    {
        await using var db = await Service<IDbContextFactory<LocalGovernmentDbContext>>(ctx).CreateDbContextAsync(ct);
        var rows = await db.PoolPartners.AsNoTracking().Where(p => codes.Contains(p.PoolCode)).Select(p => new { p.PoolCode, p.PartnerCode }).ToListAsync(ct);
        return rows.GroupBy(r => r.PoolCode).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(r => r.PartnerCode).ToHashSet(StringComparer.Ordinal));
    });

    /// <summary>The host code of a pooled budget, by pool code.</summary>
    public static DataLoader<string, string> PoolHost(IResolveContext ctx) => Loader<string, string>(ctx, "poolHost", async (codes, ct) =>
    {
        await using var db = await Service<IDbContextFactory<LocalGovernmentDbContext>>(ctx).CreateDbContextAsync(ct);
        return await db.PooledBudgets.AsNoTracking().Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, p => p.HostCode, ct);
    });

    /// <summary>The parties (lead and associates) of an arrangement, by arrangement code.</summary>
    public static DataLoader<string, IReadOnlySet<string>> ArrangementParties(IResolveContext ctx) => Loader<string, IReadOnlySet<string>>(ctx, "arrangementParties", async (codes, ct) =>
    {
        await using var db = await Service<IDbContextFactory<CommissioningDbContext>>(ctx).CreateDbContextAsync(ct);
        var leads = await db.LeadCommissioningArrangements.AsNoTracking().Where(a => codes.Contains(a.Code)).Select(a => new { a.Code, Party = a.LeadConsortiumCode }).ToListAsync(ct);
        var associates = await db.ArrangementAssociates.AsNoTracking().Where(a => codes.Contains(a.ArrangementCode)).Select(a => new { Code = a.ArrangementCode, Party = a.ConsortiumCode }).ToListAsync(ct);
        return leads.Concat(associates).GroupBy(r => r.Code).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(r => r.Party).ToHashSet(StringComparer.Ordinal));
    });

    /// <summary>The parties of every arrangement that covers a contract, by contract code.</summary>
    public static DataLoader<string, IReadOnlySet<string>> ArrangementPartiesOfContract(IResolveContext ctx) => Loader<string, IReadOnlySet<string>>(ctx, "contractArrangementParties", async (codes, ct) =>
    {
        await using var db = await Service<IDbContextFactory<CommissioningDbContext>>(ctx).CreateDbContextAsync(ct);
        var covers = await db.ArrangementContracts.AsNoTracking().Where(c => codes.Contains(c.ContractCode)).Select(c => new { c.ContractCode, c.ArrangementCode }).ToListAsync(ct);
        var arrangementCodes = covers.Select(c => c.ArrangementCode).Distinct().ToList();
        var leads = await db.LeadCommissioningArrangements.AsNoTracking().Where(a => arrangementCodes.Contains(a.Code)).Select(a => new { a.Code, Party = a.LeadConsortiumCode }).ToListAsync(ct);
        var associates = await db.ArrangementAssociates.AsNoTracking().Where(a => arrangementCodes.Contains(a.ArrangementCode)).Select(a => new { Code = a.ArrangementCode, Party = a.ConsortiumCode }).ToListAsync(ct);
        var parties = leads.Concat(associates).ToLookup(p => p.Code, p => p.Party);
        return covers.GroupBy(c => c.ContractCode).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.SelectMany(c => parties[c.ArrangementCode]).ToHashSet(StringComparer.Ordinal));
    });

    /// <summary>The contract a performance row belongs to, by contract code.</summary>
    public static DataLoader<string, Contract> ContractByCode(IResolveContext ctx) => Loader<string, Contract>(ctx, "contractByCode", async (codes, ct) =>
    {
        await using var db = await Service<IDbContextFactory<CommissioningDbContext>>(ctx).CreateDbContextAsync(ct);
        return await db.Contracts.AsNoTracking().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, ct);
    });

    /// <summary>The consortium a practice currently belongs to, by practice code.</summary>
    public static DataLoader<string, string> ConsortiumOfPractice(IResolveContext ctx) => Loader<string, string>(ctx, "consortiumOfPractice", async (codes, ct) =>
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var db = await Service<IDbContextFactory<CommissioningDbContext>>(ctx).CreateDbContextAsync(ct);
        var rows = await db.ConsortiumMemberships.AsNoTracking().Where(m => codes.Contains(m.PracticeCode) && m.From <= today && (m.To == null || m.To >= today))
            .Select(m => new { m.PracticeCode, m.ConsortiumCode }).ToListAsync(ct);
        return rows.GroupBy(r => r.PracticeCode).ToDictionary(g => g.Key, g => g.First().ConsortiumCode);
    });

    /// <summary>The HWB a JSNA-related entity belongs to (one lookup per batch).</summary>
    public static async ValueTask<string?> HwbCodeOf(object? entity, IResolveContext ctx) => entity switch
    {
        JsnaContribution c => await HwbOfJsna(ctx).LoadAsync(c.JsnaId),
        MutationTarget { ContributionId: { } id } => await LocalGovernment.Graph.LocalGovernmentLoaders.ContributionById(ctx).LoadAsync(id) is { } c
            ? await HwbOfJsna(ctx).LoadAsync(c.JsnaId) : null,
        MutationTarget { HwbCode: { } hwb } => hwb,
        Jsna j => j.HwbCode,
        HealthAndWellbeingBoard h => h.Code,
        _ => null,
    };

    /// <summary>The pool code of a pool-related entity.</summary>
    public static string? PoolCodeOf(object? entity) => entity switch
    {
        PooledBudget p => p.Code,
        PoolContribution c => c.PoolCode,
        PoolExpenditure e => e.PoolCode,
        MutationTarget m => m.PooledBudgetCode,
        _ => null,
    };

    /// <summary>The owning organisation of a governed entity, with the lookups some need.</summary>
    public static async ValueTask<string?> OwnerOf(object? entity, IResolveContext ctx)
    {
        switch (entity)
        {
            case Jsna j:
                return (await HwbPartiesByCode(ctx).LoadAsync(j.HwbCode))?.LocalAuthority;
            case PoolContribution or PoolExpenditure:
                return await PoolHost(ctx).LoadAsync(PoolCodeOf(entity)!);
            case ContractPerformance p:
                return (await ContractByCode(ctx).LoadAsync(p.ContractCode))?.CommissionerCode;
            default:
                return DirectOwner(entity);
        }
    }
}

/// <summary>An HWB's local authority and its current consortium members.</summary>
public sealed record HwbParties(string LocalAuthority, IReadOnlySet<string> Consortia)
{
    public bool Includes(string organisation) => LocalAuthority == organisation || Consortia.Contains(organisation);
}

/// <summary>
/// What a mutation's input names, for its policies to decide on before it runs (<see cref="MutationInput"/>):
/// <c>input.consortiumCode</c> (whose data it writes: <c>self</c>), <c>input.pooledBudgetCode</c>
/// (<c>poolHost</c>), <c>input.contributionId</c> or <c>input.healthAndWellbeingBoardCode</c> (<c>hwbLocalAuthority</c>).
/// </summary>
public sealed record MutationTarget(string? ConsortiumCode, string? PooledBudgetCode, int? ContributionId, string? HwbCode)
{
    public static MutationTarget From(MutationInput mutation)
    {
        var input = mutation.Arguments.GetValueOrDefault("input") as IReadOnlyDictionary<string, object?>;
        string? Text(string name) => input?.GetValueOrDefault(name)?.ToString();
        return new MutationTarget(Text("consortiumCode"), Text("pooledBudgetCode"),
            LocalGovernment.Graph.LocalGovernmentGraphModule.ContributionIdOf(Text("contributionId")), Text("healthAndWellbeingBoardCode"));
    }
}
