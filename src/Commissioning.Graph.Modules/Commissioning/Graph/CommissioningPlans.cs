using System.Globalization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Graph.Modules.Commissioning.Graph.CommissioningLoaders;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>The payload of <c>shareDraftCommissioningPlan</c> and <c>respondToCommissioningPlan</c>.</summary>
public sealed record CommissioningPlanPayload(CommissioningPlan? Plan, IReadOnlyList<UserError> UserErrors);

/// <summary>Reading commissioning plans: a consortium's list (filtered in SQL by the plan's rule) and the plan's fields.</summary>
public static class CommissioningPlanFields
{
    /// <summary>The rule of every field of a plan and of its responses: published, or the consortium, its boards' partners, the NHS CB.</summary>
    internal static readonly string[] Policies = ["published", "self", "hwbPartner", "nhscb"];
    private static readonly string[] PublicAndOwn = ["published", "self"];

    /// <summary>The database id in a plan's global id; null when it is not one.</summary>
    public static int? IdOf(string? globalId) =>
        int.TryParse(GlobalId.KeyOf(globalId, "CommissioningPlan"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    internal static void Configure(SchemaBuilder b) => b
        .ResolveAsync<Consortium>("Consortium.commissioningPlans", async (consortium, ctx) =>
        {
            // Only the plans the caller may read are loaded (the plan's policies as SQL); the fields' rules still check each. Without a
            // stated purpose, another body's unpublished plans could not be read anyway: the list is then the published plans and one's own.
            var visible = await RuleFilter.PredicateAsync(GovernedShapes.CommissioningPlan, ctx,
                RuleFilter.Subject(ctx) is { Purpose: null } ? PublicAndOwn : Policies);
            var plans = (await VisiblePlansByConsortium(ctx, visible).LoadAsync(consortium.Code)).OrEmpty();
            var year = ctx.Arguments.GetValueOrDefault("year") as string;
            var status = ctx.Arguments.GetValueOrDefault("status") as string;
            return plans.Where(p => (year is null || p.Year == year) && (status is null || GraphEnum.Name(p.Status) == status)).ToList();
        })
        .Resolve<CommissioningPlan>("CommissioningPlan.id", p => GlobalId.Encode("CommissioningPlan", p.Id.ToString(CultureInfo.InvariantCulture)))
        .ResolveAsync<CommissioningPlan>("CommissioningPlan.consortium", async (commissioningPlan, ctx) => await ConsortiumFor(ctx).LoadAsync(commissioningPlan.ConsortiumCode))
        .Resolve<CommissioningPlan>("CommissioningPlan.status", p => GraphEnum.Name(p.Status))
        // The local-government module's priorities, by key (the gateway, or the composer in one process, completes them).
        .Resolve<CommissioningPlan>("CommissioningPlan.strategyPriorities", p => p.PriorityCodes.Select(c => new EntityReference("StrategyPriority", c)).ToList())
        .ResolveAsync<CommissioningPlan>("CommissioningPlan.hwbResponses", async (commissioningPlan, ctx) => (await ResponsesByPlan(ctx).LoadAsync(commissioningPlan.Id)).OrEmpty())
        .Resolve<PlanResponse>("PlanResponse.board", r => new EntityReference("HealthAndWellbeingBoard", r.BoardCode))
        .Resolve<PlanResponse>("PlanResponse.view", r => GraphEnum.Name(r.View));
}

/// <summary>
/// Sharing a draft plan (<c>self</c>: the consortium of <c>input.consortiumCode</c>) and a board's response to it
/// (<c>hwbLocalAuthority</c> of <c>input.healthAndWellbeingBoardCode</c>), both decided before anything runs. Each checks
/// its input into user errors and writes in one <c>SaveChanges</c> (one transaction) or not at all, comparing the client's
/// <c>expectedRowVersion</c> with the plan's (<c>CONFLICT</c> when stale). Which boards a consortium sits on and which
/// priorities each board's published strategy has are the directory's facts (the local-government module publishes them).
/// </summary>
internal static class CommissioningPlanMutations
{
    public const string PlanPublished = "PLAN_PUBLISHED";
    public const string PlanNotShared = "PLAN_NOT_SHARED";
    public const string NotAMember = "NOT_A_MEMBER";
    public const string UnknownPriority = "UNKNOWN_PRIORITY";
    private const int MaxTitle = 300, MaxText = 4000, MaxCode = 40, MaxPriorities = 50;

    public static void Configure(SchemaBuilder builder) => builder
        .ResolveAsync("Mutation.shareDraftCommissioningPlan", async ctx => await ShareAsync(ctx))
        .ResolveAsync("Mutation.respondToCommissioningPlan", async ctx => await RespondAsync(ctx));

    private static CommissioningPlanPayload Failed(UserErrors errors) => new(null, errors.List);

    /// <summary>The boards the consortium sits on in the financial year (the directory's membership facts).</summary>
    private static async Task<IReadOnlyList<string>> BoardsOfAsync(IResolveContext ctx, string consortiumCode, string year) =>
        (await DirectoryLookups.FactsOfParty(ctx).LoadAsync(consortiumCode)).OrEmpty()
            .Where(f => f.Kind == RelationshipKind.HwbMemberConsortium && f.HeldIn(year)).Select(f => f.SubjectCode).Distinct().ToList();

    private static async Task<CommissioningPlanPayload> ShareAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var consortiumCode = (GraphValues.ToStringValue(input.Get("consortiumCode")) ?? "").Trim();
        var year = GraphValues.ToStringValue(input.Get("year"));
        var title = (GraphValues.ToStringValue(input.Get("title")) ?? "").Trim();
        var summary = GraphValues.ToStringValue(input.Get("summary"))?.Trim();
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        var codes = (input.Get("strategyPriorityCodes") as IEnumerable<object?> ?? []).Select(c => (GraphValues.ToStringValue(c) ?? "").Trim()).ToList();
        errors.CheckYear(year, "year");
        if (title.Length == 0) errors.Add("A plan needs a title.", UserError.Required, "title");
        else if (title.Length > MaxTitle) errors.Add($"A title has at most {MaxTitle} characters.", UserError.Invalid, "title");
        if (summary?.Length > MaxText) errors.Add($"A summary has at most {MaxText} characters.", UserError.Invalid, "summary");
        if (codes.Count > MaxPriorities) errors.Add($"A plan addresses at most {MaxPriorities} priorities.", UserError.Invalid, "strategyPriorityCodes");
        for (var i = 0; i < codes.Count && i < MaxPriorities; i++)
            if (codes[i].Length == 0 || codes[i].Length > MaxCode || codes[i].Contains(';') || codes.IndexOf(codes[i]) != i)
                errors.Add($"\"{codes[i]}\" is not a priority code, or is given twice.", UserError.Invalid, "strategyPriorityCodes", i.ToString(CultureInfo.InvariantCulture));
        if (errors.Any) return Failed(errors);

        var boards = await BoardsOfAsync(ctx, consortiumCode, year!);
        if (boards.Count == 0)
        {
            errors.Add($"{consortiumCode} sits on no Health and Wellbeing Board in {year}: there is no board to share a plan with.", NotAMember, "consortiumCode");
            return Failed(errors);
        }
        // Each priority must be one of a published strategy for the year of a board the consortium sits on.
        var facts = await DirectoryLookups.FactsOfSubject(ctx).LoadManyAsync(codes);
        for (var i = 0; i < codes.Count; i++)
            if (!facts[i].OrEmpty().Any(f => f.Kind == RelationshipKind.StrategyPriorityBoard && f.HeldIn(year!) && boards.Contains(f.PartyCode)))
                errors.Add($"\"{codes[i]}\" is not a priority of a published {year} strategy of a board {consortiumCode} sits on ({string.Join(", ", boards)}).",
                    UnknownPriority, "strategyPriorityCodes", i.ToString(CultureInfo.InvariantCulture));
        if (errors.Any) return Failed(errors);

        var ct = ctx.CancellationToken;
        await using var db = await Contexts(ctx).CreateDbContextAsync(ct);
        if (!await db.Consortia.AnyAsync(c => c.Code == consortiumCode, ct))
        {
            errors.Add($"There is no consortium {consortiumCode}.", UserError.NotFound, "consortiumCode");
            return Failed(errors);
        }
        var plan = await db.CommissioningPlans.Include(p => p.Responses).FirstOrDefaultAsync(p => p.ConsortiumCode == consortiumCode && p.Year == year, ct);
        if (plan is null)
            db.CommissioningPlans.Add(plan = new CommissioningPlan { ConsortiumCode = consortiumCode, Year = year!, Title = title });
        else
        {
            if (db.ExpectRevision(plan, expectedRowVersion, errors, $"{consortiumCode} has a plan for {year}: send its rowVersion as expectedRowVersion.") is not null) return Failed(errors);
            if (plan.Status == CommissioningPlanStatus.Published)
            {
                errors.Add($"{consortiumCode}'s plan for {year} was published on {plan.PublishedOn:yyyy-MM-dd} and is final.", PlanPublished, "year");
                return Failed(errors);
            }
            // The boards answer the draft as now shared.
            plan.Responses.Clear();
        }
        plan.Title = title;
        plan.Summary = string.IsNullOrEmpty(summary) ? null : summary;
        plan.StrategyPriorityCodes = string.Join(";", codes);
        plan.Status = CommissioningPlanStatus.SharedWithHwb;
        plan.SharedOn = DateOnly.FromDateTime(ctx.Clock().GetUtcNow().UtcDateTime);
        plan.PublishedOn = null;
        return await SaveAsync(db, plan, errors, ct);
    }

    private static async Task<CommissioningPlanPayload> RespondAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var id = CommissioningPlanFields.IdOf(GraphValues.ToStringValue(input.Get("planId")));
        var boardCode = (GraphValues.ToStringValue(input.Get("healthAndWellbeingBoardCode")) ?? "").Trim();
        var view = GraphEnum.Parse<PlanView>(input.Get("view"));
        var statement = (GraphValues.ToStringValue(input.Get("statement")) ?? "").Trim();
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        if (id is null) errors.Add("That is not the id of a commissioning plan.", UserError.NotFound, "planId");
        if (statement.Length == 0) errors.Add("A response needs the board's statement.", UserError.Required, "statement");
        else if (statement.Length > MaxText) errors.Add($"A statement has at most {MaxText} characters.", UserError.Invalid, "statement");
        if (errors.Any) return Failed(errors);

        var ct = ctx.CancellationToken;
        await using var db = await Contexts(ctx).CreateDbContextAsync(ct);
        var plan = await db.CommissioningPlans.Include(p => p.Responses).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            errors.Add("There is no such commissioning plan.", UserError.NotFound, "planId");
            return Failed(errors);
        }
        if (expectedRowVersion != plan.RowVersion) { errors.Conflict(); return Failed(errors); }
        if (plan.Status != CommissioningPlanStatus.SharedWithHwb)
        {
            errors.Add($"The plan is {GraphEnum.Name(plan.Status)}: a board answers a plan shared with it (SHARED_WITH_HWB).", PlanNotShared, "planId");
            return Failed(errors);
        }
        if (!(await BoardsOfAsync(ctx, plan.ConsortiumCode, plan.Year)).Contains(boardCode))
        {
            errors.Add($"{plan.ConsortiumCode} does not sit on {boardCode} in {plan.Year}: its plan was not shared with that board.", NotAMember, "healthAndWellbeingBoardCode");
            return Failed(errors);
        }
        db.ExpectVersion(plan, expectedRowVersion!.Value);
        db.Entry(plan).Property(p => p.RowVersion).IsModified = true;   // the plan's version moves with its responses
        var response = plan.Responses.FirstOrDefault(r => r.BoardCode == boardCode);
        if (response is null) plan.Responses.Add(response = new PlanResponse { BoardCode = boardCode, Statement = statement });
        response.Statement = statement;
        response.View = view;
        response.ReceivedOn = DateOnly.FromDateTime(ctx.Clock().GetUtcNow().UtcDateTime);
        return await SaveAsync(db, plan, errors, ct);
    }

    private static async Task<CommissioningPlanPayload> SaveAsync(CommissioningDbContext db, CommissioningPlan plan, UserErrors errors, CancellationToken ct)
    {
        // A concurrent change, or a concurrent first share or response (the unique indexes); a database that is down is not a conflict.
        return await db.SaveOrConflictAsync(errors, ct) is null ? new(plan, []) : Failed(errors);
    }
}
