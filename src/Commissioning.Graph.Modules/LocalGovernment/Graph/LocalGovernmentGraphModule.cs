using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Graph.Modules.LocalGovernment.Graph.LocalGovernmentLoaders;

namespace Commissioning.Graph.Modules.LocalGovernment.Graph;

/// <summary>
/// The local-government subgraph: local authorities, Health and Wellbeing Boards with their JSNAs,
/// and pooled budgets; it adds <c>healthAndWellbeingBoards</c> and <c>pooledBudgets</c> to the
/// commissioning subgraph's <c>Consortium</c>. SDL: <c>local-government.graphql</c>.
/// </summary>
public sealed class LocalGovernmentGraphModule : IGraphModule
{
    public const string ModuleName = "local-government";
    private static readonly Lazy<string> SdlText = new(() => GraphModuleResources.ReadSdl("local-government.graphql"));

    public string Name => ModuleName;
    public string Sdl => SdlText.Value + LocalGovernmentLists.Sdl;

    public void Configure(SchemaBuilder builder)
    {
        ConfigureQueries(builder);
        ConfigureOrganisations(builder);
        ConfigureJsna(builder);
        ConfigurePools(builder);
        ConfigureStrategies(builder);
        JsnaEvents.Configure(builder);
        LocalGovernmentLists.Configure(builder);
        builder
            .ResolveAsync("Consortium.healthAndWellbeingBoards", async ctx =>
                await BoardsOfConsortiumAsync(ctx, EntityReference.CodeOf(ctx.Source)))
            .ResolveAsync("Consortium.pooledBudgets", async ctx =>
                (await PoolsByPartner(ctx).LoadAsync(EntityReference.CodeOf(ctx.Source))).OrEmpty());
        LocalGovernmentMutations.Configure(builder);
        StrategyMutations.Configure(builder);
    }

    public IReadOnlyDictionary<string, EntityResolver> EntityResolvers { get; } = new Dictionary<string, EntityResolver>
    {
        ["LocalAuthority"] = async (rep, ctx) => await LocalAuthorityByCode(ctx).LoadAsync(EntityReference.CodeOf(rep)),
        ["HealthAndWellbeingBoard"] = async (rep, ctx) => await BoardByCode(ctx).LoadAsync(EntityReference.CodeOf(rep)),
        ["PooledBudget"] = async (rep, ctx) => await PoolByCode(ctx).LoadAsync(EntityReference.CodeOf(rep)),
        ["StrategyPriority"] = async (rep, ctx) => await PriorityByCode(ctx).LoadAsync(EntityReference.CodeOf(rep)),
        ["JsnaContribution"] = async (rep, ctx) =>
            ContributionIdOf(rep.TryGetValue("id", out var id) ? id?.ToString() : null) is { } key
                ? await ContributionById(ctx).LoadAsync(key) : null,
        // This module only extends Consortium: its fields need nothing but the key.
        ["Consortium"] = (rep, _) => ValueTask.FromResult<object?>(new EntityReference("Consortium", EntityReference.CodeOf(rep))),
    };

    internal static int? ContributionIdOf(string? globalId) =>
        int.TryParse(GlobalId.KeyOf(globalId, "JsnaContribution"), out var id) ? id : null;

    private static void ConfigureQueries(SchemaBuilder builder) => builder
        .ResolveAsync("Query.localAuthority", async ctx => await LocalAuthorityByCode(ctx).LoadAsync(Code(ctx)))
        .ResolveAsync("Query.localAuthorities", async ctx =>
        {
            await using var db = await ctx.DbFactory<LocalGovernmentDbContext>().CreateDbContextAsync(ctx.CancellationToken);
            var authorities = await db.LocalAuthorities.AsNoTracking().OrderBy(a => a.Code).ToListAsync(ctx.CancellationToken);
            // Later look-ups of these authorities by code need no statement.
            var byCode = LocalAuthorityByCode(ctx);
            foreach (var a in authorities) byCode.Prime(a.Code, a);
            return authorities;
        })
        .ResolveAsync("Query.healthAndWellbeingBoard", async ctx => await BoardByCode(ctx).LoadAsync(Code(ctx)))
        .ResolveAsync("Query.healthAndWellbeingBoards", async ctx =>
        {
            await using var db = await ctx.DbFactory<LocalGovernmentDbContext>().CreateDbContextAsync(ctx.CancellationToken);
            var boards = await db.HealthAndWellbeingBoards.AsNoTracking().OrderBy(h => h.Code).ToListAsync(ctx.CancellationToken);
            var (byCode, byAuthority) = (BoardByCode(ctx), BoardByLocalAuthority(ctx));
            foreach (var b in boards) { byCode.Prime(b.Code, b); byAuthority.Prime(b.LocalAuthorityCode, b); }
            return boards;
        })
        .ResolveAsync("Query.pooledBudget", async ctx => await PoolByCode(ctx).LoadAsync(Code(ctx)));

