using System.Globalization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Graph.Modules.Commissioning.Graph.CommissioningLoaders;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>The payload of <c>submitContractActivity</c>: the month's activity, or what was wrong.</summary>
public sealed record SubmitContractActivityPayload(ContractActivitySubmission? ContractActivity, IReadOnlyList<UserError> UserErrors);

/// <summary>
/// Reading contract activity by responsible commissioner (<c>Contract.activity</c>, filtered in SQL by the type's
/// policies) and the arrangement fields that name bodies of any kind: <c>kind</c>, <c>leadOrganisation</c> (through the
/// directory, whichever module owns the body), <c>lead</c> (a consortium lead only) and <c>providers</c>.
/// </summary>
internal static class ContractActivityFields
{
    private static readonly string[] Policies = ["contractParty", "arrangementParty", "nhscb"];

    public static void Configure(SchemaBuilder b) => b
        .ResolveAsync<Contract>("Contract.activity", async (contract, ctx) =>
        {
            var visible = await RuleFilter.PredicateAsync(GovernedShapes.ContractActivity, ctx, Policies);
            var year = ctx.Arguments.GetValueOrDefault("year") as string;
            var month = ctx.Arguments.GetValueOrDefault("month") as int?;
            return (await VisibleActivityByContract(ctx, year, month, visible).LoadAsync(contract.Code)).OrEmpty();
        })
        .ResolveAsync<ContractActivitySubmission>("ContractActivity.contract", async (activity, ctx) => await ContractFor(ctx).LoadAsync(activity.ContractCode))
        .Resolve<ContractActivitySubmission>("ContractActivity.byCommissioner", a => a.Lines.OrderBy(l => l.CommissionerCode, StringComparer.Ordinal).ToList())
        .Resolve<ContractActivitySubmission>("ContractActivity.submittedAt", a => DateTime.SpecifyKind(a.SubmittedAt, DateTimeKind.Utc))
        .ResolveAsync<ContractActivityLine>("CommissionerActivity.commissioner", async (line, ctx) => await OrganisationAsync(ctx, line.CommissionerCode))

        .Resolve<LeadCommissioningArrangement>("LeadCommissioningArrangement.kind", a => GraphEnum.Name(a.Kind))
        .ResolveAsync<LeadCommissioningArrangement>("LeadCommissioningArrangement.leadOrganisation", async (arrangement, ctx) => await OrganisationAsync(ctx, arrangement.LeadCode))
        // `lead` predates leads of other kinds: it stays the consortium lead, and is null when the lead is another body.
        .ResolveAsync<LeadCommissioningArrangement>("LeadCommissioningArrangement.lead", async (arrangement, ctx) =>
            ArrangementKinds.LedByConsortium(arrangement.Kind) ? await ConsortiumFor(ctx).LoadAsync(arrangement.LeadCode) : null)
        .ResolveAsync<LeadCommissioningArrangement>("LeadCommissioningArrangement.providers", async (arrangement, ctx) =>
        {
            var contracts = await ContractByCode(ctx).LoadManyAsync(arrangement.Contracts.Select(c => c.ContractCode));
            var codes = contracts.Where(c => c is not null).Select(c => c!.ProviderCode).Distinct().Order(StringComparer.Ordinal).ToList();
            return (await ProviderByCode(ctx).LoadManyAsync(codes)).Where(p => p is not null).ToList();
        });

    /// <summary>Any body the directory knows: this module's own bodies in full, other modules' by reference (which their module,
    /// or federated their subgraph, resolves).</summary>
    private static async ValueTask<object?> OrganisationAsync(IResolveContext ctx, string code) =>
        await DirectoryLookups.OrganisationByCode(ctx).LoadAsync(code) switch
        {
            null => null,
            { TypeName: "Consortium" } => await ConsortiumFor(ctx).LoadAsync(code),
            { TypeName: "GpPractice" } => await PracticeFor(ctx).LoadAsync(code),
            { TypeName: "Provider" } => await ProviderByCode(ctx).LoadAsync(code),
            var other => new EntityReference(other.TypeName, other.Code),
        };
}

/// <summary>
/// <c>submitContractActivity</c>: the provider of a contract submits a month's activity by responsible commissioner. The
/// policy (<c>contractProvider</c> on <c>input.contractCode</c>) is decided before anything runs; the input is checked
/// into user errors; the submission and its lines are written in one <c>SaveChanges</c> (one transaction) or not at all;
/// a resubmission compares <c>expectedRowVersion</c> with the submission's (<c>CONFLICT</c> when stale).
/// </summary>
internal static class ContractActivityMutations
{
    public const string DuplicateCommissioner = "DUPLICATE_COMMISSIONER";
    public const string OutsideContract = "OUTSIDE_CONTRACT";
    private const int MaxLines = 100;
    private const int MaxActivity = 100_000_000;

