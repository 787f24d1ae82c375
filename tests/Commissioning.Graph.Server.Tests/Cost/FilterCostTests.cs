using System.Text.Json;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Server.Cost;

namespace Commissioning.Graph.Server.Tests.Cost;

/// <summary>
/// The price of lists' <c>where</c> and <c>order</c> (README "Cost of filters and sorts"): every case of
/// tests/federation/filter-cost-cases.json — the one description the gateway's limit plugin is checked against too
/// (tests/federation/filter-cost.mjs) — costs exactly what it says, and the hostile ones pass the default cost limit.
/// </summary>
public sealed class FilterCostTests
{
    private static readonly JsonElement Cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "federation", "filter-cost-cases.json"))).RootElement;

    public static IEnumerable<object[]> CaseNames() => Cases.GetProperty("cases").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    private static JsonElement Case(string name) => Cases.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static double CostOf(JsonElement @case)
    {
        var schema = SdlSchemaBuilder.Build(Cases.GetProperty("schema").GetString()!);
        var document = Parser.Parse(@case.GetProperty("query").GetString()!);
        var operation = document.Definitions.OfType<OperationDefinitionNode>().Single();
        var variables = @case.TryGetProperty("variables", out var v) ? (IReadOnlyDictionary<string, object?>)JsonInput.ToValue(v)! : null;
        return CostAnalyzer.Compute(schema, document, operation, variables, Cases.GetProperty("defaultListSize").GetInt32());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_filter_or_sort_costs_what_the_shared_description_says(string name)
    {
        var @case = Case(name);
        Assert.Equal(@case.GetProperty("cost").GetDouble(), CostOf(@case));
    }

    [Fact]
    public void Hostile_filters_pass_the_default_cost_limit()
    {
        var hostile = Cases.GetProperty("cases").EnumerateArray().Where(c => c.GetProperty("name").GetString()!.StartsWith("hostile")).ToList();
        Assert.True(hostile.Count >= 3);
        Assert.Equal((double)new GraphQLServerOptions().MaxCost, Cases.GetProperty("maxCost").GetDouble());
        foreach (var @case in hostile) Assert.True(CostOf(@case) > new GraphQLServerOptions().MaxCost, @case.GetProperty("name").GetString());
    }

    [Fact]
    public void Nesting_doubles_the_price_of_a_condition()
    {
        var costs = Enumerable.Range(0, 6).Select(levels =>
        {
            var where = "{status: {eq: SUBMITTED}}";
            for (var i = 0; i < levels; i++) where = "{or: [" + where + "]}";
            var schema = SdlSchemaBuilder.Build(Cases.GetProperty("schema").GetString()!);
            var document = Parser.Parse("{ returns(where: " + where + ") { totalCount } }");
            return CostAnalyzer.Compute(schema, document, document.Definitions.OfType<OperationDefinitionNode>().Single(), null, 10) - 1;
        }).ToList();
        Assert.Equal(new double[] { 1, 2, 4, 8, 16, 32 }, costs);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Commissioning.Graph.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Commissioning.Graph.sln not found above the test directory.");
    }
}
