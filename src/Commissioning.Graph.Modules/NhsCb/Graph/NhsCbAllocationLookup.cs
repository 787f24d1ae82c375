using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.NhsCb.Graph;

/// <summary>
/// <see cref="IAllocationLookup"/> over the NhsCb module's tables: one statement per call, on a
/// short-lived non-tracking context, whatever the number of keys.
/// </summary>
public sealed class NhsCbAllocationLookup(IDbContextFactory<NhsCbDbContext> factory) : IAllocationLookup
{
    public async Task<IReadOnlyDictionary<ConsortiumYear, AllocationFigures>> GetAllocationsAsync(
        IReadOnlyCollection<ConsortiumYear> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0) return new Dictionary<ConsortiumYear, AllocationFigures>();
        var rows = await QueryAsync(factory, keys, cancellationToken);
        return rows.ToDictionary(a => new ConsortiumYear(a.ConsortiumCode, a.Year),
            a => a.Figures);
    }

    /// <summary>The allocations of the given (consortium, year) pairs, in one statement.</summary>
    internal static async Task<List<Allocation>> QueryAsync(IDbContextFactory<NhsCbDbContext> factory,
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
