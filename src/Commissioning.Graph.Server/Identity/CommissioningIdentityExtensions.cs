using Commissioning.Graph.Server.WebSockets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Commissioning.Graph.Server.Identity;

public static class CommissioningIdentityDefaults
{
    /// <summary>The default scheme: forwards each request to the scheme that can validate its token.</summary>
    public const string AuthenticationScheme = JwtBearerDefaults.AuthenticationScheme;
    /// <summary>Tokens issued by Entra ID (section <c>AzureAd</c>).</summary>
    public const string EntraIdScheme = "EntraId";
    /// <summary>Tokens minted by the <c>token</c> verb, trusted only in Development.</summary>
    public const string DevelopmentScheme = "DevelopmentToken";

    /// <summary>
    /// The scheme for a raw token: development tokens (by their unverified <c>iss</c>) go to the
    /// development scheme where it is trusted, everything else to Entra ID. Choosing by issuer
    /// keeps development tokens from ever waiting on Entra ID's metadata.
    /// </summary>
    public static string SchemeFor(string? token, bool developmentTokensTrusted)
    {
        if (!developmentTokensTrusted || string.IsNullOrEmpty(token)) return EntraIdScheme;
        try
        {
            var handler = new JsonWebTokenHandler();
            if (handler.CanReadToken(token) && handler.ReadJsonWebToken(token).Issuer == DevelopmentTokenOptions.Issuer)
                return DevelopmentScheme;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException) { }
        return EntraIdScheme;
    }

    /// <summary>The token in an <c>Authorization: Bearer …</c> value, or null.</summary>
    public static string? BearerToken(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization)) return null;
        authorization = authorization.Trim();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? NonEmpty(authorization[7..]) : null;
    }

    private static string? NonEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Marks an endpoint that serves only authenticated callers (see <see cref="CommissioningIdentityExtensions.RequireCaller{TBuilder}"/>).</summary>
public sealed class RequireCallerMetadata;

/// <summary>Identity, one extension method per step of Program.cs.</summary>
public static class CommissioningIdentityExtensions
{
    /// <summary>
    /// JWT bearer authentication for Entra ID tokens (section <c>AzureAd</c>) and, in Development,
    /// development tokens (section <c>Identity</c>); the client application registry (section
    /// <c>ClientApplications</c>); the caller of each request (<see cref="ICallerAccessor"/>); the
    /// WebSocket authenticator.
    /// </summary>
    public static WebApplicationBuilder AddCommissioningIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddCommissioningIdentity(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddCommissioningIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AzureAdOptions>().Bind(configuration.GetSection(AzureAdOptions.SectionName))
            .Validate(o => !o.IsMultiTenant || o.AllowedTenants.Any(t => !string.IsNullOrWhiteSpace(t)),
                "AzureAd:TenantId is common/organizations: list the tenants whose tokens are accepted in AzureAd:AllowedTenants.")
            .ValidateOnStart();
        services.AddOptions<CommissioningIdentityOptions>().Bind(configuration.GetSection(CommissioningIdentityOptions.SectionName));
        services.AddOptions<ClientApplicationRegistryOptions>()
            .Configure(o => configuration.GetSection(ClientApplicationRegistryOptions.SectionName).Bind(o.Applications))
            .Validate(o => o.Applications.All(a => !string.IsNullOrWhiteSpace(a.ClientId)), "Every entry of ClientApplications needs a ClientId.")
            .Validate(o => o.Applications.GroupBy(a => a.ClientId.Trim(), StringComparer.OrdinalIgnoreCase).All(g => g.Count() == 1),
                "ClientApplications lists a ClientId more than once.")
            .Validate(o => o.Applications.SelectMany(a => a.AllowedPurposes).All(PurposeOfUse.IsKnown),
                "ClientApplications names a purpose of use that is not documented (see PurposeOfUse).")
            // A bad registry stops the server at start, rather than turning every request into a 401.
            .ValidateOnStart();

        services.AddHttpContextAccessor();
        services.TryAddSingleton<ClientApplicationRegistry>();
        services.TryAddSingleton<CallerResolver>();
        services.TryAddSingleton<DevelopmentTokenAuthority>();
        services.TryAddSingleton<ICallerAccessor, HttpContextCallerAccessor>();
        // Every code is accepted until the host wires its organisation directory.
        services.TryAddSingleton<IKnownOrganisations, AnyOrganisation>();
        services.TryAddTransient<CallerBearerEvents>();
        // Replaces the server's allow-all default, whichever was registered first.
        services.Replace(ServiceDescriptor.Singleton<IGraphQLWebSocketAuthenticator, CallerWebSocketAuthenticator>());
        // First of the interceptors when identity is added before the other features.
        services.AddSingleton<IGraphQLRequestInterceptor, CallerRequestInterceptor>();

        var authentication = services.AddAuthentication(CommissioningIdentityDefaults.AuthenticationScheme)
            .AddPolicyScheme(CommissioningIdentityDefaults.AuthenticationScheme, "Bearer token", o =>
            {
                o.ForwardDefaultSelector = http => CommissioningIdentityDefaults.SchemeFor(
                    CommissioningIdentityDefaults.BearerToken(http.Request.Headers.Authorization),
                    http.RequestServices.GetRequiredService<DevelopmentTokenAuthority>().IsTrusted);
            });
        var azureAd = configuration.GetSection(AzureAdOptions.SectionName).Get<AzureAdOptions>() ?? new AzureAdOptions();
        if (azureAd.IsConfigured)
        {
            // Issuer (single- or multi-tenant, by the token's tid), audience, signing keys from the
            // tenant's metadata, and the rule that a token carries scp or roles: Identity.Web's.
            authentication.AddMicrosoftIdentityWebApi(configuration, AzureAdOptions.SectionName, CommissioningIdentityDefaults.EntraIdScheme);
        }
        else
        {
            // No tenant, no application: no signing key, so every token for this scheme is refused (401).
            authentication.AddJwtBearer(CommissioningIdentityDefaults.EntraIdScheme, o => o.Configuration = new OpenIdConnectConfiguration());
        }
        authentication.AddJwtBearer(CommissioningIdentityDefaults.DevelopmentScheme, _ => { });
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureBearerSchemes>();
        return services;
    }

