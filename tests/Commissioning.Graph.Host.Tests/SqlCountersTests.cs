using System.Text.Json;
using Commissioning.Graph.Host.Diagnostics;
using Commissioning.Graph.Modules.Shared;
using Microsoft.Data.Sqlite;

namespace Commissioning.Graph.Host.Tests;

/// <summary>
/// <c>Diagnostics:SqlCounters</c>: off unless set; when set, each response reports the statements its operation ran
/// (the modules', the directory's and the register's) and the rows its queries read, and on request the statements
/// themselves, which run again directly return those rows.
/// </summary>
public sealed class SqlCountersTests
{
    // The NHS CB's scan: the latest returns, their lines, the allocations, the consortia, and the register's write.
    private const string AtRisk = """{ consortiaAtRisk(year: "2013-14") { consortium { code name } month duties { atRisk } } }""";
    private static readonly Dictionary<string, string> Capture = new() { [SqlCounters.CaptureHeader] = "true" };

    [Theory, OnEveryProvider]
    public async Task With_the_setting_a_response_reports_every_statement_of_its_operation_and_the_register_write(DatabaseProvider provider)
    {
        await using var server = await DemoGraphServer.StartAsync(provider, $"--{SqlCounters.Setting}=true");
        var before = server.Issued.Count;
        var body = await server.QueryAsync(AtRisk, "X24", "FINANCIAL_ASSURANCE", headers: Capture);
        var issued = server.Issued.Skip(before).ToList(); // the modules' and the directory's statements (not the register's)

        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        var sql = body.GetProperty("extensions").GetProperty("sql");
        var commands = sql.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("sql").GetString()!).ToList();
        Assert.Equal(sql.GetProperty("statements").GetInt32(), commands.Count);
        // The register's INSERT is counted: the counters see the response's disclosure written before it is sent.
        Assert.Single(commands, c => c.Contains("INSERT", StringComparison.OrdinalIgnoreCase) && c.Contains("DisclosureRecords", StringComparison.Ordinal));
        // Every other statement is one the modules issued for this request, batches of every level included.
        // (Loaders of a level run concurrently: the order in which they start and finish may differ.)
        Assert.Equal(issued.Select(s => s.Text).Order(StringComparer.Ordinal),
            commands.Where(c => !c.Contains("DisclosureRecords", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains(commands, c => c.Contains("FinancialReturnLines", StringComparison.Ordinal));
        Assert.True(sql.GetProperty("rows").GetInt64() > 0);
    }

    [Fact]
    public async Task The_rows_reported_are_the_rows_the_captured_statements_return_when_run_again()
    {
        await using var server = await DemoGraphServer.StartAsync(DatabaseProvider.Sqlite, $"--{SqlCounters.Setting}=true");
        var body = await server.QueryAsync(AtRisk, "X24", "FINANCIAL_ASSURANCE", headers: Capture);
        var sql = body.GetProperty("extensions").GetProperty("sql");

        await using var connection = new SqliteConnection($"Data Source={server.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        long rows = 0;
        foreach (var captured in sql.GetProperty("commands").EnumerateArray())
        {
            var text = captured.GetProperty("sql").GetString()!;
            if (!text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)) continue;
            await using var command = connection.CreateCommand();
            command.CommandText = text;
            foreach (var p in captured.GetProperty("parameters").EnumerateArray())
                command.Parameters.AddWithValue(p.GetProperty("name").GetString(), p.GetProperty("value") switch
                {
                    { ValueKind: JsonValueKind.Number } n => n.GetInt64(),
                    { ValueKind: JsonValueKind.Null } => DBNull.Value,
                    var v => v.GetString(),
                });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows++;
        }
        Assert.True(rows > 10, $"the scan reads the latest returns, their lines and allocations; read {rows}");
        Assert.Equal(rows, sql.GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task Without_the_setting_no_response_reports_sql_even_when_asked()
    {
        await using var server = await DemoGraphServer.StartAsync(DatabaseProvider.Sqlite);
        var body = await server.QueryAsync(AtRisk, "X24", "FINANCIAL_ASSURANCE", headers: Capture);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.False(body.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("sql", out _));
    }
}
