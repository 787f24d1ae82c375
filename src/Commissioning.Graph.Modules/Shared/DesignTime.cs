using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// Options for the design-time factories that dotnet-ef uses to build each provider's model when
/// generating migrations. No database is opened; the connection strings only name the provider.
/// </summary>
internal static class DesignTime
{
    public static DbContextOptions<T> Options<T>(DatabaseProvider provider, GraphModule module) where T : DbContext =>
        Options<T>(provider, DatabaseOptions.SchemaOf(module));

    public static DbContextOptions<T> Options<T>(DatabaseProvider provider, string schema) where T : DbContext =>
        (DbContextOptions<T>)new DbContextOptionsBuilder<T>()
            .UseProvider(provider, provider switch
            {
                DatabaseProvider.Sqlite => "Data Source=design-time.db",
                DatabaseProvider.PostgreSql => "Host=localhost;Database=commissioning_design",
                _ => "Server=localhost;Database=commissioning_design;TrustServerCertificate=true",
            }, schema)
            .Options;
}
