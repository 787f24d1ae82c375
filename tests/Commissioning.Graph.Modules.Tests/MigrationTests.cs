using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Governance.Persistence;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Tests;

/// <summary>The migrations of every module and provider match the model, and their SQL scripts generate (no server needed).</summary>
public sealed class MigrationTests
{
    public static TheoryData<Type> DesignTimeFactories => new()
    {
        typeof(SqliteCommissioningDesignTimeFactory), typeof(PostgreSqlCommissioningDesignTimeFactory), typeof(SqlServerCommissioningDesignTimeFactory),
        typeof(SqliteLocalGovernmentDesignTimeFactory), typeof(PostgreSqlLocalGovernmentDesignTimeFactory), typeof(SqlServerLocalGovernmentDesignTimeFactory),
        typeof(SqliteNhsCbDesignTimeFactory), typeof(PostgreSqlNhsCbDesignTimeFactory), typeof(SqlServerNhsCbDesignTimeFactory),
        typeof(SqliteGovernanceDesignTimeFactory), typeof(PostgreSqlGovernanceDesignTimeFactory), typeof(SqlServerGovernanceDesignTimeFactory),
    };

    private static DbContext Create(Type factoryType)
    {
        var factory = Activator.CreateInstance(factoryType)!;
        return (DbContext)factoryType.GetMethod(nameof(IDesignTimeDbContextFactory<DbContext>.CreateDbContext))!.Invoke(factory, [Array.Empty<string>()])!;
    }

    [Theory, MemberData(nameof(DesignTimeFactories))]
    public void Migrations_are_up_to_date_with_the_model(Type factoryType)
    {
        using var db = Create(factoryType);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{db.GetType().Name}: run dotnet ef migrations add for this provider.");
    }

    [Theory, MemberData(nameof(DesignTimeFactories))]
    public void The_migration_script_generates(Type factoryType)
    {
        using var db = Create(factoryType);
        // SQLite cannot generate idempotent scripts; the others can, as deployments want.
        var idempotent = !db.Database.IsSqlite();
        var script = db.GetService<IMigrator>().GenerateScript(options: idempotent ? MigrationsSqlGenerationOptions.Idempotent : MigrationsSqlGenerationOptions.Default);
        Assert.Contains("CREATE TABLE", script);
        if (db.Database.ProviderName!.Contains("SqlServer")) Assert.Contains("CREATE SCHEMA", script);
    }

    [Fact]
    public void Configuration_chooses_the_provider_and_connection_strings()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Commissioning"] = "Host=db;Database=commissioning",
            ["ConnectionStrings:NhsCb"] = "Host=db;Database=nhscb",
        }).Build();
        var options = PersistenceServiceCollectionExtensions.ReadOptions(config);
        Assert.Equal(DatabaseProvider.PostgreSql, options.Provider);
        Assert.Equal("Host=db;Database=nhscb", options.ConnectionStringFor(GraphModule.NhsCb));
        Assert.Equal("Host=db;Database=commissioning", options.ConnectionStringFor(GraphModule.LocalGovernment));

        using var services = new ServiceCollection().AddCommissioningPersistence(config, GraphModule.NhsCb).BuildServiceProvider();
        using var scope = services.CreateScope();
        Assert.IsType<PostgreSqlNhsCbDbContext>(scope.ServiceProvider.GetRequiredService<NhsCbDbContext>());
        Assert.Null(scope.ServiceProvider.GetService<CommissioningDbContext>());
    }

    [Fact]
    public void Sqlite_is_the_default()
    {
        var options = PersistenceServiceCollectionExtensions.ReadOptions(new ConfigurationBuilder().Build());
        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal("Data Source=data/commissioning.db", options.ConnectionStringFor(GraphModule.Commissioning));
        using var services = new ServiceCollection().AddCommissioningPersistence(options).BuildServiceProvider();
        using var scope = services.CreateScope();
        Assert.IsType<SqliteLocalGovernmentDbContext>(scope.ServiceProvider.GetRequiredService<LocalGovernmentDbContext>());
    }
}
