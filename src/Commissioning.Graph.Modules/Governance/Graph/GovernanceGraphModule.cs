using System.Globalization;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Governance.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Lists;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Governance.Graph;

/// <summary>
/// The disclosure register in the graph: <c>Query.disclosures</c>. An organisation reads what was
/// disclosed about itself; the NHS Commissioning Board reads every record. The row rule is applied in
/// the SQL query (<see cref="RuleFilter"/> with <c>self</c> | <c>nhscb</c>, through <see cref="Connections"/>), not by
/// filtering afterwards; the fields themselves
/// are <c>@authenticated</c> — reading the register is not itself recorded as a disclosure.
/// Shared by every subgraph (each records disclosures; the register is one).
/// </summary>
public sealed class GovernanceGraphModule : IGraphModule
{
    public const string ModuleName = "governance";

    public string Name => ModuleName;

    public string Sdl => GovernanceSdl + ListSdl.For(Disclosure);

    public const string GovernanceSdl = """
        # The disclosure register: each response that disclosed restricted data wrote one record per
        # owning organisation. Organisations read the records about themselves; the NHS CB reads all.

        extend type Query {
          "Disclosures of restricted data, newest first unless `order` says otherwise: for an organisation, those of its own data; for the NHS Commissioning Board, all of them (narrowed by `owningOrganisation`). `from` is inclusive, `to` exclusive. Filters and sorts read an entry's latest record (several subgraphs serving one request each record their part)."
          disclosures(
            "Only disclosures of this organisation's data. Other organisations than the NHS CB may name only themselves."
            owningOrganisation: ID
            "Disclosures at or after this time."
            from: DateTime
            "Disclosures before this time."
            to: DateTime
            "Only the disclosures matching this filter."
            where: DisclosureRecordFilterInput
            "The order: sort keys in turn, each element setting one field; the record's id is always the last tie-breaker."
            order: [DisclosureRecordSortInput!]
            "How many records from the start (at most 100; 50 when neither `first` nor `last` is given)."
            first: Int
            "Records after this cursor (an edge's `cursor`)."
            after: String
            "How many records from the end (at most 100)."
            last: Int
            "Records before this cursor."
            before: String
          ): DisclosureConnection! @authenticated @listSize(assumedSize: 50, slicingArguments: ["first", "last"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)
        }

        "A page of disclosure records (Relay connection), newest first."
        type DisclosureConnection {
          "The records of this page with their cursors."
          edges: [DisclosureEdge!]! @authenticated
          "The records of this page."
          nodes: [DisclosureRecord!]! @authenticated
          "Whether there are more pages, and the cursors of this one."
          pageInfo: PageInfo! @authenticated
          "How many records match, on all pages (counted only when selected)."
          totalCount: Int! @authenticated
        }

        "A disclosure record and its cursor."
        type DisclosureEdge {
          "Opaque keyset cursor of this position, for `after` or `before`."
          cursor: String! @authenticated
          "The record."
          node: DisclosureRecord! @authenticated
        }

        "One response that disclosed restricted data of one organisation: never updated or deleted."
        type DisclosureRecord {
          "The record's number in the register (increasing)."
          id: ID! @authenticated
          "When the response was produced (UTC)."
          occurredAt: DateTime! @authenticated
          "The organisation that received the data."
          callerOrganisation: ID! @authenticated
          "The client application that made the request."
          clientApplicationId: String @authenticated
          "The token's subject (user or service principal)."
          subject: String @authenticated
          "The purpose of use the caller stated (`X-Purpose-Of-Use`)."
          purposeOfUse: String @authenticated
          "The operation's name."
          operationName: String @authenticated
          "`query`, `mutation` or `subscription`."
          operationType: String! @authenticated
          "The hash of the executed document (`sha256:…`)."
          documentHash: String! @authenticated
          "The organisation the disclosed data belongs to."
          owningOrganisation: ID! @authenticated
          "The organisation the caller acted for, when it acted for another: a commissioning support organisation reading or drafting its client consortium's data (policy `supportFor`) names that consortium; null when the caller acted for itself."
          principal: ID @authenticated
          "The restricted schema coordinates disclosed, sorted (e.g. `FinancialReturn.lines`)."
          schemaCoordinates: [String!]! @authenticated
          "Each coordinate disclosed with its number of records."
          disclosed: [DisclosedCoordinate!]! @authenticated
          "The number of records disclosed (the sum over `disclosed`)."
          records: Int! @authenticated
        }

        "A restricted schema coordinate and how many records were disclosed through it."
        type DisclosedCoordinate {
          "`Type.field`."
          coordinate: String! @authenticated
          "How many records."
          records: Int! @authenticated
        }
        """;

    public void Configure(SchemaBuilder builder) => builder
        .ResolveAsync("Query.disclosures", ResolveDisclosuresAsync)
        .ResolveTotalCounts("DisclosureConnection")
        .Resolve<DisclosureRecord>("DisclosureRecord.id", r => r.Id.ToString(CultureInfo.InvariantCulture));