    private static void ConfigureOrganisations(SchemaBuilder builder) => builder
        // Organisation is an interface over several modules' types: each object type recognises its own values.
        .IsTypeOf("LocalAuthority", (v, _) => v is LocalAuthority or EntityReference { TypeName: "LocalAuthority" })
        .IsTypeOf("HealthAndWellbeingBoard", (v, _) => v is HealthAndWellbeingBoard or EntityReference { TypeName: "HealthAndWellbeingBoard" })
        .Resolve<LocalAuthority>("LocalAuthority.id", a => GlobalId.Encode("LocalAuthority", a.Code))
        .Resolve<LocalAuthority>("LocalAuthority.kind", _ => "LOCAL_AUTHORITY")
        .Resolve<LocalAuthority>("LocalAuthority.authorityType", a => GraphValues.EnumName(a.Type))
        .ResolveAsync<LocalAuthority>("LocalAuthority.healthAndWellbeingBoard", async (localAuthority, ctx) =>
            await BoardByLocalAuthority(ctx).LoadAsync(localAuthority.Code))
        .Resolve<HealthAndWellbeingBoard>("HealthAndWellbeingBoard.id", h => GlobalId.Encode("HealthAndWellbeingBoard", h.Code))
        .Resolve<HealthAndWellbeingBoard>("HealthAndWellbeingBoard.kind", _ => "HEALTH_AND_WELLBEING_BOARD")
        .ResolveAsync<HealthAndWellbeingBoard>("HealthAndWellbeingBoard.localAuthority", async (board, ctx) =>
            await LocalAuthorityByCode(ctx).LoadAsync(board.LocalAuthorityCode))
        .ResolveAsync<HealthAndWellbeingBoard>("HealthAndWellbeingBoard.members", async (board, ctx) =>
            await CurrentMembersAsync(ctx, board.Code))
        .ResolveAsync<HealthAndWellbeingBoard>("HealthAndWellbeingBoard.jsna", async (board, ctx) =>
            await JsnaByBoardAndYear(ctx).LoadAsync(new HwbYear(board.Code, (string)ctx.Arguments["year"]!)))
        .Resolve<HwbMember>("HwbMember.kind", m => GraphValues.EnumName(m.Role))
        .Resolve<HwbMember>("HwbMember.consortium", m =>
            m is { Role: HwbMemberRole.Consortium, OrganisationCode: { } code } ? new EntityReference("Consortium", code) : null);

