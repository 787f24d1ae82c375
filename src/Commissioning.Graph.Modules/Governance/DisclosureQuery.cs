using Commissioning.Graph.Modules.Governance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Governance;

/// <summary>Who is reading the register, and so which records they may see.</summary>
/// <param name="Organisation">The reader's organisation code.</param>
/// <param name="SeesAll">True for the NHS Commissioning Board, which may read every record; any other
/// organisation reads only the records of disclosures about itself.</param>
public sealed record DisclosureReader(string Organisation, bool SeesAll);

/// <summary>A page of the register, newest first.</summary>
public sealed record DisclosurePage(IReadOnlyList<DisclosureRecord> Records, bool HasNextPage, int TotalCount);

/// <summary>
/// Reads the register for a reader: the visibility rule is part of the SQL query, so a record the
/// reader may not see is never loaded. One entry per client request and owning organisation, however many
/// subgraphs recorded it (<see cref="DisclosureRecord.Merge"/>). Pages by keyset on the entry's latest record id
/// (records are only ever appended), newest first.
/// </summary>
public sealed class DisclosureQuery(IDbContextFactory<GovernanceDbContext> contexts)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public async Task<DisclosurePage> ReadAsync(DisclosureReader reader, string? owningOrganisation, DateTime? from, DateTime? to,
        int first, long? afterId, CancellationToken cancellationToken = default)
    {
        if (first is < 0 or > MaxPageSize) throw new ArgumentOutOfRangeException(nameof(first), $"first must be between 0 and {MaxPageSize}.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.DisclosureRecords.AsNoTracking();
        if (!reader.SeesAll) query = query.Where(r => r.OwningOrganisation == reader.Organisation);
        if (owningOrganisation is not null) query = query.Where(r => r.OwningOrganisation == owningOrganisation);
        if (from is { } f) { var fu = ToUtc(f); query = query.Where(r => r.OccurredAt >= fu); }
        if (to is { } t) { var tu = ToUtc(t); query = query.Where(r => r.OccurredAt < tu); }
        // One disclosure per client request and owner: the records several subgraphs wrote for one request (same
        // request id) are one entry, keyed by their latest record id; a record without a request id stands alone.
        var entries = Entries(query);
        var total = await entries.CountAsync(cancellationToken);
        if (afterId is { } after) entries = entries.Where(r => r.Id < after);
        var latest = await entries.OrderByDescending(r => r.Id).Take(first + 1).ToListAsync(cancellationToken);
        var hasNext = latest.Count > first;
        if (hasNext) latest.RemoveAt(latest.Count - 1);
        return new DisclosurePage(await MergeAsync(query, latest, cancellationToken), hasNext, total);
    }

    /// <summary>
    /// One entry per client request and owner: of the records several subgraphs wrote for one request (same request id)
    /// about one owner, the latest stands for them all (its id is the entry's); a record without a request id stands alone.
    /// </summary>
    public static IQueryable<DisclosureRecord> Entries(IQueryable<DisclosureRecord> records) =>
        records.Where(r => r.RequestId == null
                           || !records.Any(o => o.RequestId == r.RequestId && o.OwningOrganisation == r.OwningOrganisation && o.Id > r.Id));

    /// <summary>Each entry of <paramref name="latest"/> as the one disclosure it stands for: its parts among
    /// <paramref name="records"/> merged (<see cref="DisclosureRecord.Merge"/>), read by one statement.</summary>
    public static async Task<IReadOnlyList<DisclosureRecord>> MergeAsync(IQueryable<DisclosureRecord> records, IReadOnlyList<DisclosureRecord> latest,
        CancellationToken cancellationToken)
    {
        var requests = latest.Where(r => r.RequestId is not null).Select(r => r.RequestId!).Distinct().ToList();
        if (requests.Count == 0) return latest;
        var owners = latest.Select(r => r.OwningOrganisation).Distinct().ToList();
        var parts = await records.AsNoTracking()
            .Where(r => r.RequestId != null && requests.Contains(r.RequestId) && owners.Contains(r.OwningOrganisation)).ToListAsync(cancellationToken);
        return latest
            .Select(r => parts.Where(p => p.RequestId == r.RequestId && p.OwningOrganisation == r.OwningOrganisation && p.Id <= r.Id).ToList() is { Count: > 0 } mine
                ? DisclosureRecord.Merge(mine) : r)
            .ToList();
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
