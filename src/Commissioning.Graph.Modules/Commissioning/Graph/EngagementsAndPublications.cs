using System.Globalization;
using System.Linq.Expressions;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Graph.Modules.Commissioning.Graph.CommissioningLoaders;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>The payload of <c>recordEngagement</c>.</summary>
public sealed record EngagementPayload(Engagement? Engagement, IReadOnlyList<UserError> UserErrors);

/// <summary>The payload of <c>publishAnnualReport</c>.</summary>
public sealed record AnnualReportPayload(AnnualReport? AnnualReport, IReadOnlyList<UserError> UserErrors);

/// <summary>The payload of <c>publishAnnualAccounts</c>.</summary>
public sealed record AnnualAccountsPayload(AnnualAccounts? AnnualAccounts, IReadOnlyList<UserError> UserErrors);

/// <summary>One publication of a consortium's not published by its due date (<c>publicationsOverdue</c>).</summary>
public sealed record OverduePublication(string ConsortiumCode, PublicationKind Publication, string Year, DateOnly DueOn, DateOnly AsOf, bool RecordedUnpublished)
{
    public DateOnly OverdueSince => DueOn.AddDays(1);
    /// <summary>Days past the due date on the day judged (the first overdue day counts one).</summary>
    public int DaysOverdue => AsOf.DayNumber - DueOn.DayNumber;
}

/// <summary>
/// Involvement and transparency (DOMAIN.md second wave): a consortium's engagements, its decisions' procurement routes,
/// engagements and withdrawn members, declarations matched to organisations, annual reports and audited accounts
/// (published: public; before: the consortium and the NHS CB, filtered in SQL), and the NHS CB's list of overdue publications.
/// </summary>
internal static class EngagementsAndPublicationsFields
{
    private static readonly string[] PublicationPolicies = ["published", "self", "nhscb"];
    private static readonly string[] PublicAndOwn = ["published", "self"];

    private static DataLoader<TKey, TValue> Loader<TKey, TValue>(IResolveContext ctx, string name,
        Func<CommissioningDbContext, IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> load) where TKey : notnull =>
        ctx.DbLoader<CommissioningDbContext, TKey, TValue>(Contexts(ctx), name, load);

