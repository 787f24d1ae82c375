using Commissioning.Graph.Modules.Governance.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Commissioning.Graph.Modules.Governance;

public static class GovernanceServiceCollectionExtensions
{
    /// <summary>The connection string name that moves the register to a database of its own.</summary>
    public const string ConnectionStringName = "Governance";

    /// <summary>
    /// Registers the governance database (the disclosure register) on the provider configuration
    /// chooses (<c>Database:Provider</c>), in the shared database (<c>ConnectionStrings:Commissioning</c>)
    /// unless <c>ConnectionStrings:Governance</c> names another; <see cref="CommissioningDatabase"/>
    /// migrates it with the modules.
    /// </summary>
    public static IServiceCollection AddGovernancePersistence(this IServiceCollection services, IConfiguration configuration) =>
        services.AddGovernancePersistence(PersistenceServiceCollectionExtensions.ReadOptions(configuration),
            configuration.GetConnectionString(ConnectionStringName));

    public static IServiceCollection AddGovernancePersistence(this IServiceCollection services, DatabaseOptions options, string? connectionString = null)
    {
        services.TryAddSingleton(options);
        // The shared database by default; ConnectionStringFor falls back to the SQLite default file.
        connectionString = !string.IsNullOrWhiteSpace(connectionString) ? connectionString
            : !string.IsNullOrWhiteSpace(options.ConnectionString) ? options.ConnectionString!
            : options.ConnectionStringFor(GraphModule.Commissioning);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite: Add<SqliteGovernanceDbContext>(services, options, connectionString); break;
            case DatabaseProvider.PostgreSql: Add<PostgreSqlGovernanceDbContext>(services, options, connectionString); break;
            case DatabaseProvider.SqlServer: Add<SqlServerGovernanceDbContext>(services, options, connectionString); break;
            default: throw new ArgumentOutOfRangeException(nameof(options), options.Provider.ToString());
        }
        services.TryAddSingleton<IDisclosureRegister, DatabaseDisclosureRegister>();
        services.TryAddSingleton<DisclosureQuery>();
        services.TryAddScoped<CommissioningDatabase>();
        return services;
    }

    private static void Add<TProviderContext>(IServiceCollection services, DatabaseOptions options, string connectionString)
        where TProviderContext : GovernanceDbContext
    {
        services.AddDbContextFactory<TProviderContext>((sp, builder) =>
            builder.UseProvider(options.Provider, connectionString, GovernanceDbContext.Schema).UseProcessSettings(sp, options));
        services.AddSingleton<IDbContextFactory<GovernanceDbContext>>(sp =>
            new UpcastFactory<TProviderContext>(sp.GetRequiredService<IDbContextFactory<TProviderContext>>()));
        services.AddScoped<GovernanceDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TProviderContext>>().CreateDbContext());
        services.AddSingleton(new RegisteredContext("Governance", typeof(GovernanceDbContext), connectionString));
        // Every disclosure is recorded before a response goes out: without the register nothing can be answered.
        services.AddDatabaseHealthChecks<GovernanceDbContext>("Governance", options.Provider, connectionString);
    }

    private sealed class UpcastFactory<TProviderContext>(IDbContextFactory<TProviderContext> inner) : IDbContextFactory<GovernanceDbContext>
        where TProviderContext : GovernanceDbContext
    {
        public GovernanceDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
