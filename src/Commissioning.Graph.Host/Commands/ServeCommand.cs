using System.Text.Json;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Host.Graph;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Host.Governance;
using Commissioning.Graph.Server;
using Commissioning.Graph.Server.Authorization;
using Commissioning.Graph.Server.Diagnostics;
using Commissioning.Graph.Server.Federation;
using Commissioning.Graph.Server.Identity;
using Commissioning.Graph.Modules.Shared.Policies;

namespace Commissioning.Graph.Host.Commands;

/// <summary>
/// <c>serve</c>: GraphQL over HTTP and WebSocket at /graphql. With no options, all modules in one
/// process over the SQLite file <c>data/commissioning.db</c> (migrated and seeded at start), in the
/// Development environment unless <c>--environment</c> or ASPNETCORE_ENVIRONMENT says otherwise, so
/// GraphiQL is on. <c>--module NAME</c> serves one module as a federation subgraph. With
/// <c>--schema FILE --data FILE</c> it serves any SDL over JSON data with exec's semantics (a mock
/// server for partner developers). Listens on http://127.0.0.1:5080 unless <c>--urls</c> or
/// configuration says otherwise.
/// </summary>
public static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static async Task<int> RunAsync(string[] args)
    {
        var schemaFile = CommandLine.TakeOption(ref args, "--schema");
        var dataFile = CommandLine.TakeOption(ref args, "--data");
        if (schemaFile is not null)
        {
            await BuildMockServer(args, schemaFile, dataFile).RunAsync();
            return 0;
        }
        var module = CommandLine.TakeOption(ref args, "--module");
        var known = CommissioningGraph.CreateModules().Select(m => m.Name).ToList();
        if (module is not null && !known.Contains(module))
        {
            Console.Error.WriteLine($"serve: unknown module \"{module}\"; the modules are {string.Join(", ", known)}.");
            return 2;
        }
        var app = BuildGraphServer(WithDevelopmentDefault(args), module);
        await PrepareDatabaseAsync(app);
        await app.RunAsync();
        return 0;
    }

    /// <summary>
    /// The graph server: the modules' persistence, the composed schema (all modules, or one as a federation
    /// subgraph when <paramref name="module"/> is given), health checks with <c>/readyz</c> checking the database.
    /// </summary>
    public static WebApplication BuildGraphServer(string[] args, string? module = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = CreateBuilder(args);
        // A module without its own database (none named in Persistence) gets every module's persistence.
        GraphModule[] persistence = module is not null && CommissioningGraph.Persistence.TryGetValue(module, out var own) ? [own] : [];
        builder.Services.AddCommissioningPersistence(builder.Configuration, persistence);
        builder.Services.AddGraphModules();
        // The disclosure register: its database (migrated with the modules'), the interceptor that records each
        // response's disclosures before it is sent, and what Query.disclosures needs.
        builder.Services.AddGovernance(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        // Identity first: its interceptor must know the caller before authorisation and the register run.
        builder.AddCommissioningIdentity();
        builder.Services.AddCommissioningPolicies();
        builder.Services.AddGraphQLAuthorization();
        configure?.Invoke(builder);
        builder.Services.AddGraphQLServer(builder.Configuration, GraphQLAuthorizationExtensions.Authorized(
            sp => CommissioningGraph.Compose(sp.GetServices<IGraphModule>().ToList(), module).Schema));
        var app = builder.Build();
        app.UseWebSockets();
        app.UseGatewaySignature();
        app.UseCommissioningIdentity();
        app.MapHealthEndpoints();
        app.MapGraphQL().RequireCaller();
        return app;
    }

    /// <summary>Migrates and seeds (idempotently) unless <c>Database:PrepareOnStart</c> is false, so that a
    /// first <c>serve</c> creates the SQLite file and the demonstration data.</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        if (!app.Configuration.GetValue("Database:PrepareOnStart", true)) return;
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommissioningDatabase>().MigrateAndSeedAsync();
    }

    /// <summary>A newcomer's <c>serve</c> gets GraphiQL: Development unless an environment is chosen.</summary>
    public static string[] WithDevelopmentDefault(string[] args)
    {
        var chosen = args.Any(a => a == "--environment" || a.StartsWith("--environment=", StringComparison.Ordinal))
                     || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"))
                     || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"));
        return chosen ? args : [.. args, "--environment", "Development"];
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
        AddMockSubscriptions(schema, root);
        builder.Services.AddGraphQLServer(builder.Configuration, _ => schema, _ => root);
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHealthEndpoints();
        app.MapGraphQL();
        return app;
    }

    /// <summary>
    /// Mock subscriptions: a subscription field whose data is a list emits each item as one event,
    /// <see cref="MockEventInterval"/> apart (any other value is one event), so clients can exercise their
    /// subscription code against a stream that behaves like a live one rather than one that ends at once.
    /// </summary>
    public static readonly TimeSpan MockEventInterval = TimeSpan.FromMilliseconds(100);

    private static void AddMockSubscriptions(Schema schema, object? root)
    {
        if (schema.SubscriptionType is null) return;
        foreach (var field in schema.SubscriptionType.Fields.List)
        {
            var name = field.Name;
            field.Subscriber = ctx => new ValueTask<IAsyncEnumerable<object?>>(Events(root, name, ctx.CancellationToken));
        }

        static async IAsyncEnumerable<object?> Events(object? root, string name,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var value = root is IReadOnlyDictionary<string, object?> d && d.TryGetValue(name, out var v) ? v : null;
            var items = value is IReadOnlyList<object?> list ? list : new[] { value };
            foreach (var item in items)
            {
                await Task.Delay(MockEventInterval, cancellationToken);
                // The event is the root value of the selection set, so it carries the field by name.
                yield return new Dictionary<string, object?> { [name] = item };
            }
        }
    }

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.AddObservability();
        // EF Core logs every statement at Information, which drowns a developer's console (the seed
        // alone is thousands); `Database:LogSql=true` turns statement logging back on deliberately.
        // SQLite ignores the modules' schemas, as intended: no warning per entity.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Model.Validation", LogLevel.Error);
        return builder;
    }
}
