using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.Commissioning;

/// <summary>The programme budget categories of a financial return.</summary>
public enum ProgrammeBudgetCategory
{
    Acute,
    MentalHealth,
    Community,
    Prescribing,
    ContinuingHealthcare,
    /// <summary>Deprecated: consortia do not commission core GP services (GMS/PMS: the NHS CB does). Read as
    /// written on old returns; new returns use <see cref="PrimaryCareEnhancedServices"/>.</summary>
    PrimaryCare,
    Other,
    /// <summary>Enhanced services a consortium commissions on the NHS CB's behalf.</summary>
    PrimaryCareEnhancedServices,
}

public enum FinancialReturnStatus
{
    Draft,
    Submitted,
    Accepted,
    Queried,
}

/// <summary>
/// A consortium's monthly return to the NHS CB. Once submitted it is immutable: the NHS CB may
/// accept or query it, and a correction is a new <see cref="Version"/> for the same period.
/// </summary>
public sealed class FinancialReturn : IVersioned
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    /// <summary>Financial year, e.g. "2013-14".</summary>
    public required string Year { get; set; }
    /// <summary>Month of the financial year: 1 = April … 12 = March.</summary>
    public int Month { get; set; }
    /// <summary>Submission version for the period (1, 2, …); not the concurrency token.</summary>
    public int Version { get; set; } = 1;
    public FinancialReturnStatus Status { get; private set; } = FinancialReturnStatus.Draft;

    public decimal RunningCostsPlan { get; private set; }
    public decimal RunningCostsYearToDate { get; private set; }
    public decimal RunningCostsForecastOutturn { get; private set; }
    public decimal CapitalPlan { get; private set; }
    public decimal CapitalYearToDate { get; private set; }
    public decimal CapitalForecastOutturn { get; private set; }
    /// <summary>Other income received (recharges, local-authority contributions): break-even is expenditure within the
    /// allocation and this income.</summary>
    public decimal IncomePlan { get; private set; }
    public decimal IncomeYearToDate { get; private set; }
    public decimal IncomeForecastOutturn { get; private set; }
    /// <summary>Net revenue resource consumed on an accruals basis (expenditure incurred, whether paid or not, less
    /// income earned): judged against the revenue resource limit (use of resources), separately from cash expenditure.</summary>
    public decimal ResourceUsePlan { get; private set; }
    public decimal ResourceUseYearToDate { get; private set; }
    public decimal ResourceUseForecastOutturn { get; private set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? ReviewedAt { get; private set; }
    public string? QueryReason { get; private set; }
    public int RowVersion { get; set; }

    public List<FinancialReturnLine> Lines { get; } = [];
    public List<PracticeBreakdownLine> PracticeBreakdown { get; } = [];

    public bool IsEditable => Status == FinancialReturnStatus.Draft;

    public decimal TotalPlan => Lines.Sum(l => l.Plan);
    public decimal TotalYearToDateActual => Lines.Sum(l => l.YearToDateActual);
    public decimal TotalForecastOutturn => Lines.Sum(l => l.ForecastOutturn);

    public FinancialReturnLine SetLine(ProgrammeBudgetCategory category, decimal plan, decimal yearToDateActual, decimal forecastOutturn, DateTime? now = null)
    {
        EnsureEditable();
        EnsureNonNegative(plan, yearToDateActual, forecastOutturn);
        var line = Lines.FirstOrDefault(l => l.Category == category);
        if (line is null)
        {
            line = new FinancialReturnLine { Category = category };
            Lines.Add(line);
        }
        line.Plan = plan;
        line.YearToDateActual = yearToDateActual;
        line.ForecastOutturn = forecastOutturn;
        Touch(now);
        return line;
    }

    public void SetRunningCosts(decimal plan, decimal yearToDate, decimal forecastOutturn, DateTime? now = null)
    {
        EnsureEditable();
        EnsureNonNegative(plan, yearToDate, forecastOutturn);
        (RunningCostsPlan, RunningCostsYearToDate, RunningCostsForecastOutturn) = (plan, yearToDate, forecastOutturn);
        Touch(now);
    }

    public void SetCapital(decimal plan, decimal yearToDate, decimal forecastOutturn, DateTime? now = null)
    {
        EnsureEditable();
        EnsureNonNegative(plan, yearToDate, forecastOutturn);
        (CapitalPlan, CapitalYearToDate, CapitalForecastOutturn) = (plan, yearToDate, forecastOutturn);
        Touch(now);
    }

    public void SetIncome(decimal plan, decimal yearToDate, decimal forecastOutturn, DateTime? now = null)
    {
        EnsureEditable();
        EnsureNonNegative(plan, yearToDate, forecastOutturn);
        (IncomePlan, IncomeYearToDate, IncomeForecastOutturn) = (plan, yearToDate, forecastOutturn);
        Touch(now);
    }

    public void SetResourceUse(decimal plan, decimal yearToDate, decimal forecastOutturn, DateTime? now = null)
    {
        EnsureEditable();
        EnsureNonNegative(plan, yearToDate, forecastOutturn);
        (ResourceUsePlan, ResourceUseYearToDate, ResourceUseForecastOutturn) = (plan, yearToDate, forecastOutturn);
        Touch(now);
    }

    public PracticeBreakdownLine SetPracticeLine(string practiceCode, decimal plan, decimal yearToDateActual, decimal forecastOutturn, DateTime? now = null)
    {
        EnsureEditable();
        EnsureNonNegative(plan, yearToDateActual, forecastOutturn);
        var line = PracticeBreakdown.FirstOrDefault(l => l.PracticeCode == practiceCode);
        if (line is null)
        {
            line = new PracticeBreakdownLine { PracticeCode = practiceCode };
            PracticeBreakdown.Add(line);
        }
        line.Plan = plan;
        line.YearToDateActual = yearToDateActual;
        line.ForecastOutturn = forecastOutturn;
        Touch(now);
        return line;
    }

    public void Submit(DateTime now)
    {
        EnsureEditable();
        if (Lines.Count == 0)
            throw new DomainRuleException("RETURN_EMPTY", "A financial return needs at least one programme budget line before it is submitted.");
        Status = FinancialReturnStatus.Submitted;
        SubmittedAt = now;
        Touch(now);
    }

    /// <summary>The NHS CB accepts a submitted return.</summary>
    public void Accept(DateTime now)
    {
        if (Status != FinancialReturnStatus.Submitted)
            throw new DomainRuleException("RETURN_NOT_SUBMITTED", $"Only a submitted return can be accepted; this one is {GraphValues.EnumName(Status)}.");
        Status = FinancialReturnStatus.Accepted;
        ReviewedAt = now;
        Touch(now);
    }

    /// <summary>The NHS CB queries a submitted return; the consortium answers with a new version.</summary>
    public void Query(string reason, DateTime now)
    {
        if (Status != FinancialReturnStatus.Submitted)
            throw new DomainRuleException("RETURN_NOT_SUBMITTED", $"Only a submitted return can be queried; this one is {GraphValues.EnumName(Status)}.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleException("QUERY_REASON_REQUIRED", "A query needs a reason.");
        Status = FinancialReturnStatus.Queried;
        QueryReason = reason;
        ReviewedAt = now;
        Touch(now);
    }

    /// <summary>A new draft version of the same period, starting from this one's figures.</summary>
    public FinancialReturn CreateCorrection(DateTime now)
    {
        if (IsEditable)
            throw new DomainRuleException("RETURN_IS_DRAFT", "A draft is corrected in place, not by a new version.");
        var next = new FinancialReturn { ConsortiumCode = ConsortiumCode, Year = Year, Month = Month, Version = Version + 1, CreatedAt = now };
        foreach (var l in Lines) next.SetLine(l.Category, l.Plan, l.YearToDateActual, l.ForecastOutturn, now);
        foreach (var p in PracticeBreakdown) next.SetPracticeLine(p.PracticeCode, p.Plan, p.YearToDateActual, p.ForecastOutturn, now);
        next.SetRunningCosts(RunningCostsPlan, RunningCostsYearToDate, RunningCostsForecastOutturn, now);
        next.SetCapital(CapitalPlan, CapitalYearToDate, CapitalForecastOutturn, now);
        next.SetIncome(IncomePlan, IncomeYearToDate, IncomeForecastOutturn, now);
        next.SetResourceUse(ResourceUsePlan, ResourceUseYearToDate, ResourceUseForecastOutturn, now);
        return next;
    }

    private void EnsureEditable()
    {
        if (!IsEditable)
            throw new DomainRuleException("RETURN_IMMUTABLE",
                $"Return {ConsortiumCode} {Year} month {Month} version {Version} is {GraphValues.EnumName(Status)} and cannot be changed; submit a new version instead.");
    }

    private static void EnsureNonNegative(params decimal[] amounts)
    {
        if (amounts.Any(a => a < 0))
            throw new DomainRuleException("NEGATIVE_AMOUNT", "Amounts in a financial return cannot be negative.");
    }

    // Changing a line changes the aggregate: bumping UpdatedAt also bumps the return's RowVersion.
    private void Touch(DateTime? now) => UpdatedAt = now ?? DateTime.UtcNow;
}

/// <summary>One programme budget line of a return.</summary>
public sealed class FinancialReturnLine
{
    public int Id { get; set; }
    public int FinancialReturnId { get; set; }
    public ProgrammeBudgetCategory Category { get; set; }
    public decimal Plan { get; internal set; }
    public decimal YearToDateActual { get; internal set; }
    public decimal ForecastOutturn { get; internal set; }
}

/// <summary>A member practice's share of a return's expenditure.</summary>
public sealed class PracticeBreakdownLine
{
    public int Id { get; set; }
    public int FinancialReturnId { get; set; }
    public required string PracticeCode { get; set; }
    public decimal Plan { get; internal set; }
    public decimal YearToDateActual { get; internal set; }
    public decimal ForecastOutturn { get; internal set; }
}
