using Commissioning.Graph.Engine.Validation.Rules;

namespace Commissioning.Graph.Engine.Tests.Validation;

/// <summary>DocumentLimitsRule: depth and field count with fragments expanded at each spread.</summary>
public class DocumentLimitsRuleTests : ValidationTestBase
{
    [Theory]
    [InlineData("{ dog { name } }", 2, 2)]
    [InlineData("{ dog { mother { name } } }", 3, 3)]
    [InlineData("{ dog { ...F } } fragment F on Dog { mother { ... on Dog { name } } }", 3, 3)]
    [InlineData("{ __schema { types { fields { name } } } dog { __typename } }", 1, 1)]
    public void AcceptsDocumentsWithinLimits(string query, int maxDepth, int maxFields) =>
        Assert.Empty(Validate(query, new DocumentLimitsRule(maxDepth, maxFields)));

    [Fact]
    public void ReportsDepthAtTheFirstFieldTooDeep()
    {
        var errors = Validate("{ dog { mother { mother { name } } } }", new DocumentLimitsRule(3, 100));
        var e = Assert.Single(errors);
        Assert.Equal(ErrorCodes.DepthLimitExceeded, e.Code);
        Assert.Equal("1:27", Format(errors));
    }

    [Fact]
    public void DepthCountsThroughFragments()
    {
        var errors = Validate("query Q { dog { ...F } } fragment F on Dog { mother { ...G } } fragment G on Dog { mother { name } }", new DocumentLimitsRule(3, 100));
        Assert.Equal(ErrorCodes.DepthLimitExceeded, Assert.Single(errors).Code);
        Assert.StartsWith("Operation \"Q\" exceeds the maximum depth of 3", errors[0].Message);
    }

    [Fact]
    public void CountsAliasesAndEachSpreadOfAFragment()
    {
        // 1 (dog) + 3 spreads x 2 fields = 7
        const string query = "{ dog { ...F ...F a: mother { name } } } fragment F on Dog { n1: name n2: name }";
        Assert.Empty(Validate(query, new DocumentLimitsRule(10, 8)));
        var errors = Validate(query, new DocumentLimitsRule(10, 6));
        Assert.Equal(ErrorCodes.DocumentLimitExceeded, Assert.Single(errors).Code);
        Assert.Equal("1:1", Format(errors));
    }

    [Fact]
    public void ExponentialFragmentsAreCutOff()
    {
        var sb = new System.Text.StringBuilder("{ dog { ...F0 } }");
        for (var i = 0; i < 40; i++) sb.Append($" fragment F{i} on Dog {{ ...F{i + 1} ...F{i + 1} }}");
        sb.Append(" fragment F40 on Dog { name }");
        var errors = Validate(sb.ToString(), new DocumentLimitsRule(10, 1000));
        Assert.Equal(ErrorCodes.DocumentLimitExceeded, Assert.Single(errors).Code);

        var empty = new System.Text.StringBuilder("{ dog { ...E0 } }");
        for (var i = 0; i < 40; i++) empty.Append($" fragment E{i} on Dog {{ ...E{i + 1} ...E{i + 1} }}");
        empty.Append(" fragment E40 on Dog { __typename }");
        Assert.Equal(ErrorCodes.DocumentLimitExceeded, Assert.Single(Validate(empty.ToString(), new DocumentLimitsRule(10, 1000))).Code);
    }

    [Fact]
    public void FragmentCyclesAreNotExpandedForever()
    {
        Assert.Empty(Validate("{ dog { ...A } } fragment A on Dog { name ...B } fragment B on Dog { name ...A }", new DocumentLimitsRule(10, 10)));
    }

    [Fact]
    public void IntrospectionCanBeCounted()
    {
        Assert.Single(Validate("{ __schema { types { name } } }", new DocumentLimitsRule(2, 10, countIntrospection: true)));
    }
}
