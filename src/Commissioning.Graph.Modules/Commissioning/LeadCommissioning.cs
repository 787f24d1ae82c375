using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.Commissioning;

public enum ShareBasis
{
    /// <summary>In proportion to weighted capitation.</summary>
    WeightedPopulation,
    /// <summary>In proportion to the activity each consortium's patients use.</summary>
    ActualActivity,
    /// <summary>A fixed share agreed between the parties.</summary>
    AgreedFixed,
}

/// <summary>
/// One consortium (the lead) commissions a service from a provider on behalf of associates. The
/// lead carries what the associates' shares leave.
/// </summary>
public sealed class LeadCommissioningArrangement : IVersioned
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string LeadConsortiumCode { get; set; }
    public required string ProviderCode { get; set; }
    /// <summary>Service areas covered, e.g. "Acute elective; Acute non-elective".</summary>
    public required string ServiceAreas { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public int LeadActivity { get; set; }
    public decimal LeadCost { get; set; }
    public int RowVersion { get; set; }

    public List<ArrangementAssociate> Associates { get; } = [];
    public List<ArrangementContract> Contracts { get; } = [];

    public decimal LeadSharePercent => 100m - Associates.Sum(a => a.SharePercent);
}

/// <summary>An associate's part in an arrangement: its share, the basis of the split, its activity and cost.</summary>
public sealed class ArrangementAssociate
{
    public int Id { get; set; }
    public required string ArrangementCode { get; set; }
    public required string ConsortiumCode { get; set; }
    public decimal SharePercent { get; set; }
    public ShareBasis Basis { get; set; }
    public int Activity { get; set; }
    public decimal Cost { get; set; }
}

/// <summary>A contract an arrangement covers.</summary>
public sealed class ArrangementContract
{
    public required string ArrangementCode { get; set; }
    public required string ContractCode { get; set; }

    public Contract? Contract { get; set; }
}
