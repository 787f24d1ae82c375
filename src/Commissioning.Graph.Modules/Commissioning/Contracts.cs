using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.Commissioning;

/// <summary>
/// A contract between a commissioner and a provider. The commissioner is referred to by code, since
/// it may be a consortium, the NHS CB or a local authority.
/// </summary>
public sealed class Contract : IVersioned
{
    public required string Code { get; set; }
    public required string CommissionerCode { get; set; }
    public required string ProviderCode { get; set; }
    public required string ServiceArea { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public decimal AnnualValue { get; set; }
    /// <summary>Planned activity for the year, in <see cref="ActivityUnit"/>s.</summary>
    public int ActivityPlan { get; set; }
    public string ActivityUnit { get; set; } = "spells";
    /// <summary>Share of the annual value payable on meeting CQUIN quality goals, as a percentage (e.g. 2.50).</summary>
    public decimal CquinSharePercent { get; set; }
    public int RowVersion { get; set; }

    public Provider? Provider { get; set; }
    public List<ContractPerformance> Performance { get; } = [];
}

/// <summary>A contract's performance for one month: activity and cost delivered, quality achieved.</summary>
public sealed class ContractPerformance
{
    public int Id { get; set; }
    public required string ContractCode { get; set; }
    public required string Year { get; set; }
    public int Month { get; set; }
    public int ActivityActual { get; set; }
    public decimal CostActual { get; set; }
    /// <summary>Percentage of the CQUIN goals met so far.</summary>
    public decimal CquinAchievedPercent { get; set; }
}
