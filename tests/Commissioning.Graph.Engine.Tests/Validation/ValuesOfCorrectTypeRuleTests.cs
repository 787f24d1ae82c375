namespace Commissioning.Graph.Engine.Tests.Validation;

using Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.6.1 Values of Correct Type: literals against input types. Expected locations come from graphql-js 16.15 (the reference tool).</summary>
public partial class ValuesOfCorrectTypeRuleTests
{
    internal const string Sdl = RuleTestHarness.InputValuesSdl;

    public static TheoryData<string, string, string> Cases => new()
    {
        { @"IntValid", @"{ int(v: 1) float(v: 1) str(v: ""a"") bool(v: true) id(v: 1) id2: id(v: ""x"") color(v: RED) }", @"" },
        { @"IntFromString", @"{ int(v: ""1"") }", @"1:10" },
        { @"IntFromFloat", @"{ int(v: 1.5) }", @"1:10" },
        { @"IntTooBig", @"{ int(v: 2147483648) }", @"1:10" },
        { @"FloatFromString", @"{ float(v: ""1.0"") }", @"1:12" },
        { @"StringFromInt", @"{ str(v: 1) }", @"1:10" },
        { @"BoolFromInt", @"{ bool(v: 1) }", @"1:11" },
        { @"IdFromFloat", @"{ id(v: 1.0) }", @"1:9" },
        { @"IdFromBool", @"{ id(v: true) }", @"1:9" },
        { @"EnumFromString", @"{ color(v: ""RED"") }", @"1:12" },
        { @"EnumUnknown", @"{ color(v: PURPLE) }", @"1:12" },
        { @"EnumFromInt", @"{ color(v: 1) }", @"1:12" },
        { @"EnumCaseWrong", @"{ color(v: red) }", @"1:12" },
        { @"NullIntoNonNull", @"{ nnInt(v: null) }", @"1:12" },
        { @"NullIntoNullable", @"{ int(v: null) }", @"" },
        { @"ListOk", @"{ list(v: [1, 2, null]) l2: list(v: 1) nnList(v: [1]) l3: nnList(v: 1) }", @"" },
        { @"ListBadItems", @"{ list(v: [1, ""a"", 2.5]) }", @"1:15 | 1:20" },
        { @"NonNullListNullItem", @"{ nnList(v: [1, null]) }", @"1:17" },
        { @"ListIntoScalar", @"{ int(v: [1, 2]) }", @"1:10" },
        { @"ObjectIntoScalar", @"{ int(v: {a: 1}) }", @"1:10" },
        { @"ObjectIntoList", @"{ list(v: {a: 1}) }", @"1:11" },
        { @"ScalarIntoObject", @"{ point(p: 1) }", @"1:12" },
        { @"ListIntoObject", @"{ point(p: [1]) }", @"1:12" },
        { @"InputObjectOk", @"{ point(p: {x: 1, y: 2}) }", @"" },
        { @"InputObjectMissingRequired", @"{ point(p: {x: 1}) }", @"1:12" },
        { @"InputObjectMissingBoth", @"{ point(p: {label: ""a""}) }", @"1:12 | 1:12" },
        { @"InputObjectUnknownField", @"{ point(p: {x: 1, y: 2, z: 3}) }", @"1:25" },
        { @"InputObjectBadFieldValue", @"{ point(p: {x: ""a"", y: null}) }", @"1:16 | 1:24" },
        { @"NestedObjects", @"{ nested(n: {p: {x: 1}, list: [{x: 1, y: 1}, {y: 1}, null], color: ""RED""}) }", @"1:17 | 1:46 | 1:54 | 1:68" },
        { @"OneOfOk", @"{ oneOf(o: {a: 1}) }", @"" },
        { @"OneOfTwoKeys", @"{ oneOf(o: {a: 1, b: ""x""}) }", @"1:12" },
        { @"OneOfNoKey", @"{ oneOf(o: {}) }", @"1:12" },
        { @"OneOfNull", @"{ oneOf(o: {a: null}) }", @"1:12" },
        { @"CustomAcceptsAnything", @"{ custom(c: {a: [1, ""x"", null]}) c2: custom(c: RED) c3: custom(c: null) }", @"" },
        { @"DirectiveArgs", @"{ int(v: 1) @include(if: ""yes"") }", @"1:26" },
        { @"VariableDefault", @"query Q($a: Int = ""x"", $b: Point = {x: 1}, $c: [Color] = [RED, ""BLUE""]) { int(v: $a) point(p: $b) color(v: RED) l: list(v: [1]) c: color(v: GREEN) x: str(v: """") xx: id(v: 1) z: nested(n: {color: RED}) zz: q { int } lc: custom(c: $c) }", @"1:19 | 1:36 | 1:64" },
        { @"NestedListOfList", @"{ list(v: [[1]]) }", @"1:12" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReference(string name, string query, string expected)
    {
        _ = name;
        Assert.Equal(expected, RuleTestHarness.Run(new ValuesOfCorrectTypeRule(), Sdl, query));
    }
}
