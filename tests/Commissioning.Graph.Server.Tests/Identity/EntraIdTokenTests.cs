using System.Diagnostics;
using System.Net;
using Commissioning.Graph.Server.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Commissioning.Graph.Server.Tests.Identity;

/// <summary>
/// Entra ID tokens, validated offline: the signing key is given to the scheme directly instead of
/// being fetched from the tenant's metadata.
/// </summary>
public sealed class EntraIdTokenTests
{
    private static readonly RsaSecurityKey EntraKey = IdentityTestHost.NewRsaKey("entra-test-key");

    /// <summary>A second tenant of the allow-list, and one outside it.</summary>
    private const string PartnerTenant = "7a2c0d5f-3e4b-4c6d-9e8f-0a1b2c3d4e5f";
    private const string ForeignTenant = "8b3d1e6a-4f5c-4d7e-af90-1b2c3d4e5f60";
    private const string RegisteredClient = "c0ffee00-0000-4000-8000-000000000001";
    private const string UnregisteredClient = "c0ffee00-0000-4000-8000-0000000000ff";

    private static Task<IdentityTestHost> StartAsync(string tenantId, string? registeredTenant = null, string? registeredOrganisation = "X24",
        string[]? knownOrganisations = null, string[]? allowedTenants = null) =>
        IdentityTestHost.StartAsync("Production", new()
        {
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = tenantId,
            ["AzureAd:ClientId"] = IdentityTestHost.EntraClientId,
            ["AzureAd:AllowedTenants:0"] = (allowedTenants ?? [IdentityTestHost.EntraTenant, PartnerTenant]).ElementAtOrDefault(0),
            ["AzureAd:AllowedTenants:1"] = (allowedTenants ?? [IdentityTestHost.EntraTenant, PartnerTenant]).ElementAtOrDefault(1),
            ["ClientApplications:0:ClientId"] = RegisteredClient,
            ["ClientApplications:0:Organisation"] = registeredOrganisation,
            ["ClientApplications:0:AllowedScopes:0"] = "returns.read",
            ["ClientApplications:0:TenantId"] = registeredTenant,
        }, services =>
        {
            // Offline: Identity.Web gets the tenant's metadata (issuer and signing key) from a static configuration.
            services.PostConfigure<JwtBearerOptions>(CommissioningIdentityDefaults.EntraIdScheme, o =>
            {
                var multiTenant = tenantId is "common" or "organizations";
                var configuration = new OpenIdConnectConfiguration { Issuer = V2(multiTenant ? "{tenantid}" : tenantId) };
                configuration.SigningKeys.Add(EntraKey);
                o.Configuration = configuration;
                o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
                // What the tenant's metadata says of issuers, which Identity.Web's AadIssuerValidator would fetch itself.
                o.TokenValidationParameters.ValidIssuers = [configuration.Issuer, $"https://sts.windows.net/{(multiTenant ? "{tenantid}" : tenantId)}/"];
            });
            if (knownOrganisations is not null) services.AddSingleton<IKnownOrganisations>(new FixedOrganisations(knownOrganisations));
        });

    private static string EntraToken(string issuer, string tenant, string? audience = null, string client = RegisteredClient,
        string? org = null, bool withRoles = true)
    {
        var v1 = issuer.StartsWith("https://sts.windows.net/", StringComparison.Ordinal);
        var claims = new Dictionary<string, object>
        {
            ["tid"] = tenant,
            [v1 ? "appid" : "azp"] = client,
            ["ver"] = v1 ? "1.0" : "2.0",
        };
        if (withRoles) claims["roles"] = new[] { "returns.read" };
        if (org is not null) claims["org"] = org;
        return IdentityTestHost.SignToken(claims, EntraKey, issuer, audience ?? IdentityTestHost.EntraClientId);
    }

    private static string V2(string tenant) => $"https://login.microsoftonline.com/{tenant}/v2.0";

    private static string Reason(HttpResponseMessage response) => response.Headers.WwwAuthenticate.Single().Parameter ?? "";

    [Fact]
    public async Task Multi_tenant_configuration_accepts_a_v2_issuer_of_an_allowed_tenant_through_Identity_Web()
    {
        await using var host = await StartAsync("organizations");
        var (response, caller) = await host.WhoAmIAsync(EntraToken(V2(PartnerTenant), PartnerTenant));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("X24", caller.GetProperty("organisation").GetString());
        Assert.False(caller.GetProperty("isDevelopmentToken").GetBoolean());
    }

