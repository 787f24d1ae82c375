using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.Commissioning;

/// <summary>Where a consortium's commissioning plan stands.</summary>
public enum CommissioningPlanStatus
{
    /// <summary>Being written by the consortium.</summary>
    Draft,
    /// <summary>Shared in draft with the Health and Wellbeing Boards the consortium sits on, for their opinion.</summary>
    SharedWithHwb,
    /// <summary>Published (with the boards' opinions): public.</summary>
    Published,
}

/// <summary>
/// The commissioning plan a consortium prepares each year: it shares a draft with each Health and Wellbeing Board it sits
/// on, which gives its opinion (<see cref="PlanResponse"/>) — whether the plan takes proper account of the board's joint
/// health and wellbeing strategy, whose priorities (<see cref="StrategyPriorityCodes"/>, by key) the plan addresses — and
/// then publishes it. The plan is the unit of optimistic concurrency for its responses.
/// </summary>
public sealed class CommissioningPlan : IVersioned
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Year { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public CommissioningPlanStatus Status { get; set; } = CommissioningPlanStatus.Published;
    /// <summary>When the draft was (last) shared with the boards; null while never shared.</summary>
    public DateOnly? SharedOn { get; set; }
    /// <summary>Null until published.</summary>
    public DateOnly? PublishedOn { get; set; }
    public string? Url { get; set; }
    /// <summary>Codes of the boards' strategy priorities the plan addresses (the local-government module's keys), separated by <c>;</c>.</summary>
    public string StrategyPriorityCodes { get; set; } = "";
    public int RowVersion { get; set; }

    public List<PlanResponse> Responses { get; } = [];

    public IReadOnlyList<string> PriorityCodes => StrategyPriorityCodes.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A board's view of a consortium's draft plan.</summary>
public enum PlanView
{
    Supports,
    SupportsWithComments,
    DoesNotSupport,
}

/// <summary>
/// A Health and Wellbeing Board's opinion of a consortium's draft commissioning plan, written by the board's local
/// authority. It belongs with the plan, in this module, though the board writes it: it is part of the plan (the consortium
/// publishes the plan with its boards' opinions, a response is only to a plan shared with the board, and the plan's
/// status, content and responses change in one transaction under the plan's row version), while the board is another
/// module's and is named by key — who may write for it, and that the consortium sits on it, come from the directory.
/// </summary>
public sealed class PlanResponse
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    /// <summary>The responding Health and Wellbeing Board (the local-government module's key).</summary>
    public required string BoardCode { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public PlanView View { get; set; }
    public required string Statement { get; set; }

    public CommissioningPlan? Plan { get; set; }
}

/// <summary>A published declaration of an interest by someone taking part in a consortium's decisions.</summary>
public sealed class ConflictOfInterestDeclaration
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string PersonName { get; set; }
    public required string Role { get; set; }
    public required string Interest { get; set; }
    public string? Mitigation { get; set; }
    public DateOnly DeclaredOn { get; set; }
    /// <summary>The organisation the interest is in (a provider, a practice, another body: its code), so that a declaration can be
    /// matched to a decision's provider; null when the interest is in no organisation.</summary>
    public string? InterestInCode { get; set; }
}

/// <summary>A commissioning decision above the consortium's published value threshold.</summary>
public sealed class CommissioningDecision
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Reference { get; set; }
    public required string Title { get; set; }
    public DateOnly DecidedOn { get; set; }
    public decimal Value { get; set; }
    public string? ProviderCode { get; set; }
    public string? Rationale { get; set; }
    /// <summary>How the provider was chosen; null for decisions recorded before routes were.</summary>
    public ProcurementRoute? ProcurementRoute { get; set; }

    /// <summary>The members who took no part in the decision for a declared conflict of interest.</summary>
    public List<DecisionWithdrawal> Withdrawals { get; } = [];
}

/// <summary>How a commissioning decision chose its provider.</summary>
public enum ProcurementRoute
{
    /// <summary>Any provider meeting the qualification criteria, paid the tariff; the patient chooses.</summary>
    AnyQualifiedProvider,
    CompetitiveTender,
    /// <summary>Awarded without competition (a sole capable provider), with the reason published.</summary>
    SingleTender,
    /// <summary>A variation of an existing contract.</summary>
    ContractVariation,
}

