using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Commissioning.Graph.Modules.Governance.Persistence;

// One subclass per provider so that each provider's migrations (Migrations/{Provider}) are bound to
// their own context type and live side by side in this assembly, as the modules' do.

public sealed class SqliteGovernanceDbContext(DbContextOptions<SqliteGovernanceDbContext> options) : GovernanceDbContext(options);

public sealed class PostgreSqlGovernanceDbContext(DbContextOptions<PostgreSqlGovernanceDbContext> options) : GovernanceDbContext(options);

public sealed class SqlServerGovernanceDbContext(DbContextOptions<SqlServerGovernanceDbContext> options) : GovernanceDbContext(options);

public sealed class SqliteGovernanceDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGovernanceDbContext>
{
    public SqliteGovernanceDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqliteGovernanceDbContext>(DatabaseProvider.Sqlite, GovernanceDbContext.Schema));
}

public sealed class PostgreSqlGovernanceDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlGovernanceDbContext>
{
    public PostgreSqlGovernanceDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<PostgreSqlGovernanceDbContext>(DatabaseProvider.PostgreSql, GovernanceDbContext.Schema));
}

public sealed class SqlServerGovernanceDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerGovernanceDbContext>
{
    public SqlServerGovernanceDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqlServerGovernanceDbContext>(DatabaseProvider.SqlServer, GovernanceDbContext.Schema));
}
