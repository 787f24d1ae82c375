using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Commissioning.Graph.Modules.Directory.Persistence;

// One subclass per provider so that each provider's migrations (Migrations/{Provider}) are bound to
// their own context type and live side by side in this assembly, as the modules' do.

public sealed class SqliteDirectoryDbContext(DbContextOptions<SqliteDirectoryDbContext> options) : DirectoryDbContext(options);

public sealed class PostgreSqlDirectoryDbContext(DbContextOptions<PostgreSqlDirectoryDbContext> options) : DirectoryDbContext(options);

public sealed class SqlServerDirectoryDbContext(DbContextOptions<SqlServerDirectoryDbContext> options) : DirectoryDbContext(options);

public sealed class SqliteDirectoryDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDirectoryDbContext>
{
    public SqliteDirectoryDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqliteDirectoryDbContext>(DatabaseProvider.Sqlite, DirectoryDbContext.Schema));
}

public sealed class PostgreSqlDirectoryDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlDirectoryDbContext>
{
    public PostgreSqlDirectoryDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<PostgreSqlDirectoryDbContext>(DatabaseProvider.PostgreSql, DirectoryDbContext.Schema));
}

public sealed class SqlServerDirectoryDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerDirectoryDbContext>
{
    public SqlServerDirectoryDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqlServerDirectoryDbContext>(DatabaseProvider.SqlServer, DirectoryDbContext.Schema));
}
