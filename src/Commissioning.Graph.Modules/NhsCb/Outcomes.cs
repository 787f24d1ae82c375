using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.NhsCb;

/// <summary>The five domains of the NHS Outcomes Framework, under which the Commissioning Outcomes Framework groups its indicators.</summary>
public enum OutcomesDomain
{
    PreventingPrematureDeath,
    LongTermConditions,
    RecoveryFromIllHealth,
    PositiveExperienceOfCare,
    SafeCare,
}

/// <summary>An indicator of the NHS CB's Commissioning Outcomes Framework for a financial year (the framework is the year's indicators).</summary>
public sealed class OutcomeIndicator
{
    public required string Year { get; set; }
    /// <summary>The framework's reference, e.g. <c>1.1</c>; unique within a year.</summary>
    public required string Code { get; set; }
    public OutcomesDomain Domain { get; set; }
    public required string Name { get; set; }
}

/// <summary>
/// A consortium's value of a framework indicator for a year, with the counts behind it. The counts are small-number
/// suppressed for anyone but the consortium; a published value is public, an unpublished one is the consortium's and the
/// NHS CB's.
/// </summary>
public sealed class OutcomeValue
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Year { get; set; }
    public required string IndicatorCode { get; set; }
    public int Numerator { get; set; }
    public int Denominator { get; set; }
    /// <summary>The indicator's published value (a rate or percentage, as the indicator defines it; standardised, so not
    /// derivable from the crude counts).</summary>
    public decimal Value { get; set; }
    public bool Published { get; set; }
}

/// <summary>
/// The quality premium the NHS CB pays a consortium for a year: an amount for the outcomes criteria met, paid only when
/// the consortium met its financial duties, and shared among its member practices. One per consortium and year,
/// re-recorded in place under its row version.
/// </summary>
public sealed class QualityPremium : IVersioned
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Year { get; set; }
    public decimal Amount { get; set; }

    /// <summary>
    /// Whether the consortium met its statutory financial duties for the year, as its latest submitted financial return
    /// judged them when the premium was recorded. The duties belong to the commissioning module: the nhs-cb module never
    /// reads its tables. <c>recordQualityPremium</c> asks <see cref="IFinancialDutiesLookup"/> (implemented by the
    /// commissioning module) once, at record time, and stores the answer with the month and version it judged: the
    /// premium is a decision made on the duties as they stood, the reads then need no other module (so the federated nhs-cb
    /// subgraph answers them alone, exactly as the one process), and a later correction of a return does not silently
    /// change a premium already recorded — the NHS CB re-records it.
    /// </summary>
    public bool FinancialDutiesMet { get; set; }
    /// <summary>The month and version of the return whose duties were judged.</summary>
    public int FinancialDutiesMonth { get; set; }
    public int FinancialDutiesVersion { get; set; }
    public DateTime RecordedAt { get; set; }
    public int RowVersion { get; set; }
    public List<QualityPremiumCriterion> Criteria { get; set; } = [];
    public List<QualityPremiumShare> PracticeShares { get; set; } = [];
}

/// <summary>Whether the consortium met one outcomes criterion (a framework indicator) of its quality premium.</summary>
public sealed class QualityPremiumCriterion
{
    public int Id { get; set; }
    public int QualityPremiumId { get; set; }
    public required string IndicatorCode { get; set; }
    public bool Met { get; set; }
    /// <summary>The premium's year, set when read under it (not stored), to name the indicator of that year's framework.</summary>
    public string? Year { get; set; }
}

/// <summary>
/// A member practice's share of its consortium's quality premium. It is the consortium's data (<c>self</c>), read also by
/// the NHS CB and by the practice it is paid to (<c>payee</c>: its own share only); the consortium and year are kept on the
/// row for the policies and the list's SQL filter.
/// </summary>
public sealed class QualityPremiumShare
{
    public int Id { get; set; }
    public int QualityPremiumId { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Year { get; set; }
    public required string PracticeCode { get; set; }
    public decimal Amount { get; set; }
}
