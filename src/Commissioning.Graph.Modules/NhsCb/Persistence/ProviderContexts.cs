using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Commissioning.Graph.Modules.NhsCb.Persistence;

// One subclass per provider so that each provider's migrations (Migrations/{Provider}) are bound to
// their own context type and live side by side in this assembly.

public sealed class SqliteNhsCbDbContext(DbContextOptions<SqliteNhsCbDbContext> options) : NhsCbDbContext(options);

public sealed class PostgreSqlNhsCbDbContext(DbContextOptions<PostgreSqlNhsCbDbContext> options) : NhsCbDbContext(options);

public sealed class SqlServerNhsCbDbContext(DbContextOptions<SqlServerNhsCbDbContext> options) : NhsCbDbContext(options);

public sealed class SqliteNhsCbDesignTimeFactory : IDesignTimeDbContextFactory<SqliteNhsCbDbContext>
{
    public SqliteNhsCbDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqliteNhsCbDbContext>(DatabaseProvider.Sqlite, GraphModule.NhsCb));
}

public sealed class PostgreSqlNhsCbDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlNhsCbDbContext>
{
    public PostgreSqlNhsCbDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<PostgreSqlNhsCbDbContext>(DatabaseProvider.PostgreSql, GraphModule.NhsCb));
}

public sealed class SqlServerNhsCbDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerNhsCbDbContext>
{
    public SqlServerNhsCbDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqlServerNhsCbDbContext>(DatabaseProvider.SqlServer, GraphModule.NhsCb));
}