/// <summary>A member who withdrew from a decision for the interest of one of the consortium's declarations.</summary>
public sealed class DecisionWithdrawal
{
    public int DecisionId { get; set; }
    public int DeclarationId { get; set; }
}

/// <summary>How a consortium involved the public in a proposal.</summary>
public enum EngagementMethod
{
    PublicConsultation,
    PublicMeeting,
    Survey,
    PatientPanel,
    Workshop,
}

/// <summary>
/// How a consortium involved patients and the public in a commissioning proposal (its duty of public involvement): the
/// proposal, whether it is a significant change to services, how and when people were involved, whether the local
/// HealthWatch took part, and what came of it. Public information; optionally the decision it informed.
/// </summary>
public sealed class Engagement : IVersioned
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Proposal { get; set; }
    public bool SignificantChange { get; set; }
    public EngagementMethod Method { get; set; }
    public DateOnly From { get; set; }
    /// <summary>Null while the engagement is open.</summary>
    public DateOnly? To { get; set; }
    public bool HealthWatchInvolved { get; set; }
    /// <summary>What the engagement changed; null until it is known.</summary>
    public string? Outcome { get; set; }
    /// <summary>The consortium's decision it informed, if any.</summary>
    public int? DecisionId { get; set; }
    public int RowVersion { get; set; }
}

/// <summary>An auditor's opinion of a consortium's annual accounts.</summary>
public enum AuditOpinion
{
    Unqualified,
    Qualified,
    Adverse,
    Disclaimer,
}

/// <summary>
/// A consortium's annual report for a financial year: recorded (the NHS CB sees it), then published, and presented at a
/// public meeting. Before publication only the consortium and the NHS CB read it; once published, anyone registered.
/// </summary>
public sealed class AnnualReport : IVersioned
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Year { get; set; }
    /// <summary>Null until published.</summary>
    public DateOnly? PublishedOn { get; set; }
    public DateOnly? PublicMeetingOn { get; set; }
    public string? Url { get; set; }
    public int RowVersion { get; set; }
}

/// <summary>
/// A consortium's audited annual accounts for a financial year: the auditor's opinion and the year's audited outturn
/// against its limits, from which the statutory financial duties are judged as a return's forecast is (<see cref="FinancialDuties.AssessAudited"/>).
/// Published as an annual report is.
/// </summary>
public sealed class AnnualAccounts : IVersioned
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Year { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public AuditOpinion AuditOpinion { get; set; }
    public decimal ProgrammeBudget { get; set; }
    public decimal RunningCostsAllowance { get; set; }
    public decimal RevenueResourceLimit { get; set; }
    public decimal CapitalResourceLimit { get; set; }
    public decimal IncomeReceived { get; set; }
    public decimal ProgrammeExpenditure { get; set; }
    public decimal RunningCosts { get; set; }
    public decimal CapitalExpenditure { get; set; }
    /// <summary>Net revenue resource used on an accruals basis.</summary>
    public decimal ResourceUse { get; set; }
    public int RowVersion { get; set; }
}

/// <summary>What a consortium must publish each year.</summary>
public enum PublicationKind
{
    AnnualReport,
    AnnualAccounts,
    CommissioningPlan,
}

/// <summary>
/// When each publication of a financial year is due, written once: the commissioning plan before the year starts (by
/// 31 March before it), the audited accounts by 30 June after it ends, the annual report (with the accounts) by
/// 30 September after it ends, before the public meeting.
/// </summary>
public static class PublicationDueDates
{
    public static DateOnly Of(PublicationKind kind, string year)
    {
        var start = FinancialYear.StartYear(year);
        return kind switch
        {
            PublicationKind.CommissioningPlan => new DateOnly(start, 3, 31),
            PublicationKind.AnnualAccounts => new DateOnly(start + 1, 6, 30),
            _ => new DateOnly(start + 1, 9, 30),
        };
    }
}
