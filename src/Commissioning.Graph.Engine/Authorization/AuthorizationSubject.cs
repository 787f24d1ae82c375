using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Engine.Authorization;

/// <summary>
/// Who is asking, as the authorisation layer sees it: the calling organisation's code, the scopes
/// its token grants, the purpose of use it stated. The host gives it to the request's
/// <see cref="RequestScope"/>; a request without one is anonymous (<see cref="Anonymous"/>), which
/// satisfies no rule.
/// </summary>
public sealed record AuthorizationSubject(string? Organisation, IReadOnlySet<string> Scopes, string? Purpose, bool IsAuthenticated)
{
    public static AuthorizationSubject Anonymous { get; } = new(null, new HashSet<string>(), null, false);

    /// <summary>An authenticated organisation with the given scopes and purpose.</summary>
    public static AuthorizationSubject For(string organisation, IEnumerable<string>? scopes = null, string? purpose = null) =>
        new(organisation, new HashSet<string>(scopes ?? Array.Empty<string>(), StringComparer.Ordinal), purpose, true);

    public bool HasScope(string scope) => Scopes.Contains(scope);

    /// <summary>The subject of the request <paramref name="context"/> resolves in; <see cref="Anonymous"/> when it has none.</summary>
    public static AuthorizationSubject Of(IResolveContext context) => context.Scope.Subject ?? Anonymous;
}
