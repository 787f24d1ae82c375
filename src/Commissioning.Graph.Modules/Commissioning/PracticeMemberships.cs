using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Commissioning;

/// <summary>
/// A practice changing consortium: a relationship fact the commissioning module owns and every subgraph's
/// <c>memberConsortium</c> policy reads from the directory. The module's rows and the outbox message carrying the
/// changed facts are committed together (<see cref="DirectoryOutbox.SaveChangesWithFactsAsync"/>).
/// </summary>
public static class PracticeMemberships
{
    /// <summary>Ends the practice's current membership the day before <paramref name="from"/> and starts one of
    /// <paramref name="consortiumCode"/> on it; commits both with their outbox message, and delivers nothing.</summary>
    public static async Task MoveAsync(CommissioningDbContext db, string practiceCode, string consortiumCode, DateOnly from, string? reason = null,
        CancellationToken ct = default)
    {
        if (!await db.GpPractices.AnyAsync(p => p.Code == practiceCode, ct)) throw new ArgumentException($"There is no practice {practiceCode}.", nameof(practiceCode));
        if (!await db.Consortia.AnyAsync(c => c.Code == consortiumCode, ct)) throw new ArgumentException($"There is no consortium {consortiumCode}.", nameof(consortiumCode));
        var ended = await db.ConsortiumMemberships.Where(m => m.PracticeCode == practiceCode && m.To == null).ToListAsync(ct);
        foreach (var m in ended) m.To = from.AddDays(-1);
        var started = new ConsortiumMembership { PracticeCode = practiceCode, ConsortiumCode = consortiumCode, From = from, Reason = reason };
        db.ConsortiumMemberships.Add(started);
        await db.SaveChangesWithFactsAsync(() => new([], [.. ended.Select(CommissioningDirectoryFacts.Membership), CommissioningDirectoryFacts.Membership(started)], []), ct);
    }

    /// <summary>The whole write as a subgraph performs it: commit (<see cref="MoveAsync"/>), then deliver to the directory
    /// before returning, so that the writer — and every subgraph — sees the new membership at once.</summary>
    public static async Task MoveAndDeliverAsync(IServiceProvider services, string practiceCode, string consortiumCode, DateOnly from, string? reason = null,
        CancellationToken ct = default)
    {
        await using (var scope = services.CreateAsyncScope())
            await MoveAsync(scope.ServiceProvider.GetRequiredService<CommissioningDbContext>(), practiceCode, consortiumCode, from, reason, ct);
        await DirectoryOutbox.DeliverNowAsync(services, ct);
    }
}