    private static void ConfigureJsna(SchemaBuilder builder) => builder
        .ResolveAsync<Jsna>("Jsna.board", async (jsna, ctx) => await BoardByCode(ctx).LoadAsync(jsna.HwbCode))
        .ResolveAsync<Jsna>("Jsna.contributions", async (jsna, ctx) =>
        {
            // Only the contributions the caller may read are loaded (the type's policies as SQL); the type's rule still checks each.
            var visible = await RuleFilter.PredicateAsync(GovernedShapes.JsnaContribution, ctx, "hwbPartner", "nhscb", "jsnaAuthor", "supportFor");
            var all = (await VisibleContributionsByJsna(ctx, visible).LoadAsync(jsna.Id)).OrEmpty();
            return ctx.Arguments.TryGetValue("status", out var s) && s is string status
                ? all.Where(c => GraphValues.EnumName(c.Status) == status).ToList()
                : all;
        })
        .Resolve<JsnaContribution>("JsnaContribution.id", c => GlobalId.Encode("JsnaContribution", c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .Resolve<JsnaContribution>("JsnaContribution.consortium", c => new EntityReference("Consortium", c.ConsortiumCode))
        .Resolve<JsnaContribution>("JsnaContribution.status", c => GraphValues.EnumName(c.Status))
        .ResolveAsync<JsnaContribution>("JsnaContribution.indicators", async (jsnaContribution, ctx) =>
            (await IndicatorsByContribution(ctx).LoadAsync(jsnaContribution.Id)).OrEmpty());

    private static void ConfigureStrategies(SchemaBuilder builder) => builder
        .ResolveAsync<HealthAndWellbeingBoard>("HealthAndWellbeingBoard.strategy", async (board, ctx) =>
            await StrategyByBoardAndYear(ctx).LoadAsync(new HwbYear(board.Code, (string)ctx.Arguments["year"]!)))
        .ResolveAsync<JointHealthAndWellbeingStrategy>("JointHealthAndWellbeingStrategy.board", async (strategy, ctx) => await BoardByCode(ctx).LoadAsync(strategy.HwbCode))
        .Resolve<JointHealthAndWellbeingStrategy>("JointHealthAndWellbeingStrategy.period", s => s.Year)
        .ResolveAsync<JointHealthAndWellbeingStrategy>("JointHealthAndWellbeingStrategy.priorities", async (strategy, ctx) =>
            (await PrioritiesByStrategy(ctx).LoadAsync(strategy.Id)).OrEmpty())
        .Resolve<StrategyPriority>("StrategyPriority.jsnaTopics", p => p.Topics);

    private static void ConfigurePools(SchemaBuilder builder) => builder
        .Resolve<PooledBudget>("PooledBudget.id", p => GlobalId.Encode("PooledBudget", p.Code))
        .ResolveAsync<PooledBudget>("PooledBudget.host", async (pool, ctx) =>
        {
            var partners = (await PartnersByPool(ctx).LoadAsync(pool.Code)).OrEmpty();
            // The host is one of the partners; its kind says which module owns it.
            var kind = partners.FirstOrDefault(p => p.PartnerCode == pool.HostCode)?.Kind ?? PoolPartnerKind.LocalAuthority;
            return await OrganisationAsync(ctx, pool.HostCode, kind);
        })
        .ResolveAsync<PooledBudget>("PooledBudget.partners", async (pooledBudget, ctx) => (await PartnersByPool(ctx).LoadAsync(pooledBudget.Code)).OrEmpty())
        .ResolveAsync<PooledBudget>("PooledBudget.contributions", async (pooledBudget, ctx) =>
        {
            var all = (await ContributionsByPool(ctx).LoadAsync(pooledBudget.Code)).OrEmpty();
            return Year(ctx) is { } year ? all.Where(c => c.Year == year).ToList() : all;
        })
        .ResolveAsync<PooledBudget>("PooledBudget.expenditure", async (pooledBudget, ctx) =>
        {
            var all = (await ExpenditureByPool(ctx).LoadAsync(pooledBudget.Code)).OrEmpty();
            return Year(ctx) is { } year ? all.Where(x => x.Year == year).ToList() : all;
        })
        .ResolveAsync<PoolPartner>("PoolPartner.organisation", async (partner, ctx) =>
        {
            return await OrganisationAsync(ctx, partner.PartnerCode, partner.Kind);
        })
        .Resolve<PoolPartner>("PoolPartner.code", p => p.PartnerCode)
        .Resolve<PoolPartner>("PoolPartner.kind", p => GraphValues.EnumName(p.Kind))
        .Resolve<PooledBudget>("PooledBudget.agreement", p => new PoolAgreement(p.PoolKind, p.AgreementSignedOn, p.AgreementReviewOn, p.GoverningBoard))
        .Resolve<PoolAgreement>("PoolAgreement.poolKind", a => GraphValues.EnumName(a.PoolKind))
        .ResolveAsync<PooledBudget>("PooledBudget.outturn", async (pool, ctx) =>
        {
            // Partners, contributions and expenditure through the pool's loaders: one statement each for every pool of the level.
            var partners = PartnersByPool(ctx).LoadAsync(pool.Code);
            var contributions = ContributionsByPool(ctx).LoadAsync(pool.Code);
            var expenditure = ExpenditureByPool(ctx).LoadAsync(pool.Code);
            return PoolOutturn.Of(pool, (await partners).OrEmpty(), (await contributions).OrEmpty(), (await expenditure).OrEmpty(), (string)ctx.Arguments["year"]!);
        })
        .ResolveAsync<PoolPartnerShare>("PoolPartnerShare.partner", async (share, ctx) =>
        {
            return await OrganisationAsync(ctx, share.PartnerCode, share.Kind);
        })
        .Resolve<PoolPartnerShare>("PoolPartnerShare.share", s => s.SharePercent)
        .ResolveAsync<PoolContribution>("PoolContribution.partner", async (contribution, ctx) =>
        {
            var partners = (await PartnersByPool(ctx).LoadAsync(contribution.PoolCode)).OrEmpty();
            var kind = partners.FirstOrDefault(p => p.PartnerCode == contribution.PartnerCode)?.Kind ?? PoolPartnerKind.Consortium;
            return await OrganisationAsync(ctx, contribution.PartnerCode, kind);
        });

    /// <summary>A pool partner as an <c>Organisation</c>: this module's local authorities in full, other modules' bodies by reference.</summary>
    private static async ValueTask<object?> OrganisationAsync(IResolveContext ctx, string code, PoolPartnerKind kind) => kind switch
    {
        PoolPartnerKind.LocalAuthority => await LocalAuthorityByCode(ctx).LoadAsync(code),
        PoolPartnerKind.NhsCommissioningBoard => new EntityReference("NhsCommissioningBoard", code),
        _ => new EntityReference("Consortium", code),
    };

    private static string Code(IResolveContext ctx) => (string)ctx.Arguments["code"]!;

    private static string? Year(IResolveContext ctx) => ctx.Arguments.TryGetValue("year", out var y) ? y as string : null;
}
