using System.Net;
using System.Net.Sockets;
using Commissioning.Graph.Modules.Governance;
using Commissioning.Graph.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commissioning.Graph.Host.Tests;

/// <summary><c>/readyz</c>'s checks come from the packages: EF Core's per context, AspNetCore.HealthChecks.NpgSql's per PostgreSQL server.</summary>
public sealed class ReadinessChecksTests
{
    private static async Task<HealthReport> ReadinessAsync(DatabaseOptions options)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCommissioningPersistence(options);
        services.AddGovernancePersistence(options);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));
    }

    [Fact]
    public async Task Every_modules_database_the_directory_and_the_register_are_checked_and_answer()
    {
        var file = Path.Combine(Path.GetTempPath(), $"readiness-{Guid.NewGuid():N}.db");
        // EF Core's SQLite check answers only for a database that exists (an empty file is an empty database).
        await File.WriteAllBytesAsync(file, []);
        try
        {
            var report = await ReadinessAsync(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqliteFile = file });
            Assert.True(report.Status == HealthStatus.Healthy, string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Status} {e.Value.Description} {e.Value.Exception?.Message}")));
            Assert.Equal(["database:Commissioning", "database:Directory", "database:Governance", "database:LocalGovernment", "database:NhsCb"],
                report.Entries.Keys.Order(StringComparer.Ordinal));
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task A_PostgreSQL_server_that_does_not_answer_makes_every_check_of_it_unhealthy_and_is_checked_once()
    {
        // A port nothing listens on.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var report = await ReadinessAsync(new DatabaseOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = $"Host=127.0.0.1;Port={port};Database=readiness;Username=nobody;Password=secret;Timeout=2",
        });
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.All(report.Entries.Values, e => Assert.Equal(HealthStatus.Unhealthy, e.Status));
        // One server check for the one connection string every context shares, its password not in the name.
        var server = Assert.Single(report.Entries.Keys, k => k.StartsWith("postgresql:", StringComparison.Ordinal));
        Assert.Equal($"postgresql:127.0.0.1:{port}/readiness", server);
        Assert.Equal(6, report.Entries.Count);
    }
}
