using System.Text.Json;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Server;
using Commissioning.Graph.Server.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Server.Tests;

/// <summary>Starts the GraphQL endpoint in memory (TestServer) over an SDL schema and JSON data.</summary>
public static class TestServerFactory
{
    public const string Sdl = """
        type Query {
          hello: String
          organisations(first: Int): [Organisation!]!
          slow: String
          boom: String
        }
        type Mutation { touch: Boolean }
        type Subscription { ticks: Tick! }
        type Organisation { code: ID! name: String! }
        type Tick { n: Int! }
        """;

    public const string Data = """
        { "hello": "world", "touch": true,
          "organisations": [ { "code": "01A", "name": "Northvale North" }, { "code": "X24", "name": "NHS CB" } ],
          "ticks": [ { "n": 1 }, { "n": 2 } ] }
        """;

    public static async Task<WebApplication> StartAsync(Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, string environment = "Production", Action<Schema>? configureSchema = null,
        Action<WebApplication>? configureApp = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings ?? new());
        var schema = SdlSchemaBuilder.Build(Sdl);
        configureSchema?.Invoke(schema);
        using var doc = JsonDocument.Parse(Data);
        var root = JsonInput.ToValue(doc.RootElement);
        builder.Services.AddGraphQLServer(builder.Configuration, _ => schema, _ => root);
        builder.Services.AddHealthChecks();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        configureApp?.Invoke(app);
        app.UseWebSockets();
        configureApp?.Invoke(app);
        app.MapHealthEndpoints();
        app.MapGraphQL();
        await app.StartAsync();
        return app;
    }
}
