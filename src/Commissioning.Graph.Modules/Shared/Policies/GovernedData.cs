using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.LocalGovernment;
using Commissioning.Graph.Modules.NhsCb;

namespace Commissioning.Graph.Modules.Shared.Policies;

/// <summary>
/// Finds, for a policy target, the entity whose rules govern it — the target itself when it is a
/// governed entity (consortium, practice, return, contribution, pool, arrangement, contract …, or a
/// reference to one by key), else its nearest ancestor in the request's <see cref="AuthorizationLineage"/>
/// (a return's lines, a connection's edges, figures, indicators), else an entity a payload carries.
/// Its <see cref="GovernedShape"/> says how the policies' rules (<see cref="PolicyRules"/>) read it.
/// </summary>
public static class GovernedData
{

    private static bool IsGoverned(object o) => o is EntityReference r ? GovernedShapes.References.ContainsKey(r.TypeName)
        : o is Directory.DirectoryEntity d ? GovernedShapes.Published.ContainsKey(d.TypeName) : o is Consortium or GpPractice or Provider or FinancialReturn or Allocation
        or AssuranceAssessment or DutyEvidence or Intervention or OutcomeValue or QualityPremium or QualityPremiumShare or InformationRequest or JsnaContribution or Jsna or HealthAndWellbeingBoard or LocalAuthority
        or PooledBudget or PoolContribution or PoolExpenditure or LeadCommissioningArrangement or ArrangementAssociate or ArrangementStatement
        or Contract or ContractPerformance or ContractActivitySubmission or JointHealthAndWellbeingStrategy or StrategyPriority or CommissioningPlan or AnnualReport or AnnualAccounts;

    /// <summary>The governing entity of <paramref name="target"/>, or null when none can be found.</summary>
    public static object? Find(object? target, IResolveContext ctx)
    {
        if (target is null) return null;
        // A federation representation (_entities) stands for the entity it names, by key.
        if (target is IReadOnlyDictionary<string, object?> rep && rep.GetValueOrDefault("__typename") is string typeName && rep.GetValueOrDefault("code") is { } code)
            target = new EntityReference(typeName, code.ToString()!);
        // A mutation, before it runs: what its input names.
        if (target is MutationInput mutation) return MutationTarget.From(mutation);
        foreach (var candidate in ctx.Scope.Lineage.SelfAndAncestors(target))
            if (IsGoverned(candidate)) return candidate;
        // A mutation payload: the entity it carries.
        foreach (var property in target.GetType().GetProperties())
            if (property.GetIndexParameters().Length == 0 && property.GetValue(target) is { } value && IsGoverned(value)) return value;
        return null;
    }

    /// <summary>The governed entity of <paramref name="target"/> with its shape, or null when none can be found.</summary>
    public static (GovernedShape Shape, object Entity)? Governed(object? target, IResolveContext ctx) =>
        Find(target, ctx) is { } entity && ShapeOf(entity) is { } shape ? (shape, entity) : null;

    private static GovernedShape? ShapeOf(object entity) =>
        entity switch
        {
            EntityReference r => GovernedShapes.References.GetValueOrDefault(r.TypeName),
            Directory.DirectoryEntity d => GovernedShapes.Published.GetValueOrDefault(d.TypeName),
            _ => GovernedShapes.Of(entity),
        };
}

/// <summary>
/// What a mutation's input names, for its policies to decide on before it runs (<see cref="MutationInput"/>):
/// <c>input.consortiumCode</c> (whose data it writes: <c>self</c>), <c>input.pooledBudgetCode</c>
/// (<c>poolHost</c>), <c>input.contributionId</c> or <c>input.healthAndWellbeingBoardCode</c> (<c>hwbLocalAuthority</c>),
/// <c>input.arrangementCode</c> (<c>arrangementLead</c>), <c>input.statementId</c> (an arrangement statement: <c>self</c> is
/// its associate, judged with its arrangement), <c>input.contractCode</c> (<c>contractProvider</c>).
/// </summary>
public sealed record MutationTarget(string? ConsortiumCode, string? PooledBudgetCode, int? ContributionId, string? HwbCode)
{
    public string? ArrangementCode { get; init; }
    public int? StatementId { get; init; }
    public string? ContractCode { get; init; }
    /// <summary>The financial year of the data the input writes (<c>input.year</c>, when a valid one): relationships are
    /// judged then (a support arrangement that has ended lets its supplier draft nothing more); none: the current year.</summary>
    public string? Year { get; init; }

    public static MutationTarget From(MutationInput mutation)
    {
        var input = mutation.Arguments.GetValueOrDefault("input") as IReadOnlyDictionary<string, object?>;
        string? Text(string name) => input?.GetValueOrDefault(name)?.ToString();
        // Whose data it writes: the consortium named, or the partner a pool contribution is from (confirmPoolContribution).
        return new MutationTarget(Text("consortiumCode") ?? Text("partnerCode"), Text("pooledBudgetCode"),
            LocalGovernment.Graph.LocalGovernmentGraphModule.ContributionIdOf(Text("contributionId")), Text("healthAndWellbeingBoardCode"))
        {
            ArrangementCode = Text("arrangementCode"),
            StatementId = Commissioning.Graph.ArrangementStatementFields.IdOf(Text("statementId")),
            ContractCode = Text("contractCode"),
            Year = Text("year") is { } year && FinancialYear.IsValid(year) ? year : null,
        };
    }
}
