using System.Text;
using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Engine.Validation;

namespace Commissioning.Graph.Host.Commands;

/// <summary>
/// <c>exec --jsonl</c>: runs the engine alone over JSON Lines (ARCHITECTURE.md "exec --jsonl").
/// Each input line <c>{"id","schema","data","query","variables"?,"operationName"?}</c> gives exactly one
/// output line, in order: <c>{"id","response"}</c>, or <c>{"id","schemaError"}</c> when the SDL does not
/// build or validate, or <c>{"id":null,"inputError"}</c> for a line that is not JSON. The semantics are
/// graphql-js's <c>graphql({schema: buildSchema(sdl), source: query, rootValue: data, ...})</c>.
/// </summary>
public static class ExecJsonlCommand
{
    public static int Run(string[] args, Stream input, Stream output)
    {
        if (args.Length == 0 || args[0] != "--jsonl")
        {
            Console.Error.WriteLine("usage: exec --jsonl  (JSON Lines on standard input)");
            return 2;
        }
        var schemas = new Dictionary<string, (Schema? Schema, string? Error)>(StringComparer.Ordinal);
        using var reader = new StreamReader(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var buffered = new BufferedStream(output, 1 << 16);
        using var writer = new Utf8JsonWriter(buffered, ResultJsonWriter.WriterOptions);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            RunCase(line, schemas, writer);
            writer.Flush();
            writer.Reset();
            buffered.WriteByte((byte)'\n');
        }
        writer.Flush();
        buffered.Flush();
        return 0;
    }

    private static void RunCase(string line, Dictionary<string, (Schema?, string?)> schemas, Utf8JsonWriter writer)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 10_000 });
        }
        catch (JsonException e)
        {
            writer.WriteStartObject();
            writer.WriteNull("id");
            writer.WriteString("inputError", e.Message);
            writer.WriteEndObject();
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            JsonElement id = default;
            var isObject = root.ValueKind == JsonValueKind.Object;
            if (isObject) root.TryGetProperty("id", out id);
            writer.WriteStartObject();
            writer.WritePropertyName("id");
            if (id.ValueKind == JsonValueKind.Undefined) writer.WriteNullValue(); else id.WriteTo(writer);
            try
            {
                if (!isObject) throw new InvalidOperationException("A case must be a JSON object.");
                var sdl = GetString(root, "schema") ?? "";
                if (!schemas.TryGetValue(sdl, out var built))
                {
                    built = BuildSchema(sdl);
                    schemas[sdl] = built;
                }
                if (built.Item1 is not { } schema)
                {
                    writer.WriteString("schemaError", built.Item2);
                }
                else if (root.TryGetProperty("incremental", out var incremental) && incremental.ValueKind == JsonValueKind.True)
                {
                    ExecuteIncrementally(schema, root, writer);
                }
                else
                {
                    var result = Execute(schema, root);
                    writer.WritePropertyName("response");
                    ResultJsonWriter.Write(writer, result);
                }
            }
            catch (Exception e)
            {
                writer.WriteString("internalError", e.Message);
            }
            writer.WriteEndObject();
        }
    }

    private static (Schema?, string?) BuildSchema(string sdl)
    {
        try
        {
            var schema = SdlSchemaBuilder.Build(sdl);
            var errors = SchemaValidator.Validate(schema);
            if (errors.Count > 0) return (null, string.Join("\n", errors.Select(e => e.Message)));
            return (schema, null);
        }
        catch (GraphQLException e)
        {
            return (null, string.Join("\n", e.Errors.Select(x => x.Message)));
        }
        catch (Exception e)
        {
            return (null, e.Message);
        }
    }

    // "incremental": true runs the case as graphql-js 17.1's experimentalExecuteIncrementally: the initial
    // result, then "subsequent" (empty when nothing was deferred or streamed, or the request failed early).
    private static void ExecuteIncrementally(Schema schema, JsonElement root, Utf8JsonWriter writer)
    {
        var request = Prepare(schema, root, out var early);
        if (request is null)
        {
            writer.WritePropertyName("response");
            ResultJsonWriter.Write(writer, early!);
            writer.WritePropertyName("subsequent");
            writer.WriteStartArray();
            writer.WriteEndArray();
            return;
        }
        var result = Executor.ExecuteIncrementallyAsync(request, ContractExecutionOptions).GetAwaiter().GetResult();
        var subsequent = new List<SubsequentResult>();
        if (result.Subsequent is { } payloads)
        {
            var enumerator = payloads.GetAsyncEnumerator();
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult()) subsequent.Add(enumerator.Current);
        }
        writer.WritePropertyName("response");
        ResultJsonWriter.WriteInitial(writer, result);
        writer.WritePropertyName("subsequent");
        writer.WriteStartArray();
        foreach (var payload in subsequent) ResultJsonWriter.WriteSubsequent(writer, payload);
        writer.WriteEndArray();
    }

    private static ExecutionResult Execute(Schema schema, JsonElement root)
    {
        var request = Prepare(schema, root, out var early);
        if (request is null) return early!;
        return Executor.ExecuteAsync(request, ContractExecutionOptions).GetAwaiter().GetResult();
    }

    // Parse and validate as graphql() does; null (with the result to give) when the document is refused.
    private static ExecutionRequest? Prepare(Schema schema, JsonElement root, out ExecutionResult? early)
    {
        early = null;
        DocumentNode document;
        try
        {
            document = Parser.Parse(GetString(root, "query") ?? "", ContractParserOptions);
        }
        catch (GraphQLException e) when (e.Errors.Any(x => x.Code == ErrorCodes.DocumentLimitExceeded))
        {
            // graphql-js has no depth limit: a document nested too deeply for it exhausts its stack, and the
            // RangeError surfaces as one error without locations. Ours stops at ContractParserOptions.MaxDepth.
            early = ExecutionResult.FromErrors([new GraphQLError("Maximum call stack size exceeded")]);
            return null;
        }
        catch (GraphQLException e)
        {
            early = ExecutionResult.FromErrors(WithoutExtensions(e.Errors));
            return null;
        }
        var validationErrors = ValidateDocument(schema, document);
        if (validationErrors.Count > 0)
        {
            early = ExecutionResult.FromErrors(WithoutExtensions(validationErrors));
            return null;
        }

        var rootValue = root.TryGetProperty("data", out var data) ? JsonInput.ToValue(data) : null;
        var variables = root.TryGetProperty("variables", out var vars) ? JsonInput.ToVariables(vars) : null;
        return new ExecutionRequest
        {
            Schema = schema,
            Document = document,
            RootValue = rootValue,
            VariableValues = variables,
            OperationName = GetString(root, "operationName"),
        };
    }

    // The contract is graphql-js's graphql(): no token limit on documents and no cap on the number of field
    // errors. Nesting is bounded near where graphql-js itself runs out of stack (1800-3000 levels, by
    // construct), well within what the engine's recursive phases handle safely.
    private static readonly ParserOptions ContractParserOptions = new() { MaxTokens = 0, MaxDepth = 2000 };
    private static readonly ExecutionOptions ContractExecutionOptions = new() { MaxErrors = int.MaxValue };

    private static IReadOnlyList<GraphQLError> ValidateDocument(Schema schema, DocumentNode document) =>
        DocumentValidator.Validate(schema, document);

    // graphql-js's syntax and validation errors carry no extensions; the engine adds a code for servers.
    private static IReadOnlyList<GraphQLError> WithoutExtensions(IReadOnlyList<GraphQLError> errors) =>
        errors.Select(e => new GraphQLError(e.Message) { Locations = e.Locations, Path = e.Path }).ToArray();

    private static string? GetString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
