using Commissioning.Graph.Modules.Shared;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// Lists are filtered in the SQL query itself (issue 5): for a caller who may read only some items, every statement the
/// modules issue for the list, run again with its own parameters against the same database, returns exactly the items
/// the response shows — the hidden ones are never loaded — and counts count only the visible ones.
/// </summary>
// Statements are run again against the SQLite file, so these run on SQLite only.
public sealed class SqlVisibilityTests(DemoGraphServers servers, ITestOutputHelper output) : IClassFixture<DemoGraphServers>
{
    private const string Contributions = """
        query($hwb: ID!) { healthAndWellbeingBoard(code: $hwb) { jsna(year: "2013-14") { contributions { id status consortium { code } } } } }
        """;

    // The class's SQLite server; started once by the fixture, shared by the tests.
    private DemoGraphServer server => servers.For(DatabaseProvider.Sqlite).GetAwaiter().GetResult();

    private async Task<(JsonElement Body, IReadOnlyList<IssuedStatement> Statements)> RunAsync(string query, string caller, string purpose, object? variables = null)
    {
        var before = server.Issued.Count;
        var body = await server.QueryAsync(query, caller, purpose, variables);
        var statements = server.Issued.Skip(before).ToList();
        foreach (var s in statements) output.WriteLine(string.Join(" ", s.Text.Split('\n').Select(l => l.Trim())));
        return (body, statements);
    }

