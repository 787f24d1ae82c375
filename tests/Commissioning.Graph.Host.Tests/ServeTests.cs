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
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Host.Tests;

/// <summary><c>serve</c> end to end over TestServer: a fresh database (SQLite, and PostgreSQL when configured), migrated
/// and seeded at start.</summary>
public sealed class ServeTests(ServeTests.Servers servers) : IClassFixture<ServeTests.Servers>
{
    /// <summary>A started <c>serve</c> (with <see cref="RegistryProbeModule"/>) and a client bearing a token for 01A.</summary>
    public sealed class Served : IAsyncDisposable
    {
        private readonly GraphDatabase _database;
        public WebApplication App { get; }
        public HttpClient Client { get; }

        private Served(GraphDatabase database, WebApplication app)
        {
            (_database, App) = (database, app);
            Client = app.GetTestClient();
            var token = app.Services.GetRequiredService<DevelopmentTokenAuthority>().Mint(new DevelopmentTokenRequest { Organisation = "01A" });
            Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        public static async Task<Served> StartAsync(DatabaseProvider provider)
        {
            var database = await GraphDatabase.CreateAsync(provider, "serve");
            var app = ServeCommand.BuildGraphServer(
                ServeCommand.WithDevelopmentDefault(database.ServeArguments),
                configure: builder =>
                {
                    builder.WebHost.UseTestServer();
                    builder.Services.AddSingleton<IGraphModule, RegistryProbeModule>();
                });
            try
            {
                await ServeCommand.PrepareDatabaseAsync(app);
                await app.StartAsync();
                return new Served(database, app);
            }
            catch
            {
                await app.DisposeAsync();
                await database.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await App.DisposeAsync();
            await _database.DisposeAsync();
        }
    }

    public sealed class Servers : PerProvider<Served>
    {
        protected override Task<Served> StartAsync(DatabaseProvider provider) => Served.StartAsync(provider);
    }

    [Theory, OnEveryProvider]
    public async Task The_domain_graph_answers_a_consortium_by_code(DatabaseProvider provider)
    {
        var served = await servers.For(provider);
        var response = await served.Client.PostAsJsonAsync("/graphql", new { query = """{ consortium(code: "02B") { code name practices { code } } }""" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("errors", out _), body.ToString());
        var consortium = body.GetProperty("data").GetProperty("consortium");
        Assert.Equal("Northvale South Commissioning Consortium", consortium.GetProperty("name").GetString());
        Assert.Equal(["A02001", "A02002", "A02003", "A02004"], consortium.GetProperty("practices").EnumerateArray().Select(p => p.GetProperty("code").GetString()).Order());
    }

    [Theory, OnEveryProvider]
    public async Task The_graph_refuses_a_request_without_a_token(DatabaseProvider provider)
    {
        var served = await servers.For(provider);
        using var anonymous = served.App.GetTestClient();
        var response = await anonymous.PostAsJsonAsync("/graphql", new { query = "{ __typename }" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory, OnEveryProvider]
    public async Task A_token_naming_an_organisation_outside_the_registries_is_refused_with_401(DatabaseProvider provider)
    {
        // Issue 10 #9: org "ZZZ99" read public data before.
        var served = await servers.For(provider);
        using var client = served.App.GetTestClient();
        var token = served.App.Services.GetRequiredService<DevelopmentTokenAuthority>().Mint(new DevelopmentTokenRequest { Organisation = "ZZZ99" });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var response = await client.PostAsJsonAsync("/graphql", new { query = "{ __typename }" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("ZZZ99, which is not a known organisation", response.Headers.WwwAuthenticate.ToString());
        // A code of the registries still works.
        Assert.Equal(HttpStatusCode.OK, (await served.Client.PostAsJsonAsync("/graphql", new { query = "{ __typename }" })).StatusCode);
    }

    [Theory, OnEveryProvider]
    public async Task GraphiQL_in_Development_mints_a_token_for_a_chosen_organisation_and_purpose(DatabaseProvider provider)
    {
        var served = await servers.For(provider);
        using var client = served.App.GetTestClient();
        var minted = await client.PostAsync("/graphql/dev-token?org=02b&purpose=JSNA&scope=jsna.read", null);
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        var body = JsonDocument.Parse(await minted.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("02B", body.GetProperty("organisation").GetString());

        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        var response = await client.PostAsJsonAsync("/graphql", new { query = "{ __typename }" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/graphql/dev-token?org=ZZZ99", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/graphql/dev-token?org=01A&purpose=GOSSIP", null)).StatusCode);
        // The page's script carries the picker, which posts to that endpoint.
        var script = await client.GetStringAsync("/graphql/graphiql/start.js");
        Assert.Contains("dev-identity", script);
        Assert.Contains("/graphql/dev-token", script);
    }

    [Fact]
    public async Task Outside_Development_there_is_no_token_endpoint()
    {
        await using var database = await GraphDatabase.CreateAsync(DatabaseProvider.Sqlite, "nodevtoken");
        await using var app = ServeCommand.BuildGraphServer([.. database.ServeArguments, "--environment", "Production", "--GraphQL:EnableGraphiQL=true"],
            configure: b => b.WebHost.UseTestServer());
        await app.StartAsync();
        using var client = app.GetTestClient();
        var response = await client.PostAsync("/graphql/dev-token?org=01A", null);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("dev-identity", await client.GetStringAsync("/graphql/graphiql/start.js").ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : ""));
    }

    [Theory, OnEveryProvider]
    public async Task A_consortium_is_queried_by_code_from_the_seeded_database(DatabaseProvider provider)
    {
        var served = await servers.For(provider);
        var response = await served.Client.PostAsJsonAsync("/graphql", new { query = """{ probeConsortium(code: "02B") { code name } }""" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("errors", out _));
        Assert.Equal("""{"probeConsortium":{"code":"02B","name":"Northvale South Commissioning Consortium"}}""", body.GetProperty("data").GetRawText());
    }

    [Theory, OnEveryProvider]
    public async Task Readiness_checks_the_database(DatabaseProvider provider)
    {
        var served = await servers.For(provider);
        var response = await served.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory, OnEveryProvider]
    public async Task Serve_without_an_environment_is_development_with_graphiql(DatabaseProvider provider)
    {
        var served = await servers.For(provider);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await served.Client.SendAsync(request);

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
