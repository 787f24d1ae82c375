using System.Text.Json;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>The local-government module's queries over the seeded demonstration data.</summary>
public sealed class LocalGovernmentGraphTests
{
    [Fact]
    public async Task The_Northvale_board_jsna_lists_each_member_consortium_contribution_with_its_indicators()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var response = await host.ExecuteAsync("""
            { healthAndWellbeingBoard(code: "HWB-E10000001") {
                code name kind localAuthority { code name directorOfPublicHealth }
                members { kind name consortium { code } }
                jsna(year: "2013-14") { year title board { code }
                  contributions { id topic status rowVersion consortium { code name } indicators { name numerator denominator } } } } }
            """);
        response.AssertNoErrors();
        var board = response.Data("healthAndWellbeingBoard");
        Assert.Equal("HEALTH_AND_WELLBEING_BOARD", board.Str("kind"));
        Assert.Equal("Northvale County Council", board.GetProperty("localAuthority").Str("name"));
        var consortiumSeats = board.GetProperty("members").EnumerateArray().Where(m => m.Str("kind") == "CONSORTIUM")
            .Select(m => m.GetProperty("consortium").Str("code")).Order().ToList();
        Assert.Equal(["01A", "02B"], consortiumSeats);

        var jsna = board.GetProperty("jsna");
        Assert.Equal("HWB-E10000001", jsna.GetProperty("board").Str("code"));
        var contributions = jsna.GetProperty("contributions").EnumerateArray().ToList();
        Assert.Equal([("01A", "Diabetes", "ACCEPTED"), ("02B", "Childhood obesity", "SUBMITTED"), ("02B", "Self-harm in young people", "DRAFT")],
            contributions.Select(c => (c.GetProperty("consortium").Str("code"), c.Str("topic"), c.Str("status"))));
        var selfHarm = contributions[2].GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(6, selfHarm.Single(i => i.Str("name").Contains("10–14")).GetProperty("numerator").GetInt32());
        Assert.All(contributions, c => Assert.True(c.GetProperty("rowVersion").GetInt32() >= 1));
    }

    [Fact]
    public async Task The_Northvale_learning_disabilities_pool_shows_its_host_partners_and_contributions()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var response = await host.ExecuteAsync("""
            { pooledBudget(code: "POOL-LD-NV") {
                code name scope riskShare
                host { __typename code name kind }
                partners { code kind riskSharePercent organisation { __typename code name } }
                contributions(year: "2013-14") { partnerCode year amount partner { __typename code } }
                expenditure { year month serviceArea amount } } }
            """);
        response.AssertNoErrors();
        var pool = response.Data("pooledBudget");
        var hostOrg = pool.GetProperty("host");
        Assert.Equal(("LocalAuthority", "E10000001", "LOCAL_AUTHORITY"), (hostOrg.Str("__typename"), hostOrg.Str("code"), hostOrg.Str("kind")));
        Assert.Equal([("01A", "CONSORTIUM", "Consortium"), ("02B", "CONSORTIUM", "Consortium"), ("E10000001", "LOCAL_AUTHORITY", "LocalAuthority")],
            pool.GetProperty("partners").EnumerateArray().Select(p => (p.Str("code"), p.Str("kind"), p.GetProperty("organisation").Str("__typename"))));
        Assert.Equal([("01A", "8600000.00"), ("02B", "5400000.00"), ("E10000001", "14200000.00")],
            pool.GetProperty("contributions").EnumerateArray().Select(c => (c.Str("partnerCode"), c.Str("amount"))));
        Assert.Equal(18, pool.GetProperty("expenditure").GetArrayLength()); // six months, three service areas
    }

    [Fact]
    public async Task A_consortium_lists_the_boards_it_sits_on_and_the_pools_it_shares()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var response = await host.ExecuteAsync("""
            { healthAndWellbeingBoards { code members { consortium { code healthAndWellbeingBoards { code } pooledBudgets { code } } } } }
            """);
        response.AssertNoErrors();
        var consortia = response.Data("healthAndWellbeingBoards").EnumerateArray()
            .SelectMany(b => b.GetProperty("members").EnumerateArray())
            .Select(m => m.GetProperty("consortium")).Where(c => c.ValueKind == JsonValueKind.Object)
            .DistinctBy(c => c.Str("code")).ToDictionary(c => c.Str("code"));
        Assert.Equal(["HWB-E06000002", "HWB-E10000001"], consortia["02B"].GetProperty("healthAndWellbeingBoards").EnumerateArray().Select(b => b.Str("code")));
        Assert.Equal(["POOL-LD-NV"], consortia["01A"].GetProperty("pooledBudgets").EnumerateArray().Select(b => b.Str("code")));
        Assert.Equal(["POOL-IC-RS"], consortia["03C"].GetProperty("pooledBudgets").EnumerateArray().Select(b => b.Str("code")));
    }

    [Fact]
    public async Task Entity_resolvers_load_local_authorities_boards_pools_and_contributions_by_key()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var module = host.Modules.Single(m => m.Name == "local-government");
        var ctx = new TestResolveContext(host.Services);
        var la = await module.EntityResolvers["LocalAuthority"](new Dictionary<string, object?> { ["__typename"] = "LocalAuthority", ["code"] = "E06000002" }, ctx);
        var pool = module.EntityResolvers["PooledBudget"](new Dictionary<string, object?> { ["code"] = "POOL-IC-RS" }, ctx);
        var missing = module.EntityResolvers["HealthAndWellbeingBoard"](new Dictionary<string, object?> { ["code"] = "HWB-NONE" }, ctx);
        Assert.Equal("Riverside City Council", ((LocalGovernment.LocalAuthority)la!).Name);
        Assert.Equal("03C", ((LocalGovernment.PooledBudget)(await pool)!).HostCode);
        Assert.Null(await missing);
    }

    [Fact]
    public async Task A_deep_query_over_every_board_issues_the_same_number_of_statements_at_ten_times_the_demo_size()
    {
        const string query = """
            { healthAndWellbeingBoards { code localAuthority { name healthAndWellbeingBoard { code } }
                members { kind consortium { code healthAndWellbeingBoards { code } pooledBudgets { code partners { code } } } }
                jsna(year: "2013-14") { board { code } contributions { topic status consortium { code } indicators { name numerator denominator } } } } }
            """;
        IReadOnlyList<string> texts;
        int atDemoSize, atTenTimes, contributionsAtTenTimes;
        await using (var host = await ModuleGraphHost.CreateAsync(scale: 1))
        {
            // A first, JIT-cold run: dispatch does not depend on timing, so it batches like any other.
            host.ResetStatements();
            (await host.ExecuteAsync(query)).AssertNoErrors();
            atDemoSize = host.Statements;
            texts = host.StatementTexts;
        }
        await using (var host = await ModuleGraphHost.CreateAsync(scale: 10))
        {
            var response = await host.ExecuteAsync(query);
            response.AssertNoErrors();
            atTenTimes = host.Statements;
            contributionsAtTenTimes = response.Data("healthAndWellbeingBoards").EnumerateArray()
                .Sum(b => b.GetProperty("jsna").GetProperty("contributions").GetArrayLength());
        }
        Assert.True(contributionsAtTenTimes > 30, $"scale 10 should have many contributions, had {contributionsAtTenTimes}");
        // One batch per level of relation, whatever the number of rows: boards, authorities, members (the board's own
        // seats, and from the directory its consortium members and their names), consortium→boards (directory facts),
        // consortium→pools, pool partners, JSNAs, contributions, indicators (11).
        // The executor dispatches a level's loads once every resolver of the level waits, so the count
        // is exact, and the same at both sizes (one statement per consortium would be 30 at ten times).
        const int levels = 11;
        Assert.True(atDemoSize == levels, $"demo size issued {atDemoSize} statements:\n{string.Join("\n", texts)}");
        Assert.Equal(atDemoSize, atTenTimes);
        Console.WriteLine($"Deep query over every board: {atDemoSize} statements at the demo size, {atTenTimes} at ten times ({contributionsAtTenTimes} contributions).");
    }
}
