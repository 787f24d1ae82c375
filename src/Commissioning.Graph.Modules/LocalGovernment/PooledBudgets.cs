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
/// <summary>The form of a partnership arrangement (section 75 of the NHS Act 2006).</summary>
public enum PoolKind
{
    /// <summary>A pooled fund: one budget, spent by the host on the partners' behalf.</summary>
    PooledFund,
    /// <summary>Aligned budgets: each partner keeps its own, managed together.</summary>
    AlignedBudget,
    /// <summary>Pooled running costs: shared administration only.</summary>
    PooledRunningCosts,
}

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
    /// <summary>The partnership agreement: its form, when it was signed and is due for review, the board that governs it.</summary>
    public PoolKind PoolKind { get; set; }
    public DateOnly? AgreementSignedOn { get; set; }
    public DateOnly? AgreementReviewOn { get; set; }
    public string? GoverningBoard { get; set; }
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
    /// <summary>When the contributing partner confirmed the amount the host recorded; null until then (and again after the host changes it).</summary>
    public DateTime? ConfirmedAt { get; set; }
}

/// <summary>The agreement of a pool, as published (every field public).</summary>
public sealed record PoolAgreement(PoolKind PoolKind, DateOnly? SignedOn, DateOnly? ReviewOn, string? GoverningBoard);

/// <summary>One partner's part of a pool's variance, by its risk share.</summary>
public sealed record PoolPartnerShare(string PartnerCode, PoolPartnerKind Kind, decimal SharePercent, decimal Amount);

/// <summary>
/// A pool's outturn for a year: the partners' contributions, the expenditure forecast for the whole year (what has been
/// spent in the months recorded, at the same monthly rate for twelve months), the variance (expenditure less
/// contributions: positive is an overspend) and each partner's part of it by risk share.
/// </summary>
public sealed record PoolOutturn(string PoolCode, string Year, int MonthsRecorded, decimal Contributions, decimal ExpenditureToDate,
    decimal Expenditure, decimal Variance, IReadOnlyList<PoolPartnerShare> PartnerShares)
{
    /// <summary>
    /// The rule, written once. Each partner bears its risk share of the variance, to the penny; the host bears what
    /// rounding leaves, so the parts add up to the variance exactly.
    /// </summary>
    public static PoolOutturn Of(PooledBudget pool, IReadOnlyList<PoolPartner> partners, IEnumerable<PoolContribution> contributions,
        IEnumerable<PoolExpenditure> expenditure, string year)
    {
        var spent = expenditure.Where(x => x.Year == year).ToList();
        var months = spent.Select(x => x.Month).Distinct().Count();
        var toDate = spent.Sum(x => x.Amount);
        var forecast = months == 0 ? 0m : Math.Round(toDate / months * 12m, 2, MidpointRounding.ToEven);
        var contributed = contributions.Where(c => c.Year == year).Sum(c => c.Amount);
        var variance = forecast - contributed;
        var shares = partners.OrderBy(p => p.PartnerCode, StringComparer.Ordinal)
            .Select(p => new PoolPartnerShare(p.PartnerCode, p.Kind, p.RiskSharePercent, Math.Round(variance * p.RiskSharePercent / 100m, 2, MidpointRounding.ToEven)))
            .ToList();
        var left = variance - shares.Sum(s => s.Amount);
        if (left != 0 && shares.FindIndex(s => s.PartnerCode == pool.HostCode) is var host and >= 0)
            shares[host] = shares[host] with { Amount = shares[host].Amount + left };
        return new PoolOutturn(pool.Code, year, months, contributed, toDate, forecast, variance, shares);
    }
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
