using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Events;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>The payload of every financial-return mutation: the return, or what was wrong.</summary>
public sealed record FinancialReturnPayload(FinancialReturn? FinancialReturn, IReadOnlyList<UserError> UserErrors);

/// <summary>
/// Submitting, accepting and querying financial returns. Each mutation writes in one
/// <c>SaveChanges</c> (one transaction) or not at all, and carries optimistic concurrency: the client
/// sends back the <c>rowVersion</c> it read, and a writer that lost the race gets a <c>CONFLICT</c>
/// user error instead of overwriting.
/// <para>The versions of a period form one line: figures change only on the latest version, a new
/// version bumps its predecessor's row version in the same transaction and starts above it, and only
/// the latest version may be reviewed. So the latest version's <c>rowVersion</c> only ever grows, and
/// a client that read any earlier state of the period cannot match it.</para>
/// </summary>
internal static class FinancialReturnMutations
{
    public const string Conflict = "CONFLICT";

    public static void Configure(SchemaBuilder builder) => builder
        .ResolveAsync("Mutation.submitFinancialReturn", ctx => SaveAsync(ctx, submit: true))
        .ResolveAsync("Mutation.saveFinancialReturnDraft", ctx => SaveAsync(ctx, submit: false))
        .ResolveAsync("Mutation.acceptFinancialReturn", ctx => ReviewAsync(ctx, (r, _, now) => r.Accept(now)))
        .ResolveAsync("Mutation.queryFinancialReturn", ctx => ReviewAsync(ctx, (r, input, now) => r.Query(input.GetValueOrDefault("reason") as string ?? "", now)));

    private static FinancialReturnPayload Failed(IEnumerable<UserError> errors) => new(null, errors.ToList());
    private static FinancialReturnPayload Failed(string message, string code, params string[] path) => new(null, [new UserError(message, path, code)]);

    // ---- submit, or save a draft

    private sealed record Figures(decimal Plan, decimal YearToDateActual, decimal ForecastOutturn);
    private sealed record Line(ProgrammeBudgetCategory Category, Figures Figures);
    private sealed record PracticeLine(string PracticeCode, Figures Figures);

    /// <summary>
    /// Submits a return (<paramref name="submit"/>), or saves it as a draft: the period's open draft revised in place, else a
    /// new version (the first, or the next after a submitted one). The consortium submits; a draft may also be saved by a
    /// commissioning support organisation acting for it (<c>supportFor</c>) — the same validation, never a submission.
    /// </summary>
    private static async Task<object?> SaveAsync(IResolveContext ctx, bool submit)
    {
        var input = (IReadOnlyDictionary<string, object?>)ctx.Arguments["input"]!;
        var errors = new List<UserError>();
        void Error(string message, string code, params object[] path) =>
            errors.Add(new UserError(message, ["input", .. path.Select(p => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)!)], code));

        var consortiumCode = (string)input["consortiumCode"]!;
        var year = (string)input["year"]!;
        var month = (int)input["month"]!;
        var expectedRowVersion = input.GetValueOrDefault("expectedRowVersion") as int?;
        if (!FinancialYear.IsValid(year)) Error(FinancialYearArguments.Problem(year), "INVALID_YEAR", "year");
        if (month is < 1 or > 12) Error("The month of a financial year runs from 1 (April) to 12 (March).", "INVALID_MONTH", "month");

        Figures? ReadFigures(object? value, params object[] path)
        {
            if (value is not IReadOnlyDictionary<string, object?> f) return null;
            decimal Amount(string field)
            {
                var amount = GraphValues.ToDecimal(f.GetValueOrDefault(field), System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint);
                if (amount is null) { Error($"{field} is not a decimal amount.", "INVALID_AMOUNT", [.. path, field]); return 0; }
                if (amount < 0) Error($"{field} cannot be negative.", "NEGATIVE_AMOUNT", [.. path, field]);
                else if (decimal.Round(amount.Value, 2) != amount) Error($"{field} has more than two decimal places (amounts are in pounds and pence).", "INVALID_AMOUNT", [.. path, field]);
                return amount.Value;
            }
            return new Figures(Amount("plan"), Amount("yearToDateActual"), Amount("forecastOutturn"));
        }

