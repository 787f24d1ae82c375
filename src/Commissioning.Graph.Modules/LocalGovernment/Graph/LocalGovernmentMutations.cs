using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Events;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.LocalGovernment.Graph;

public sealed record SubmitJsnaContributionPayload(JsnaContribution? Contribution, IReadOnlyList<UserError> UserErrors);
public sealed record AcceptJsnaContributionPayload(JsnaContribution? Contribution, IReadOnlyList<UserError> UserErrors);
public sealed record RecordPoolContributionPayload(PooledBudget? PooledBudget, PoolContribution? Contribution, IReadOnlyList<UserError> UserErrors);
public sealed record RecordPoolExpenditurePayload(PooledBudget? PooledBudget, PoolExpenditure? Expenditure, IReadOnlyList<UserError> UserErrors);

/// <summary>
/// The module's writes. Each validates its input into user errors (with the input field's path),
/// then changes the database in one <c>SaveChanges</c> (one transaction); the version the client
/// read (<c>expectedRowVersion</c>) guards against lost updates and a mismatch is a <c>CONFLICT</c>.
/// Who may call is declared in the SDL and enforced by the server.
/// </summary>
internal static class LocalGovernmentMutations
{
    private const int MaxTopic = 200, MaxNarrative = 20_000, MaxIndicatorName = 200, MaxServiceArea = 200, MaxDescription = 500;

    public static void Configure(SchemaBuilder builder) => builder
        .ResolveAsync("Mutation.submitJsnaContribution", async ctx => await SaveJsnaContributionAsync(ctx, submit: true))
        .ResolveAsync("Mutation.saveJsnaContributionDraft", async ctx => await SaveJsnaContributionAsync(ctx, submit: false))
        .ResolveAsync("Mutation.acceptJsnaContribution", async ctx => await AcceptJsnaContributionAsync(ctx))
        .ResolveAsync("Mutation.recordPoolContribution", async ctx => await RecordPoolContributionAsync(ctx))
        .ResolveAsync("Mutation.recordPoolExpenditure", async ctx => await RecordPoolExpenditureAsync(ctx))
        .ResolveAsync("Mutation.confirmPoolContribution", async ctx => await ConfirmPoolContributionAsync(ctx));

    /// <summary>Submits a contribution (<paramref name="submit"/>), or saves it as a draft: a new one, or the draft on the same
    /// topic revised. The consortium submits; a draft may also be saved by a commissioning support organisation acting for it
    /// (<c>supportFor</c>) — the same validation, never a submission.</summary>
    private static async Task<SubmitJsnaContributionPayload> SaveJsnaContributionAsync(IResolveContext ctx, bool submit)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var hwbCode = GraphValues.ToStringValue(input.Get("healthAndWellbeingBoardCode")) ?? "";
        var consortiumCode = GraphValues.ToStringValue(input.Get("consortiumCode")) ?? "";
        var year = GraphValues.ToStringValue(input.Get("year"));
        var topic = (GraphValues.ToStringValue(input.Get("topic")) ?? "").Trim();
        var narrative = (GraphValues.ToStringValue(input.Get("narrative")) ?? "").Trim();
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        errors.CheckYear(year, "year");
        if (topic.Length == 0) errors.Add("A topic is required.", UserError.Required, "topic");
        else if (topic.Length > MaxTopic) errors.Add($"A topic has at most {MaxTopic} characters.", UserError.Invalid, "topic");
        if (narrative.Length == 0) errors.Add("A narrative is required.", UserError.Required, "narrative");
        else if (narrative.Length > MaxNarrative) errors.Add($"A narrative has at most {MaxNarrative} characters.", UserError.Invalid, "narrative");

