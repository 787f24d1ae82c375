using System.Reflection;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Lists;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Graph.Modules.Commissioning.Graph.CommissioningLoaders;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>
/// The Commissioning subgraph: consortia, GP practices, providers, financial returns (with the
/// statutory financial duties), contracts and lead-commissioning arrangements. Its SDL is
/// <c>commissioning.graphql</c> beside this file (embedded); every relation resolves through a
/// DataLoader (<see cref="CommissioningLoaders"/>), so a request's statements are bounded by its depth.
/// </summary>
public sealed class CommissioningGraphModule : IGraphModule
{
    private static readonly Lazy<string> SdlText = new(() =>
    {
        using var stream = typeof(CommissioningGraphModule).Assembly.GetManifestResourceStream(SdlResourceName)
                           ?? throw new InvalidOperationException($"Embedded resource {SdlResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public const string SdlResourceName = "commissioning.graphql";

    public string Name => "commissioning";

    public string Sdl => SdlText.Value + CommissioningLists.Sdl;

    public IReadOnlyDictionary<string, EntityResolver> EntityResolvers { get; } = new Dictionary<string, EntityResolver>
    {
        ["Consortium"] = async (rep, ctx) => Code(rep) is { } code ? await ConsortiumByCode(ctx).LoadAsync(code) : null,
        ["GpPractice"] = async (rep, ctx) => Code(rep) is { } code ? await PracticeByCode(ctx).LoadAsync(code) : null,
        ["Provider"] = async (rep, ctx) => Code(rep) is { } code ? await ProviderByCode(ctx).LoadAsync(code) : null,
        ["Contract"] = async (rep, ctx) => Code(rep) is { } code ? await ContractByCode(ctx).LoadAsync(code) : null,
        ["LeadCommissioningArrangement"] = async (rep, ctx) => Code(rep) is { } code ? await ArrangementByCode(ctx).LoadAsync(code) : null,
        // Other modules' entities this module names by key only (a plan's priorities, a response's board).
        ["HealthAndWellbeingBoard"] = (rep, _) => ValueTask.FromResult<object?>(Code(rep) is { } code ? new EntityReference("HealthAndWellbeingBoard", code) : null),
        ["StrategyPriority"] = (rep, _) => ValueTask.FromResult<object?>(Code(rep) is { } code ? new EntityReference("StrategyPriority", code) : null),
        ["FinancialReturn"] = async (rep, ctx) =>
            FinancialReturnIds.Parse(rep.GetValueOrDefault("id") as string) is { } id ? await ReturnById(ctx).LoadAsync(id) : null,
    };

    private static string? Code(IReadOnlyDictionary<string, object?> representation) => representation.GetValueOrDefault("code") as string;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    private static async Task<object?> List<T>(ValueTask<IReadOnlyList<T>?> load) => await load ?? [];

    public void Configure(SchemaBuilder builder)
    {
        ConfigureQuery(builder);
        ConfigureOrganisations(builder);
        ConfigureFinancialReturns(builder);
        ConfigureContracts(builder);
        ConfigureTransparency(builder);
        FinancialReturnMutations.Configure(builder);
        ArrangementStatementFields.Configure(builder);
        ArrangementStatementMutations.Configure(builder);
        CommissioningPlanFields.Configure(builder);
        CommissioningPlanMutations.Configure(builder);
        FinancialReturnEvents.Configure(builder);
        ContractActivityFields.Configure(builder);
        ContractActivityMutations.Configure(builder);
        ArrangementStatementEvents.Configure(builder);
        EngagementsAndPublicationsFields.Configure(builder);
        EngagementsAndPublicationsMutations.Configure(builder);
    }

    private static void ConfigureQuery(SchemaBuilder b) => b
        .ResolveAsync("Query.consortium", async ctx => await ConsortiumFor(ctx).LoadAsync((string)ctx.Arguments["code"]!))
        .ResolveAsync("Query.consortia", ConsortiaAsync)
        .ResolveAsync("Query.consortiaAtRisk", ConsortiaAtRiskAsync)
        .ResolveAsync("Query.gpPractice", async ctx => await PracticeFor(ctx).LoadAsync((string)ctx.Arguments["code"]!))
        .ResolveAsync("Query.provider", async ctx => await ProviderByCode(ctx).LoadAsync((string)ctx.Arguments["code"]!))
        .ResolveAsync("Query.leadCommissioningArrangement", async ctx => await ArrangementByCode(ctx).LoadAsync((string)ctx.Arguments["code"]!))
        .ResolveAsync("Query.contract", async ctx => await ContractFor(ctx).LoadAsync((string)ctx.Arguments["code"]!))
        .ResolveAsync("Query.financialReturn", async ctx =>
            FinancialReturnIds.Parse(ctx.Arguments["id"] as string) is { } id ? await ReturnFor(ctx).LoadAsync(id) : null);

    private static async Task<object?> ConsortiaAsync(IResolveContext ctx)
    {
        var statuses = GraphEnum.ParseDistinct<ConsortiumAuthorisationStatus>(ctx.Arguments.GetValueOrDefault("authorisationStatus"));
        // orderBy (the older argument) gives the order when "order" does not.
        var orderBy = (ctx.Arguments.GetValueOrDefault("orderBy") as string ?? "CODE") switch
        {
            "NAME" => "name",
            "REGISTERED_POPULATION_DESC" => "registeredPopulation DESC",
            _ => "code",
        };
        return await Connections.RootAsync(ctx, CommissioningLists.Consortium, new ListSource<Persistence.CommissioningDbContext, Consortium>
        {
            Name = "commissioning.consortia",
            Rows = db => statuses is { Count: > 0 } ? db.Consortia.Where(c => statuses.Contains(c.AuthorisationStatus)) : db.Consortia,
            Arguments = string.Join(',', statuses ?? []),
            DefaultOrder = orderBy,
            // Later levels that need no more than these rows carry find them in the cache of their projection.
            Loaded = (c, rows, projection) => ProjectedLoaders.Prime(c, "commissioning.consortiumByCode", projection, rows, r => r.Code, ConsortiumLoader(c)),
        });
    }

    /// <summary>The latest return of every consortium for the year, kept when it forecasts a breached duty.</summary>
    private static async Task<object?> ConsortiaAtRiskAsync(IResolveContext ctx)
    {
        // The NHS CB's list: anyone else is refused, not handed an empty list that reads as "nobody at risk"
        // (an execution without a subject — in-process tests, tools — is not refused, as RuleFilter filters nothing for it).
        if (RuleFilter.Subject(ctx) is { } subject && !PolicyRules.IsNhsCommissioningBoard(subject.Organisation))
            throw Engine.Authorization.AuthorizationTransform.PolicyRefusal(ctx, ["nhscb"]);
        var year = (string)ctx.Arguments["year"]!;
        // What the selection needs, and what the duties this resolver assesses read.
        var projection = Projection.Of(ctx, CommissioningProjections.FinancialReturn, alsoFields: ["duties"]);
        List<FinancialReturn> latest;
        await using (var db = await Contexts(ctx).CreateDbContextAsync(ctx.CancellationToken))
        {
            var returns = LatestReturns(db, year).AsNoTracking().OrderBy(r => r.ConsortiumCode);
            latest = await projection.Apply(returns).ToListAsync(ctx.CancellationToken);
        }
        ProjectedLoaders.Prime(ctx, "commissioning.returnById", projection, latest, r => r.Id, ReturnLoader(ctx));
        // The loads are issued after an await of this resolver's own query, outside the executor's sections:
        // held, they make one batch per loader whatever the thread pool does (statements fixed by the query).
        Task<FinancialDutiesAssessment?>[] assessing;
        using (DataLoaderRegistry.For(ctx).HoldDispatch())
            assessing = latest.Select(r => FinancialReturnFields.DutiesAsync(ctx, r)).ToArray();
        var duties = await Task.WhenAll(assessing);
        return latest.Where((r, i) => duties[i] is { AtRisk: true }).ToList();
    }

    private static void ConfigureOrganisations(SchemaBuilder b) => b
        .IsTypeOf("Consortium", (v, _) => v is Consortium)
        .Resolve<Consortium>("Consortium.id", c => Engine.Federation.GlobalId.Encode("Consortium", c.Code))
        .Resolve<Consortium>("Consortium.kind", c => GraphEnum.Name(c.Kind))
        .Resolve<Consortium>("Consortium.authorisationStatus", c => GraphEnum.Name(c.AuthorisationStatus))
        .ResolveAsync<Consortium>("Consortium.practices", (consortium, ctx) =>
            List(PracticesByConsortium(ctx, GraphValues.ToDate(ctx.Arguments.GetValueOrDefault("asOf")) ?? Today).LoadAsync(consortium.Code)))
        .ResolveAsync<Consortium>("Consortium.practicesConnection", async (consortium, ctx) =>
        {
            var day = GraphValues.ToDate(ctx.Arguments.GetValueOrDefault("asOf")) ?? Today;
            return await Connections.ChildAsync(ctx, CommissioningLists.GpPractice,
                new ChildListSource<Persistence.CommissioningDbContext, Consortium, string, GpPractice>
                {
                    Name = "commissioning.practicesConnection", Arguments = $"{day:yyyy-MM-dd}", DefaultOrder = "code",
                    Rows = db => db.GpPractices,
                    Parents = db => db.Consortia, ParentKey = c => c.Code,
                    // The same source as Consortium.practices: the memberships current on the day (a practice is a member of
                    // one consortium at a time), their column the correlation.
                    RowsOf = (db, code) => db.ConsortiumMemberships
                        .Where(m => m.ConsortiumCode == code && m.From <= day && (m.To == null || m.To >= day)).Select(m => m.Practice!),
                }, consortium.Code);
        })
        .ResolveTotalCounts("GpPracticeConnection")
        .ResolveAsync<Consortium>("Consortium.practiceMemberships", async (consortium, ctx) =>
        {
            var all = await MembershipsByConsortium(ctx).LoadAsync(consortium.Code) ?? [];
            return ctx.Arguments.GetValueOrDefault("includeEnded") is false ? all.Where(m => m.IsCurrentOn(Today)).ToList() : all;
        })
        .ResolveAsync<Consortium>("Consortium.healthAndWellbeingBoardCodes", (consortium, ctx) => List(HwbCodesOfConsortiumAsync(ctx, consortium.Code, Today)))
        .ResolveAsync("Consortium.financialReturns", FinancialReturnReads.ConnectionAsync)
        .ResolveAsync<Consortium>("Consortium.latestFinancialReturn", async (consortium, ctx) =>
            await LatestReturnByConsortium(ctx, (string)ctx.Arguments["year"]!).LoadAsync(consortium.Code))
        .ResolveAsync<Consortium>("Consortium.contracts", (consortium, ctx) => List(ContractsByCommissioner(ctx).LoadAsync(consortium.Code)))
        .ResolveAsync<Consortium>("Consortium.leadCommissioningArrangements", (consortium, ctx) => List(ArrangementsByConsortium(ctx).LoadAsync(consortium.Code)))
        .ResolveAsync<Consortium>("Consortium.conflictOfInterestDeclarations", (consortium, ctx) => List(DeclarationsByConsortium(ctx).LoadAsync(consortium.Code)))
        .ResolveAsync<Consortium>("Consortium.commissioningDecisions", (consortium, ctx) => List(DecisionsByConsortium(ctx).LoadAsync(consortium.Code)))
        .ResolveAsync<Consortium>("Consortium.contractsConnection", async (consortium, ctx) => await Connections.ChildAsync(ctx, CommissioningLists.Contract,
            new ChildListSource<Persistence.CommissioningDbContext, Consortium, string, Contract>
            {
                Name = "commissioning.contractsConnection", Rows = db => db.Contracts, DefaultOrder = "code",
                Parents = db => db.Consortia, ParentKey = c => c.Code, ParentKeyOf = c => c.CommissionerCode, Owner = code => code,
            }, consortium.Code))
        .ResolveAsync<Consortium>("Consortium.conflictOfInterestDeclarationsConnection", async (consortium, ctx) => await Connections.ChildAsync(ctx, CommissioningLists.ConflictOfInterestDeclaration,
            new ChildListSource<Persistence.CommissioningDbContext, Consortium, string, ConflictOfInterestDeclaration>
            {
                Name = "commissioning.declarationsConnection", Rows = db => db.ConflictOfInterestDeclarations, DefaultOrder = "declaredOn DESC",
                Parents = db => db.Consortia, ParentKey = c => c.Code, ParentKeyOf = d => d.ConsortiumCode, Owner = code => code,
            }, consortium.Code))
        .ResolveAsync<Consortium>("Consortium.commissioningDecisionsConnection", async (consortium, ctx) => await Connections.ChildAsync(ctx, CommissioningLists.CommissioningDecision,
            new ChildListSource<Persistence.CommissioningDbContext, Consortium, string, CommissioningDecision>
            {
                Name = "commissioning.decisionsConnection", Rows = db => db.CommissioningDecisions, DefaultOrder = "decidedOn DESC",
                Parents = db => db.Consortia, ParentKey = c => c.Code, ParentKeyOf = d => d.ConsortiumCode, Owner = code => code,
            }, consortium.Code))
        .ResolveAsync<Consortium>("Consortium.engagementsConnection", async (consortium, ctx) => await Connections.ChildAsync(ctx, CommissioningLists.Engagement,
            new ChildListSource<Persistence.CommissioningDbContext, Consortium, string, Engagement>
            {
                Name = "commissioning.engagementsConnection", Rows = db => db.Engagements, DefaultOrder = "from DESC",
                Parents = db => db.Consortia, ParentKey = c => c.Code, ParentKeyOf = e => e.ConsortiumCode, Owner = code => code,
            }, consortium.Code))
        .ResolveTotalCounts("ContractConnection", "ConflictOfInterestDeclarationConnection", "CommissioningDecisionConnection", "EngagementConnection")
        .ResolveTotalCounts("ConsortiumConnection")

        .ResolveAsync<ConsortiumMembership>("PracticeMembership.practice", async (consortiumMembership, ctx) => await PracticeFor(ctx).LoadAsync(consortiumMembership.PracticeCode))
        .ResolveAsync<ConsortiumMembership>("PracticeMembership.consortium", async (consortiumMembership, ctx) => await ConsortiumFor(ctx).LoadAsync(consortiumMembership.ConsortiumCode))
        .Resolve<ConsortiumMembership>("PracticeMembership.current", m => m.IsCurrentOn(Today))

        .IsTypeOf("GpPractice", (v, _) => v is GpPractice)
        .Resolve<GpPractice>("GpPractice.id", p => Engine.Federation.GlobalId.Encode("GpPractice", p.Code))
        .Resolve<GpPractice>("GpPractice.kind", p => GraphEnum.Name(p.Kind))
        .ResolveAsync<GpPractice>("GpPractice.consortium", async (gpPractice, ctx) => await ConsortiumOfPractice(ctx, Today).LoadAsync(gpPractice.Code))
        .ResolveAsync<GpPractice>("GpPractice.memberships", (gpPractice, ctx) => List(MembershipsByPractice(ctx).LoadAsync(gpPractice.Code)))

        .IsTypeOf("Provider", (v, _) => v is Provider)
        .Resolve<Provider>("Provider.id", p => Engine.Federation.GlobalId.Encode("Provider", p.Code))
        .Resolve<Provider>("Provider.kind", p => GraphEnum.Name(p.Kind))
        .Resolve<Provider>("Provider.providerType", p => GraphEnum.Name(p.ProviderType))
        .ResolveAsync<Provider>("Provider.contracts", (provider, ctx) => List(ContractsByProvider(ctx).LoadAsync(provider.Code)));

    private static void ConfigureFinancialReturns(SchemaBuilder b) => b
        .IsTypeOf("FinancialReturn", (v, _) => v is FinancialReturn)
        .Resolve<FinancialReturn>("FinancialReturn.id", r => Engine.Federation.GlobalId.Encode("FinancialReturn", r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .ResolveAsync<FinancialReturn>("FinancialReturn.consortium", async (financialReturn, ctx) => await ConsortiumFor(ctx).LoadAsync(financialReturn.ConsortiumCode))
        .Resolve<FinancialReturn>("FinancialReturn.status", r => GraphEnum.Name(r.Status))
        .Resolve<FinancialReturn>("FinancialReturn.createdAt", r => Utc(r.CreatedAt))
        .Resolve<FinancialReturn>("FinancialReturn.submittedAt", r => Utc(r.SubmittedAt))
        .Resolve<FinancialReturn>("FinancialReturn.reviewedAt", r => Utc(r.ReviewedAt))
        .ResolveAsync<FinancialReturn>("FinancialReturn.lines", (financialReturn, ctx) => List(LinesByReturn(ctx).LoadAsync(financialReturn.Id)))
        .ResolveAsync<FinancialReturn>("FinancialReturn.linesConnection", async (r, ctx) =>
        {
            return await Connections.ChildAsync(ctx, CommissioningLists.FinancialReturnLine,
                new ChildListSource<Persistence.CommissioningDbContext, FinancialReturn, int, FinancialReturnLine>
                {
                    // The return's consortium owns every line (its rows were read under the return's own rule).
                    Name = "commissioning.linesConnection", Rows = db => db.FinancialReturnLines, DefaultOrder = "category",
                    Parents = db => db.FinancialReturns, ParentKey = p => p.Id, ParentKeyOf = l => l.FinancialReturnId, Owner = _ => r.ConsortiumCode,
                }, r.Id);
        })
        .ResolveTotalCounts("FinancialReturnLineConnection")
        .ResolveAsync<FinancialReturn>("FinancialReturn.programmeTotals", async (financialReturn, ctx) =>
        {
            var lines = await LinesByReturn(ctx).LoadAsync(financialReturn.Id) ?? [];
            return new FinancialFigures(lines.Sum(l => l.Plan), lines.Sum(l => l.YearToDateActual), lines.Sum(l => l.ForecastOutturn));
        })
        .Resolve<FinancialReturn>("FinancialReturn.runningCosts", r => new FinancialFigures(r.RunningCostsPlan, r.RunningCostsYearToDate, r.RunningCostsForecastOutturn))
        .Resolve<FinancialReturn>("FinancialReturn.capital", r => new FinancialFigures(r.CapitalPlan, r.CapitalYearToDate, r.CapitalForecastOutturn))
        .Resolve<FinancialReturn>("FinancialReturn.income", r => new FinancialFigures(r.IncomePlan, r.IncomeYearToDate, r.IncomeForecastOutturn))
        .Resolve<FinancialReturn>("FinancialReturn.resourceUse", r => new FinancialFigures(r.ResourceUsePlan, r.ResourceUseYearToDate, r.ResourceUseForecastOutturn))
        .ResolveAsync<FinancialReturn>("FinancialReturn.practiceBreakdown", (financialReturn, ctx) => List(BreakdownByReturn(ctx).LoadAsync(financialReturn.Id)))
        .ResolveAsync<FinancialReturn>("FinancialReturn.duties", async (financialReturn, ctx) => await FinancialReturnFields.DutiesAsync(ctx, financialReturn))
        .Resolve<FinancialReturnLine>("FinancialReturnLine.category", l => GraphEnum.Name(l.Category))
        .ResolveAsync<PracticeBreakdownLine>("PracticeBreakdownLine.practice", async (practiceBreakdownLine, ctx) => await PracticeFor(ctx).LoadAsync(practiceBreakdownLine.PracticeCode))
        .Resolve<FinancialDutiesAssessment>("StatutoryFinancialDuties.breached", d => d.All.Where(x => !x.Met).Select(x => GraphEnum.Name(x.Duty)).ToList())
        .Resolve<DutyAssessment>("DutyAssessment.duty", d => GraphEnum.Name(d.Duty))
        .ResolveTotalCounts("FinancialReturnConnection");

    private static void ConfigureContracts(SchemaBuilder b) => b
        .IsTypeOf("Contract", (v, _) => v is Contract)
        .Resolve<Contract>("Contract.id", c => Engine.Federation.GlobalId.Encode("Contract", c.Code))
        // Only consortia are in this subgraph's registry; other commissioners are named by code.
        .ResolveAsync<Contract>("Contract.commissioner", async (contract, ctx) => await ConsortiumFor(ctx).LoadAsync(contract.CommissionerCode))
        .ResolveAsync<Contract>("Contract.provider", async (contract, ctx) => await ProviderByCode(ctx).LoadAsync(contract.ProviderCode))
        .Resolve<Contract>("Contract.cquinShare", c => c.CquinSharePercent)
        .ResolveAsync<Contract>("Contract.performance", (contract, ctx) =>
            List(PerformanceByContract(ctx, ctx.Arguments.GetValueOrDefault("year") as string).LoadAsync(contract.Code)))
        .ResolveAsync<Contract>("Contract.arrangements", (contract, ctx) => List(ArrangementsByContract(ctx).LoadAsync(contract.Code)))
        .Resolve<ContractPerformance>("ContractPerformance.cquinAchieved", p => p.CquinAchievedPercent)

        .IsTypeOf("LeadCommissioningArrangement", (v, _) => v is LeadCommissioningArrangement)
        .Resolve<LeadCommissioningArrangement>("LeadCommissioningArrangement.id", a => Engine.Federation.GlobalId.Encode("LeadCommissioningArrangement", a.Code))
        .Resolve<LeadCommissioningArrangement>("LeadCommissioningArrangement.serviceAreas", a =>
            a.ServiceAreas.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .ResolveAsync<LeadCommissioningArrangement>("LeadCommissioningArrangement.provider", async (arrangement, ctx) => await ProviderByCode(ctx).LoadAsync(arrangement.ProviderCode))
        .ResolveAsync<LeadCommissioningArrangement>("LeadCommissioningArrangement.contracts", async (arrangement, ctx) =>
            (await ContractFor(ctx).LoadManyAsync(arrangement.Contracts.Select(c => c.ContractCode))).Where(c => c is not null).ToList())
        .Resolve<LeadCommissioningArrangement>("LeadCommissioningArrangement.associates", a => a.Associates.OrderBy(x => x.ConsortiumCode).ToList())
        .Resolve<LeadCommissioningArrangement>("LeadCommissioningArrangement.leadShare", a => a.LeadSharePercent)
        .ResolveAsync<ArrangementAssociate>("ArrangementAssociate.consortium", async (arrangementAssociate, ctx) => await ConsortiumFor(ctx).LoadAsync(arrangementAssociate.ConsortiumCode))
        .Resolve<ArrangementAssociate>("ArrangementAssociate.share", a => a.SharePercent)
        .Resolve<ArrangementAssociate>("ArrangementAssociate.basis", a => GraphEnum.Name(a.Basis));

    private static void ConfigureTransparency(SchemaBuilder b) => b
        .ResolveAsync<CommissioningDecision>("CommissioningDecision.provider", async (commissioningDecision, ctx) =>
            commissioningDecision.ProviderCode is { } code ? await ProviderByCode(ctx).LoadAsync(code) : null);
}

/// <summary>Derived fields of a financial return.</summary>
internal static class FinancialReturnFields
{
    /// <summary>The statutory duties as the return forecasts them; null when the year has no allocation.</summary>
    public static async Task<FinancialDutiesAssessment?> DutiesAsync(IResolveContext ctx, FinancialReturn r)
    {
        // Both loads are issued before either is awaited, so they batch at the same level.
        var lines = LinesByReturn(ctx).LoadAsync(r.Id);
        var allocation = AllocationOf(ctx).LoadAsync(new ConsortiumYear(r.ConsortiumCode, r.Year));
        var loadedLines = await lines ?? [];
        var loadedAllocation = await allocation;
        return loadedAllocation is null ? null : FinancialDuties.Assess(r, loadedLines, loadedAllocation);
    }
}
