using System.Buffers.Text;
using System.Text;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Directory.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Directory.Graph;

/// <summary>
/// The directory subgraph (<c>serve --module directory</c>): <c>Query.organisation(code)</c> and
/// <c>Query.organisations(kind, first, after)</c> from the directory's one table of organisations (one statement for
/// a page, one for <c>totalCount</c> when selected), answering with a reference by key (type and code) whose other
/// fields the owning subgraph supplies — through the gateway, or through the composer in one process. SDL:
/// <c>directory.graphql</c>.
/// </summary>
public sealed class DirectoryGraphModule : IGraphModule
{
    public const string ModuleName = "directory";
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;
    private static readonly Lazy<string> SdlText = new(() => GraphModuleResources.ReadSdl("directory.graphql"));

    /// <summary>The organisation types the directory knows by key.</summary>
    public static readonly IReadOnlyList<string> OrganisationTypes =
        ["Consortium", "GpPractice", "Provider", "LocalAuthority", "HealthAndWellbeingBoard", "NhsCommissioningBoard"];

    public string Name => ModuleName;
    public string Sdl => SdlText.Value;

    /// <summary><c>node(id:)</c> resolves here for every Node type: organisations checked against the directory, other
    /// entities by reference, their owners answering for them.</summary>
    public bool ServesGlobalIds => true;

    /// <summary>An entity keyed by its global id (a return, a JSNA contribution) answers as what its owner published about
    /// it (<see cref="DirectoryEntity"/>), which its type's rules judge here as the owner would; null when none was
    /// published (there is no such entity). Other references pass through: the owner supplies their fields.</summary>
    public EntityResolver? GlobalIdReferences { get; } = async (reference, ctx) =>
        reference.GetValueOrDefault("__typename") is string type && Shared.Policies.GovernedShapes.Published.ContainsKey(type)
            ? await Shared.Policies.DirectoryLookups.EntityById(ctx).LoadAsync((string)reference["id"]!) is { } entity && entity.TypeName == type ? entity : null
            : reference;

    public void Configure(SchemaBuilder builder)
    {
        builder
            .ResolveAsync("Query.organisation", async ctx =>
                await OrganisationByCode(ctx).LoadAsync((string)ctx.Arguments["code"]!) is { } o ? new EntityReference(o.TypeName, o.Code) : null)
            .ResolveAsync("Query.organisations", ListAsync)
            // A reference names its type (__typename): the Organisation interface resolves it without an IsTypeOf here,
            // which in one process would stand in the way of the owning module's own.
            .ResolveAsync("OrganisationConnection.totalCount", async ctx => await ((OrganisationPage)ctx.Source!).CountAsync());
    }

    /// <summary>Every organisation type resolves by key from the directory: <c>_entities</c> and <c>node(id:)</c> of an
    /// organisation answer here for any kind.</summary>
    public IReadOnlyDictionary<string, EntityResolver> EntityResolvers { get; } = OrganisationTypes.ToDictionary(t => t, t => (EntityResolver)(async (rep, ctx) =>
        await OrganisationByCode(ctx).LoadAsync(EntityReference.CodeOf(rep)) is { } o && o.TypeName == t ? new EntityReference(t, o.Code) : null));

    private static DataLoader<string, DirectoryOrganisation> OrganisationByCode(IResolveContext ctx) => Shared.Policies.DirectoryLookups.OrganisationByCode(ctx);

    private static async ValueTask<object?> ListAsync(IResolveContext ctx)
    {
        var kind = ctx.Arguments.GetValueOrDefault("kind") as string;
        var first = ctx.Arguments.GetValueOrDefault("first") is int f ? f : DefaultPageSize;
        if (first < 0 || first > MaxPageSize)
            throw new GraphQLException(new GraphQLError($"\"first\" must be between 0 and {MaxPageSize}.", null, ctx.Path,
                new Dictionary<string, object?> { ["code"] = "BAD_USER_INPUT" }));
        var after = ctx.Arguments.GetValueOrDefault("after") is string cursor ? DecodeCursor(cursor, ctx) : null;

        var factory = ctx.DbFactory<DirectoryDbContext>();
        IQueryable<DirectoryOrganisation> OfKind(DirectoryDbContext db) =>
            kind is null ? db.Organisations.AsNoTracking() : db.Organisations.AsNoTracking().Where(o => o.Kind == kind);
        List<DirectoryOrganisation> rows;
        await using (var db = await factory.CreateDbContextAsync(ctx.CancellationToken))
        {
            var query = OfKind(db);
            if (after is not null) query = query.Where(o => string.Compare(o.Code, after) > 0);
            // One more than asked for tells whether a next page exists.
            rows = await query.OrderBy(o => o.Code).Take(first + 1).ToListAsync(ctx.CancellationToken);
        }
        var page = rows.Take(first).Select(o => new EntityReference(o.TypeName, o.Code)).ToList();
        return new OrganisationPage(
            page.Select(r => new OrganisationEdge(EncodeCursor(r.Code), r)).ToList(),
            page,
            new OrganisationPageInfo(
                HasNextPage: rows.Count > first,
                // Paging forward from a cursor, earlier organisations exist: at least the one the cursor names.
                HasPreviousPage: after is not null,
                StartCursor: page.Count > 0 ? EncodeCursor(page[0].Code) : null,
                EndCursor: page.Count > 0 ? EncodeCursor(page[^1].Code) : null),
            async () =>
            {
                await using var db = await factory.CreateDbContextAsync(ctx.CancellationToken);
                return await OfKind(db).CountAsync(ctx.CancellationToken);
            });
    }

    private sealed record OrganisationPage(IReadOnlyList<OrganisationEdge> Edges, IReadOnlyList<EntityReference> Nodes, OrganisationPageInfo PageInfo,
        Func<Task<int>> CountAsync);

    private sealed record OrganisationEdge(string Cursor, EntityReference Node);

    private sealed record OrganisationPageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

    private static string EncodeCursor(string code) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("code:" + code));

    private static string DecodeCursor(string cursor, IResolveContext context)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith("code:", StringComparison.Ordinal)) return text[5..];
        }
        catch (FormatException) { }
        throw new GraphQLException(new GraphQLError("\"after\" is not a cursor this field returned.", null, context.Path,
            new Dictionary<string, object?> { ["code"] = "BAD_USER_INPUT" }));
    }
}