        var indicators = new List<(string Name, int Numerator, int Denominator)>();
        var items = input.Get("indicators") as IEnumerable<object?> ?? [];
        var index = 0;
        foreach (var item in items)
        {
            var at = index++.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var indicator = item as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
            var name = (GraphValues.ToStringValue(indicator.Get("name")) ?? "").Trim();
            var numerator = GraphValues.ToInt(indicator.Get("numerator")) ?? -1;
            var denominator = GraphValues.ToInt(indicator.Get("denominator")) ?? 0;
            var ok = true;
            if (name.Length == 0) { errors.Add("An indicator needs a name.", UserError.Required, "indicators", at, "name"); ok = false; }
            else if (name.Length > MaxIndicatorName) { errors.Add($"An indicator name has at most {MaxIndicatorName} characters.", UserError.Invalid, "indicators", at, "name"); ok = false; }
            else if (indicators.Any(i => i.Name == name)) { errors.Add($"The indicator \"{name}\" is given twice.", UserError.Invalid, "indicators", at, "name"); ok = false; }
            if (numerator < 0) { errors.Add("A numerator cannot be negative.", UserError.Invalid, "indicators", at, "numerator"); ok = false; }
            if (denominator <= 0) { errors.Add("A denominator must be more than 0.", UserError.Invalid, "indicators", at, "denominator"); ok = false; }
            else if (numerator > denominator) { errors.Add("A numerator cannot exceed its denominator.", UserError.Invalid, "indicators", at, "numerator"); ok = false; }
            if (ok) indicators.Add((name, numerator, denominator));
        }
        if (errors.Any) return new(null, errors.List);

        var ct = ctx.CancellationToken;
        var now = ctx.Clock().GetUtcNow().UtcDateTime;
        await using var db = await ctx.DbFactory<LocalGovernmentDbContext>().CreateDbContextAsync(ct);
        var board = await db.HealthAndWellbeingBoards.AsNoTracking().FirstOrDefaultAsync(h => h.Code == hwbCode, ct);
        if (board is null) return new(null, [errors.Add($"There is no Health and Wellbeing Board \"{hwbCode}\".", UserError.NotFound, "healthAndWellbeingBoardCode")]);
        // Membership of the board is the directory's fact (one source of truth for every module and policy).
        var isMember = (await Shared.Policies.DirectoryLookups.FactsOfParty(ctx).LoadAsync(consortiumCode!)).OrEmpty()
            .Any(f => f.Kind == Directory.RelationshipKind.HwbMemberConsortium && f.SubjectCode == hwbCode && f.HeldIn(Shared.Policies.DirectoryLookups.CurrentYear(ctx)));
        if (!isMember) return new(null, [errors.Add($"Consortium \"{consortiumCode}\" does not sit on {board.Name}.", "NOT_A_MEMBER", "consortiumCode")]);

