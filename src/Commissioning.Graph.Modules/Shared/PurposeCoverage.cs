using Commissioning.Graph.Engine.Authorization;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// DOMAIN.md's purpose table, written once: which purposes of use may disclose each restricted schema
/// coordinate (a <c>Type.field</c>, or a type name for all its fields and every field returning it) when
/// the data is another organisation's. <c>AUDIT</c> covers everything the caller may read, for the NHS CB
/// only. The engine enforces it (<see cref="PurposeLimitation"/>); a test checks every restricted
/// coordinate of the graph is listed here.
/// </summary>
public static class PurposeCoverage
{
    public const string Commissioning = "COMMISSIONING";
    public const string FinancialAssurance = "FINANCIAL_ASSURANCE";
    public const string Allocations = "ALLOCATIONS";
    public const string Assurance = "ASSURANCE";
    public const string Jsna = "JSNA";
    public const string OutcomesMonitoring = "OUTCOMES_MONITORING";
    public const string LeadCommissioning = "LEAD_COMMISSIONING";
    public const string ContractManagement = "CONTRACT_MANAGEMENT";
    public const string PooledBudgetManagement = "POOLED_BUDGET_MANAGEMENT";
    public const string Audit = "AUDIT";

    private static readonly string[] FinancialReturns = [FinancialAssurance, Assurance];
    private static readonly string[] AllocationData = [FinancialAssurance, Allocations];
    private static readonly string[] AssuranceData = [Assurance];
    private static readonly string[] JsnaData = [Jsna, Commissioning];
    private static readonly string[] PoolData = [PooledBudgetManagement];
    private static readonly string[] OutcomesData = [Jsna, OutcomesMonitoring, Commissioning];
    private static readonly string[] QualityPremiumData = [FinancialAssurance, OutcomesMonitoring];
    private static readonly string[] ArrangementData = [LeadCommissioning];
    // Contracts: their management, commissioning, and (for the contracts an arrangement covers) lead commissioning.
    private static readonly string[] ContractData = [ContractManagement, Commissioning, LeadCommissioning];

