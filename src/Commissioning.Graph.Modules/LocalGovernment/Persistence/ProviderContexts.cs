using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Commissioning.Graph.Modules.LocalGovernment.Persistence;

// One subclass per provider so that each provider's migrations (Migrations/{Provider}) are bound to
// their own context type and live side by side in this assembly.

public sealed class SqliteLocalGovernmentDbContext(DbContextOptions<SqliteLocalGovernmentDbContext> options) : LocalGovernmentDbContext(options);

public sealed class PostgreSqlLocalGovernmentDbContext(DbContextOptions<PostgreSqlLocalGovernmentDbContext> options) : LocalGovernmentDbContext(options);

public sealed class SqlServerLocalGovernmentDbContext(DbContextOptions<SqlServerLocalGovernmentDbContext> options) : LocalGovernmentDbContext(options);

public sealed class SqliteLocalGovernmentDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLocalGovernmentDbContext>
{
    public SqliteLocalGovernmentDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqliteLocalGovernmentDbContext>(DatabaseProvider.Sqlite, GraphModule.LocalGovernment));
}

public sealed class PostgreSqlLocalGovernmentDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlLocalGovernmentDbContext>
{
    public PostgreSqlLocalGovernmentDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<PostgreSqlLocalGovernmentDbContext>(DatabaseProvider.PostgreSql, GraphModule.LocalGovernment));
}

public sealed class SqlServerLocalGovernmentDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerLocalGovernmentDbContext>
{
    public SqlServerLocalGovernmentDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqlServerLocalGovernmentDbContext>(DatabaseProvider.SqlServer, GraphModule.LocalGovernment));
}
