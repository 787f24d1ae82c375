using System.Collections.Concurrent;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Server.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Host.Graph;

/// <summary>
/// The organisations a token may name: the modules' registries (consortia, practices and providers; local
/// authorities and Health and Wellbeing Boards; the NHS CB). A code is looked up when a token first names it, by
/// primary key in each registry until found (no registry is read whole, whatever its size), and remembered for
/// <see cref="RefreshAfter"/> when known, <see cref="MissRefreshAfter"/> when not (so a new organisation is
/// accepted within that). A process that serves one module as a subgraph knows only that module's organisations:
/// it accepts every code, as the gateway in front of it has checked the caller.
/// </summary>
public sealed class DatabaseKnownOrganisations(IServiceProvider services, TimeProvider clock) : IKnownOrganisations
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MissRefreshAfter = TimeSpan.FromSeconds(30);
    /// <summary>Beyond this many remembered codes the memory starts again (tokens name few organisations).</summary>
    public const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, (bool Known, DateTimeOffset At)> _seen = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsKnownAsync(string code, CancellationToken cancellationToken)
    {
        if (!AllModulesHere) return true;
        var now = clock.GetUtcNow();
        if (_seen.TryGetValue(code, out var seen) && now - seen.At < (seen.Known ? RefreshAfter : MissRefreshAfter))
            return seen.Known;
        var known = await LookUpAsync(code, cancellationToken);
        if (_seen.Count >= MaxRemembered) _seen.Clear();
        _seen[code] = (known, now);
        return known;
    }

    private bool AllModulesHere =>
        services.GetService<IDbContextFactory<CommissioningDbContext>>() is not null
        && services.GetService<IDbContextFactory<LocalGovernmentDbContext>>() is not null
        && services.GetService<IDbContextFactory<NhsCbDbContext>>() is not null;

    private async Task<bool> LookUpAsync(string code, CancellationToken cancellationToken)
    {
        await using (var db = await Contexts<CommissioningDbContext>().CreateDbContextAsync(cancellationToken))
            if (await db.Organisations.AnyAsync(o => o.Code == code, cancellationToken)) return true;
        await using (var db = await Contexts<LocalGovernmentDbContext>().CreateDbContextAsync(cancellationToken))
            if (await db.LocalAuthorities.AnyAsync(o => o.Code == code, cancellationToken)
                || await db.HealthAndWellbeingBoards.AnyAsync(o => o.Code == code, cancellationToken)) return true;
        await using (var db = await Contexts<NhsCbDbContext>().CreateDbContextAsync(cancellationToken))
            return await db.Boards.AnyAsync(o => o.Code == code, cancellationToken);
    }

    private IDbContextFactory<T> Contexts<T>() where T : DbContext => services.GetRequiredService<IDbContextFactory<T>>();
}
