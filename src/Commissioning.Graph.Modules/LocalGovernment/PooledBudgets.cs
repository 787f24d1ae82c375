using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.LocalGovernment;

public enum PoolPartnerKind
{
    Consortium,
    LocalAuthority,
    NhsCommissioningBoard,
}

/// <summary>
/// A pooled fund (partnership arrangement) between consortia, local authorities and/or the NHS CB,
/// hosted by one partner. Partners are referred to by code; they may belong to any module.
/// </summary>
public sealed class PooledBudget : IVersioned
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string HostCode { get; set; }
    /// <summary>The service areas the pool pays for.</summary>
    public required string Scope { get; set; }
    /// <summary>How overspends and underspends are shared between partners.</summary>
    public required string RiskShare { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public int RowVersion { get; set; }

    public List<PoolPartner> Partners { get; } = [];
    public List<PoolContribution> Contributions { get; } = [];
    public List<PoolExpenditure> Expenditure { get; } = [];
}

public sealed class PoolPartner
{
    public required string PoolCode { get; set; }
    public required string PartnerCode { get; set; }
    public PoolPartnerKind Kind { get; set; }
    /// <summary>The partner's share of any overspend, as a percentage.</summary>
    public decimal RiskSharePercent { get; set; }
}

/// <summary>A partner's contribution to the pool for a financial year (recorded by the host).</summary>
public sealed class PoolContribution
{
    public int Id { get; set; }
    public required string PoolCode { get; set; }
    public required string PartnerCode { get; set; }
    public required string Year { get; set; }
    public decimal Amount { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>Spending from the pool (recorded by the host), by month and service area.</summary>
public sealed class PoolExpenditure
{
    public int Id { get; set; }
    public required string PoolCode { get; set; }
    public required string Year { get; set; }
    public int Month { get; set; }
    public required string ServiceArea { get; set; }
    public string? Description { get; set; }
    public decimal Amount { get; set; }
    public DateTime RecordedAt { get; set; }
}
