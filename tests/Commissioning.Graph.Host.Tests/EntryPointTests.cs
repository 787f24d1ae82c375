using System.Text.Json;
using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Host.Tests;

/// <summary>
/// Every entry point of DOMAIN.md over the real composed graph (<c>serve</c> in one process, the demonstration
/// data), including the references from one module's types to another's; on SQLite, and on PostgreSQL when configured.
/// </summary>
public sealed class EntryPointTests(DemoGraphServers servers) : IClassFixture<DemoGraphServers>
{
    private static string[] Codes(JsonElement list, string field = "code") =>
        list.EnumerateArray().Select(e => e.GetProperty(field).GetString()!).ToArray();

    [Theory]
    [OnEveryProvider("X24", "NhsCommissioningBoard", "NHS Commissioning Board", "NHS_COMMISSIONING_BOARD")]
    [OnEveryProvider("E10000001", "LocalAuthority", "Northvale County Council", "LOCAL_AUTHORITY")]
    [OnEveryProvider("E06000002", "LocalAuthority", "Riverside City Council", "LOCAL_AUTHORITY")]
    [OnEveryProvider("HWB-E10000001", "HealthAndWellbeingBoard", "Northvale Health and Wellbeing Board", "HEALTH_AND_WELLBEING_BOARD")]
    [OnEveryProvider("HWB-E06000002", "HealthAndWellbeingBoard", "Riverside Health and Wellbeing Board", "HEALTH_AND_WELLBEING_BOARD")]
    [OnEveryProvider("01A", "Consortium", "Northvale North Commissioning Consortium", "CONSORTIUM")]
    [OnEveryProvider("02B", "Consortium", "Northvale South Commissioning Consortium", "CONSORTIUM")]
    [OnEveryProvider("03C", "Consortium", "Riverside Commissioning Consortium", "CONSORTIUM")]
    [OnEveryProvider("RNV", "Provider", "Northvale Hospitals NHS Foundation Trust", "PROVIDER")]
    [OnEveryProvider("RRC", "Provider", "Riverside Community Health NHS Trust", "PROVIDER")]
    [OnEveryProvider("NQ1", "Provider", "Vale Diagnostics Ltd", "PROVIDER")]
    public async Task Organisation_by_code_returns_the_concrete_type_of_every_demo_body(DatabaseProvider provider, string code, string typename, string name, string kind)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync($$"""{ organisation(code: "{{code}}") { __typename code name kind } }""");

