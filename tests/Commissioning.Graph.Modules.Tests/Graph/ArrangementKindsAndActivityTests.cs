using Xunit.Abstractions;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>Arrangement kinds, providers and contract activity by responsible commissioner in the Commissioning module: a
/// deep query over them issues as many SQL statements at the demonstration scale as at ten times it.</summary>
public sealed class ArrangementKindsAndActivityTests(ITestOutputHelper output)
{
    // Every consortium (they grow with the scale), the arrangements each takes part in, their kinds, providers and
    // contracts, and each contract's monthly activity by responsible commissioner.
    private const string Deep = """
        { consortia(first: 50) { nodes { code leadCommissioningArrangements { code kind lead { code } providers { code name }
            contracts { code activity(year: "2013-14") { month totalActivity totalCost byCommissioner { commissionerCode activity cost } } } } } } }
        """;

    [Fact]
    public async Task A_deep_query_over_arrangement_kinds_providers_and_contract_activity_issues_the_same_statements_at_demo_scale_and_ten_times_it()
    {
        var counts = new List<int>();
        var shapes = new List<HashSet<string>>();
        foreach (var scale in new[] { 1, 10 })
        {
            await using var host = await CommissioningGraphHost.StartAsync(scale);
            var before = host.StatementCount;
            var skip = host.StatementTexts.Count;
            var data = await host.DataAsync(Deep);
            counts.Add(host.StatementCount - before);
            shapes.Add(StatementShapes.Of(host.StatementTexts.Skip(skip)));
            var consortia = data.GetProperty("consortia").GetProperty("nodes").EnumerateArray().ToList();
            Assert.Equal(3 * scale, consortia.Count);
            // 01A and 02B take part in both arrangements, 03C in LCA-ACUTE-RNV: five arrangements listed, and CT-01A-RNV's six
            // months of activity under LCA-ACUTE-RNV for each of its three parties (18), whatever the scale.
            var arrangements = consortia.SelectMany(c => c.GetProperty("leadCommissioningArrangements").EnumerateArray()).ToList();
            Assert.Equal(5, arrangements.Count);
            Assert.Equal(18, arrangements.SelectMany(a => a.GetProperty("contracts").EnumerateArray()).Sum(c => c.GetProperty("activity").GetArrayLength()));
            Assert.Contains(arrangements, a => a.GetProperty("kind").GetString() == "NHSCB_ON_BEHALF" && a.GetProperty("lead").ValueKind == System.Text.Json.JsonValueKind.Null);
        }
        output.WriteLine($"Deep query over arrangement kinds, providers and contract activity: {counts[0]} SQL statements at scale 1, {counts[1]} at scale 10.");
        // The same statements at both scales, by shape (consortia; their arrangements; the contracts; their providers; the
        // contracts' activity).
        StatementShapes.AssertSame(counts.Zip(shapes).ToList());
    }

}