    /// <summary>Runs an issued statement again, read-only, with the parameters it was issued with.</summary>
    private List<Dictionary<string, object?>> RowsOf(IssuedStatement statement)
    {
        using var connection = new SqliteConnection($"Data Source={server.DatabaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = statement.Text;
        foreach (var (name, value) in statement.Parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={server.DatabaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static int IdOf(string globalId)
    {
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(globalId.Replace('-', '+').Replace('_', '/').PadRight((globalId.Length + 3) / 4 * 4, '=')));
        return int.Parse(text[(text.IndexOf(':') + 1)..]);
    }

    private static bool Reads(IssuedStatement s, string table) => s.Text.Contains($"FROM \"{table}\"", StringComparison.Ordinal);

    [Theory]
    // Northvale's board: its local authority and the author (02B) see 02B's draft; the other member (01A) and the NHS CB
    // see only submitted and accepted ones; a consortium not on the board (03C), another authority and a provider none.
    [InlineData("E10000001", "HWB-E10000001", true)]
    [InlineData("02B", "HWB-E10000001", true)]
    [InlineData("01A", "HWB-E10000001", false)]
    [InlineData("X24", "HWB-E10000001", false)]
    [InlineData("03C", "HWB-E10000001", false)]
    [InlineData("E06000002", "HWB-E10000001", false)]
    [InlineData("RNV", "HWB-E10000001", false)]
    [InlineData("01A", "HWB-E06000002", false)]
    [InlineData("03C", "HWB-E06000002", true)]
    // The support unit acting for 01A and 02B (supportFor): 02B's submitted one on Riverside's board, not 03C's (a former client).
    [InlineData("CSU-NV", "HWB-E06000002", false)]
    public async Task Jsna_contributions_load_only_the_rows_the_caller_may_read(string caller, string hwb, bool seesDrafts)
    {
        var (body, statements) = await RunAsync(Contributions, caller, "JSNA", new { hwb });

        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        var shown = body.GetProperty("data").GetProperty("healthAndWellbeingBoard").GetProperty("jsna").GetProperty("contributions")
            .EnumerateArray().ToList();
        var shownIds = shown.Select(c => IdOf(c.GetProperty("id").GetString()!)).Order().ToList();
        Assert.Equal(seesDrafts, shown.Any(c => c.GetProperty("status").GetString() == "DRAFT"));

        // The contributions were read by one statement (or none, when the caller may read none of them) that returns
        // exactly what the response shows: no hidden row left the database.
        var reads = statements.Where(s => Reads(s, "JsnaContributions")).ToList();
        Assert.InRange(reads.Count, shown.Count == 0 ? 0 : 1, 1);
        var loaded = reads.SelectMany(RowsOf).Select(r => Convert.ToInt32(r["Id"])).Order().ToList();
        Assert.Equal(shownIds, loaded);

        var total = Scalar($"SELECT COUNT(*) FROM JsnaContributions c JOIN Jsnas j ON j.Id = c.JsnaId WHERE j.HwbCode = '{hwb}' AND j.Year = '2013-14'");
        output.WriteLine($"{caller} on {hwb}: {loaded.Count} of {total} contributions loaded");
        Assert.True(total > loaded.Count || caller == "E10000001" || (caller == "02B" && hwb == "HWB-E10000001") || (caller == "03C" && hwb == "HWB-E06000002"));
    }

    [Theory]
    [InlineData("02B", 1)]
    [InlineData("01A", 1)]
    [InlineData("E10000001", 0)]
    [InlineData("X24", 3)]
    public async Task Allocations_load_only_the_callers_own_unless_the_nhs_cb(string caller, int expected)
    {
        var (body, statements) = await RunAsync("""{ allocations(year: "2013-14") { consortium { code } programmeBudget } }""", caller, "ALLOCATIONS");

        var shown = body.GetProperty("data").GetProperty("allocations").EnumerateArray()
            .Select(a => a.GetProperty("consortium").GetProperty("code").GetString()).ToList();
        Assert.Equal(expected, shown.Count);
        var loaded = statements.Where(s => Reads(s, "Allocations")).SelectMany(RowsOf).Select(r => (string?)r["ConsortiumCode"]).ToList();
        Assert.Equal(shown, loaded);
        if (caller != "X24") Assert.All(loaded, code => Assert.Equal(caller, code));
    }

    [Fact]
    public async Task Consortia_at_risk_loads_and_assesses_every_consortiums_latest_return_for_the_nhs_cb()
    {
        var (body, statements) = await RunAsync("""{ consortiaAtRisk(year: "2013-14") { consortium { code } month duties { breached } } }""", "X24", "FINANCIAL_ASSURANCE");

        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        var shown = body.GetProperty("data").GetProperty("consortiaAtRisk").EnumerateArray()
            .Select(r => r.GetProperty("consortium").GetProperty("code").GetString()).ToList();
        var latest = statements.Where(s => Reads(s, "FinancialReturns")).SelectMany(RowsOf)
            .Where(r => r.ContainsKey("ConsortiumCode")).Select(r => (string?)r["ConsortiumCode"]).Distinct().ToList();
        Assert.Equal(["01A", "02B", "03C"], latest.Order().ToList());
        Assert.All(shown, code => Assert.Contains(code, latest));
    }

    [Theory]
    [InlineData("01A")]
    [InlineData("03C")]
    [InlineData("E06000002")]
    public async Task Consortia_at_risk_is_refused_to_anyone_else_before_any_return_is_read(string caller)
    {
        var (body, statements) = await RunAsync("""{ consortiaAtRisk(year: "2013-14") { consortium { code } month duties { breached } } }""", caller, "FINANCIAL_ASSURANCE");

        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("POLICY", error.GetProperty("extensions").GetProperty("reason").GetString());
        Assert.DoesNotContain(statements, s => Reads(s, "FinancialReturns"));
    }

    [Fact]
    public async Task A_deep_query_over_every_consortium_reads_only_the_callers_returns_and_counts_only_them()
    {
        var (body, statements) = await RunAsync("""
            { consortia(first: 10) { nodes { code financialReturns(year: "2013-14", first: 20) { totalCount nodes { id month lines { plan } } } } } }
            """, "01A", "FINANCIAL_ASSURANCE");
        // (Pages sized to the demonstration data: default pages of 50 under 50 would pass the cost limit.)

        var nodes = body.GetProperty("data").GetProperty("consortia").GetProperty("nodes").EnumerateArray().ToList();
        var own = nodes.Single(n => n.GetProperty("code").GetString() == "01A").GetProperty("financialReturns");
        Assert.Equal(Scalar("SELECT COUNT(*) FROM FinancialReturns WHERE ConsortiumCode = '01A' AND Year = '2013-14'"), own.GetProperty("totalCount").GetInt32());
        Assert.All(nodes.Where(n => n.GetProperty("code").GetString() != "01A"), n => Assert.Equal(JsonValueKind.Null, n.GetProperty("financialReturns").ValueKind));

        var returnReads = statements.Where(s => s.Text.Contains("\"FinancialReturns\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(returnReads);
        foreach (var other in new[] { "02B", "03C" })
            Assert.DoesNotContain(returnReads.SelectMany(s => s.Parameters), p => p.Value?.ToString()?.Contains(other) == true);
    }

    [Fact]
    public async Task The_support_unit_loads_only_its_current_clients_returns_and_counts_only_them()
    {
        var (body, statements) = await RunAsync("""
            { consortia(first: 10) { nodes { code financialReturns(year: "2013-14", first: 20) { totalCount nodes { id month lines { plan } } } } } }
            """, "CSU-NV", "FINANCIAL_ASSURANCE");

        // 01A and 02B: every return of 2013-14, as the database counts them; 03C (its arrangement ended with 2012-13): refused.
        var nodes = body.GetProperty("data").GetProperty("consortia").GetProperty("nodes").EnumerateArray()
            .ToDictionary(n => n.GetProperty("code").GetString()!, n => n.GetProperty("financialReturns"));
        foreach (var client in new[] { "01A", "02B" })
            Assert.Equal(Scalar($"SELECT COUNT(*) FROM FinancialReturns WHERE ConsortiumCode = '{client}' AND Year = '2013-14'"), nodes[client].GetProperty("totalCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, nodes["03C"].ValueKind);

        // No row of another consortium left the database.
        var loaded = statements.Where(s => Reads(s, "FinancialReturns")).SelectMany(RowsOf)
            .Where(r => r.ContainsKey("ConsortiumCode")).Select(r => (string?)r["ConsortiumCode"]).Distinct().Order().ToList();
        Assert.Equal(["01A", "02B"], loaded);
    }
}
