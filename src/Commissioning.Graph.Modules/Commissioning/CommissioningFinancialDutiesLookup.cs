using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Commissioning;

/// <summary>
/// <see cref="IFinancialDutiesLookup"/> over the commissioning module's own returns: the latest version of the latest
/// submitted or accepted return of the year (a draft is not yet the consortium's word; a queried one is being corrected),
/// judged by <see cref="FinancialDuties.Assess(FinancialReturn, AllocationFigures)"/> against the allocation from
/// <see cref="IAllocationLookup"/> — the same rule <c>FinancialReturn.duties</c> applies.
/// </summary>
public sealed class CommissioningFinancialDutiesLookup(IDbContextFactory<CommissioningDbContext> factory, IAllocationLookup allocations) : IFinancialDutiesLookup
{
    public async Task<FinancialDutiesOutcome?> GetLatestSubmittedAsync(ConsortiumYear key, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var latest = await db.FinancialReturns.AsNoTracking().Include(r => r.Lines)
            .Where(r => r.ConsortiumCode == key.ConsortiumCode && r.Year == key.Year
                        && (r.Status == FinancialReturnStatus.Submitted || r.Status == FinancialReturnStatus.Accepted))
            .OrderByDescending(r => r.Month).ThenByDescending(r => r.Version)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null) return null;
        var allocation = (await allocations.GetAllocationsAsync([key], cancellationToken)).GetValueOrDefault(key);
        if (allocation is null) return null;
        var duties = FinancialDuties.Assess(latest, allocation);
        return new FinancialDutiesOutcome(key.ConsortiumCode, key.Year, latest.Month, latest.Version, duties.AllMet);
    }
}