    /// <summary>The database id in an engagement's global id; null when it is not one.</summary>
    public static int? EngagementIdOf(string? globalId) =>
        int.TryParse(GlobalId.KeyOf(globalId, "Engagement"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    // ---- Loaders

    private static DataLoader<string, IReadOnlyList<Engagement>> EngagementsByConsortium(IResolveContext ctx) =>
        Loader<string, IReadOnlyList<Engagement>>(ctx, "commissioning.engagementsByConsortium", async (db, keys, ct) =>
            GraphModuleResources.GroupByKey(await db.Engagements.Where(e => keys.Contains(e.ConsortiumCode))
                .OrderByDescending(e => e.From).ThenByDescending(e => e.Id).ToListAsync(ct), e => e.ConsortiumCode));

    private static DataLoader<int, IReadOnlyList<Engagement>> EngagementsByDecision(IResolveContext ctx) =>
        Loader<int, IReadOnlyList<Engagement>>(ctx, "commissioning.engagementsByDecision", async (db, ids, ct) =>
            GraphModuleResources.GroupByKey(await db.Engagements.Where(e => e.DecisionId != null && ids.Contains(e.DecisionId.Value))
                .OrderByDescending(e => e.From).ThenByDescending(e => e.Id).ToListAsync(ct), e => e.DecisionId!.Value));

    /// <summary>The references of decisions by id (an engagement names the decision it informed).</summary>
    private static DataLoader<int, string> DecisionReferenceById(IResolveContext ctx) =>
        Loader<int, string>(ctx, "commissioning.decisionReferenceById", async (db, ids, ct) =>
            await db.CommissioningDecisions.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Reference, ct));

    /// <summary>The declarations of the members who withdrew from each decision, in date order.</summary>
    private static DataLoader<int, IReadOnlyList<ConflictOfInterestDeclaration>> WithdrawnByDecision(IResolveContext ctx) =>
        Loader<int, IReadOnlyList<ConflictOfInterestDeclaration>>(ctx, "commissioning.withdrawnByDecision", async (db, ids, ct) =>
        {
            var rows = await (from w in db.DecisionWithdrawals
                              join d in db.ConflictOfInterestDeclarations on w.DeclarationId equals d.Id
                              where ids.Contains(w.DecisionId)
                              orderby w.DecisionId, d.DeclaredOn, d.Id
                              select new { w.DecisionId, Declaration = d }).ToListAsync(ct);
            return rows.GroupBy(r => r.DecisionId).ToDictionary(g => g.Key, g => (IReadOnlyList<ConflictOfInterestDeclaration>)g.Select(r => r.Declaration).ToList());
        });

    private static DataLoader<string, IReadOnlyList<AnnualReport>> VisibleReportsByConsortium(IResolveContext ctx, Expression<Func<AnnualReport, bool>>? visible) =>
        Loader<string, IReadOnlyList<AnnualReport>>(ctx, "commissioning.visibleReportsByConsortium", async (db, keys, ct) =>
        {
            var rows = db.AnnualReports.Where(r => keys.Contains(r.ConsortiumCode));
            if (visible is not null) rows = rows.Where(visible);
            return GraphModuleResources.GroupByKey(await rows.OrderByDescending(r => r.Year).ToListAsync(ct), r => r.ConsortiumCode);
        });

    private static DataLoader<string, IReadOnlyList<AnnualAccounts>> VisibleAccountsByConsortium(IResolveContext ctx, Expression<Func<AnnualAccounts, bool>>? visible) =>
        Loader<string, IReadOnlyList<AnnualAccounts>>(ctx, "commissioning.visibleAccountsByConsortium", async (db, keys, ct) =>
        {
            var rows = db.AnnualAccounts.Where(a => keys.Contains(a.ConsortiumCode));
            if (visible is not null) rows = rows.Where(visible);
            return GraphModuleResources.GroupByKey(await rows.OrderByDescending(a => a.Year).ToListAsync(ct), a => a.ConsortiumCode);
        });

    /// <summary>The policies a list of publications is filtered by: without a stated purpose another body's unpublished
    /// report could not be read anyway, so the list is then the published ones and one's own.</summary>
    private static string[] ListPolicies(IResolveContext ctx) => RuleFilter.Subject(ctx) is { Purpose: null } ? PublicAndOwn : PublicationPolicies;

    private static string? YearArgument(IResolveContext ctx) => ctx.Arguments.GetValueOrDefault("year") as string;

    internal static void Configure(SchemaBuilder b) => b
        .ResolveAsync<Consortium>("Consortium.engagements", async (consortium, ctx) =>
        {
            var all = (await EngagementsByConsortium(ctx).LoadAsync(consortium.Code)).OrEmpty();
            return ctx.Arguments.GetValueOrDefault("significantChange") is bool significant ? all.Where(e => e.SignificantChange == significant).ToList() : all;
        })
        .ResolveAsync<Consortium>("Consortium.annualReports", async (consortium, ctx) =>
        {
            var visible = await RuleFilter.PredicateAsync(GovernedShapes.AnnualReport, ctx, ListPolicies(ctx));
            var year = YearArgument(ctx);
            return (await VisibleReportsByConsortium(ctx, visible).LoadAsync(consortium.Code)).OrEmpty().Where(r => year is null || r.Year == year).ToList();
        })
        .ResolveAsync<Consortium>("Consortium.annualAccounts", async (consortium, ctx) =>
        {
            var visible = await RuleFilter.PredicateAsync(GovernedShapes.AnnualAccounts, ctx, ListPolicies(ctx));
            var year = YearArgument(ctx);
            return (await VisibleAccountsByConsortium(ctx, visible).LoadAsync(consortium.Code)).OrEmpty().Where(a => year is null || a.Year == year).ToList();
        })
        .Resolve<CommissioningDecision>("CommissioningDecision.procurementRoute", d => d.ProcurementRoute is { } route ? GraphEnum.Name(route) : null)
        .ResolveAsync<CommissioningDecision>("CommissioningDecision.engagements", async (decision, ctx) => (await EngagementsByDecision(ctx).LoadAsync(decision.Id)).OrEmpty())
        .ResolveAsync<CommissioningDecision>("CommissioningDecision.membersWithdrawn", async (decision, ctx) => (await WithdrawnByDecision(ctx).LoadAsync(decision.Id)).OrEmpty())
        // Any body the directory knows: this module's own in full, another module's by reference (its owner completes it).
        .ResolveAsync<ConflictOfInterestDeclaration>("ConflictOfInterestDeclaration.interestIn", async (declaration, ctx) =>
            declaration.InterestInCode is { } code && await DirectoryLookups.OrganisationByCode(ctx).LoadAsync(code) is { } organisation
                ? organisation.TypeName switch
                {
                    "Provider" => await ProviderByCode(ctx).LoadAsync(code),
                    "GpPractice" => await PracticeFor(ctx).LoadAsync(code),
                    "Consortium" => await ConsortiumFor(ctx).LoadAsync(code),
                    _ => new EntityReference(organisation.TypeName, code),
                }
                : null)
        .Resolve<Engagement>("Engagement.id", e => GlobalId.Encode("Engagement", e.Id.ToString(CultureInfo.InvariantCulture)))
        .ResolveAsync<Engagement>("Engagement.consortium", async (engagement, ctx) => await ConsortiumFor(ctx).LoadAsync(engagement.ConsortiumCode))
        .Resolve<Engagement>("Engagement.method", e => GraphEnum.Name(e.Method))
        .ResolveAsync<Engagement>("Engagement.decisionReference", async (engagement, ctx) =>
            engagement.DecisionId is { } id ? await DecisionReferenceById(ctx).LoadAsync(id) : null)
        .ResolveAsync<AnnualReport>("AnnualReport.consortium", async (report, ctx) => await ConsortiumFor(ctx).LoadAsync(report.ConsortiumCode))
        .ResolveAsync<AnnualAccounts>("AnnualAccounts.consortium", async (accounts, ctx) => await ConsortiumFor(ctx).LoadAsync(accounts.ConsortiumCode))
        .Resolve<AnnualAccounts>("AnnualAccounts.auditOpinion", a => GraphEnum.Name(a.AuditOpinion))
        .Resolve<AnnualAccounts>("AnnualAccounts.auditedDuties", FinancialDuties.AssessAudited)
        .ResolveAsync("Query.publicationsOverdue", PublicationsOverdueAsync)
        .ResolveAsync<OverduePublication>("OverduePublication.consortium", async (overdue, ctx) => await ConsortiumFor(ctx).LoadAsync(overdue.ConsortiumCode))
        .Resolve<OverduePublication>("OverduePublication.publication", o => GraphEnum.Name(o.Publication));

    /// <summary>
    /// For each consortium that existed when a publication of the year fell due (nothing is owed from before a consortium
    /// was established), each of its report, accounts and plan not published on or before the day judged though due before it.
    /// Three statements whatever the number of consortia: the consortia, and the year's reports, accounts and plans.
    /// </summary>
    private static async Task<object?> PublicationsOverdueAsync(IResolveContext ctx)
    {
        // The NHS CB's list: anyone else is refused, not handed an empty list that reads as "nothing overdue".
        if (RuleFilter.Subject(ctx) is { } subject && !PolicyRules.IsNhsCommissioningBoard(subject.Organisation))
            throw Engine.Authorization.AuthorizationTransform.PolicyRefusal(ctx, ["nhscb"]);
        var year = (string)ctx.Arguments["year"]!;
        var asOf = GraphValues.ToDate(ctx.Arguments.GetValueOrDefault("asOf")) ?? DateOnly.FromDateTime(ctx.Clock().GetUtcNow().UtcDateTime);
        var ct = ctx.CancellationToken;
        await using var db = await Contexts(ctx).CreateDbContextAsync(ct);
        var consortia = await db.Consortia.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Code, c.EstablishedOn }).ToListAsync(ct);
        var reports = await db.AnnualReports.AsNoTracking().Where(r => r.Year == year).Select(r => new { r.ConsortiumCode, r.PublishedOn }).ToListAsync(ct);
        var accounts = await db.AnnualAccounts.AsNoTracking().Where(a => a.Year == year).Select(a => new { a.ConsortiumCode, a.PublishedOn }).ToListAsync(ct);
        var plans = await db.CommissioningPlans.AsNoTracking().Where(p => p.Year == year)
            .Select(p => new { p.ConsortiumCode, PublishedOn = p.Status == CommissioningPlanStatus.Published ? p.PublishedOn : null }).ToListAsync(ct);
        var recorded = new Dictionary<PublicationKind, Dictionary<string, DateOnly?>>
        {
            [PublicationKind.AnnualReport] = reports.ToDictionary(r => r.ConsortiumCode, r => r.PublishedOn),
            [PublicationKind.AnnualAccounts] = accounts.ToDictionary(a => a.ConsortiumCode, a => a.PublishedOn),
            // A plan not (yet) published is no publication: recorded here only to say it exists.
            [PublicationKind.CommissioningPlan] = plans.ToDictionary(p => p.ConsortiumCode, p => p.PublishedOn),
        };
        var overdue = new List<OverduePublication>();
        foreach (var consortium in consortia)
            foreach (var kind in new[] { PublicationKind.CommissioningPlan, PublicationKind.AnnualAccounts, PublicationKind.AnnualReport })
            {
                var due = PublicationDueDates.Of(kind, year);
                if (due >= asOf || (consortium.EstablishedOn is { } established && established > due)) continue;
                var exists = recorded[kind].TryGetValue(consortium.Code, out var publishedOn);
                if (publishedOn is { } on && on <= asOf) continue;
                overdue.Add(new OverduePublication(consortium.Code, kind, year, due, asOf, exists));
            }
        return overdue.OrderBy(o => o.ConsortiumCode, StringComparer.Ordinal).ThenBy(o => o.DueOn).ToList();
    }
}

