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

/// <summary>What kind of arrangement: who exercises whose commissioning functions (DOMAIN.md "Lead commissioning and recharges").</summary>
public enum ArrangementKind
{
    /// <summary>A consortium commissions for associate consortia.</summary>
    LeadCommissioner,
    /// <summary>Consortia exercise their functions jointly, one of them leading.</summary>
    JointExercise,
    /// <summary>A consortium commissions on the NHS CB's behalf (e.g. enhanced services).</summary>
    OnBehalfOfNhscb,
    /// <summary>The NHS CB commissions on consortia's behalf.</summary>
    NhscbOnBehalf,
    /// <summary>A local authority leads, in partnership with consortia (an NHS Act 2006 s.75 arrangement).</summary>
    LocalAuthorityPartnership,
}

/// <summary>Which body an arrangement's kind has lead, written once.</summary>
public static class ArrangementKinds
{
    /// <summary>Whether a consortium leads arrangements of <paramref name="kind"/> (the NHS CB leads <c>NHSCB_ON_BEHALF</c>, a local
    /// authority <c>LOCAL_AUTHORITY_PARTNERSHIP</c>): <c>lead</c> is read only for those, so other leads cost no look-up.</summary>
    public static bool LedByConsortium(ArrangementKind kind) => kind is not (ArrangementKind.NhscbOnBehalf or ArrangementKind.LocalAuthorityPartnership);
}

/// <summary>
/// One body (the lead: a consortium, the NHS CB or a local authority) commissions a service from a provider on behalf
/// of associate consortia. The lead carries what the associates' shares leave.
/// </summary>
public sealed class LeadCommissioningArrangement : IVersioned
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public ArrangementKind Kind { get; set; }
    /// <summary>The lead's ODS or ONS code: a consortium, the NHS CB or a local authority (any body the directory knows).</summary>
    public required string LeadCode { get; set; }
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

/// <summary>Where an arrangement statement stands with its associate.</summary>
public enum ArrangementStatementStatus
{
    /// <summary>Issued by the lead; the associate has not answered.</summary>
    Issued,
    /// <summary>The associate agreed it: it owes the lead the amount.</summary>
    Agreed,
    /// <summary>The associate disputed it, giving a reason; the lead may re-issue it.</summary>
    Disputed,
}

/// <summary>
/// A lead's monthly statement to one associate: the associate's share of the activity and cost of the contracts the
/// arrangement covers, as performed that month — what the associate owes the lead. The lead carries what the
/// associates' shares leave, so the statements of a month and the lead's part add up to the contracts' performance.
/// </summary>
public sealed class ArrangementStatement : IVersioned
{
    public int Id { get; set; }
    public required string ArrangementCode { get; set; }
    /// <summary>The associate consortium the statement is addressed to (it owes the amount).</summary>
    public required string AssociateCode { get; set; }
    public required string Year { get; set; }
    public int Month { get; set; }
    /// <summary>The associate's share applied, as a percentage.</summary>
    public decimal SharePercent { get; set; }
    public int Activity { get; set; }
    public decimal Cost { get; set; }
    /// <summary>The month's performance of every contract the arrangement covers, as the statement was issued from it.</summary>
    public int ContractActivity { get; set; }
    public decimal ContractCost { get; set; }
    public ArrangementStatementStatus Status { get; set; }
    public DateTime IssuedAt { get; set; }
    /// <summary>When the associate agreed or disputed it.</summary>
    public DateTime? RespondedAt { get; set; }
    public string? DisputeReason { get; set; }
    public int RowVersion { get; set; }
}

/// <summary>The lead-commissioning recharge rule, written once: an associate's part of a month's contract performance.</summary>
public static class ArrangementRecharges
{
    /// <summary>
    /// The associate's activity and cost: its share of the contracts' activity (whole units) and cost (pounds and
    /// pence), each rounded half to even; the lead's part is what the associates' parts leave, so nothing is lost to rounding.
    /// </summary>
    public static (int Activity, decimal Cost) PartOf(decimal sharePercent, int contractActivity, decimal contractCost) =>
        ((int)Math.Round(contractActivity * sharePercent / 100m, 0, MidpointRounding.ToEven),
         Math.Round(contractCost * sharePercent / 100m, 2, MidpointRounding.ToEven));

    /// <summary>The lead's part: the performance less the associates' parts.</summary>
    public static (int Activity, decimal Cost) LeadPart(int contractActivity, decimal contractCost, IEnumerable<ArrangementStatement> statements)
    {
        var list = statements.ToList();
        return (contractActivity - list.Sum(s => s.Activity), contractCost - list.Sum(s => s.Cost));
    }
}

/// <summary>
/// A provider's activity on a contract for one month, by responsible commissioner (whose patients the activity was
/// for): what recharges between a lead and its associates are reconciled against. Resubmitting replaces the lines.
/// </summary>
public sealed class ContractActivitySubmission : IVersioned
{
    public int Id { get; set; }
    public required string ContractCode { get; set; }
    public required string Year { get; set; }
    public int Month { get; set; }
    /// <summary>The provider that submitted it (the contract's provider).</summary>
    public required string ProviderCode { get; set; }
    public DateTime SubmittedAt { get; set; }
    public int RowVersion { get; set; }

    public List<ContractActivityLine> Lines { get; } = [];

    public int TotalActivity => Lines.Sum(l => l.Activity);
    public decimal TotalCost => Lines.Sum(l => l.Cost);
}

/// <summary>One responsible commissioner's part of a month's contract activity.</summary>
public sealed class ContractActivityLine
{
    public int Id { get; set; }
    public int SubmissionId { get; set; }
    /// <summary>The responsible commissioner's code (a consortium, the NHS CB or a local authority).</summary>
    public required string CommissionerCode { get; set; }
    public int Activity { get; set; }
    public decimal Cost { get; set; }
}