    /// <summary>
    /// Authentication for every request, then the caller gate for endpoints marked with
    /// <see cref="RequireCaller{TBuilder}"/>. Call after <c>UseWebSockets</c> (and after <c>UseRouting</c>,
    /// if Program.cs calls it), before mapping endpoints.
    /// </summary>
    public static WebApplication UseCommissioningIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<CallerGateMiddleware>();
        return app;
    }

    /// <summary>
    /// The endpoint serves only authenticated callers: 401 without a valid token, 400/403 for a
    /// bad purpose of use. GraphiQL's page and WebSocket upgrades pass (their operations are
    /// authenticated by the header editor's token and by <c>connection_init</c>).
    /// </summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => endpoint.Metadata.Add(new RequireCallerMetadata()));
        return builder;
    }
}

/// <summary>
/// What both bearer schemes share (claims as the token spells them, our events, clock skew) and the
/// development scheme's parameters. Entra ID's issuer, audience and keys are Identity.Web's.
/// </summary>
internal sealed class ConfigureBearerSchemes(
    IOptions<AzureAdOptions> azureAd,
    IOptions<CommissioningIdentityOptions> identity,
    DevelopmentTokenAuthority developmentTokens) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(JwtBearerOptions options) { }

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == CommissioningIdentityDefaults.EntraIdScheme) ConfigureEntraId(options);
        else if (name == CommissioningIdentityDefaults.DevelopmentScheme) ConfigureDevelopment(options);
        else return;
        // Claim names as the token spells them (scp, roles, sub), not WS-Federation URIs.
        options.MapInboundClaims = false;
        // Our events call the scheme's own (Identity.Web's) first: see CallerBearerEvents.
        options.EventsType = typeof(CallerBearerEvents);
        var tvp = options.TokenValidationParameters;
        tvp.ClockSkew = identity.Value.ClockSkew;
        tvp.RequireExpirationTime = true;
        tvp.RequireSignedTokens = true;
        tvp.ValidateLifetime = true;
        tvp.NameClaimType = IdentityClaims.Subject;
        tvp.RoleClaimType = IdentityClaims.Roles;
    }

    private void ConfigureEntraId(JwtBearerOptions options)
    {
        // An unreachable authority fails the request (401) within this time rather than hanging it.
        options.BackchannelTimeout = identity.Value.MetadataTimeout;
        if (azureAd.Value.Instance is { } instance && instance.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            options.RequireHttpsMetadata = false;
    }

    private void ConfigureDevelopment(JwtBearerOptions options)
    {
        var tvp = options.TokenValidationParameters;
        tvp.ValidIssuer = DevelopmentTokenOptions.Issuer;
        tvp.ValidAudience = developmentTokens.Audience;
        tvp.ValidateIssuer = true;
        tvp.ValidateAudience = true;
        tvp.ValidAlgorithms = new[] { DevelopmentSigningKey.Algorithm };
        // The key is read (or created) when the first development token arrives, and only where trusted.
        tvp.IssuerSigningKeyResolver = (_, _, _, _) =>
            developmentTokens.IsTrusted ? new SecurityKey[] { developmentTokens.SigningKey } : Array.Empty<SecurityKey>();
    }
}
