using System.Text.Json;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Modules.Tests.Graph;

internal static class ResponseAssertions
{
    public static void AssertNoErrors(this JsonElement response) =>
        Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());

    public static JsonElement Data(this JsonElement response, string field) => response.GetProperty("data").GetProperty(field);

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    /// <summary>The codes and paths of a payload's user errors.</summary>
    public static List<(string Code, string Path)> UserErrors(this JsonElement payload) =>
        payload.GetProperty("userErrors").EnumerateArray()
            .Select(e => (e.Str("code"), e.GetProperty("path").ValueKind == JsonValueKind.Array
                ? string.Join(".", e.GetProperty("path").EnumerateArray().Select(p => p.GetString())) : "")).ToList();
}

/// <summary>A resolve context outside any request, for calling entity resolvers directly.</summary>
internal sealed class TestResolveContext(IServiceProvider services) : IResolveContext
{
    public object? Source => null;
    public IReadOnlyDictionary<string, object?> Arguments { get; } = new Dictionary<string, object?>();
    public FieldDefinition FieldDefinition => throw new NotSupportedException();
    public ObjectType ParentType => throw new NotSupportedException();
    public IReadOnlyList<FieldNode> FieldNodes => [];
    public string ResponseKey => "_entities";
    public IReadOnlyList<object> Path => [];
    public Schema Schema => throw new NotSupportedException();
    public OperationDefinitionNode Operation => throw new NotSupportedException();
    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; } = new Dictionary<string, FragmentDefinitionNode>();
    public IReadOnlyDictionary<string, object?> VariableValues { get; } = new Dictionary<string, object?>();
    public object? RootValue => null;
    public IServiceProvider? Services => services;
    public RequestScope Scope { get; } = new();
    public CancellationToken CancellationToken => CancellationToken.None;
}
