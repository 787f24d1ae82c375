using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Governance;
using Commissioning.Graph.Modules.Governance.Persistence;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Graph.Modules.Tests;

/// <summary>
/// A fresh, migrated database for one test: a temporary SQLite file, or — when
/// COMMISSIONING_TEST_POSTGRES holds a connection string (see infra/local/postgres.sh) — a
/// temporary PostgreSQL database created for the test and dropped after it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "COMMISSIONING_TEST_POSTGRES";

    private readonly string? _sqliteFile;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresDatabase;

    public ServiceProvider Services { get; }
    /// <summary>The temporary SQLite file, when the provider is SQLite (to tell this test's SQL statements from others').</summary>
    public string? SqliteFile => _sqliteFile;
    /// <summary>What tells this test's connections from others': the SQLite file or the PostgreSQL database name.</summary>
    public string ConnectionMarker => _sqliteFile ?? _postgresDatabase!;
    public DatabaseProvider Provider { get; }

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile, string? postgresAdmin, string? postgresDatabase)
    {
        Provider = provider;
        (_sqliteFile, _postgresAdmin, _postgresDatabase) = (sqliteFile, postgresAdmin, postgresDatabase);
        var options = new DatabaseOptions { Provider = provider, ConnectionString = connectionString };
        Services = new ServiceCollection()
            .AddCommissioningPersistence(options)
            .AddGovernancePersistence(options)
            .BuildServiceProvider();
    }

    /// <summary>The providers the persistence tests run on here: SQLite always, PostgreSQL when configured.</summary>
    public static TheoryData<DatabaseProvider> Providers()
    {
        var data = new TheoryData<DatabaseProvider> { DatabaseProvider.Sqlite };
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable))) data.Add(DatabaseProvider.PostgreSql);
        return data;
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        TestDatabase db;
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"commissioning-test-{Guid.NewGuid():N}.db");
            // Pooling off so that the file can be deleted when the test ends.
            db = new TestDatabase(provider, $"Data Source={file};Pooling=False", file, null, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable)
                        ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
            var name = $"commissioning_test_{Guid.NewGuid():N}";
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var csb = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false };
            db = new TestDatabase(provider, csb.ConnectionString, null, admin, name);
        }
        if (migrate)
        {
            await using var scope = db.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CommissioningDatabase>().MigrateAsync();
        }
        return db;
    }

    public async Task SeedAsync(int scale = 1)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommissioningDatabase>().SeedAsync(scale);
    }

    public CommissioningDbContext Commissioning() => Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CommissioningDbContext>>().CreateDbContext();
    public LocalGovernmentDbContext LocalGovernment() => Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<LocalGovernmentDbContext>>().CreateDbContext();
    public GovernanceDbContext Governance() => Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<GovernanceDbContext>>().CreateDbContext();
    public NhsCbDbContext NhsCb() => Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<NhsCbDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_sqliteFile is not null)
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        if (_postgresAdmin is not null)
        {
            await using var conn = new NpgsqlConnection(_postgresAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