    [Fact]
    public async Task Multi_tenant_configuration_accepts_the_application_id_uri_as_audience()
    {
        await using var host = await StartAsync("common");
        // v1.0 access tokens carry the Application ID URI; v2.0 ones the client id.
        var token = EntraToken($"https://sts.windows.net/{PartnerTenant}/", PartnerTenant, audience: $"api://{IdentityTestHost.EntraClientId}");
        var (response, _) = await host.WhoAmIAsync(token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Multi_tenant_configuration_refuses_an_issuer_that_does_not_match_the_token_tenant()
    {
        await using var host = await StartAsync("common");
        var token = EntraToken(V2(IdentityTestHost.EntraTenant), PartnerTenant);
        var (response, _) = await host.WhoAmIAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", Reason(response));
    }

    [Fact]
    public async Task Multi_tenant_configuration_refuses_a_tenant_outside_the_allow_list_whatever_the_token_claims()
    {
        // Issue 10 #2: a foreign tenant's token for an unregistered client, claiming to be the NHS CB.
        await using var host = await StartAsync("common");
        var token = EntraToken(V2(ForeignTenant), ForeignTenant, client: UnregisteredClient, org: "X24");
        var (response, body) = await host.PostGraphQLAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("tenant is not one this API accepts", Reason(response));
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        // The registered client, from the foreign tenant, is refused just the same.
        var (registered, _) = await host.WhoAmIAsync(EntraToken(V2(ForeignTenant), ForeignTenant));
        Assert.Equal(HttpStatusCode.Unauthorized, registered.StatusCode);
    }

    [Fact]
    public async Task Multi_tenant_configuration_refuses_an_unregistered_client_application_of_an_allowed_tenant()
    {
        await using var host = await StartAsync("organizations");
        var (response, _) = await host.WhoAmIAsync(EntraToken(V2(PartnerTenant), PartnerTenant, client: UnregisteredClient, org: "01A"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains($"Client application {UnregisteredClient} is not registered", Reason(response));
    }

    [Fact]
    public async Task The_org_claim_is_honoured_only_for_the_organisation_the_application_is_registered_for()
    {
        await using var host = await StartAsync(IdentityTestHost.EntraTenant);
        var own = EntraToken(V2(IdentityTestHost.EntraTenant), IdentityTestHost.EntraTenant, org: "X24");
        Assert.Equal(HttpStatusCode.OK, (await host.WhoAmIAsync(own)).Response.StatusCode);

        var other = EntraToken(V2(IdentityTestHost.EntraTenant), IdentityTestHost.EntraTenant, org: "01A");
        var (response, _) = await host.WhoAmIAsync(other);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("registered for X24", Reason(response));

        var unregistered = EntraToken(V2(IdentityTestHost.EntraTenant), IdentityTestHost.EntraTenant, client: UnregisteredClient, org: "X24");
        var (refused, _) = await host.WhoAmIAsync(unregistered);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("not registered for it", Reason(refused));
    }

    [Fact]
    public async Task An_organisation_unknown_to_the_directory_is_401_with_the_reason()
    {
        await using var host = await StartAsync(IdentityTestHost.EntraTenant, registeredOrganisation: "ZZZ99", knownOrganisations: ["X24", "01A"]);
        var (response, body) = await host.PostGraphQLAsync(EntraToken(V2(IdentityTestHost.EntraTenant), IdentityTestHost.EntraTenant));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("ZZZ99, which is not a known organisation", Reason(response));
        Assert.Contains("not a known organisation", body.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_token_with_neither_scopes_nor_roles_is_401()
    {
        await using var host = await StartAsync(IdentityTestHost.EntraTenant);
        var (response, _) = await host.WhoAmIAsync(EntraToken(V2(IdentityTestHost.EntraTenant), IdentityTestHost.EntraTenant, withRoles: false));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", Reason(response));
    }

    [Fact]
    public async Task A_multi_tenant_configuration_without_allowed_tenants_does_not_start() =>
        await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => StartAsync("common", allowedTenants: []));

    [Fact]
    public async Task Multi_tenant_configuration_holds_a_registered_application_to_its_tenant()
    {
        await using var host = await StartAsync("organizations", registeredTenant: IdentityTestHost.EntraTenant);
        var own = EntraToken(V2(IdentityTestHost.EntraTenant), IdentityTestHost.EntraTenant);
        Assert.Equal(HttpStatusCode.OK, (await host.WhoAmIAsync(own)).Response.StatusCode);

        var (response, _) = await host.WhoAmIAsync(EntraToken(V2(PartnerTenant), PartnerTenant));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("tenant", Reason(response));
    }

    [Fact]
    public async Task Single_tenant_configuration_refuses_another_tenant()
    {
        await using var host = await StartAsync(IdentityTestHost.EntraTenant);
        var own = EntraToken(V2(IdentityTestHost.EntraTenant), IdentityTestHost.EntraTenant);
        var ownResponse = (await host.WhoAmIAsync(own)).Response;
        Assert.True(ownResponse.StatusCode == HttpStatusCode.OK, ownResponse.Headers.WwwAuthenticate.ToString());

        var foreign = EntraToken(V2(PartnerTenant), PartnerTenant);
        var (response, _) = await host.WhoAmIAsync(foreign);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("issuer", response.Headers.WwwAuthenticate.Single().Parameter);
    }

    [Fact]
    public async Task Unreachable_authority_fails_the_request_with_401_without_hanging()
    {
        // Nothing listens on port 1: the metadata fetch fails at once, and the request must still be a clean 401.
        await using var host = await IdentityTestHost.StartAsync("Production", new()
        {
            ["AzureAd:Instance"] = "http://127.0.0.1:1/",
            ["AzureAd:TenantId"] = IdentityTestHost.EntraTenant,
            ["AzureAd:ClientId"] = IdentityTestHost.EntraClientId,
            ["Identity:MetadataTimeout"] = "00:00:03",
        });
        var token = EntraToken($"http://127.0.0.1:1/{IdentityTestHost.EntraTenant}/v2.0", IdentityTestHost.EntraTenant);
        var clock = Stopwatch.StartNew();
        var (response, body) = await host.PostGraphQLAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Without_AzureAd_configuration_every_non_development_token_is_401()
    {
        await using var host = await IdentityTestHost.StartAsync("Production");
        var token = EntraToken($"https://login.microsoftonline.com/{IdentityTestHost.EntraTenant}/v2.0", IdentityTestHost.EntraTenant);
        var (response, _) = await host.PostGraphQLAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
