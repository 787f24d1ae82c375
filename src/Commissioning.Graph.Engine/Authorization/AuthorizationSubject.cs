using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Engine.Authorization;

/// <summary>
/// Who is asking, as the authorisation layer sees it: the calling organisation's code, the scopes
/// its token grants, the purpose of use it stated. The host puts one in the request's
/// <see cref="IResolveContext.Items"/> under <see cref="ItemsKey"/>; a request without one is
/// anonymous (<see cref="Anonymous"/>), which satisfies no rule.
/// </summary>
public sealed record AuthorizationSubject(string? Organisation, IReadOnlySet<string> Scopes, string? Purpose, bool IsAuthenticated)
{
    /// <summary>The key of the request's subject in <see cref="IResolveContext.Items"/> / <see cref="ExecutionRequest.Items"/>.</summary>
    public const string ItemsKey = "Commissioning.Graph.AuthorizationSubject";

    public static AuthorizationSubject Anonymous { get; } = new(null, new HashSet<string>(), null, false);

    /// <summary>An authenticated organisation with the given scopes and purpose.</summary>
    public static AuthorizationSubject For(string organisation, IEnumerable<string>? scopes = null, string? purpose = null) =>
        new(organisation, new HashSet<string>(scopes ?? Array.Empty<string>(), StringComparer.Ordinal), purpose, true);

    public bool HasScope(string scope) => Scopes.Contains(scope);

    /// <summary>The subject of the request whose items these are; <see cref="Anonymous"/> when none was set.</summary>
    public static AuthorizationSubject From(IDictionary<string, object?>? items)
    {
        if (items is null) return Anonymous;
        lock (items) return items.TryGetValue(ItemsKey, out var s) && s is AuthorizationSubject subject ? subject : Anonymous;
    }

    /// <summary>True when the request whose items these are has an authenticated subject.</summary>
    public static bool IsAuthenticatedIn(IDictionary<string, object?>? items)
    {
        if (items is null) return false;
        lock (items) return items.TryGetValue(ItemsKey, out var s) && s is AuthorizationSubject { IsAuthenticated: true };
    }

    /// <summary>Stores the subject in a request's items.</summary>
    public void StoreIn(IDictionary<string, object?> items)
    {
        lock (items) items[ItemsKey] = this;
    }
}
