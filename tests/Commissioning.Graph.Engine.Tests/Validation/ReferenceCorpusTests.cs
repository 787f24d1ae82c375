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

    [Theory]
    [MemberData(nameof(OtherCases))]
    public void AllRulesAgreeWithReferenceIncludingOtherRules(int index) => Check(AllCases[index]);

    private static bool IsExecutionError(string message) =>
        message.StartsWith("Must provide operation name", StringComparison.Ordinal)
        || message.StartsWith("Schema is not configured to execute", StringComparison.Ordinal);

    private static void Check(Case c)
    {
        var errors = Validate(c.Query, null, c.Schema);
        // The reference's responses also carry errors raised after validation, when it tried to
        // execute a valid document; those are the executor's business, not validation's.
        var expected = c.Errors.Where(e => !IsExecutionError(e.Message)).Select(e => string.Join(",", e.Locations.Select(l => $"{l[0]}:{l[1]}"))).OrderBy(s => s, StringComparer.Ordinal).ToList();
        var actual = errors.Select(e => string.Join(",", (e.Locations ?? Array.Empty<ErrorLocation>()).Select(l => $"{l.Line}:{l.Column}"))).OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"{c.Rule}: {c.Query}\nexpected: {string.Join(" | ", c.Errors.Select(e => e.Message))}\nactual:   {string.Join(" | ", errors.Select(e => e.ToString()))}");
    }
}

/// <summary>Messages are not part of the differential comparison, but clients read them: ours match graphql-js's.</summary>
public class ReferenceMessageTests : ValidationTestBase
{
    private sealed record Case(string Rule, string Query, string? Schema, bool OnlyValidationARules, List<Err> Errors);
    private sealed record Err(string Message, List<List<int>> Locations);

    private static readonly List<Case> AllCases = JsonSerializer.Deserialize<List<Case>>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Validation", "Generated", "reference-cases.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    public static TheoryData<int> OwnedCases()
    {
        var d = new TheoryData<int>();
        for (var i = 0; i < AllCases.Count; i++) if (AllCases[i].OnlyValidationARules && AllCases[i].Errors.Count > 0) d.Add(i);
        return d;
    }

    [Theory]
    [MemberData(nameof(OwnedCases))]
    public void MessagesMatchReference(int index)
    {
        var c = AllCases[index];
        var errors = Validate(c.Query, null, c.Schema);
        Assert.Equal(c.Errors.Select(e => e.Message).OrderBy(s => s, StringComparer.Ordinal), errors.Select(e => e.Message).OrderBy(s => s, StringComparer.Ordinal));
    }
}
