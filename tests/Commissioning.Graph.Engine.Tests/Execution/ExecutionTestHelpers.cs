using System.Text.Json;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Execution;

internal static class ExecutionTestHelpers
{
    public static object? Json(string json) => JsonInput.ToValue(JsonDocument.Parse(json).RootElement);

    public static IReadOnlyDictionary<string, object?> Vars(string json) => JsonInput.ToVariables(JsonDocument.Parse(json).RootElement)!;

    public static Task<ExecutionResult> Execute(Schema schema, string query, object? root = null,
        IReadOnlyDictionary<string, object?>? variables = null, string? operationName = null, ExecutionOptions? options = null,
        CancellationToken cancellationToken = default)
        => Executor.ExecuteAsync(new ExecutionRequest
        {
            Schema = schema,
            Document = Parser.Parse(query),
            RootValue = root,
            VariableValues = variables,
            OperationName = operationName,
            CancellationToken = cancellationToken,
        }, options);

    public static async Task<string> Run(string sdl, string query, string dataJson = "{}", string? variablesJson = null, string? operationName = null)
    {
        var schema = SdlSchemaBuilder.Build(sdl);
        var result = await Execute(schema, query, Json(dataJson), variablesJson is null ? null : Vars(variablesJson), operationName);
        return result.ToJson();
    }

    public static FieldDefinition Field(this Schema schema, string coordinate)
    {
        var dot = coordinate.IndexOf('.');
        var type = (IComplexOutputType)schema.GetType(coordinate[..dot])!;
        return type.Fields[coordinate[(dot + 1)..]];
    }
}
