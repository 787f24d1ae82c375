using Commissioning.Graph.Modules.Shared.Lists;
using Commissioning.Graph.Modules.Shared.Policies;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>
/// What the fields of the module's busiest types read of their entities (<see cref="Projection"/>): a field not named
/// here reads the member named like it. Relations resolved by the key through a loader, and fields of other modules
/// (which know the entity by key only), need nothing more than every projection has.
/// </summary>
internal static class CommissioningProjections
{
    public static readonly ProjectionShape<Consortium> Consortium = new ProjectionShape<Consortium>("Consortium", c => c.Code, GovernedShapes.Consortium)
        .Needs("constitution", c => c.Constitution)
        // The constructor sets the kind of an organisation's subtype.
        .NeedsNothing("id", "kind", "practices", "practiceMemberships", "healthAndWellbeingBoardCodes", "financialReturns", "latestFinancialReturn",
            "contracts", "leadCommissioningArrangements", "commissioningPlans", "conflictOfInterestDeclarations", "commissioningDecisions",
            // local-government and nhs-cb
            "healthAndWellbeingBoards", "pooledBudgets", "allocation", "assurance", "dutyEvidence", "interventions");

    public static readonly ProjectionShape<FinancialReturn> FinancialReturn = new ProjectionShape<FinancialReturn>("FinancialReturn", r => r.Id, GovernedShapes.FinancialReturn)
        .NeedsNothing("id", "consortium", "lines", "programmeTotals", "practiceBreakdown")
        .Needs("runningCosts", r => r.RunningCostsPlan, r => r.RunningCostsYearToDate, r => r.RunningCostsForecastOutturn)
        .Needs("capital", r => r.CapitalPlan, r => r.CapitalYearToDate, r => r.CapitalForecastOutturn)
        // FinancialDuties.Assess
        .Needs("duties", r => r.Month, r => r.Version, r => r.RunningCostsForecastOutturn, r => r.CapitalForecastOutturn);

    public static readonly ProjectionShape<GpPractice> GpPractice = new ProjectionShape<GpPractice>("GpPractice", p => p.Code, GovernedShapes.GpPractice)
        .NeedsNothing("id", "kind", "consortium", "memberships");

    public static readonly ProjectionShape<Contract> Contract = new ProjectionShape<Contract>("Contract", c => c.Code, GovernedShapes.Contract)
        // ContractsByProvider groups by the provider's code (the commissioner's is the governed owner).
        .AlwaysReads(c => c.ProviderCode)
        .NeedsNothing("id", "commissioner", "provider", "performance", "arrangements")
        .Needs("cquinShare", c => c.CquinSharePercent);
}
