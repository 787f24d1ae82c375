using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Introspection;

/// <summary>A resolve context for calling resolvers directly, without the executor.</summary>
internal sealed class FakeResolveContext : IResolveContext
{
    public FakeResolveContext(Schema schema, object? source, IReadOnlyDictionary<string, object?>? arguments = null, ObjectType? parentType = null)
    {
        Schema = schema;
        Source = source;
        Arguments = arguments ?? new Dictionary<string, object?>();
        ParentType = parentType ?? schema.QueryType!;
    }
    public object? Source { get; }
    public IReadOnlyDictionary<string, object?> Arguments { get; }
    public FieldDefinition FieldDefinition { get; init; } = new("x", BuiltInScalars.String);
    public ObjectType ParentType { get; }
    public IReadOnlyList<FieldNode> FieldNodes { get; } = Array.Empty<FieldNode>();
    public string ResponseKey => FieldDefinition.Name;
    public IReadOnlyList<object> Path { get; } = Array.Empty<object>();
    public Schema Schema { get; }
    public OperationDefinitionNode Operation { get; } = new() { SelectionSet = new SelectionSetNode { Selections = Array.Empty<SelectionNode>() } };
    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; } = new Dictionary<string, FragmentDefinitionNode>();
    public IReadOnlyDictionary<string, object?> VariableValues { get; } = new Dictionary<string, object?>();
    public object? RootValue => null;
    public IServiceProvider? Services => null;
    public RequestScope Scope { get; init; } = new();
    public CancellationToken CancellationToken { get; init; }
}

internal static class Resolve
{
    /// <summary>Calls the resolver of <paramref name="type"/>.<paramref name="field"/> on <paramref name="source"/>.</summary>
    public static object? Field(Schema schema, ObjectType type, string field, object? source, params (string Name, object? Value)[] args)
    {
        var def = type.Fields[field];
        var arguments = new Dictionary<string, object?>();
        foreach (var a in def.Arguments.List) if (a.HasDefaultValue) arguments[a.Name] = a.DefaultValue;
        foreach (var (n, v) in args) arguments[n] = v;
        var ctx = new FakeResolveContext(schema, source, arguments, type) { FieldDefinition = def };
        var vt = def.Resolver!(ctx);
        return vt.IsCompleted ? vt.Result : vt.AsTask().GetAwaiter().GetResult();
    }

    public static List<string> Names(object? list) =>
        ((IEnumerable)list!).Cast<object>().Select(m => m is NamedType t ? t.Name : ((INamedMember)m).Name).ToList();
}

/// <summary>Runs a query through <see cref="Executor.ExecuteAsync"/>.</summary>
internal static class TestExecutor
{
    public static async Task<ExecutionResult> ExecuteAsync(Schema schema, string query, object? rootValue = null,
        IReadOnlyDictionary<string, object?>? variables = null, RequestScope? scope = null)
    {
        var request = new ExecutionRequest
        {
            Schema = schema,
            Document = Parser.Parse(query),
            RootValue = rootValue,
            VariableValues = variables,
            Scope = scope,
        };
        return await Executor.ExecuteAsync(request);
    }

    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The response as compact JSON, keys in response order (spec §7.1).</summary>
    public static string ToJson(ExecutionResult result)
    {
        var o = new JsonObject();
        if (result.Errors is { Count: > 0 } errors)
            o["errors"] = new JsonArray(errors.Select(e => (JsonNode?)new JsonObject { ["message"] = e.Message }).ToArray());
        if (result.HasData) o["data"] = ToNode(result.Data);
        return o.ToJsonString(Compact);
    }

    public static string DataJson(ExecutionResult result)
    {
        Assert.True(result.Errors is null or { Count: 0 }, "errors: " + string.Join("; ", result.Errors?.Select(e => e.Message) ?? Array.Empty<string>()));
        return ToNode(result.Data)?.ToJsonString(Compact) ?? "null";
    }

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        decimal m => JsonValue.Create(m),
        IEnumerable<KeyValuePair<string, object?>> map => new JsonObject(map.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, ToNode(kv.Value)))),
        IDictionary dict => new JsonObject(dict.Keys.Cast<object>().Select(k => new KeyValuePair<string, JsonNode?>((string)k, ToNode(dict[k])))),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToNode).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>Re-serialises JSON compactly so two documents compare as strings (key order kept).</summary>
    public static string Normalize(string json) => JsonNode.Parse(json)!.ToJsonString(Compact);
}
