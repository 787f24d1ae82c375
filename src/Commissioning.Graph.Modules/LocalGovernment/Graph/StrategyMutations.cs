using System.Globalization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.LocalGovernment.Graph;

public sealed record PublishStrategyPayload(JointHealthAndWellbeingStrategy? Strategy, IReadOnlyList<UserError> UserErrors);

/// <summary>
/// <c>publishStrategy</c>: the board's local authority (policy <c>hwbLocalAuthority</c>, decided on the input before this
/// runs) publishes its strategy for a year — a new one, or its draft at the version it read. The input is checked into
/// user errors, then written in one <c>SaveChanges</c> (one transaction) or not at all; the published priorities are then
/// published to the directory, where the commissioning module checks the priorities a plan addresses.
/// </summary>
internal static class StrategyMutations
{
    public const string StrategyPublished = "STRATEGY_PUBLISHED";
    public const string DuplicateCode = "DUPLICATE_CODE";
    private const int MaxCode = 40, MaxTitle = 300, MaxTopic = 200, MaxTopics = 2000, MaxPriorities = 50;

    public static void Configure(SchemaBuilder builder) => builder
        .ResolveAsync("Mutation.publishStrategy", async ctx => await PublishAsync(ctx));

    private static async Task<PublishStrategyPayload> PublishAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var hwbCode = (GraphValues.ToStringValue(input.Get("healthAndWellbeingBoardCode")) ?? "").Trim();
        var year = GraphValues.ToStringValue(input.Get("year"));
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        errors.CheckYear(year, "year");
        var priorities = input.Get("priorities") is IEnumerable<object?> items ? ReadPriorities(items, errors) : null;
        if (errors.Any) return new(null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await ctx.DbFactory<LocalGovernmentDbContext>().CreateDbContextAsync(ct);
        var board = await db.HealthAndWellbeingBoards.AsNoTracking().FirstOrDefaultAsync(h => h.Code == hwbCode, ct);
        if (board is null) return new(null, [errors.Add($"There is no Health and Wellbeing Board \"{hwbCode}\".", UserError.NotFound, "healthAndWellbeingBoardCode")]);

        var strategy = await db.Strategies.Include(s => s.Priorities).FirstOrDefaultAsync(s => s.HwbCode == hwbCode && s.Year == year, ct);
        if (strategy is null)
        {
            if (priorities is not { Count: > 0 }) return new(null, [errors.Add($"{board.Name} has no draft strategy for {year}: give its priorities.", UserError.Required, "priorities")]);
            db.Strategies.Add(strategy = new JointHealthAndWellbeingStrategy { HwbCode = hwbCode, Year = year! });
        }
        else
        {
            if (strategy.IsPublished)
                return new(null, [errors.Add($"{board.Name}'s strategy for {year} was published on {strategy.PublishedOn:yyyy-MM-dd} and is final.", StrategyPublished, "year")]);
            if (db.ExpectRevision(strategy, expectedRowVersion, errors, $"{board.Name} has a draft strategy for {year}: send its rowVersion as expectedRowVersion.") is { } stale)
                return new(null, [stale]);
            if (priorities is null && strategy.Priorities.Count == 0)
                return new(null, [errors.Add($"The draft strategy for {year} has no priorities: give them.", UserError.Required, "priorities")]);
        }

        if (priorities is not null)
        {
            // A code is the priority's key across every board's strategies.
            var codes = priorities.Select(p => p.Code).ToList();
            var taken = await db.StrategyPriorities.AsNoTracking().Where(p => codes.Contains(p.Code) && p.StrategyId != strategy.Id).Select(p => p.Code).ToListAsync(ct);
            foreach (var (p, i) in priorities.Select((p, i) => (p, i)).Where(x => taken.Contains(x.p.Code)))
                errors.Add($"The priority code \"{p.Code}\" belongs to another strategy.", DuplicateCode, "priorities", i.ToString(CultureInfo.InvariantCulture), "code");
            if (errors.Any) return new(null, errors.List);
            strategy.Priorities.Clear();
            foreach (var (p, i) in priorities.Select((p, i) => (p, i)))
                strategy.Priorities.Add(new StrategyPriority { Code = p.Code, HwbCode = hwbCode, Year = year!, Position = i + 1, Title = p.Title, JsnaTopics = string.Join(";", p.Topics) });
        }
        strategy.PublishedOn = DateOnly.FromDateTime(ctx.Clock().GetUtcNow().UtcDateTime);
        foreach (var p in strategy.Priorities) p.Published = true;
        // A concurrent publication: the version moved, or the same board and year, or a code, taken first.
        if (await db.SaveOrConflictAsync(errors, ct) is { } conflict) return new(null, [conflict]);
        await ctx.Service<Directory.DirectoryWriter>().PublishAsync(new([], [.. LocalGovernmentDirectoryFacts.PriorityFacts(strategy.Priorities)], []), ct);
        return new(strategy, []);
    }

    private sealed record PriorityInput(string Code, string Title, IReadOnlyList<string> Topics);

    private static List<PriorityInput> ReadPriorities(IEnumerable<object?> items, UserErrors errors)
    {
        var read = new List<PriorityInput>();
        var index = 0;
        foreach (var item in items)
        {
            var at = index++.ToString(CultureInfo.InvariantCulture);
            if (index > MaxPriorities) { errors.Add($"A strategy has at most {MaxPriorities} priorities.", UserError.Invalid, "priorities", at); break; }
            var priority = item as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
            var code = (GraphValues.ToStringValue(priority.Get("code")) ?? "").Trim();
            var title = (GraphValues.ToStringValue(priority.Get("title")) ?? "").Trim();
            var topics = (priority.Get("jsnaTopics") as IEnumerable<object?> ?? []).Select(t => (GraphValues.ToStringValue(t) ?? "").Trim()).ToList();
            var ok = true;
            if (code.Length == 0) { errors.Add("A priority needs a code.", UserError.Required, "priorities", at, "code"); ok = false; }
            else if (code.Length > MaxCode || code.Contains(';')) { errors.Add($"A priority code has at most {MaxCode} characters and no \";\".", UserError.Invalid, "priorities", at, "code"); ok = false; }
            else if (read.Any(p => p.Code == code)) { errors.Add($"The priority code \"{code}\" is given twice.", UserError.Invalid, "priorities", at, "code"); ok = false; }
            if (title.Length == 0) { errors.Add("A priority needs a title.", UserError.Required, "priorities", at, "title"); ok = false; }
            else if (title.Length > MaxTitle) { errors.Add($"A title has at most {MaxTitle} characters.", UserError.Invalid, "priorities", at, "title"); ok = false; }
            if (topics.Any(t => t.Length == 0 || t.Length > MaxTopic || t.Contains(';')) || topics.Distinct().Count() != topics.Count || string.Join(";", topics).Length > MaxTopics)
            { errors.Add($"JSNA topics are distinct, not empty, at most {MaxTopic} characters each and contain no \";\".", UserError.Invalid, "priorities", at, "jsnaTopics"); ok = false; }
            if (ok) read.Add(new PriorityInput(code, title, topics));
        }
        return read;
    }
}
