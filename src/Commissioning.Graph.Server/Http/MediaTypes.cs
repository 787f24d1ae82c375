namespace Commissioning.Graph.Server.Http;

/// <summary>The media types of GraphQL over HTTP and the <c>Accept</c> negotiation between them.</summary>
public static class MediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The response media type for an <c>Accept</c> header, or null when none is acceptable (406).
    /// No header means <c>application/json</c> (GraphQL over HTTP, legacy clients); the first
    /// supported entry wins, and <c>*/*</c> or <c>application/*</c> mean <c>application/json</c>.
    /// A charset other than utf-8 is not acceptable.
    /// </summary>
    public static string? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return Json;
        foreach (var raw in accept.Split(','))
        {
            var parts = raw.Split(';');
            var type = parts[0].Trim().ToLowerInvariant();
            var charsetOk = true;
            for (var i = 1; i < parts.Length; i++)
            {
                var param = parts[i].Trim().ToLowerInvariant().Replace(" ", "");
                if (param.StartsWith("charset=") && param is not ("charset=utf-8" or "charset=utf8")) charsetOk = false;
            }
            if (!charsetOk) continue;
            if (type == GraphQLResponse) return GraphQLResponse;
            if (type is Json or "application/*" or "*/*") return Json;
        }
        return null;
    }

    /// <summary>True for <c>application/json</c> with no charset or utf-8.</summary>
    public static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return false;
        var parts = contentType.Split(';');
        if (!parts[0].Trim().Equals(Json, StringComparison.OrdinalIgnoreCase)) return false;
        for (var i = 1; i < parts.Length; i++)
        {
            var param = parts[i].Trim().ToLowerInvariant().Replace(" ", "");
            if (param.StartsWith("charset=") && param is not ("charset=utf-8" or "charset=utf8")) return false;
        }
        return true;
    }

    public static bool AcceptsHtml(string? accept) => accept is not null && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
