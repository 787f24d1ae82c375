using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.NhsCb;

/// <summary>The national board: authorises consortia, allocates their budgets and holds them to account.</summary>
public sealed class NhsCommissioningBoard
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Mandate { get; set; }
    public string? Guidance { get; set; }
}

/// <summary>
/// The NHS CB's allocation to a consortium (by code) for a financial year: the limits the
/// statutory financial duties are measured against.
/// </summary>
public sealed class Allocation : IVersioned
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Year { get; set; }
    /// <summary>Programme budget: the money for commissioning services.</summary>
    public decimal ProgrammeBudget { get; set; }
    /// <summary>The ceiling on the consortium's own administration (running) costs.</summary>
    public decimal RunningCostsAllowance { get; set; }
    /// <summary>Revenue resource limit: the most revenue resource the consortium may use in the year.</summary>
    public decimal RevenueResourceLimit { get; set; }
    /// <summary>Capital resource limit.</summary>
    public decimal CapitalResourceLimit { get; set; }

    /// <summary>The figures other modules may see, without this entity (see <see cref="Shared.IAllocationLookup"/>).</summary>
    public Shared.AllocationFigures Figures => new(ConsortiumCode, Year, ProgrammeBudget, RunningCostsAllowance, RevenueResourceLimit, CapitalResourceLimit);
    public DateTime RecordedAt { get; set; }
    public int RowVersion { get; set; }

    /// <summary>Everything allotted for the year's revenue spending: programme budget plus running-costs allowance.</summary>
    public decimal TotalAllocation => ProgrammeBudget + RunningCostsAllowance;
}

public enum AssuranceRating
{
    Assured,
    AssuredWithSupport,
    PartiallyAssured,
    NotAssured,
}

/// <summary>The NHS CB's annual assessment of a consortium: one per consortium and year, with a finding per
/// statutory duty and the in-year reviews (checkpoints) under it.</summary>
public sealed class AssuranceAssessment : IVersioned
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Year { get; set; }
    public AssuranceRating Rating { get; set; }
    public DateOnly AssessedOn { get; set; }
    public string? FinanceFinding { get; set; }
    public string? QualityFinding { get; set; }
    public string? Summary { get; set; }
    public int RowVersion { get; set; }
    public List<DutyFinding> DutyFindings { get; set; } = [];
    public List<AssuranceCheckpoint> Checkpoints { get; set; } = [];
}

/// <summary>A consortium's statutory duties beyond money (and, as one, its financial duties), as the NHS CB assures them.</summary>
public enum StatutoryDuty
{
    ImproveQuality,
    ReduceInequalities,
    PromotePatientChoice,
    InvolvePublic,
    ObtainProfessionalAdvice,
    PromoteIntegration,
    PublishCommissioningPlan,
    PublishAnnualReport,
    FinancialDuties,
}

/// <summary>The assessment's finding on one statutory duty.</summary>
public sealed class DutyFinding
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public StatutoryDuty Duty { get; set; }
    public AssuranceRating Rating { get; set; }
    public required string Finding { get; set; }

    /// <summary>The assessment's consortium and year, set when read under it (not stored: the assessment has them).</summary>
    public ConsortiumYear? Of { get; set; }
}

/// <summary>An in-year review under an annual assessment: one per quarter.</summary>
public sealed class AssuranceCheckpoint
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public int Quarter { get; set; }
    public required string Finding { get; set; }
    public DateOnly RecordedOn { get; set; }
}

/// <summary>A consortium's evidence that it met a statutory duty in a year: one per consortium, year and duty, revised in place.</summary>
public sealed class DutyEvidence : IVersioned
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Year { get; set; }
    public StatutoryDuty Duty { get; set; }
    public required string Summary { get; set; }
    public DateTime SubmittedAt { get; set; }
    public int RowVersion { get; set; }
}

public enum InterventionKind
{
    ImprovementSupport,
    Direction,
    FunctionsTransferred,
    AccountableOfficerReplaced,
    Dissolution,
}

/// <summary>An NHS CB intervention in a consortium (powers of direction and beyond).</summary>
public sealed class Intervention
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public InterventionKind Kind { get; set; }
    public required string Reason { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    /// <summary>The statutory ground; null for an intervention recorded before grounds were.</summary>
    public InterventionGround? Ground { get; set; }
    /// <summary>The body the consortium's functions were transferred to (a consortium or the NHS CB, by code), if any.</summary>
    public string? TransferredToCode { get; set; }
}
