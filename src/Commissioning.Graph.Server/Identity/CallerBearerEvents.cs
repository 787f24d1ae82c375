using System.Text.Json;
using Commissioning.Graph.Server.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Commissioning.Graph.Server.Identity;

/// <summary>
/// The JWT bearer events of both schemes: resolve the caller once the token is valid (an
/// unresolvable organisation is an authentication failure), turn every failure into a 401 (never
/// a 500, e.g. when Entra ID's metadata cannot be fetched), and answer challenges in GraphQL's
/// shape with an RFC 6750 <c>WWW-Authenticate</c> header.
/// </summary>
public sealed class CallerBearerEvents(CallerResolver resolver, IKnownOrganisations organisations, ILogger<CallerBearerEvents> logger) : JwtBearerEvents
{
    public override async Task MessageReceived(MessageReceivedContext context)
    {
        if (context.Options.Events is { } own && !ReferenceEquals(own, this)) await own.MessageReceived(context);
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        // The scheme's own events first: Identity.Web's refuse a token with neither scp nor roles.
        if (context.Options.Events is { } own && !ReferenceEquals(own, this))
        {
            await own.TokenValidated(context);
            if (context.Result is not null) return;
        }
        var isDevelopment = context.Scheme.Name == CommissioningIdentityDefaults.DevelopmentScheme;
        var caller = resolver.Resolve(context.Principal?.Claims ?? Enumerable.Empty<System.Security.Claims.Claim>(), isDevelopment, out var failure);
        if (caller is null)
        {
            context.Fail(new CallerNotResolvedException(failure!));
            return;
        }
        if (!await organisations.IsKnownAsync(caller.Organisation, context.HttpContext.RequestAborted))
        {
            context.Fail(new CallerNotResolvedException($"The token names organisation {caller.Organisation}, which is not a known organisation."));
            return;
        }
        if (context.SecurityToken is { ValidTo: var validTo } && validTo > DateTime.MinValue)
            caller = caller with { ExpiresAt = new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc)) };
        context.HttpContext.Features.Set(new AuthenticatedCallerFeature(caller));
    }

    public override Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        // The handler rethrows exceptions that no event turned into a result (a 500): fail instead.
        if (context.Exception is not (SecurityTokenException or CallerNotResolvedException))
            logger.LogWarning(context.Exception, "Bearer token validation failed unexpectedly");
        context.Fail(context.Exception);
        return Task.CompletedTask;
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        if (context.Response.HasStarted) return;
        string header, message;
        if (context.AuthenticateFailure is null)
        {
            header = "Bearer";
            message = "Authentication required: send a bearer token in the Authorization header.";
        }
        else
        {
            // JwtBearer's own description names the times of a lifetime failure; ours covers the rest
            // (its audience description reads "(null)" with IdentityModel 8).
            var description = !string.IsNullOrEmpty(context.ErrorDescription) && !context.ErrorDescription.Contains("(null)")
                ? context.ErrorDescription : Describe(context.AuthenticateFailure);
            description = description.Replace('"', '\'').Replace('\\', '/').TrimEnd('.');
            header = $"Bearer error=\"invalid_token\", error_description=\"{description}\"";
            message = $"The bearer token was refused: {description}.";
        }
        context.Response.Headers.WWWAuthenticate = header;
        await IdentityErrorResponse.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", message);
    }

    /// <summary>What JwtBearer's own descriptions leave out, in words safe to send back.</summary>
    public static string Describe(Exception failure) => failure switch
    {
        AggregateException { InnerExceptions.Count: > 0 } a => Describe(a.InnerExceptions[0]),
        CallerNotResolvedException c => c.Message,
        SecurityTokenExpiredException => "The token has expired",
        SecurityTokenNotYetValidException => "The token is not valid yet",
        SecurityTokenInvalidAudienceException => "The audience is invalid",
        SecurityTokenInvalidIssuerException => "The issuer is invalid",
        SecurityTokenSignatureKeyNotFoundException => "The signature key was not found",
        SecurityTokenInvalidSignatureException => "The signature is invalid",
        SecurityTokenMalformedException or ArgumentException => "The token is malformed",
        SecurityTokenNoExpirationException => "The token has no expiration",
        SecurityTokenException => "The token is invalid",
        UnauthorizedAccessException => "The token carries neither scopes (scp) nor application roles (roles)",
        _ => "The token could not be validated",
    };
}

/// <summary>What the bearer scheme established about the request's token (before the purpose is checked).</summary>
public sealed class AuthenticatedCallerFeature(AuthenticatedCaller caller)
{
    public AuthenticatedCaller Caller { get; } = caller;
}

/// <summary>A valid token whose calling organisation cannot be determined.</summary>
public sealed class CallerNotResolvedException(string message) : Exception(message);

/// <summary>Error responses of the identity layer, in GraphQL's shape and the negotiated media type.</summary>
internal static class IdentityErrorResponse
{
    public static async Task WriteAsync(HttpContext http, int status, string code, string message)
    {
        var mediaType = MediaTypes.Negotiate(http.Request.Headers.Accept) ?? MediaTypes.Json;
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartObject();
        writer.WriteStartArray("errors");
        writer.WriteStartObject();
        writer.WriteString("message", message);
        writer.WriteStartObject("extensions");
        writer.WriteString("code", code);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(http.RequestAborted);
    }
}
