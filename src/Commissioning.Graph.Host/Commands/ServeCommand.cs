using Commissioning.Graph.Host.Diagnostics;
using OpenTelemetry.Trace;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Host.Events;
using Commissioning.Graph.Host.Graph;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Host.Governance;
using Commissioning.Graph.Server;
using Commissioning.Graph.Server.Authorization;
using Commissioning.Graph.Server.Diagnostics;
using Commissioning.Graph.Server.Http;
using Commissioning.Graph.Server.Federation;
using Commissioning.Graph.Server.Identity;
using Commissioning.Graph.Server.Redis;
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
            return await RunUntilStoppedAsync(BuildMockServer(args, schemaFile, dataFile));
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
        return await RunUntilStoppedAsync(app);
    }

    /// <summary>
    /// Runs until stopped. An address that cannot be bound (a port in use, a privileged port) ends
    /// the process with one line on standard error and exit code 1, not Kestrel's stack trace.
    /// </summary>
    public static async Task<int> RunUntilStoppedAsync(WebApplication app, TextWriter? stderr = null)
    {
        try
        {
            await app.StartAsync();
            if (app.Services.GetService<StartupState>() is { } startup) startup.Started = true;
        }
        catch (IOException e)
        {
            var reason = e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }
                         || e.GetType().Name == "AddressInUseException" || e.InnerException?.GetType().Name == "AddressInUseException"
                ? "the address is already in use" : e.Message.TrimEnd('.');
            (stderr ?? Console.Error).WriteLine($"serve: cannot listen on {string.Join(", ", app.Urls.DefaultIfEmpty(app.Configuration["urls"] ?? DefaultUrl))}: {reason}. Choose another port with --urls http://127.0.0.1:PORT.");
            await app.DisposeAsync();
            return 1;
        }
        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
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
        // Opt-in SQL counters (benchmarks): registered before the other interceptors so that it sees the register's writes.
        builder.Services.AddSqlCounters(builder.Configuration);
        // The disclosure register: its database (migrated with the modules'), the interceptor that records each
        // response's disclosures before it is sent, and what Query.disclosures needs.
        builder.Services.AddGovernance(builder.Configuration);
        builder.Services.AddSingleton<Server.Resilience.IUnavailableDependencyDetector, DatabaseUnavailableDetector>();
        // Identity first: its interceptor must know the caller before authorisation and the register run.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddKnownOrganisations(builder.Configuration);
        builder.AddCommissioningIdentity();
        if (module is not null) builder.Services.AddServiceSdlAccess();
        builder.Services.AddCommissioningPolicies();
        builder.Services.AddGraphQLAuthorization();
        // Shared state: Redis when Redis:Configuration is set (persisted documents, rate limits, subscription
        // events across instances, a /readyz check), else this process's memory.
        builder.Services.AddGraphQLRedis(builder.Configuration);
        builder.Services.AddGraphQLRateLimits(builder.Configuration);
        builder.Services.AddGraphEvents(builder.Configuration);
        configure?.Invoke(builder);
        builder.Services.AddGraphQLServer(builder.Configuration, GraphQLAuthorizationExtensions.Authorized(
            sp => CommissioningGraph.Compose(sp.GetServices<IGraphModule>().ToList(), module).Schema));
        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseWebSockets();
        app.UseGatewaySignature();
        app.UseCommissioningIdentity();
        app.MapHealthEndpoints();
        app.MapDevelopmentTokens();
        app.MapGraphQL().RequireCaller();
        return app;
    }

    /// <summary>
    /// What <c>serve</c> does to the database at start, <c>Database:PrepareOnStart</c>: <c>MigrateAndSeed</c>
    /// (also <c>true</c>; the default in Development, so that a first <c>serve</c> creates the SQLite file
    /// and the demonstration data), <c>Migrate</c> (the default elsewhere: Production never seeds unless
    /// told to) or <c>None</c> (also <c>false</c>).
    /// </summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        var preparation = DatabasePreparationFor(app.Configuration["Database:PrepareOnStart"], app.Environment.IsDevelopment());
        if (preparation == DatabasePreparation.None) return;
        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<CommissioningDatabase>();
        if (preparation == DatabasePreparation.MigrateAndSeed) await database.MigrateAndSeedAsync();
        else await database.MigrateAsync();
    }

    public enum DatabasePreparation { None, Migrate, MigrateAndSeed }

    public static DatabasePreparation DatabasePreparationFor(string? setting, bool isDevelopment) =>
        setting?.Trim().ToLowerInvariant() switch
        {
            null or "" => isDevelopment ? DatabasePreparation.MigrateAndSeed : DatabasePreparation.Migrate,
            "none" or "false" => DatabasePreparation.None,
            "migrate" => DatabasePreparation.Migrate,
            "migrateandseed" or "true" => DatabasePreparation.MigrateAndSeed,
            _ => throw new InvalidOperationException($"Database:PrepareOnStart is \"{setting}\"; use None, Migrate or MigrateAndSeed."),
        };

    /// <summary>A newcomer's <c>serve</c> gets GraphiQL: Development unless an environment is chosen.</summary>
    public static string[] WithDevelopmentDefault(string[] args)
    {
        var chosen = args.Any(a => a == "--environment" || a.StartsWith("--environment=", StringComparison.Ordinal))
                     || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"))
                     || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"));
        return chosen ? args : [.. args, "--environment", "Development"];
    }

    /// <summary>The mock server: the given SDL, resolved by exec's default resolver over the JSON data.</summary>
    public static WebApplication BuildMockServer(string[] args, string schemaFile, string? dataFile, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = CreateBuilder(args);
        configure?.Invoke(builder);
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
        app.UseSecurityHeaders();
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
        builder.Configuration.UseOrganisationCodes();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.AddObservability();
        // The modules' SQL as spans under the request's (a no-op unless OpenTelemetry is on).
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddEntityFrameworkCoreInstrumentation());
        builder.Services.AddSecurityHeaders(builder.Configuration);
        // Kestrel logs a failure to bind (with its stack trace) before throwing it; RunUntilStoppedAsync
        // reports it in one line instead. Nothing else of Kestrel's is Critical. The rule keeps the level configured
        // for Kestrel's category: a filter rule without a level lets every level through (Kestrel's Debug lines, five
        // per request, which cost most of the throughput of a small query).
        var startup = new StartupState();
        builder.Services.AddSingleton(startup);
        builder.Services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, KestrelLogCategory,
            ConfiguredLogLevel(builder.Configuration, KestrelLogCategory), (_, _, level) => level != LogLevel.Critical || startup.Started)));
        // EF Core logs every statement at Information, which drowns a developer's console (the seed
        // alone is thousands); `Database:LogSql=true` turns statement logging back on deliberately.
        // SQLite ignores the modules' schemas, as intended: no warning per entity.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Model.Validation", LogLevel.Error);
        return builder;
    }

    private const string KestrelLogCategory = "Microsoft.AspNetCore.Server.Kestrel";

    /// <summary>The <c>Logging:LogLevel</c> set for <paramref name="category"/> or its nearest configured prefix, else <c>Default</c>.</summary>
    private static LogLevel ConfiguredLogLevel(IConfiguration configuration, string category)
    {
        for (var name = category; name.Length > 0; name = name.Contains('.') ? name[..name.LastIndexOf('.')] : "")
        {
            if (Enum.TryParse<LogLevel>(configuration[$"Logging:LogLevel:{name}"], ignoreCase: true, out var level)) return level;
        }
        return Enum.TryParse<LogLevel>(configuration["Logging:LogLevel:Default"], ignoreCase: true, out var fallback) ? fallback : LogLevel.Information;
    }
}

/// <summary>Whether the server has started listening (until then a bind failure is reported by <c>serve</c> itself).</summary>
internal sealed class StartupState
{
    public volatile bool Started;
}
