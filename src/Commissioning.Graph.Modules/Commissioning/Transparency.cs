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
}
