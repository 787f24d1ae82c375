using System.Globalization;
using System.Linq.Expressions;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.NhsCb.Graph;

/// <summary>The Commissioning Outcomes Framework of a year, as <c>Query.commissioningOutcomesFramework</c> answers it.</summary>
public sealed record CommissioningOutcomesFramework(string Year, IReadOnlyList<OutcomeIndicator> Indicators);

/// <summary>An indicator of a year's framework, by key.</summary>
public readonly record struct IndicatorKey(string Year, string Code);

public sealed record RecordQualityPremiumPayload(QualityPremium? QualityPremium, IReadOnlyList<UserError> UserErrors);

/// <summary>
/// Outcomes and the quality premium (DOMAIN.md, second wave): the framework's indicators (public), consortia's outcomes
/// values (published: public; else <c>self</c>/<c>nhscb</c>; counts small-number suppressed) and quality premiums
/// (<c>self</c>/<c>nhscb</c>; a member practice reads its own share).
/// </summary>
internal static class OutcomesGraph
{
    private static readonly string[] ValuePolicies = ["published", "self", "nhscb"];
    private static readonly string[] PublicAndOwn = ["published", "self"];
    private static readonly string[] SharePolicies = ["self", "nhscb", "payee"];

    public static void Configure(SchemaBuilder builder) => builder
        .ResolveAsync("Query.commissioningOutcomesFramework", async ctx =>
        {
            var year = (string)ctx.Arguments["year"]!;
            var indicators = (await IndicatorsByYear(ctx).LoadAsync(year)).OrEmpty();
            // A year with no framework is the caller's mistake, not an empty framework (as for a malformed year).
            if (indicators.Count == 0)
                throw new GraphQLException(new GraphQLError($"There is no Commissioning Outcomes Framework for {year}.")
                {
                    Extensions = new Dictionary<string, object?> { ["code"] = ErrorCodes.BadUserInput, ["argument"] = FinancialYearArguments.ArgumentName },
                });
            return new CommissioningOutcomesFramework(year, indicators);
        })
        .Resolve<OutcomeIndicator>("OutcomeIndicator.domain", i => GraphEnum.Name(i.Domain))
        .ResolveAsync("Consortium.outcomes", async ctx =>
        {
            // Only the values the caller may read are loaded (the type's policies as SQL). Without a stated purpose another
            // consortium's unpublished values could not be disclosed anyway: the list is then the published ones and one's own.
            var visible = await RuleFilter.PredicateAsync(GovernedShapes.OutcomeValue, ctx,
                RuleFilter.Subject(ctx) is { Purpose: null } ? PublicAndOwn : ValuePolicies);
            return (await VisibleValuesByConsortiumAndYear(ctx, visible).LoadAsync(new(EntityReference.CodeOf(ctx.Source), (string)ctx.Arguments["year"]!))).OrEmpty();
        })
        .Resolve<OutcomeValue>("OutcomeValue.consortium", v => new EntityReference("Consortium", v.ConsortiumCode))
        .ResolveAsync<OutcomeValue>("OutcomeValue.indicator", async (value, ctx) => await IndicatorByKey(ctx).LoadAsync(new(value.Year, value.IndicatorCode)))
        .ResolveAsync("Consortium.qualityPremium", async ctx =>
            await PremiumByConsortiumAndYear(ctx).LoadAsync(new(EntityReference.CodeOf(ctx.Source), (string)ctx.Arguments["year"]!)))
        .Resolve<QualityPremium>("QualityPremium.consortium", q => new EntityReference("Consortium", q.ConsortiumCode))
        .Resolve<QualityPremium>("QualityPremium.financialDutiesMonth", q => q.FinancialDutiesMonth)
        .ResolveAsync<QualityPremium>("QualityPremium.criteria", async (premium, ctx) =>
        {
            var criteria = (await CriteriaByPremium(ctx).LoadAsync(premium.Id)).OrEmpty();
            foreach (var c in criteria) c.Year = premium.Year;
            return criteria;
        })
        .ResolveAsync<QualityPremium>("QualityPremium.practiceShares", async (premium, ctx) =>
        {
            // Filtered in SQL to the shares the caller may read: all of them for the consortium and the NHS CB, a practice's own.
            var visible = await RuleFilter.PredicateAsync(GovernedShapes.QualityPremiumShare, ctx, SharePolicies);
            return (await VisibleSharesByPremium(ctx, visible).LoadAsync(premium.Id)).OrEmpty();
        })
        .ResolveAsync<QualityPremiumCriterion>("QualityPremiumCriterion.indicator", async (criterion, ctx) =>
            await IndicatorByKey(ctx).LoadAsync(new(criterion.Year ?? "", criterion.IndicatorCode)))
        .Resolve<QualityPremiumShare>("QualityPremiumShare.practice", s => new EntityReference("GpPractice", s.PracticeCode))
        .ResolveAsync("Mutation.recordQualityPremium", async ctx => await RecordQualityPremiumAsync(ctx));

