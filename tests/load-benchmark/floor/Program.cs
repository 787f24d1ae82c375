// usage: dotnet Floor.dll <input.json> [--explain]   (graph.mjs writes the input and reads the JSON this prints)
// --explain: prints instead each SELECT's plan (PostgreSQL: EXPLAIN ANALYZE; SQLite: EXPLAIN QUERY PLAN) with its
// captured parameters, to check that the statements use the indexes.
// input: { "provider": "sqlite" | "postgresql", "connectionString": "...", "iterations": 200, "seconds": 3,
//          "queries": [ { "name": "...", "commands": [ { "sql": "...", "parameters": [ { "name", "dbType", "value" } ] } ] } ] }
// For each query, runs its statements one after another on one open connection, reading every column of every
// row, warm-up first, then up to `iterations` times (at most `seconds`); prints { name: { p50, mean, runs } } in ms.
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;

var input = JsonNode.Parse(File.ReadAllText(args[0]))!.AsObject();
var provider = (string)input["provider"]!;
var iterations = (int?)input["iterations"] ?? 200;
var seconds = (double?)input["seconds"] ?? 3;
await using DbConnection connection = provider == "postgresql"
    ? new NpgsqlConnection((string)input["connectionString"]!)
    : new SqliteConnection((string)input["connectionString"]!);
await connection.OpenAsync();

if (args.Contains("--explain"))
{
    foreach (var query in input["queries"]!.AsArray())
    foreach (var captured in query!["commands"]!.AsArray())
    {
        var sql = (string)captured!["sql"]!;
        if (!sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)) continue;
        await using var explain = Prepare(connection, captured);
        explain.CommandText = (provider == "postgresql" ? "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " : "EXPLAIN QUERY PLAN ") + sql;
        Console.WriteLine($"== {(string)query["name"]!}\n{sql}\n--");
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync()) Console.WriteLine(reader.GetValue(reader.FieldCount - 1));
        Console.WriteLine();
    }
    return;
}

var results = new JsonObject();
foreach (var query in input["queries"]!.AsArray())
{
    var commands = query!["commands"]!.AsArray().Select(c => Prepare(connection, c!)).ToList();
    for (var i = 0; i < 10; i++) await RunAsync(commands);   // warm-up: plans, caches
    var times = new List<double>();
    var budget = Stopwatch.StartNew();
    while (times.Count < iterations && budget.Elapsed.TotalSeconds < seconds)
    {
        var started = Stopwatch.GetTimestamp();
        await RunAsync(commands);
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
    times.Sort();
    results[(string)query["name"]!] = new JsonObject
    {
        ["p50"] = Math.Round(times[times.Count / 2], 3),
        ["mean"] = Math.Round(times.Average(), 3),
        ["runs"] = times.Count,
    };
    foreach (var c in commands) await c.DisposeAsync();
}
Console.WriteLine(results.ToJsonString());

static async Task RunAsync(List<DbCommand> commands)
{
    foreach (var command in commands)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        do
        {
            while (await reader.ReadAsync()) reader.GetValues(values);
        } while (await reader.NextResultAsync());
    }
}

static DbCommand Prepare(DbConnection connection, JsonNode captured)
{
    var command = connection.CreateCommand();
    command.CommandText = (string)captured["sql"]!;
    foreach (var p in captured["parameters"]!.AsArray())
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = (string)p!["name"]!;
        parameter.Value = Value(p["value"], (string?)p["dbType"]) ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
    return command;
}

// The captured values as the CLR values EF Core bound (JSON loses the type: the DbType says it).
static object? Value(JsonNode? value, string? dbType) => value switch
{
    null => null,
    JsonArray array => array.Count > 0 && array[0] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        ? array.Select(x => (int)x!).ToArray()
        : array.Select(x => (string?)x).ToArray(),
    JsonValue v when v.GetValueKind() == JsonValueKind.Number => dbType switch
    {
        "Int64" => (long)v, "Decimal" or "Currency" => (decimal)v, "Double" => (double)v, _ => (int)v,
    },
    JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => (bool)v,
    JsonValue v => dbType switch
    {
        "Date" => DateOnly.Parse((string)v!, CultureInfo.InvariantCulture),
        "DateTime" or "DateTime2" or "DateTimeOffset" => DateTime.Parse((string)v!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => (string?)v,
    },
    _ => value.ToJsonString(),
};
