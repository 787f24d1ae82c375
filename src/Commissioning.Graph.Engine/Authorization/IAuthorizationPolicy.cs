using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Engine.Authorization;

/// <summary>
/// A named rule (<c>@policy(policies: [["name"]])</c>) deciding, for many targets at once, whether
/// the subject may read them. The target is the parent object of the field that carries the
/// policy, or the object itself when the policy is on its type. The engine gathers the targets
/// of concurrent field resolutions into one call per policy (a DataLoader per request), so an
/// implementation issues a bounded number of queries per call, never one per target.
/// </summary>
public interface IAuthorizationPolicy
{
    string Name { get; }

    /// <summary>One decision per target, in order. <paramref name="context"/> is the context of one of
    /// the fields being resolved: use only its request-wide members (Scope, Services, CancellationToken).</summary>
    ValueTask<bool[]> EvaluateAsync(AuthorizationSubject subject, IReadOnlyList<object?> targets, IResolveContext context);
}

/// <summary>
/// A policy that can often decide from the subject and the target alone, in memory (the caller's
/// organisation, an owner recorded on the object), without the lookups <see cref="IAuthorizationPolicy.EvaluateAsync"/>
/// may need. The service asks it first, for every alternative of a rule, so a cheap alternative that
/// allows spares the costly ones — and their lookups — entirely. Its answers must agree with
/// <see cref="IAuthorizationPolicy.EvaluateAsync"/> for the same subject and target.
/// </summary>
public interface IImmediateAuthorizationPolicy : IAuthorizationPolicy
{
    /// <summary>The decision when it needs no lookup; null when only <see cref="IAuthorizationPolicy.EvaluateAsync"/> can tell.
    /// Called often (once per field and target): it must be cheap and must not block.</summary>
    bool? TryDecide(AuthorizationSubject subject, object? target, IResolveContext context);
}

/// <summary>
/// A policy that grants published data: what it allows is public once it holds (a published plan or strategy), so
/// reading it is no disclosure — no purpose of use is needed and nothing is recorded, as for <c>@authenticated</c>
/// data. An element whose rule holds only through other alternatives (a draft read by a partner) stays restricted.
/// </summary>
public interface IPublicAuthorizationPolicy : IAuthorizationPolicy;

/// <summary>
/// Which organisation a piece of data belongs to: the owner a disclosure is recorded against, and
/// the author that small-number suppression spares. Batched like policies.
/// </summary>
public interface IDataOwnership
{
    /// <summary>One owning organisation code per target (null when it has none or is unknown).</summary>
    ValueTask<string?[]> GetOwnersAsync(IReadOnlyList<object?> targets, IResolveContext context);
}

/// <summary><see cref="IDataOwnership"/> that can often tell an owner without a lookup.</summary>
public interface IImmediateDataOwnership : IDataOwnership
{
    /// <summary>True with the owner (null when none) when it needs no lookup; false when only
    /// <see cref="IDataOwnership.GetOwnersAsync"/> can tell.</summary>
    bool TryGetOwner(object? target, IResolveContext context, out string? owner);
}

/// <summary>A policy defined by a function deciding one target at a time, for tests and for rules that need no lookups.</summary>
public sealed class DelegateAuthorizationPolicy(string name, Func<AuthorizationSubject, object?, bool> decide) : IAuthorizationPolicy
{
    public string Name { get; } = name;

    public ValueTask<bool[]> EvaluateAsync(AuthorizationSubject subject, IReadOnlyList<object?> targets, IResolveContext context) =>
        new(targets.Select(t => decide(subject, t)).ToArray());
}

/// <summary>The outcome of checking a field's rules.</summary>
public enum AuthorizationOutcome
{
    Allowed,
    /// <summary>The caller is not authenticated (reported with <see cref="ErrorCodes.Unauthenticated"/>).</summary>
    Unauthenticated,
    /// <summary>The caller lacks a scope or fails a policy (reported with <see cref="ErrorCodes.Forbidden"/>).</summary>
    Forbidden,
}

/// <summary>Evaluates rules for the request's subject; the transform's wrappers call it.</summary>
public interface IAuthorizationService
{
    /// <summary>The outcome of <paramref name="rules"/> for <paramref name="target"/>.</summary>
    ValueTask<AuthorizationOutcome> AuthorizeAsync(AuthorizationRules rules, object? target, IResolveContext context);

    /// <summary>The owning organisation of <paramref name="target"/>, or null.</summary>
    ValueTask<string?> GetOwnerAsync(object? target, IResolveContext context);

    /// <summary>The purposes that may disclose each restricted coordinate; null when purposes are not limited.</summary>
    PurposeLimitation? Purposes => null;

    /// <summary>True when an alternative of <paramref name="rules"/> made only of public policies (<see cref="IPublicAuthorizationPolicy"/>)
    /// holds for <paramref name="target"/>: the data is published, not restricted (no purpose, no disclosure).</summary>
    ValueTask<bool> IsPublishedAsync(AuthorizationRules rules, object? target, IResolveContext context) => new(false);
}
