namespace Commissioning.Graph.Modules.Shared;

/// <summary>A consortium's financial year, e.g. ("01A", "2013-14").</summary>
public readonly record struct ConsortiumYear(string ConsortiumCode, string Year);

/// <summary>The NHS CB's allocation to a consortium for a year: the limits its statutory financial duties are measured against.</summary>
public sealed record AllocationFigures(
    string ConsortiumCode,
    string Year,
    decimal ProgrammeBudget,
    decimal RunningCostsAllowance,
    decimal RevenueResourceLimit,
    decimal CapitalResourceLimit)
{
    /// <summary>Programme budget plus running-costs allowance: what break-even is measured against.</summary>
    public decimal TotalAllocation => ProgrammeBudget + RunningCostsAllowance;
}

/// <summary>
/// Allocation figures for other modules (the Commissioning module's financial duties), owned and
/// implemented by the NhsCb module so that no other module reads its tables.
/// Call it from a DataLoader: one call, one SQL statement, for every key of a batch.
/// </summary>
public interface IAllocationLookup
{
    /// <summary>The allocations recorded for <paramref name="keys"/>; a key without one is absent from the result.</summary>
    Task<IReadOnlyDictionary<ConsortiumYear, AllocationFigures>> GetAllocationsAsync(
        IReadOnlyCollection<ConsortiumYear> keys, CancellationToken cancellationToken = default);
}
