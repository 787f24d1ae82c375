using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Commissioning.Graph.Server.Identity;

/// <summary>
/// Validates a raw bearer token outside the HTTP authentication pipeline (WebSocket
/// <c>connection_init</c>), with exactly the parameters of the bearer schemes.
/// </summary>
public sealed class BearerTokenValidator(
    IOptionsMonitor<JwtBearerOptions> bearerOptions,
    DevelopmentTokenAuthority developmentTokens,
    CallerResolver resolver,
    ILogger<BearerTokenValidator> logger)
{
    public async Task<(AuthenticatedCaller? Caller, string? Failure)> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var scheme = CommissioningIdentityDefaults.SchemeFor(token, developmentTokens.IsTrusted);
        var options = bearerOptions.Get(scheme);
        try
        {
            var parameters = options.TokenValidationParameters.Clone();
            if (options.ConfigurationManager is BaseConfigurationManager manager)
            {
                // As JwtBearer 8 does: the token handler fetches the metadata, and carries on without it if it cannot.
                parameters.ConfigurationManager = manager;
            }
            else if (options.ConfigurationManager is not null)
            {
                var configuration = await options.ConfigurationManager.GetConfigurationAsync(cancellationToken);
                parameters.ValidIssuers = (parameters.ValidIssuers ?? Array.Empty<string>()).Append(configuration.Issuer);
                parameters.IssuerSigningKeys = (parameters.IssuerSigningKeys ?? Array.Empty<SecurityKey>()).Concat(configuration.SigningKeys);
            }

            Exception? failure = null;
            foreach (var handler in options.TokenHandlers)
            {
                var result = await handler.ValidateTokenAsync(token, parameters);
                if (result.IsValid)
                {
                    var caller = resolver.Resolve(result.ClaimsIdentity.Claims, scheme == CommissioningIdentityDefaults.DevelopmentScheme, out var reason);
                    return caller is null ? (null, reason) : (caller, null);
                }
                failure ??= result.Exception;
            }
            return (null, failure is null ? "The token could not be validated" : CallerBearerEvents.Describe(failure));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Bearer token validation failed unexpectedly");
            return (null, CallerBearerEvents.Describe(e));
        }
    }
}
