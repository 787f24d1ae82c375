using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.LocalGovernment;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// Loads the demonstration data set of DOMAIN.md. Idempotent: each aggregate is added only if its
/// key is absent, so seeding twice changes nothing, and seeding at a larger scale adds only the
/// generated extras. Each module is seeded through its own context, so a subgraph can seed alone.
/// Figures are deterministic (no random numbers, no clock).
/// </summary>
public sealed class DemoDataSeeder(int scale = 1)
{
    /// <summary>The NHS CB of the demonstration data: the configured one (<c>Organisations:NhsCommissioningBoard</c>, default <c>X24</c>).</summary>
    private static string NhsCbCode => Policies.PolicyRules.NhsCommissioningBoardCode;
    public const string Year = DemoConsortium.Year;
    /// <summary>Months 1–6 of 2013-14 have returns; month 6 is the latest, still a draft.</summary>
    public const int LatestMonth = 6;

    private static readonly DateTime SeededAt = new(2013, 10, 14, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly ShadowYearStart = new(2012, 4, 1);

    private readonly IReadOnlyList<DemoConsortium> _consortia = DemoConsortium.ForScale(scale);

    /// <summary>
    /// The demonstration facts that live in the directory alone: each consortium's membership of its HWBs (from the
    /// shadow year; the directory is their one source of truth, no module keeps a copy), and the commissioning support
    /// (<see cref="CommissioningSupportFacts"/>).
    /// </summary>
    public Directory.DirectoryFacts DirectoryFacts => new(CommissioningSupportOrganisations,
        [
            .. _consortia.SelectMany(c => c.HwbCodes.Select(hwb =>
                Directory.Relationship.Of(Directory.RelationshipKind.HwbMemberConsortium, hwb, c.Code, ShadowYearStart))),
        ], [], SupportArrangements: CommissioningSupportArrangements);

    #region Commissioning support (DOMAIN.md "Commissioning support")

    public const string CommissioningSupportUnitCode = "CSU-NV";

    /// <summary>CSU-NV, Northvale Commissioning Support Unit: a commissioning support organisation, known to the directory alone.</summary>
    private static IReadOnlyList<Directory.DirectoryOrganisation> CommissioningSupportOrganisations =>
    [
        new() { Code = CommissioningSupportUnitCode, Name = "Northvale Commissioning Support Unit", Kind = "COMMISSIONING_SUPPORT", TypeName = "CommissioningSupportOrganisation" },
    ];

    /// <summary>
    /// CSU-NV acts for 01A and 02B from 2013-04-01, still current (<c>supportFor</c>); it supported 03C in the shadow year
    /// 2012-13 only (to 2013-03-31), so it reads nothing of 03C's now: relationships are judged at the date of the data.
    /// At a larger scale it also acts for every other generated consortium (the even ones), from 2013-04-01.
    /// </summary>
    private IReadOnlyList<Directory.CommissioningSupportArrangement> CommissioningSupportArrangements =>
    [
        .. _consortia.Where(c => c.Index > 3 && c.Index % 2 == 0).Select(c => new Directory.CommissioningSupportArrangement
        {
            ConsortiumCode = c.Code, SupplierCode = CommissioningSupportUnitCode, From = new DateOnly(2013, 4, 1),
            Functions = [Directory.CommissioningSupportFunction.FinancialReporting],
        }),
        new() { ConsortiumCode = "01A", SupplierCode = CommissioningSupportUnitCode, From = new DateOnly(2013, 4, 1),
            Functions = [Directory.CommissioningSupportFunction.FinancialReporting, Directory.CommissioningSupportFunction.JsnaAnalysis] },
        new() { ConsortiumCode = "02B", SupplierCode = CommissioningSupportUnitCode, From = new DateOnly(2013, 4, 1),
            Functions = [Directory.CommissioningSupportFunction.FinancialReporting, Directory.CommissioningSupportFunction.BusinessIntelligence, Directory.CommissioningSupportFunction.JsnaAnalysis] },
        new() { ConsortiumCode = "03C", SupplierCode = CommissioningSupportUnitCode, From = ShadowYearStart, To = new DateOnly(2013, 3, 31),
            Functions = [Directory.CommissioningSupportFunction.FinancialReporting] },
    ];

    #endregion

    public int Scale { get; } = scale;

    /// <summary>Seeds every module registered in <paramref name="services"/> (a scope is created).</summary>
    public static async Task SeedAsync(IServiceProvider services, int scale = 1, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommissioningDatabase>().SeedAsync(scale, cancellationToken);
    }

    /// <summary>Seeds the three modules' contexts directly.</summary>
    public static async Task SeedAsync(CommissioningDbContext commissioning, LocalGovernmentDbContext localGovernment, NhsCbDbContext nhsCb,
        int scale = 1, CancellationToken cancellationToken = default)
    {
        var seeder = new DemoDataSeeder(scale);
        await seeder.SeedAsync(commissioning, cancellationToken);
        await seeder.SeedAsync(localGovernment, cancellationToken);
        await seeder.SeedAsync(nhsCb, cancellationToken);
    }

    // Programme budget split and the forecast variance of an over-spending consortium, by category.
    private static readonly (ProgrammeBudgetCategory Category, decimal Share, decimal OverspendVariance)[] Split =
    [
        (ProgrammeBudgetCategory.Acute, 0.48m, 0.032m),
        (ProgrammeBudgetCategory.MentalHealth, 0.12m, 0.004m),
        (ProgrammeBudgetCategory.Community, 0.10m, 0.006m),
        (ProgrammeBudgetCategory.Prescribing, 0.12m, 0.045m),
        (ProgrammeBudgetCategory.ContinuingHealthcare, 0.05m, 0.060m),
        (ProgrammeBudgetCategory.PrimaryCareEnhancedServices, 0.08m, 0.000m),
        (ProgrammeBudgetCategory.Other, 0.05m, -0.010m),
    ];

    private static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.ToEven);
    private static decimal Thousands(decimal amount) => Math.Round(amount / 1000m) * 1000m;

    // ---------------------------------------------------------------- Commissioning

    public async Task SeedAsync(CommissioningDbContext db, CancellationToken ct = default)
    {
        var existingOrgs = (await db.Organisations.Select(o => o.Code).ToListAsync(ct)).ToHashSet();

        foreach (var (code, name, type) in new[]
                 {
                     ("RNV", "Northvale Hospitals NHS Foundation Trust", ProviderType.NhsFoundationTrust),
                     ("RRC", "Riverside Community Health NHS Trust", ProviderType.NhsTrust),
                     ("NQ1", "Vale Diagnostics Ltd", ProviderType.IndependentSector),
                 })
            if (!existingOrgs.Contains(code)) db.Providers.Add(new Provider { Code = code, Name = name, ProviderType = type });

        foreach (var c in _consortia)
        {
            if (existingOrgs.Contains(c.Code)) continue;
            var consortium = new Consortium
            {
                Code = c.Code,
                Name = c.Name,
                Area = c.Area,
                AuthorisationStatus = c.Authorisation switch
                {
                    DemoAuthorisation.Authorised => ConsortiumAuthorisationStatus.Authorised,
                    DemoAuthorisation.AuthorisedWithConditions => ConsortiumAuthorisationStatus.AuthorisedWithConditions,
                    _ => ConsortiumAuthorisationStatus.Shadow,
                },
                EstablishedOn = ShadowYearStart,
                RegisteredPopulation = c.RegisteredPopulation,
                UnregisteredPopulation = c.UnregisteredPopulation,
                Constitution = ConstitutionOf(c),
            };
            db.Consortia.Add(consortium);

            foreach (var (practiceCode, listSize) in c.Practices)
            {
                var practice = new GpPractice
                {
                    Code = practiceCode,
                    Name = PracticeName(c, practiceCode),
                    Postcode = $"NV{c.Index % 9 + 1} {practiceCode[^1]}AB",
                    ListSize = listSize,
                    // Year to date (six months) at about £160 a head a year.
                    PrescribingSpend = Money(listSize * 160m * LatestMonth / 12m),
                };
                db.GpPractices.Add(practice);
                // History: A02004 moved from Northvale North to Northvale South when the consortia settled their boundary.
                if (practiceCode == "A02004")
                {
                    db.ConsortiumMemberships.Add(new ConsortiumMembership { ConsortiumCode = "01A", PracticeCode = practiceCode, From = ShadowYearStart, To = new DateOnly(2012, 9, 30), Reason = "Boundary change: moved to Northvale South" });
                    db.ConsortiumMemberships.Add(new ConsortiumMembership { ConsortiumCode = c.Code, PracticeCode = practiceCode, From = new DateOnly(2012, 10, 1) });
                }
                else
                    db.ConsortiumMemberships.Add(new ConsortiumMembership { ConsortiumCode = c.Code, PracticeCode = practiceCode, From = ShadowYearStart });
            }

            db.CommissioningPlans.Add(new CommissioningPlan
            {
                ConsortiumCode = c.Code,
                Year = Year,
                Title = $"{c.Name}: commissioning plan {Year}",
                Summary = "Priorities: urgent care redesign, diabetes, dementia diagnosis, and reducing emergency admissions from care homes.",
                PublishedOn = new DateOnly(2013, 3, 28),
                Url = $"https://example.nhs.uk/{c.Code.ToLowerInvariant()}/plan-2013-14",
            });
            db.ConflictOfInterestDeclarations.Add(new ConflictOfInterestDeclaration
            {
                ConsortiumCode = c.Code,
                PersonName = $"Dr {Surname(c.Index, 0)}",
                Role = "Governing body GP member",
                Interest = $"Partner at member practice {c.Practices[0].Code}",
                Mitigation = "Leaves the meeting for decisions on primary care incentive schemes.",
                DeclaredOn = new DateOnly(2013, 4, 2),
                InterestInCode = c.Practices[0].Code,
            });
        }
        await db.SaveChangesAsync(ct);

        await SeedReturnsAsync(db, ct);
        await SeedContractsAsync(db, existingOrgs, ct);
    }

