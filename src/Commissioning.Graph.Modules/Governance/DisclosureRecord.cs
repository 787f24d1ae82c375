namespace Commissioning.Graph.Modules.Governance;

/// <summary>
/// One entry of the disclosure register: one response (or one subscription event) that disclosed
/// restricted data belonging to <see cref="OwningOrganisation"/> to <see cref="CallerOrganisation"/>.
/// A response that disclosed data of several organisations writes one record for each.
/// Append-only: created by <see cref="Create"/>, never updated or deleted — the
/// <see cref="Persistence.GovernanceDbContext"/> refuses it on save and database triggers refuse it
/// in SQL.
/// </summary>
public sealed class DisclosureRecord
{
    private DisclosureRecord() { }

    public long Id { get; private set; }

    /// <summary>When the response was produced (UTC).</summary>
    public DateTime OccurredAt { get; private set; }

    /// <summary>The organisation that received the data (from its token).</summary>
    public string CallerOrganisation { get; private set; } = "";

    /// <summary>The client application that made the request, when the token named one.</summary>
    public string? ClientApplicationId { get; private set; }

    /// <summary>The token's subject (a user or a service principal), when it had one.</summary>
    public string? Subject { get; private set; }

    /// <summary>The purpose of use the caller stated (<c>X-Purpose-Of-Use</c>).</summary>
    public string? PurposeOfUse { get; private set; }

    /// <summary>The operation's name, when it had one.</summary>
    public string? OperationName { get; private set; }

    /// <summary><c>query</c>, <c>mutation</c> or <c>subscription</c>.</summary>
    public string OperationType { get; private set; } = "";

    /// <summary>The hash of the executed document (<c>sha256:…</c>), which identifies the exact text.</summary>
    public string DocumentHash { get; private set; } = "";

    /// <summary>The organisation the disclosed data belongs to.</summary>
    public string OwningOrganisation { get; private set; } = "";

    /// <summary>The organisation the caller acted for, when it acted for another: a commissioning support organisation
    /// reading its client consortium's data under <c>supportFor</c> names that consortium. Null when the caller acted for itself.</summary>
    public string? Principal { get; private set; }

    /// <summary>The restricted schema coordinates disclosed (<c>FinancialReturn.lines</c>), sorted ordinally, each with
    /// the number of records disclosed through it.</summary>
    public IReadOnlyList<DisclosedCoordinate> Disclosed { get; private set; } = [];

    /// <summary>The schema coordinates alone, sorted (stored as a JSON array so that they can be searched).</summary>
    public IReadOnlyList<string> SchemaCoordinates { get; private set; } = [];

    /// <summary>The number of records disclosed: the sum over <see cref="Disclosed"/>.</summary>
    public int Records { get; private set; }

    /// <summary>The client request this disclosure answered: the gateway's forwarded <c>X-Request-Id</c>, or one the
    /// process generated. Records that several subgraphs wrote for one client request share it, and the register
    /// reads them as one disclosure (<see cref="Merge"/>).</summary>
    public string? RequestId { get; private set; }

    /// <summary>
    /// The records of one client request about one owning organisation (written by each subgraph that served part of
    /// it) as the one disclosure they are: the latest record's id, the earliest time, every coordinate with its
    /// records summed. Not stored: the register itself is append-only.
    /// </summary>
    public static DisclosureRecord Merge(IReadOnlyList<DisclosureRecord> parts)
    {
        if (parts.Count == 1) return parts[0];
        var first = parts.OrderBy(p => p.Id).First();
        var coordinates = parts.SelectMany(p => p.Disclosed)
            .GroupBy(d => d.Coordinate, StringComparer.Ordinal)
            .Select(g => new DisclosedCoordinate(g.Key, g.Sum(d => d.Records)))
            .OrderBy(d => d.Coordinate, StringComparer.Ordinal).ToList();
        return new DisclosureRecord
        {
            Id = parts.Max(p => p.Id), OccurredAt = parts.Min(p => p.OccurredAt), CallerOrganisation = first.CallerOrganisation,
            ClientApplicationId = first.ClientApplicationId, Subject = first.Subject, PurposeOfUse = first.PurposeOfUse,
            OperationName = first.OperationName, OperationType = first.OperationType, DocumentHash = first.DocumentHash,
            OwningOrganisation = first.OwningOrganisation, RequestId = first.RequestId,
            Principal = parts.Select(p => p.Principal).FirstOrDefault(p => p is not null),
            Disclosed = coordinates, SchemaCoordinates = coordinates.Select(c => c.Coordinate).ToList(), Records = coordinates.Sum(c => c.Records),
        };
    }

    public static DisclosureRecord Create(DateTime occurredAt, DisclosureCaller caller, DisclosureOperation operation,
        string owningOrganisation, IEnumerable<DisclosedCoordinate> disclosed, string? principal = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentException.ThrowIfNullOrEmpty(owningOrganisation);
        ArgumentException.ThrowIfNullOrEmpty(caller.Organisation);
        ArgumentException.ThrowIfNullOrEmpty(operation.DocumentHash);
        if (occurredAt.Kind != DateTimeKind.Utc) throw new ArgumentException("A disclosure's time is recorded in UTC.", nameof(occurredAt));
        // One entry per coordinate, counts summed, ordinal order: the same disclosure always reads the same.
        var coordinates = disclosed
            .Where(d => d.Records > 0)
            .GroupBy(d => d.Coordinate, StringComparer.Ordinal)
            .Select(g => new DisclosedCoordinate(g.Key, g.Sum(d => d.Records)))
            .OrderBy(d => d.Coordinate, StringComparer.Ordinal)
            .ToList();
        if (coordinates.Count == 0) throw new ArgumentException("A disclosure record names at least one disclosed coordinate.", nameof(disclosed));
        return new DisclosureRecord
        {
            OccurredAt = occurredAt,
            CallerOrganisation = caller.Organisation,
            ClientApplicationId = caller.ClientApplicationId,
            Subject = caller.Subject,
            PurposeOfUse = caller.PurposeOfUse,
            OperationName = operation.OperationName,
            OperationType = operation.OperationType,
            DocumentHash = operation.DocumentHash,
            RequestId = operation.RequestId,
            OwningOrganisation = owningOrganisation,
            Principal = principal,
            Disclosed = coordinates,
            SchemaCoordinates = coordinates.Select(c => c.Coordinate).ToList(),
            Records = coordinates.Sum(c => c.Records),
        };
    }
}

/// <summary>A restricted schema coordinate and how many records were disclosed through it.</summary>
public sealed record DisclosedCoordinate(string Coordinate, int Records);

/// <summary>Who received the data, as the register records it.</summary>
public sealed record DisclosureCaller(string Organisation, string? ClientApplicationId, string? Subject, string? PurposeOfUse);

/// <summary>The operation that disclosed it.</summary>
/// <param name="RequestId">The client request's id (one per client request, whatever shape served it).</param>
public sealed record DisclosureOperation(string? OperationName, string OperationType, string DocumentHash, string? RequestId = null);
