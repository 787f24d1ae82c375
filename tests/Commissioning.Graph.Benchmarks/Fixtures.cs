using System.Reflection;
using System.Text.Json;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Benchmarks;

/// <summary>
/// What every benchmark runs on: the commissioning schema (Fixtures/commissioning.graphql, 20 named
/// types with interfaces, a union, enums, input objects, custom scalars and deprecations), the
/// 30-field query (Fixtures/query30.graphql) and its root data.
/// </summary>
/// <remarks>
/// The root data is one consortium of <see cref="Practices"/> practices, each with
/// <see cref="ReturnsPerPractice"/> monthly returns of <see cref="LinesPerReturn"/> lines. It is
/// generated, written as JSON and read back with <see cref="JsonInput.ToValue"/>, so the executor sees
/// what it sees behind <c>serve --data</c> and <c>exec --jsonl</c>: dictionaries, lists, int, double,
/// string. The 30-field query returns about 1,800 values (about 40 KB of JSON) from it.
/// </remarks>
public static class Fixtures
{
    public const int Practices = 12;
    public const int ReturnsPerPractice = 3;
    public const int LinesPerReturn = 8;

    public static readonly string Sdl = Resource("commissioning.graphql");
    public static readonly string Query30 = Resource("query30.graphql");
    public const string Query30OperationName = "ConsortiumReturns";

    /// <summary>The variables of the 30-field query, as decoded from a request's JSON body.</summary>
    public static IReadOnlyDictionary<string, object?> Query30Variables() =>
        JsonInput.ToVariables(JsonDocument.Parse("""{"code":"03V","period":"2012","first":50}""").RootElement)!;

    public static Schema BuildSdlSchema() => SdlSchemaBuilder.Build(Sdl);

    /// <summary>The JSON-like root value: <c>{ "consortium": { ... } }</c>.</summary>
    public static object RootData()
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object?> { ["consortium"] = Domain.Consortium03V().ToJsonShape() });
        return JsonInput.ToValue(JsonDocument.Parse(json).RootElement)!;
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded fixture {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
