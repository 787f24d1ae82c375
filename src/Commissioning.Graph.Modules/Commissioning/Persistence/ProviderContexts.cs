using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Commissioning.Graph.Modules.Commissioning.Persistence;

// One subclass per provider so that each provider's migrations (Migrations/{Provider}) are bound to
// their own context type and live side by side in this assembly.

public sealed class SqliteCommissioningDbContext(DbContextOptions<SqliteCommissioningDbContext> options) : CommissioningDbContext(options);

public sealed class PostgreSqlCommissioningDbContext(DbContextOptions<PostgreSqlCommissioningDbContext> options) : CommissioningDbContext(options);

public sealed class SqlServerCommissioningDbContext(DbContextOptions<SqlServerCommissioningDbContext> options) : CommissioningDbContext(options);

public sealed class SqliteCommissioningDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCommissioningDbContext>
{
    public SqliteCommissioningDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqliteCommissioningDbContext>(DatabaseProvider.Sqlite, GraphModule.Commissioning));
}

public sealed class PostgreSqlCommissioningDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlCommissioningDbContext>
{
    public PostgreSqlCommissioningDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<PostgreSqlCommissioningDbContext>(DatabaseProvider.PostgreSql, GraphModule.Commissioning));
}

public sealed class SqlServerCommissioningDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCommissioningDbContext>
{
    public SqlServerCommissioningDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqlServerCommissioningDbContext>(DatabaseProvider.SqlServer, GraphModule.Commissioning));
}
