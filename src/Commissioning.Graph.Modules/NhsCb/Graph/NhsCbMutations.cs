using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.NhsCb.Graph;

public sealed record RecordAllocationPayload(Allocation? Allocation, IReadOnlyList<UserError> UserErrors);
public sealed record SubmitDutyEvidencePayload(DutyEvidence? Evidence, IReadOnlyList<UserError> UserErrors);
public sealed record RecordAssuranceAssessmentPayload(AssuranceAssessment? Assessment, IReadOnlyList<UserError> UserErrors);

/// <summary>The NHS CB's writes: validated into user errors, one transaction, guarded by the version the client read.</summary>
internal static class NhsCbMutations
{
    public static void Configure(SchemaBuilder builder) => builder
        .ResolveAsync("Mutation.recordAllocation", async ctx => await RecordAllocationAsync(ctx))
        .ResolveAsync("Mutation.submitDutyEvidence", async ctx => await SubmitDutyEvidenceAsync(ctx))
        .ResolveAsync("Mutation.recordAssuranceAssessment", async ctx => await RecordAssuranceAssessmentAsync(ctx));

    private const int MaxSummary = 4000, MaxFinding = 2000;

    private static string? CheckText(UserErrors errors, object? value, int max, string what, params string[] path)
    {
        var text = (GraphValues.ToStringValue(value) ?? "").Trim();
        if (text.Length == 0) errors.Add($"{what} is required.", UserError.Required, path);
        else if (text.Length > max) errors.Add($"{what} has at most {max} characters.", UserError.Invalid, path);
        else return text;
        return null;
    }

    private static async Task<SubmitDutyEvidencePayload> SubmitDutyEvidenceAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var consortiumCode = (GraphValues.ToStringValue(input.Get("consortiumCode")) ?? "").Trim();
        var year = GraphValues.ToStringValue(input.Get("year"));
        var duty = GraphEnum.Parse<StatutoryDuty>(input.Get("duty"));
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        errors.CheckConsortiumCode(consortiumCode);
        errors.CheckYear(year, "year");
        var summary = CheckText(errors, input.Get("summary"), MaxSummary, "A summary", "summary");
        if (errors.Any) return new(null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await ctx.DbFactory<NhsCbDbContext>().CreateDbContextAsync(ct);
        var evidence = await db.DutyEvidence.FirstOrDefaultAsync(e => e.ConsortiumCode == consortiumCode && e.Year == year && e.Duty == duty, ct);
        if (evidence is null)
            db.DutyEvidence.Add(evidence = new DutyEvidence { ConsortiumCode = consortiumCode, Year = year!, Duty = duty, Summary = summary! });
        else
        {
            if (db.ExpectRevision(evidence, expectedRowVersion, errors, $"Evidence on {GraphEnum.Name(duty)} for {year} exists: send its rowVersion as expectedRowVersion to revise it.") is { } stale)
                return new(null, [stale]);
            evidence.Summary = summary!;
        }
        evidence.SubmittedAt = ctx.Clock().GetUtcNow().UtcDateTime;
        // A concurrent revision, or a concurrent first submission.
        return await db.SaveOrConflictAsync(errors, ct) is { } conflict ? new(null, [conflict]) : new(evidence, []);
    }

    private static async Task<RecordAssuranceAssessmentPayload> RecordAssuranceAssessmentAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var consortiumCode = (GraphValues.ToStringValue(input.Get("consortiumCode")) ?? "").Trim();
        var year = GraphValues.ToStringValue(input.Get("year"));
        var rating = GraphEnum.Parse<AssuranceRating>(input.Get("rating"));
        var assessedOn = GraphValues.ToDate(input.Get("assessedOn"));
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        errors.CheckConsortiumCode(consortiumCode);
        errors.CheckYear(year, "year");
        if (assessedOn is null) errors.Add("An assessment needs the day it was made.", UserError.Required, "assessedOn");

