using Commissioning.Graph.Modules.Shared.Lists;
using Commissioning.Graph.Modules.Shared.Policies;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>
/// What the fields of the module's busiest types read of their entities (<see cref="Projection"/>): a field not named
/// here reads the member named like it. Relations resolved by the key through a loader, and fields of other modules
/// (which know the entity by key only), need nothing more than every projection has.
/// </summary>
internal static class CommissioningProjections
{
    // The listed types: from their list shapes (CommissioningLists), the one definition of their fields.
    public static readonly ProjectionShape<Consortium> Consortium = ProjectionShape<Consortium>.Of(CommissioningLists.Consortium);

    public static readonly ProjectionShape<FinancialReturn> FinancialReturn = ProjectionShape<FinancialReturn>.Of(CommissioningLists.FinancialReturn);

    public static readonly ProjectionShape<GpPractice> GpPractice = ProjectionShape<GpPractice>.Of(CommissioningLists.GpPractice);

    // Types not listed yet (no list shape): declared here until they are.

    public static readonly ProjectionShape<Contract> Contract = new ProjectionShape<Contract>("Contract", c => c.Code, GovernedShapes.Contract)
        // ContractsByProvider groups by the provider's code (the commissioner's is the governed owner).
        .AlwaysReads(c => c.ProviderCode)
        .NeedsNothing("id", "commissioner", "provider", "performance", "arrangements", "activity")
        .Needs("cquinShare", c => c.CquinSharePercent);

    // Memberships: the loaders group by both codes, and the current/ended filter and `current` read the dates.
    public static readonly ProjectionShape<ConsortiumMembership> Membership = new ProjectionShape<ConsortiumMembership>("PracticeMembership", m => m.Id, null)
        .AlwaysReads(m => m.ConsortiumCode, m => m.PracticeCode, m => m.From, m => m.To)
        .NeedsNothing("practice", "consortium", "current");

    // Plans: grouped by consortium, filtered by year in memory; the governed columns (owner, year, status) come with the shape;
    // the boards' responses are loaded by the plan's key.
    public static readonly ProjectionShape<CommissioningPlan> Plan = new ProjectionShape<CommissioningPlan>("CommissioningPlan", p => p.Id, GovernedShapes.CommissioningPlan)
        .AlwaysReads(p => p.ConsortiumCode, p => p.Year)
        .Needs("strategyPriorities", p => p.StrategyPriorityCodes)
        .NeedsNothing("id", "consortium", "hwbResponses");
}
