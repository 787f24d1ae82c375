using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Host.Commands;
using Commissioning.Graph.Server.Identity;
using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Engine.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Host.Tests;

/// <summary><c>serve</c> end to end over TestServer: a temporary SQLite file, migrated and seeded at start.</summary>
public sealed class ServeTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "commissioning-serve-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var database = Path.Combine(_directory, "commissioning.db");
        _app = ServeCommand.BuildGraphServer(
            ServeCommand.WithDevelopmentDefault([$"--ConnectionStrings:Commissioning=Data Source={database}", "--contentRoot", _directory]),
            configure: builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Services.AddSingleton<IGraphModule, RegistryProbeModule>();
            });
        await ServeCommand.PrepareDatabaseAsync(_app);
        await _app.StartAsync();
        _client = _app.GetTestClient();
        var token = _app.Services.GetRequiredService<DevelopmentTokenAuthority>().Mint(new DevelopmentTokenRequest { Organisation = "01A" });
        _client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_domain_graph_answers_a_consortium_by_code()
    {
        var response = await _client.PostAsJsonAsync("/graphql", new { query = """{ consortium(code: "02B") { code name practices { code } } }""" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("errors", out _), body.ToString());
        var consortium = body.GetProperty("data").GetProperty("consortium");
        Assert.Equal("Northvale South Commissioning Consortium", consortium.GetProperty("name").GetString());
        Assert.Equal(["A02001", "A02002", "A02003", "A02004"], consortium.GetProperty("practices").EnumerateArray().Select(p => p.GetProperty("code").GetString()).Order());
    }

    [Fact]
    public async Task The_graph_refuses_a_request_without_a_token()
    {
        using var anonymous = _app.GetTestClient();
        var response = await anonymous.PostAsJsonAsync("/graphql", new { query = "{ __typename }" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_consortium_is_queried_by_code_from_the_seeded_database()
    {
        var response = await _client.PostAsJsonAsync("/graphql", new { query = """{ probeConsortium(code: "02B") { code name } }""" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("errors", out _));
        Assert.Equal("""{"probeConsortium":{"code":"02B","name":"Northvale South Commissioning Consortium"}}""", body.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Readiness_checks_the_database()
    {
        var response = await _client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Serve_without_an_environment_is_development_with_graphiql()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("graphiql", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A minimal module over the real registry tables, independent of the domain modules' own schema.</summary>
    private sealed class RegistryProbeModule(IDbContextFactory<CommissioningDbContext> contexts) : IGraphModule
    {
        public string Name => "probe";
        public string Sdl => """
            type ProbeConsortium { code: ID! name: String! }
            extend type Query { probeConsortium(code: ID!): ProbeConsortium @authenticated }
            """;

        public void Configure(SchemaBuilder builder) => builder.ResolveAsync("Query.probeConsortium", async ctx =>
        {
            await using var db = await contexts.CreateDbContextAsync(ctx.CancellationToken);
            var code = (string)ctx.Arguments["code"]!;
            return await db.Consortia.AsNoTracking().Where(c => c.Code == code).Select(c => new { c.Code, c.Name }).FirstOrDefaultAsync(ctx.CancellationToken);
        });

        public IReadOnlyDictionary<string, EntityResolver> EntityResolvers { get; } = new Dictionary<string, EntityResolver>();
    }
}
