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
            // In Development a bar above GraphiQL mints a development token for the chosen organisation, scopes and
            // purpose (POST {url}/dev-token) and sends it, with X-Purpose-Of-Use, under the editor's headers. It does so
            // before GraphiQL first fetches the schema (no UNAUTHENTICATED greeting), and each new choice renders GraphiQL
            // with a new fetcher, which makes it fetch the schema again as that caller.
            var picker = Identity.DevelopmentTokenEndpoint.IsAvailable(http.RequestServices);
            await http.Response.WriteAsync($$"""
                const devHeaders = {};
                const base = GraphiQL.createFetcher({ url: '{{url}}' });
                const root = ReactDOM.createRoot(document.getElementById('graphiql'));
                const render = () => root.render(React.createElement(GraphiQL, {
                  fetcher: (params, opts) => base(params, { ...(opts || {}), headers: { ...devHeaders, ...((opts && opts.headers) || {}) } }),
                  defaultEditorToolsVisibility: true, shouldPersistHeaders: true }));
                {{(picker ? DevelopmentPicker(url) : "render();")}}
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

    // The development caller bar (Development only): organisation, scopes, purpose; "Use" mints a token. The last
    // choice is kept in the browser (localStorage) and applied when the page opens.
    private static string DevelopmentPicker(string url) => $$"""
                  const bar = document.createElement('form');
                  bar.id = 'dev-identity';
                  bar.style.cssText = 'display:flex;gap:.5em;align-items:center;padding:.4em;font:13px sans-serif;background:#f3f3f3';
                  const purposes = {{System.Text.Json.JsonSerializer.Serialize(Identity.PurposeOfUse.All.Keys)}};
                  bar.innerHTML = 'Development caller: <input id="dev-org" value="01A" size="10" aria-label="organisation">'
                    + ' scopes <input id="dev-scopes" size="20" aria-label="scopes" placeholder="space-separated">'
                    + ' purpose <select id="dev-purpose" aria-label="purpose of use"><option value="">(none)</option>' + purposes.map(p => '<option>' + p + '</option>').join('') + '</select>'
                    + ' <button id="dev-use" type="submit">Use</button> <span id="dev-status" role="status"></span>';
                  document.body.insertBefore(bar, document.getElementById('graphiql'));
                  document.getElementById('graphiql').style.height = 'calc(100% - 2.5em)';
                  const field = id => document.getElementById(id);
                  const storageKey = 'commissioning-graph:dev-caller';
                  try {
                    const saved = JSON.parse(localStorage.getItem(storageKey) || 'null');
                    if (saved) { field('dev-org').value = saved.org || '01A'; field('dev-scopes').value = saved.scopes || ''; field('dev-purpose').value = saved.purpose || ''; }
                  } catch { /* no saved choice */ }
                  const useCaller = async () => {
                    const org = field('dev-org').value.trim(), scopes = field('dev-scopes').value, purpose = field('dev-purpose').value;
                    const q = new URLSearchParams({ org });
                    if (purpose) q.set('purpose', purpose);
                    scopes.split(/\s+/).filter(Boolean).forEach(s => q.append('scope', s));
                    const status = field('dev-status');
                    status.dataset.state = 'pending';
                    delete devHeaders['Authorization']; delete devHeaders['X-Purpose-Of-Use'];   // a failed choice sends no stale token
                    try {
                      const r = await fetch('{{url}}/dev-token?' + q, { method: 'POST' });
                      const body = await r.json().catch(() => ({ error: 'The server answered ' + r.status + '.' }));
                      if (!r.ok || !body.token) { status.textContent = body.error || 'The server answered ' + r.status + '.'; status.dataset.state = 'error'; return; }
                      devHeaders['Authorization'] = 'Bearer ' + body.token;
                      if (purpose) devHeaders['X-Purpose-Of-Use'] = purpose; else delete devHeaders['X-Purpose-Of-Use'];
                      try { localStorage.setItem(storageKey, JSON.stringify({ org, scopes, purpose })); } catch { /* private mode */ }
                      status.textContent = 'Sending as ' + body.organisation + (purpose ? ' for ' + purpose : '') + ((body.scopes || []).length ? ' with ' + body.scopes.join(' ') : '');
                      status.dataset.state = 'ok';
                    } catch (e) {
                      status.textContent = 'No token: ' + e.message;
                      status.dataset.state = 'error';
                    }
                  };
                  bar.addEventListener('submit', async e => { e.preventDefault(); await useCaller(); render(); });
                  useCaller().finally(render);
        """;
}
