using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Server.PersistedDocuments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Server.Tests;

public sealed class HttpTransportTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await TestServerFactory.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(string body, string? accept = "application/graphql-response+json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Json(body) };
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    [Fact]
    public async Task Post_query_returns_data_with_graphql_response_media_type()
    {
        var (status, body, response) = await PostAsync("""{"query":"{ hello }"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("world", body.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Get_query_is_served_from_the_query_string()
    {
        var response = await _client.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ hello }"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"hello\":\"world\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Mutation_over_get_is_405_with_allow_post()
    {
        var response = await _client.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { touch }"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Unacceptable_accept_header_is_406()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Json("""{"query":"{ hello }"}""") };
        request.Headers.Accept.ParseAdd("text/plain");
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task Non_json_content_type_is_415()
    {
        var response = await _client.PostAsync("/graphql", new StringContent("{ hello }", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_body_is_400()
    {
        var (status, body, _) = await PostAsync("{\"query\":");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Syntax_error_is_400_with_parse_failed_code_and_no_data()
    {
        var (status, body, _) = await PostAsync("""{"query":"{ hello "}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(body.TryGetProperty("data", out _));
        Assert.Equal("GRAPHQL_PARSE_FAILED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Validation_error_is_200_under_legacy_json_media_type()
    {
        var (status, body, _) = await PostAsync("""{"query":"{ nope }"}""", accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Introspection_is_refused_in_production_by_default()
    {
        var (status, body, _) = await PostAsync("""{"query":"{ __schema { queryType { name } } }"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Cost_is_reported_in_extensions()
    {
        var (_, body, _) = await PostAsync("""{"query":"{ organisations(first: 2) { code name } }"}""");
        var cost = body.GetProperty("extensions").GetProperty("cost");
        Assert.Equal(2, cost.GetProperty("requested").GetDouble());
    }

    [Fact]
    public async Task Variables_must_be_an_object()
    {
        var (status, _, _) = await PostAsync("""{"query":"{ hello }","variables":[1]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Batched_requests_get_an_array_of_results_in_order()
    {
        var (status, body, _) = await PostAsync("""[{"query":"{ hello }"},{"query":"{ organisations { code } }"}]""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        Assert.Equal("world", body[0].GetProperty("data").GetProperty("hello").GetString());
        Assert.Equal("01A", body[1].GetProperty("data").GetProperty("organisations")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/readyz")).StatusCode);
    }
}

public sealed class LimitTests
{
    private static async Task<(HttpStatusCode, JsonElement)> PostAsync(WebApplication app, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        var response = await app.GetTestClient().SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string CodeOf(JsonElement body) => body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;

    [Fact]
    public async Task Cost_above_the_maximum_is_refused_before_execution()
    {
        await using var app = await TestServerFactory.StartAsync(new() { ["GraphQL:MaxCost"] = "5" });
        var (status, body) = await PostAsync(app, """{"query":"{ organisations(first: 100) { code } }"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("COST_LIMIT_EXCEEDED", CodeOf(body));
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Depth_above_the_maximum_is_refused()
    {
        await using var app = await TestServerFactory.StartAsync(new() { ["GraphQL:MaxDepth"] = "1" });
        var (status, body) = await PostAsync(app, """{"query":"{ organisations { code } }"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("DEPTH_LIMIT_EXCEEDED", CodeOf(body));
    }

    [Fact]
    public async Task Too_many_tokens_is_a_parse_failure_not_a_crash()
    {
        await using var app = await TestServerFactory.StartAsync(new() { ["GraphQL:MaxTokens"] = "50" });
        var query = "{ " + string.Concat(Enumerable.Repeat("hello ", 100)) + "}";
        var (status, body) = await PostAsync(app, JsonSerializer.Serialize(new { query }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(CodeOf(body));
    }

    [Fact]
    public async Task Hostile_nesting_gets_an_error()
    {
        await using var app = await TestServerFactory.StartAsync(new() { ["GraphQL:MaxRequestBodyBytes"] = "10000000" });
        var query = new string('{', 100_000) + new string('}', 100_000);
        var (status, body) = await PostAsync(app, JsonSerializer.Serialize(new { query }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Body_larger_than_the_limit_is_413()
    {
        await using var app = await TestServerFactory.StartAsync(new() { ["GraphQL:MaxRequestBodyBytes"] = "100" });
        var (status, _) = await PostAsync(app, JsonSerializer.Serialize(new { query = "{ hello }" + new string(' ', 500) }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Too_many_operations_in_a_batch_is_400()
    {
        await using var app = await TestServerFactory.StartAsync(new() { ["GraphQL:MaxOperationsPerRequest"] = "2" });
        var (status, _) = await PostAsync(app, """[{"query":"{ hello }"},{"query":"{ hello }"},{"query":"{ hello }"}]""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Execution_timeout_cancels_the_resolver_and_reports_timeout()
    {
        var cancelled = new TaskCompletionSource<bool>();
        await using var app = await TestServerFactory.StartAsync(new() { ["GraphQL:ExecutionTimeout"] = "00:00:00.200" },
            configureSchema: schema => schema.QueryType!.Fields["slow"].Resolver = async ctx =>
            {
                try { await Task.Delay(TimeSpan.FromSeconds(30), ctx.CancellationToken); }
                catch (OperationCanceledException) { cancelled.TrySetResult(true); throw; }
                return "late";
            });
        var (_, body) = await PostAsync(app, """{"query":"{ slow }"}""");
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("extensions").GetProperty("code").GetString() == "TIMEOUT");
        Assert.True(await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Unexpected_exceptions_are_masked_outside_development()
    {
        await using var app = await TestServerFactory.StartAsync(configureSchema: schema =>
            schema.QueryType!.Fields["boom"].Resolver = _ => throw new InvalidOperationException("connection string leaked"));
        var (status, body) = await PostAsync(app, """{"query":"{ boom hello }"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var error = body.GetProperty("errors")[0];
        Assert.DoesNotContain("leaked", error.ToString());
        Assert.Equal("INTERNAL_SERVER_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("world", body.GetProperty("data").GetProperty("hello").GetString());
    }
}

public sealed class PersistedDocumentTests
{
    [Fact]
    public async Task Document_id_runs_the_stored_document()
    {
        var store = new InMemoryPersistedDocumentStore();
        var id = store.Add("{ hello }");
        await using var app = await TestServerFactory.StartAsync(services: s => s.AddSingleton<IPersistedDocumentStore>(store));
        var response = await app.GetTestClient().PostAsync("/graphql", new StringContent($$"""{"documentId":"{{id}}"}""", Encoding.UTF8, "application/json"));
        Assert.Contains("\"hello\":\"world\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_document_id_is_persisted_document_not_found()
    {
        await using var app = await TestServerFactory.StartAsync();
        var response = await app.GetTestClient().PostAsync("/graphql", new StringContent("""{"documentId":"sha256:00"}""", Encoding.UTF8, "application/json"));
        Assert.Contains("PERSISTED_DOCUMENT_NOT_FOUND", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Required_mode_refuses_inline_documents()
    {
        await using var app = await TestServerFactory.StartAsync(new() { ["GraphQL:PersistedDocuments:Mode"] = "Required" });
        var response = await app.GetTestClient().PostAsync("/graphql", new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("PERSISTED_DOCUMENT_REQUIRED", text);
        Assert.DoesNotContain("world", text);
    }

    [Fact]
    public void File_store_refuses_a_file_whose_content_does_not_match_its_name()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, new string('a', 64) + ".graphql"), "{ hello }");
            Assert.Throws<InvalidDataException>(() => new FilePersistedDocumentStore(dir.FullName));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public async Task File_store_serves_documents_by_their_hash()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var id = PreparedDocument.ComputeHash("{ hello }");
            File.WriteAllText(Path.Combine(dir.FullName, id["sha256:".Length..] + ".graphql"), "{ hello }");
            var store = new FilePersistedDocumentStore(dir.FullName);
            Assert.Equal("{ hello }", await store.GetAsync(id, default));
        }
        finally { dir.Delete(true); }
    }
}

public sealed class GraphiQLTests
{
    private static HttpRequestMessage BrowserGet(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        return request;
    }

    [Fact]
    public async Task Browsers_get_graphiql_in_development_served_from_local_files()
    {
        await using var app = await TestServerFactory.StartAsync(environment: "Development");
        var client = app.GetTestClient();
        var page = await client.SendAsync(BrowserGet("/graphql"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("/graphql/graphiql/graphiql.min.js", html);
        Assert.DoesNotContain("https://", html);
        var script = await client.GetAsync("/graphql/graphiql/graphiql.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }

    [Fact]
    public async Task Graphiql_is_off_in_production_by_default()
    {
        await using var app = await TestServerFactory.StartAsync(environment: "Production");
        var response = await app.GetTestClient().SendAsync(BrowserGet("/graphql"));
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync());
    }
}
