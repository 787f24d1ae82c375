using System.Text.Json;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Server;
using Commissioning.Graph.Server.Diagnostics;

namespace Commissioning.Graph.Host.Commands;

/// <summary>
/// <c>serve</c>: GraphQL over HTTP and WebSocket at /graphql. With <c>--schema FILE --data FILE</c>
/// it serves any SDL over JSON data with exec's semantics (a mock server for partner developers).
/// Listens on http://127.0.0.1:5080 unless <c>--urls</c> or configuration says otherwise.
/// </summary>
public static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static async Task<int> RunAsync(string[] args)
    {
        var schemaFile = CommandLine.TakeOption(ref args, "--schema");
        var dataFile = CommandLine.TakeOption(ref args, "--data");
        if (schemaFile is null)
        {
            Console.Error.WriteLine("serve: the domain modules are not available yet; use --schema FILE --data FILE.");
            return 2;
        }
        var app = BuildMockServer(args, schemaFile, dataFile);
        await app.RunAsync();
        return 0;
    }

    /// <summary>The mock server: the given SDL, resolved by exec's default resolver over the JSON data.</summary>
    public static WebApplication BuildMockServer(string[] args, string schemaFile, string? dataFile)
    {
        var builder = CreateBuilder(args);
        var schema = SdlSchemaBuilder.Build(File.ReadAllText(schemaFile));
        object? root = null;
        if (dataFile is not null)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(dataFile));
            root = JsonInput.ToValue(doc.RootElement);
        }
        builder.Services.AddGraphQLServer(builder.Configuration, _ => schema, _ => root);
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHealthEndpoints();
        app.MapGraphQL();
        return app;
    }

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.AddObservability();
        return builder;
    }
}
