using Commissioning.Graph.Modules.NhsCb.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.NhsCb.Graph;

/// <summary>A consortium's financial year, e.g. ("01A", "2013-14"): the key of allocations and assessments.</summary>
public readonly record struct ConsortiumYear(string ConsortiumCode, string Year);

/// <summary>The allocations of many (consortium, year) pairs in one statement (the graph's DataLoader batch).</summary>
internal static class AllocationQueries
{
    public static async Task<List<Allocation>> QueryAsync(IDbContextFactory<NhsCbDbContext> factory,
        IReadOnlyCollection<ConsortiumYear> keys, CancellationToken cancellationToken)
    {
        var codes = keys.Select(k => k.ConsortiumCode).Distinct().ToList();
        var years = keys.Select(k => k.Year).Distinct().ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Allocations.AsNoTracking()
            .Where(a => codes.Contains(a.ConsortiumCode) && years.Contains(a.Year))
            .ToListAsync(cancellationToken);
        // The statement selects the cross product of codes and years; keep the pairs asked for.
        var wanted = keys.ToHashSet();
        return rows.Where(a => wanted.Contains(new ConsortiumYear(a.ConsortiumCode, a.Year))).ToList();
    }
}
