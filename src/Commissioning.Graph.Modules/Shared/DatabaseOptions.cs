namespace Commissioning.Graph.Modules.Shared;

public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: the default, needing no server.</summary>
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>The modules that become the three federation subgraphs.</summary>
public enum GraphModule
{
    Commissioning,
    LocalGovernment,
    NhsCb,
}

/// <summary>
/// Configuration section <c>Database</c>: <c>Database:Provider</c> chooses the provider;
/// connection strings come from <c>ConnectionStrings:Commissioning</c> (shared by all modules, each in
/// its own schema) or a per-module override <c>ConnectionStrings:{Module}</c>
/// (e.g. <c>ConnectionStrings:LocalGovernment</c>) so a subgraph can have its own database.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string DefaultSqliteFile = "data/commissioning.db";
    public const string SqliteFileName = "commissioning.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The SQLite file used when no connection string is configured (<c>Database:SqliteFile</c>;
    /// the Host's <c>--data-dir DIR</c> sets it to <c>DIR/commissioning.db</c>).</summary>
    public string SqliteFile { get; set; } = DefaultSqliteFile;

    /// <summary>The shared connection string; for SQLite it defaults to <see cref="SqliteFile"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Per-module connection strings that override <see cref="ConnectionString"/>.</summary>
    public Dictionary<GraphModule, string> ModuleConnectionStrings { get; } = [];

    /// <summary><c>ConnectionStrings:Directory</c>: the directory's own database, when it is not the shared one.</summary>
    public string? DirectoryConnectionString { get; set; }

    /// <summary>Log each SQL statement (development aid).</summary>
    public bool LogSql { get; set; }

    public string ConnectionStringFor(GraphModule module) =>
        ModuleConnectionStrings.TryGetValue(module, out var s) && !string.IsNullOrWhiteSpace(s) ? s
        : !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString!
        : Provider == DatabaseProvider.Sqlite ? $"Data Source={SqliteFile}"
        : throw new InvalidOperationException(
            $"Database:Provider is {Provider} but no connection string is configured: set ConnectionStrings:Commissioning (or ConnectionStrings:{module}).");

    public static string SchemaOf(GraphModule module) => module switch
    {
        GraphModule.Commissioning => "commissioning",
        GraphModule.LocalGovernment => "local_government",
        GraphModule.NhsCb => "nhs_cb",
        _ => throw new ArgumentOutOfRangeException(nameof(module)),
    };
}
