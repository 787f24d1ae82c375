using System.Collections.Concurrent;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Server.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Host.Graph;

/// <summary>
/// The organisations a token may name: those of the modules' registries (the registry's consortia,
/// practices and providers; local authorities and Health and Wellbeing Boards; the NHS CB), looked up
/// by code, one statement per module, and remembered for <see cref="CacheFor"/>. A process that
/// serves one module as a subgraph knows only that module's organisations: it then accepts every
/// code, as the gateway in front of it has checked the caller (until the directory module serves
/// them all).
/// </summary>
public sealed class DatabaseKnownOrganisations(IServiceProvider services, TimeProvider clock) : IKnownOrganisations
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, (bool Known, DateTimeOffset At)> _remembered = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<bool> IsKnownAsync(string code, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_remembered.TryGetValue(code, out var entry) && now - entry.At < CacheFor) return entry.Known;
        var commissioning = services.GetService<IDbContextFactory<CommissioningDbContext>>();
        var localGovernment = services.GetService<IDbContextFactory<LocalGovernmentDbContext>>();
        var nhsCb = services.GetService<IDbContextFactory<NhsCbDbContext>>();
        if (commissioning is null || localGovernment is null || nhsCb is null) return true;

        var known = false;
        await using (var db = await commissioning.CreateDbContextAsync(cancellationToken))
            known = await db.Organisations.AnyAsync(o => o.Code == code, cancellationToken);
        if (!known)
            await using (var db = await localGovernment.CreateDbContextAsync(cancellationToken))
                known = await db.LocalAuthorities.AnyAsync(o => o.Code == code, cancellationToken)
                        || await db.HealthAndWellbeingBoards.AnyAsync(o => o.Code == code, cancellationToken);
        if (!known)
            await using (var db = await nhsCb.CreateDbContextAsync(cancellationToken))
                known = await db.Boards.AnyAsync(o => o.Code == code, cancellationToken);
        if (_remembered.Count >= MaxRemembered) _remembered.Clear();
        _remembered[code] = (known, now);
        return known;
    }
}
