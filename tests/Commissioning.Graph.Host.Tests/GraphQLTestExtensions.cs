using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Host.Tests;

internal static class GraphQLTestExtensions
{
    /// <summary>Executes <paramref name="query"/> and returns the JSON response, parsed.</summary>
    public static async Task<JsonElement> RunAsync(this Schema schema, string query, Dictionary<string, object?>? variables = null)
    {
        var engine = new GraphQLEngine(schema);
        var result = await engine.ExecuteAsync(query, variables: variables);
        return JsonDocument.Parse(result.ToJson()).RootElement.Clone();
    }
}
