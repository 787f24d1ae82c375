using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Directory.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Lists;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Directory.Graph;

/// <summary>
/// The directory subgraph (<c>serve --module directory</c>): <c>Query.organisation(code)</c> and
/// <c>Query.organisations(kind, where, order, first, after, last, before)</c> from the directory's one table of organisations
/// (<see cref="Connections"/>: one statement for a page, one for <c>totalCount</c> when selected), answering with a reference by key (type and code) whose other
/// fields the owning subgraph supplies — through the gateway, or through the composer in one process. SDL:
/// <c>directory.graphql</c>.
/// </summary>
public sealed class DirectoryGraphModule : IGraphModule
{
    public const string ModuleName = "directory";
    private static readonly Lazy<string> SdlText = new(() => GraphModuleResources.ReadSdl("directory.graphql"));

    /// <summary>The organisation types the directory knows by key.</summary>
    public static readonly IReadOnlyList<string> OrganisationTypes =
        ["Consortium", "GpPractice", "Provider", "LocalAuthority", "HealthAndWellbeingBoard", "NhsCommissioningBoard", CommissioningSupport.OrganisationType];

    public string Name => ModuleName;
    public string Sdl => SdlText.Value + ListInputs;

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
            .ResolveTotalCounts("OrganisationConnection");
        CommissioningSupport.Configure(builder);
    }

    /// <summary>Every organisation type resolves by key from the directory: <c>_entities</c> and <c>node(id:)</c> of an
    /// organisation answer here for any kind.</summary>
    public IReadOnlyDictionary<string, EntityResolver> EntityResolvers { get; } = OrganisationTypes.ToDictionary(t => t, t => (EntityResolver)(async (rep, ctx) =>
        await OrganisationByCode(ctx).LoadAsync(EntityReference.CodeOf(rep)) is { } o && o.TypeName == t ? new EntityReference(t, o.Code) : null));

    private static DataLoader<string, DirectoryOrganisation> OrganisationByCode(IResolveContext ctx) => Shared.Policies.DirectoryLookups.OrganisationByCode(ctx);

    /// <summary>
    /// What organisation lists may be filtered and sorted on: the fields the directory's own table holds (code, name, kind);
    /// every other field of an organisation is its owning subgraph's (<c>@external</c> here) and never joined.
    /// </summary>
    internal static readonly ListShape<DirectoryOrganisation> Organisation = ListShape<DirectoryOrganisation>.Keyed("Organisation", o => o.Code)
        .Id("code", o => o.Code)
        .String("name", o => o.Name)
        .EnumName("kind", "OrganisationKind", o => o.Kind);

    /// <summary>The generated list inputs, appended to <c>directory.graphql</c>.</summary>
    public static string ListInputs => ListSdl.For(Organisation);

    private static async ValueTask<object?> ListAsync(IResolveContext ctx)
    {
        var kind = ctx.Arguments.GetValueOrDefault("kind") as string;
        var page = await Connections.RootAsync(ctx, Organisation, new ListSource<DirectoryDbContext, DirectoryOrganisation>
        {
            Name = "directory.organisations",
            Rows = db => kind is null ? db.Organisations : db.Organisations.Where(o => o.Kind == kind),
            Arguments = kind ?? "",
            DefaultOrder = "code",
        });
        // Each organisation answers as a reference by key: its owning subgraph (or the composer) supplies its other fields.
        return new Connection<EntityReference>(page.Edges.Select(e => new Edge<EntityReference>(e.Cursor, new EntityReference(e.Node.TypeName, e.Node.Code))).ToList(),
            page.PageInfo, page.CountAsync);
    }
}
