using System.Collections.Concurrent;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Directory.Persistence;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Server.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Host.Graph;

/// <summary>How long a look-up of <see cref="DatabaseKnownOrganisations"/> is trusted, and how many codes it keeps.</summary>
public sealed class KnownOrganisationsOptions
{
    public const string Section = "KnownOrganisations";

    /// <summary>How long a code found in the directory stays accepted without asking again. Default 5 minutes.</summary>
    public TimeSpan KnownFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a code not found stays refused (a new organisation is seen this much later at most). Default 30 s.</summary>
    public TimeSpan UnknownFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most codes remembered at once (each a cache entry of size 1); beyond, the cache compacts. Default 10,000.</summary>
    public int MaxCodes { get; set; } = 10_000;
}

/// <summary>
/// The organisations a token may name: the codes of the organisation directory (every module publishes its
/// organisations there — consortia, practices, providers, local authorities, Health and Wellbeing Boards, the NHS CB).
/// A code is looked up on demand — one statement by primary key, <c>WHERE Code = @code</c> — and the answer kept in a
/// bounded memory cache (<see cref="KnownOrganisationsOptions"/>): found for <c>KnownFor</c>, not found (briefly) for
/// <c>UnknownFor</c>. Concurrent requests naming the same uncached code share one look-up. So a caller's requests add
/// one statement per <c>KnownFor</c> at most, whatever their number, and nothing reads a whole table. A process that
/// serves one module as a subgraph accepts every code, as the gateway in front of it has checked the caller.
/// </summary>
public sealed class DatabaseKnownOrganisations : IKnownOrganisations, IDisposable
{
    private sealed record Answer(bool Known, DateTimeOffset Until);

    private readonly IServiceProvider _services;
    private readonly TimeProvider _clock;
    private readonly KnownOrganisationsOptions _options;
    private readonly MemoryCache _answers;
    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> _lookingUp = new(StringComparer.Ordinal);

    public DatabaseKnownOrganisations(IServiceProvider services, TimeProvider clock, IOptions<KnownOrganisationsOptions> options)
    {
        _services = services;
        _clock = clock;
        _options = options.Value;
        _answers = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, _options.MaxCodes) });
    }

    public ValueTask<bool> IsKnownAsync(string code, CancellationToken cancellationToken)
    {
        if (!AllModulesHere) return new(true);
        code = code.ToUpperInvariant();
        // The expiry is checked against the injected clock; the cache's own expiry only frees the entry.
        return Remembered(code) is { } known ? new(known) : new(LookUpOnceAsync(code, cancellationToken));
    }

    private bool? Remembered(string code) =>
        _answers.TryGetValue(code, out Answer? answer) && answer!.Until > _clock.GetUtcNow() ? answer.Known : null;

    /// <summary>Answers from the directory the codes given, in one statement (<c>WHERE Code IN (…)</c>), and remembers the answers.</summary>
    public async Task PrimeAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken = default)
    {
        if (!AllModulesHere || codes.Count == 0) return;
        var wanted = codes.Select(c => c.ToUpperInvariant()).Distinct().ToList();
        await using var db = await _services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync(cancellationToken);
        var found = (await db.Organisations.Where(o => wanted.Contains(o.Code)).Select(o => o.Code).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var code in wanted) Remember(code, found.Contains(code));
    }

    private async Task<bool> LookUpOnceAsync(string code, CancellationToken cancellationToken)
    {
        Lazy<Task<bool>>? mine = null;
        mine = new Lazy<Task<bool>>(() => LookUpAsync(code, mine!));
        var shared = _lookingUp.GetOrAdd(code, mine);
        // The look-up is shared: it runs to its end whoever stops waiting for it.
        return await shared.Value.WaitAsync(cancellationToken);
    }

    private async Task<bool> LookUpAsync(string code, Lazy<Task<bool>> self)
    {
        try
        {
            // A look-up that ended between this request's miss and now has answered already (it remembers, then leaves).
            if (Remembered(code) is { } remembered) return remembered;
            await using var db = await _services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync();
            var known = await db.Organisations.AnyAsync(o => o.Code == code);
            Remember(code, known);
            return known;
        }
        finally
        {
            _lookingUp.TryRemove(KeyValuePair.Create(code, self));
        }
    }

    private void Remember(string code, bool known)
    {
        var lifetime = known ? _options.KnownFor : _options.UnknownFor;
        if (lifetime <= TimeSpan.Zero) return;
        _answers.Set(code, new Answer(known, _clock.GetUtcNow() + lifetime),
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
    }

    private bool AllModulesHere =>
        _services.GetService<IDbContextFactory<CommissioningDbContext>>() is not null
        && _services.GetService<IDbContextFactory<LocalGovernmentDbContext>>() is not null
        && _services.GetService<IDbContextFactory<NhsCbDbContext>>() is not null
        && _services.GetService<IDbContextFactory<DirectoryDbContext>>() is not null;

    public void Dispose() => _answers.Dispose();
}

public static class KnownOrganisationsServiceCollectionExtensions
{
    /// <summary>The organisations a token may name, looked up in the directory (<see cref="DatabaseKnownOrganisations"/>;
    /// settings <c>KnownOrganisations:*</c>).</summary>
    public static IServiceCollection AddKnownOrganisations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KnownOrganisationsOptions>(configuration.GetSection(KnownOrganisationsOptions.Section));
        services.AddSingleton<DatabaseKnownOrganisations>();
        services.AddSingleton<IKnownOrganisations>(sp => sp.GetRequiredService<DatabaseKnownOrganisations>());
        return services;
    }
}
