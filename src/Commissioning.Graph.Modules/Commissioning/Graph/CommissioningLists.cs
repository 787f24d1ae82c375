using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Shared.Lists;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>
/// The list shapes of the Commissioning subgraph (<see cref="ListShape{T}"/>): what its lists may be filtered and sorted on,
/// and the SQL each field is. The module's SDL is given the generated inputs (<see cref="Sdl"/>).
/// </summary>
internal static class CommissioningLists
{
    public static readonly ListShape<Consortium> Consortium = ListShape<Consortium>.Keyed("Consortium", c => c.Code)
        .Id("code", c => c.Code)
        .String("name", c => c.Name)
        .String("area", c => c.Area)
        .Date("establishedOn", c => c.EstablishedOn)
        .Enum("authorisationStatus", "ConsortiumAuthorisationStatus", c => c.AuthorisationStatus)
        .Int("registeredPopulation", c => c.RegisteredPopulation)
        .Int("unregisteredPopulation", c => c.UnregisteredPopulation)
        .Computed("id", "Code").Computed("kind").Computed("constitution", "Constitution")
        // Relations, read by loaders by the consortium's code (projections: they need no other column); local-government's and nhs-cb's fields too.
        .Computed("practices").Computed("practiceMemberships").Computed("healthAndWellbeingBoardCodes").Computed("financialReturns")
        .Computed("latestFinancialReturn").Computed("contracts").Computed("leadCommissioningArrangements").Computed("commissioningPlans")
        .Computed("conflictOfInterestDeclarations").Computed("commissioningDecisions")
        .Computed("healthAndWellbeingBoards").Computed("pooledBudgets").Computed("allocation").Computed("assurance").Computed("dutyEvidence").Computed("interventions")
        .Computed("arrangementStatements");

    public static readonly ListShape<FinancialReturnLine> FinancialReturnLine = ListShape<FinancialReturnLine>.Keyed("FinancialReturnLine", l => l.Id)
        .Enum("category", "ProgrammeBudgetCategory", l => l.Category)
        .Decimal("plan", l => l.Plan)
        .Decimal("yearToDateActual", l => l.YearToDateActual)
        .Decimal("forecastOutturn", l => l.ForecastOutturn);

    public static readonly ListShape<FinancialReturn> FinancialReturn = ListShape<FinancialReturn>.Keyed("FinancialReturn", r => r.Id)
        .String("year", r => r.Year)
        .Int("month", r => r.Month)
        .Int("version", r => r.Version)
        .Enum("status", "FinancialReturnStatus", r => r.Status)
        .DateTime("createdAt", r => r.CreatedAt)
        .DateTime("submittedAt", r => r.SubmittedAt)
        .DateTime("reviewedAt", r => r.ReviewedAt)
        .String("queryReason", r => r.QueryReason)
        .Int("rowVersion", r => r.RowVersion)
        .Object("consortium", Consortium, (CommissioningDbContext db, FinancialReturn r) => db.Consortia.FirstOrDefault(c => c.Code == r.ConsortiumCode))
        .List("lines", FinancialReturnLine, (CommissioningDbContext db, FinancialReturn r) => r.Lines)
        .Computed("id", "Id").Computed("programmeTotals", "Id").Computed("runningCosts", "RunningCostsPlan", "RunningCostsYearToDate", "RunningCostsForecastOutturn")
        .Computed("capital", "CapitalPlan", "CapitalYearToDate", "CapitalForecastOutturn").Computed("practiceBreakdown", "Id")
        .Computed("income", "IncomePlan", "IncomeYearToDate", "IncomeForecastOutturn")
        .Computed("resourceUse", "ResourceUsePlan", "ResourceUseYearToDate", "ResourceUseForecastOutturn")
        // FinancialDuties.Assess reads these of the return (its lines and allocation are loaded by its id, consortium and year).
        .Computed("duties", "Id", "ConsortiumCode", "Year", "Month", "Version", "RunningCostsForecastOutturn", "CapitalForecastOutturn",
            "IncomeForecastOutturn", "ResourceUseForecastOutturn");

    /// <summary>The generated list inputs, appended to the module's SDL.</summary>
    public static string Sdl => ListSdl.For(Consortium, FinancialReturn);
}