    // ---- loaders: one statement per batch ----

    private static DataLoader<string, IReadOnlyList<OutcomeIndicator>> IndicatorsByYear(IResolveContext ctx) =>
        Loader<string, IReadOnlyList<OutcomeIndicator>>(ctx, "nhscb.indicatorsByYear", async (db, years, ct) =>
            (await db.OutcomeIndicators.Where(i => years.Contains(i.Year)).OrderBy(i => i.Year).ThenBy(i => i.Code).ToListAsync(ct)).GroupByKey(i => i.Year));

    private static DataLoader<IndicatorKey, OutcomeIndicator> IndicatorByKey(IResolveContext ctx) =>
        Loader<IndicatorKey, OutcomeIndicator>(ctx, "nhscb.indicatorByKey", async (db, keys, ct) =>
        {
            var years = keys.Select(k => k.Year).Distinct().ToList();
            var codes = keys.Select(k => k.Code).Distinct().ToList();
            return (await db.OutcomeIndicators.Where(i => years.Contains(i.Year) && codes.Contains(i.Code)).ToListAsync(ct))
                .ToDictionary(i => new IndicatorKey(i.Year, i.Code));
        });

    private static DataLoader<ConsortiumYear, IReadOnlyList<OutcomeValue>> VisibleValuesByConsortiumAndYear(IResolveContext ctx, Expression<Func<OutcomeValue, bool>>? visible) =>
        Loader<ConsortiumYear, IReadOnlyList<OutcomeValue>>(ctx, "nhscb.visibleOutcomesByConsortiumAndYear", async (db, keys, ct) =>
        {
            var codes = keys.Select(k => k.ConsortiumCode).Distinct().ToList();
            var years = keys.Select(k => k.Year).Distinct().ToList();
            var rows = db.OutcomeValues.Where(v => codes.Contains(v.ConsortiumCode) && years.Contains(v.Year));
            if (visible is not null) rows = rows.Where(visible);
            return (await rows.OrderBy(v => v.ConsortiumCode).ThenBy(v => v.Year).ThenBy(v => v.IndicatorCode).ToListAsync(ct))
                .GroupByKey(v => new ConsortiumYear(v.ConsortiumCode, v.Year));
        });

    private static DataLoader<ConsortiumYear, QualityPremium> PremiumByConsortiumAndYear(IResolveContext ctx) =>
        Loader<ConsortiumYear, QualityPremium>(ctx, "nhscb.premiumByConsortiumAndYear", async (db, keys, ct) =>
        {
            var codes = keys.Select(k => k.ConsortiumCode).Distinct().ToList();
            var years = keys.Select(k => k.Year).Distinct().ToList();
            return (await db.QualityPremiums.Where(q => codes.Contains(q.ConsortiumCode) && years.Contains(q.Year)).ToListAsync(ct))
                .ToDictionary(q => new ConsortiumYear(q.ConsortiumCode, q.Year));
        });

    private static DataLoader<int, IReadOnlyList<QualityPremiumCriterion>> CriteriaByPremium(IResolveContext ctx) =>
        Loader<int, IReadOnlyList<QualityPremiumCriterion>>(ctx, "nhscb.criteriaByPremium", async (db, ids, ct) =>
            (await db.QualityPremiumCriteria.Where(c => ids.Contains(c.QualityPremiumId)).OrderBy(c => c.QualityPremiumId).ThenBy(c => c.IndicatorCode).ToListAsync(ct))
            .GroupByKey(c => c.QualityPremiumId));

