using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.LocalGovernment;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commissioning.Graph.Modules.Shared.Policies;

/// <summary>
/// A domain policy: finds each target's governing entity (<see cref="GovernedData.Find"/>), then
/// decides. Decisions start together so their relationship lookups share DataLoader batches.
/// A target with no governing entity is denied (except by <c>nhscb</c>, which needs none).
/// </summary>
public abstract class DomainPolicy : IImmediateAuthorizationPolicy
{
    public abstract string Name { get; }

    public bool? TryDecide(AuthorizationSubject subject, object? target, IResolveContext context) =>
        subject.Organisation is { } caller ? DecideImmediately(caller, GovernedData.Find(target, context), target, context) : false;

    /// <summary>The decision when the caller and the entity in memory settle it (it must agree with
    /// <see cref="DecideAsync"/>); null when a lookup is needed.</summary>
    protected virtual bool? DecideImmediately(string caller, object? entity, object? target, IResolveContext context) => null;

    public async ValueTask<bool[]> EvaluateAsync(AuthorizationSubject subject, IReadOnlyList<object?> targets, IResolveContext context)
    {
        if (subject.Organisation is not { } caller) return new bool[targets.Count];
        var pending = targets.Select(t => DecideAsync(caller, GovernedData.Find(t, context), context).AsTask()).ToArray();
        return await Task.WhenAll(pending);
    }

    protected abstract ValueTask<bool> DecideAsync(string caller, object? entity, IResolveContext context);
}

/// <summary><c>self</c>: the caller is the organisation the data belongs to.</summary>
public sealed class SelfPolicy : DomainPolicy
{
    public override string Name => "self";
    protected override bool? DecideImmediately(string caller, object? entity, object? target, IResolveContext context) =>
        entity is null ? false : GovernedData.TryDirectOwner(entity, out var owner) ? owner == caller : null;
    protected override async ValueTask<bool> DecideAsync(string caller, object? entity, IResolveContext context) =>
        entity is not null && await GovernedData.OwnerOf(entity, context) == caller;
}

/// <summary><c>nhscb</c>: the caller is the NHS Commissioning Board (X24) — except for a draft JSNA contribution,
/// which only its author and the HWB's local authority may read (DOMAIN.md).</summary>
public sealed class NhsCbPolicy : DomainPolicy
{
    public override string Name => "nhscb";
    protected override bool? DecideImmediately(string caller, object? entity, object? target, IResolveContext context) =>
        GovernedData.IsNhsCommissioningBoard(caller) && entity is not JsnaContribution { Status: JsnaContributionStatus.Draft };
    protected override ValueTask<bool> DecideAsync(string caller, object? entity, IResolveContext context) =>
        new(GovernedData.IsNhsCommissioningBoard(caller) && entity is not JsnaContribution { Status: JsnaContributionStatus.Draft });
}

/// <summary><c>memberConsortium</c>: the caller is the consortium the practice currently belongs to.</summary>
public sealed class MemberConsortiumPolicy : DomainPolicy
{
    public override string Name => "memberConsortium";
    protected override bool? DecideImmediately(string caller, object? entity, object? target, IResolveContext context) => entity is GpPractice ? null : false;
    protected override async ValueTask<bool> DecideAsync(string caller, object? entity, IResolveContext context) =>
        entity is GpPractice practice && await GovernedData.ConsortiumOfPractice(context).LoadAsync(practice.Code) == caller;
}

/// <summary><c>hwbPartner</c>: the caller is the HWB's local authority or a consortium that is a member
/// of it. For a JSNA contribution, only once submitted (drafts: <c>jsnaAuthor</c>).</summary>
public sealed class HwbPartnerPolicy : DomainPolicy
{
    public override string Name => "hwbPartner";
    protected override bool? DecideImmediately(string caller, object? entity, object? target, IResolveContext context) =>
        entity is JsnaContribution { Status: JsnaContributionStatus.Draft } || !GovernedData.MayHaveHwb(entity) ? false : null;
    protected override async ValueTask<bool> DecideAsync(string caller, object? entity, IResolveContext context)
    {
        if (entity is JsnaContribution { Status: JsnaContributionStatus.Draft }) return false;
        if (await GovernedData.HwbCodeOf(entity, context) is not { } hwb) return false;
        return await GovernedData.HwbPartiesByCode(context).LoadAsync(hwb) is { } parties && parties.Includes(caller);
    }
}

