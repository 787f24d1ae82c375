using System.Collections.Concurrent;
using System.Reflection;
using Commissioning.Graph.Modules.Shared;
using Npgsql;
using Xunit.Sdk;

namespace Commissioning.Graph.Host.Tests;

/// <summary>
/// A fresh database and content root for one <c>serve</c> under test: a temporary SQLite file, or — when
/// COMMISSIONING_TEST_POSTGRES holds a connection string (see infra/local/postgres.sh) — a PostgreSQL database
/// created for it and dropped after it (as Modules.Tests' TestDatabase does).
/// </summary>
public sealed class GraphDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "COMMISSIONING_TEST_POSTGRES";

    private readonly string? _postgresAdmin;
    private readonly string? _postgresDatabase;

    public DatabaseProvider Provider { get; }

    /// <summary>The content root (the development signing key is created under it).</summary>
    public string Directory { get; }

    /// <summary><c>serve</c>'s arguments choosing this database and content root.</summary>
    public string[] ServeArguments { get; }

    private GraphDatabase(DatabaseProvider provider, string directory, string connectionString, string? postgresAdmin, string? postgresDatabase)
    {
        (Provider, Directory, _postgresAdmin, _postgresDatabase) = (provider, directory, postgresAdmin, postgresDatabase);
        ServeArguments = [$"--Database:Provider={provider}", $"--ConnectionStrings:Commissioning={connectionString}", "--contentRoot", directory];
    }

    /// <summary>The providers the end-to-end tests run on here: SQLite always, PostgreSQL when configured.</summary>
    public static IReadOnlyList<DatabaseProvider> Providers { get; } =
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable))
            ? [DatabaseProvider.Sqlite]
            : [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    /// <param name="prefix">Names the temporary directory and database (which fixture made them).</param>
    public static async Task<GraphDatabase> CreateAsync(DatabaseProvider provider, string prefix)
    {
        var id = Guid.NewGuid().ToString("N");
        var directory = Path.Combine(Path.GetTempPath(), $"commissioning-{prefix}-{id}");
        System.IO.Directory.CreateDirectory(directory);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                return new GraphDatabase(provider, directory, $"Data Source={Path.Combine(directory, "commissioning.db")}", null, null);
            case DatabaseProvider.PostgreSql:
                var admin = Environment.GetEnvironmentVariable(PostgresVariable)
                            ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
                var name = $"commissioning_{prefix}_{id}";
                await using (var conn = new NpgsqlConnection(admin))
                {
                    await conn.OpenAsync();
                    await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
                    await cmd.ExecuteNonQueryAsync();
                }
                var csb = new NpgsqlConnectionStringBuilder(admin) { Database = name };
                return new GraphDatabase(provider, directory, csb.ConnectionString, admin, name);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "the end-to-end tests run on SQLite and PostgreSQL");
        }
    }

    /// <summary>Call after the server using the database is disposed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(_postgresAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// A class fixture holding one <typeparamref name="T"/> per database provider, each started on first use (so a run
/// without PostgreSQL never starts one) and disposed with the fixture.
/// </summary>
public abstract class PerProvider<T> : IAsyncLifetime where T : IAsyncDisposable
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<T>>> _started = new();

    public Task<T> For(DatabaseProvider provider) =>
        _started.GetOrAdd(provider, p => new Lazy<Task<T>>(() => StartAsync(p))).Value;

    protected abstract Task<T> StartAsync(DatabaseProvider provider);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var started in _started.Values)
        {
            T value;
            try { value = await started.Value; }
            catch { continue; } // a start that failed has failed its tests already
            await value.DisposeAsync();
        }
    }
}

/// <summary>
/// Runs a theory once per provider of <see cref="GraphDatabase.Providers"/>, the provider first and then the given
/// arguments (an <c>InlineData</c> that also varies the database); with no arguments, turns a fact into a theory
/// over the providers.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class OnEveryProviderAttribute(params object?[] data) : DataAttribute
{
    public override IEnumerable<object?[]> GetData(MethodInfo testMethod) =>
        GraphDatabase.Providers.Select(p => new object?[] { p }.Concat(data).ToArray());
}
