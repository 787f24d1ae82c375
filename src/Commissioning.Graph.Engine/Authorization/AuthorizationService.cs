using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Engine.Authorization;

/// <summary>
/// The engine's rule evaluator. Scopes are checked against the subject directly; each policy is
/// evaluated through a per-request DataLoader keyed by target (reference identity), so targets met
/// by concurrently resolving fields are decided in one call of <see cref="IAuthorizationPolicy.EvaluateAsync"/>
/// and each (policy, target) at most once per request. Policies that can decide in memory
/// (<see cref="IImmediateAuthorizationPolicy"/>) are asked first, for every alternative; only when no
/// alternative is settled that way are the others evaluated, in declared order, stopping at the first
/// satisfied one — so a target some cheap alternative allows never costs a lookup.
/// </summary>
public sealed class AuthorizationService : IAuthorizationService
{
    private const string LoaderPrefix = "Commissioning.Graph.Authorization.";
    private static readonly object NullTarget = new();
    private static readonly DataLoaderOptions LoaderOptions = new();

    private readonly Dictionary<string, IAuthorizationPolicy> _policies;
    private readonly IDataOwnership? _ownership;

    public AuthorizationService(IEnumerable<IAuthorizationPolicy> policies, IDataOwnership? ownership = null, PurposeLimitation? purposes = null)
    {
        Purposes = purposes;
        _policies = new Dictionary<string, IAuthorizationPolicy>(StringComparer.Ordinal);
        foreach (var p in policies)
            if (!_policies.TryAdd(p.Name, p)) throw new InvalidOperationException($"Two authorisation policies are named \"{p.Name}\".");
        _ownership = ownership;
    }

    public IReadOnlyCollection<string> PolicyNames => _policies.Keys;

    public PurposeLimitation? Purposes { get; }

    public bool HasPolicy(string name) => _policies.ContainsKey(name);

    public async ValueTask<bool> IsPublishedAsync(AuthorizationRules rules, object? target, IResolveContext context)
    {
        if (rules.PolicyRequirements.Count == 0) return false;
        var subject = AuthorizationSubject.Of(context);
        foreach (var requirement in rules.PolicyRequirements)
        {
            var published = false;
            foreach (var alternative in requirement)
            {
                if (alternative.Count == 0 || !alternative.All(n => _policies.GetValueOrDefault(n) is IPublicAuthorizationPolicy)) continue;
                var all = true;
                foreach (var name in alternative)
                {
                    var known = TryDecide(name, subject, target, context);
                    if (known == false || (known is null && !await EvaluateAsync(name, subject, target, context).ConfigureAwait(false))) { all = false; break; }
                }
                if (all) { published = true; break; }
            }
            if (!published) return false;
        }
        return true;
    }

    public ValueTask<AuthorizationOutcome> AuthorizeAsync(AuthorizationRules rules, object? target, IResolveContext context)
    {
        if (rules.IsEmpty) return new(AuthorizationOutcome.Allowed);
        var subject = AuthorizationSubject.Of(context);
        if (!subject.IsAuthenticated) return new(AuthorizationOutcome.Unauthenticated);

        foreach (var requirement in rules.ScopeRequirements)
            if (!AnyAlternativeHeld(requirement, subject)) return new(AuthorizationOutcome.Forbidden);

        // Alternatives are decided cheapest first: what an immediate policy can tell from the caller and the
        // target in memory, for every alternative, before any lookup; only a requirement left open by that
        // goes to the (batched) evaluation, in declared order, skipping alternatives already known to fail.
        var policies = rules.PolicyRequirements;
        for (var i = 0; i < policies.Count; i++)
        {
            switch (DecideImmediately(policies[i], subject, target, context))
            {
                case true: continue;
                case false: return new(AuthorizationOutcome.Forbidden);
                default: return AuthorizeRestAsync(policies, i, subject, target, context);
            }
        }
        return new(AuthorizationOutcome.Allowed);
    }

    private async ValueTask<AuthorizationOutcome> AuthorizeRestAsync(IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> policies, int from,
        AuthorizationSubject subject, object? target, IResolveContext context)
    {
        for (var i = from; i < policies.Count; i++)
        {
            var requirement = policies[i];
            var satisfied = i == from ? null : DecideImmediately(requirement, subject, target, context);
            if (satisfied is null)
            {
                satisfied = false;
                foreach (var alternative in requirement)
                {
                    var all = true;
                    foreach (var name in alternative)
                    {
                        var known = TryDecide(name, subject, target, context);
                        if (known == false || (known is null && !await EvaluateAsync(name, subject, target, context).ConfigureAwait(false))) { all = false; break; }
                    }
                    if (all) { satisfied = true; break; }
                }
            }
            if (satisfied != true) return AuthorizationOutcome.Forbidden;
        }
        return AuthorizationOutcome.Allowed;
    }

