using System.Globalization;
using System.Text;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Governance.Graph;

/// <summary>
/// The disclosure register in the graph: <c>Query.disclosures</c>. An organisation reads what was
/// disclosed about itself; the NHS Commissioning Board reads every record. The row rule is applied in
/// the SQL query (<see cref="DisclosureQuery"/>), not by filtering afterwards; the fields themselves
/// are <c>@authenticated</c> — reading the register is not itself recorded as a disclosure.
/// Shared by every subgraph (each records disclosures; the register is one).
/// </summary>
public sealed class GovernanceGraphModule : IGraphModule
{
    public const string ModuleName = "governance";

    public string Name => ModuleName;

    public string Sdl => GovernanceSdl;

    public const string GovernanceSdl = """
        # The disclosure register: each response that disclosed restricted data wrote one record per
        # owning organisation. Organisations read the records about themselves; the NHS CB reads all.

        extend type Query {
          "Disclosures of restricted data, newest first: for an organisation, those of its own data; for the NHS Commissioning Board, all of them (narrowed by `owningOrganisation`). `from` is inclusive, `to` exclusive; `first` defaults to 50 (at most 500)."
          disclosures(
            "Only disclosures of this organisation's data. Other organisations than the NHS CB may name only themselves."
            owningOrganisation: ID
            "Disclosures at or after this time."
            from: DateTime
            "Disclosures before this time."
            to: DateTime
            "How many records to return (default 50, at most 500)."
            first: Int
            "The cursor of the last record of the previous page."
            after: String
          ): DisclosureConnection! @authenticated @listSize(assumedSize: 50, slicingArguments: ["first"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)
        }

        "A page of disclosure records (Relay connection), newest first."
        type DisclosureConnection {
          "The records of this page with their cursors."
          edges: [DisclosureEdge!]! @authenticated
          "The records of this page."
          nodes: [DisclosureRecord!]! @authenticated
          "Whether there are more pages, and the cursors of this one."
          pageInfo: PageInfo! @authenticated
          "How many records match, on all pages."
          totalCount: Int! @authenticated
        }

        "A disclosure record and its cursor."
        type DisclosureEdge {
          "Opaque cursor of this position, for `after`."
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
        .Resolve<DisclosureRecord>("DisclosureRecord.id", r => r.Id.ToString(CultureInfo.InvariantCulture));

    public IReadOnlyDictionary<string, EntityResolver> EntityResolvers { get; } = new Dictionary<string, EntityResolver>();

    private static async ValueTask<object?> ResolveDisclosuresAsync(IResolveContext ctx)
    {
        var services = ctx.Services ?? throw new InvalidOperationException("The request has no service provider: execute with the host's services.");
        var reader = services.GetRequiredService<IDisclosureReaderAccessor>().ReaderFor(ctx)
            ?? throw Error("Authentication required to read the disclosure register.", ErrorCodes.Unauthenticated);
        var owner = ctx.Arguments.GetValueOrDefault("owningOrganisation") as string;
        if (!reader.SeesAll && owner is not null && owner != reader.Organisation)
            throw Error("An organisation may read only the disclosures of its own data.", ErrorCodes.Forbidden);
        var first = ctx.Arguments.GetValueOrDefault("first") switch
        {
            null => DisclosureQuery.DefaultPageSize,
            int n and >= 0 and <= DisclosureQuery.MaxPageSize => n,
            _ => throw Error($"first must be between 0 and {DisclosureQuery.MaxPageSize}.", ErrorCodes.BadUserInput),
        };
        long? after = ctx.Arguments.GetValueOrDefault("after") is string cursor
            ? Cursor.IdOf(cursor) ?? throw Error($"\"{cursor}\" is not a cursor of the disclosure register.", ErrorCodes.BadUserInput)
            : null;
        var page = await services.GetRequiredService<DisclosureQuery>().ReadAsync(reader, owner,
            ToDateTime(ctx.Arguments.GetValueOrDefault("from")), ToDateTime(ctx.Arguments.GetValueOrDefault("to")),
            first, after, ctx.CancellationToken);
        return new DisclosureConnection(page, after is not null);
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

    /// <summary>The connection the SDL describes; the default resolver reads its properties.</summary>
    private sealed class DisclosureConnection(DisclosurePage page, bool hasPreviousPage)
    {
        public IReadOnlyList<DisclosureEdge> Edges { get; } = page.Records.Select(r => new DisclosureEdge(Cursor.Of(r.Id), r)).ToList();
        public IReadOnlyList<DisclosureRecord> Nodes => page.Records;
        public int TotalCount => page.TotalCount;
        public object PageInfo => new
        {
            HasNextPage = page.HasNextPage,
            HasPreviousPage = hasPreviousPage,
            StartCursor = Edges.Count > 0 ? Edges[0].Cursor : null,
            EndCursor = Edges.Count > 0 ? Edges[^1].Cursor : null,
        };
    }

    private sealed record DisclosureEdge(string Cursor, DisclosureRecord Node);

    /// <summary>Keyset cursors: opaque base64 of the record's id (records are only appended, so a cursor stays valid).</summary>
    internal static class Cursor
    {
        private const string Prefix = "disclosure:";

        public static string Of(long id) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + id.ToString(CultureInfo.InvariantCulture)));

        public static long? IdOf(string cursor)
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
                return text.StartsWith(Prefix, StringComparison.Ordinal)
                       && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
            }
            catch (FormatException) { return null; }
        }
    }
}