        // The JSNA is the board's (led by its local authority): a contribution goes to one that exists, never starts one.
        var jsna = await db.Jsnas.FirstOrDefaultAsync(j => j.HwbCode == hwbCode && j.Year == year, ct);
        if (jsna is null) return new(null, [errors.Add($"{board.Name} has no JSNA for {year}: a contribution is made to a JSNA the board has started.", "NO_JSNA", "year")]);
        var contribution = await db.JsnaContributions.Include(c => c.Indicators)
            .FirstOrDefaultAsync(c => c.JsnaId == jsna.Id && c.ConsortiumCode == consortiumCode && c.Topic == topic, ct);
        try
        {
            if (contribution is null)
            {
                contribution = new JsnaContribution { ConsortiumCode = consortiumCode, Topic = topic, Narrative = narrative };
                jsna.Contributions.Add(contribution);
            }
            else
            {
                // Revising or submitting an existing draft: the client must show which version it read.
                if (contribution.Status != JsnaContributionStatus.Draft)
                    return new(null, [errors.Add($"The contribution on \"{topic}\" is already {GraphValues.EnumName(contribution.Status)}.", "CONTRIBUTION_NOT_DRAFT", "topic")]);
                if (db.ExpectRevision(contribution, expectedRowVersion, errors, "A draft on this topic exists: send its rowVersion as expectedRowVersion.") is { } stale)
                    return new(null, [stale]);
                contribution.Indicators.RemoveAll(i => !indicators.Any(n => n.Name == i.Name));
            }
            contribution.Revise(topic, narrative, now);
            foreach (var (name, numerator, denominator) in indicators) contribution.SetIndicator(name, numerator, denominator, now);
            if (submit) contribution.Submit(now);
            // A new contribution, or a draft no longer one: the directory's record of it changes in the same transaction.
            await db.SaveChangesWithFactsAsync(() => new([], [], [], [LocalGovernmentDirectoryFacts.Entity(contribution)]), ct);
            await DirectoryOutbox.DeliverNowAsync(ctx.Services, ct);
            if (submit) await ctx.PublishEventAsync(GraphEventTopics.JsnaContributionSubmitted, contribution.Id, hwbCode);
            return new(contribution, []);
        }
        catch (DomainRuleException e) { return new(null, [errors.Add(e.Message, e.Code)]); }
        catch (DbUpdateException e) when (!DatabaseResilience.IsTransient(e)) { return new(null, [errors.Conflict()]); } // concurrency, or a concurrent first submission on the same topic (a database that is down is not a conflict)
    }

    private static async Task<AcceptJsnaContributionPayload> AcceptJsnaContributionAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var id = LocalGovernmentGraphModule.ContributionIdOf(GraphValues.ToStringValue(input.Get("contributionId")));
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        if (id is null) return new(null, [errors.Add("That is not a JSNA contribution id.", UserError.NotFound, "contributionId")]);

        var ct = ctx.CancellationToken;
        await using var db = await ctx.DbFactory<LocalGovernmentDbContext>().CreateDbContextAsync(ct);
        var contribution = await db.JsnaContributions.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contribution is null) return new(null, [errors.Add("There is no such JSNA contribution.", UserError.NotFound, "contributionId")]);
        if (expectedRowVersion != contribution.RowVersion) return new(null, [errors.Conflict()]);
        try
        {
            db.ExpectVersion(contribution, expectedRowVersion.Value);
            contribution.Accept(ctx.Clock().GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return new(contribution, []);
        }
        catch (DomainRuleException e) { return new(null, [errors.Add(e.Message, e.Code)]); }
        catch (DbUpdateConcurrencyException) { return new(null, [errors.Conflict()]); }
    }

    private static async Task<RecordPoolContributionPayload> RecordPoolContributionAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var poolCode = GraphValues.ToStringValue(input.Get("pooledBudgetCode")) ?? "";
        var partnerCode = GraphValues.ToStringValue(input.Get("partnerCode")) ?? "";
        var year = GraphValues.ToStringValue(input.Get("year"));
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        errors.CheckYear(year, "year");
        var amount = errors.CheckAmount(input.Get("amount"), "amount");
        if (errors.Any) return new(null, null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await ctx.DbFactory<LocalGovernmentDbContext>().CreateDbContextAsync(ct);
        var pool = await db.PooledBudgets.Include(p => p.Partners).FirstOrDefaultAsync(p => p.Code == poolCode, ct);
        if (pool is null) return new(null, null, [errors.Add($"There is no pooled budget \"{poolCode}\".", UserError.NotFound, "pooledBudgetCode")]);
        if (!pool.Partners.Any(p => p.PartnerCode == partnerCode))
            return new(null, null, [errors.Add($"\"{partnerCode}\" is not a partner in {pool.Name}.", "NOT_A_PARTNER", "partnerCode")]);
        if (expectedRowVersion != pool.RowVersion) return new(null, null, [errors.Conflict()]);

        var now = ctx.Clock().GetUtcNow().UtcDateTime;
        var contribution = await db.PoolContributions.FirstOrDefaultAsync(c => c.PoolCode == poolCode && c.PartnerCode == partnerCode && c.Year == year, ct);
        if (contribution is null) db.PoolContributions.Add(contribution = new PoolContribution { PoolCode = poolCode, PartnerCode = partnerCode, Year = year! });
        // A changed amount is no longer the one the partner confirmed.
        if (contribution.Amount != amount!.Value) contribution.ConfirmedAt = null;
        (contribution.Amount, contribution.RecordedAt) = (amount.Value, now);
        return await SaveWithPoolVersionAsync(db, pool, expectedRowVersion!.Value, ct)
            ? new(pool, contribution, [])
            : new(null, null, [errors.Conflict()]);
    }

    /// <summary>The contributing partner confirms the amount the host recorded for it, at the amount and pool version it read.</summary>
    private static async Task<RecordPoolContributionPayload> ConfirmPoolContributionAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var poolCode = GraphValues.ToStringValue(input.Get("pooledBudgetCode")) ?? "";
        var partnerCode = GraphValues.ToStringValue(input.Get("partnerCode")) ?? "";
        var year = GraphValues.ToStringValue(input.Get("year"));
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        errors.CheckYear(year, "year");
        var amount = errors.CheckAmount(input.Get("amount"), "amount");
        if (errors.Any) return new(null, null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await ctx.DbFactory<LocalGovernmentDbContext>().CreateDbContextAsync(ct);
        var pool = await db.PooledBudgets.Include(p => p.Partners).FirstOrDefaultAsync(p => p.Code == poolCode, ct);
        if (pool is null) return new(null, null, [errors.Add($"There is no pooled budget \"{poolCode}\".", UserError.NotFound, "pooledBudgetCode")]);
        if (!pool.Partners.Any(p => p.PartnerCode == partnerCode))
            return new(null, null, [errors.Add($"\"{partnerCode}\" is not a partner in {pool.Name}.", "NOT_A_PARTNER", "partnerCode")]);
        if (expectedRowVersion != pool.RowVersion) return new(null, null, [errors.Conflict()]);
        var contribution = await db.PoolContributions.FirstOrDefaultAsync(c => c.PoolCode == poolCode && c.PartnerCode == partnerCode && c.Year == year, ct);
        if (contribution is null)
            return new(null, null, [errors.Add($"The host has recorded no contribution from {partnerCode} for {year}.", UserError.NotFound, "year")]);
        if (contribution.Amount != amount)
            return new(null, null, [errors.Add($"The host recorded {contribution.Amount:0.00}, not {amount:0.00}: read the contribution again.", "AMOUNT_MISMATCH", "amount")]);

        contribution.ConfirmedAt = ctx.Clock().GetUtcNow().UtcDateTime;
        return await SaveWithPoolVersionAsync(db, pool, expectedRowVersion!.Value, ct)
            ? new(pool, contribution, [])
            : new(null, null, [errors.Conflict()]);
    }

    private static async Task<RecordPoolExpenditurePayload> RecordPoolExpenditureAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var poolCode = GraphValues.ToStringValue(input.Get("pooledBudgetCode")) ?? "";
        var year = GraphValues.ToStringValue(input.Get("year"));
        var month = GraphValues.ToInt(input.Get("month"));
        var serviceArea = (GraphValues.ToStringValue(input.Get("serviceArea")) ?? "").Trim();
        var description = GraphValues.ToStringValue(input.Get("description"))?.Trim();
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        errors.CheckYear(year, "year");
        if (month is not (>= 1 and <= 12)) errors.Add("Months run from 1 (April) to 12 (March).", UserError.Invalid, "month");
        if (serviceArea.Length == 0) errors.Add("A service area is required.", UserError.Required, "serviceArea");
        else if (serviceArea.Length > MaxServiceArea) errors.Add($"A service area has at most {MaxServiceArea} characters.", UserError.Invalid, "serviceArea");
        if (description?.Length > MaxDescription) errors.Add($"A description has at most {MaxDescription} characters.", UserError.Invalid, "description");
        var amount = errors.CheckAmount(input.Get("amount"), "amount");
        if (errors.Any) return new(null, null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await ctx.DbFactory<LocalGovernmentDbContext>().CreateDbContextAsync(ct);
        var pool = await db.PooledBudgets.FirstOrDefaultAsync(p => p.Code == poolCode, ct);
        if (pool is null) return new(null, null, [errors.Add($"There is no pooled budget \"{poolCode}\".", UserError.NotFound, "pooledBudgetCode")]);
        if (expectedRowVersion != pool.RowVersion) return new(null, null, [errors.Conflict()]);

        var expenditure = new PoolExpenditure
        {
            PoolCode = poolCode, Year = year!, Month = month!.Value, ServiceArea = serviceArea,
            Description = string.IsNullOrEmpty(description) ? null : description,
            Amount = amount!.Value, RecordedAt = ctx.Clock().GetUtcNow().UtcDateTime,
        };
        db.PoolExpenditure.Add(expenditure);
        return await SaveWithPoolVersionAsync(db, pool, expectedRowVersion!.Value, ct)
            ? new(pool, expenditure, [])
            : new(null, null, [errors.Conflict()]);
    }

    /// <summary>
    /// Saves a change to a pool's figures and moves the pool's version on, on condition that it is
    /// still the version the client read: the pool is the unit of optimistic concurrency.
    /// </summary>
    private static async Task<bool> SaveWithPoolVersionAsync(LocalGovernmentDbContext db, PooledBudget pool, int expectedRowVersion, CancellationToken ct)
    {
        db.ExpectVersion(pool, expectedRowVersion);
        db.Entry(pool).Property(p => p.RowVersion).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (!DatabaseResilience.IsTransient(e)) { return false; } // a concurrent writer moved the version, or inserted the same contribution first
    }
}
