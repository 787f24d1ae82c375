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
/// reader may not see is never loaded. Pages by keyset on the id (records are only ever appended,
/// so a page never shifts), newest first.
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
        var total = await query.CountAsync(cancellationToken);
        if (afterId is { } after) query = query.Where(r => r.Id < after);
        var rows = await query.OrderByDescending(r => r.Id).Take(first + 1).ToListAsync(cancellationToken);
        var hasNext = rows.Count > first;
        if (hasNext) rows.RemoveAt(rows.Count - 1);
        return new DisclosurePage(rows, hasNext, total);
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
