using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>The filters of <c>Consortium.financialReturns</c>.</summary>
internal sealed record FinancialReturnFilter(string? Year, int? Month, FinancialReturnStatus? Status, bool LatestVersionOnly)
{
    public static FinancialReturnFilter From(IReadOnlyDictionary<string, object?> args) => new(
        args.GetValueOrDefault("year") as string,
        args.GetValueOrDefault("month") as int?,
        args.GetValueOrDefault("status") is { } s ? GraphEnum.Parse<FinancialReturnStatus>(s) : null,
        args.GetValueOrDefault("latestVersionOnly") is true);

    public IQueryable<FinancialReturn> Apply(CommissioningDbContext db, IQueryable<FinancialReturn> returns)
    {
        if (Year is not null) returns = returns.Where(r => r.Year == Year);
        if (Month is not null) returns = returns.Where(r => r.Month == Month);
        if (Status is not null) returns = returns.Where(r => r.Status == Status);
        if (LatestVersionOnly)
            returns = returns.Where(r => !db.FinancialReturns.Any(o =>
                o.ConsortiumCode == r.ConsortiumCode && o.Year == r.Year && o.Month == r.Month && o.Version > r.Version));
        return returns;
    }

    public override string ToString() => $"{Year}|{Month}|{Status}|{LatestVersionOnly}";
}

/// <summary>Pages and counts of consortia's financial returns, for every consortium of a level in one statement each.</summary>
internal static class FinancialReturnReads
{
    /// <summary>One page (plus one row, to tell whether more follow) of each consortium's returns, newest period first.</summary>
    public static DataLoader<string, IReadOnlyList<FinancialReturn>> PageByConsortium(IResolveContext ctx, FinancialReturnFilter filter, int offset, int limit)
    {
        var contexts = CommissioningLoaders.Contexts(ctx);
        return ctx.GetDataLoader<string, IReadOnlyList<FinancialReturn>>($"commissioning.returnPage:{filter}|{offset}|{limit}", async (keys, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            // Restricted to the batch's consortia inside the window too, so that the ROW_NUMBER() runs over their
            // returns (by the (ConsortiumCode, Year, Month, Version) index), not over every consortium's.
            var matching = filter.Apply(db, db.FinancialReturns.AsNoTracking()).Where(r => keys.Contains(r.ConsortiumCode));
            // A correlated, ordered Skip/Take per consortium: EF translates it to ROW_NUMBER() OVER
            // (PARTITION BY …), so every consortium's page comes from one statement.
            var pages = await db.Consortia.AsNoTracking()
                .Where(c => keys.Contains(c.Code))
                .Select(c => new
                {
                    c.Code,
                    Page = matching.Where(r => r.ConsortiumCode == c.Code)
                        .OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).ThenByDescending(r => r.Version)
                        .Skip(offset).Take(limit + 1).ToList(),
                })
                .ToListAsync(ct);
            return pages.ToDictionary(p => p.Code, p => (IReadOnlyList<FinancialReturn>)p.Page);
        });
    }

    public static DataLoader<string, int> CountByConsortium(IResolveContext ctx, FinancialReturnFilter filter)
    {
        var contexts = CommissioningLoaders.Contexts(ctx);
        return ctx.GetDataLoader<string, int>($"commissioning.returnCount:{filter}", async (keys, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await filter.Apply(db, db.FinancialReturns.AsNoTracking())
                .Where(r => keys.Contains(r.ConsortiumCode))
                .GroupBy(r => r.ConsortiumCode)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        });
    }

    public static async Task<object?> ConnectionAsync(IResolveContext ctx)
    {
        var consortium = (Consortium)ctx.Source!;
        var filter = FinancialReturnFilter.From(ctx.Arguments);
        var (offset, limit) = Cursor.Window(ctx.Arguments);
        var rows = await PageByConsortium(ctx, filter, offset, limit).LoadAsync(consortium.Code) ?? [];
        var counts = CountByConsortium(ctx, filter);
        return new Connection<FinancialReturn>(rows.Take(limit).ToList(), offset, rows.Count > limit,
            async () => await counts.LoadAsync(consortium.Code));
    }
}