/// <summary><c>jsnaAuthor</c>: the contributing consortium (any status), or — for a draft — the HWB's local authority.</summary>
public sealed class JsnaAuthorPolicy : DomainPolicy
{
    public override string Name => "jsnaAuthor";
    protected override bool? DecideImmediately(string caller, object? entity, object? target, IResolveContext context) => entity switch
    {
        JsnaContribution c when c.ConsortiumCode == caller => true,
        JsnaContribution { Status: JsnaContributionStatus.Draft } => null,
        _ => false,
    };
    protected override async ValueTask<bool> DecideAsync(string caller, object? entity, IResolveContext context)
    {
        if (entity is not JsnaContribution contribution) return false;
        if (contribution.ConsortiumCode == caller) return true;
        if (contribution.Status != JsnaContributionStatus.Draft) return false;
        return await GovernedData.HwbCodeOf(contribution, context) is { } hwb
            && (await GovernedData.HwbPartiesByCode(context).LoadAsync(hwb))?.LocalAuthority == caller;
    }
}

/// <summary><c>hwbLocalAuthority</c>: the caller is the local authority of the HWB (it accepts contributions).</summary>
public sealed class HwbLocalAuthorityPolicy : DomainPolicy
{
    public override string Name => "hwbLocalAuthority";
    protected override bool? DecideImmediately(string caller, object? entity, object? target, IResolveContext context) => GovernedData.MayHaveHwb(entity) ? null : false;
    protected override async ValueTask<bool> DecideAsync(string caller, object? entity, IResolveContext context) =>
        await GovernedData.HwbCodeOf(entity, context) is { } hwb && (await GovernedData.HwbPartiesByCode(context).LoadAsync(hwb))?.LocalAuthority == caller;
}

/// <summary><c>poolPartner</c>: the caller is a partner in the pooled budget.</summary>
public sealed class PoolPartnerPolicy : DomainPolicy
{
    public override string Name => "poolPartner";
    protected override bool? DecideImmediately(string caller, object? entity, object? target, IResolveContext context) => GovernedData.PoolCodeOf(entity) is null ? false : null;
    protected override async ValueTask<bool> DecideAsync(string caller, object? entity, IResolveContext context) =>
        GovernedData.PoolCodeOf(entity) is { } pool && (await GovernedData.PoolPartners(context).LoadAsync(pool))?.Contains(caller) == true;
}

/// <summary><c>poolHost</c>: the caller hosts the pooled budget (it records contributions and expenditure).</summary>
public sealed class PoolHostPolicy : DomainPolicy
{
    public override string Name => "poolHost";
    protected override bool? DecideImmediately(string caller, object? entity, object? target, IResolveContext context) => GovernedData.PoolCodeOf(entity) is null ? false : null;
    protected override async ValueTask<bool> DecideAsync(string caller, object? entity, IResolveContext context) =>
        GovernedData.PoolCodeOf(entity) is { } pool && await GovernedData.PoolHost(context).LoadAsync(pool) == caller;
}