/// <summary>
/// What a consortium publishes: <c>recordEngagement</c>, <c>publishAnnualReport</c>, <c>publishAnnualAccounts</c>, each for
/// the consortium of <c>input.consortiumCode</c> only (policy <c>self</c>, decided before anything runs). Each checks its
/// input into user errors and writes in one <c>SaveChanges</c> (one transaction) or not at all, comparing the client's
/// <c>expectedRowVersion</c> with the record's (<c>CONFLICT</c> when stale). A published report or accounts is final.
/// </summary>
internal static class EngagementsAndPublicationsMutations
{
    public const string AlreadyPublished = "ALREADY_PUBLISHED";
    public const string YearNotEnded = "YEAR_NOT_ENDED";
    private const int MaxProposal = 1000, MaxText = 4000, MaxUrl = 500, MaxReference = 40;

    public static void Configure(SchemaBuilder builder) => builder
        .ResolveAsync("Mutation.recordEngagement", async ctx => await RecordEngagementAsync(ctx))
        .ResolveAsync("Mutation.publishAnnualReport", async ctx => await PublishReportAsync(ctx))
        .ResolveAsync("Mutation.publishAnnualAccounts", async ctx => await PublishAccountsAsync(ctx));

    private static DateOnly Today(IResolveContext ctx) => DateOnly.FromDateTime(ctx.Clock().GetUtcNow().UtcDateTime);