    // One requirement (any-of-all-of) from immediate decisions only: true when an alternative is known to hold
    // in full, false when every alternative is known to fail, null when a lookup must tell.
    private bool? DecideImmediately(IReadOnlyList<IReadOnlyList<string>> requirement, AuthorizationSubject subject, object? target, IResolveContext context)
    {
        var open = false;
        foreach (var alternative in requirement)
        {
            var all = true;
            var failed = false;
            foreach (var name in alternative)
            {
                var known = TryDecide(name, subject, target, context);
                if (known == false) { failed = true; break; }
                if (known is null) all = false;
            }
            if (failed) continue;
            if (all) return true;
            open = true;
        }
        return open ? null : false;
    }

    private bool? TryDecide(string name, AuthorizationSubject subject, object? target, IResolveContext context)
    {
        // An unknown name is a deployment error; deny rather than guess (the schema walk test reports it).
        if (!_policies.TryGetValue(name, out var policy)) return false;
        return policy is IImmediateAuthorizationPolicy immediate ? immediate.TryDecide(subject, target, context) : null;
    }

    private static bool AnyAlternativeHeld(IReadOnlyList<IReadOnlyList<string>> requirement, AuthorizationSubject subject)
    {
        foreach (var alternative in requirement)
        {
            var all = true;
            foreach (var scope in alternative)
                if (!subject.HasScope(scope)) { all = false; break; }
            if (all) return true;
        }
        return false;
    }

    public ValueTask<string?> GetOwnerAsync(object? target, IResolveContext context)
    {
        if (_ownership is null || target is null) return new((string?)null);
        if (_ownership is IImmediateDataOwnership immediate && immediate.TryGetOwner(target, context, out var owner)) return new(owner);
        return LoadOwnerAsync(target, context);
    }

    private async ValueTask<string?> LoadOwnerAsync(object target, IResolveContext context)
    {
        var ownership = _ownership!;
        var loader = Loader<string?>(context, LoaderPrefix + "owner", async keys =>
        {
            var owners = await ownership.GetOwnersAsync(keys.Select(Unwrap).ToArray(), context).ConfigureAwait(false);
            return Zip(keys, owners);
        });
        return await loader.LoadAsync(target).ConfigureAwait(false);
    }

    private async ValueTask<bool> EvaluateAsync(string name, AuthorizationSubject subject, object? target, IResolveContext context)
    {
        // An unknown name is a deployment error; deny rather than guess (the schema walk test reports it).
        if (!_policies.TryGetValue(name, out var policy)) return false;
        var loader = Loader<bool>(context, LoaderPrefix + "policy." + name, async keys =>
            {
                var decisions = await policy.EvaluateAsync(subject, keys.Select(Unwrap).ToArray(), context).ConfigureAwait(false);
                if (decisions.Length != keys.Count)
                    throw new InvalidOperationException($"Policy \"{name}\" returned {decisions.Length} decisions for {keys.Count} targets.");
                return Zip(keys, decisions);
            });
        return await loader.LoadAsync(target ?? NullTarget).ConfigureAwait(false);
    }

    // Keyed by reference: two distinct objects are two targets even when they compare equal.
    private static DataLoader<object, T> Loader<T>(IResolveContext context, string name, Func<IReadOnlyList<object>, Task<IReadOnlyDictionary<object, T>>> batch)
    {
        var token = context.CancellationToken;
        return DataLoaderRegistry.For(context).GetOrAdd(name,
            () => new DataLoader<object, T>((keys, _) => batch(keys), LoaderOptions, token, ReferenceEqualityComparer.Instance));
    }

    private static object? Unwrap(object key) => ReferenceEquals(key, NullTarget) ? null : key;

    private static IReadOnlyDictionary<object, T> Zip<T>(IReadOnlyList<object> keys, IReadOnlyList<T> values)
    {
        var map = new Dictionary<object, T>(keys.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < keys.Count; i++) map[keys[i]] = values[i];
        return map;
    }
}
