using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Server.Identity;

/// <summary>The client applications registered with this API (section <c>ClientApplications</c>).</summary>
public sealed class ClientApplicationRegistry(IOptionsMonitor<ClientApplicationRegistryOptions> options)
{
    /// <summary>The registration of <paramref name="clientId"/> (ids compare case-insensitively, as GUIDs do), or null.</summary>
    public ClientApplication? Find(string? clientId)
    {
        if (string.IsNullOrWhiteSpace(clientId)) return null;
        foreach (var app in options.CurrentValue.Applications)
            if (string.Equals(app.ClientId?.Trim(), clientId.Trim(), StringComparison.OrdinalIgnoreCase)) return app;
        return null;
    }
}

/// <summary>What a validated token says about its bearer, before the request states a purpose.</summary>
public sealed record AuthenticatedCaller(
    string Organisation,
    string? ClientApplicationId,
    IReadOnlySet<string> Scopes,
    string? ClaimedPurpose,
    string? Subject,
    ClientApplication? Registration,
    bool IsDevelopmentToken)
{
    /// <summary>When the token expires (a WebSocket connection closes then).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>The outcome of checking the purpose of use: a caller, or a refusal with its status and code.</summary>
public readonly record struct CallerDecision(Caller? Caller, int Status, string? Code, string? Message)
{
    public static CallerDecision Allow(Caller caller) => new(caller, StatusCodes.Status200OK, null, null);
    public static CallerDecision Refuse(int status, string code, string message) => new(null, status, code, message);
}

/// <summary>
/// Turns a validated token into the calling organisation, its client application and its scopes;
/// then, per request, adds the purpose of use.
/// </summary>
public sealed class CallerResolver(ClientApplicationRegistry registry, IOptionsMonitor<AzureAdOptions> azureAd)
{
    /// <summary>
    /// The organisation is the token's <c>org</c> claim or, for tokens without one (Entra ID
    /// client-credentials tokens), the registered organisation of the client application named by
    /// <c>azp</c>/<c>appid</c>. Scopes come from <c>scp</c> (space-separated) and <c>roles</c>; a
    /// registered application keeps only those it is allowed. Returns null with a reason when the
    /// organisation cannot be determined or contradicts the registration.
    /// </summary>
    public AuthenticatedCaller? Resolve(IEnumerable<Claim> claims, bool isDevelopmentToken, out string? failure)
    {
        failure = null;
        string? org = null, azp = null, appid = null, purpose = null, subject = null, tenant = null;
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in claims)
        {
            switch (claim.Type)
            {
                case IdentityClaims.Organisation: org ??= NonEmpty(claim.Value); break;
                case IdentityClaims.AuthorisedParty: azp ??= NonEmpty(claim.Value); break;
                case IdentityClaims.AppId: appid ??= NonEmpty(claim.Value); break;
                case IdentityClaims.Purpose: purpose ??= NonEmpty(claim.Value); break;
                case IdentityClaims.Subject: subject ??= NonEmpty(claim.Value); break;
                case IdentityClaims.TenantId: tenant ??= NonEmpty(claim.Value); break;
                case IdentityClaims.Scope:
                    foreach (var s in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)) scopes.Add(s);
                    break;
                case IdentityClaims.Roles:
                    if (NonEmpty(claim.Value) is { } role) scopes.Add(role);
                    break;
            }
        }
        var clientId = azp ?? appid;
        var registration = registry.Find(clientId);

        if (!isDevelopmentToken)
        {
            // Entra ID: with a multi-tenant configuration any tenant can sign a token, so only listed
            // tenants and registered applications are trusted; and an org claim is taken only from an
            // application registered for that organisation (else anyone could name the NHS CB).
            var aad = azureAd.CurrentValue;
            if (aad.IsMultiTenant && !aad.IsTenantAllowed(tenant))
            {
                failure = "The token's tenant is not one this API accepts.";
                return null;
            }
            if (aad.IsMultiTenant && registration is null)
            {
                failure = clientId is null ? "The token names no client application." : $"Client application {clientId} is not registered.";
                return null;
            }
            if (org is not null && (registration is null || NonEmpty(registration.Organisation) is null))
            {
                failure = $"The token names organisation {org}, but client application {clientId ?? "(none)"} is not registered for it.";
                return null;
            }
        }

        if (registration is not null)
        {
            if (NonEmpty(registration.TenantId) is { } registeredTenant && !string.Equals(registeredTenant, tenant, StringComparison.OrdinalIgnoreCase))
            {
                failure = $"Client application {clientId} is not registered for the token's tenant.";
                return null;
            }
            var registered = NonEmpty(registration.Organisation);
            if (registered is not null && org is not null && !string.Equals(registered, org, StringComparison.OrdinalIgnoreCase))
            {
                failure = $"The token names organisation {org}, but client application {clientId} is registered for {registered}.";
                return null;
            }
            org ??= registered;
            // An application gets no more than it was registered for, whatever the token says.
            if (!registration.AllowedScopes.Contains("*"))
                scopes.IntersectWith(registration.AllowedScopes.Select(s => s.Trim()));
        }

        if (org is null)
        {
            failure = clientId is null
                ? "The token names no organisation and no client application."
                : $"The token names no organisation and client application {clientId} is not registered.";
            return null;
        }
        if (!DevelopmentTokenIssuer.OrganisationCode().IsMatch(org))
        {
            failure = "The token's organisation is not an organisation code.";
            return null;
        }
        return new AuthenticatedCaller(org.ToUpperInvariant(), clientId, scopes, purpose, subject, registration, isDevelopmentToken);
    }

    /// <summary>
    /// The purpose of use: the <c>X-Purpose-Of-Use</c> header, else the token's <c>purpose</c>
    /// claim. An unknown code is 400 <c>BAD_USER_INPUT</c>; a purpose the client application is
    /// not registered for is 403 <c>FORBIDDEN</c>. No purpose at all is allowed here (the
    /// authorisation layer decides which data needs one).
    /// </summary>
    public static CallerDecision Decide(AuthenticatedCaller caller, StringValues header)
    {
        string? purpose = null;
        if (header.Count > 1)
            return CallerDecision.Refuse(StatusCodes.Status400BadRequest, "BAD_USER_INPUT", $"Send one {PurposeOfUse.HeaderName} header, not {header.Count}.");
        if (header.Count == 1 && !string.IsNullOrWhiteSpace(header[0]))
        {
            purpose = PurposeOfUse.Normalise(header[0]);
            if (purpose is null)
                return CallerDecision.Refuse(StatusCodes.Status400BadRequest, "BAD_USER_INPUT",
                    $"\"{Printable(header[0]!)}\" is not a purpose of use. Use one of: {string.Join(", ", PurposeOfUse.All.Keys)}.");
        }
        else if (caller.ClaimedPurpose is { } claimed)
        {
            purpose = PurposeOfUse.Normalise(claimed);
            if (purpose is null)
                return CallerDecision.Refuse(StatusCodes.Status400BadRequest, "BAD_USER_INPUT",
                    $"The token's purpose \"{Printable(claimed)}\" is not a purpose of use; send a {PurposeOfUse.HeaderName} header with one of: {string.Join(", ", PurposeOfUse.All.Keys)}.");
        }

        if (purpose is not null && caller.Registration is { AllowedPurposes.Count: > 0 } registration
            && !registration.AllowedPurposes.Any(p => string.Equals(p.Trim(), purpose, StringComparison.OrdinalIgnoreCase)))
        {
            return CallerDecision.Refuse(StatusCodes.Status403Forbidden, "FORBIDDEN",
                $"Client application {caller.ClientApplicationId} may not act for the purpose {purpose}.");
        }

        return CallerDecision.Allow(new Caller(caller.Organisation, caller.ClientApplicationId, caller.Scopes, purpose, caller.Subject)
        {
            IsDevelopmentToken = caller.IsDevelopmentToken,
            ExpiresAt = caller.ExpiresAt,
        });
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Echoes user input back safely: short, printable.</summary>
    private static string Printable(string s)
    {
        var clean = new string(s.Where(c => !char.IsControl(c) && c != '"').Take(64).ToArray());
        return s.Length > 64 ? clean + "…" : clean;
    }
}
