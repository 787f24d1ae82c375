using System.Globalization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Events;
using Commissioning.Graph.Modules.Shared.Lists;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Graph.Modules.Commissioning.Graph.CommissioningLoaders;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>The payload of every arrangement-statement mutation: the statement, or what was wrong.</summary>
public sealed record ArrangementStatementPayload(ArrangementStatement? Statement, IReadOnlyList<UserError> UserErrors);

/// <summary>Reading arrangement statements: the list under an arrangement (filtered in SQL) and the statement's fields.</summary>
public static class ArrangementStatementFields
{
    private static readonly string[] Policies = ["arrangementParty", "nhscb"];

    /// <summary>The database id in a statement's global id; null when it is not one.</summary>
    public static int? IdOf(string? globalId) =>
        int.TryParse(GlobalId.KeyOf(globalId, "ArrangementStatement"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    internal static void Configure(SchemaBuilder b) => b
        .ResolveAsync<LeadCommissioningArrangement>("LeadCommissioningArrangement.statements", async (arrangement, ctx) =>
        {
            // Only the statements the caller may read are loaded (the type's policies as SQL); the type's rules still check each.
            var visible = await RuleFilter.PredicateAsync(GovernedShapes.ArrangementStatement, ctx, Policies);
            var year = ctx.Arguments.GetValueOrDefault("year") as string;
            var month = ctx.Arguments.GetValueOrDefault("month") as int?;
            var all = (await VisibleStatementsByArrangement(ctx, year, month, visible).LoadAsync(arrangement.Code)).OrEmpty();
            return ctx.Arguments.GetValueOrDefault("associate") is string associate ? all.Where(s => s.AssociateCode == associate).ToList() : all;
        })
        .ResolveAsync<Consortium>("Consortium.arrangementStatements", async (consortium, ctx) =>
        {
            var visible = await RuleFilter.PredicateAsync(GovernedShapes.ArrangementStatement, ctx, Policies);
            var year = ctx.Arguments.GetValueOrDefault("year") as string;
            var month = ctx.Arguments.GetValueOrDefault("month") as int?;
            var all = (await VisibleStatementsByAssociate(ctx, year, month, visible).LoadAsync(consortium.Code)).OrEmpty();
            return ctx.Arguments.GetValueOrDefault("status") is string status ? all.Where(s => GraphEnum.Name(s.Status) == status).ToList() : all;
        })
        // The connections list exactly the rows the plain lists do: the type's policies as SQL (arrangementParty|nhscb).
        .ResolveAsync<LeadCommissioningArrangement>("LeadCommissioningArrangement.statementsConnection", async (arrangement, ctx) => await Connections.ChildAsync(ctx, CommissioningLists.ArrangementStatement,
            new ChildListSource<CommissioningDbContext, LeadCommissioningArrangement, string, ArrangementStatement>
            {
                Name = "commissioning.statementsConnection", Rows = db => db.ArrangementStatements, DefaultOrder = "year, month",
                Governed = GovernedShapes.ArrangementStatement, RowPolicies = Policies,
                Parents = db => db.LeadCommissioningArrangements, ParentKey = a => a.Code, ParentKeyOf = s => s.ArrangementCode,
            }, arrangement.Code))
        .ResolveAsync<Consortium>("Consortium.arrangementStatementsConnection", async (source, ctx) => await Connections.ChildAsync(ctx, CommissioningLists.ArrangementStatement,
            new ChildListSource<CommissioningDbContext, Consortium, string, ArrangementStatement>
            {
                Name = "commissioning.arrangementStatementsConnection", Rows = db => db.ArrangementStatements, DefaultOrder = "year, month",
                Governed = GovernedShapes.ArrangementStatement, RowPolicies = Policies,
                // The consortium is the associate (the owner) of every statement of its list.
                Parents = db => db.Consortia, ParentKey = c => c.Code, ParentKeyOf = s => s.AssociateCode, Owner = code => code,
            }, source.Code))
        .ResolveTotalCounts("ArrangementStatementConnection")
        .Resolve<ArrangementStatement>("ArrangementStatement.id", s => GlobalId.Encode("ArrangementStatement", s.Id.ToString(CultureInfo.InvariantCulture)))
        .ResolveAsync<ArrangementStatement>("ArrangementStatement.arrangement", async (arrangementStatement, ctx) => await ArrangementByCode(ctx).LoadAsync(arrangementStatement.ArrangementCode))
        .ResolveAsync<ArrangementStatement>("ArrangementStatement.associate", async (arrangementStatement, ctx) => await ConsortiumFor(ctx).LoadAsync(arrangementStatement.AssociateCode))
        .Resolve<ArrangementStatement>("ArrangementStatement.share", s => s.SharePercent)
        .Resolve<ArrangementStatement>("ArrangementStatement.status", s => GraphEnum.Name(s.Status))
        .Resolve<ArrangementStatement>("ArrangementStatement.issuedAt", s => DateTime.SpecifyKind(s.IssuedAt, DateTimeKind.Utc))
        .Resolve<ArrangementStatement>("ArrangementStatement.respondedAt", s => s.RespondedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : (DateTime?)null);
}

/// <summary>
/// Issuing, agreeing and disputing arrangement statements. The policies (<c>arrangementLead</c> on the arrangement the
/// input names; <c>self</c> on the statement's associate) are decided before anything runs; each mutation then checks
/// its input into user errors, writes in one <c>SaveChanges</c> (one transaction) or not at all, and compares the
/// client's <c>expectedRowVersion</c> with the statement's (<c>CONFLICT</c> when stale).
/// </summary>
internal static class ArrangementStatementMutations
{
    public const string StatementAgreed = "STATEMENT_AGREED";
    public const string StatementNotIssued = "STATEMENT_NOT_ISSUED";
    public const string NoPerformance = "NO_PERFORMANCE";
    public const string NotAnAssociate = "NOT_AN_ASSOCIATE";
    private const int MaxReason = 2000;

    public static void Configure(SchemaBuilder builder) => builder
        .ResolveAsync("Mutation.issueArrangementStatement", async ctx => await IssueAsync(ctx))
        .ResolveAsync("Mutation.agreeArrangementStatement", async ctx => await RespondAsync(ctx, dispute: false))
        .ResolveAsync("Mutation.disputeArrangementStatement", async ctx => await RespondAsync(ctx, dispute: true));

    private static ArrangementStatementPayload Failed(UserErrors errors) => new(null, errors.List);

    private static async Task<ArrangementStatementPayload> IssueAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var arrangementCode = (GraphValues.ToStringValue(input.Get("arrangementCode")) ?? "").Trim();
        var associateCode = (GraphValues.ToStringValue(input.Get("associateCode")) ?? "").Trim();
        var year = GraphValues.ToStringValue(input.Get("year"));
        var month = GraphValues.ToInt(input.Get("month")) ?? 0;
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        errors.CheckYear(year, "year");
        if (month is < 1 or > 12) errors.Add("The month of a financial year runs from 1 (April) to 12 (March).", UserError.Invalid, "month");
        if (errors.Any) return Failed(errors);

        var ct = ctx.CancellationToken;
        await using var db = await Contexts(ctx).CreateDbContextAsync(ct);
        var arrangement = await db.LeadCommissioningArrangements.AsNoTracking().Include(a => a.Associates).Include(a => a.Contracts)
            .FirstOrDefaultAsync(a => a.Code == arrangementCode, ct);
        if (arrangement is null)
        {
            errors.Add($"There is no arrangement {arrangementCode}.", UserError.NotFound, "arrangementCode");
            return Failed(errors);
        }
        var associate = arrangement.Associates.FirstOrDefault(a => a.ConsortiumCode == associateCode);
        if (associate is null)
        {
            errors.Add($"{associateCode} is not an associate in {arrangement.Code}.", NotAnAssociate, "associateCode");
            return Failed(errors);
        }
        var monthStart = FinancialYear.MonthStart(year!, month);
        if (monthStart < arrangement.StartDate || (arrangement.EndDate is { } end && monthStart > end))
        {
            errors.Add($"{arrangement.Code} does not run in {year} month {month}.", UserError.Invalid, "month");
            return Failed(errors);
        }

        // The month's performance of every contract the arrangement covers.
        var contracts = arrangement.Contracts.Select(c => c.ContractCode).ToList();
        var performance = await db.ContractPerformance.AsNoTracking()
            .Where(p => contracts.Contains(p.ContractCode) && p.Year == year && p.Month == month).ToListAsync(ct);
        if (performance.Count == 0)
        {
            errors.Add($"No performance is recorded for {year} month {month} on the contracts {arrangement.Code} covers.", NoPerformance, "month");
            return Failed(errors);
        }
        var contractActivity = performance.Sum(p => p.ActivityActual);
        var contractCost = performance.Sum(p => p.CostActual);
        var (activity, cost) = ArrangementRecharges.PartOf(associate.SharePercent, contractActivity, contractCost);

        var statement = await db.ArrangementStatements.FirstOrDefaultAsync(
            s => s.ArrangementCode == arrangement.Code && s.AssociateCode == associateCode && s.Year == year && s.Month == month, ct);
        if (statement is null)
        {
            db.ArrangementStatements.Add(statement = new ArrangementStatement { ArrangementCode = arrangement.Code, AssociateCode = associateCode, Year = year!, Month = month });
        }
        else
        {
            if (db.ExpectRevision(statement, expectedRowVersion, errors, $"A statement to {associateCode} for {year} month {month} exists: send its rowVersion as expectedRowVersion to re-issue it.") is not null) return Failed(errors);
            if (statement.Status == ArrangementStatementStatus.Agreed)
            {
                errors.Add($"The statement to {associateCode} for {year} month {month} is AGREED and final.", StatementAgreed, "month");
                return Failed(errors);
            }
        }
        statement.SharePercent = associate.SharePercent;
        (statement.Activity, statement.Cost) = (activity, cost);
        (statement.ContractActivity, statement.ContractCost) = (contractActivity, contractCost);
        statement.Status = ArrangementStatementStatus.Issued;
        statement.IssuedAt = ctx.Clock().GetUtcNow().UtcDateTime;
        statement.RespondedAt = null;
        statement.DisputeReason = null;
        var saved = await SaveAsync(db, statement, errors, ct);
        // After the commit: the lead, the statement's associate and the NHS CB may be watching the arrangement.
        if (saved.Statement is { } issued) await ctx.PublishEventAsync(GraphEventTopics.ArrangementStatementIssued, issued.Id, issued.ArrangementCode);
        return saved;
    }

    private static async Task<ArrangementStatementPayload> RespondAsync(IResolveContext ctx, bool dispute)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var id = ArrangementStatementFields.IdOf(GraphValues.ToStringValue(input.Get("statementId")));
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        string? reason = null;
        if (id is null) errors.Add("That is not the id of an arrangement statement.", UserError.NotFound, "statementId");
        if (dispute)
        {
            reason = (GraphValues.ToStringValue(input.Get("reason")) ?? "").Trim();
            if (reason.Length == 0) errors.Add("A dispute needs a reason.", UserError.Required, "reason");
            else if (reason.Length > MaxReason) errors.Add($"A reason has at most {MaxReason} characters.", UserError.Invalid, "reason");
        }
        if (errors.Any) return Failed(errors);

        var ct = ctx.CancellationToken;
        await using var db = await Contexts(ctx).CreateDbContextAsync(ct);
        var statement = await db.ArrangementStatements.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (statement is null)
        {
            errors.Add("There is no such arrangement statement.", UserError.NotFound, "statementId");
            return Failed(errors);
        }
        if (expectedRowVersion != statement.RowVersion) { errors.Conflict(); return Failed(errors); }
        if (statement.Status != ArrangementStatementStatus.Issued)
        {
            errors.Add($"The statement is {GraphEnum.Name(statement.Status)}: only an ISSUED statement can be agreed or disputed.", StatementNotIssued, "statementId");
            return Failed(errors);
        }
        db.ExpectVersion(statement, expectedRowVersion!.Value);
        statement.Status = dispute ? ArrangementStatementStatus.Disputed : ArrangementStatementStatus.Agreed;
        statement.DisputeReason = reason;
        statement.RespondedAt = ctx.Clock().GetUtcNow().UtcDateTime;
        return await SaveAsync(db, statement, errors, ct);
    }