    private static Constitution ConstitutionOf(DemoConsortium c) => new()
    {
        AccountableOfficer = $"Dr {Surname(c.Index, 1)}",
        ChiefFinanceOfficer = $"{Forename(c.Index, 2)} {Surname(c.Index, 2)}",
        CaldicottGuardian = $"Dr {Surname(c.Index, 3)}",
        SeniorInformationRiskOwner = $"{Forename(c.Index, 4)} {Surname(c.Index, 4)}",
        DecisionMaking = "Governing body of member-practice GPs, two lay members, a registered nurse and a secondary-care doctor; decisions by majority, the chair holding a casting vote.",
        ConflictsOfInterestPolicy = "Interests are declared on appointment and at each meeting; a conflicted member takes no part in the decision; the register is published.",
    };

    private static readonly string[] Surnames = ["Patel", "Hughes", "Okonkwo", "Reid", "Fletcher", "Khan", "Morgan", "Ashworth", "Byrne", "Clarke", "Doyle", "Evans", "Lindqvist"];
    private static readonly string[] Forenames = ["Alison", "Ben", "Carys", "David", "Ellen", "Farid", "Grace", "Hamish", "Ines", "James", "Kiran", "Laura"];
    private static string Surname(int i, int k) => Surnames[(i * 5 + k) % Surnames.Length];
    private static string Forename(int i, int k) => Forenames[(i * 7 + k) % Forenames.Length];

    private static string PracticeName(DemoConsortium c, string code) => c.Index switch
    {
        1 => new[] { "Abbey Road Surgery", "Brookside Medical Centre", "Castle Hill Practice", "Dale View Health Centre" }[code[^1] - '1'],
        2 => new[] { "Elm Tree Surgery", "Fernlea Medical Practice", "Greenway Health Centre", "Harbour Lane Surgery" }[code[^1] - '1'],
        3 => new[] { "Riverside Medical Centre", "St Mark's Surgery", "Quayside Practice", "Willow Bank Surgery" }[code[^1] - '1'],
        _ => $"Practice {code}",
    };

