using System.Text.Json;
using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Host.Tests.HostileClients;

/// <summary>
/// Issue 10, finding 5: a list argument once carried 100,000 values to SQL ("too many SQL variables",
/// INTERNAL_SERVER_ERROR) and was priced at 1. List inputs are now capped (GraphQL:MaxListInputLength,
/// default 1,000), counted by the cost analysis, and enum filters reach SQL once per distinct value.
/// </summary>
public sealed class ListInputTests(DemoGraphServers servers) : IClassFixture<DemoGraphServers>
{
    private const string ConsortiaByStatus =
        "query($s: [ConsortiumAuthorisationStatus!]) { consortia(authorisationStatus: $s, first: 5) { totalCount } }";

    private static string[] Statuses(int count) =>
        Enumerable.Range(0, count).Select(i => (i % 3) switch { 0 => "AUTHORISED", 1 => "SHADOW", _ => "AUTHORISED_WITH_CONDITIONS" }).ToArray();

    [Fact]
    public async Task A_list_variable_longer_than_the_limit_is_refused_as_bad_user_input_before_any_sql()
    {
        var server = await servers.For(DatabaseProvider.Sqlite);
        var before = server.Statements.Count;
        var body = await server.QueryAsync(ConsortiaByStatus, variables: new { s = Statuses(1_001) });
        var error = body.GetProperty("errors")[0];
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("1001 values", error.GetProperty("message").GetString());
        Assert.Contains("MaxListInputLength", error.GetProperty("extensions").GetProperty("reason").GetString());
        Assert.False(body.TryGetProperty("data", out _));
        Assert.Equal(before, server.Statements.Count);
    }

    [Fact]
    public async Task A_list_literal_longer_than_the_limit_is_refused_as_bad_user_input()
    {
        var server = await servers.For(DatabaseProvider.Sqlite);
        var literal = string.Join(' ', Statuses(1_001));
        var body = await server.QueryAsync($"{{ consortia(authorisationStatus: [{literal}], first: 5) {{ totalCount }} }}");
        Assert.Equal("BAD_USER_INPUT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_repeated_enum_filter_reaches_sql_once_per_distinct_value()
    {
        var server = await servers.For(DatabaseProvider.Sqlite);
        var before = server.Issued.Count;
        var data = await server.DataAsync(ConsortiaByStatus, variables: new { s = Statuses(1_000) });
        Assert.True(data.GetProperty("consortia").GetProperty("totalCount").GetInt32() > 0);
        var statements = server.Issued.Skip(before).ToList();
        Assert.NotEmpty(statements);
        // Three distinct statuses: no statement carries more than a handful of parameters.
        Assert.All(statements, s => Assert.True(s.Parameters.Count <= 6, $"{s.Parameters.Count} parameters: {s.Text}"));
    }

    [Fact]
    public async Task Each_value_of_a_list_input_counts_towards_the_cost()
    {
        var server = await servers.For(DatabaseProvider.Sqlite);
        static double Cost(JsonElement body) => body.GetProperty("extensions").GetProperty("cost").GetProperty("requested").GetDouble();
        var one = Cost(await server.QueryAsync(ConsortiaByStatus, variables: new { s = Statuses(1) }));
        var thousand = Cost(await server.QueryAsync(ConsortiaByStatus, variables: new { s = Statuses(1_000) }));
        Assert.Equal(999, thousand - one);
    }
}