    private static async Task<ArrangementStatementPayload> SaveAsync(CommissioningDbContext db, ArrangementStatement statement, UserErrors errors, CancellationToken ct)
    {
        // A concurrent change, or a concurrent first issue of the same month (the unique index); a database that is down is not a conflict.
        return await db.SaveOrConflictAsync(errors, ct) is null ? new(statement, []) : Failed(errors);
    }
}

/// <summary>
/// <c>Subscription.arrangementStatementIssued(arrangement:)</c> (DOMAIN.md "Events"): each statement the lead issues under
/// the arrangement, read afresh. Subscribing is refused (<c>POLICY</c>) to anyone who is not a party of the arrangement or
/// the NHS CB; each event then reaches only the subscribers the field's policies let read it — the lead
/// (<c>arrangementLead</c>), the statement's own associate (<c>self</c>) and the NHS CB — and each delivery across an
/// organisation boundary is recorded as a disclosure.
/// </summary>
internal static class ArrangementStatementEvents
{
    private static readonly string[] Subscribers = ["arrangementParty", "nhscb"];

    public static void Configure(SchemaBuilder builder) => builder
        .Subscriber("Subscription.arrangementStatementIssued", async ctx =>
        {
            var arrangement = (string)ctx.Arguments["arrangement"]!;
            // Decided from the caller and the directory by the policies' own rules, before any event (an execution without
            // a subject, as in-process tools run, is not refused — as RuleFilter filters nothing for it).
            if (RuleFilter.Subject(ctx) is { } subject
                && (subject.Organisation is not { } caller || !await RuleEvaluator.DecideAsync(PolicyRules.AnyOf(Subscribers),
                    GovernedShapes.References["LeadCommissioningArrangement"], new EntityReference("LeadCommissioningArrangement", arrangement), caller, ctx)))
                throw Engine.Authorization.AuthorizationTransform.PolicyRefusal(ctx, ["arrangementParty"], ["nhscb"]);
            return GraphEventResolving.EventStream(ctx, GraphEventTopics.ArrangementStatementIssued, scope => scope == arrangement, LoadAsync);
        })
        .Resolve("Subscription.arrangementStatementIssued", ctx => ctx.Source);

    // Read outside the executor's batching (an event arrives on its own): one query per event and subscriber.
    private static async Task<object?> LoadAsync(IResolveContext ctx, long id, CancellationToken ct)
    {
        await using var db = await Contexts(ctx).CreateDbContextAsync(ct);
        return await db.ArrangementStatements.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
    }
}