        var lines = new List<Line>();
        var rawLines = (IReadOnlyList<object?>)input["lines"]!;
        if (rawLines.Count == 0) Error("A return needs at least one programme budget line.", "LINES_REQUIRED", "lines");
        for (var i = 0; i < rawLines.Count; i++)
        {
            var raw = (IReadOnlyDictionary<string, object?>)rawLines[i]!;
            var category = GraphEnum.Parse<ProgrammeBudgetCategory>(raw["category"]);
            if (lines.Any(l => l.Category == category))
                Error($"{GraphEnum.Name(category)} appears more than once; each category has at most one line.", "DUPLICATE_CATEGORY", "lines", i, "category");
            lines.Add(new Line(category, ReadFigures(raw, "lines", i)!));
        }
        var runningCosts = ReadFigures(input["runningCosts"], "runningCosts")!;
        var capital = ReadFigures(input["capital"], "capital")!;
        var income = ReadFigures(input.GetValueOrDefault("income"), "income") ?? new Figures(0, 0, 0);
        var resourceUse = ReadFigures(input.GetValueOrDefault("resourceUse"), "resourceUse");
        var totals = new Figures(lines.Sum(l => l.Figures.Plan), lines.Sum(l => l.Figures.YearToDateActual), lines.Sum(l => l.Figures.ForecastOutturn));
        if (ReadFigures(input.GetValueOrDefault("programmeTotals"), "programmeTotals") is { } declared && declared != totals)
            Error($"The programme totals do not add up: the lines give plan {totals.Plan}, year to date {totals.YearToDateActual}, forecast {totals.ForecastOutturn}.",
                "TOTALS_MISMATCH", "programmeTotals");

        var breakdown = new List<PracticeLine>();
        if (input.GetValueOrDefault("practiceBreakdown") is IReadOnlyList<object?> rawBreakdown)
        {
            for (var i = 0; i < rawBreakdown.Count; i++)
            {
                var raw = (IReadOnlyDictionary<string, object?>)rawBreakdown[i]!;
                var code = (string)raw["practiceCode"]!;
                if (breakdown.Any(p => p.PracticeCode == code))
                    Error($"Practice {code} appears more than once in the breakdown.", "DUPLICATE_PRACTICE", "practiceBreakdown", i, "practiceCode");
                breakdown.Add(new PracticeLine(code, ReadFigures(raw, "practiceBreakdown", i)!));
            }
            var sum = new Figures(breakdown.Sum(p => p.Figures.Plan), breakdown.Sum(p => p.Figures.YearToDateActual), breakdown.Sum(p => p.Figures.ForecastOutturn));
            if (breakdown.Count > 0 && sum != totals)
                Error("The practice breakdown does not add up to the programme budget lines.", "BREAKDOWN_MISMATCH", "practiceBreakdown");
        }
        if (errors.Count > 0) return Failed(errors);

        await using var db = await CommissioningLoaders.Contexts(ctx).CreateDbContextAsync(ctx.CancellationToken);
        var ct = ctx.CancellationToken;
        if (!await db.Consortia.AnyAsync(c => c.Code == consortiumCode, ct))
            return Failed($"There is no consortium {consortiumCode}.", "NOT_FOUND", "input", "consortiumCode");
        if (breakdown.Count > 0)
        {
            var (from, to) = (FinancialYear.MonthStart(year, month), FinancialYear.MonthEnd(year, month));
            var members = (await db.ConsortiumMemberships
                .Where(m => m.ConsortiumCode == consortiumCode && m.From <= to && (m.To == null || m.To >= from))
                .Select(m => m.PracticeCode).ToListAsync(ct)).ToHashSet();
            for (var i = 0; i < breakdown.Count; i++)
                if (!members.Contains(breakdown[i].PracticeCode))
                    Error($"Practice {breakdown[i].PracticeCode} was not a member of {consortiumCode} in that month.", "UNKNOWN_PRACTICE", "practiceBreakdown", i, "practiceCode");
            if (errors.Count > 0) return Failed(errors);
        }

        var latest = await db.FinancialReturns.Include(r => r.Lines).Include(r => r.PracticeBreakdown)
            .Where(r => r.ConsortiumCode == consortiumCode && r.Year == year && r.Month == month)
            .OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        if (latest is null && expectedRowVersion is not null)
            return Failed("The client expected an existing return, but the period has none.", Conflict, "input", "expectedRowVersion");
        if (latest is not null && expectedRowVersion != latest.RowVersion)
            return Failed(expectedRowVersion is null
                    ? $"The period already has version {latest.Version}; send its rowVersion as expectedRowVersion."
                    : $"Version {latest.Version} of this return has changed since it was read (rowVersion {latest.RowVersion}, expected {expectedRowVersion}); read it again.",
                Conflict, "input", "expectedRowVersion");