    private static DataLoader<int, IReadOnlyList<QualityPremiumShare>> VisibleSharesByPremium(IResolveContext ctx, Expression<Func<QualityPremiumShare, bool>>? visible) =>
        Loader<int, IReadOnlyList<QualityPremiumShare>>(ctx, "nhscb.visibleSharesByPremium", async (db, ids, ct) =>
        {
            var rows = db.QualityPremiumShares.Where(s => ids.Contains(s.QualityPremiumId));
            if (visible is not null) rows = rows.Where(visible);
            return (await rows.OrderBy(s => s.QualityPremiumId).ThenBy(s => s.PracticeCode).ToListAsync(ct)).GroupByKey(s => s.QualityPremiumId);
        });

    private static DataLoader<TKey, TValue> Loader<TKey, TValue>(IResolveContext ctx, string name,
        Func<NhsCbDbContext, List<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> query) where TKey : notnull =>
        ctx.DbLoader(ctx.DbFactory<NhsCbDbContext>(), name, query);

    // ---- recordQualityPremium ----

    public const string UnknownIndicator = "UNKNOWN_INDICATOR", UnknownPractice = "UNKNOWN_PRACTICE", SharesMismatch = "SHARES_MISMATCH",
        NoSubmittedReturn = "NO_SUBMITTED_RETURN", FinancialDutiesNotMet = "FINANCIAL_DUTIES_NOT_MET", FinancialDutiesUnavailable = "FINANCIAL_DUTIES_UNAVAILABLE";
    private const int MaxItems = 100;

