using Commissioning.Graph.Modules.Directory.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Commissioning.Graph.Modules.Directory;

public static class DirectoryServiceCollectionExtensions
{
    /// <summary>The connection string name that moves the directory to a database of its own.</summary>
    public const string ConnectionStringName = "Directory";

    /// <summary>
    /// Registers the directory's database on the provider configuration chooses (<c>Database:Provider</c>), in the
    /// shared database (<c>ConnectionStrings:Commissioning</c>) unless <c>ConnectionStrings:Directory</c> names
    /// another; <see cref="CommissioningDatabase"/> migrates it with the modules, and it answers
    /// <see cref="IAllocationLookup"/> for every subgraph. Every subgraph registers it: policies read it.
    /// </summary>
    public static IServiceCollection AddDirectoryPersistence(this IServiceCollection services, IConfiguration configuration) =>
        services.AddDirectoryPersistence(PersistenceServiceCollectionExtensions.ReadOptions(configuration),
            configuration.GetConnectionString(ConnectionStringName));

    public static IServiceCollection AddDirectoryPersistence(this IServiceCollection services, DatabaseOptions options, string? connectionString = null)
    {
        if (services.Any(d => d.ServiceType == typeof(IDbContextFactory<DirectoryDbContext>))) return services;
        services.TryAddSingleton(options);
        connectionString = !string.IsNullOrWhiteSpace(connectionString) ? connectionString
            : !string.IsNullOrWhiteSpace(options.ConnectionString) ? options.ConnectionString!
            : options.ConnectionStringFor(GraphModule.Commissioning);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite: Add<SqliteDirectoryDbContext>(services, options, connectionString); break;
            case DatabaseProvider.PostgreSql: Add<PostgreSqlDirectoryDbContext>(services, options, connectionString); break;
            case DatabaseProvider.SqlServer: Add<SqlServerDirectoryDbContext>(services, options, connectionString); break;
            default: throw new ArgumentOutOfRangeException(nameof(options), options.Provider.ToString());
        }
        services.TryAddSingleton<DirectoryWriter>();
        services.TryAddSingleton<IAllocationLookup, DirectoryAllocationLookup>();
        services.TryAddScoped<CommissioningDatabase>();
        return services;
    }

    private static void Add<TProviderContext>(IServiceCollection services, DatabaseOptions options, string connectionString)
        where TProviderContext : DirectoryDbContext
    {
        services.AddDbContextFactory<TProviderContext>((sp, builder) =>
            builder.UseProvider(options.Provider, connectionString, DirectoryDbContext.Schema).UseProcessSettings(sp, options));
        services.AddSingleton<IDbContextFactory<DirectoryDbContext>>(sp =>
            new UpcastFactory<TProviderContext>(sp.GetRequiredService<IDbContextFactory<TProviderContext>>()));
        services.AddScoped<DirectoryDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TProviderContext>>().CreateDbContext());
        // Migrated first: modules publish their facts into it as they are seeded.
        services.AddSingleton(new RegisteredContext("Directory", typeof(DirectoryDbContext), connectionString));
        services.AddDatabaseHealthChecks<DirectoryDbContext>("Directory", options.Provider, connectionString);
    }

    private sealed class UpcastFactory<TProviderContext>(IDbContextFactory<TProviderContext> inner) : IDbContextFactory<DirectoryDbContext>
        where TProviderContext : DirectoryDbContext
    {
        public DirectoryDbContext CreateDbContext() => inner.CreateDbContext();
    }
}

/// <summary>Allocation limits for a return's duties, from the directory (published there by the nhs-cb module), so
/// that every subgraph — not only the one that owns allocations — judges duties the same way.</summary>
public sealed class DirectoryAllocationLookup(IDbContextFactory<DirectoryDbContext> contexts) : IAllocationLookup
{
    public async Task<IReadOnlyDictionary<ConsortiumYear, AllocationFigures>> GetAllocationsAsync(IReadOnlyCollection<ConsortiumYear> keys, CancellationToken ct = default)
    {
        var codes = keys.Select(k => k.ConsortiumCode).Distinct().ToList();
        var years = keys.Select(k => k.Year).Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.AllocationLimits.AsNoTracking().Where(a => codes.Contains(a.ConsortiumCode) && years.Contains(a.Year)).ToListAsync(ct);
        var wanted = keys.ToHashSet();
        return rows.Select(a => new AllocationFigures(a.ConsortiumCode, a.Year, a.ProgrammeBudget, a.RunningCostsAllowance, a.RevenueResourceLimit, a.CapitalResourceLimit))
            .Where(a => wanted.Contains(new ConsortiumYear(a.ConsortiumCode, a.Year)))
            .ToDictionary(a => new ConsortiumYear(a.ConsortiumCode, a.Year));
    }
}
