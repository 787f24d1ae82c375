using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.NhsCb;

/// <summary>The NhsCb module's answer to <see cref="IAllocationLookup"/>: one SQL statement per call, on a short-lived context.</summary>
public sealed class NhsCbAllocationLookup(IDbContextFactory<NhsCbDbContext> contexts) : IAllocationLookup
{
    public async Task<IReadOnlyDictionary<AllocationKey, Allocation>> FindAsync(IReadOnlyCollection<AllocationKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return new Dictionary<AllocationKey, Allocation>();
        var codes = keys.Select(k => k.ConsortiumCode).Distinct().ToList();
        var years = keys.Select(k => k.Year).Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Codes × years may name a few pairs nobody asked for; they are dropped below.
        var rows = await db.Allocations.AsNoTracking()
            .Where(a => codes.Contains(a.ConsortiumCode) && years.Contains(a.Year))
            .ToListAsync(cancellationToken);
        var wanted = keys.ToHashSet();
        return rows.Select(a => (Key: new AllocationKey(a.ConsortiumCode, a.Year), Allocation: a))
            .Where(x => wanted.Contains(x.Key))
            .ToDictionary(x => x.Key, x => x.Allocation);
    }
}