    private static async Task<EngagementPayload> RecordEngagementAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var consortiumCode = (GraphValues.ToStringValue(input.Get("consortiumCode")) ?? "").Trim();
        var engagementIdText = GraphValues.ToStringValue(input.Get("engagementId"));
        var engagementId = engagementIdText is null ? null : EngagementsAndPublicationsFields.EngagementIdOf(engagementIdText);
        var proposal = (GraphValues.ToStringValue(input.Get("proposal")) ?? "").Trim();
        var from = GraphValues.ToDate(input.Get("from"));
        var to = GraphValues.ToDate(input.Get("to"));
        var outcome = GraphValues.ToStringValue(input.Get("outcome"))?.Trim();
        var decisionReference = GraphValues.ToStringValue(input.Get("decisionReference"))?.Trim();
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        if (engagementIdText is not null && engagementId is null) errors.Add("That is not the id of an engagement.", UserError.NotFound, "engagementId");
        if (proposal.Length == 0) errors.Add("An engagement needs the proposal people were involved in.", UserError.Required, "proposal");
        else if (proposal.Length > MaxProposal) errors.Add($"A proposal has at most {MaxProposal} characters.", UserError.Invalid, "proposal");
        if (outcome?.Length > MaxText) errors.Add($"An outcome has at most {MaxText} characters.", UserError.Invalid, "outcome");
        if (from is { } f && to is { } t && t < f) errors.Add("An engagement cannot close before it opens.", UserError.Invalid, "to");
        if (from > Today(ctx)) errors.Add("An engagement is recorded once it has opened: `from` is in the future.", UserError.Invalid, "from");
        if (decisionReference?.Length > MaxReference) errors.Add($"A decision reference has at most {MaxReference} characters.", UserError.Invalid, "decisionReference");
        if (engagementId is not null && expectedRowVersion is null) errors.Add("Send the engagement's rowVersion as expectedRowVersion to change it.", UserError.Required, "expectedRowVersion");
        if (errors.Any) return new(null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await Contexts(ctx).CreateDbContextAsync(ct);
        if (!await db.Consortia.AnyAsync(c => c.Code == consortiumCode, ct))
            return new(null, [errors.Add($"There is no consortium {consortiumCode}.", UserError.NotFound, "consortiumCode")]);
        int? decisionId = null;
        if (!string.IsNullOrEmpty(decisionReference))
        {
            decisionId = await db.CommissioningDecisions.Where(d => d.Reference == decisionReference && d.ConsortiumCode == consortiumCode).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);
            if (decisionId is null)
                return new(null, [errors.Add($"{consortiumCode} has no decision {decisionReference}.", UserError.NotFound, "decisionReference")]);
        }
        Engagement engagement;
        if (engagementId is null)
            db.Engagements.Add(engagement = new Engagement { ConsortiumCode = consortiumCode, Proposal = proposal });
        else
        {
            // Another consortium's engagement is not found: the caller's rule was decided on its own code.
            var found = await db.Engagements.FirstOrDefaultAsync(e => e.Id == engagementId && e.ConsortiumCode == consortiumCode, ct);
            if (found is null) return new(null, [errors.Add($"{consortiumCode} has no such engagement.", UserError.NotFound, "engagementId")]);
            if (found.RowVersion != expectedRowVersion) return new(null, [errors.Conflict()]);
            db.ExpectVersion(found, expectedRowVersion!.Value);
            engagement = found;
        }
        engagement.Proposal = proposal;
        engagement.SignificantChange = input.Get("significantChange") is true;
        engagement.Method = GraphEnum.Parse<EngagementMethod>(input.Get("method"));
        engagement.From = from!.Value;
        engagement.To = to;
        engagement.HealthWatchInvolved = input.Get("healthWatchInvolved") is true;
        engagement.Outcome = string.IsNullOrEmpty(outcome) ? null : outcome;
        engagement.DecisionId = decisionId;
        return await db.SaveOrConflictAsync(errors, ct) is { } conflict ? new(null, [conflict]) : new(engagement, []);
    }

    /// <summary>The checks both publications share: the year has ended, the publication day is not in the future.</summary>
    private static (string ConsortiumCode, string? Year, bool Draft, DateOnly? PublishedOn, int? ExpectedRowVersion) Common(IResolveContext ctx, IReadOnlyDictionary<string, object?> input, UserErrors errors)
    {
        var consortiumCode = (GraphValues.ToStringValue(input.Get("consortiumCode")) ?? "").Trim();
        var year = GraphValues.ToStringValue(input.Get("year"));
        var draft = input.Get("draft") is true;
        var publishedOn = GraphValues.ToDate(input.Get("publishedOn"));
        var today = Today(ctx);
        errors.CheckYear(year, "year");
        if (FinancialYear.IsValid(year) && FinancialYear.MonthEnd(year!, 12) >= today)
            errors.Add($"{year} has not ended: a year's report and accounts are published after it.", YearNotEnded, "year");
        if (publishedOn > today) errors.Add("`publishedOn` is in the future.", UserError.Invalid, "publishedOn");
        else if (FinancialYear.IsValid(year) && publishedOn <= FinancialYear.MonthEnd(year!, 12))
            errors.Add($"`publishedOn` is before {year} ended: a year's report and accounts are published after it.", UserError.Invalid, "publishedOn");
        return (consortiumCode, year, draft, draft ? null : publishedOn ?? today, GraphValues.ToInt(input.Get("expectedRowVersion")));
    }

    /// <summary>The publication of the year, tracked, or a new one; a user error when it is final or the version is stale.</summary>
    private static async Task<T?> FindOrAddAsync<T>(CommissioningDbContext db, DbSet<T> set, string consortiumCode, string year, int? expectedRowVersion,
        Func<T> create, Func<T, DateOnly?> publishedOn, string what, UserErrors errors, CancellationToken ct) where T : class, IVersioned
    {
        var existing = await set.FirstOrDefaultAsync(x => EF.Property<string>(x, "ConsortiumCode") == consortiumCode && EF.Property<string>(x, "Year") == year, ct);
        if (existing is null)
        {
            var created = create();
            set.Add(created);
            return created;
        }
        if (expectedRowVersion is null)
        {
            errors.Add($"{consortiumCode} has recorded {what} for {year}: send its rowVersion as expectedRowVersion.", UserError.Required, "expectedRowVersion");
            return null;
        }
        if (existing.RowVersion != expectedRowVersion) { errors.Conflict(); return null; }
        if (publishedOn(existing) is { } on)
        {
            errors.Add($"{consortiumCode} published {what} for {year} on {on:yyyy-MM-dd}: it is final.", AlreadyPublished, "year");
            return null;
        }
        db.ExpectVersion(existing, expectedRowVersion.Value);
        return existing;
    }

    private static async Task<bool> ConsortiumExistsAsync(CommissioningDbContext db, string code, UserErrors errors, CancellationToken ct)
    {
        if (await db.Consortia.AnyAsync(c => c.Code == code, ct)) return true;
        errors.Add($"There is no consortium {code}.", UserError.NotFound, "consortiumCode");
        return false;
    }

    private static async Task<AnnualReportPayload> PublishReportAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var (consortiumCode, year, _, publishedOn, expectedRowVersion) = Common(ctx, input, errors);
        var url = (GraphValues.ToStringValue(input.Get("url")) ?? "").Trim();
        var meeting = GraphValues.ToDate(input.Get("publicMeetingOn"));
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || url.Length > MaxUrl)
            errors.Add($"A report's address is an https address of at most {MaxUrl} characters.", UserError.Invalid, "url");
        if (FinancialYear.IsValid(year) && meeting <= FinancialYear.MonthEnd(year!, 12))
            errors.Add($"The public meeting presents the report after {year} has ended.", UserError.Invalid, "publicMeetingOn");
        if (errors.Any) return new(null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await Contexts(ctx).CreateDbContextAsync(ct);
        if (!await ConsortiumExistsAsync(db, consortiumCode, errors, ct)) return new(null, errors.List);
        var report = await FindOrAddAsync(db, db.AnnualReports, consortiumCode, year!, expectedRowVersion,
            () => new AnnualReport { ConsortiumCode = consortiumCode, Year = year! }, r => r.PublishedOn, "an annual report", errors, ct);
        if (report is null) return new(null, errors.List);
        report.Url = url;
        report.PublicMeetingOn = meeting;
        report.PublishedOn = publishedOn;
        // A concurrent change or a concurrent first record (the unique index); a database that is down is not a conflict.
        return await db.SaveOrConflictAsync(errors, ct) is { } conflict ? new(null, [conflict]) : new(report, []);
    }

    private static readonly string[] Figures =
        ["programmeBudget", "runningCostsAllowance", "revenueResourceLimit", "capitalResourceLimit", "incomeReceived", "programmeExpenditure", "runningCosts", "capitalExpenditure", "resourceUse"];

    private static async Task<AnnualAccountsPayload> PublishAccountsAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var (consortiumCode, year, _, publishedOn, expectedRowVersion) = Common(ctx, input, errors);
        var figures = Figures.ToDictionary(f => f, f => errors.CheckAmount(input.Get(f), f));
        if (errors.Any) return new(null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await Contexts(ctx).CreateDbContextAsync(ct);
        if (!await ConsortiumExistsAsync(db, consortiumCode, errors, ct)) return new(null, errors.List);
        var accounts = await FindOrAddAsync(db, db.AnnualAccounts, consortiumCode, year!, expectedRowVersion,
            () => new AnnualAccounts { ConsortiumCode = consortiumCode, Year = year! }, a => a.PublishedOn, "annual accounts", errors, ct);
        if (accounts is null) return new(null, errors.List);
        accounts.AuditOpinion = GraphEnum.Parse<AuditOpinion>(input.Get("auditOpinion"));
        accounts.ProgrammeBudget = figures["programmeBudget"]!.Value;
        accounts.RunningCostsAllowance = figures["runningCostsAllowance"]!.Value;
        accounts.RevenueResourceLimit = figures["revenueResourceLimit"]!.Value;
        accounts.CapitalResourceLimit = figures["capitalResourceLimit"]!.Value;
        accounts.IncomeReceived = figures["incomeReceived"]!.Value;
        accounts.ProgrammeExpenditure = figures["programmeExpenditure"]!.Value;
        accounts.RunningCosts = figures["runningCosts"]!.Value;
        accounts.CapitalExpenditure = figures["capitalExpenditure"]!.Value;
        accounts.ResourceUse = figures["resourceUse"]!.Value;
        accounts.PublishedOn = publishedOn;
        return await db.SaveOrConflictAsync(errors, ct) is { } conflict ? new(null, [conflict]) : new(accounts, []);
    }
}
