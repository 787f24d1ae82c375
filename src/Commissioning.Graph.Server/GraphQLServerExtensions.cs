using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Server.GraphiQL;
using Commissioning.Graph.Server.Http;
using Commissioning.Graph.Server.PersistedDocuments;
using Commissioning.Graph.Server.RateLimiting;
using Commissioning.Graph.Server.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Server;

/// <summary>One extension method per feature, as Program.cs reads them.</summary>
public static class GraphQLServerExtensions
{
    /// <summary>
    /// The GraphQL endpoint's services: options (section <c>GraphQL</c>), the engine for the given
    /// schema (limits taken from the options; introspection and suggestions off in Production
    /// unless configured), the request pipeline, persisted documents, HTTP and WebSocket handlers.
    /// </summary>
    public static IServiceCollection AddGraphQLServer(this IServiceCollection services, IConfiguration configuration,
        Func<IServiceProvider, Schema> schemaFactory, Func<IServiceProvider, object?>? rootValueFactory = null)
    {
        services.AddOptions<GraphQLServerOptions>().Bind(configuration.GetSection(GraphQLServerOptions.SectionName));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GraphQLServerOptions>>().Value;
            var production = sp.GetRequiredService<IHostEnvironment>().IsProduction();
            var schema = schemaFactory(sp);
            if (options.IncrementalDelivery) schema.WithIncrementalDelivery();
            var engine = new GraphQLEngine(schema, new EngineOptions
            {
                MaxTokens = options.MaxTokens,
                MaxDepth = options.MaxDepth,
                MaxFields = options.MaxFields,
                MaxErrors = options.MaxErrors,
                DocumentCacheBytes = options.DocumentCacheBytes,
                AllowIntrospection = options.AllowIntrospection ?? !production,
                FieldSuggestions = options.FieldSuggestions ?? !production,
            });
            return new GraphQLEndpointSchema(engine, rootValueFactory?.Invoke(sp));
        });
        services.TryAddSingleton<IPersistedDocumentStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GraphQLServerOptions>>().Value.PersistedDocuments;
            var folder = options.Directory is null ? null : new FilePersistedDocumentStore(options.Directory);
            return new InMemoryPersistedDocumentStore(options, folder);
        });
        services.TryAddSingleton<IGraphQLRateLimiter, NoRateLimits>();
        services.TryAddSingleton<IGraphQLWebSocketAuthenticator, AllowAllWebSocketAuthenticator>();
        services.AddSingleton<GraphQLRequestPipeline>();
        services.AddSingleton<GraphQLHttpHandler>();
        services.TryAddSingleton<WebSocketCallerCounter>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<GraphQLTransportWsHandler>(sp,
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    /// <summary>
    /// Maps the endpoint: WebSocket upgrades (graphql-transport-ws), GraphiQL for browsers (when
    /// enabled), and GraphQL over HTTP for everything else.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<GraphQLServerOptions>>().Value;
        var environment = endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>();
        var graphiql = options.EnableGraphiQL ?? environment.IsDevelopment();
        var path = options.Path.TrimEnd('/');

        if (graphiql)
        {
            endpoints.MapGet(path + "/graphiql/{file}", async (HttpContext http, string file) =>
            {
                if (!await GraphiQLPage.TryWriteAssetAsync(http, file, path)) http.Response.StatusCode = StatusCodes.Status404NotFound;
            }).ExcludeFromDescription();
        }

        return endpoints.Map(path, async http =>
        {
            if (http.WebSockets.IsWebSocketRequest)
            {
                await http.RequestServices.GetRequiredService<GraphQLTransportWsHandler>().HandleAsync(http);
                return;
            }
            if (graphiql && HttpMethods.IsGet(http.Request.Method) && MediaTypes.AcceptsHtml(http.Request.Headers.Accept)
                && !http.Request.Query.ContainsKey("query") && !http.Request.Query.ContainsKey("documentId"))
            {
                await GraphiQLPage.WritePageAsync(http, path);
                return;
            }
            await http.RequestServices.GetRequiredService<GraphQLHttpHandler>().HandleAsync(http);
        });
    }
}
