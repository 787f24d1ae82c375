namespace Commissioning.Graph.Server.Identity;

/// <summary>
/// What this server reads itself of section <c>AzureAd</c>, which Microsoft.Identity.Web binds
/// (<c>Instance</c>, <c>TenantId</c>, <c>ClientId</c>, <c>Audience</c>, …) to validate Entra ID tokens.
/// </summary>
public sealed class AzureAdOptions
{
    public const string SectionName = "AzureAd";

    public string? Instance { get; set; }

    /// <summary>The tenant's GUID, or <c>common</c> / <c>organizations</c> for a multi-tenant API.</summary>
    public string? TenantId { get; set; }

    /// <summary>This API's application (client) id.</summary>
    public string? ClientId { get; set; }

    /// <summary>The audience tokens must carry; Identity.Web accepts the client id and <c>api://{ClientId}</c> otherwise.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// With a multi-tenant configuration, the tenants (<c>tid</c>) whose tokens are accepted at all.
    /// Empty: none (a multi-tenant API must list the tenants it trusts).
    /// </summary>
    public List<string> AllowedTenants { get; set; } = new();

    /// <summary>True when tokens from Entra ID can be validated at all (a tenant and a client id are set).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Tokens may come from any tenant (Identity.Web validates the issuer against the token's <c>tid</c>).</summary>
    public bool IsMultiTenant => TenantId?.Trim().ToLowerInvariant() is "common" or "organizations";

    public bool IsTenantAllowed(string? tenant) =>
        !string.IsNullOrWhiteSpace(tenant) && AllowedTenants.Any(t => string.Equals(t?.Trim(), tenant.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>How this server authenticates callers. Section <c>Identity</c>.</summary>
public sealed class CommissioningIdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>
    /// How long fetching Entra ID's metadata may take before the request fails with 401 (an
    /// unreachable authority must not hang requests). Default 10 s.
    /// </summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Tolerance for clock differences when checking <c>exp</c> and <c>nbf</c>. Default 2 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    public DevelopmentTokenOptions DevelopmentTokens { get; set; } = new();
}

/// <summary>Tokens minted by the <c>token</c> verb and signed with a key kept on this machine.</summary>
public sealed class DevelopmentTokenOptions
{
    public const string Issuer = "commissioning-graph-dev";
    public const string DefaultAudience = "api://commissioning-graph";
    public const string DefaultKeyPath = "data/dev-signing-key.json";

    /// <summary>
    /// Trust development tokens. Default: null, meaning "in Development only". Setting it true
    /// extends trust to other non-Production environments (tests); in Production it is ignored.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Where the development signing key is kept (created on first use). Relative paths are
    /// taken from the content root. Default <c>data/dev-signing-key.json</c>.</summary>
    public string SigningKeyPath { get; set; } = DefaultKeyPath;

    /// <summary>The audience of development tokens. Default: <c>AzureAd:Audience</c> if set, otherwise <c>api://commissioning-graph</c>.</summary>
    public string? Audience { get; set; }
}

/// <summary>
/// A client application registered with this API: which organisation it acts for and what it may
/// ask for. Listed in section <c>ClientApplications</c>.
/// </summary>
public sealed class ClientApplication
{
    /// <summary>The application (client) id, as tokens carry it in <c>azp</c> or <c>appid</c>.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The organisation code the application acts for (e.g. <c>X24</c>).</summary>
    public string? Organisation { get; set; }

    /// <summary>
    /// The Entra ID tenant whose tokens may name this application (the token's <c>tid</c>). Set it
    /// whenever the API is multi-tenant: otherwise a user of any tenant who signs in to a
    /// multi-tenant public client would act for this application's organisation.
    /// </summary>
    public string? TenantId { get; set; }

    /// <summary>Scopes the application may use; others in its tokens are dropped. Empty: none. <c>*</c>: all.</summary>
    public List<string> AllowedScopes { get; set; } = new();

    /// <summary>Purposes of use the application may state. Empty: any documented purpose.</summary>
    public List<string> AllowedPurposes { get; set; } = new();
}

/// <summary>The registry of client applications, bound from the list in section <c>ClientApplications</c>.</summary>
public sealed class ClientApplicationRegistryOptions
{
    public const string SectionName = "ClientApplications";

    public List<ClientApplication> Applications { get; set; } = new();
}
