using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.NhsCb;
using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.Tests;

public sealed class FinancialDutiesTests
{
    private static readonly DateTime Now = new(2013, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    private static AllocationFigures Allocation(decimal programme = 100_000_000m, decimal running = 2_000_000m, decimal? rrl = null, decimal crl = 500_000m) =>
        new("01A", "2013-14", programme, running, rrl ?? programme + running, crl);

    private static FinancialReturn Return(decimal acuteForecast, decimal otherForecast, decimal runningForecast, decimal capitalForecast)
    {
        var r = new FinancialReturn { ConsortiumCode = "01A", Year = "2013-14", Month = 6 };
        r.SetLine(ProgrammeBudgetCategory.Acute, 60_000_000m, 30_000_000m, acuteForecast, Now);
        r.SetLine(ProgrammeBudgetCategory.Other, 40_000_000m, 20_000_000m, otherForecast, Now);
        r.SetRunningCosts(2_000_000m, 1_000_000m, runningForecast, Now);
        r.SetCapital(500_000m, 200_000m, capitalForecast, Now);
        return r;
    }

    [Fact]
    public void All_duties_met_with_figures()
    {
        var d = FinancialDuties.Assess(Return(59_000_000m, 40_000_000m, 1_900_000m, 450_000m), Allocation());
        Assert.True(d.AllMet);
        Assert.False(d.AtRisk);
        Assert.Equal(102_000_000m, d.BreakEven.Limit);
        Assert.Equal(100_900_000m, d.BreakEven.Outturn);
        Assert.Equal(1_100_000m, d.BreakEven.Headroom);
        Assert.Equal(100_000m, d.RunningCostsWithinAllowance.Headroom);
        Assert.Equal(50_000m, d.CapitalWithinResourceLimit.Headroom);
    }

    [Fact]
    public void Overspend_breaks_even_and_revenue_duties_with_negative_headroom()
    {
        var d = FinancialDuties.Assess(Return(63_000_000m, 40_000_000m, 1_900_000m, 450_000m), Allocation());
        Assert.False(d.BreakEven.Met);
        Assert.False(d.RevenueWithinResourceLimit.Met);
        Assert.Equal(-2_900_000m, d.BreakEven.Headroom);
        Assert.True(d.RunningCostsWithinAllowance.Met);
        Assert.True(d.CapitalWithinResourceLimit.Met);
        Assert.True(d.AtRisk);
    }

    [Fact]
    public void Revenue_limit_can_differ_from_the_allocation()
    {
        // A non-recurrent addition to the RRL: break-even fails while revenue stays within its limit.
        var d = FinancialDuties.Assess(Return(60_500_000m, 40_000_000m, 2_000_000m, 0m), Allocation(rrl: 103_000_000m));
        Assert.False(d.BreakEven.Met);
        Assert.True(d.RevenueWithinResourceLimit.Met);
        Assert.Equal(500_000m, d.RevenueWithinResourceLimit.Headroom);
    }

    [Fact]
    public void Running_costs_and_capital_are_judged_separately()
    {
        var d = FinancialDuties.Assess(Return(58_000_000m, 40_000_000m, 2_100_000m, 600_000m), Allocation());
        Assert.True(d.BreakEven.Met);
        Assert.False(d.RunningCostsWithinAllowance.Met);
        Assert.False(d.CapitalWithinResourceLimit.Met);
        Assert.Equal(-100_000m, d.CapitalWithinResourceLimit.Headroom);
    }

    [Fact]
    public void Other_income_received_counts_towards_break_even()
    {
        // £100.9m of revenue spending against a £100.5m allocation breaks even only with the £0.6m of income received:
        // limit 98.5 + 2.0 + 0.6 = £101.1m, headroom £0.2m; without it, headroom would be −£0.4m.
        var r = Return(59_000_000m, 40_000_000m, 1_900_000m, 0m);
        r.SetIncome(600_000m, 300_000m, 600_000m, Now);
        var d = FinancialDuties.Assess(r, Allocation(programme: 98_500_000m, running: 2_000_000m));

        Assert.Equal((101_100_000m, 100_900_000m, 200_000m, true), (d.BreakEven.Limit, d.BreakEven.Outturn, d.BreakEven.Headroom, d.BreakEven.Met));
        Assert.False(FinancialDuties.Assess(Return(59_000_000m, 40_000_000m, 1_900_000m, 0m), Allocation(programme: 98_500_000m, running: 2_000_000m)).BreakEven.Met);
    }

    [Fact]
    public void Use_of_resources_is_the_accruals_figure_against_the_revenue_resource_limit_judged_apart_from_cash()
    {
        // Cash: £100.9m spent within £102m (break-even met, headroom £1.1m). Accruals: the return reports £102.25m of net
        // resource used (costs incurred but not yet paid included) against the £102m revenue resource limit: use of
        // resources is breached by £0.25m while break-even is met.
        var r = Return(59_000_000m, 40_000_000m, 1_900_000m, 450_000m);
        r.SetResourceUse(101_000_000m, 50_600_000m, 102_250_000m, Now);
        var d = FinancialDuties.Assess(r, Allocation());

        Assert.True(d.BreakEven.Met);
        Assert.Equal((FinancialDuty.UseOfResources, 102_000_000m, 102_250_000m, -250_000m, false),
            (d.UseOfResources.Duty, d.UseOfResources.Limit, d.UseOfResources.Outturn, d.UseOfResources.Headroom, d.UseOfResources.Met));
        Assert.True(d.AtRisk);
        Assert.Equal([FinancialDuty.UseOfResources], d.All.Where(x => !x.Met).Select(x => x.Duty));
    }

    [Fact]
    public void A_correction_keeps_income_and_resource_use()
    {
        var r = Return(59_000_000m, 40_000_000m, 1_900_000m, 450_000m);
        r.SetIncome(600_000m, 300_000m, 600_000m, Now);
        r.SetResourceUse(101_000_000m, 50_600_000m, 101_500_000m, Now);
        r.Submit(Now);
        r.Query("Check accruals.", Now);
        var next = r.CreateCorrection(Now);
        Assert.Equal((600_000m, 300_000m, 600_000m), (next.IncomePlan, next.IncomeYearToDate, next.IncomeForecastOutturn));
        Assert.Equal((101_000_000m, 50_600_000m, 101_500_000m), (next.ResourceUsePlan, next.ResourceUseYearToDate, next.ResourceUseForecastOutturn));
        Assert.Throws<DomainRuleException>(() => r.SetIncome(1m, 1m, 1m, Now));
    }

    [Fact]
    public void Spending_exactly_the_limit_meets_the_duty()
    {
        var r = Return(60_000_000m, 40_000_000m, 2_000_000m, 500_000m);
        r.SetResourceUse(102_000_000m, 51_000_000m, 102_000_000m, Now);
        var d = FinancialDuties.Assess(r, Allocation());
        Assert.True(d.AllMet);
        Assert.All(d.All, x => Assert.Equal(0m, x.Headroom));
    }

    [Fact]
    public void An_allocation_for_another_consortium_or_year_is_refused()
    {
        var r = Return(1m, 1m, 1m, 1m);
        var other = Allocation() with { ConsortiumCode = "02B" };
        Assert.Throws<ArgumentException>(() => FinancialDuties.Assess(r, other));
        var otherYear = Allocation() with { Year = "2014-15" };
        Assert.Throws<ArgumentException>(() => FinancialDuties.Assess(r, otherYear));
    }

    [Fact]
    public void Demo_figures_put_03C_at_risk_and_the_others_within_their_duties()
    {
        foreach (var c in DemoConsortium.ForScale(1))
        {
            var r = DemoDataSeeder.BuildReturn(c, 6, Now);
            var a = new AllocationFigures(c.Code, DemoConsortium.Year, c.ProgrammeBudget, c.RunningCostsAllowance,
                c.RevenueResourceLimit, c.CapitalResourceLimit);
            var d = FinancialDuties.Assess(r, a);
            Assert.Equal(c.Code == "03C", d.AtRisk);
            if (c.Code == "03C")
            {
                Assert.False(d.BreakEven.Met);
                Assert.False(d.RunningCostsWithinAllowance.Met);
                Assert.InRange(-d.BreakEven.Headroom, 5_000_000m, 10_000_000m); // a plausible in-year pressure
            }
        }
    }
}