        var findings = new List<DutyFinding>();
        var index = 0;
        foreach (var item in input.Get("dutyFindings") as IEnumerable<object?> ?? [])
        {
            var at = (index++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var f = item as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
            var duty = GraphEnum.Parse<StatutoryDuty>(f.Get("duty"));
            var text = CheckText(errors, f.Get("finding"), MaxFinding, "A finding", "dutyFindings", at, "finding");
            if (findings.Any(x => x.Duty == duty))
                errors.Add($"The duty {GraphEnum.Name(duty)} is given twice.", UserError.Invalid, "dutyFindings", at, "duty");
            else if (text is not null)
                findings.Add(new DutyFinding { Duty = duty, Rating = GraphEnum.Parse<AssuranceRating>(f.Get("rating")), Finding = text });
        }
        List<AssuranceCheckpoint>? checkpoints = null;
        if (input.Get("checkpoints") is IEnumerable<object?> given)
        {
            checkpoints = [];
            index = 0;
            foreach (var item in given)
            {
                var at = (index++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var c = item as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
                var quarter = GraphValues.ToInt(c.Get("quarter")) ?? 0;
                var text = CheckText(errors, c.Get("finding"), MaxFinding, "A finding", "checkpoints", at, "finding");
                var recordedOn = GraphValues.ToDate(c.Get("recordedOn"));
                if (quarter is < 1 or > 4) errors.Add("A quarter is 1 to 4.", UserError.Invalid, "checkpoints", at, "quarter");
                else if (checkpoints.Any(x => x.Quarter == quarter)) errors.Add($"Quarter {quarter} is given twice.", UserError.Invalid, "checkpoints", at, "quarter");
                else if (text is not null && recordedOn is not null)
                    checkpoints.Add(new AssuranceCheckpoint { Quarter = quarter, Finding = text, RecordedOn = recordedOn.Value });
            }
        }
        if (errors.Any) return new(null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await ctx.DbFactory<NhsCbDbContext>().CreateDbContextAsync(ct);
        var assessment = await db.AssuranceAssessments.Include(a => a.DutyFindings).Include(a => a.Checkpoints)
            .FirstOrDefaultAsync(a => a.ConsortiumCode == consortiumCode && a.Year == year, ct);
        if (assessment is null)
            db.AssuranceAssessments.Add(assessment = new AssuranceAssessment { ConsortiumCode = consortiumCode, Year = year! });
        else
        {
            // Annual: one per consortium and year, revised in place; the client must show which version it read.
            if (db.ExpectRevision(assessment, expectedRowVersion, errors, $"The {year} assessment exists: send its rowVersion as expectedRowVersion to revise it.") is { } stale)
                return new(null, [stale]);
            db.DutyFindings.RemoveRange(assessment.DutyFindings);
            assessment.DutyFindings.Clear();
            if (checkpoints is not null)
            {
                db.AssuranceCheckpoints.RemoveRange(assessment.Checkpoints);
                assessment.Checkpoints.Clear();
            }
            // The assessment row itself changes (its version), even when only findings do.
            db.Entry(assessment).State = EntityState.Modified;
        }
        assessment.Rating = rating;
        assessment.AssessedOn = assessedOn!.Value;
        assessment.Summary = GraphValues.ToStringValue(input.Get("summary"))?.Trim();
        assessment.FinanceFinding = GraphValues.ToStringValue(input.Get("financeFinding"))?.Trim();
        assessment.QualityFinding = GraphValues.ToStringValue(input.Get("qualityFinding"))?.Trim();
        assessment.DutyFindings.AddRange(findings);
        if (checkpoints is not null) assessment.Checkpoints.AddRange(checkpoints);
        // One SaveChanges: the assessment, its findings and checkpoints in one transaction.
        return await db.SaveOrConflictAsync(errors, ct) is { } conflict ? new(null, [conflict]) : new(assessment, []);
    }

    private static async Task<RecordAllocationPayload> RecordAllocationAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var consortiumCode = (GraphValues.ToStringValue(input.Get("consortiumCode")) ?? "").Trim();
        var year = GraphValues.ToStringValue(input.Get("year"));
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        errors.CheckConsortiumCode(consortiumCode);
        errors.CheckYear(year, "year");
        var programme = errors.CheckAmount(input.Get("programmeBudget"), "programmeBudget");
        var running = errors.CheckAmount(input.Get("runningCostsAllowance"), "runningCostsAllowance");
        var revenue = errors.CheckAmount(input.Get("revenueResourceLimit"), "revenueResourceLimit");
        var capital = errors.CheckAmount(input.Get("capitalResourceLimit"), "capitalResourceLimit");
        if (errors.Any) return new(null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await ctx.DbFactory<NhsCbDbContext>().CreateDbContextAsync(ct);
        var allocation = await db.Allocations.FirstOrDefaultAsync(a => a.ConsortiumCode == consortiumCode && a.Year == year, ct);
        if (allocation is null)
        {
            db.Allocations.Add(allocation = new Allocation { ConsortiumCode = consortiumCode, Year = year! });
        }
        else
        {
            // Revising: the client must show which version it read, so two revisions never overwrite each other unseen.
            if (db.ExpectRevision(allocation, expectedRowVersion, errors, "This allocation exists: send its rowVersion as expectedRowVersion to revise it.") is { } stale)
                return new(null, [stale]);
        }
        (allocation.ProgrammeBudget, allocation.RunningCostsAllowance, allocation.RevenueResourceLimit, allocation.CapitalResourceLimit) =
            (programme!.Value, running!.Value, revenue!.Value, capital!.Value);
        allocation.RecordedAt = ctx.Clock().GetUtcNow().UtcDateTime;
        try
        {
            // The limits a return's duties are judged against live in the directory for every subgraph: written to the outbox
            // in the same transaction, delivered before the payload returns so that the writer sees them at once.
            await db.SaveChangesWithFactsAsync(() => new([], [], [NhsCbDirectoryFacts.Limit(allocation)]), ct);
            await Directory.DirectoryOutbox.DeliverNowAsync(ctx.Services, ct);
            return new(allocation, []);
        }
        catch (DbUpdateException e) when (!DatabaseResilience.IsTransient(e)) { return new(null, [errors.Conflict()]); } // a concurrent revision, or a concurrent first recording (a database that is down is not a conflict)
    }
}
