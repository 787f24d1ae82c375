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
        .Computed("latestFinancialReturn").Computed("contracts").Computed("leadCommissioningArrangements").Computed("arrangementStatements").Computed("commissioningPlans")
        .Computed("conflictOfInterestDeclarations").Computed("commissioningDecisions")
        .Computed("engagements").Computed("engagementsConnection").Computed("annualReports").Computed("annualAccounts")
        .Computed("healthAndWellbeingBoards").Computed("pooledBudgets").Computed("allocation").Computed("assurance").Computed("dutyEvidence").Computed("interventions")
        .Computed("contractsConnection").Computed("conflictOfInterestDeclarationsConnection").Computed("commissioningDecisionsConnection")
        .Computed("arrangementStatementsConnection").Computed("practicesConnection");

    public static readonly ListShape<GpPractice> GpPractice = ListShape<GpPractice>.Keyed("GpPractice", p => p.Code)
        .Id("code", p => p.Code)
        .String("name", p => p.Name)
        .String("postcode", p => p.Postcode)
        .Int("listSize", p => p.ListSize)
        .Decimal("prescribingSpend", p => p.PrescribingSpend)
        // The kind is set by the constructor; the consortium and memberships are loaded by the practice's code.
        .Computed("id", "Code").Computed("kind").Computed("consortium").Computed("memberships");

    public static readonly ListShape<Provider> Provider = ListShape<Provider>.Keyed("Provider", p => p.Code)
        .Id("code", p => p.Code)
        .String("name", p => p.Name)
        .Enum("providerType", "ProviderType", p => p.ProviderType)
        .Computed("id", "Code").Computed("kind").Computed("contracts");

    public static readonly ListShape<Contract> Contract = ListShape<Contract>.Keyed("Contract", c => c.Code)
        .Id("code", c => c.Code)
        .Id("commissionerCode", c => c.CommissionerCode)
        .String("serviceArea", c => c.ServiceArea)
        .Date("startDate", c => c.StartDate)
        .Date("endDate", c => c.EndDate)
        .Decimal("annualValue", c => c.AnnualValue)
        .Int("activityPlan", c => c.ActivityPlan)
        .String("activityUnit", c => c.ActivityUnit)
        .Decimal("cquinShare", c => c.CquinSharePercent)
        .Object("provider", Provider, (CommissioningDbContext db, Contract c) => db.Providers.FirstOrDefault(p => p.Code == c.ProviderCode))
        .Computed("id", "Code").Computed("commissioner", "CommissionerCode").Computed("performance").Computed("arrangements");

    public static readonly ListShape<ConflictOfInterestDeclaration> ConflictOfInterestDeclaration =
        ListShape<ConflictOfInterestDeclaration>.Keyed("ConflictOfInterestDeclaration", d => d.Id)
            .String("personName", d => d.PersonName)
            .String("role", d => d.Role)
            .String("interest", d => d.Interest)
            .String("mitigation", d => d.Mitigation)
            .Date("declaredOn", d => d.DeclaredOn)
            .Computed("interestIn", "InterestInCode");

    public static readonly ListShape<CommissioningDecision> CommissioningDecision = ListShape<CommissioningDecision>.Keyed("CommissioningDecision", d => d.Id)
        .String("reference", d => d.Reference)
        .String("title", d => d.Title)
        .Date("decidedOn", d => d.DecidedOn)
        .Decimal("value", d => d.Value)
        .String("rationale", d => d.Rationale)
        .Object("provider", Provider, (CommissioningDbContext db, CommissioningDecision d) => db.Providers.FirstOrDefault(p => p.Code == d.ProviderCode))
        .Enum("procurementRoute", "ProcurementRoute", d => d.ProcurementRoute)
        .Computed("engagements", "Id").Computed("membersWithdrawn", "Id");

    public static readonly ListShape<Engagement> Engagement = ListShape<Engagement>.Keyed("Engagement", e => e.Id)
        .String("proposal", e => e.Proposal)
        .Boolean("significantChange", e => e.SignificantChange)
        .Enum("method", "EngagementMethod", e => e.Method)
        .Date("from", e => e.From)
        .Date("to", e => e.To)
        .Boolean("healthWatchInvolved", e => e.HealthWatchInvolved)
        .String("outcome", e => e.Outcome)
        .Int("rowVersion", e => e.RowVersion)
        .Computed("id", "Id").Computed("consortium", "ConsortiumCode").Computed("decisionReference", "DecisionId");

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
        .Computed("capital", "CapitalPlan", "CapitalYearToDate", "CapitalForecastOutturn")
        .Computed("income", "IncomePlan", "IncomeYearToDate", "IncomeForecastOutturn")
        .Computed("resourceUse", "ResourceUsePlan", "ResourceUseYearToDate", "ResourceUseForecastOutturn").Computed("practiceBreakdown", "Id")
        // FinancialDuties.Assess reads these of the return (its lines and allocation are loaded by its id, consortium and year).
        .Computed("duties", "Id", "ConsortiumCode", "Year", "Month", "Version", "RunningCostsForecastOutturn", "CapitalForecastOutturn",
            "IncomeForecastOutturn", "ResourceUseForecastOutturn")
        .Computed("linesConnection", "Id");

    public static readonly ListShape<ArrangementStatement> ArrangementStatement = ListShape<ArrangementStatement>.Keyed("ArrangementStatement", s => s.Id)
        .String("year", s => s.Year)
        .Int("month", s => s.Month)
        .Decimal("share", s => s.SharePercent)
        .Int("activity", s => s.Activity)
        .Decimal("cost", s => s.Cost)
        .Int("contractActivity", s => s.ContractActivity)
        .Decimal("contractCost", s => s.ContractCost)
        .Enum("status", "ArrangementStatementStatus", s => s.Status)
        .DateTime("issuedAt", s => s.IssuedAt)
        .DateTime("respondedAt", s => s.RespondedAt)
        .String("disputeReason", s => s.DisputeReason)
        .Int("rowVersion", s => s.RowVersion)
        .Object("associate", Consortium, (CommissioningDbContext db, ArrangementStatement s) => db.Consortia.FirstOrDefault(c => c.Code == s.AssociateCode))
        .Computed("id", "Id").Computed("arrangement", "ArrangementCode");

    /// <summary><c>Consortium.practicesConnection</c>: the list arguments and the day membership is taken on.</summary>
    private static string PracticesConnectionField =>
        "\nextend type Consortium {\n  \"The member practices on a day (today when omitted), filtered, sorted and paged (`practices` without paging); by code when `order` is omitted.\"\n"
        + "  practicesConnection(\n    \"The day on which membership is taken; today when omitted.\"\n    asOf: Date\n" + ListSdl.Arguments(GpPractice)
        + "  ): GpPracticeConnection! @authenticated @listSize(assumedSize: 50, slicingArguments: [\"first\", \"last\"], sizedFields: [\"edges\", \"nodes\"], requireOneSlicingArgument: false)\n}\n";

    private const string StatementPolicies = "@policy(policies: [[\"arrangementParty\"], [\"nhscb\"]])";

    /// <summary>The generated list inputs and the connection fields added beside plain lists (<c>…Connection</c>), appended to the module's SDL.</summary>
    public static string Sdl =>
        ListSdl.For(Consortium, GpPractice, FinancialReturn, Contract, ConflictOfInterestDeclaration, CommissioningDecision, ArrangementStatement, Engagement)
        + PracticesConnectionField
        + ListSdl.ConnectionTypes("GpPractice", "@authenticated", "practices")
        + ListSdl.ConnectionField("Consortium", "contractsConnection", "Contracts the consortium holds as commissioner, filtered, sorted and paged (`contracts` without paging); by code when `order` is omitted.",
            Contract, "@authenticated")
        + ListSdl.ConnectionTypes("Contract", "@authenticated", "contracts")
        + ListSdl.ConnectionField("Consortium", "conflictOfInterestDeclarationsConnection", "Published declarations of interest, filtered, sorted and paged; newest first when `order` is omitted.",
            ConflictOfInterestDeclaration, "@authenticated")
        + ListSdl.ConnectionTypes("ConflictOfInterestDeclaration", "@authenticated", "declarations")
        + ListSdl.ConnectionField("Consortium", "commissioningDecisionsConnection", "Published commissioning decisions, filtered, sorted and paged; newest first when `order` is omitted.",
            CommissioningDecision, "@authenticated")
        + ListSdl.ConnectionTypes("CommissioningDecision", "@authenticated", "decisions")
        + ListSdl.ConnectionField("Consortium", "engagementsConnection", "How the consortium involved the public, filtered, sorted and paged (`engagements` without paging); newest first when `order` is omitted.",
            Engagement, "@authenticated")
        + ListSdl.ConnectionTypes("Engagement", "@authenticated", "engagements")
        + ListSdl.ConnectionField("FinancialReturn", "linesConnection", "The programme budget lines, filtered, sorted and paged; by category when `order` is omitted.",
            FinancialReturnLine, "@policy(policies: [[\"self\"], [\"nhscb\"]])")
        + ListSdl.ConnectionTypes("FinancialReturnLine", "@policy(policies: [[\"self\"], [\"nhscb\"]])", "lines")
        + ListSdl.ConnectionField("LeadCommissioningArrangement", "statementsConnection",
            "The lead's statements to the associates that the caller may read (as `statements`), filtered, sorted and paged; by year and month when `order` is omitted.",
            ArrangementStatement, StatementPolicies)
        + ListSdl.ConnectionField("Consortium", "arrangementStatementsConnection",
            "The statements issued to the consortium as an associate that the caller may read (as `arrangementStatements`), filtered, sorted and paged; by year and month when `order` is omitted.",
            ArrangementStatement, "@policy(policies: [[\"self\"], [\"nhscb\"]])")
        // The page's own fields are @authenticated: its two parents differ in rule (arrangementParty | self), each field above
        // carries its parent's, the rows are already narrowed to the caller's (arrangementParty|nhscb in SQL) and each
        // statement's fields keep the type's policies.
        + ListSdl.ConnectionTypes("ArrangementStatement", "@authenticated", "statements");
}