    /// <summary>Coordinate or type → the purposes covering it; a list's connection (<c>Type.fieldConnection</c>) and the
    /// <c>…Connection</c>/<c>…Edge</c> types of a listed type are covered as the list and the type are.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Covers { get; } = WithConnections(new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        // financial returns and their lines, breakdowns and duties: FINANCIAL_ASSURANCE, ASSURANCE
        ["Consortium.financialReturns"] = FinancialReturns,
        ["Consortium.latestFinancialReturn"] = FinancialReturns,
        ["FinancialReturn"] = FinancialReturns,
        ["FinancialReturnLine"] = FinancialReturns,
        ["FinancialFigures"] = FinancialReturns,
        ["PracticeBreakdownLine"] = FinancialReturns,
        ["StatutoryFinancialDuties"] = FinancialReturns,
        ["DutyAssessment"] = FinancialReturns,
        // allocations: FINANCIAL_ASSURANCE, ALLOCATIONS
        ["Consortium.allocation"] = AllocationData,
        ["Allocation"] = AllocationData,
        // assurance assessments, duty evidence and findings, interventions, information requests: ASSURANCE
        ["Consortium.assurance"] = AssuranceData,
        ["AssuranceAssessment"] = AssuranceData,
        ["DutyFinding"] = AssuranceData,
        ["AssuranceCheckpoint"] = AssuranceData,
        ["Consortium.dutyEvidence"] = AssuranceData,
        ["DutyEvidence"] = AssuranceData,
        ["Consortium.interventions"] = AssuranceData,
        ["Intervention"] = AssuranceData,
        // information requests (the NHS CB's and the consortium's): ASSURANCE
        ["Consortium.informationRequests"] = AssuranceData,
        ["InformationRequest"] = AssuranceData,
        // outcomes values (unpublished: a published value is public): JSNA, OUTCOMES_MONITORING, COMMISSIONING
        ["OutcomeValue"] = OutcomesData,
        // quality premium: FINANCIAL_ASSURANCE, OUTCOMES_MONITORING
        ["Consortium.qualityPremium"] = QualityPremiumData,
        ["QualityPremium"] = QualityPremiumData,
        ["QualityPremiumCriterion"] = QualityPremiumData,
        ["QualityPremiumShare"] = QualityPremiumData,
        // practice prescribing spend: FINANCIAL_ASSURANCE, COMMISSIONING
        ["GpPractice.prescribingSpend"] = [FinancialAssurance, Commissioning],
        // JSNA contributions and indicators: JSNA, COMMISSIONING
        ["JsnaContribution"] = JsnaData,
        ["JsnaIndicator"] = JsnaData,
        // strategies (drafts: a published one is public): JSNA
        ["JointHealthAndWellbeingStrategy"] = [Jsna],
        ["StrategyPriority"] = [Jsna],
        // plans and their HWB responses (unpublished: a published plan is public): COMMISSIONING
        ["CommissioningPlan"] = [Commissioning],
        ["PlanResponse"] = [Commissioning],
        // annual reports and audited accounts before publication (published ones are public): the NHS CB's assurance of the
        // duty to publish; the accounts' audited duties also FINANCIAL_ASSURANCE, as a return's duties are
        ["AnnualReport"] = AssuranceData,
        ["AnnualAccounts"] = FinancialReturns,
        // the NHS CB's list of overdue publications: ASSURANCE
        ["Query.publicationsOverdue"] = AssuranceData,
        ["OverduePublication"] = AssuranceData,
        // pool contributions, expenditure, risk share: POOLED_BUDGET_MANAGEMENT
        ["PooledBudget.contributions"] = PoolData,
        ["PooledBudget.expenditure"] = PoolData,
        ["PooledBudget.riskShare"] = PoolData,
        ["PooledBudget.rowVersion"] = PoolData,
        ["PooledBudget.outturn"] = PoolData,
        ["PoolOutturn"] = PoolData,
        ["PoolPartnerShare"] = PoolData,
        ["PoolContribution"] = PoolData,
        ["PoolExpenditure"] = PoolData,
        ["PoolPartner"] = PoolData,
        // arrangement shares, activity and cost: LEAD_COMMISSIONING
        ["LeadCommissioningArrangement.leadShare"] = ArrangementData,
        ["LeadCommissioningArrangement.leadActivity"] = ArrangementData,
        ["LeadCommissioningArrangement.leadCost"] = ArrangementData,
        ["ArrangementAssociate"] = ArrangementData,
        // statements (recharges): LEAD_COMMISSIONING
        ["LeadCommissioningArrangement.statements"] = ArrangementData,
        ["Consortium.arrangementStatements"] = ArrangementData,
        ["ArrangementStatement"] = ArrangementData,
        // contracts: value, activity, performance
        ["Contract.annualValue"] = ContractData,
        ["Contract.activityPlan"] = ContractData,
        ["Contract.activityUnit"] = ContractData,
        ["Contract.cquinShare"] = ContractData,
        ["Contract.performance"] = ContractData,
        ["ContractPerformance"] = ContractData,
        // contract activity by responsible commissioner (what recharges reconcile against)
        ["Contract.activity"] = ContractData,
        ["ContractActivity"] = ContractData,
        ["CommissionerActivity"] = ContractData,
    });

    private static Dictionary<string, IReadOnlyList<string>> WithConnections(Dictionary<string, IReadOnlyList<string>> covers)
    {
        foreach (var (coordinate, purposes) in covers.ToList())
        {
            string[] derived = coordinate.Contains('.') ? [coordinate + "Connection"] : [coordinate + "Connection", coordinate + "Edge"];
            foreach (var name in derived) covers.TryAdd(name, purposes);
        }
        return covers;
    }

    /// <summary>The table as the engine takes it: <c>AUDIT</c> for whoever satisfies <c>nhscb</c> on the data.</summary>
    public static PurposeLimitation Limitation { get; } = new(Covers,
        new Dictionary<string, AuthorizationRules>(StringComparer.Ordinal)
        {
            [Audit] = new(false, [], [[["nhscb"]]]),
        },
        howToState: "send the X-Purpose-Of-Use header");
}