    public static void Configure(SchemaBuilder builder) => builder
        .ResolveAsync("Mutation.submitContractActivity", async ctx => await SubmitAsync(ctx));

    private static SubmitContractActivityPayload Failed(UserErrors errors) => new(null, errors.List);

    private static async Task<SubmitContractActivityPayload> SubmitAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var contractCode = (GraphValues.ToStringValue(input.Get("contractCode")) ?? "").Trim();
        var year = GraphValues.ToStringValue(input.Get("year"));
        var month = GraphValues.ToInt(input.Get("month")) ?? 0;
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        errors.CheckYear(year, "year");
        if (month is < 1 or > 12) errors.Add("The month of a financial year runs from 1 (April) to 12 (March).", UserError.Invalid, "month");

        var lines = new List<ContractActivityLine>();
        var given = (input.Get("lines") as IEnumerable<object?> ?? []).ToList();
        if (given.Count == 0) errors.Add("Give at least one responsible commissioner's activity.", UserError.Required, "lines");
        else if (given.Count > MaxLines) errors.Add($"At most {MaxLines} commissioners' lines.", UserError.Invalid, "lines");
        else
        {
            for (var i = 0; i < given.Count; i++)
            {
                var line = given[i] as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
                var at = i.ToString(CultureInfo.InvariantCulture);
                var commissioner = (GraphValues.ToStringValue(line.Get("commissionerCode")) ?? "").Trim();
                var activity = GraphValues.ToInt(line.Get("activity"));
                // The shared amount rule, its errors placed at this line's cost.
                var amount = new UserErrors();
                var cost = amount.CheckAmount(line.Get("cost"), "cost");
                foreach (var e in amount.List) errors.Add(e.Message, e.Code, "lines", at, "cost");
                if (commissioner.Length == 0) errors.Add("A line needs the responsible commissioner's code.", UserError.Required, "lines", at, "commissionerCode");
                else if (lines.Any(l => l.CommissionerCode == commissioner))
                    errors.Add($"{commissioner} has more than one line: give each commissioner's activity once.", DuplicateCommissioner, "lines", at, "commissionerCode");
                if (activity is null or < 0 or > MaxActivity) errors.Add($"Activity is a whole number from 0 to {MaxActivity}.", UserError.Invalid, "lines", at, "activity");
                lines.Add(new ContractActivityLine { CommissionerCode = commissioner, Activity = activity ?? 0, Cost = cost ?? 0m });
            }
            // Every commissioner must be a body the directory knows (one batched lookup).
            var known = await DirectoryLookups.OrganisationByCode(ctx).LoadManyAsync(lines.Select(l => l.CommissionerCode).Where(c => c.Length > 0).Distinct());
            var knownCodes = known.Where(o => o is not null).Select(o => o!.Code).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < lines.Count; i++)
                if (lines[i].CommissionerCode.Length > 0 && !knownCodes.Contains(lines[i].CommissionerCode))
                    errors.Add($"There is no organisation {lines[i].CommissionerCode}.", UserError.NotFound, "lines", i.ToString(CultureInfo.InvariantCulture), "commissionerCode");
        }
        if (errors.Any) return Failed(errors);

        var ct = ctx.CancellationToken;
        await using var db = await Contexts(ctx).CreateDbContextAsync(ct);
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Code == contractCode, ct);
        if (contract is null)
        {
            errors.Add($"There is no contract {contractCode}.", UserError.NotFound, "contractCode");
            return Failed(errors);
        }
        var monthStart = FinancialYear.MonthStart(year!, month);
        if (FinancialYear.MonthEnd(year!, month) < contract.StartDate || (contract.EndDate is { } end && monthStart > end))
        {
            errors.Add($"{contract.Code} does not run in {year} month {month}.", OutsideContract, "month");
            return Failed(errors);
        }

        var submission = await db.ContractActivitySubmissions.Include(s => s.Lines)
            .FirstOrDefaultAsync(s => s.ContractCode == contract.Code && s.Year == year && s.Month == month, ct);
        if (submission is null)
        {
            db.ContractActivitySubmissions.Add(submission = new ContractActivitySubmission { ContractCode = contract.Code, Year = year!, Month = month, ProviderCode = contract.ProviderCode });
        }
        else
        {
            if (db.ExpectRevision(submission, expectedRowVersion, errors, $"{contract.Code}'s activity for {year} month {month} was submitted: send its rowVersion as expectedRowVersion to resubmit it.") is not null) return Failed(errors);
            db.ContractActivityLines.RemoveRange(submission.Lines);
            submission.Lines.Clear();
        }
        submission.Lines.AddRange(lines);
        submission.ProviderCode = contract.ProviderCode;
        submission.SubmittedAt = ctx.Clock().GetUtcNow().UtcDateTime;
        // A concurrent change, or a concurrent first submission of the same month (the unique index); a database that is down is not a conflict.
        return await db.SaveOrConflictAsync(errors, ct) is null ? new(submission, []) : Failed(errors);
    }
}