        var organisation = data.GetProperty("organisation");
        Assert.Equal(typename, organisation.GetProperty("__typename").GetString());
        Assert.Equal(code, organisation.GetProperty("code").GetString());
        Assert.Equal(name, organisation.GetProperty("name").GetString());
        Assert.Equal(kind, organisation.GetProperty("kind").GetString());
    }

    [Theory]
    [OnEveryProvider("A01001")]
    [OnEveryProvider("A02004")]
    [OnEveryProvider("A03002")]
    public async Task Organisation_by_code_finds_gp_practices(DatabaseProvider provider, string code)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync($$"""{ organisation(code: "{{code}}") { __typename code kind ... on GpPractice { consortium { code } } } }""");

        var organisation = data.GetProperty("organisation");
        Assert.Equal("GpPractice", organisation.GetProperty("__typename").GetString());
        Assert.Equal(code, organisation.GetProperty("code").GetString());
        Assert.Equal("GP_PRACTICE", organisation.GetProperty("kind").GetString());
        Assert.Equal("0" + code[2] + (char)('A' + code[2] - '1'), organisation.GetProperty("consortium").GetProperty("code").GetString());
    }

    [Theory, OnEveryProvider]
    public async Task Organisation_by_an_unknown_code_is_null(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""{ organisation(code: "ZZZ") { code } }""");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("organisation").ValueKind);
    }

    [Theory, OnEveryProvider]
    public async Task Organisations_of_kind_consortium_are_the_three_demo_consortia(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""
            { organisations(kind: CONSORTIUM) { totalCount nodes { __typename code name } edges { node { code } }
                pageInfo { hasNextPage hasPreviousPage } } }
            """);

        var connection = data.GetProperty("organisations");
        Assert.Equal(["01A", "02B", "03C"], Codes(connection.GetProperty("nodes")));
        Assert.All(connection.GetProperty("nodes").EnumerateArray(), n => Assert.Equal("Consortium", n.GetProperty("__typename").GetString()));
        Assert.Equal(["01A", "02B", "03C"], connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("code").GetString()));
        Assert.Equal(3, connection.GetProperty("totalCount").GetInt32());
        Assert.False(connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(connection.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
    }

    [Theory]
    [OnEveryProvider("LOCAL_AUTHORITY", "LocalAuthority", new[] { "E06000002", "E10000001" })]
    [OnEveryProvider("HEALTH_AND_WELLBEING_BOARD", "HealthAndWellbeingBoard", new[] { "HWB-E06000002", "HWB-E10000001" })]
    [OnEveryProvider("NHS_COMMISSIONING_BOARD", "NhsCommissioningBoard", new[] { "X24" })]
    [OnEveryProvider("PROVIDER", "Provider", new[] { "NQ1", "RNV", "RRC" })]
    // Known to the directory alone (it owns the type).
    [OnEveryProvider("COMMISSIONING_SUPPORT", "CommissioningSupportOrganisation", new[] { "CSU-NV" })]
    public async Task Organisations_of_one_kind_come_from_the_module_that_owns_them(DatabaseProvider provider, string kind, string typename, string[] codes)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync($$"""{ organisations(kind: {{kind}}) { totalCount nodes { __typename code kind } } }""");

        var nodes = data.GetProperty("organisations").GetProperty("nodes");
        Assert.Equal(codes, Codes(nodes));
        Assert.All(nodes.EnumerateArray(), n =>
        {
            Assert.Equal(typename, n.GetProperty("__typename").GetString());
            Assert.Equal(kind, n.GetProperty("kind").GetString());
        });
        Assert.Equal(codes.Length, data.GetProperty("organisations").GetProperty("totalCount").GetInt32());
    }

    [Theory, OnEveryProvider]
    public async Task Organisations_of_kind_gp_practice_are_the_twelve_demo_practices(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""{ organisations(kind: GP_PRACTICE, first: 100) { totalCount nodes { code } } }""");

        var expected = new[] { "A01", "A02", "A03" }.SelectMany(p => Enumerable.Range(1, 4).Select(i => $"{p}00{i}")).ToArray();
        Assert.Equal(expected, Codes(data.GetProperty("organisations").GetProperty("nodes")));
        Assert.Equal(12, data.GetProperty("organisations").GetProperty("totalCount").GetInt32());
    }

    [Theory, OnEveryProvider]
    public async Task Organisations_page_by_code_across_every_module(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var all = await server.DataAsync("""{ organisations(first: 100) { totalCount nodes { __typename code } } }""");
        var everything = Codes(all.GetProperty("organisations").GetProperty("nodes"));
        Assert.Equal(everything.Order(StringComparer.Ordinal), everything);
        Assert.Equal(everything.Length, all.GetProperty("organisations").GetProperty("totalCount").GetInt32());
        foreach (var code in new[] { "X24", "E10000001", "E06000002", "HWB-E10000001", "01A", "02B", "03C", "A01001", "RNV", "RRC", "NQ1", "CSU-NV" })
            Assert.Contains(code, everything);
        Assert.Equal(7, all.GetProperty("organisations").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("__typename").GetString()).Distinct().Count());

        // Walk the whole list five at a time: every page in order, pageInfo and totalCount right on each.
        var walked = new List<string>();
        string? after = null;
        for (var page = 0; ; page++)
        {
            var data = await server.DataAsync("""
                query($after: String) { organisations(first: 5, after: $after) {
                  totalCount edges { cursor node { code } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
                """, variables: new { after });
            var connection = data.GetProperty("organisations");
            var edges = connection.GetProperty("edges").EnumerateArray().ToList();
            var pageInfo = connection.GetProperty("pageInfo");
            Assert.Equal(everything.Length, connection.GetProperty("totalCount").GetInt32());
            Assert.Equal(page > 0, pageInfo.GetProperty("hasPreviousPage").GetBoolean());
            Assert.Equal(edges[0].GetProperty("cursor").GetString(), pageInfo.GetProperty("startCursor").GetString());
            Assert.Equal(edges[^1].GetProperty("cursor").GetString(), pageInfo.GetProperty("endCursor").GetString());
            walked.AddRange(edges.Select(e => e.GetProperty("node").GetProperty("code").GetString()!));
            Assert.Equal(walked.Count < everything.Length, pageInfo.GetProperty("hasNextPage").GetBoolean());
            if (!pageInfo.GetProperty("hasNextPage").GetBoolean()) break;
            Assert.Equal(5, edges.Count);
            after = pageInfo.GetProperty("endCursor").GetString();
        }
        Assert.Equal(everything, walked);
    }

    [Theory, OnEveryProvider]
    public async Task Organisations_of_one_kind_page_with_first_and_after(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var first = await server.DataAsync("""{ organisations(kind: CONSORTIUM, first: 2) { totalCount nodes { code } pageInfo { hasNextPage endCursor } } }""");
        var page1 = first.GetProperty("organisations");
        Assert.Equal(["01A", "02B"], Codes(page1.GetProperty("nodes")));
        Assert.True(page1.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(3, page1.GetProperty("totalCount").GetInt32());

        var second = await server.DataAsync("""
            query($after: String) { organisations(kind: CONSORTIUM, first: 2, after: $after) { totalCount nodes { code } pageInfo { hasNextPage hasPreviousPage } } }
            """, variables: new { after = page1.GetProperty("pageInfo").GetProperty("endCursor").GetString() });
        var page2 = second.GetProperty("organisations");
        Assert.Equal(["03C"], Codes(page2.GetProperty("nodes")));
        Assert.False(page2.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.True(page2.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.Equal(3, page2.GetProperty("totalCount").GetInt32());
    }

    [Theory, OnEveryProvider]
    public async Task Organisations_with_first_zero_count_without_listing(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""{ organisations(kind: PROVIDER, first: 0) { totalCount nodes { code } pageInfo { hasNextPage startCursor } } }""");
        var connection = data.GetProperty("organisations");
        Assert.Empty(connection.GetProperty("nodes").EnumerateArray());
        Assert.Equal(3, connection.GetProperty("totalCount").GetInt32());
        Assert.True(connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(JsonValueKind.Null, connection.GetProperty("pageInfo").GetProperty("startCursor").ValueKind);
    }

    [Theory, OnEveryProvider]
    public async Task Organisations_refuse_a_cursor_they_did_not_make(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var body = await server.QueryAsync("""{ organisations(after: "not-a-cursor") { totalCount } }""");
        Assert.Equal("BAD_USER_INPUT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Theory, OnEveryProvider]
    public async Task Consortium_and_consortia_answer_with_the_demo_consortia(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""
            { consortium(code: "01A") { code name kind practices { code } }
              consortia(first: 2) { totalCount nodes { code } pageInfo { hasNextPage } } }
            """);

        Assert.Equal("Northvale North Commissioning Consortium", data.GetProperty("consortium").GetProperty("name").GetString());
        Assert.Equal(["A01001", "A01002", "A01003", "A01004"], Codes(data.GetProperty("consortium").GetProperty("practices")).Order());
        Assert.Equal(["01A", "02B"], Codes(data.GetProperty("consortia").GetProperty("nodes")));
        Assert.Equal(3, data.GetProperty("consortia").GetProperty("totalCount").GetInt32());
        Assert.True(data.GetProperty("consortia").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Theory, OnEveryProvider]
    public async Task Gp_practice_local_authority_and_board_answer_by_code(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""
            { gpPractice(code: "A01001") { code name kind consortium { code } }
              localAuthority(code: "E10000001") { code name kind healthAndWellbeingBoard { code } }
              healthAndWellbeingBoard(code: "HWB-E06000002") { code name kind localAuthority { code name } } }
            """);

        Assert.Equal("GP_PRACTICE", data.GetProperty("gpPractice").GetProperty("kind").GetString());
        Assert.Equal("01A", data.GetProperty("gpPractice").GetProperty("consortium").GetProperty("code").GetString());
        Assert.Equal("Northvale County Council", data.GetProperty("localAuthority").GetProperty("name").GetString());
        Assert.Equal("HWB-E10000001", data.GetProperty("localAuthority").GetProperty("healthAndWellbeingBoard").GetProperty("code").GetString());
        Assert.Equal("Riverside City Council", data.GetProperty("healthAndWellbeingBoard").GetProperty("localAuthority").GetProperty("name").GetString());
    }

    [Theory, OnEveryProvider]
    public async Task Board_members_and_jsna_contributions_resolve_consortia_from_the_commissioning_module(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""
            { healthAndWellbeingBoard(code: "HWB-E10000001") {
                members { kind consortium { code name } }
                jsna(year: "2013-14") { contributions { status consortium { code name } } } } }
            """, caller: "E10000001", purpose: "JSNA");

        var board = data.GetProperty("healthAndWellbeingBoard");
        var consortia = board.GetProperty("members").EnumerateArray()
            .Where(m => m.GetProperty("consortium").ValueKind == JsonValueKind.Object)
            .Select(m => m.GetProperty("consortium")).ToList();
        Assert.Equal(["01A", "02B"], consortia.Select(c => c.GetProperty("code").GetString()).Order());
        Assert.Contains(consortia, c => c.GetProperty("name").GetString() == "Northvale North Commissioning Consortium");
        Assert.Contains(consortia, c => c.GetProperty("name").GetString() == "Northvale South Commissioning Consortium");

        var contributions = board.GetProperty("jsna").GetProperty("contributions").EnumerateArray().ToList();
        Assert.NotEmpty(contributions);
        Assert.All(contributions, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("consortium").GetProperty("name").GetString())));
        Assert.Contains(contributions, c => c.GetProperty("consortium").GetProperty("code").GetString() == "01A"
                                            && c.GetProperty("consortium").GetProperty("name").GetString() == "Northvale North Commissioning Consortium");
    }

    [Theory, OnEveryProvider]
    public async Task A_consortium_reaches_its_allocation_boards_and_pools_in_other_modules(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""
            { consortium(code: "01A") { name allocation(year: "2013-14") { programmeBudget }
                healthAndWellbeingBoards { code name } pooledBudgets { code name } } }
            """, purpose: "FINANCIAL_ASSURANCE");

        var consortium = data.GetProperty("consortium");
        Assert.Equal(JsonValueKind.String, consortium.GetProperty("allocation").GetProperty("programmeBudget").ValueKind);
        Assert.True(decimal.Parse(consortium.GetProperty("allocation").GetProperty("programmeBudget").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(["HWB-E10000001"], Codes(consortium.GetProperty("healthAndWellbeingBoards")));
        Assert.Equal(["POOL-LD-NV"], Codes(consortium.GetProperty("pooledBudgets")));
    }

    [Theory, OnEveryProvider]
    public async Task A_consortium_crossing_the_boundary_sits_on_both_boards(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""{ consortium(code: "02B") { healthAndWellbeingBoards { code localAuthority { name } } } }""");
        Assert.Equal(["HWB-E06000002", "HWB-E10000001"], Codes(data.GetProperty("consortium").GetProperty("healthAndWellbeingBoards")));
    }

    [Theory, OnEveryProvider]
    public async Task A_pooled_budget_names_its_host_and_partners_as_organisations_of_every_module(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""
            { ld: pooledBudget(code: "POOL-LD-NV") { code name host { __typename code name }
                partners { code kind organisation { __typename code name } } }
              ic: pooledBudget(code: "POOL-IC-RS") { host { __typename code name ... on Consortium { practices { code } } } } }
            """);

        var pool = data.GetProperty("ld");
        Assert.Equal("Northvale learning disabilities pooled fund", pool.GetProperty("name").GetString());
        Assert.Equal("LocalAuthority", pool.GetProperty("host").GetProperty("__typename").GetString());
        Assert.Equal("Northvale County Council", pool.GetProperty("host").GetProperty("name").GetString());
        var partners = pool.GetProperty("partners").EnumerateArray().ToList();
        Assert.Equal(["01A", "02B", "E10000001"], partners.Select(p => p.GetProperty("code").GetString()));
        Assert.Equal(["Consortium", "Consortium", "LocalAuthority"], partners.Select(p => p.GetProperty("organisation").GetProperty("__typename").GetString()));
        Assert.Equal(["Northvale North Commissioning Consortium", "Northvale South Commissioning Consortium", "Northvale County Council"],
            partners.Select(p => p.GetProperty("organisation").GetProperty("name").GetString()));

        var host = data.GetProperty("ic").GetProperty("host");
        Assert.Equal("Consortium", host.GetProperty("__typename").GetString());
        Assert.Equal("Riverside Commissioning Consortium", host.GetProperty("name").GetString());
        Assert.Equal(4, host.GetProperty("practices").GetArrayLength());
    }

    [Theory, OnEveryProvider]
    public async Task Money_read_from_the_database_keeps_its_two_decimals(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""
            { pooledBudget(code: "POOL-LD-NV") { contributions(year: "2013-14") { partnerCode amount } }
              consortium(code: "01A") { allocation(year: "2013-14") { programmeBudget runningCostsAllowance } } }
            """, caller: "X24", purpose: "AUDIT");   // the NHS CB's audit covers both the pool's and the allocation's figures

        // Stored as 8600000 by the seed: numeric(18,2) on PostgreSQL, TEXT on SQLite — the same string either way.
        Assert.Equal([("01A", "8600000.00"), ("02B", "5400000.00"), ("E10000001", "14200000.00")],
            data.GetProperty("pooledBudget").GetProperty("contributions").EnumerateArray()
                .Select(c => (c.GetProperty("partnerCode").GetString(), c.GetProperty("amount").GetString())).OrderBy(c => c.Item1, StringComparer.Ordinal));
        var allocation = data.GetProperty("consortium").GetProperty("allocation");
        Assert.All(new[] { "programmeBudget", "runningCostsAllowance" },
            f => Assert.Matches(@"^[0-9]+\.[0-9]{2}$", allocation.GetProperty(f).GetString()));
    }

    [Theory, OnEveryProvider]
    public async Task Pool_contributions_name_their_partners_for_a_pool_partner(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""
            { pooledBudget(code: "POOL-LD-NV") { contributions(year: "2013-14") { amount partner { __typename code name } } } }
            """, purpose: "POOLED_BUDGET_MANAGEMENT");

        var contributions = data.GetProperty("pooledBudget").GetProperty("contributions").EnumerateArray().ToList();
        Assert.Equal(3, contributions.Count);
        Assert.Contains(contributions, c => c.GetProperty("partner").GetProperty("name").GetString() == "Northvale North Commissioning Consortium");
        Assert.Contains(contributions, c => c.GetProperty("partner").GetProperty("__typename").GetString() == "LocalAuthority");
    }

    [Theory, OnEveryProvider]
    public async Task Lead_commissioning_arrangement_and_contract_answer_by_code(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""
            { leadCommissioningArrangement(code: "LCA-ACUTE-RNV") { code lead { code name } associates { consortium { code } share }
                provider { code name } contracts { code } }
              contract(code: "CT-01A-RNV") { code serviceArea annualValue commissioner { code name } provider { code name } } }
            """, purpose: "LEAD_COMMISSIONING");

        var arrangement = data.GetProperty("leadCommissioningArrangement");
        Assert.Equal("01A", arrangement.GetProperty("lead").GetProperty("code").GetString());
        Assert.Equal(["02B", "03C"], arrangement.GetProperty("associates").EnumerateArray().Select(a => a.GetProperty("consortium").GetProperty("code").GetString()));
        Assert.Equal("Northvale Hospitals NHS Foundation Trust", arrangement.GetProperty("provider").GetProperty("name").GetString());
        Assert.Equal(["CT-01A-RNV"], Codes(arrangement.GetProperty("contracts")));
        var contract = data.GetProperty("contract");
        Assert.Equal("01A", contract.GetProperty("commissioner").GetProperty("code").GetString());
        Assert.Equal("RNV", contract.GetProperty("provider").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.String, contract.GetProperty("annualValue").ValueKind);
    }

    [Theory]
    [OnEveryProvider("""consortium(code: "01A")""", "Consortium", "01A")]
    [OnEveryProvider("""gpPractice(code: "A01001")""", "GpPractice", "A01001")]
    [OnEveryProvider("""localAuthority(code: "E10000001")""", "LocalAuthority", "E10000001")]
    [OnEveryProvider("""healthAndWellbeingBoard(code: "HWB-E10000001")""", "HealthAndWellbeingBoard", "HWB-E10000001")]
    [OnEveryProvider("""pooledBudget(code: "POOL-LD-NV")""", "PooledBudget", "POOL-LD-NV")]
    [OnEveryProvider("""leadCommissioningArrangement(code: "LCA-ACUTE-RNV")""", "LeadCommissioningArrangement", "LCA-ACUTE-RNV")]
    [OnEveryProvider("""contract(code: "CT-01A-RNV")""", "Contract", "CT-01A-RNV")]
    [OnEveryProvider("""organisation(code: "RNV")""", "Provider", "RNV")]
    [OnEveryProvider("""organisation(code: "X24")""", "NhsCommissioningBoard", "X24")]
    public async Task Node_fetches_again_what_an_id_names(DatabaseProvider provider, string field, string typename, string code)
    {
        var server = await servers.For(provider);
        var first = await server.DataAsync($$"""{ entity: {{field}} { ... on Node { id } } }""");
        var id = first.GetProperty("entity").GetProperty("id").GetString();
        Assert.False(string.IsNullOrEmpty(id));

        var data = await server.DataAsync("""
            query($id: ID!) { node(id: $id) { __typename id ... on Organisation { code }
              ... on PooledBudget { code } ... on LeadCommissioningArrangement { code } ... on Contract { code } } }
            """, variables: new { id });

        var node = data.GetProperty("node");
        Assert.Equal(typename, node.GetProperty("__typename").GetString());
        Assert.Equal(id, node.GetProperty("id").GetString());
        Assert.Equal(code, node.GetProperty("code").GetString());
    }

    [Theory, OnEveryProvider]
    public async Task Node_with_an_id_of_nothing_is_null(DatabaseProvider provider)
    {
        var server = await servers.For(provider);
        var data = await server.DataAsync("""{ a: node(id: "bm90LWFuLWlk") { id } b: node(id: "Q29uc29ydGl1bTpaWlo") { id } }""");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("a").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("b").ValueKind);
    }
}
