using System.Text.Json;
using Commissioning.Graph.Modules.Tests.Graph;

namespace Commissioning.Graph.Modules.Tests.Lists;

/// <summary>Filtering, sorting and keyset paging through the graph, on the demo data.</summary>
public sealed class ConnectionQueryTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>README's example ("Lists: filter, sort, page"): the NHS CB's submitted or accepted returns of 01A, latest month first, two a page.</summary>
    public const string ReadmeQuery = """
        {
          consortium(code: "01A") {
            financialReturns(year: "2013-14", where: { status: { in: [SUBMITTED, ACCEPTED] }, month: { gte: 3 } },
                             order: { month: DESC }, first: 2) {
              totalCount
              edges { cursor node { month version status submittedAt } }
              pageInfo { hasNextPage hasPreviousPage endCursor }
            }
          }
        }
        """;

    [Fact]
    public async Task The_README_example_pages_the_filtered_sorted_returns()
    {
        var data = await _host.DataAsync(ReadmeQuery);
        output.WriteLine(JsonSerializer.Serialize(data, new JsonSerializerOptions { WriteIndented = true }));
        var page = data.GetProperty("consortium").GetProperty("financialReturns");
        var months = page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("month").GetInt32()).ToList();
        Assert.Equal(2, months.Count);
        Assert.Equal(months.OrderDescending(), months);
        Assert.All(page.GetProperty("edges").EnumerateArray(), e => Assert.Contains(e.GetProperty("node").GetProperty("status").GetString(), new[] { "SUBMITTED", "ACCEPTED" }));
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    private CommissioningGraphHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CommissioningGraphHost.StartAsync();
        // The NHS CB may filter and sort on every field of these lists (the access check is FilterAccessTests').
        _host.Subject = global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject.For("X24");
    }
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static List<string?> Codes(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()).ToList();

    [Fact]
    public async Task Consortia_filter_on_a_string_and_sort_descending_with_a_count_of_the_matching_rows()
    {
        var data = await _host.DataAsync("""
            { consortia(where: { name: { contains: "Northvale" } }, order: [{ registeredPopulation: DESC }]) {
                totalCount nodes { code registeredPopulation } } }
            """);
        var connection = data.GetProperty("consortia");
        var populations = connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("registeredPopulation").GetInt32()).ToList();
        Assert.NotEmpty(populations);
        Assert.Equal(populations.OrderDescending(), populations);
        Assert.Equal(populations.Count, connection.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task The_older_orderBy_argument_still_orders_when_order_is_absent_and_order_wins_when_given()
    {
        var byOld = await _host.DataAsync("""{ consortia(orderBy: REGISTERED_POPULATION_DESC) { nodes { code registeredPopulation } } }""");
        var byNew = await _host.DataAsync("""{ consortia(orderBy: REGISTERED_POPULATION_DESC, order: [{ code: DESC }]) { nodes { code } } }""");
        var populations = byOld.GetProperty("consortia").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("registeredPopulation").GetInt32()).ToList();
        Assert.Equal(populations.OrderDescending(), populations);
        var codes = Codes(byNew.GetProperty("consortia"));
        Assert.Equal(codes.OrderDescending(StringComparer.Ordinal), codes);
    }

    [Fact]
    public async Task Financial_returns_combine_the_existing_arguments_with_where_and_order_and_page_both_ways()
    {
        const string Query = """
            query($after: String, $before: String, $first: Int, $last: Int) { consortium(code: "01A") {
              all: financialReturns(year: "2013-14", first: 100) { totalCount nodes { month version status } }
              page: financialReturns(year: "2013-14", where: { month: { gte: 2 } }, order: [{ month: ASC }, { version: DESC }],
                      first: $first, after: $after, last: $last, before: $before) {
                totalCount edges { cursor node { month version } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }
            """;
        var all = (await _host.DataAsync(Query, new Dictionary<string, object?> { ["first"] = 100 })).GetProperty("consortium");
        var expected = all.GetProperty("all").GetProperty("nodes").EnumerateArray()
            .Select(n => (Month: n.GetProperty("month").GetInt32(), Version: n.GetProperty("version").GetInt32()))
            .Where(r => r.Month >= 2).OrderBy(r => r.Month).ThenByDescending(r => r.Version).ToList();
        Assert.True(expected.Count >= 3, "the demo data has returns to page through");

        // Forward two at a time.
        var seen = new List<(int, int)>();
        string? after = null;
        for (var guard = 0; guard < 50; guard++)
        {
            var page = (await _host.DataAsync(Query, new Dictionary<string, object?> { ["first"] = 2, ["after"] = after }))
                .GetProperty("consortium").GetProperty("page");
            Assert.Equal(expected.Count, page.GetProperty("totalCount").GetInt32());
            seen.AddRange(page.GetProperty("edges").EnumerateArray().Select(e => (e.GetProperty("node").GetProperty("month").GetInt32(), e.GetProperty("node").GetProperty("version").GetInt32())));
            var info = page.GetProperty("pageInfo");
            Assert.Equal(after is not null, info.GetProperty("hasPreviousPage").GetBoolean());
            if (!info.GetProperty("hasNextPage").GetBoolean()) break;
            after = info.GetProperty("endCursor").GetString();
        }
        Assert.Equal(expected, seen);

        // Backward two at a time from the end.
        var back = new List<(int, int)>();
        string? before = null;
        for (var guard = 0; guard < 50; guard++)
        {
            var page = (await _host.DataAsync(Query, new Dictionary<string, object?> { ["last"] = 2, ["before"] = before }))
                .GetProperty("consortium").GetProperty("page");
            back.InsertRange(0, page.GetProperty("edges").EnumerateArray().Select(e => (e.GetProperty("node").GetProperty("month").GetInt32(), e.GetProperty("node").GetProperty("version").GetInt32())));
            var info = page.GetProperty("pageInfo");
            if (!info.GetProperty("hasPreviousPage").GetBoolean()) break;
            before = info.GetProperty("startCursor").GetString();
        }
        Assert.Equal(expected, back);
    }

    [Fact]
    public async Task Returns_filter_on_their_consortium_and_on_their_lines()
    {
        var data = await _host.DataAsync("""
            { consortia(first: 100) { nodes { code
                byName: financialReturns(first: 100, where: { consortium: { name: { startsWith: "Northvale South" } } }) { totalCount }
                acute: financialReturns(first: 100, where: { lines: { some: { category: { eq: ACUTE }, plan: { gt: "0" } } } }) { totalCount }
                noLines: financialReturns(first: 100, where: { lines: { any: false } }) { totalCount }
                every: financialReturns(first: 100) { totalCount } } } }
            """);
        foreach (var c in data.GetProperty("consortia").GetProperty("nodes").EnumerateArray())
        {
            var every = c.GetProperty("every").GetProperty("totalCount").GetInt32();
            Assert.Equal(c.GetProperty("code").GetString() == "02B" ? every : 0, c.GetProperty("byName").GetProperty("totalCount").GetInt32());
            Assert.Equal(every - c.GetProperty("noLines").GetProperty("totalCount").GetInt32(), c.GetProperty("acute").GetProperty("totalCount").GetInt32());
        }
    }

    [Theory]
    [InlineData("""{ consortia(order: [{ name: ASC, code: DESC }]) { nodes { code } } }""", "sets 2 fields")]
    [InlineData("""{ consortia(order: [{}]) { nodes { code } } }""", "sets no field")]
    [InlineData("""{ consortia(first: 2, last: 2) { nodes { code } } }""", "not both")]
    [InlineData("""{ consortia(after: "bm90IGEgY3Vyc29y") { nodes { code } } }""", "not a cursor")]
    [InlineData("""{ consortia(first: -1) { nodes { code } } }""", "cannot be negative")]
    [InlineData("""{ consortia(where: { registeredPopulation: { gt: null } }) { nodes { code } } }""", "cannot be null")]
    public async Task Bad_list_arguments_are_refused_with_BAD_USER_INPUT_and_a_message_saying_what_to_change(string query, string message)
    {
        var response = await _host.ExecuteAsync(query);
        var error = response.GetProperty("errors")[0];
        Assert.Contains(message, error.GetProperty("message").GetString());
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_cursor_taken_in_one_order_is_refused_in_another()
    {
        var data = await _host.DataAsync("""{ consortia(first: 1, order: [{ name: ASC }]) { pageInfo { endCursor } } }""");
        var cursor = data.GetProperty("consortia").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var response = await _host.ExecuteAsync("""query($c: String) { consortia(after: $c, order: [{ name: DESC }]) { nodes { code } } }""",
            new Dictionary<string, object?> { ["c"] = cursor });
        var error = response.GetProperty("errors")[0];
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("another order", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Empty_filter_objects_are_no_condition()
    {
        var all = await _host.DataAsync("""{ consortia { totalCount } }""");
        var empty = await _host.DataAsync("""{ consortia(where: { and: [], or: [], name: {} }) { totalCount } }""");
        Assert.Equal(all.GetProperty("consortia").GetProperty("totalCount").GetInt32(), empty.GetProperty("consortia").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Hostile_nesting_of_and_or_is_refused_with_a_depth_error_not_a_crash()
    {
        var filter = "{ name: { eq: \"x\" } }";
        for (var i = 0; i < 40; i++) filter = $"{{ or: [{filter}] }}";
        var response = await _host.ExecuteAsync($$"""{ consortia(where: {{filter}}) { nodes { code } } }""");
        var error = response.GetProperty("errors")[0];
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("deeper than", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Child_connections_beside_the_plain_lists_filter_sort_and_page_the_same_rows()
    {
        var data = await _host.DataAsync("""
            { consortia { nodes { code
                contracts { code annualValue provider { code } }
                contractsConnection(order: [{ annualValue: DESC }], where: { provider: { providerType: { neq: INDEPENDENT_SECTOR } } }) {
                  totalCount nodes { code annualValue provider { code providerType } } }
                commissioningDecisions { reference }
                commissioningDecisionsConnection(first: 1) { totalCount nodes { reference decidedOn } pageInfo { hasNextPage } }
                conflictOfInterestDeclarationsConnection(where: { mitigation: { neq: null } }) { totalCount nodes { personName mitigation } }
                financialReturns(first: 1) { nodes { lines { category plan }
                  linesConnection(where: { plan: { gt: "0" } }, order: [{ plan: DESC }], last: 2) { totalCount nodes { category plan } pageInfo { hasPreviousPage } } } } } } }
            """);
        foreach (var c in data.GetProperty("consortia").GetProperty("nodes").EnumerateArray())
        {
            var contracts = c.GetProperty("contractsConnection");
            var values = contracts.GetProperty("nodes").EnumerateArray().Select(n => decimal.Parse(n.GetProperty("annualValue").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(values.OrderDescending(), values);
            Assert.All(contracts.GetProperty("nodes").EnumerateArray(), n => Assert.NotEqual("INDEPENDENT_SECTOR", n.GetProperty("provider").GetProperty("providerType").GetString()));
            Assert.True(values.Count <= c.GetProperty("contracts").GetArrayLength());

            var decisions = c.GetProperty("commissioningDecisionsConnection");
            Assert.Equal(c.GetProperty("commissioningDecisions").GetArrayLength(), decisions.GetProperty("totalCount").GetInt32());
            Assert.Equal(decisions.GetProperty("totalCount").GetInt32() > 1, decisions.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
            Assert.All(c.GetProperty("conflictOfInterestDeclarationsConnection").GetProperty("nodes").EnumerateArray(),
                n => Assert.Equal(JsonValueKind.String, n.GetProperty("mitigation").ValueKind));

            foreach (var r in c.GetProperty("financialReturns").GetProperty("nodes").EnumerateArray())
            {
                var plans = r.GetProperty("lines").EnumerateArray().Select(l => decimal.Parse(l.GetProperty("plan").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
                    .Where(p => p > 0).OrderDescending().ToList();
                var page = r.GetProperty("linesConnection");
                Assert.Equal(plans.Count, page.GetProperty("totalCount").GetInt32());
                // The last two of the order, in the order.
                Assert.Equal(plans.TakeLast(2), page.GetProperty("nodes").EnumerateArray().Select(l => decimal.Parse(l.GetProperty("plan").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
                Assert.Equal(plans.Count > 2, page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
            }
        }
    }
}
