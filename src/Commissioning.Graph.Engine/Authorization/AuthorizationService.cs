using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Engine.Authorization;

/// <summary>
/// The engine's rule evaluator. Scopes are checked against the subject directly; each policy is
/// evaluated through a per-request DataLoader keyed by target (reference identity), so targets met
/// by concurrently resolving fields are decided in one call of <see cref="IAuthorizationPolicy.EvaluateAsync"/>
/// and each (policy, target) at most once per request. Alternatives are tried in order and stop at
/// the first satisfied one, so a cheap policy listed first spares the others.
/// </summary>
public sealed class AuthorizationService : IAuthorizationService
{
    private const string LoaderPrefix = "Commissioning.Graph.Authorization.";
    private static readonly object NullTarget = new();
    private static readonly DataLoaderOptions LoaderOptions = new();

    private readonly Dictionary<string, IAuthorizationPolicy> _policies;
    private readonly IDataOwnership? _ownership;

    public AuthorizationService(IEnumerable<IAuthorizationPolicy> policies, IDataOwnership? ownership = null)
    {
        _policies = new Dictionary<string, IAuthorizationPolicy>(StringComparer.Ordinal);
        foreach (var p in policies)
            if (!_policies.TryAdd(p.Name, p)) throw new InvalidOperationException($"Two authorisation policies are named \"{p.Name}\".");
        _ownership = ownership;
    }

    public IReadOnlyCollection<string> PolicyNames => _policies.Keys;

    public bool HasPolicy(string name) => _policies.ContainsKey(name);

    public async ValueTask<AuthorizationOutcome> AuthorizeAsync(AuthorizationRules rules, object? target, IResolveContext context)
    {
        if (rules.IsEmpty) return AuthorizationOutcome.Allowed;
        var subject = AuthorizationSubject.From(context.Items);
        if (!subject.IsAuthenticated) return AuthorizationOutcome.Unauthenticated;

        foreach (var requirement in rules.ScopeRequirements)
            if (!requirement.Any(alternative => alternative.All(subject.HasScope))) return AuthorizationOutcome.Forbidden;

        foreach (var requirement in rules.PolicyRequirements)
        {
            var satisfied = false;
            foreach (var alternative in requirement)
            {
                var all = true;
                foreach (var name in alternative)
                    if (!await EvaluateAsync(name, subject, target, context).ConfigureAwait(false)) { all = false; break; }
                if (all) { satisfied = true; break; }
            }
            if (!satisfied) return AuthorizationOutcome.Forbidden;
        }
        return AuthorizationOutcome.Allowed;
    }

    public async ValueTask<string?> GetOwnerAsync(object? target, IResolveContext context)
    {
        if (_ownership is null || target is null) return null;
        var ownership = _ownership;
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
