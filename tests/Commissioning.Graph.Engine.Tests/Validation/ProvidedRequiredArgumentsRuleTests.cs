namespace Commissioning.Graph.Engine.Tests.Validation;

using Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.4.2.1 Required Arguments (fields and directives). Expected locations come from graphql-js 16.15 (the reference tool).</summary>
public partial class ProvidedRequiredArgumentsRuleTests
{
    internal const string Sdl = RuleTestHarness.InputValuesSdl;

    public static TheoryData<string, string, string> Cases => new()
    {
        { @"Ok", @"{ req(a: 1, b: ""x"") nnDefault int @include(if: true) }", @"" },
        { @"MissingOne", @"{ req(a: 1) }", @"1:3" },
        { @"MissingTwo", @"{ req(d: 1) }", @"1:3 | 1:3" },
        { @"MissingNested", @"{ q { q { req(a: 1) } } }", @"1:11" },
        { @"DirectiveMissing", @"{ int @include }", @"1:7" },
        { @"CustomDirectiveMissing", @"query Q @need { int @need(opt: 2) }", @"1:9 | 1:21" },
        { @"UnknownFieldIgnored", @"{ int }", @"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReference(string name, string query, string expected)
    {
        _ = name;
        Assert.Equal(expected, RuleTestHarness.Run(new ProvidedRequiredArgumentsRule(), Sdl, query));
    }
}
