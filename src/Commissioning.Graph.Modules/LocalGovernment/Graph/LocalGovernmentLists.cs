using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.Shared.Lists;
using Commissioning.Graph.Modules.Shared.Policies;

namespace Commissioning.Graph.Modules.LocalGovernment.Graph;

/// <summary>
/// The list shapes of the local-government subgraph (<see cref="ListShape{T}"/>) and its connection fields beside the plain
/// lists: <c>Jsna.contributionsConnection</c>, <c>PooledBudget.contributionsConnection</c>, <c>PooledBudget.expenditureConnection</c>.
/// </summary>
internal static class LocalGovernmentLists
{
    private const string ContributionPolicies = "@policy(policies: [[\"hwbPartner\"], [\"nhscb\"], [\"jsnaAuthor\"]])";
    private const string PoolPolicies = "@policy(policies: [[\"poolPartner\"], [\"nhscb\"]])";

    public static readonly ListShape<JsnaContribution> JsnaContribution = ListShape<JsnaContribution>.Keyed("JsnaContribution", c => c.Id)
        .String("topic", c => c.Topic)
        .String("narrative", c => c.Narrative)
        .Enum("status", "JsnaContributionStatus", c => c.Status)
        .DateTime("submittedAt", c => c.SubmittedAt)
        .DateTime("acceptedAt", c => c.AcceptedAt)
        .Int("rowVersion", c => c.RowVersion)
        // The consortium is the Commissioning subgraph's: not filterable here (contexts never join each other's tables).
        .Computed("id", "Id").Computed("consortium", "ConsortiumCode").Computed("indicators", "Id");

    public static readonly ListShape<PoolContribution> PoolContribution = ListShape<PoolContribution>.Keyed("PoolContribution", c => c.Id)
        .Id("partnerCode", c => c.PartnerCode)
        .String("year", c => c.Year)
        .Decimal("amount", c => c.Amount)
        .DateTime("recordedAt", c => c.RecordedAt)
        .Computed("partner", "PartnerCode");

    public static readonly ListShape<PoolExpenditure> PoolExpenditure = ListShape<PoolExpenditure>.Keyed("PoolExpenditure", e => e.Id)
        .String("year", e => e.Year)
        .Int("month", e => e.Month)
        .String("serviceArea", e => e.ServiceArea)
        .String("description", e => e.Description)
        .Decimal("amount", e => e.Amount)
        .DateTime("recordedAt", e => e.RecordedAt);

    public static string Sdl =>
        ListSdl.For(JsnaContribution, PoolContribution, PoolExpenditure)
        + ListSdl.ConnectionField("Jsna", "contributionsConnection",
            "The contributions the caller may read (as `contributions`), filtered, sorted and paged; in the order they were made when `order` is omitted.",
            JsnaContribution, "@authenticated")
        + ListSdl.ConnectionTypes("JsnaContribution", "@authenticated", "contributions")
        + ListSdl.ConnectionField("PooledBudget", "contributionsConnection", "Partners' contributions, filtered, sorted and paged; newest year first when `order` is omitted.",
            PoolContribution, PoolPolicies)
        + ListSdl.ConnectionTypes("PoolContribution", PoolPolicies, "contributions")
        + ListSdl.ConnectionField("PooledBudget", "expenditureConnection", "Spending from the pool, filtered, sorted and paged; newest month first when `order` is omitted.",
            PoolExpenditure, PoolPolicies)
        + ListSdl.ConnectionTypes("PoolExpenditure", PoolPolicies, "expenditure records");

    public static SchemaBuilder Configure(SchemaBuilder b) => b
        .ResolveAsync<Jsna>("Jsna.contributionsConnection", async (jsna, ctx) => await Connections.ChildAsync(ctx, JsnaContribution,
            new ChildListSource<LocalGovernmentDbContext, Jsna, int, JsnaContribution>
            {
                Name = "localGovernment.contributionsConnection", Rows = db => db.JsnaContributions,
                // Only the contributions the caller may read are listed (the type's policies as SQL).
                Governed = GovernedShapes.JsnaContribution, RowPolicies = ["hwbPartner", "nhscb", "jsnaAuthor", "supportFor"],
                Parents = db => db.Jsnas, ParentKey = j => j.Id, ParentKeyOf = c => c.JsnaId,
            }, jsna.Id))
        .ResolveAsync<PooledBudget>("PooledBudget.contributionsConnection", async (pooledBudget, ctx) => await Connections.ChildAsync(ctx, PoolContribution,
            new ChildListSource<LocalGovernmentDbContext, PooledBudget, string, PoolContribution>
            {
                Name = "localGovernment.poolContributionsConnection", Rows = db => db.PoolContributions, DefaultOrder = "year DESC",
                Governed = GovernedShapes.PoolContribution, RowPolicies = ["poolPartner", "nhscb"],
                Parents = db => db.PooledBudgets, ParentKey = p => p.Code, ParentKeyOf = c => c.PoolCode,
            }, pooledBudget.Code))
        .ResolveAsync<PooledBudget>("PooledBudget.expenditureConnection", async (pooledBudget, ctx) => await Connections.ChildAsync(ctx, PoolExpenditure,
            new ChildListSource<LocalGovernmentDbContext, PooledBudget, string, PoolExpenditure>
            {
                Name = "localGovernment.poolExpenditureConnection", Rows = db => db.PoolExpenditure, DefaultOrder = "year DESC, month DESC",
                Governed = GovernedShapes.PoolExpenditure, RowPolicies = ["poolPartner", "nhscb"],
                Parents = db => db.PooledBudgets, ParentKey = p => p.Code, ParentKeyOf = e => e.PoolCode,
            }, pooledBudget.Code))
        .ResolveTotalCounts("JsnaContributionConnection", "PoolContributionConnection", "PoolExpenditureConnection");
}
