using Commissioning.Graph.Host.Graph;
using Commissioning.Graph.Modules.Governance;
using Commissioning.Graph.Modules.Shared;
using Microsoft.Extensions.Hosting;

namespace Commissioning.Graph.Host.Commands;

/// <summary><c>migrate</c> applies every module's migrations; <c>seed [--scale N]</c> migrates and loads the
/// demonstration data set (N times its size). Both read the same configuration as <c>serve</c>.</summary>
public static class DatabaseCommands
{
    public static Task<int> MigrateAsync(string[] args) => RunAsync(args, (db, _) => db.MigrateAsync(), "migrated");

    public static Task<int> SeedAsync(string[] args)
    {
        var scaleText = CommandLine.TakeOption(ref args, "--scale");
        if (!int.TryParse(scaleText ?? "1", out var scale) || scale < 1)
        {
            Console.Error.WriteLine("seed: --scale must be a positive whole number.");
            return Task.FromResult(2);
        }
        return RunAsync(args, (db, _) => db.MigrateAndSeedAsync(scale), $"seeded (scale {scale})");
    }

    private static async Task<int> RunAsync(string[] args, Func<CommissioningDatabase, CancellationToken, Task> action, string done)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(args);
        builder.Configuration.UseOrganisationCodes();
        builder.Services.AddCommissioningPersistence(builder.Configuration);
        builder.Services.AddGovernancePersistence(builder.Configuration);
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<CommissioningDatabase>();
        await action(database, CancellationToken.None);
        Console.Error.WriteLine($"{string.Join(", ", database.Modules)}: {done}.");
        return 0;
    }
}
