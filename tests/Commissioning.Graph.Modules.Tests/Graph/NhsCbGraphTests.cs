using System.Text.Json;
using Commissioning.Graph.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>The nhs-cb module: allocations, assurance and interventions on consortia, the allocation lookup, recordAllocation.</summary>
public sealed class NhsCbGraphTests
{
    private const string Record = """
        mutation($input: RecordAllocationInput!) { recordAllocation(input: $input) {
          allocation { year programmeBudget runningCostsAllowance totalAllocation rowVersion consortium { code } }
          userErrors { message path code } } }
        """;

    [Fact]
    public async Task Each_demo_consortium_has_its_allocation_assurance_and_interventions_for_2013_14()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var response = await host.ExecuteAsync("""
            { nhsCommissioningBoard { code name kind }
              allocations(year: "2013-14") { year programmeBudget runningCostsAllowance revenueResourceLimit capitalResourceLimit totalAllocation
                consortium { code allocation(year: "2013-14") { revenueResourceLimit } assurance(year: "2013-14") { rating assessedOn }
                  interventions { kind active startedOn } } } }
            """);
        response.AssertNoErrors();
        Assert.Equal(("X24", "NHS_COMMISSIONING_BOARD"), (response.Data("nhsCommissioningBoard").Str("code"), response.Data("nhsCommissioningBoard").Str("kind")));
        var allocations = response.Data("allocations").EnumerateArray().ToList();
        Assert.Equal(["01A", "02B", "03C"], allocations.Select(a => a.GetProperty("consortium").Str("code")));
        var first = allocations[0];
        Assert.Equal(("418600000.00", "7900000.00", "426500000.00", "1500000.00"),
            (first.Str("programmeBudget"), first.Str("runningCostsAllowance"), first.Str("revenueResourceLimit"), first.Str("capitalResourceLimit")));
        Assert.Equal("426500000.00", first.Str("totalAllocation"));
        Assert.All(allocations, a => Assert.Equal(a.Str("revenueResourceLimit"), a.GetProperty("consortium").GetProperty("allocation").Str("revenueResourceLimit")));
        var riverside = allocations[2].GetProperty("consortium");
        Assert.Equal("PARTIALLY_ASSURED", riverside.GetProperty("assurance").Str("rating"));
        Assert.Equal([("IMPROVEMENT_SUPPORT", true)], riverside.GetProperty("interventions").EnumerateArray().Select(i => (i.Str("kind"), i.GetProperty("active").GetBoolean())));
        Assert.Equal(0, allocations[0].GetProperty("consortium").GetProperty("interventions").GetArrayLength());
    }

    [Fact]
    public async Task The_allocation_lookup_answers_many_consortia_in_one_statement()
    {
        await using var host = await ModuleGraphHost.CreateAsync(scale: 3);
        var lookup = host.Services.GetRequiredService<IAllocationLookup>();
        host.ResetStatements();
        var figures = await lookup.GetAllocationsAsync([new("01A", "2013-14"), new("03C", "2013-14"), new("05E", "2013-14"), new("01A", "2014-15")]);
        Assert.Equal(1, host.Statements);
        Assert.Equal(3, figures.Count);
        Assert.False(figures.ContainsKey(new("01A", "2014-15")));
        var northvale = figures[new("01A", "2013-14")];
        Assert.Equal((418_600_000m, 7_900_000m, 426_500_000m), (northvale.ProgrammeBudget, northvale.RunningCostsAllowance, northvale.TotalAllocation));
    }

    [Fact]
    public async Task The_board_records_an_allocation_then_revises_it_at_the_version_it_read()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        object Input(string code, string year, string programme, int? expected = null) => new
        {
            input = new { consortiumCode = code, year, programmeBudget = programme, runningCostsAllowance = "8000000.00", revenueResourceLimit = "440000000.00", capitalResourceLimit = "1500000.00", expectedRowVersion = expected },
        };

        var created = (await host.ExecuteAsync(Record, Input("01A", "2014-15", "430000000.00"))).Data("recordAllocation");
        Assert.Empty(created.UserErrors());
        Assert.Equal(("438000000.00", 1), (created.GetProperty("allocation").Str("totalAllocation"), created.GetProperty("allocation").GetProperty("rowVersion").GetInt32()));

        Assert.Equal([("REQUIRED", "input.expectedRowVersion")], (await host.ExecuteAsync(Record, Input("01A", "2014-15", "431000000.00"))).Data("recordAllocation").UserErrors());
        var revised = (await host.ExecuteAsync(Record, Input("01A", "2014-15", "431000000.00", 1))).Data("recordAllocation");
        Assert.Empty(revised.UserErrors());
        Assert.Equal(("431000000.00", 2), (revised.GetProperty("allocation").Str("programmeBudget"), revised.GetProperty("allocation").GetProperty("rowVersion").GetInt32()));
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")], (await host.ExecuteAsync(Record, Input("01A", "2014-15", "432000000.00", 1))).Data("recordAllocation").UserErrors());
    }

    [Fact]
    public async Task Recording_an_allocation_refuses_negative_figures_and_badly_written_years()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var payload = (await host.ExecuteAsync(Record, new
        {
            input = new { consortiumCode = "02B", year = "2014", programmeBudget = "-1.00", runningCostsAllowance = "0", revenueResourceLimit = "1.00", capitalResourceLimit = "-0.01" },
        })).Data("recordAllocation");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("allocation").ValueKind);
        Assert.Equal([("INVALID", "input.year"), ("INVALID", "input.programmeBudget"), ("INVALID", "input.capitalResourceLimit")], payload.UserErrors());
    }

    [Fact]
    public async Task Entity_resolvers_load_the_board_and_stand_in_for_consortia_by_key()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var module = host.Modules.Single(m => m.Name == "nhs-cb");
        var ctx = new TestResolveContext(host.Services);
        var board = await module.EntityResolvers["NhsCommissioningBoard"](new Dictionary<string, object?> { ["code"] = "X24" }, ctx);
        Assert.Equal("NHS Commissioning Board", ((NhsCb.NhsCommissioningBoard)board!).Name);
        Assert.Equal(new EntityReference("Consortium", "02B"), await module.EntityResolvers["Consortium"](new Dictionary<string, object?> { ["code"] = "02B" }, ctx));
    }
}
