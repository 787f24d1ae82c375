using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.Commissioning;

public enum FinancialDuty
{
    /// <summary>Expenditure within the allocation (programme budget plus running-costs allowance) and other income received.</summary>
    BreakEven,
    /// <summary>Revenue resource used within the revenue resource limit.</summary>
    RevenueWithinResourceLimit,
    /// <summary>Capital resource used within the capital resource limit.</summary>
    CapitalWithinResourceLimit,
    /// <summary>Running (administration) costs within the running-costs allowance.</summary>
    RunningCostsWithinAllowance,
    /// <summary>Net revenue resource used, on an accruals basis, within the revenue resource limit (judged separately from cash).</summary>
    UseOfResources,
}

/// <summary>One duty measured: the limit, the forecast outturn against it, what is left, and whether it is met.</summary>
public sealed record DutyAssessment(FinancialDuty Duty, decimal Limit, decimal Outturn)
{
    /// <summary>Limit minus outturn; negative when the duty is breached.</summary>
    public decimal Headroom => Limit - Outturn;
    public bool Met => Outturn <= Limit;
}

/// <summary>The statutory financial duties of a consortium as forecast by one financial return.</summary>
public sealed record FinancialDutiesAssessment(
    string ConsortiumCode,
    string Year,
    int Month,
    int Version,
    DutyAssessment BreakEven,
    DutyAssessment RevenueWithinResourceLimit,
    DutyAssessment CapitalWithinResourceLimit,
    DutyAssessment RunningCostsWithinAllowance,
    DutyAssessment UseOfResources)
{
    public IReadOnlyList<DutyAssessment> All => [BreakEven, RevenueWithinResourceLimit, CapitalWithinResourceLimit, RunningCostsWithinAllowance, UseOfResources];
    public bool AllMet => All.All(d => d.Met);
    /// <summary>A consortium is at risk when any duty is forecast to be missed.</summary>
    public bool AtRisk => !AllMet;
}

/// <summary>
/// The statutory financial duties, derived from a return's forecast outturn and the year's
/// allocation. Pure: no database, no clock.
/// </summary>
public static class FinancialDuties
{
    public static FinancialDutiesAssessment Assess(FinancialReturn financialReturn, AllocationFigures allocation) =>
        Assess(financialReturn, financialReturn?.Lines ?? throw new ArgumentNullException(nameof(financialReturn)), allocation);

    /// <summary>As <see cref="Assess(FinancialReturn, AllocationFigures)"/>, with the return's lines loaded
    /// separately (a read model that does not load the aggregate whole).</summary>
    public static FinancialDutiesAssessment Assess(FinancialReturn financialReturn, IEnumerable<FinancialReturnLine> lines, AllocationFigures allocation)
    {
        ArgumentNullException.ThrowIfNull(financialReturn);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(allocation);
        if (!string.Equals(financialReturn.ConsortiumCode, allocation.ConsortiumCode, StringComparison.Ordinal)
            || !string.Equals(financialReturn.Year, allocation.Year, StringComparison.Ordinal))
            throw new ArgumentException(
                $"The allocation ({allocation.ConsortiumCode} {allocation.Year}) is not for this return ({financialReturn.ConsortiumCode} {financialReturn.Year}).",
                nameof(allocation));

        // Revenue spending = programme spending (the lines) + running costs; capital is separate. Break-even allows
        // for other income received; use of resources is the accruals figure the return reports, not the cash one.
        var programmeOutturn = lines.Sum(l => l.ForecastOutturn);
        var revenueOutturn = programmeOutturn + financialReturn.RunningCostsForecastOutturn;

        return new FinancialDutiesAssessment(
            financialReturn.ConsortiumCode,
            financialReturn.Year,
            financialReturn.Month,
            financialReturn.Version,
            new DutyAssessment(FinancialDuty.BreakEven, allocation.ProgrammeBudget + allocation.RunningCostsAllowance + financialReturn.IncomeForecastOutturn, revenueOutturn),
            new DutyAssessment(FinancialDuty.RevenueWithinResourceLimit, allocation.RevenueResourceLimit, revenueOutturn),
            new DutyAssessment(FinancialDuty.CapitalWithinResourceLimit, allocation.CapitalResourceLimit, financialReturn.CapitalForecastOutturn),
            new DutyAssessment(FinancialDuty.RunningCostsWithinAllowance, allocation.RunningCostsAllowance, financialReturn.RunningCostsForecastOutturn),
            new DutyAssessment(FinancialDuty.UseOfResources, allocation.RevenueResourceLimit, financialReturn.ResourceUseForecastOutturn));
    }

    /// <summary>
    /// The duties as audited accounts state them: the same limits and tests as a return's forecast, over the year's audited
    /// outturn (month 12; version 0: no return's version).
    /// </summary>
    public static FinancialDutiesAssessment AssessAudited(AnnualAccounts accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var revenueOutturn = accounts.ProgrammeExpenditure + accounts.RunningCosts;
        return new FinancialDutiesAssessment(
            accounts.ConsortiumCode, accounts.Year, 12, 0,
            new DutyAssessment(FinancialDuty.BreakEven, accounts.ProgrammeBudget + accounts.RunningCostsAllowance + accounts.IncomeReceived, revenueOutturn),
            new DutyAssessment(FinancialDuty.RevenueWithinResourceLimit, accounts.RevenueResourceLimit, revenueOutturn),
            new DutyAssessment(FinancialDuty.CapitalWithinResourceLimit, accounts.CapitalResourceLimit, accounts.CapitalExpenditure),
            new DutyAssessment(FinancialDuty.RunningCostsWithinAllowance, accounts.RunningCostsAllowance, accounts.RunningCosts),
            new DutyAssessment(FinancialDuty.UseOfResources, accounts.RevenueResourceLimit, accounts.ResourceUse));
    }
}
