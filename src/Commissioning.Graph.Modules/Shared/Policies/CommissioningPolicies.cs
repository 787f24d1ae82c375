using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Modules.LocalGovernment.Graph;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commissioning.Graph.Modules.Shared.Policies;

/// <summary>
/// A named policy of DOMAIN.md "Who may see what", decided from the caller and the directory alone by its rule in
/// <see cref="PolicyRules"/> — in whichever subgraph resolves the field, for a loaded entity or a reference by key
/// alike. What the entity's columns settle is decided at once; the rest start together so that their directory
/// lookups share DataLoader batches.
/// </summary>
public class RulePolicy(string name, Grant rule) : IImmediateAuthorizationPolicy
{
    public string Name { get; } = name;
    public Grant Rule { get; } = rule;

    public bool? TryDecide(AuthorizationSubject subject, object? target, IResolveContext context)
    {
        if (subject.Organisation is not { } caller) return false;
        if (target is MutationInput) return null; // its input may name a contribution, whose HWB needs a lookup
        var (shape, entity) = Governed(target, context);
        return RuleEvaluator.TryDecide(Rule, shape, entity, caller);
    }

    public async ValueTask<bool[]> EvaluateAsync(AuthorizationSubject subject, IReadOnlyList<object?> targets, IResolveContext context)
    {
        if (subject.Organisation is not { } caller) return new bool[targets.Count];
        var pending = targets.Select(async t =>
        {
            var (shape, entity) = Governed(t, context);
            if (entity is MutationTarget m) entity = await WithStatementAsync(await WithBoardAsync(m, context), context);
            var allowed = await RuleEvaluator.DecideAsync(Rule, shape, entity, caller, context);
            // An agent let through for its client: the disclosure of the client's data names the client as its principal.
            if (allowed && PolicyRules.ActsForOwner.Contains(Name) && await RuleEvaluator.OwnerAsync(shape, entity, context) is { } owner && owner != caller)
                context.Scope.Disclosures.ActingFor(owner, owner);
            return allowed;
        }).ToArray();
        return await Task.WhenAll(pending);
    }

    /// <summary>The governed entity and its shape; a target with none is judged as nothing (only <c>nhscb</c> holds).</summary>
    internal static (GovernedShape Shape, object Entity) Governed(object? target, IResolveContext context) =>
        GovernedData.Governed(target, context) ?? (GovernedShapes.Nothing, new object());

    /// <summary>A mutation that names an arrangement statement is judged as its associate's (<c>self</c>), within its arrangement;
    /// a statement that does not exist leaves nothing to hold (the mutation reports it as not found only to whom <c>self</c>
    /// could never refuse).</summary>
    private static async ValueTask<MutationTarget> WithStatementAsync(MutationTarget target, IResolveContext context)
    {
        if (target is not { StatementId: { } id, ConsortiumCode: null }) return target;
        if (await Commissioning.Graph.CommissioningLoaders.StatementById(context).LoadAsync(id) is not { } statement) return target;
        return target with { ConsortiumCode = statement.AssociateCode, ArrangementCode = statement.ArrangementCode };
    }

    /// <summary>A mutation that names a JSNA contribution is judged at that contribution's HWB (from the directory).</summary>
    private static async ValueTask<MutationTarget> WithBoardAsync(MutationTarget target, IResolveContext context)
    {
        if (target is not { ContributionId: { } id, HwbCode: null }) return target;
        if (await LocalGovernmentLoaders.ContributionById(context).LoadAsync(id) is not { } contribution) return target;
        var boards = await DirectoryLookups.PartiesAsync(context, [DirectoryKeys.Jsna(contribution.JsnaId)], RelationshipKind.JsnaBoard);
        return target with { HwbCode = boards.FirstOrDefault() };
    }
}

/// <summary>A rule granting published data (<see cref="PolicyRules.Public"/>): what it allows needs no purpose and is no disclosure.</summary>
public sealed class PublishedRulePolicy(string name, Grant rule) : RulePolicy(name, rule), IPublicAuthorizationPolicy;

/// <summary>Owners for disclosure accounting and small-number suppression: the governed entity's owner (a column,
/// or the directory's party: a JSNA's local authority, a pool's host, a contract's commissioner).</summary>
public sealed class CommissioningDataOwnership : IImmediateDataOwnership
{
    public bool TryGetOwner(object? target, IResolveContext context, out string? owner)
    {
        if (GovernedData.Governed(target, context) is not var (shape, entity)) { owner = null; return true; }
        return RuleEvaluator.TryOwner(shape, entity, out owner);
    }

    public async ValueTask<string?[]> GetOwnersAsync(IReadOnlyList<object?> targets, IResolveContext context) =>
        await Task.WhenAll(targets.Select(async t =>
            GovernedData.Governed(t, context) is var (shape, entity) ? await RuleEvaluator.OwnerAsync(shape, entity, context) : null));
}

public static class CommissioningPolicyServiceCollectionExtensions
{
    /// <summary>Registers the domain's named policies (DOMAIN.md "Who may see what", rules in <see cref="PolicyRules"/>),
    /// data ownership and the engine's <see cref="IAuthorizationService"/> over them.</summary>
    public static IServiceCollection AddCommissioningPolicies(this IServiceCollection services)
    {
        foreach (var (name, rule) in PolicyRules.ByName)
            services.AddSingleton<IAuthorizationPolicy>(PolicyRules.Public.Contains(name) ? new PublishedRulePolicy(name, rule) : new RulePolicy(name, rule));
        services.TryAddSingleton<IDataOwnership, CommissioningDataOwnership>();
        services.TryAddSingleton<IAuthorizationService>(sp =>
            new AuthorizationService(sp.GetServices<IAuthorizationPolicy>(), sp.GetService<IDataOwnership>(), PurposeCoverage.Limitation));
        return services;
    }
}
