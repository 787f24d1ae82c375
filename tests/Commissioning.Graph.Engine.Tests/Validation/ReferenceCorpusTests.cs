using System.Text.Json;
using Commissioning.Graph.Engine.Validation;

namespace Commissioning.Graph.Engine.Tests.Validation;

/// <summary>
/// All specified rules together, on every document of Generated/reference-cases.json: the number of errors and the
/// multiset of their location lists agree with graphql-js 16. Cases where graphql-js also reports errors of
/// rules owned elsewhere are included once those rules exist (<c>onlyValidationARules</c> false).
/// </summary>
public class ReferenceCorpusTests : ValidationTestBase
{
    private sealed record Case(string Rule, string Query, string? Schema, bool OnlyValidationARules, List<Err> Errors);
    private sealed record Err(string Message, List<List<int>> Locations);

    private static readonly List<Case> AllCases = JsonSerializer.Deserialize<List<Case>>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Validation", "Generated", "reference-cases.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    public static TheoryData<int> OwnedCases()
    {
        var d = new TheoryData<int>();
        for (var i = 0; i < AllCases.Count; i++) if (AllCases[i].OnlyValidationARules) d.Add(i);
        return d;
    }

    public static TheoryData<int> OtherCases()
    {
        var d = new TheoryData<int>();
        for (var i = 0; i < AllCases.Count; i++) if (!AllCases[i].OnlyValidationARules) d.Add(i);
        return d;
    }

    [Theory]
    [MemberData(nameof(OwnedCases))]
    public void AllRulesAgreeWithReference(int index) => Check(AllCases[index]);

    [Theory(Skip = "Needs validation-b's rules (ValuesOfCorrectType, ProvidedRequiredArguments, ...); enable once merged.")]
    [MemberData(nameof(OtherCases))]
    public void AllRulesAgreeWithReferenceIncludingOtherRules(int index) => Check(AllCases[index]);

    private static void Check(Case c)
    {
        var errors = Validate(c.Query, null, c.Schema);
        var expected = c.Errors.Select(e => string.Join(",", e.Locations.Select(l => $"{l[0]}:{l[1]}"))).OrderBy(s => s, StringComparer.Ordinal).ToList();
        var actual = errors.Select(e => string.Join(",", (e.Locations ?? Array.Empty<ErrorLocation>()).Select(l => $"{l.Line}:{l.Column}"))).OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"{c.Rule}: {c.Query}\nexpected: {string.Join(" | ", c.Errors.Select(e => e.Message))}\nactual:   {string.Join(" | ", errors.Select(e => e.ToString()))}");
    }
}
