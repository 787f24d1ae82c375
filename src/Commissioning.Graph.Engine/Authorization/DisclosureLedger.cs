using System.Collections.Concurrent;
using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Engine.Authorization;

/// <summary>One line of a request's disclosure accounting: how many records of one restricted
/// schema coordinate (<c>Type.field</c>) belonging to one organisation were disclosed.</summary>
public readonly record struct DisclosureEntry(string SchemaCoordinate, string OwningOrganisation, int Records);

/// <summary>
/// The restricted data one request actually disclosed, counted per schema coordinate and owning
/// organisation. The authorisation wrapper records every field carrying <c>@policy</c> that was
/// allowed and resolved to a non-null value; the disclosure register persists the totals once the
/// request has executed. It is the request's <see cref="RequestScope.Disclosures"/> (a subscription's
/// event's own). Fields resolve concurrently, so recording is thread-safe.
/// </summary>
public sealed class DisclosureLedger
{
    private readonly ConcurrentDictionary<(string Coordinate, string Organisation), int> _counts = new();
    private readonly ConcurrentDictionary<string, string> _principals = new(StringComparer.Ordinal);

    /// <summary>Notes that the caller was let through to <paramref name="owningOrganisation"/>'s data as acting for
    /// <paramref name="principal"/> (an agent acting for its client): the record of that owner's disclosures names it.</summary>
    public void ActingFor(string owningOrganisation, string principal)
    {
        ArgumentException.ThrowIfNullOrEmpty(owningOrganisation);
        ArgumentException.ThrowIfNullOrEmpty(principal);
        _principals.TryAdd(owningOrganisation, principal);
    }

    /// <summary>The organisation the caller acted for when it read <paramref name="owningOrganisation"/>'s data; null when it acted for itself.</summary>
    public string? PrincipalFor(string owningOrganisation) => _principals.GetValueOrDefault(owningOrganisation);

    /// <summary>Adds <paramref name="records"/> disclosed records of <paramref name="schemaCoordinate"/>
    /// owned by <paramref name="owningOrganisation"/>. Zero or negative counts are ignored.</summary>
    public void Record(string schemaCoordinate, string owningOrganisation, int records = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(schemaCoordinate);
        ArgumentException.ThrowIfNullOrEmpty(owningOrganisation);
        if (records <= 0) return;
        _counts.AddOrUpdate((schemaCoordinate, owningOrganisation), records, (_, n) => n + records);
    }

    /// <summary>True when nothing restricted was disclosed.</summary>
    public bool IsEmpty => _counts.IsEmpty;

    /// <summary>A snapshot of the totals, ordered by organisation then coordinate.</summary>
    public IReadOnlyList<DisclosureEntry> Entries =>
        _counts.Select(kv => new DisclosureEntry(kv.Key.Coordinate, kv.Key.Organisation, kv.Value))
            .OrderBy(e => e.OwningOrganisation, StringComparer.Ordinal)
            .ThenBy(e => e.SchemaCoordinate, StringComparer.Ordinal)
            .ToList();

    /// <summary>The organisations whose data was disclosed (one disclosure record each).</summary>
    public IReadOnlyList<string> OwningOrganisations =>
        _counts.Keys.Select(k => k.Organisation).Distinct().OrderBy(o => o, StringComparer.Ordinal).ToList();

    /// <summary>The entries of one owning organisation.</summary>
    public IReadOnlyList<DisclosureEntry> EntriesFor(string owningOrganisation) =>
        Entries.Where(e => e.OwningOrganisation == owningOrganisation).ToList();
}