    public IReadOnlyDictionary<string, EntityResolver> EntityResolvers { get; } = new Dictionary<string, EntityResolver>();

    /// <summary>What disclosure lists may be filtered and sorted on: the record's own columns (the coordinates and counts,
    /// merged over an entry's parts, are not).</summary>
    internal static readonly ListShape<DisclosureRecord> Disclosure = ListShape<DisclosureRecord>.Keyed("DisclosureRecord", r => r.Id)
        .Id("id", r => r.Id)
        .DateTime("occurredAt", r => r.OccurredAt)
        .Id("callerOrganisation", r => r.CallerOrganisation)
        .String("clientApplicationId", r => r.ClientApplicationId)
        .String("subject", r => r.Subject)
        .String("purposeOfUse", r => r.PurposeOfUse)
        .String("operationName", r => r.OperationName)
        .String("operationType", r => r.OperationType)
        .String("documentHash", r => r.DocumentHash)
        .Id("owningOrganisation", r => r.OwningOrganisation)
        .Id("principal", r => r.Principal)
        .Computed("schemaCoordinates", "SchemaCoordinates").Computed("disclosed", "Disclosed").Computed("records", "Records");

    // An entry's parts are found by its request id, whatever the selection reads; the coordinates are JSON columns of the
    // row (not other rows, as a collection member would be).
    static GovernanceGraphModule() => ProjectionShape<DisclosureRecord>.Of(Disclosure).AlwaysReads(r => r.RequestId)
        .Needs("schemaCoordinates", r => r.SchemaCoordinates).Needs("disclosed", r => r.Disclosed);

    /// <summary>The list's rows: the register's, visible to the caller by the register's rule (<c>self</c>: its own data;
    /// <c>nhscb</c>: all) in SQL, one entry per client request and owner (<see cref="DisclosureQuery.Entries"/>).</summary>
    private static async ValueTask<object?> ResolveDisclosuresAsync(IResolveContext ctx)
    {
        var services = ctx.Services ?? throw new InvalidOperationException("The request has no service provider: execute with the host's services.");
        var reader = services.GetRequiredService<IDisclosureReaderAccessor>().ReaderFor(ctx)
            ?? throw Error("Authentication required to read the disclosure register.", ErrorCodes.Unauthenticated);
        // The rows are narrowed by the request's authorisation subject (RuleFilter); a request without one would read them
        // all, so the register is never read without it.
        if (RuleFilter.Subject(ctx) is not { IsAuthenticated: true })
            throw Error("The disclosure register is read only under authorisation.", ErrorCodes.Unauthenticated);
        var owner = ctx.Arguments.GetValueOrDefault("owningOrganisation") as string;
        if (!reader.SeesAll && owner is not null && owner != reader.Organisation)
            throw Error("An organisation may read only the disclosures of its own data.", ErrorCodes.Forbidden);
        var from = ToDateTime(ctx.Arguments.GetValueOrDefault("from"));
        var to = ToDateTime(ctx.Arguments.GetValueOrDefault("to"));
        IQueryable<DisclosureRecord> Recorded(GovernanceDbContext db)
        {
            var records = db.DisclosureRecords.AsQueryable();
            if (owner is not null) records = records.Where(r => r.OwningOrganisation == owner);
            if (from is { } f) records = records.Where(r => r.OccurredAt >= f);
            if (to is { } t) records = records.Where(r => r.OccurredAt < t);
            return records;
        }
        var page = await Connections.RootAsync(ctx, Disclosure, new ListSource<GovernanceDbContext, DisclosureRecord>
        {
            Name = "governance.disclosures",
            Rows = db => DisclosureQuery.Entries(Recorded(db)),
            Arguments = $"{owner}|{from:O}|{to:O}",
            DefaultOrder = "id DESC",
            Governed = GovernedShapes.DisclosureRecord,
            RowPolicies = ["self", "nhscb"],
        });
        if (page.Edges.Count == 0) return page;
        // Each entry as the one disclosure it stands for (its parts merged): one more statement.
        await using var db = await ctx.DbFactory<GovernanceDbContext>().CreateDbContextAsync(ctx.CancellationToken);
        var merged = await DisclosureQuery.MergeAsync(Recorded(db), page.Nodes, ctx.CancellationToken);
        return new Connection<DisclosureRecord>(page.Edges.Select((e, i) => new Edge<DisclosureRecord>(e.Cursor, merged[i])).ToList(), page.PageInfo, page.CountAsync);
    }

    private static DateTime? ToDateTime(object? value) => value switch
    {
        null => null,
        DateTimeOffset o => o.UtcDateTime,
        DateTime d => d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime(),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var o) => o.UtcDateTime,
        _ => throw Error("Not a date and time.", ErrorCodes.BadUserInput),
    };

    private static GraphQLException Error(string message, string code) =>
        new(new GraphQLError(message) { Extensions = new Dictionary<string, object?> { ["code"] = code } });
}
