using System.Globalization;
using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Modules.Tests.Graph;

namespace Commissioning.Graph.Modules.Tests.Lists;

/// <summary>The local-government connections beside the plain lists: the same rows, filtered, sorted and paged in SQL.</summary>
public sealed class LocalGovernmentConnectionTests
{
    private static decimal Money(JsonElement e) => decimal.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Pool_contributions_and_expenditure_connections_filter_sort_and_count_as_the_plain_lists_read()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        host.Subject = AuthorizationSubject.For("X24");
        var response = await host.ExecuteAsync("""
            { pooledBudget(code: "POOL-LD-NV") {
                contributions { partnerCode year amount }
                expenditure { year month serviceArea amount }
                contributionsConnection(where: { amount: { gte: "6000000" } }, order: [{ amount: DESC }]) { totalCount nodes { partnerCode amount } }
                expenditureConnection(first: 4, order: [{ month: ASC }, { serviceArea: DESC }]) {
                  totalCount nodes { month serviceArea } pageInfo { hasNextPage endCursor } } } }
            """);
        Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
        var pool = response.GetProperty("data").GetProperty("pooledBudget");
        var expected = pool.GetProperty("contributions").EnumerateArray().Select(c => Money(c.GetProperty("amount"))).Where(a => a >= 6_000_000m).OrderDescending().ToList();
        var connection = pool.GetProperty("contributionsConnection");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, connection.GetProperty("nodes").EnumerateArray().Select(c => Money(c.GetProperty("amount"))));
        Assert.Equal(expected.Count, connection.GetProperty("totalCount").GetInt32());

        var spending = pool.GetProperty("expenditure").EnumerateArray()
            .Select(e => (Month: e.GetProperty("month").GetInt32(), Area: e.GetProperty("serviceArea").GetString()!))
            .OrderBy(e => e.Month).ThenByDescending(e => e.Area, StringComparer.Ordinal).ToList();
        var page = pool.GetProperty("expenditureConnection");
        Assert.Equal(spending.Count, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(spending.Take(4), page.GetProperty("nodes").EnumerateArray().Select(e => (e.GetProperty("month").GetInt32(), e.GetProperty("serviceArea").GetString()!)));
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Theory]
    [InlineData("X24")]
    [InlineData("01A")]
    public async Task JSNA_contributions_connection_lists_exactly_the_contributions_the_plain_list_shows_the_caller(string caller)
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        host.Subject = AuthorizationSubject.For(caller);
        var response = await host.ExecuteAsync("""
            { healthAndWellbeingBoards { code jsna(year: "2013-14") {
                contributions { id status }
                contributionsConnection { totalCount nodes { id status } }
                submitted: contributionsConnection(where: { status: { neq: DRAFT } }, order: [{ topic: ASC }]) { totalCount } } } }
            """);
        Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
        var any = false;
        foreach (var board in response.GetProperty("data").GetProperty("healthAndWellbeingBoards").EnumerateArray())
        {
            if (board.GetProperty("jsna").ValueKind == JsonValueKind.Null) continue;
            var jsna = board.GetProperty("jsna");
            var plain = jsna.GetProperty("contributions").EnumerateArray().Select(c => c.GetProperty("id").GetString()).Order().ToList();
            var connection = jsna.GetProperty("contributionsConnection");
            Assert.Equal(plain, connection.GetProperty("nodes").EnumerateArray().Select(c => c.GetProperty("id").GetString()).Order().ToList());
            Assert.Equal(plain.Count, connection.GetProperty("totalCount").GetInt32());
            Assert.Equal(jsna.GetProperty("contributions").EnumerateArray().Count(c => c.GetProperty("status").GetString() != "DRAFT"),
                jsna.GetProperty("submitted").GetProperty("totalCount").GetInt32());
            any |= plain.Count > 0;
        }
        Assert.True(any, "the caller reads some contributions");
    }

    /// <summary>Every board's JSNA contributions and its member consortia's pools' contributions and expenditure, as connections.</summary>
    private const string ConnectionsQuery = """
        { healthAndWellbeingBoards { code
            jsna(year: "2013-14") { contributionsConnection(where: { status: { neq: DRAFT } }, order: [{ topic: ASC }], first: 20) {
              totalCount nodes { topic status indicators { name } } pageInfo { hasNextPage } } }
            members { consortium { code pooledBudgets { code
              contributionsConnection(order: [{ amount: DESC }], first: 5) { totalCount nodes { partnerCode amount } }
              expenditureConnection(order: [{ month: ASC }], last: 5) { totalCount nodes { month serviceArea amount } } } } } } }
        """;

    [Fact]
    public async Task The_JSNA_contribution_and_pool_connections_issue_the_same_number_of_statements_at_demo_scale_and_a_hundred_times_it()
    {
        var counts = new List<(int Statements, int Contributions, int Members)>();
        var shapes = new List<HashSet<string>>();
        foreach (var scale in new[] { 1, 100 })
        {
            await using var host = await ModuleGraphHost.CreateAsync(scale);
            host.Subject = AuthorizationSubject.For("X24");
            host.ResetStatements();
            var response = await host.ExecuteAsync(ConnectionsQuery);
            Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
            var boards = response.GetProperty("data").GetProperty("healthAndWellbeingBoards").EnumerateArray().ToList();
            var contributions = boards.Where(b => b.GetProperty("jsna").ValueKind == JsonValueKind.Object)
                .Sum(b => b.GetProperty("jsna").GetProperty("contributionsConnection").GetProperty("totalCount").GetInt32());
            var pools = boards.SelectMany(b => b.GetProperty("members").EnumerateArray())
                .Where(m => m.GetProperty("consortium").ValueKind == JsonValueKind.Object)
                .SelectMany(m => m.GetProperty("consortium").GetProperty("pooledBudgets").EnumerateArray()).ToList();
            // Every level is reached (an empty level issues no statement and would hide a difference).
            Assert.Contains(pools, p => p.GetProperty("contributionsConnection").GetProperty("nodes").GetArrayLength() > 0);
            Assert.Contains(pools, p => p.GetProperty("expenditureConnection").GetProperty("nodes").GetArrayLength() > 0);
            counts.Add((host.Statements, contributions, boards.Sum(b => b.GetProperty("members").GetArrayLength())));
            shapes.Add(StatementShapes.Of(host.StatementTexts));
            Console.WriteLine($"JSNA contribution and pool connections at scale {scale}: {host.Statements} SQL statements " +
                              $"({contributions} contributions counted, {counts[^1].Members} board members)\n  {string.Join("\n  ", host.StatementTexts)}");
        }
        Assert.True(counts[1].Contributions > counts[0].Contributions && counts[1].Members > 10 * counts[0].Members,
            $"scale 100 should have many more contributions and members: {counts[0]} vs {counts[1]}");
        StatementShapes.AssertSame(counts.Select(c => c.Statements).Zip(shapes).ToList());
    }

}
