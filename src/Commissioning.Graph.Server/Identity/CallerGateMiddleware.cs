using Commissioning.Graph.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Commissioning.Graph.Server.Identity;

/// <summary>
/// In front of endpoints marked <see cref="RequireCallerMetadata"/>: no valid token, 401 (the
/// bearer scheme's challenge); a bad purpose of use, 400 or 403; otherwise the request goes on with
/// its <see cref="Caller"/> set. Everything after it behaves exactly as for an open endpoint.
/// </summary>
internal sealed class CallerGateMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<RequireCallerMetadata>() is null)
        {
            await next(http);
            return;
        }
        var hasAuthorization = !string.IsNullOrEmpty(http.Request.Headers.Authorization);
        // A WebSocket sends its token in connection_init (browsers cannot set headers on the upgrade);
        // GraphiQL's page holds no data, and the operations it sends carry the header editor's token.
        if (!hasAuthorization && (http.WebSockets.IsWebSocketRequest || IsGraphiQLPage(http.Request)))
        {
            await next(http);
            return;
        }

        var result = await http.AuthenticateAsync(CommissioningIdentityDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            await http.ChallengeAsync(CommissioningIdentityDefaults.AuthenticationScheme);
            return;
        }
        http.User = result.Principal;
        var authenticated = http.Features.Get<AuthenticatedCallerFeature>()?.Caller;
        if (authenticated is null)
        {
            // Only when another handler authenticated the request without our events: refuse rather than guess.
            await http.ChallengeAsync(CommissioningIdentityDefaults.AuthenticationScheme);
            return;
        }

        var decision = CallerResolver.Decide(authenticated, http.Request.Headers[PurposeOfUse.HeaderName]);
        if (decision.Caller is null)
        {
            // A WebSocket upgrade gets the status alone; the purpose can be corrected in connection_init.
            await IdentityErrorResponse.WriteAsync(http, decision.Status, decision.Code!, decision.Message!);
            return;
        }
        http.SetCaller(decision.Caller);
        await next(http);
    }

    /// <summary>The GraphiQL page request, as <c>MapGraphQL</c> recognises it.</summary>
    private static bool IsGraphiQLPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && MediaTypes.AcceptsHtml(request.Headers.Accept)
        && !request.Query.ContainsKey("query") && !request.Query.ContainsKey("documentId");
}
