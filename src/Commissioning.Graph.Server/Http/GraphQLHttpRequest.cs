using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Commissioning.Graph.Server.Http;

/// <summary>One GraphQL request as GraphQL over HTTP carries it (§ "Request Parameters").</summary>
public sealed class GraphQLHttpRequest
{
    public string? Query { get; init; }
    public string? OperationName { get; init; }
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }
    /// <summary>A persisted document's id, <c>sha256:&lt;hex&gt;</c> (GraphQL over HTTP, persisted documents appendix).</summary>
    public string? DocumentId { get; init; }
}

/// <summary>Why a request could not be read: the HTTP status and a message for the client.</summary>
public sealed class BadHttpRequest : Exception
{
    public BadHttpRequest(int status, string message) : base(message) => Status = status;
    public int Status { get; }
}

/// <summary>Reads request parameters from a GET query string or a POST JSON body.</summary>
public static class GraphQLHttpRequestReader
{
    public static GraphQLHttpRequest FromQueryString(IQueryCollection query)
    {
        static string? Single(IQueryCollection q, string name)
        {
            if (!q.TryGetValue(name, out var v)) return null;
            if (v.Count > 1) throw new BadHttpRequest(400, $"The \"{name}\" parameter must be given at most once.");
            return v[0];
        }
        var variablesText = Single(query, "variables");
        var extensionsText = Single(query, "extensions");
        var extensions = extensionsText is null ? null : ParseObjectParameter(extensionsText, "extensions");
        return new GraphQLHttpRequest
        {
            Query = Single(query, "query"),
            OperationName = NullIfEmpty(Single(query, "operationName")),
            Variables = variablesText is null ? null : ParseObjectParameter(variablesText, "variables"),
            Extensions = extensions,
            DocumentId = Single(query, "documentId") ?? PersistedQueryHash(extensions),
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static IReadOnlyDictionary<string, object?>? ParseObjectParameter(string text, string name)
    {
        JsonElement element;
        try
        {
            using var doc = JsonDocument.Parse(text);
            element = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new BadHttpRequest(400, $"The \"{name}\" parameter is not valid JSON.");
        }
        return ObjectParameter(element, name);
    }

    private static IReadOnlyDictionary<string, object?>? ObjectParameter(JsonElement element, string name) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Object => (IReadOnlyDictionary<string, object?>)Engine.Execution.JsonInput.ToValue(element)!,
        _ => throw new BadHttpRequest(400, $"The \"{name}\" parameter must be a JSON object or null."),
    };

    /// <summary>Reads one request from a JSON object (a POST body or one entry of a batch).</summary>
    public static GraphQLHttpRequest FromJson(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new BadHttpRequest(400, "The request body must be a JSON object.");
        string? query = null, operationName = null, documentId = null;
        IReadOnlyDictionary<string, object?>? variables = null, extensions = null;
        foreach (var p in body.EnumerateObject())
        {
            switch (p.Name)
            {
                case "query": query = StringOrNull(p.Value, "query"); break;
                case "operationName": operationName = StringOrNull(p.Value, "operationName"); break;
                case "documentId": documentId = StringOrNull(p.Value, "documentId"); break;
                case "variables": variables = ObjectParameter(p.Value, "variables"); break;
                case "extensions": extensions = ObjectParameter(p.Value, "extensions"); break;
            }
        }
        return new GraphQLHttpRequest
        {
            Query = query, OperationName = operationName, Variables = variables, Extensions = extensions,
            DocumentId = documentId ?? PersistedQueryHash(extensions),
        };
    }

    private static string? StringOrNull(JsonElement v, string name) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Null => null,
        _ => throw new BadHttpRequest(400, $"The \"{name}\" parameter must be a string."),
    };

    // Apollo's automatic-persisted-query convention: extensions.persistedQuery.sha256Hash.
    private static string? PersistedQueryHash(IReadOnlyDictionary<string, object?>? extensions)
    {
        if (extensions is not null && extensions.TryGetValue("persistedQuery", out var pq)
            && pq is IReadOnlyDictionary<string, object?> d && d.TryGetValue("sha256Hash", out var h) && h is string hash)
            return "sha256:" + hash;
        return null;
    }
}
