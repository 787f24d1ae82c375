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
        var groups = query.GroupBy(r => new { Request = r.RequestId ?? "#" + r.Id, r.OwningOrganisation }).Select(g => g.Max(r => r.Id));
        var total = await groups.CountAsync(cancellationToken);
        if (afterId is { } after) groups = groups.Where(id => id < after);
        var keys = await groups.OrderByDescending(id => id).Take(first + 1).ToListAsync(cancellationToken);
        var hasNext = keys.Count > first;
        if (hasNext) keys.RemoveAt(keys.Count - 1);
        var latest = await db.DisclosureRecords.AsNoTracking().Where(r => keys.Contains(r.Id)).ToListAsync(cancellationToken);
        var requests = latest.Where(r => r.RequestId is not null).Select(r => r.RequestId!).Distinct().ToList();
        var parts = requests.Count == 0 ? [] : await query.Where(r => r.RequestId != null && requests.Contains(r.RequestId)).ToListAsync(cancellationToken);
        var rows = latest.OrderByDescending(r => r.Id)
            .Select(r => r.RequestId is null ? r
                : DisclosureRecord.Merge(parts.Where(p => p.RequestId == r.RequestId && p.OwningOrganisation == r.OwningOrganisation && p.Id <= r.Id).ToList()))
            .ToList();
        return new DisclosurePage(rows, hasNext, total);
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
