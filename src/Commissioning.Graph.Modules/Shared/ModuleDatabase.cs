using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>Configures a module's DbContext for the chosen provider (runtime and design time alike).</summary>
public static class ModuleDatabase
{
    public const string MigrationsHistoryTable = "__EFMigrationsHistory";

    public static DbContextOptionsBuilder UseProvider(this DbContextOptionsBuilder builder,
        DatabaseProvider provider, string connectionString, GraphModule module) =>
        builder.UseProvider(provider, connectionString, DatabaseOptions.SchemaOf(module));

    /// <summary>The same for a context that is not one of the graph modules (the governance register), by its schema.</summary>
    public static DbContextOptionsBuilder UseProvider(this DbContextOptionsBuilder builder,
        DatabaseProvider provider, string connectionString, string schema)
    {
        return provider switch
        {
            // SQLite has no schemas: all modules share one file, so each keeps its own history table.
            // Every provider retries transient failures through DatabaseResilience (Polly).
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString,
                o => o.MigrationsHistoryTable($"{MigrationsHistoryTable}_{schema}").ExecutionStrategy(d => new PollyExecutionStrategy(d))),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(connectionString,
                o => o.MigrationsHistoryTable(MigrationsHistoryTable, schema).ExecutionStrategy(d => new PollyExecutionStrategy(d))),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString,
                o => o.MigrationsHistoryTable(MigrationsHistoryTable, schema).ExecutionStrategy(d => new PollyExecutionStrategy(d))),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
    }

    /// <summary>
    /// What every context of the process shares beyond its provider: statement logging (<c>Database:LogSql</c>)
    /// and the EF Core interceptors registered in the container (e.g. the Host's opt-in SQL counters), so that a
    /// diagnostic sees the statements of every module, the directory and the register alike.
    /// </summary>
    public static DbContextOptionsBuilder UseProcessSettings(this DbContextOptionsBuilder builder, IServiceProvider services, DatabaseOptions options)
    {
        if (options.LogSql) builder.LogTo(Console.WriteLine, Microsoft.Extensions.Logging.LogLevel.Information);
        var interceptors = services.GetService(typeof(IEnumerable<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>))
            as IEnumerable<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>;
        if (interceptors?.ToList() is { Count: > 0 } registered) builder.AddInterceptors(registered);
        return builder;
    }

    /// <summary>Makes sure the folder of a SQLite file exists before the file is opened.</summary>
    internal static void EnsureSqliteDirectory(string connectionString)
    {
        var csb = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(csb.DataSource) || csb.DataSource == ":memory:" || csb.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory) return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
        if (!string.IsNullOrEmpty(dir)) System.IO.Directory.CreateDirectory(dir);
    }
}
