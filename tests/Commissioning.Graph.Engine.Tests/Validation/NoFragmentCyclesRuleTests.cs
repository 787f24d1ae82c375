namespace Commissioning.Graph.Engine.Tests.Validation;

using Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.5.2.2 Fragment Spreads Must Not Form Cycles. Expected locations come from graphql-js 16.15 (the reference tool).</summary>
public partial class NoFragmentCyclesRuleTests
{
    internal const string Sdl = RuleTestHarness.InputValuesSdl;

    public static TheoryData<string, string, string> Cases => new()
    {
        { @"NoCycle", @"{ ...A } fragment A on Query { ...B } fragment B on Query { int }", @"" },
        { @"SelfCycle", @"{ ...A } fragment A on Query { ...A }", @"1:32" },
        { @"SelfCycleNested", @"{ ...A } fragment A on Query { q { ...A } }", @"1:36" },
        { @"TwoCycle", @"{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }", @"1:32,1:61" },
        { @"ThreeCycle", @"{ ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A }", @"1:32,1:61,1:90" },
        { @"CycleReachedLater", @"{ ...X } fragment X on Query { ...Y } fragment Y on Query { ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A }", @"1:90,1:119,1:148" },
        { @"MultipleCycles", @"{ ...A } fragment A on Query { ...B ...C } fragment B on Query { ...A } fragment C on Query { ...A ...B }", @"1:32,1:66 | 1:37,1:95" },
        { @"SpreadsInInlineAndFields", @"{ ...A } fragment A on Query { q { ...B } ... on Query { ...C } } fragment B on Query { int } fragment C on Query { q { ...A } }", @"1:58,1:121" },
        { @"Diamond", @"{ ...A } fragment A on Query { ...B ...C } fragment B on Query { ...D } fragment C on Query { ...D } fragment D on Query { ...A }", @"1:32,1:66,1:124" },
        { @"UnknownFragmentInChain", @"{ ...A } fragment A on Query { ...B int } fragment B on Query { ...A }", @"1:32,1:65" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReference(string name, string query, string expected)
    {
        _ = name;
        Assert.Equal(expected, RuleTestHarness.Run(new NoFragmentCyclesRule(), Sdl, query));
    }
}

public partial class NoFragmentCyclesRuleTests
{
    [Fact]
    public void TenThousandFragmentChainWithCycleDoesNotOverflow()
    {
        var sb = new System.Text.StringBuilder("{ ...F0 } ");
        const int n = 10_000;
        for (int i = 0; i < n; i++) sb.Append($"fragment F{i} on Query {{ ...F{i + 1} }} ");
        sb.Append($"fragment F{n} on Query {{ ...F0 }}");
        var errors = RuleTestHarness.Validate(new NoFragmentCyclesRule(), Sdl, sb.ToString());
        var error = Assert.Single(errors);
        Assert.Equal(n + 1, error.Locations!.Count);
    }
}
