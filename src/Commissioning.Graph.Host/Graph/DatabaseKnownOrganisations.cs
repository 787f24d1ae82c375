using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Server.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Host.Graph;

/// <summary>
/// The organisations a token may name: the codes of the modules' registries (the registry's
/// consortia, practices and providers; local authorities and Health and Wellbeing Boards; the NHS
/// CB), read whole (one statement per table) at start and again after <see cref="RefreshAfter"/>,
/// or after <see cref="MissRefreshAfter"/> when a code is not found (a new organisation). Reading
/// them at start keeps the look-up out of requests. A process that serves one module as a subgraph
/// knows only that module's organisations: it accepts every code, as the gateway in front of it
/// has checked the caller (until the directory module serves them all).
/// </summary>
public sealed class DatabaseKnownOrganisations(IServiceProvider services, TimeProvider clock, ILogger<DatabaseKnownOrganisations> logger)
    : IKnownOrganisations, IHostedService
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MissRefreshAfter = TimeSpan.FromSeconds(30);

    private sealed record Snapshot(HashSet<string> Codes, DateTimeOffset ReadAt);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile Snapshot? _snapshot;

    public async ValueTask<bool> IsKnownAsync(string code, CancellationToken cancellationToken)
    {
        if (!AllModulesHere) return true;
        var snapshot = _snapshot;
        var age = snapshot is null ? TimeSpan.MaxValue : clock.GetUtcNow() - snapshot.ReadAt;
        if (snapshot is not null && age < RefreshAfter && (snapshot.Codes.Contains(code) || age < MissRefreshAfter))
            return snapshot.Codes.Contains(code);
        snapshot = await ReadAsync(snapshot, cancellationToken);
        return snapshot.Codes.Contains(code);
    }

    private bool AllModulesHere =>
        services.GetService<IDbContextFactory<CommissioningDbContext>>() is not null
        && services.GetService<IDbContextFactory<LocalGovernmentDbContext>>() is not null
        && services.GetService<IDbContextFactory<NhsCbDbContext>>() is not null;

    private async Task<Snapshot> ReadAsync(Snapshot? seen, CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            // Another request may have read them while this one waited.
            if (_snapshot is { } current && !ReferenceEquals(current, seen)) return current;
            var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await using (var db = await services.GetRequiredService<IDbContextFactory<CommissioningDbContext>>().CreateDbContextAsync(cancellationToken))
                codes.UnionWith(await db.Organisations.Select(o => o.Code).ToListAsync(cancellationToken));
            await using (var db = await services.GetRequiredService<IDbContextFactory<LocalGovernmentDbContext>>().CreateDbContextAsync(cancellationToken))
            {
                codes.UnionWith(await db.LocalAuthorities.Select(o => o.Code).ToListAsync(cancellationToken));
                codes.UnionWith(await db.HealthAndWellbeingBoards.Select(o => o.Code).ToListAsync(cancellationToken));
            }
            await using (var db = await services.GetRequiredService<IDbContextFactory<NhsCbDbContext>>().CreateDbContextAsync(cancellationToken))
                codes.UnionWith(await db.Boards.Select(o => o.Code).ToListAsync(cancellationToken));
            var snapshot = new Snapshot(codes, clock.GetUtcNow());
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _reading.Release();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!AllModulesHere) return;
        try
        {
            await ReadAsync(null, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database may not be up yet (or migrated): the first token reads them instead.
            logger.LogWarning("The organisations could not be read at start ({Message}); they will be read on first use.", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
