using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Commissioning.Graph.Modules.Shared;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the DbContexts of the given modules (all three when none is named) on the provider
    /// that configuration chooses:
    /// <c>Database:Provider</c> = <c>Sqlite</c> (default; file <c>data/commissioning.db</c>) | <c>PostgreSql</c> | <c>SqlServer</c>;
    /// <c>ConnectionStrings:Commissioning</c>, overridable per module with <c>ConnectionStrings:{Module}</c>;
    /// <c>Database:LogSql</c> = true to log statements.
    /// Each module's context is available both scoped (<c>CommissioningDbContext</c> …) and from an
    /// <see cref="IDbContextFactory{TContext}"/> (for DataLoaders that run outside the request scope),
    /// and <see cref="CommissioningDatabase"/> migrates and seeds them.
    /// </summary>
    public static IServiceCollection AddCommissioningPersistence(this IServiceCollection services,
        IConfiguration configuration, params GraphModule[] modules) =>
        services.AddCommissioningPersistence(ReadOptions(configuration), modules);

    public static IServiceCollection AddCommissioningPersistence(this IServiceCollection services,
        DatabaseOptions options, params GraphModule[] modules)
    {
        if (modules.Length == 0) modules = Enum.GetValues<GraphModule>();
        services.TryAddSingleton(options);
        foreach (var module in modules.Distinct())
        {
            switch (module, options.Provider)
            {
                case (GraphModule.Commissioning, DatabaseProvider.Sqlite): Add<CommissioningDbContext, SqliteCommissioningDbContext>(services, options, module); break;
                case (GraphModule.Commissioning, DatabaseProvider.PostgreSql): Add<CommissioningDbContext, PostgreSqlCommissioningDbContext>(services, options, module); break;
                case (GraphModule.Commissioning, DatabaseProvider.SqlServer): Add<CommissioningDbContext, SqlServerCommissioningDbContext>(services, options, module); break;
                case (GraphModule.LocalGovernment, DatabaseProvider.Sqlite): Add<LocalGovernmentDbContext, SqliteLocalGovernmentDbContext>(services, options, module); break;
                case (GraphModule.LocalGovernment, DatabaseProvider.PostgreSql): Add<LocalGovernmentDbContext, PostgreSqlLocalGovernmentDbContext>(services, options, module); break;
                case (GraphModule.LocalGovernment, DatabaseProvider.SqlServer): Add<LocalGovernmentDbContext, SqlServerLocalGovernmentDbContext>(services, options, module); break;
                case (GraphModule.NhsCb, DatabaseProvider.Sqlite): Add<NhsCbDbContext, SqliteNhsCbDbContext>(services, options, module); break;
                case (GraphModule.NhsCb, DatabaseProvider.PostgreSql): Add<NhsCbDbContext, PostgreSqlNhsCbDbContext>(services, options, module); break;
                case (GraphModule.NhsCb, DatabaseProvider.SqlServer): Add<NhsCbDbContext, SqlServerNhsCbDbContext>(services, options, module); break;
                default: throw new ArgumentOutOfRangeException(nameof(modules), $"{module} on {options.Provider}");
            }
        }
        // The commissioning module answers other modules' questions about its financial duties (the quality premium).
        if (modules.Contains(GraphModule.Commissioning))
            services.TryAddSingleton<IFinancialDutiesLookup, Commissioning.CommissioningFinancialDutiesLookup>();
        services.TryAddScoped<CommissioningDatabase>();
        // Every subgraph reads the directory (policies, allocation limits); the modules publish their facts to it.
        services.AddDirectoryPersistence(options, options.DirectoryConnectionString);
        // The modules' fact changes reach the directory through their outboxes.
        services.AddDirectoryOutbox();
        return services;
    }

    /// <summary>Reads <see cref="DatabaseOptions"/> from configuration (see <see cref="AddCommissioningPersistence(IServiceCollection, IConfiguration, GraphModule[])"/>).</summary>
    public static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(DatabaseOptions.SectionName);
        var options = new DatabaseOptions();
        var provider = section["Provider"];
        if (!string.IsNullOrWhiteSpace(provider))
        {
            options.Provider = provider.Trim().ToLowerInvariant() switch
            {
                "sqlite" => DatabaseProvider.Sqlite,
                "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSql,
                "sqlserver" or "mssql" => DatabaseProvider.SqlServer,
                _ => throw new InvalidOperationException($"Database:Provider '{provider}' is not one of Sqlite, PostgreSql, SqlServer."),
            };
        }
        options.ConnectionString = configuration.GetConnectionString("Commissioning") ?? section["ConnectionString"];
        if (!string.IsNullOrWhiteSpace(section["SqliteFile"])) options.SqliteFile = section["SqliteFile"]!;
        foreach (var module in Enum.GetValues<GraphModule>())
        {
            // ConnectionStrings:Commissioning is the shared string, so the Commissioning module's own override is ConnectionStrings:CommissioningModule.
            var key = module == GraphModule.Commissioning ? "CommissioningModule" : module.ToString();
            if (configuration.GetConnectionString(key) is { Length: > 0 } s) options.ModuleConnectionStrings[module] = s;
        }
        options.DirectoryConnectionString = configuration.GetConnectionString(DirectoryServiceCollectionExtensions.ConnectionStringName);
        options.LogSql = bool.TryParse(section["LogSql"], out var log) && log;
        return options;
    }

    private static void Add<TContext, TProviderContext>(IServiceCollection services, DatabaseOptions options, GraphModule module)
        where TContext : ModuleDbContext
        where TProviderContext : TContext
    {
        var connectionString = options.ConnectionStringFor(module);
        services.AddDbContextFactory<TProviderContext>((sp, builder) =>
            builder.UseProvider(options.Provider, connectionString, module).UseProcessSettings(sp, options));
        // Code depends on the module's context type, not the provider subclass.
        services.AddSingleton<IDbContextFactory<TContext>>(sp =>
            new UpcastFactory<TContext, TProviderContext>(sp.GetRequiredService<IDbContextFactory<TProviderContext>>()));
        services.AddScoped<TContext>(sp => sp.GetRequiredService<IDbContextFactory<TProviderContext>>().CreateDbContext());
        services.AddSingleton(new RegisteredModule(module, typeof(TContext), connectionString));
        services.AddDatabaseHealthChecks<TContext>(module.ToString(), options.Provider, connectionString);
    }

    /// <summary>
    /// <c>/readyz</c> (checks tagged "ready"): EF Core's check that the context's database answers, and on PostgreSQL
    /// AspNetCore.HealthChecks.NpgSql's check of the server, once per connection string.
    /// </summary>
    internal static void AddDatabaseHealthChecks<TContext>(this IServiceCollection services, string name, DatabaseProvider provider, string connectionString)
        where TContext : DbContext
    {
        var checks = services.AddHealthChecks().AddDbContextCheck<TContext>($"database:{name}", tags: ["ready"]);
        if (provider != DatabaseProvider.PostgreSql) return;
        var server = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Password = null };
        var key = $"postgresql:{server.Host}:{server.Port}/{server.Database}";
        if (services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, key))) return;
        services.AddKeyedSingleton(key, key);
        checks.AddNpgSql(connectionString, name: key, tags: ["ready"]);
    }

    private sealed class UpcastFactory<TContext, TProviderContext>(IDbContextFactory<TProviderContext> inner) : IDbContextFactory<TContext>
        where TContext : DbContext where TProviderContext : TContext
    {
        public TContext CreateDbContext() => inner.CreateDbContext();
    }
}

/// <summary>A module whose persistence is registered, and where it lives.</summary>
public sealed record RegisteredModule(GraphModule Module, Type ContextType, string ConnectionString);

/// <summary>A DbContext that is not a graph module's (the governance register) but that
/// <see cref="CommissioningDatabase.MigrateAsync"/> migrates with them.</summary>
public sealed record RegisteredContext(string Name, Type ContextType, string ConnectionString);
