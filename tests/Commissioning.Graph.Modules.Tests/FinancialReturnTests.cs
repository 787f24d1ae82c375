using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.Tests;

public sealed class FinancialReturnTests
{
    private static readonly DateTime Now = new(2013, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    private static FinancialReturn Draft()
    {
        var r = new FinancialReturn { ConsortiumCode = "01A", Year = "2013-14", Month = 6 };
        r.SetLine(ProgrammeBudgetCategory.Acute, 10m, 5m, 10m, Now);
        return r;
    }

    [Fact]
    public void A_submitted_return_is_immutable()
    {
        var r = Draft();
        r.Submit(Now);
        Assert.Equal("RETURN_IMMUTABLE", Assert.Throws<DomainRuleException>(() => r.SetLine(ProgrammeBudgetCategory.Acute, 1m, 1m, 1m)).Code);
        Assert.Throws<DomainRuleException>(() => r.SetPracticeLine("A01001", 1m, 1m, 1m));
        Assert.Throws<DomainRuleException>(() => r.SetRunningCosts(1m, 1m, 1m));
        Assert.Throws<DomainRuleException>(() => r.SetCapital(1m, 1m, 1m));
        Assert.Throws<DomainRuleException>(() => r.Submit(Now));
    }

    [Fact]
    public void Accept_and_query_need_a_submitted_return()
    {
        var r = Draft();
        Assert.Throws<DomainRuleException>(() => r.Accept(Now));
        r.Submit(Now);
        Assert.Throws<DomainRuleException>(() => r.Query(" ", Now));
        r.Query("Please explain the acute variance.", Now);
        Assert.Equal(FinancialReturnStatus.Queried, r.Status);
        Assert.Throws<DomainRuleException>(() => r.Accept(Now));
    }

    [Fact]
    public void A_correction_is_the_next_version_as_a_draft_with_the_same_figures()
    {
        var r = Draft();
        r.SetPracticeLine("A01001", 10m, 5m, 10m, Now);
        r.Submit(Now);
        var next = r.CreateCorrection(Now);
        Assert.Equal((2, FinancialReturnStatus.Draft), (next.Version, next.Status));
        Assert.Equal(r.TotalForecastOutturn, next.TotalForecastOutturn);
        Assert.Single(next.PracticeBreakdown);
        Assert.Throws<DomainRuleException>(() => next.CreateCorrection(Now));
    }

    [Fact]
    public void Negative_amounts_and_empty_returns_are_refused()
    {
        var r = new FinancialReturn { ConsortiumCode = "01A", Year = "2013-14", Month = 1 };
        Assert.Equal("RETURN_EMPTY", Assert.Throws<DomainRuleException>(() => r.Submit(Now)).Code);
        Assert.Equal("NEGATIVE_AMOUNT", Assert.Throws<DomainRuleException>(() => r.SetLine(ProgrammeBudgetCategory.Acute, -1m, 0m, 0m)).Code);
    }

    [Theory]
    [InlineData("2013-14", true)]
    [InlineData("1999-00", true)]
    [InlineData("2013-15", false)]
    [InlineData("2013/14", false)]
    [InlineData("13-14", false)]
    public void Financial_years_are_written_like_2013_14(string year, bool valid) => Assert.Equal(valid, FinancialYear.IsValid(year));

    [Fact]
    public void Month_one_is_April()
    {
        Assert.Equal(new DateOnly(2013, 4, 1), FinancialYear.MonthStart("2013-14", 1));
        Assert.Equal(new DateOnly(2014, 3, 31), FinancialYear.MonthEnd("2013-14", 12));
    }
}
