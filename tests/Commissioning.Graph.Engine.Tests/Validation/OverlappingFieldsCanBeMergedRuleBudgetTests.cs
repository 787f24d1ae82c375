using System.Text;
using Commissioning.Graph.Engine.Validation.Rules;

namespace Commissioning.Graph.Engine.Tests.Validation;

/// <summary>§5.3.2 on hostile documents: the comparison is metered exactly like graphql-js 16.15
/// (aborting with one location-less "Validation aborted." error at the same sizes). The work is
/// bounded by that budget, which these tests pin; no wall-clock assertion (a busy CI machine failed
/// them), speed is for the benchmarks.</summary>
public partial class OverlappingFieldsCanBeMergedRuleTests
{
    private const string BudgetSdl = "type Query { a(x: Int): Int b: Int d: D } type D { a: Int d: D }";

    private static string Repeat(string field, int n) => "{ " + string.Join(" ", Enumerable.Repeat(field, n)) + " }";

    private static string Chain(int n)
    {
        var sb = new StringBuilder("{ ...F0 } ");
        for (int i = 0; i < n; i++) sb.Append($"fragment F{i} on Query {{ a ...F{i + 1} }} ");
        sb.Append($"fragment F{n} on Query {{ a }}");
        return sb.ToString();
    }

    [Theory]
    [InlineData("a", 707, "")]
    [InlineData("a", 708, "-")]
    [InlineData("a(x: 1)", 577, "")]
    [InlineData("a(x: 1)", 578, "-")]
    public void RepeatedIdenticalFieldsAbortWhereGraphQLJsAborts(string field, int count, string expected)
    {
        var errors = RuleTestHarness.Validate(new OverlappingFieldsCanBeMergedRule(), BudgetSdl, Repeat(field, count));
        Assert.Equal(expected, RuleTestHarness.Locations(errors));
        if (expected == "-") Assert.Equal("Validation aborted.", errors[0].Message);
    }

    [Fact]
    public void ThousandIdenticalFieldsAbortWithOneError()
    {
        var errors = RuleTestHarness.Validate(new OverlappingFieldsCanBeMergedRule(), BudgetSdl, Repeat("a", 1000));
        Assert.Single(errors);
    }

    [Theory]
    [InlineData(100, "")]
    [InlineData(400, "")]
    [InlineData(1000, "-")]
    [InlineData(3000, "-")]
    public void FragmentChains(int length, string expected)
    {
        Assert.Equal(expected, RuleTestHarness.Run(new OverlappingFieldsCanBeMergedRule(), BudgetSdl, Chain(length)));
    }

    [Fact]
    public void TenThousandFragmentChainDoesNotOverflow()
    {
        // graphql-js itself overflows its stack here; we abort cleanly instead.
        var errors = RuleTestHarness.Validate(new OverlappingFieldsCanBeMergedRule(), BudgetSdl, Chain(10_000));
        Assert.Equal("Validation aborted.", Assert.Single(errors).Message);
    }

    [Fact]
    public void ConflictsFoundBeforeTheBudgetRunsOutAreNotReported()
    {
        var errors = RuleTestHarness.Validate(new OverlappingFieldsCanBeMergedRule(), BudgetSdl, "{ b: a b: d { a } " + string.Join(" ", Enumerable.Repeat("a", 1000)) + " }");
        Assert.Equal("Validation aborted.", Assert.Single(errors).Message);
    }
}