        var now = DateTime.UtcNow;
        FinancialReturn target;
        if (latest is { IsEditable: true })
        {
            // Revise (and, submitting, complete) the open draft in place.
            target = latest;
            db.ExpectVersion(target, expectedRowVersion!.Value);
            foreach (var gone in target.Lines.Where(l => lines.All(n => n.Category != l.Category)).ToList()) { target.Lines.Remove(gone); db.Remove(gone); }
            foreach (var gone in target.PracticeBreakdown.Where(p => breakdown.All(n => n.PracticeCode != p.PracticeCode)).ToList()) { target.PracticeBreakdown.Remove(gone); db.Remove(gone); }
        }
        else
        {
            target = new FinancialReturn { ConsortiumCode = consortiumCode, Year = year, Month = month, Version = (latest?.Version ?? 0) + 1, CreatedAt = now };
            if (latest is not null)
            {
                // Supersede the predecessor under its row version, so that a concurrent review or submission conflicts.
                db.ExpectVersion(latest, expectedRowVersion!.Value);
                db.Entry(latest).Property(r => r.UpdatedAt).CurrentValue = now;
                target.RowVersion = expectedRowVersion.Value + 2;
            }
            db.FinancialReturns.Add(target);
        }
        try
        {
            foreach (var l in lines) target.SetLine(l.Category, l.Figures.Plan, l.Figures.YearToDateActual, l.Figures.ForecastOutturn, now);
            foreach (var p in breakdown) target.SetPracticeLine(p.PracticeCode, p.Figures.Plan, p.Figures.YearToDateActual, p.Figures.ForecastOutturn, now);
            target.SetRunningCosts(runningCosts.Plan, runningCosts.YearToDateActual, runningCosts.ForecastOutturn, now);
            target.SetCapital(capital.Plan, capital.YearToDateActual, capital.ForecastOutturn, now);
            target.SetIncome(income.Plan, income.YearToDateActual, income.ForecastOutturn, now);
            // A return that states no accruals uses resources as it spends cash: revenue expenditure less income.
            var resources = resourceUse ?? new Figures(
                Math.Max(0, lines.Sum(l => l.Figures.Plan) + runningCosts.Plan - income.Plan),
                Math.Max(0, lines.Sum(l => l.Figures.YearToDateActual) + runningCosts.YearToDateActual - income.YearToDateActual),
                Math.Max(0, lines.Sum(l => l.Figures.ForecastOutturn) + runningCosts.ForecastOutturn - income.ForecastOutturn));
            target.SetResourceUse(resources.Plan, resources.YearToDateActual, resources.ForecastOutturn, now);
            if (submit) target.Submit(now);
            // A new version is a new node: the directory learns of it (owner, year) in the same transaction.
            await db.SaveChangesWithFactsAsync(() => new([], [], [], [CommissioningDirectoryFacts.Entity(target)]), ct);
        }
        catch (DomainRuleException e) { return Failed(e.Message, e.Code, "input"); }
        catch (DbUpdateConcurrencyException) { return ConflictPayload(); }
        catch (DbUpdateException e) when (IsUniqueViolation(e)) { return ConflictPayload(); }
        await DirectoryOutbox.DeliverNowAsync(ctx.Services, ct);
        if (submit) await ctx.PublishEventAsync(GraphEventTopics.FinancialReturnSubmitted, target.Id, target.ConsortiumCode);
        return new FinancialReturnPayload(target, []);

        static FinancialReturnPayload ConflictPayload() =>
            Failed("Another submission for this period was saved first; read the return again.", Conflict, "input", "expectedRowVersion");
    }

    // ---- accept and query

    private static async Task<object?> ReviewAsync(IResolveContext ctx, Action<FinancialReturn, IReadOnlyDictionary<string, object?>, DateTime> review)
    {
        var input = (IReadOnlyDictionary<string, object?>)ctx.Arguments["input"]!;
        var expectedRowVersion = (int)input["expectedRowVersion"]!;
        if (FinancialReturnIds.Parse(input["id"] as string) is not { } id)
            return Failed("That is not the id of a financial return.", "NOT_FOUND", "input", "id");

        var ct = ctx.CancellationToken;
        await using var db = await CommissioningLoaders.Contexts(ctx).CreateDbContextAsync(ct);
        var r = await db.FinancialReturns.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return Failed("There is no such financial return.", "NOT_FOUND", "input", "id");
        if (await db.FinancialReturns.AnyAsync(o => o.ConsortiumCode == r.ConsortiumCode && o.Year == r.Year && o.Month == r.Month && o.Version > r.Version, ct))
            return Failed($"Version {r.Version} has been superseded by a later version; review the latest.", "RETURN_SUPERSEDED", "input", "id");
        if (r.RowVersion != expectedRowVersion)
            return Failed($"The return has changed since it was read (rowVersion {r.RowVersion}, expected {expectedRowVersion}); read it again.", Conflict, "input", "expectedRowVersion");
        db.ExpectVersion(r, expectedRowVersion);
        try
        {
            review(r, input, DateTime.UtcNow);
            await db.SaveChangesAsync(ct);
        }
        catch (DomainRuleException e) { return Failed(e.Message, e.Code, "input", e.Code == "QUERY_REASON_REQUIRED" ? "reason" : "id"); }
        catch (DbUpdateConcurrencyException)
        {
            return Failed("Someone else changed the return first; read it again.", Conflict, "input", "expectedRowVersion");
        }
        await ctx.PublishEventAsync(GraphEventTopics.FinancialReturnReviewed, r.Id, r.ConsortiumCode);
        return new FinancialReturnPayload(r, []);
    }

    /// <summary>A unique index refused the row: SQLite's SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY, PostgreSQL's 23505, SQL Server's 2601/2627.</summary>
    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException p => p.SqlState == "23505",
        Microsoft.Data.SqlClient.SqlException s => s.Number is 2601 or 2627,
        _ => false,
    };
}