    private async Task SeedReturnsAsync(CommissioningDbContext db, CancellationToken ct)
    {
        var existing = (await db.FinancialReturns.Where(r => r.Year == Year)
                .Select(r => new { r.ConsortiumCode, r.Month, r.Version }).ToListAsync(ct))
            .Select(r => (r.ConsortiumCode, r.Month, r.Version)).ToHashSet();

        foreach (var c in _consortia)
        {
            for (var month = 1; month <= LatestMonth; month++)
            {
                if (existing.Contains((c.Code, month, 1))) continue;
                var submittedAt = FinancialYear.MonthEnd(Year, month).ToDateTime(new TimeOnly(16, 30), DateTimeKind.Utc).AddDays(8);
                var v1 = BuildReturn(c, month, submittedAt);
                db.FinancialReturns.Add(v1);
                if (month == LatestMonth) continue; // the latest is still a draft

                v1.Submit(submittedAt);
                if (c.Code == "02B" && month == 3)
                {
                    // A queried return corrected by a second version, which was accepted.
                    v1.Query("Continuing healthcare year-to-date does not reconcile with the CHC database.", submittedAt.AddDays(5));
                    var v2 = v1.CreateCorrection(submittedAt.AddDays(9));
                    var chc = v2.Lines.Single(l => l.Category == ProgrammeBudgetCategory.ContinuingHealthcare);
                    v2.SetLine(chc.Category, chc.Plan, Money(chc.YearToDateActual + 184_250m), chc.ForecastOutturn, submittedAt.AddDays(9));
                    v2.Submit(submittedAt.AddDays(9));
                    v2.Accept(submittedAt.AddDays(14));
                    db.FinancialReturns.Add(v2);
                }
                else if (month < LatestMonth - 1)
                    v1.Accept(submittedAt.AddDays(6));
                // month 5 stays SUBMITTED, awaiting the NHS CB
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The return of a consortium for a month: figures grow through the year; an over-spender's forecast drifts up.</summary>
    internal static FinancialReturn BuildReturn(DemoConsortium c, int month, DateTime now)
    {
        var r = new FinancialReturn { ConsortiumCode = c.Code, Year = Year, Month = month, Version = 1, CreatedAt = now };
        var elapsed = month / 12m;
        var drift = month / (decimal)LatestMonth; // an over-spend becomes clear as the year goes on
        var totalYtd = 0m;
        var totalPlan = 0m;
        var totalForecast = 0m;
        foreach (var (category, share, overspend) in Split)
        {
            var plan = Thousands(c.ProgrammeBudget * share);
            var variance = c.OverSpending ? overspend * drift : -0.002m;
            var ytd = Money(plan * elapsed * (1 + variance));
            var forecast = Thousands(plan * (1 + variance));
            r.SetLine(category, plan, ytd, forecast, now);
            (totalPlan, totalYtd, totalForecast) = (totalPlan + plan, totalYtd + ytd, totalForecast + forecast);
        }
        var runningPlan = Thousands(c.RunningCostsAllowance * 0.99m);
        var runningForecast = c.OverSpending ? Thousands(c.RunningCostsAllowance * (1 + 0.027m * drift)) : runningPlan;
        r.SetRunningCosts(runningPlan, Money(runningForecast * elapsed), runningForecast, now);
        var capitalPlan = Thousands(c.CapitalResourceLimit * 0.9m);
        r.SetCapital(capitalPlan, Money(capitalPlan * elapsed * 0.8m), c.OverSpending ? Thousands(c.CapitalResourceLimit * 0.95m) : capitalPlan, now);

        // Other income (recharges, local-authority contributions): 0.4% of the programme budget, received evenly. Resources
        // are used on an accruals basis: revenue expenditure plus accrued costs not yet paid (0.3% of the programme
        // budget over the year) less income.
        var incomePlan = Thousands(c.ProgrammeBudget * 0.004m);
        r.SetIncome(incomePlan, Money(incomePlan * elapsed), incomePlan, now);
        var accrued = Thousands(c.ProgrammeBudget * 0.003m);
        r.SetResourceUse(totalPlan + runningPlan + accrued - incomePlan, Money(totalYtd + runningForecast * elapsed + (accrued - incomePlan) * elapsed),
            totalForecast + runningForecast + accrued - incomePlan, now);

        // Breakdown by member practice in proportion to list size; the last practice takes the
        // remainder so that the breakdown adds up to the lines exactly.
        var practices = c.Practices;
        var total = practices.Sum(p => (decimal)p.ListSize);
        decimal sumPlan = 0, sumYtd = 0, sumForecast = 0;
        for (var i = 0; i < practices.Count; i++)
        {
            var (code, size) = practices[i];
            var last = i == practices.Count - 1;
            var p = last ? totalPlan - sumPlan : Money(totalPlan * size / total);
            var y = last ? totalYtd - sumYtd : Money(totalYtd * size / total);
            var f = last ? totalForecast - sumForecast : Money(totalForecast * size / total);
            (sumPlan, sumYtd, sumForecast) = (sumPlan + p, sumYtd + y, sumForecast + f);
            r.SetPracticeLine(code, p, y, f, now);
        }
        return r;
    }

    /// <summary>
    /// LCA-ACUTE-RNV's statements for months 1–6 of 2013-14, issued by 01A from CT-01A-RNV's performance (10,128 spells,
    /// £26,780,000.00 a month): 02B (30%) 3,038 spells, £8,034,000.00; 03C (20%) 2,026 spells, £5,356,000.00; 01A keeps
    /// 5,064 spells, £13,390,000.00. Months 1–4 agreed by both; month 5 agreed by 02B, disputed by 03C; month 6 issued.
    /// </summary>
    /// <summary>
    /// 01A, 02B and 03C's 2013-14 plans were shared with, and answered by, each board they sit on, then published; each
    /// addresses priorities of its boards' 2013-14 strategies. For 2014-15, 01A's draft is shared with its board (not yet
    /// answered) and 02B's is still a draft.
    /// </summary>
    private static async Task SeedPlansAsync(CommissioningDbContext db, CancellationToken ct)
    {
        var answered = new (string Consortium, string Priorities, (string Board, PlanView View, string Statement, DateOnly On)[] Responses)[]
        {
            ("01A", "NV13-P1;NV13-P3", [(DemoConsortium.NorthvaleHwb, PlanView.Supports,
                "The plan takes proper account of the joint strategy: it commits to the diabetes care processes and to young people's emotional wellbeing.", new DateOnly(2013, 3, 8))]),
            ("02B", "NV13-P2;RS13-P3", [
                (DemoConsortium.NorthvaleHwb, PlanView.SupportsWithComments,
                    "The board supports the plan; it asks that the childhood obesity work name the two wards where Year 6 obesity is highest.", new DateOnly(2013, 3, 8)),
                (DemoConsortium.RiversideHwb, PlanView.Supports,
                    "The COPD case-finding in east Riverside practices answers the board's lung disease priority.", new DateOnly(2013, 3, 11))]),
            ("03C", "RS13-P1", [(DemoConsortium.RiversideHwb, PlanView.SupportsWithComments,
                "The falls prevention service answers the board's first priority; the plan does not yet say how alcohol-related admissions (RS13-P2) will fall.", new DateOnly(2013, 3, 11))]),
        };
        var codes = answered.Select(a => a.Consortium).ToList();
        var plans = await db.CommissioningPlans.Include(p => p.Responses).Where(p => codes.Contains(p.ConsortiumCode)).ToListAsync(ct);
        foreach (var (consortium, priorities, responses) in answered)
        {
            if (plans.FirstOrDefault(p => p.ConsortiumCode == consortium && p.Year == Year) is { } plan && plan.Responses.Count == 0)
            {
                plan.StrategyPriorityCodes = priorities;
                plan.SharedOn = new DateOnly(2013, 2, 11);
                foreach (var (board, view, statement, on) in responses)
                    plan.Responses.Add(new PlanResponse { BoardCode = board, View = view, Statement = statement, ReceivedOn = on });
            }
        }
        const string next = "2014-15";
        if (!plans.Any(p => p.ConsortiumCode == "01A" && p.Year == next))
            db.CommissioningPlans.Add(new CommissioningPlan
            {
                ConsortiumCode = "01A", Year = next, Title = "Northvale North Commissioning Consortium: commissioning plan 2014-15 (draft)",
                Summary = "Draft for the board's opinion: admissions from care homes, dementia diagnosis, seven-day discharge.",
                Status = CommissioningPlanStatus.SharedWithHwb, SharedOn = new DateOnly(2014, 2, 10),
            });
        if (!plans.Any(p => p.ConsortiumCode == "02B" && p.Year == next))
            db.CommissioningPlans.Add(new CommissioningPlan
            {
                ConsortiumCode = "02B", Year = next, Title = "Northvale South Commissioning Consortium: commissioning plan 2014-15 (draft)",
                Summary = "Working draft, not yet shared with the boards.", Status = CommissioningPlanStatus.Draft,
            });
        await db.SaveChangesAsync(ct);
    }

    #region Arrangement kinds and contract activity

    /// <summary>
    /// LCA-DIAG-NQ1: the NHS CB (X24) commissions direct-access ultrasound from Vale Diagnostics (CT-X24-NQ1, £1.2m a
    /// year, 24,000 tests) on behalf of 01A (55%) and 02B (45%), carrying no share itself — an arrangement whose lead is
    /// not a consortium (<c>NHSCB_ON_BEHALF</c>: <c>lead</c> is null, <c>leadOrganisation</c> the NHS CB). Six months at 99%
    /// of plan: 1,980 tests, £99,000.00 a month.
    /// </summary>
    private static async Task SeedNhsCbArrangementAsync(CommissioningDbContext db, DateOnly fyStart, DateOnly fyEnd, CancellationToken ct)
    {
        const string code = "LCA-DIAG-NQ1", contractCode = "CT-X24-NQ1";
        if (await db.LeadCommissioningArrangements.AnyAsync(a => a.Code == code, ct)) return;
        if (!await db.Contracts.AnyAsync(c => c.Code == contractCode, ct))
        {
            var contract = new Contract
            {
                Code = contractCode, CommissionerCode = NhsCbCode, ProviderCode = "NQ1", ServiceArea = "Direct-access ultrasound (on behalf of 01A and 02B)",
                StartDate = fyStart, EndDate = fyEnd, AnnualValue = 1_200_000m, ActivityPlan = 24_000, ActivityUnit = "tests", CquinSharePercent = 0m,
            };
            for (var month = 1; month <= LatestMonth; month++)
                contract.Performance.Add(new ContractPerformance
                {
                    ContractCode = contractCode, Year = Year, Month = month, ActivityActual = (int)Math.Round(contract.ActivityPlan / 12m * 0.99m),
                    CostActual = Money(contract.AnnualValue / 12m * 0.99m), CquinAchievedPercent = 0m,
                });
            db.Contracts.Add(contract);
        }
        var arrangement = new LeadCommissioningArrangement
        {
            Code = code, Name = "Direct-access ultrasound commissioned by the NHS CB", Kind = ArrangementKind.NhscbOnBehalf, LeadCode = NhsCbCode,
            ProviderCode = "NQ1", ServiceAreas = "Direct-access diagnostics", StartDate = fyStart, LeadActivity = 0, LeadCost = 0m,
        };
        // Six months: 11,880 tests, £594,000.00; 01A 55% (6,534 tests, £326,700.00), 02B 45% (5,346 tests, £267,300.00).
        arrangement.Associates.Add(new ArrangementAssociate { ArrangementCode = code, ConsortiumCode = "01A", SharePercent = 55m, Basis = ShareBasis.WeightedPopulation, Activity = 6_534, Cost = 326_700m });
        arrangement.Associates.Add(new ArrangementAssociate { ArrangementCode = code, ConsortiumCode = "02B", SharePercent = 45m, Basis = ShareBasis.WeightedPopulation, Activity = 5_346, Cost = 267_300m });
        arrangement.Contracts.Add(new ArrangementContract { ArrangementCode = code, ContractCode = contractCode });
        db.LeadCommissioningArrangements.Add(arrangement);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// RNV's activity on CT-01A-RNV for months 1–6 of 2013-14 by responsible commissioner, submitted on the 5th of the next
    /// month: of each month's 10,128 spells and £26,780,000.00, 02B's patients 3,038 spells, £8,034,000.00; 03C's 2,026
    /// spells, £5,356,000.00; 01A's the rest, 5,064 spells, £13,390,000.00 — the activity LCA-ACUTE-RNV's statements recharge
    /// (split by actual activity), computed by the recharge rule so that the two agree to the unit and the penny.
    /// </summary>
    private static async Task SeedContractActivityAsync(CommissioningDbContext db, CancellationToken ct)
    {
        const string contractCode = "CT-01A-RNV", arrangementCode = "LCA-ACUTE-RNV";
        if (await db.ContractActivitySubmissions.AnyAsync(s => s.ContractCode == contractCode, ct)) return;
        var contract = await db.Contracts.AsNoTracking().FirstAsync(c => c.Code == contractCode, ct);
        var associates = await db.ArrangementAssociates.AsNoTracking().Where(a => a.ArrangementCode == arrangementCode).OrderBy(a => a.ConsortiumCode).ToListAsync(ct);
        var performance = await db.ContractPerformance.AsNoTracking().Where(p => p.ContractCode == contractCode && p.Year == Year).ToListAsync(ct);
        foreach (var month in performance.OrderBy(p => p.Month))
        {
            var submission = new ContractActivitySubmission
            {
                ContractCode = contractCode, Year = Year, Month = month.Month, ProviderCode = contract.ProviderCode,
                SubmittedAt = FinancialYear.MonthEnd(Year, month.Month).AddDays(5).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
            };
            foreach (var associate in associates)
            {
                var (activity, cost) = ArrangementRecharges.PartOf(associate.SharePercent, month.ActivityActual, month.CostActual);
                submission.Lines.Add(new ContractActivityLine { CommissionerCode = associate.ConsortiumCode, Activity = activity, Cost = cost });
            }
            submission.Lines.Add(new ContractActivityLine
            {
                CommissionerCode = contract.CommissionerCode,
                Activity = month.ActivityActual - submission.Lines.Sum(l => l.Activity), Cost = month.CostActual - submission.Lines.Sum(l => l.Cost),
            });
            db.ContractActivitySubmissions.Add(submission);
        }
        await db.SaveChangesAsync(ct);
    }

    #endregion

    private static async Task SeedArrangementStatementsAsync(CommissioningDbContext db, CancellationToken ct)
    {
        const string code = "LCA-ACUTE-RNV";
        if (await db.ArrangementStatements.AnyAsync(s => s.ArrangementCode == code, ct)) return;
        var arrangement = await db.LeadCommissioningArrangements.AsNoTracking().Include(a => a.Associates).Include(a => a.Contracts).FirstAsync(a => a.Code == code, ct);
        var contracts = arrangement.Contracts.Select(c => c.ContractCode).ToList();
        var performance = await db.ContractPerformance.AsNoTracking().Where(p => contracts.Contains(p.ContractCode) && p.Year == Year).ToListAsync(ct);
        for (var month = 1; month <= LatestMonth; month++)
        {
            var ofMonth = performance.Where(p => p.Month == month).ToList();
            var (contractActivity, contractCost) = (ofMonth.Sum(p => p.ActivityActual), ofMonth.Sum(p => p.CostActual));
            // Each month's statements go out on the 10th of the next month; associates answer within a week.
            var issuedAt = FinancialYear.MonthEnd(Year, month).AddDays(10).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
            foreach (var associate in arrangement.Associates.OrderBy(a => a.ConsortiumCode))
            {
                var (activity, cost) = ArrangementRecharges.PartOf(associate.SharePercent, contractActivity, contractCost);
                var disputed = month == 5 && associate.ConsortiumCode == "03C";
                var status = month == LatestMonth ? ArrangementStatementStatus.Issued : disputed ? ArrangementStatementStatus.Disputed : ArrangementStatementStatus.Agreed;
                db.ArrangementStatements.Add(new ArrangementStatement
                {
                    ArrangementCode = code, AssociateCode = associate.ConsortiumCode, Year = Year, Month = month, SharePercent = associate.SharePercent,
                    Activity = activity, Cost = cost, ContractActivity = contractActivity, ContractCost = contractCost, Status = status, IssuedAt = issuedAt,
                    RespondedAt = status == ArrangementStatementStatus.Issued ? null : issuedAt.AddDays(6),
                    DisputeReason = disputed ? "Month 5 includes 212 non-elective spells for patients registered outside 03C's area; awaiting the provider's validated activity by responsible commissioner." : null,
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedContractsAsync(CommissioningDbContext db, HashSet<string> existingOrgsBefore, CancellationToken ct)
    {
        var existingContracts = (await db.Contracts.Select(c => c.Code).ToListAsync(ct)).ToHashSet();
        var fyStart = FinancialYear.MonthStart(Year, 1);
        var fyEnd = FinancialYear.MonthEnd(Year, 12);

        var contracts = new List<Contract>
        {
            new() { Code = "CT-01A-RNV", CommissionerCode = "01A", ProviderCode = "RNV", ServiceArea = "Acute services (elective, non-elective, outpatients, A&E)",
                    StartDate = fyStart, EndDate = fyEnd, AnnualValue = 312_000_000m, ActivityPlan = 118_000, ActivityUnit = "spells", CquinSharePercent = 2.5m },
            new() { Code = "CT-03C-RRC", CommissionerCode = "03C", ProviderCode = "RRC", ServiceArea = "Community health services",
                    StartDate = fyStart, EndDate = fyEnd, AnnualValue = 28_600_000m, ActivityPlan = 410_000, ActivityUnit = "contacts", CquinSharePercent = 2.5m },
            new() { Code = "CT-02B-NQ1", CommissionerCode = "02B", ProviderCode = "NQ1", ServiceArea = "Direct-access diagnostics (imaging, endoscopy)",
                    StartDate = fyStart, EndDate = fyEnd, AnnualValue = 6_450_000m, ActivityPlan = 52_000, ActivityUnit = "tests", CquinSharePercent = 1.5m },
        };
        foreach (var c in _consortia.Where(c => c.IsGenerated))
            contracts.Add(new Contract
            {
                Code = $"CT-{c.Code}-RRC", CommissionerCode = c.Code, ProviderCode = "RRC", ServiceArea = "Community health services",
                StartDate = fyStart, EndDate = fyEnd, AnnualValue = Thousands(c.ProgrammeBudget * 0.09m), ActivityPlan = c.RegisteredPopulation * 2,
                ActivityUnit = "contacts", CquinSharePercent = 2.5m,
            });

        foreach (var contract in contracts.Where(c => !existingContracts.Contains(c.Code)))
        {
            for (var month = 1; month <= LatestMonth; month++)
            {
                var factor = contract.Code == "CT-01A-RNV" ? 1.03m : 0.99m; // acute activity running ahead of plan
                contract.Performance.Add(new ContractPerformance
                {
                    ContractCode = contract.Code, Year = Year, Month = month,
                    ActivityActual = (int)Math.Round(contract.ActivityPlan / 12m * factor),
                    CostActual = Money(contract.AnnualValue / 12m * factor),
                    CquinAchievedPercent = Math.Min(100m, 12.5m * month + (contract.Code.Length % 3) * 5m),
                });
            }
            db.Contracts.Add(contract);
        }
        await db.SaveChangesAsync(ct);

        if (!await db.LeadCommissioningArrangements.AnyAsync(a => a.Code == "LCA-ACUTE-RNV", ct))
        {
            // Six months of CT-01A-RNV at 103% of plan: 60,770 spells, £160.68m; split 50/30/20.
            var arrangement = new LeadCommissioningArrangement
            {
                Code = "LCA-ACUTE-RNV",
                Name = "Acute services at Northvale Hospitals",
                Kind = ArrangementKind.LeadCommissioner,
                LeadCode = "01A",
                ProviderCode = "RNV",
                ServiceAreas = "Acute elective; Acute non-elective; Outpatients; Accident and emergency",
                StartDate = FinancialYear.MonthStart(Year, 1),
                LeadActivity = 30_385,
                LeadCost = 80_340_000m,
            };
            arrangement.Associates.Add(new ArrangementAssociate { ArrangementCode = arrangement.Code, ConsortiumCode = "02B", SharePercent = 30m, Basis = ShareBasis.ActualActivity, Activity = 18_231, Cost = 48_204_000m });
            arrangement.Associates.Add(new ArrangementAssociate { ArrangementCode = arrangement.Code, ConsortiumCode = "03C", SharePercent = 20m, Basis = ShareBasis.ActualActivity, Activity = 12_154, Cost = 32_136_000m });
            arrangement.Contracts.Add(new ArrangementContract { ArrangementCode = arrangement.Code, ContractCode = "CT-01A-RNV" });
            db.LeadCommissioningArrangements.Add(arrangement);
        }
        await db.SaveChangesAsync(ct);
        await SeedNhsCbArrangementAsync(db, fyStart, fyEnd, ct);
        await SeedContractActivityAsync(db, ct);
        await SeedArrangementStatementsAsync(db, ct);
        await SeedPlansAsync(db, ct);

        var existingDecisions = (await db.CommissioningDecisions.Select(d => d.Reference).ToListAsync(ct)).ToHashSet();
        foreach (var d in new[]
                 {
                     new CommissioningDecision { ConsortiumCode = "01A", Reference = "01A-2013-007", Title = "Award of the 2013-14 acute services contract to Northvale Hospitals (lead commissioner for 02B and 03C)", DecidedOn = new DateOnly(2013, 3, 21), Value = 312_000_000m, ProviderCode = "RNV", Rationale = "Sole local provider of acute services; activity plan agreed with associates.", ProcurementRoute = ProcurementRoute.SingleTender },
                     new CommissioningDecision { ConsortiumCode = "03C", Reference = "03C-2013-003", Title = "Community health services contract 2013-14", DecidedOn = new DateOnly(2013, 3, 14), Value = 28_600_000m, ProviderCode = "RRC", Rationale = "Continuity of service while the integrated care pool is established.", ProcurementRoute = ProcurementRoute.ContractVariation },
                     new CommissioningDecision { ConsortiumCode = "02B", Reference = "02B-2013-011", Title = "Direct-access diagnostics under Any Qualified Provider", DecidedOn = new DateOnly(2013, 2, 27), Value = 6_450_000m, ProviderCode = "NQ1", Rationale = "Shorter waits for imaging; tariff price.", ProcurementRoute = ProcurementRoute.AnyQualifiedProvider },
                 })
            if (!existingDecisions.Contains(d.Reference)) db.CommissioningDecisions.Add(d);
        await db.SaveChangesAsync(ct);
        await SeedEngagementsAndPublicationsAsync(db, ct);
    }

    #region Involvement and transparency

    /// <summary>The year of the demonstration's annual reports and accounts: the year before <see cref="Year"/>.</summary>
    public const string ReportingYear = "2012-13";

    /// <summary>
    /// Engagements (each consortium one significant change with HealthWatch involved in 2013-14; 01A, 02B, 03C also the
    /// engagement behind their decision), a withdrawn member on 02B's diagnostics decision (a governing-body member with a
    /// shareholding in its provider, NQ1), and 2012-13 annual reports and accounts: published for every consortium but 03C,
    /// whose accounts are published (qualified) and whose report is recorded but not published: overdue since 1 October 2013.
    /// </summary>
    private async Task SeedEngagementsAndPublicationsAsync(CommissioningDbContext db, CancellationToken ct)
    {
        var codes = _consortia.Select(c => c.Code).ToList();
        var decisions = await db.CommissioningDecisions.Where(d => codes.Contains(d.ConsortiumCode)).ToDictionaryAsync(d => d.Reference, ct);
        var engaged = (await db.Engagements.Where(e => codes.Contains(e.ConsortiumCode)).Select(e => new { e.ConsortiumCode, e.Proposal }).ToListAsync(ct))
            .Select(e => (e.ConsortiumCode, e.Proposal)).ToHashSet();
        void Engage(Engagement e)
        {
            if (engaged.Add((e.ConsortiumCode, e.Proposal))) db.Engagements.Add(e);
        }
        foreach (var c in _consortia)
            Engage(c.Code switch
            {
                "01A" => new Engagement { ConsortiumCode = c.Code, Proposal = "Urgent care redesign: moving the Northvale minor injuries unit into the new urgent care centre",
                    SignificantChange = true, Method = EngagementMethod.PublicConsultation, From = new DateOnly(2013, 6, 3), To = new DateOnly(2013, 8, 30), HealthWatchInvolved = true,
                    Outcome = "Evening opening kept at the old site until the bus route to the centre runs; the move goes ahead in April 2014." },
                "02B" => new Engagement { ConsortiumCode = c.Code, Proposal = "Closing the community hospital's inpatient beds in favour of care at home",
                    SignificantChange = true, Method = EngagementMethod.PublicConsultation, From = new DateOnly(2013, 9, 2), To = new DateOnly(2013, 11, 29), HealthWatchInvolved = true,
                    Outcome = "Ten beds kept for end-of-life care; the others close once the home care team is at full strength." },
                "03C" => new Engagement { ConsortiumCode = c.Code, Proposal = "A single falls prevention service for Riverside, replacing three",
                    SignificantChange = true, Method = EngagementMethod.PublicMeeting, From = new DateOnly(2013, 5, 13), To = new DateOnly(2013, 7, 12), HealthWatchInvolved = true,
                    Outcome = "Home visits kept for people who cannot travel to a clinic." },
                _ => new Engagement { ConsortiumCode = c.Code, Proposal = $"Redesign of community services in {c.Area}",
                    SignificantChange = true, Method = EngagementMethod.PublicConsultation, From = new DateOnly(2013, 7, 1), To = new DateOnly(2013, 9, 27), HealthWatchInvolved = true },
            });
        // The engagement behind each demonstration decision.
        foreach (var (reference, method, from, to, proposal) in new[]
                 {
                     ("01A-2013-007", EngagementMethod.PatientPanel, new DateOnly(2012, 11, 5), new DateOnly(2012, 12, 14), "Acute services at Northvale Hospitals for 2013-14: the activity plan and quality measures"),
                     ("02B-2013-011", EngagementMethod.Survey, new DateOnly(2013, 1, 7), new DateOnly(2013, 2, 8), "Direct-access diagnostics from qualified providers nearer home"),
                     ("03C-2013-003", EngagementMethod.Workshop, new DateOnly(2013, 1, 21), new DateOnly(2013, 1, 21), "Community health services while the integrated care pool is set up"),
                 })
            if (decisions.TryGetValue(reference, out var decision))
                Engage(new Engagement { ConsortiumCode = decision.ConsortiumCode, Proposal = proposal, Method = method, From = from, To = to, DecisionId = decision.Id,
                    HealthWatchInvolved = reference != "03C-2013-003", Outcome = "Reported to the governing body with the decision." });
        await db.SaveChangesAsync(ct);

        // 02B's diagnostics decision: a governing-body GP with shares in the provider chosen took no part.
        if (decisions.TryGetValue("02B-2013-011", out var diagnostics)
            && !await db.DecisionWithdrawals.AnyAsync(w => w.DecisionId == diagnostics.Id, ct))
        {
            var declaration = new ConflictOfInterestDeclaration
            {
                ConsortiumCode = "02B", PersonName = "Dr Lindqvist", Role = "Governing body GP member", Interest = "Shareholding in Vale Diagnostics Ltd",
                Mitigation = "Takes no part in decisions on diagnostic services.", DeclaredOn = new DateOnly(2012, 10, 4), InterestInCode = "NQ1",
            };
            db.ConflictOfInterestDeclarations.Add(declaration);
            await db.SaveChangesAsync(ct);
            db.DecisionWithdrawals.Add(new DecisionWithdrawal { DecisionId = diagnostics.Id, DeclarationId = declaration.Id });
        }

        var reported = (await db.AnnualReports.Where(r => r.Year == ReportingYear && codes.Contains(r.ConsortiumCode)).Select(r => r.ConsortiumCode).ToListAsync(ct)).ToHashSet();
        var accounted = (await db.AnnualAccounts.Where(a => a.Year == ReportingYear && codes.Contains(a.ConsortiumCode)).Select(a => a.ConsortiumCode).ToListAsync(ct)).ToHashSet();
        foreach (var c in _consortia)
        {
            if (!reported.Contains(c.Code))
                db.AnnualReports.Add(new AnnualReport
                {
                    ConsortiumCode = c.Code, Year = ReportingYear, Url = $"https://example.nhs.uk/{c.Code.ToLowerInvariant()}/annual-report-2012-13",
                    // 03C has recorded its report with the NHS CB but not published it: it is overdue.
                    PublishedOn = c.Code switch { "01A" => new DateOnly(2013, 7, 15), "02B" => new DateOnly(2013, 9, 2), "03C" => null, _ => new DateOnly(2013, 9, 20) },
                    PublicMeetingOn = c.Code switch { "01A" => new DateOnly(2013, 9, 19), "02B" => new DateOnly(2013, 9, 26), "03C" => new DateOnly(2013, 11, 21), _ => new DateOnly(2013, 9, 26) },
                });
            if (!accounted.Contains(c.Code)) db.AnnualAccounts.Add(AccountsOf(c));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>2012-13's audited accounts: 01A and 02B within every duty, 03C over its limits (qualified), generated consortia just within.</summary>
    private static AnnualAccounts AccountsOf(DemoConsortium c)
    {
        AnnualAccounts Of(AuditOpinion opinion, DateOnly published, decimal programme, decimal running, decimal rrl, decimal crl, decimal income,
            decimal programmeSpent, decimal runningSpent, decimal capitalSpent, decimal resourceUse) => new()
        {
            ConsortiumCode = c.Code, Year = ReportingYear, AuditOpinion = opinion, PublishedOn = published,
            ProgrammeBudget = programme, RunningCostsAllowance = running, RevenueResourceLimit = rrl, CapitalResourceLimit = crl, IncomeReceived = income,
            ProgrammeExpenditure = programmeSpent, RunningCosts = runningSpent, CapitalExpenditure = capitalSpent, ResourceUse = resourceUse,
        };
        var programmeBudget = Thousands(c.ProgrammeBudget * 0.97m);
        var runningAllowance = Thousands(c.RunningCostsAllowance * 0.97m);
        return c.Code switch
        {
            "01A" => Of(AuditOpinion.Unqualified, new DateOnly(2013, 6, 28), 405_000_000m, 7_700_000m, 412_700_000m, 1_400_000m, 2_100_000m,
                404_200_000m, 7_500_000m, 1_250_000m, 411_300_000m),
            "02B" => Of(AuditOpinion.Unqualified, new DateOnly(2013, 6, 27), 344_600_000m, 6_600_000m, 352_400_000m, 1_100_000m, 1_500_000m,
                344_000_000m, 6_550_000m, 1_080_000m, 351_900_000m),
            "03C" => Of(AuditOpinion.Qualified, new DateOnly(2013, 6, 30), 292_000_000m, 5_500_000m, 297_500_000m, 900_000m, 800_000m,
                295_900_000m, 5_450_000m, 870_000m, 300_950_000m),
            _ => Of(AuditOpinion.Unqualified, new DateOnly(2013, 6, 28), programmeBudget, runningAllowance, programmeBudget + runningAllowance, c.CapitalResourceLimit, 0m,
                programmeBudget - 500_000m, runningAllowance - 50_000m, c.CapitalResourceLimit - 100_000m, programmeBudget + runningAllowance - 550_000m),
        };
    }

    #endregion

    // ---------------------------------------------------------------- LocalGovernment

    public async Task SeedAsync(LocalGovernmentDbContext db, CancellationToken ct = default)
    {
        if (!await db.LocalAuthorities.AnyAsync(a => a.Code == "E10000001", ct))
        {
            var la = new LocalAuthority { Code = "E10000001", Name = "Northvale County Council", Type = LocalAuthorityType.County, DirectorOfPublicHealth = "Dr Helen Marsh" };
            la.HealthAndWellbeingBoard = Board(DemoConsortium.NorthvaleHwb, "Northvale Health and Wellbeing Board", la, "Cllr Margaret Aldous", "Dr Helen Marsh", "Healthwatch Northvale");
            db.LocalAuthorities.Add(la);
        }
        if (!await db.LocalAuthorities.AnyAsync(a => a.Code == "E06000002", ct))
        {
            var la = new LocalAuthority { Code = "E06000002", Name = "Riverside City Council", Type = LocalAuthorityType.Unitary, DirectorOfPublicHealth = "Dr Samuel Okafor" };
            la.HealthAndWellbeingBoard = Board(DemoConsortium.RiversideHwb, "Riverside Health and Wellbeing Board", la, "Cllr Daniel Pryce", "Dr Samuel Okafor", "Healthwatch Riverside");
            db.LocalAuthorities.Add(la);
        }
        await db.SaveChangesAsync(ct);
        // Consortium seats are the directory's membership facts (DirectoryFacts), not rows of this module.

        await SeedJsnasAsync(db, ct);
        await SeedStrategiesAsync(db, ct);
        await SeedPoolsAsync(db, ct);
    }

    private static HealthAndWellbeingBoard Board(string code, string name, LocalAuthority la, string chair, string dph, string healthWatch)
    {
        var board = new HealthAndWellbeingBoard { Code = code, Name = name, LocalAuthorityCode = la.Code, Chair = chair };
        var from = new DateOnly(2013, 4, 1);
        board.Members.Add(new HwbMember { HwbCode = code, Role = HwbMemberRole.Councillor, Name = chair, OrganisationCode = la.Code, From = from });
        board.Members.Add(new HwbMember { HwbCode = code, Role = HwbMemberRole.DirectorOfPublicHealth, Name = dph, OrganisationCode = la.Code, From = from });
        board.Members.Add(new HwbMember { HwbCode = code, Role = HwbMemberRole.DirectorOfAdultSocialServices, Name = $"Director of Adult Social Services, {la.Name}", OrganisationCode = la.Code, From = from });
        board.Members.Add(new HwbMember { HwbCode = code, Role = HwbMemberRole.DirectorOfChildrensServices, Name = $"Director of Children's Services, {la.Name}", OrganisationCode = la.Code, From = from });
        board.Members.Add(new HwbMember { HwbCode = code, Role = HwbMemberRole.LocalHealthWatch, Name = healthWatch, From = from });
        board.Members.Add(new HwbMember { HwbCode = code, Role = HwbMemberRole.NhsCommissioningBoard, Name = "NHS Commissioning Board local area team", OrganisationCode = NhsCbCode, From = from });
        return board;
    }

    private async Task SeedJsnasAsync(LocalGovernmentDbContext db, CancellationToken ct)
    {
        foreach (var (hwb, title) in new[] { (DemoConsortium.NorthvaleHwb, "Northvale Joint Strategic Needs Assessment 2013-14"), (DemoConsortium.RiversideHwb, "Riverside Joint Strategic Needs Assessment 2013-14") })
            if (!await db.Jsnas.AnyAsync(j => j.HwbCode == hwb && j.Year == Year, ct))
                db.Jsnas.Add(new Jsna { HwbCode = hwb, Year = Year, Title = title, PublishedOn = new DateOnly(2013, 9, 30) });
        await db.SaveChangesAsync(ct);

        var jsnas = await db.Jsnas.Where(j => j.Year == Year).ToDictionaryAsync(j => j.HwbCode, ct);
        var existing = (await db.JsnaContributions.Select(c => new { c.JsnaId, c.ConsortiumCode, c.Topic }).ToListAsync(ct))
            .Select(c => (c.JsnaId, c.ConsortiumCode, c.Topic)).ToHashSet();
        var at = new DateTime(2013, 7, 1, 10, 0, 0, DateTimeKind.Utc);

        void Add(string hwb, string consortium, string topic, string narrative, JsnaContributionStatus status, params (string Name, int Numerator, int Denominator)[] indicators)
        {
            var jsna = jsnas[hwb];
            if (existing.Contains((jsna.Id, consortium, topic))) return;
            var c = new JsnaContribution { ConsortiumCode = consortium, Topic = topic, Narrative = narrative };
            c.Revise(topic, narrative, at);
            foreach (var (name, n, d) in indicators) c.SetIndicator(name, n, d, at);
            if (status >= JsnaContributionStatus.Submitted) c.Submit(at.AddDays(14));
            if (status == JsnaContributionStatus.Accepted) c.Accept(at.AddDays(30));
            jsna.Contributions.Add(c);
        }

        Add(DemoConsortium.NorthvaleHwb, "01A", "Diabetes",
            "Recorded diabetes prevalence in Northvale North is above the England average and rising; one in five people with diabetes had all eight care processes last year.",
            JsnaContributionStatus.Accepted,
            ("Recorded diabetes prevalence (17+)", 14_212, 244_600), ("All eight care processes completed", 2_871, 14_212));
        Add(DemoConsortium.NorthvaleHwb, "02B", "Childhood obesity",
            "Reception-year obesity in the south of the county matches England; Year 6 obesity is higher in the two most deprived wards.",
            JsnaContributionStatus.Submitted,
            ("Obese children in Year 6", 412, 2_153), ("Obese children in Reception", 218, 2_390));
        Add(DemoConsortium.NorthvaleHwb, "02B", "Self-harm in young people",
            "Draft: emergency admissions for self-harm among 10–14 year olds are few but rising; small numbers must not be published.",
            JsnaContributionStatus.Draft,
            ("Emergency admissions for self-harm, aged 10–14", 6, 16_480), ("Emergency admissions for self-harm, aged 15–19", 57, 17_020));
        Add(DemoConsortium.RiversideHwb, "03C", "Frailty and falls",
            "Falls-related admissions among people aged 65 and over are the highest in the region; hip fractures among people over 90 in care homes are few but severe.",
            JsnaContributionStatus.Submitted,
            ("Emergency admissions for falls, aged 65+", 1_184, 38_960), ("Hip fractures in care-home residents aged 90+", 5, 640));
        Add(DemoConsortium.RiversideHwb, "03C", "Alcohol",
            "Draft: alcohol-related admissions in the city centre wards are double the Riverside average.",
            JsnaContributionStatus.Draft,
            ("Alcohol-related admissions (narrow measure)", 1_420, 221_700));
        Add(DemoConsortium.RiversideHwb, "02B", "Chronic obstructive pulmonary disease",
            "East Riverside practices record COPD prevalence well below that expected from smoking rates: undiagnosed disease is likely.",
            JsnaContributionStatus.Accepted,
            ("Recorded COPD prevalence", 2_310, 121_000));
        foreach (var c in _consortia.Where(c => c.IsGenerated))
            Add(c.HwbCodes[0], c.Code, "Dementia diagnosis",
                "Estimated dementia diagnosis rate below the national ambition.",
                JsnaContributionStatus.Submitted,
                ("Recorded dementia diagnoses", c.RegisteredPopulation / 140, c.RegisteredPopulation / 85));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Each board's published 2013-14 strategy (its priorities drawn from its JSNA's topics), and Northvale's 2014-15 draft.</summary>
    private static async Task SeedStrategiesAsync(LocalGovernmentDbContext db, CancellationToken ct)
    {
        var strategies = new (string Board, string Year, DateOnly? PublishedOn, (string Code, string Title, string Topics)[] Priorities)[]
        {
            (DemoConsortium.NorthvaleHwb, Year, new DateOnly(2013, 1, 31), [
                ("NV13-P1", "Prevent diabetes and manage it well", "Diabetes"),
                ("NV13-P2", "Give every child a healthy weight", "Childhood obesity"),
                ("NV13-P3", "Support young people's emotional wellbeing", "Self-harm in young people")]),
            (DemoConsortium.RiversideHwb, Year, new DateOnly(2013, 1, 31), [
                ("RS13-P1", "Prevent falls and fractures in older people", "Frailty and falls"),
                ("RS13-P2", "Reduce alcohol-related harm in the city centre", "Alcohol"),
                ("RS13-P3", "Find and treat lung disease earlier", "Chronic obstructive pulmonary disease")]),
            (DemoConsortium.NorthvaleHwb, "2014-15", null, [
                ("NV14-P1", "Fewer emergency admissions from care homes", "Frailty and falls"),
                ("NV14-P2", "Diagnose dementia earlier", "Dementia diagnosis")]),
        };
        var existing = (await db.Strategies.Select(s => new { s.HwbCode, s.Year }).ToListAsync(ct)).Select(s => (s.HwbCode, s.Year)).ToHashSet();
        foreach (var (board, year, publishedOn, priorities) in strategies)
        {
            if (existing.Contains((board, year))) continue;
            var strategy = new JointHealthAndWellbeingStrategy { HwbCode = board, Year = year, PublishedOn = publishedOn };
            foreach (var (p, i) in priorities.Select((p, i) => (p, i)))
                strategy.Priorities.Add(new StrategyPriority { Code = p.Code, HwbCode = board, Year = year, Position = i + 1, Title = p.Title, JsnaTopics = p.Topics, Published = publishedOn is not null });
            db.Strategies.Add(strategy);
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedPoolsAsync(LocalGovernmentDbContext db, CancellationToken ct)
    {
        var recorded = new DateTime(2013, 4, 30, 12, 0, 0, DateTimeKind.Utc);
        if (!await db.PooledBudgets.AnyAsync(p => p.Code == "POOL-LD-NV", ct))
        {
            var pool = new PooledBudget
            {
                Code = "POOL-LD-NV",
                Name = "Northvale learning disabilities pooled fund",
                HostCode = "E10000001",
                Scope = "Learning disabilities: supported living; day services; respite care; health facilitation",
                RiskShare = "Overspends and underspends are shared in proportion to contributions: Northvale County Council 50%, 01A 30%, 02B 20%, after the host has taken all reasonable steps to manage demand.",
                StartDate = new DateOnly(2013, 4, 1),
                PoolKind = PoolKind.PooledFund, AgreementSignedOn = new DateOnly(2013, 3, 27), AgreementReviewOn = new DateOnly(2014, 3, 31),
                GoverningBoard = "Northvale Learning Disabilities Partnership Board",
            };
            pool.Partners.Add(new PoolPartner { PoolCode = pool.Code, PartnerCode = "E10000001", Kind = PoolPartnerKind.LocalAuthority, RiskSharePercent = 50m });
            pool.Partners.Add(new PoolPartner { PoolCode = pool.Code, PartnerCode = "01A", Kind = PoolPartnerKind.Consortium, RiskSharePercent = 30m });
            pool.Partners.Add(new PoolPartner { PoolCode = pool.Code, PartnerCode = "02B", Kind = PoolPartnerKind.Consortium, RiskSharePercent = 20m });
            pool.Contributions.Add(new PoolContribution { PoolCode = pool.Code, PartnerCode = "E10000001", Year = Year, Amount = 14_200_000m, RecordedAt = recorded, ConfirmedAt = recorded });
            pool.Contributions.Add(new PoolContribution { PoolCode = pool.Code, PartnerCode = "01A", Year = Year, Amount = 8_600_000m, RecordedAt = recorded, ConfirmedAt = recorded.AddDays(3) });
            pool.Contributions.Add(new PoolContribution { PoolCode = pool.Code, PartnerCode = "02B", Year = Year, Amount = 5_400_000m, RecordedAt = recorded });
            AddExpenditure(pool, ["Supported living", "Day services", "Respite care"], 28_200_000m);
            db.PooledBudgets.Add(pool);
        }
        if (!await db.PooledBudgets.AnyAsync(p => p.Code == "POOL-IC-RS", ct))
        {
            var pool = new PooledBudget
            {
                Code = "POOL-IC-RS",
                Name = "Riverside integrated care pool",
                HostCode = "03C",
                Scope = "Integrated care: intermediate care; reablement; community equipment",
                RiskShare = "Riverside Commissioning Consortium bears 60% and Riverside City Council 40% of any variance; variances above £500,000 are referred to the Health and Wellbeing Board.",
                StartDate = new DateOnly(2013, 4, 1),
                PoolKind = PoolKind.PooledFund, AgreementSignedOn = new DateOnly(2013, 3, 20), AgreementReviewOn = new DateOnly(2015, 3, 31),
                GoverningBoard = "Riverside Integrated Care Partnership Board",
            };
            pool.Partners.Add(new PoolPartner { PoolCode = pool.Code, PartnerCode = "03C", Kind = PoolPartnerKind.Consortium, RiskSharePercent = 60m });
            pool.Partners.Add(new PoolPartner { PoolCode = pool.Code, PartnerCode = "E06000002", Kind = PoolPartnerKind.LocalAuthority, RiskSharePercent = 40m });
            pool.Contributions.Add(new PoolContribution { PoolCode = pool.Code, PartnerCode = "03C", Year = Year, Amount = 9_800_000m, RecordedAt = recorded, ConfirmedAt = recorded });
            pool.Contributions.Add(new PoolContribution { PoolCode = pool.Code, PartnerCode = "E06000002", Year = Year, Amount = 6_500_000m, RecordedAt = recorded, ConfirmedAt = recorded.AddDays(2) });
            AddExpenditure(pool, ["Intermediate care", "Reablement", "Community equipment"], 16_300_000m);
            db.PooledBudgets.Add(pool);
        }
        await db.SaveChangesAsync(ct);
    }

    private static void AddExpenditure(PooledBudget pool, string[] areas, decimal annual)
    {
        decimal[] weights = [0.5m, 0.3m, 0.2m];
        for (var month = 1; month <= LatestMonth; month++)
            for (var i = 0; i < areas.Length; i++)
                pool.Expenditure.Add(new PoolExpenditure
                {
                    PoolCode = pool.Code, Year = Year, Month = month, ServiceArea = areas[i],
                    Description = $"{areas[i]}, {FinancialYear.MonthStart(Year, month):MMMM yyyy}",
                    Amount = Money(annual * weights[i] / 12m * (1 + 0.004m * month)),
                    RecordedAt = FinancialYear.MonthEnd(Year, month).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc).AddDays(10),
                });
    }

    // ---------------------------------------------------------------- NhsCb

    private static readonly (StatutoryDuty Duty, string Summary)[] DutyEvidenceText =
    [
        (StatutoryDuty.ImproveQuality, "quality dashboard reviewed monthly by the governing body; CQUIN schemes with each main provider."),
        (StatutoryDuty.ReduceInequalities, "health inequalities audit of the member practices' populations; targeted diabetes care-process recovery."),
        (StatutoryDuty.PromotePatientChoice, "choice of provider offered at referral; any-qualified-provider services for diagnostics."),
        (StatutoryDuty.InvolvePublic, "patient reference group and two public events on the commissioning plan."),
        (StatutoryDuty.ObtainProfessionalAdvice, "clinical senate and public-health advice on the commissioning plan."),
        (StatutoryDuty.PromoteIntegration, "a pooled fund with its local authority; joint discharge team with social care."),
        (StatutoryDuty.PublishCommissioningPlan, "commissioning plan 2013-14 published in April 2013 after the HWB's opinion."),
        (StatutoryDuty.PublishAnnualReport, "annual report 2012-13 (shadow year) published; public meeting held in September 2013."),
        (StatutoryDuty.FinancialDuties, "monthly financial returns to the NHS CB; month 6 forecast outturn reported."),
    ];

    // A finding per duty: assured, but for the financial duties of a consortium forecasting a breach (partially
    // assured) and 02B's integration across two boards (assured with support).
    private static List<DutyFinding> DutyFindingsFor(DemoConsortium c) => Enum.GetValues<StatutoryDuty>().Select(duty => new DutyFinding
    {
        Duty = duty,
        Rating = duty == StatutoryDuty.FinancialDuties && c.OverSpending ? AssuranceRating.PartiallyAssured
            : duty == StatutoryDuty.PromoteIntegration && c.Code == "02B" ? AssuranceRating.AssuredWithSupport
            : AssuranceRating.Assured,
        Finding = duty == StatutoryDuty.FinancialDuties && c.OverSpending
            ? "Month 6 forecast breaches the revenue resource limit and the running-costs allowance."
            : duty == StatutoryDuty.PromoteIntegration && c.Code == "02B"
                ? "Works across two boards; the Riverside joint arrangements need support."
                : "Evidence reviewed; duty met.",
    }).ToList();

    public async Task SeedAsync(NhsCbDbContext db, CancellationToken ct = default)
    {
        if (!await db.Boards.AnyAsync(b => b.Code == NhsCbCode, ct))
            db.Boards.Add(new NhsCommissioningBoard
            {
                Code = NhsCbCode,
                Name = "NHS Commissioning Board",
                Mandate = "The Mandate from the Government to the NHS Commissioning Board: April 2013 to March 2015",
                Guidance = "Clinical commissioning group authorisation: draft guide for applicants; financial planning guidance 2013-14",
            });

        var allocated = (await db.Allocations.Where(a => a.Year == Year).Select(a => a.ConsortiumCode).ToListAsync(ct)).ToHashSet();
        var assessed = (await db.AssuranceAssessments.Where(a => a.Year == Year).Select(a => a.ConsortiumCode).ToListAsync(ct)).ToHashSet();
        foreach (var c in _consortia)
        {
            if (!allocated.Contains(c.Code))
                db.Allocations.Add(new Allocation
                {
                    ConsortiumCode = c.Code, Year = Year,
                    ProgrammeBudget = c.ProgrammeBudget, RunningCostsAllowance = c.RunningCostsAllowance,
                    RevenueResourceLimit = c.RevenueResourceLimit, CapitalResourceLimit = c.CapitalResourceLimit,
                    RecordedAt = new DateTime(2012, 12, 18, 12, 0, 0, DateTimeKind.Utc),
                });
            if (!assessed.Contains(c.Code))
                db.AssuranceAssessments.Add(new AssuranceAssessment
                {
                    ConsortiumCode = c.Code, Year = Year, AssessedOn = new DateOnly(2013, 10, 10),
                    Rating = c.OverSpending ? AssuranceRating.PartiallyAssured : c.Code == "02B" ? AssuranceRating.AssuredWithSupport : AssuranceRating.Assured,
                    FinanceFinding = c.OverSpending ? "Month 6 forecast outturn exceeds the revenue resource limit and the running-costs allowance; a recovery plan is required." : "On track to meet all financial duties.",
                    QualityFinding = "No significant concerns.",
                    Summary = c.OverSpending ? "Partially assured: financial recovery plan and monthly review." : "Quarter 2 checkpoint.",
                    DutyFindings = DutyFindingsFor(c),
                    Checkpoints =
                    [
                        new AssuranceCheckpoint { Quarter = 1, RecordedOn = new DateOnly(2013, 7, 15), Finding = "Quarter 1: plans in place; no exceptions reported." },
                        new AssuranceCheckpoint
                        {
                            Quarter = 2, RecordedOn = new DateOnly(2013, 10, 10),
                            Finding = c.OverSpending ? "Quarter 2: forecast breach of the revenue resource limit; recovery plan requested." : "Quarter 2: on track.",
                        },
                    ],
                });
        }
        // A consortium's evidence on each statutory duty (by key: consortium, year, duty).
        var evidenced = (await db.DutyEvidence.Where(e => e.Year == Year).Select(e => e.ConsortiumCode).Distinct().ToListAsync(ct)).ToHashSet();
        foreach (var c in _consortia.Where(c => !evidenced.Contains(c.Code)))
            foreach (var (duty, summary) in DutyEvidenceText)
                db.DutyEvidence.Add(new DutyEvidence
                {
                    ConsortiumCode = c.Code, Year = Year, Duty = duty, Summary = $"{c.Name}: {summary}",
                    SubmittedAt = new DateTime(2013, 9, 30, 12, 0, 0, DateTimeKind.Utc),
                });
        await SeedOutcomesAsync(db, ct);
        if (!await db.Interventions.AnyAsync(i => i.ConsortiumCode == "03C", ct))
            db.Interventions.Add(new Intervention
            {
                ConsortiumCode = "03C", Kind = InterventionKind.ImprovementSupport, Ground = InterventionGround.SignificantRiskOfFailing,
                Reason = "Forecast breach of the revenue resource limit at month 6 (acute, prescribing and continuing healthcare pressures).",
                StartedOn = new DateOnly(2013, 10, 15),
            });
        await SeedAuthorisationAndInformationAsync(db, ct);
        await db.SaveChangesAsync(ct);
    }

    // ---------------------------------------------------------------- NhsCb: authorisation and information requests

    /// <summary>The functions the NHS CB keeps for a consortium still in shadow form.</summary>
    private static readonly string[] ShadowRetainedFunctions = ["Commissioning of acute and community services", "Continuing healthcare assessments"];

    /// <summary>
    /// An authorisation decision for every consortium, agreeing with its status: 03C authorised with one standing condition
    /// (financial recovery) and one function retained; 02B with one condition (joint working with Riverside); a shadow
    /// consortium with the NHS CB keeping its main functions. An information request to 03C, not yet answered.
    /// </summary>
    private async Task SeedAuthorisationAndInformationAsync(NhsCbDbContext db, CancellationToken ct)
    {
        var decided = (await db.AuthorisationDecisions.Select(d => d.ConsortiumCode).ToListAsync(ct)).ToHashSet();
        foreach (var c in _consortia.Where(c => !decided.Contains(c.Code)))
        {
            var decision = new AuthorisationDecision
            {
                ConsortiumCode = c.Code,
                DecidedOn = c.Authorisation == DemoAuthorisation.Shadow ? ShadowYearStart : new DateOnly(2013, 2, 1),
                Status = c.Authorisation switch
                {
                    DemoAuthorisation.Authorised => AuthorisationStatus.Authorised,
                    DemoAuthorisation.AuthorisedWithConditions => AuthorisationStatus.AuthorisedWithConditions,
                    _ => AuthorisationStatus.Shadow,
                },
                FunctionsRetained = c.Code == "03C" ? "Approval of contracts above £5 million"
                    : c.Authorisation == DemoAuthorisation.Shadow ? string.Join('\n', ShadowRetainedFunctions) : "",
                RecordedAt = new DateTime(2013, 2, 1, 12, 0, 0, DateTimeKind.Utc),
            };
            if (c.Code == "03C")
                decision.Conditions.Add(new AuthorisationCondition
                {
                    Position = 1, Function = "Financial management",
                    Description = "Agree a financial recovery plan with the NHS CB and report against it monthly.",
                });
            else if (c.Code == "02B")
                decision.Conditions.Add(new AuthorisationCondition
                {
                    Position = 1, Function = "Partnership working",
                    Description = "Agree joint commissioning arrangements with the Riverside Health and Wellbeing Board.",
                });
            db.AuthorisationDecisions.Add(decision);
        }
        if (!await db.InformationRequests.AnyAsync(r => r.ConsortiumCode == "03C", ct))
            db.InformationRequests.Add(new InformationRequest
            {
                ConsortiumCode = "03C",
                Question = "Send the month 6 financial recovery plan: actions and savings by programme budget category, and the forecast outturn after them.",
                RequestedOn = new DateOnly(2013, 10, 16), DueOn = new DateOnly(2013, 11, 15),
            });
    }
    #region Outcomes and the quality premium

    /// <summary>The 2013-14 Commissioning Outcomes Framework of the demonstration data: a handful of its indicators.</summary>
    public static readonly (string Code, OutcomesDomain Domain, string Name)[] OutcomeIndicators =
    [
        ("1.1", OutcomesDomain.PreventingPrematureDeath, "Potential years of life lost from causes considered amenable to healthcare"),
        ("1.2", OutcomesDomain.PreventingPrematureDeath, "Under 75 mortality rate from cardiovascular disease"),
        ("2.6", OutcomesDomain.LongTermConditions, "Unplanned hospitalisation for chronic ambulatory care sensitive conditions (adults)"),
        ("3.1", OutcomesDomain.RecoveryFromIllHealth, "Emergency admissions for acute conditions that should not usually require hospital admission"),
        ("3.2", OutcomesDomain.RecoveryFromIllHealth, "Emergency readmissions within 30 days of discharge from hospital"),
        ("4.1", OutcomesDomain.PositiveExperienceOfCare, "Patient experience of GP out-of-hours services"),
        ("5.2", OutcomesDomain.SafeCare, "Incidence of healthcare associated infection: MRSA"),
    ];

    /// <summary>The quality premium of 2013-14: up to £5 a head of registered population, a quarter for each criterion met.</summary>
    public const decimal QualityPremiumPerHead = 5m;
    public static readonly (string Indicator, bool Met)[] QualityPremiumCriteria01A = [("1.1", true), ("3.1", true), ("4.1", false), ("5.2", true)];

    /// <summary>A consortium's outcomes values for 2013-14: counts from its registered population; MRSA cases are few
    /// (01A 2, 02B 0, 03C 5: suppressed for anyone but the consortium); the out-of-hours survey (4.1) is provisional,
    /// unpublished.</summary>
    internal static IEnumerable<OutcomeValue> OutcomeValuesOf(DemoConsortium c)
    {
        var p = c.RegisteredPopulation;
        var i = c.Index;
        OutcomeValue V(string code, int numerator, int denominator, decimal value, bool published = true) => new()
        {
            ConsortiumCode = c.Code, Year = Year, IndicatorCode = code, Numerator = numerator, Denominator = denominator, Value = value, Published = published,
        };
        yield return V("1.1", p * 21 / 1_000, p, 2_031.5m + 37.2m * (i % 7));
        yield return V("1.2", p * 6 / 10_000, p, 61.3m + 4.1m * (i % 5));
        yield return V("2.6", p * 8 / 10_000, p, 812.4m + 22.7m * (i % 6));
        yield return V("3.1", p * 12 / 10_000, p, 1_184.9m + 31.6m * (i % 4));
        var discharges = p * 9 / 100;
        yield return V("3.2", discharges * 118 / 1_000, discharges, 11.8m + 0.3m * (i % 3));
        var respondents = 212 + 17 * (i % 9);
        yield return V("4.1", respondents * 71 / 100, respondents, 71.0m + i % 8, published: false);
        var mrsa = i switch { 1 => 2, 2 => 0, 3 => 5, _ => i % 6 };
        yield return V("5.2", mrsa, p, Math.Round(mrsa * 100_000m / p, 1));
    }

    /// <summary>
    /// 01A's 2013-14 quality premium: £5 a head of its 312,400 registered patients is £1,562,000 at most; three of its four
    /// criteria met (a quarter each) earn £1,171,500.00, £3.75 a head, shared among its practices by list size (the last takes
    /// what rounding leaves). Its financial duties are judged as <c>recordQualityPremium</c> judges them: the latest submitted
    /// return of the year (month 5) against the allocation — the same pure rule on the same demonstration figures, so the
    /// seed needs no other module's tables.
    /// </summary>
    internal static QualityPremium QualityPremiumOf(DemoConsortium c)
    {
        var submittedMonth = LatestMonth - 1;
        var latest = BuildReturn(c, submittedMonth, SeededAt);
        var allocation = new AllocationFigures(c.Code, Year, c.ProgrammeBudget, c.RunningCostsAllowance, c.RevenueResourceLimit, c.CapitalResourceLimit);
        var dutiesMet = FinancialDuties.Assess(latest, allocation).AllMet;
        var metShare = QualityPremiumCriteria01A.Count(x => x.Met) / (decimal)QualityPremiumCriteria01A.Length;
        var amount = dutiesMet ? Money(c.RegisteredPopulation * QualityPremiumPerHead * metShare) : 0m;
        var practices = c.Practices;
        var shares = new List<QualityPremiumShare>();
        var assigned = 0m;
        for (var k = 0; k < practices.Count; k++)
        {
            var share = k == practices.Count - 1 ? amount - assigned : Money(amount * practices[k].ListSize / c.RegisteredPopulation);
            assigned += share;
            shares.Add(new QualityPremiumShare { ConsortiumCode = c.Code, Year = Year, PracticeCode = practices[k].Code, Amount = share });
        }
        return new QualityPremium
        {
            ConsortiumCode = c.Code, Year = Year, Amount = amount,
            FinancialDutiesMet = dutiesMet, FinancialDutiesMonth = submittedMonth, FinancialDutiesVersion = 1,
            RecordedAt = new DateTime(2014, 7, 31, 12, 0, 0, DateTimeKind.Utc),
            Criteria = QualityPremiumCriteria01A.Select(x => new QualityPremiumCriterion { IndicatorCode = x.Indicator, Met = x.Met }).ToList(),
            PracticeShares = shares,
        };
    }

    private async Task SeedOutcomesAsync(NhsCbDbContext db, CancellationToken ct)
    {
        if (!await db.OutcomeIndicators.AnyAsync(i => i.Year == Year, ct))
            db.OutcomeIndicators.AddRange(OutcomeIndicators.Select(x => new OutcomeIndicator { Year = Year, Code = x.Code, Domain = x.Domain, Name = x.Name }));
        var measured = (await db.OutcomeValues.Where(v => v.Year == Year).Select(v => v.ConsortiumCode).Distinct().ToListAsync(ct)).ToHashSet();
        foreach (var c in _consortia.Where(c => !measured.Contains(c.Code)))
            db.OutcomeValues.AddRange(OutcomeValuesOf(c));
        if (_consortia.FirstOrDefault(c => c.Code == "01A") is { } northvaleNorth
            && !await db.QualityPremiums.AnyAsync(q => q.ConsortiumCode == northvaleNorth.Code && q.Year == Year, ct))
            db.QualityPremiums.Add(QualityPremiumOf(northvaleNorth));
    }

    #endregion
}