/// <summary><c>arrangementParty</c>: the caller is the lead or an associate of the arrangement — or, for a
/// contract, of an arrangement that covers it.</summary>
public sealed class ArrangementPartyPolicy : DomainPolicy
{
    public override string Name => "arrangementParty";
    protected override bool? DecideImmediately(string caller, object? entity, object? target, IResolveContext context) => entity switch
    {
        LeadCommissioningArrangement a when a.LeadConsortiumCode == caller => true,
        LeadCommissioningArrangement or ArrangementAssociate or Contract or ContractPerformance => null,
        _ => false,
    };
    protected override async ValueTask<bool> DecideAsync(string caller, object? entity, IResolveContext context)
    {
        switch (entity)
        {
            case LeadCommissioningArrangement a:
                return a.LeadConsortiumCode == caller || (await GovernedData.ArrangementParties(context).LoadAsync(a.Code))?.Contains(caller) == true;
            case ArrangementAssociate a:
                return (await GovernedData.ArrangementParties(context).LoadAsync(a.ArrangementCode))?.Contains(caller) == true;
            case Contract c:
                return (await GovernedData.ArrangementPartiesOfContract(context).LoadAsync(c.Code))?.Contains(caller) == true;
            case ContractPerformance p:
                return (await GovernedData.ArrangementPartiesOfContract(context).LoadAsync(p.ContractCode))?.Contains(caller) == true;
            default:
                return false;
        }
    }
}

/// <summary><c>contractParty</c>: the caller is the commissioner or the provider of the contract.</summary>
public sealed class ContractPartyPolicy : DomainPolicy
{
    public override string Name => "contractParty";
    protected override bool? DecideImmediately(string caller, object? entity, object? target, IResolveContext context) => entity switch
    {
        Contract c => c.CommissionerCode == caller || c.ProviderCode == caller,
        ContractPerformance p => GovernedData.ContractInLineage(p, target, context) is { } c ? c.CommissionerCode == caller || c.ProviderCode == caller : null,
        _ => false,
    };
    protected override async ValueTask<bool> DecideAsync(string caller, object? entity, IResolveContext context)
    {
        var contract = entity switch
        {
            Contract c => c,
            ContractPerformance p => await GovernedData.ContractByCode(context).LoadAsync(p.ContractCode),
            _ => null,
        };
        return contract is not null && (contract.CommissionerCode == caller || contract.ProviderCode == caller);
    }
}

/// <summary>Owners for disclosure accounting and small-number suppression: the governing entity's owner
/// (a JSNA indicator belongs to the contribution's consortium, a return line to the return's consortium).</summary>
public sealed class CommissioningDataOwnership : IImmediateDataOwnership
{
    public bool TryGetOwner(object? target, IResolveContext context, out string? owner)
    {
        var entity = GovernedData.Find(target, context);
        if (entity is null) { owner = null; return true; }
        if (entity is ContractPerformance p && GovernedData.ContractInLineage(p, target, context) is { } contract) { owner = contract.CommissionerCode; return true; }
        return GovernedData.TryDirectOwner(entity, out owner);
    }

    public async ValueTask<string?[]> GetOwnersAsync(IReadOnlyList<object?> targets, IResolveContext context) =>
        await Task.WhenAll(targets.Select(t => GovernedData.OwnerOf(GovernedData.Find(t, context), context).AsTask()));
}

public static class CommissioningPolicyServiceCollectionExtensions
{
    /// <summary>Registers the domain's named policies (DOMAIN.md "Who may see what"), data ownership and
    /// the engine's <see cref="IAuthorizationService"/> over them.</summary>
    public static IServiceCollection AddCommissioningPolicies(this IServiceCollection services)
    {
        foreach (var policy in new IAuthorizationPolicy[]
        {
            new SelfPolicy(), new NhsCbPolicy(), new MemberConsortiumPolicy(), new HwbPartnerPolicy(), new JsnaAuthorPolicy(),
            new HwbLocalAuthorityPolicy(), new PoolPartnerPolicy(), new PoolHostPolicy(), new ArrangementPartyPolicy(), new ContractPartyPolicy(),
        })
            services.AddSingleton(policy);
        services.TryAddSingleton<IDataOwnership, CommissioningDataOwnership>();
        services.TryAddSingleton<IAuthorizationService>(sp =>
            new AuthorizationService(sp.GetServices<IAuthorizationPolicy>(), sp.GetService<IDataOwnership>()));
        return services;
    }
}
