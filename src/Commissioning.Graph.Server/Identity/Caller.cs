using Commissioning.Graph.Engine.Authorization;
using Microsoft.AspNetCore.Http;

namespace Commissioning.Graph.Server.Identity;

/// <summary>
/// Who is asking, for one request (or one WebSocket connection): the organisation, the client
/// application acting for it, the scopes it was granted, the purpose of use it stated and the
/// token's subject. Built once, after the token and the purpose have been checked.
/// </summary>
public sealed record Caller(
    string Organisation,
    string? ClientApplicationId,
    IReadOnlySet<string> Scopes,
    string? Purpose,
    string? Subject)
{
    /// <summary>True when the token came from the development signing key, not from Entra ID.</summary>
    public bool IsDevelopmentToken { get; init; }

    /// <summary>When the token expires (a WebSocket connection closes with 4403 then).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public bool HasScope(string scope) => Scopes.Contains(scope);

    /// <summary>The caller as the engine's authorisation layer sees it (organisation, scopes, purpose).</summary>
    public AuthorizationSubject AuthorizationSubject => new(Organisation, Scopes, Purpose, IsAuthenticated: true);
}

/// <summary>The caller of the current request, for services that have no <see cref="HttpContext"/> at hand.</summary>
public interface ICallerAccessor
{
    /// <summary>The caller, or null when the request was not authenticated (anonymous endpoints).</summary>
    Caller? Caller { get; }
}

internal sealed class HttpContextCallerAccessor(IHttpContextAccessor http) : ICallerAccessor
{
    public Caller? Caller => http.HttpContext?.GetCaller();
}

/// <summary>Where the caller is kept on the request.</summary>
public interface ICallerFeature
{
    Caller Caller { get; }
}

internal sealed class CallerFeature(Caller caller) : ICallerFeature
{
    public Caller Caller { get; } = caller;
}

public static class CallerHttpContextExtensions
{
    /// <summary>The caller of this request, or null when it was not authenticated.</summary>
    public static Caller? GetCaller(this HttpContext http) => http.Features.Get<ICallerFeature>()?.Caller;

    /// <summary>The caller of this request; throws when the endpoint did not require one.</summary>
    public static Caller GetRequiredCaller(this HttpContext http) =>
        http.GetCaller() ?? throw new InvalidOperationException("This request has no caller: the endpoint must require one (RequireCaller).");

    internal static void SetCaller(this HttpContext http, Caller caller) => http.Features.Set<ICallerFeature>(new CallerFeature(caller));
}
