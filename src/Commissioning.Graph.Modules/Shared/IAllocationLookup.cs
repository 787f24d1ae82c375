using Commissioning.Graph.Modules.NhsCb;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>A consortium's allocation for a financial year, named by key.</summary>
public readonly record struct AllocationKey(string ConsortiumCode, string Year);

/// <summary>
/// Read-only access to the NHS CB's allocations for other modules (the Commissioning module
/// measures the statutory financial duties against them) without reaching into the NhsCb tables.
/// The NhsCb module registers the implementation; a subgraph without it has no allocations to offer.
/// </summary>
public interface IAllocationLookup
{
    /// <summary>The allocations of many consortium–year pairs in one read; pairs without one are absent.</summary>
    Task<IReadOnlyDictionary<AllocationKey, Allocation>> FindAsync(IReadOnlyCollection<AllocationKey> keys, CancellationToken cancellationToken);
}