    private static string At(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks the input into user errors (the year's framework names the indicators; the directory says which practices
    /// were the consortium's members that year; the shares add up to the amount), judges the consortium's financial duties
    /// through <see cref="IFinancialDutiesLookup"/> and writes the premium, its criteria and shares in one transaction.
    /// </summary>
    private static async Task<RecordQualityPremiumPayload> RecordQualityPremiumAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var consortiumCode = (GraphValues.ToStringValue(input.Get("consortiumCode")) ?? "").Trim();
        var year = GraphValues.ToStringValue(input.Get("year"));
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        errors.CheckConsortiumCode(consortiumCode);
        errors.CheckYear(year, "year");
        var amount = errors.CheckAmount(input.Get("amount"), "amount");

        var criteria = new List<QualityPremiumCriterion>();
        var criteriaGiven = input.Get("criteria") as IEnumerable<object?> ?? [];
        var index = 0;
        foreach (var item in criteriaGiven)
        {
            var at = At(index++);
            var c = item as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
            var code = (GraphValues.ToStringValue(c.Get("indicatorCode")) ?? "").Trim();
            if (criteria.Any(x => x.IndicatorCode == code)) errors.Add($"The indicator {code} is given twice.", UserError.Invalid, "criteria", at, "indicatorCode");
            else criteria.Add(new QualityPremiumCriterion { IndicatorCode = code, Met = c.Get("met") is true });
        }
        if (index == 0) errors.Add("A quality premium has at least one criterion.", UserError.Required, "criteria");
        if (index > MaxItems) errors.Add($"At most {MaxItems} criteria.", UserError.Invalid, "criteria");

        var shares = new List<QualityPremiumShare>();
        index = 0;
        foreach (var item in input.Get("practiceShares") as IEnumerable<object?> ?? [])
        {
            var at = At(index++);
            var s = item as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
            var practice = (GraphValues.ToStringValue(s.Get("practiceCode")) ?? "").Trim();
            var share = errors.CheckAmount(s.Get("amount"), $"practiceShares.{at}.amount");
            if (shares.Any(x => x.PracticeCode == practice)) errors.Add($"The practice {practice} is given twice.", UserError.Invalid, "practiceShares", at, "practiceCode");
            else if (share is not null)
                shares.Add(new QualityPremiumShare { ConsortiumCode = consortiumCode, Year = year ?? "", PracticeCode = practice, Amount = share.Value });
        }
        if (index > MaxItems) errors.Add($"At most {MaxItems} practice shares.", UserError.Invalid, "practiceShares");
        if (errors.Any) return new(null, FixPaths(errors.List));

        // The shares are the whole premium, to the penny.
        var total = shares.Sum(s => s.Amount);
        if (total != amount) errors.Add($"The practice shares add up to {total:0.00}, not to the amount {amount:0.00}.", SharesMismatch, "practiceShares");

        var ct = ctx.CancellationToken;
        await using var db = await ctx.DbFactory<NhsCbDbContext>().CreateDbContextAsync(ct);
        // The year's framework names the criteria.
        var known = (await db.OutcomeIndicators.Where(i => i.Year == year).Select(i => i.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < criteria.Count; i++)
            if (!known.Contains(criteria[i].IndicatorCode))
                errors.Add($"The {year} Commissioning Outcomes Framework has no indicator {criteria[i].IndicatorCode}.", UnknownIndicator, "criteria", At(i), "indicatorCode");
        // The practices were the consortium's members in the year (the directory's membership facts, with their dates).
        var memberships = await DirectoryLookups.FactsOfSubject(ctx).LoadManyAsync(shares.Select(s => s.PracticeCode));
        for (var i = 0; i < shares.Count; i++)
            if (!memberships[i].OrEmpty().Any(f => f.Kind == RelationshipKind.PracticeConsortium && f.PartyCode == consortiumCode && f.HeldIn(year!)))
                errors.Add($"{shares[i].PracticeCode} was not a member practice of {consortiumCode} in {year}.", UnknownPractice, "practiceShares", At(i), "practiceCode");
        if (errors.Any) return new(null, errors.List);

        // Financial duties: the commissioning module's judgement of its own returns, asked once, now, and stored with the premium.
        if (ctx.Services.GetService<IFinancialDutiesLookup>() is not { } duties)
            return new(null, [errors.Add("Financial duties cannot be judged here: this service does not run the commissioning module.", FinancialDutiesUnavailable)]);
        if (await duties.GetLatestSubmittedAsync(new ConsortiumYear(consortiumCode, year!), ct) is not { } outcome)
            return new(null, [errors.Add($"{consortiumCode} has no submitted financial return (with an allocation) for {year}: its financial duties cannot be judged yet.", NoSubmittedReturn, "consortiumCode")]);
        if (!outcome.AllMet && amount != 0)
            return new(null, [errors.Add($"{consortiumCode} did not meet its financial duties (return for month {outcome.Month}, version {outcome.Version}): no quality premium is paid, so the amount must be 0.", FinancialDutiesNotMet, "amount")]);

        var premium = await db.QualityPremiums.Include(q => q.Criteria).Include(q => q.PracticeShares)
            .FirstOrDefaultAsync(q => q.ConsortiumCode == consortiumCode && q.Year == year, ct);
        if (premium is null)
            db.QualityPremiums.Add(premium = new QualityPremium { ConsortiumCode = consortiumCode, Year = year! });
        else
        {
            if (db.ExpectRevision(premium, expectedRowVersion, errors, $"The {year} quality premium of {consortiumCode} exists: send its rowVersion as expectedRowVersion to re-record it.") is { } stale)
                return new(null, [stale]);
            db.QualityPremiumCriteria.RemoveRange(premium.Criteria);
            db.QualityPremiumShares.RemoveRange(premium.PracticeShares);
            premium.Criteria.Clear();
            premium.PracticeShares.Clear();
            db.Entry(premium).State = EntityState.Modified;
        }
        premium.Amount = amount!.Value;
        (premium.FinancialDutiesMet, premium.FinancialDutiesMonth, premium.FinancialDutiesVersion) = (outcome.AllMet, outcome.Month, outcome.Version);
        premium.RecordedAt = ctx.Clock().GetUtcNow().UtcDateTime;
        premium.Criteria.AddRange(criteria);
        premium.PracticeShares.AddRange(shares);
        // One SaveChanges: the premium, its criteria and shares in one transaction.
        return await db.SaveOrConflictAsync(errors, ct) is { } conflict ? new(null, [conflict]) : new(premium, []);
    }

    // CheckAmount takes one field name: a share's amount is reported under its own path.
    private static IReadOnlyList<UserError> FixPaths(IReadOnlyList<UserError> errors) =>
        errors.Select(e => e.Path is { Count: 2 } p && p[1] is string f && f.StartsWith("practiceShares.", StringComparison.Ordinal)
            ? e with { Path = ["input", .. f.Split('.')] } : e).ToList();
}
