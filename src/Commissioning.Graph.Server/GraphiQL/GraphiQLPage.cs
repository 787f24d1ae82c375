using Microsoft.AspNetCore.Http;

namespace Commissioning.Graph.Server.GraphiQL;

/// <summary>
/// GraphiQL for browsers that open the GraphQL endpoint, served entirely from this server (the
/// npm graphiql 3 and React 18 files copied beside it at build time), so it works offline and
/// under a strict content security policy.
/// </summary>
public static class GraphiQLPage
{
    public static readonly string AssetsDirectory = Path.Combine(AppContext.BaseDirectory, "graphiql");

    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["graphiql.min.js"] = "text/javascript",
        ["graphiql.min.css"] = "text/css",
        ["react.production.min.js"] = "text/javascript",
        ["react-dom.production.min.js"] = "text/javascript",
    };

    public static bool Available => File.Exists(Path.Combine(AssetsDirectory, "graphiql.min.js"));

    public static async Task WritePageAsync(HttpContext http, string endpointPath)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        if (!Available)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsync("<!doctype html><title>GraphiQL unavailable</title><p>GraphiQL's files were not installed at build time (npm was unavailable). POST GraphQL requests to this URL.</p>");
            return;
        }
        var basePath = http.Request.PathBase + endpointPath;
        await http.Response.WriteAsync($$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Commissioning.Graph — GraphiQL</title>
              <link rel="stylesheet" href="{{basePath}}/graphiql/graphiql.min.css">
              <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
            </head>
            <body>
              <div id="graphiql">Loading GraphiQL…</div>
              <script src="{{basePath}}/graphiql/react.production.min.js"></script>
              <script src="{{basePath}}/graphiql/react-dom.production.min.js"></script>
              <script src="{{basePath}}/graphiql/graphiql.min.js"></script>
              <script src="{{basePath}}/graphiql/start.js"></script>
            </body>
            </html>
            """);
    }

    /// <summary>Serves one of the GraphiQL files, or the small start script; false when the name is not one of them.</summary>
    public static async Task<bool> TryWriteAssetAsync(HttpContext http, string name, string endpointPath)
    {
        if (name == "start.js")
        {
            http.Response.ContentType = "text/javascript; charset=utf-8";
            var url = http.Request.PathBase + endpointPath;
            // Headers typed in GraphiQL's header editor (e.g. Authorization, X-Purpose-Of-Use) are sent with every request.
            await http.Response.WriteAsync($$"""
                const fetcher = GraphiQL.createFetcher({ url: '{{url}}' });
                ReactDOM.createRoot(document.getElementById('graphiql')).render(
                  React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: true }));
                """);
            return true;
        }
        if (!Assets.TryGetValue(name, out var contentType)) return false;
        var path = Path.Combine(AssetsDirectory, name);
        if (!File.Exists(path)) return false;
        http.Response.ContentType = contentType + "; charset=utf-8";
        http.Response.Headers.CacheControl = "public, max-age=86400";
        await http.Response.SendFileAsync(path);
        return true;
    }
}
