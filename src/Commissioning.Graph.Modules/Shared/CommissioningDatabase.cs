using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Modules.LocalGovernment;
using Commissioning.Graph.Modules.NhsCb;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// Migrates and seeds the registered modules' databases: what the host's <c>migrate</c> and
/// <c>seed</c> verbs, and <c>serve</c>'s first start, call.
/// </summary>
public sealed class CommissioningDatabase(IServiceProvider services, DatabaseOptions options, IEnumerable<RegisteredModule> modules,
    IEnumerable<RegisteredContext> otherContexts)
{
    public IReadOnlyList<GraphModule> Modules { get; } = modules.Select(m => m.Module).ToList();

    /// <summary>Applies every pending migration of every registered module, then of the other registered
    /// contexts (the governance register).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (contextType, connectionString) in modules.Select(m => (m.ContextType, m.ConnectionString))
                     .Concat(otherContexts.Select(c => (c.ContextType, c.ConnectionString))))
        {
            if (options.Provider == DatabaseProvider.Sqlite) ModuleDatabase.EnsureSqliteDirectory(connectionString);
            var db = (DbContext)services.GetRequiredService(contextType);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    /// <summary>Loads the demonstration data set into the registered modules (idempotent), then has each module
    /// publish the facts it owns to the directory (<see cref="PublishDirectoryFactsAsync"/>).</summary>
    public async Task SeedAsync(int scale = 1, CancellationToken cancellationToken = default)
    {
        var seeder = new DemoDataSeeder(scale);
        foreach (var module in Modules)
        {
            switch (module)
            {
                case GraphModule.Commissioning: await seeder.SeedAsync(services.GetRequiredService<CommissioningDbContext>(), cancellationToken); break;
                case GraphModule.LocalGovernment: await seeder.SeedAsync(services.GetRequiredService<LocalGovernmentDbContext>(), cancellationToken); break;
                case GraphModule.NhsCb: await seeder.SeedAsync(services.GetRequiredService<NhsCbDbContext>(), cancellationToken); break;
            }
        }
        if (services.GetService<DirectoryWriter>() is { } directory)
        {
            await PublishDirectoryFactsAsync(cancellationToken);
            if (Modules.Contains(GraphModule.Commissioning)) await directory.PublishAsync(DemoDataSeeder.SupportArrangements, cancellationToken);
        }
    }

    /// <summary>
    /// Each registered module publishes the facts it owns (organisations, relationships, allocation limits) to the
    /// directory, idempotently: run after seeding and at every start, it relays whatever a write did not get to
    /// publish (at least once; publishing twice changes nothing).
    /// </summary>
    public async Task PublishDirectoryFactsAsync(CancellationToken cancellationToken = default)
    {
        var directory = services.GetRequiredService<DirectoryWriter>();
        foreach (var module in Modules)
        {
            var facts = module switch
            {
                GraphModule.Commissioning => await CommissioningDirectoryFacts.ReadAsync(services.GetRequiredService<CommissioningDbContext>(), cancellationToken),
                GraphModule.LocalGovernment => await LocalGovernmentDirectoryFacts.ReadAsync(services.GetRequiredService<LocalGovernmentDbContext>(), cancellationToken),
                GraphModule.NhsCb => await NhsCbDirectoryFacts.ReadAsync(services.GetRequiredService<NhsCbDbContext>(), cancellationToken),
                _ => DirectoryFacts.None,
            };
            await directory.PublishAsync(facts, cancellationToken);
        }
    }

    public async Task MigrateAndSeedAsync(int scale = 1, CancellationToken cancellationToken = default)
    {
        await MigrateAsync(cancellationToken);
        await SeedAsync(scale, cancellationToken);
    }
}
