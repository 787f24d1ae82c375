namespace Commissioning.Graph.Engine.Tests.Validation;

using Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.8.5 All Variable Usages Are Allowed. Expected locations come from graphql-js 16.15 (the reference tool).</summary>
public partial class VariablesInAllowedPositionRuleTests
{
    internal const string Sdl = RuleTestHarness.InputValuesSdl;

    public static TheoryData<string, string, string> Cases => new()
    {
        { @"Ok", @"query Q($a: Int, $b: Int!, $c: [Int], $p: Point) { int(v: $a) i2: int(v: $b) nnInt(v: $b) list(v: $c) l2: list(v: [$a, $b]) point(p: $p) }", @"" },
        { @"NullableIntoNonNull", @"query Q($a: Int) { nnInt(v: $a) }", @"1:9,1:29" },
        { @"NullableWithDefaultIntoNonNull", @"query Q($a: Int = 1) { nnInt(v: $a) }", @"" },
        { @"NullableWithNullDefaultIntoNonNull", @"query Q($a: Int = null) { nnInt(v: $a) }", @"1:9,1:36" },
        { @"LocationHasDefault", @"query Q($a: Int) { nnDefault(v: $a) }", @"" },
        { @"WrongType", @"query Q($a: String) { int(v: $a) }", @"1:9,1:30" },
        { @"ListIntoScalar", @"query Q($a: [Int]) { int(v: $a) }", @"1:9,1:29" },
        { @"ScalarIntoList", @"query Q($a: Int) { list(v: $a) }", @"1:9,1:28" },
        { @"NullableItemIntoNonNullList", @"query Q($a: [Int]) { nnList(v: $a) }", @"1:9,1:32" },
        { @"InsideListItem", @"query Q($a: String) { list(v: [1, $a]) }", @"1:9,1:35" },
        { @"InObjectField", @"query Q($a: Int) { point(p: {x: $a, y: 1}) }", @"1:9,1:33" },
        { @"ThroughFragments", @"query Q($a: Int, $s: String) { ...F } fragment F on Query { nnInt(v: $a) ...G } fragment G on Query { int(v: $s) }", @"1:9,1:70 | 1:18,1:110" },
        { @"TwoOperations", @"query A($a: Int) { ...F } query B($a: Int!) { ...F } fragment F on Query { nnInt(v: $a) }", @"1:9,1:85" },
        { @"OneOfNullable", @"query Q($a: Int) { oneOf(o: {a: $a}) }", @"1:9,1:33" },
        { @"OneOfNonNull", @"query Q($a: Int!) { oneOf(o: {a: $a}) }", @"" },
        { @"DirectiveArg", @"query Q($b: Boolean) { int @include(if: $b) }", @"1:9,1:41" },
        { @"CustomDirective", @"query Q($b: Int) @need(arg: $b) { int }", @"1:9,1:29" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReference(string name, string query, string expected)
    {
        _ = name;
        Assert.Equal(expected, RuleTestHarness.Run(new VariablesInAllowedPositionRule(), Sdl, query));
    }
}
