namespace Commissioning.Graph.Modules.Shared;

/// <summary>Whether a consortium met its statutory financial duties for a year, as one of its financial returns judged them.</summary>
public sealed record FinancialDutiesOutcome(string ConsortiumCode, string Year, int Month, int Version, bool AllMet);

/// <summary>
/// A consortium's financial duties for other modules (the NHS CB's quality premium), owned and implemented by the
/// commissioning module, which owns financial returns and their duties, so that no other module reads its tables.
/// Registered where the commissioning module's persistence is; a host without it has none.
/// </summary>
public interface IFinancialDutiesLookup
{
    /// <summary>The duties of the latest version of the latest submitted (or accepted) return of <paramref name="key"/>'s
    /// year, judged against its allocation; null when no return has been submitted or no allocation is recorded.</summary>
    Task<FinancialDutiesOutcome?> GetLatestSubmittedAsync(ConsortiumYear key, CancellationToken cancellationToken = default);
}
