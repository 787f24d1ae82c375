using Commissioning.Graph.Server.WebSockets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commissioning.Graph.Server.Identity;

/// <summary>
/// graphql-transport-ws <c>connection_init</c>: the token is the payload's <c>Authorization</c>
/// (<c>"Bearer …"</c>, any case of the key), or its <c>token</c>, or a <c>headers</c> object holding
/// <c>Authorization</c>; failing those, a token sent on the upgrade request itself. The purpose of
/// use is the payload's <c>X-Purpose-Of-Use</c> (or <c>purposeOfUse</c>), else the upgrade's header,
/// else the token's claim. Refusal closes the socket with 4403; acceptance sets the connection's caller.
/// </summary>
public sealed class CallerWebSocketAuthenticator(IServiceScopeFactory scopes, ILogger<CallerWebSocketAuthenticator> logger)
    : IGraphQLWebSocketAuthenticator
{
    public async ValueTask<bool> AuthenticateAsync(HttpContext http, IReadOnlyDictionary<string, object?>? payload, CancellationToken cancellationToken)
    {
        AuthenticatedCaller? caller;
        var token = TokenFrom(payload);
        if (token is not null)
        {
            string? failure;
            // A scope of its own: authentication handlers are cached per scope, bound to the upgrade request.
            await using (var scope = scopes.CreateAsyncScope())
                (caller, failure) = await BearerTokenAuthentication.AuthenticateAsync(scope.ServiceProvider, token);
            if (caller is null)
            {
                logger.LogInformation("WebSocket connection_init refused: {Reason}", failure);
                return false;
            }
        }
        else
        {
            caller = http.Features.Get<AuthenticatedCallerFeature>()?.Caller;
            if (caller is null) return false;
        }

        var purpose = Find(payload, PurposeOfUse.HeaderName) ?? Find(payload, "purposeOfUse");
        var decision = CallerResolver.Decide(caller, purpose is string p ? new(p) : http.Request.Headers[PurposeOfUse.HeaderName]);
        if (decision.Caller is null)
        {
            logger.LogInformation("WebSocket connection_init refused: {Reason}", decision.Message);
            return false;
        }
        http.SetCaller(decision.Caller);
        return true;
    }

    public WebSocketCaller? Describe(HttpContext http) => http.GetCaller() is { } caller
        ? new WebSocketCaller($"{caller.Organisation}|{caller.ClientApplicationId}|{caller.Subject}", caller.ExpiresAt)
        : null;

    private static string? TokenFrom(IReadOnlyDictionary<string, object?>? payload)
    {
        if (payload is null) return null;
        if (Find(payload, "Authorization") is string authorization)
            return CommissioningIdentityDefaults.BearerToken(authorization) ?? "";
        if (Find(payload, "token") is string token)
            return CommissioningIdentityDefaults.BearerToken(token) ?? token.Trim();
        if (Find(payload, "headers") is IReadOnlyDictionary<string, object?> headers && Find(headers, "Authorization") is string inner)
            return CommissioningIdentityDefaults.BearerToken(inner) ?? "";
        return null;
    }

    private static object? Find(IReadOnlyDictionary<string, object?>? payload, string key)
    {
        if (payload is null) return null;
        if (payload.TryGetValue(key, out var exact)) return exact;
        foreach (var (k, v) in payload)
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) return v;
        return null;
    }
}

/// <summary>A raw token (WebSocket <c>connection_init</c>) through the same schemes and events as an HTTP request's.
/// Give it a service scope of its own (authentication handlers are cached per scope).</summary>
public static class BearerTokenAuthentication
{
    public static async Task<(AuthenticatedCaller? Caller, string? Failure)> AuthenticateAsync(IServiceProvider services, string token)
    {
        var probe = new DefaultHttpContext { RequestServices = services };
        probe.Request.Headers.Authorization = "Bearer " + token;
        var result = await probe.AuthenticateAsync(CommissioningIdentityDefaults.AuthenticationScheme);
        if (result.Succeeded && probe.Features.Get<AuthenticatedCallerFeature>() is { } authenticated) return (authenticated.Caller, null);
        return (null, result.Failure is null ? "The token could not be validated" : CallerBearerEvents.Describe(result.Failure));
    }
}
