using System.Diagnostics;
using System.Net;
using Commissioning.Graph.Server.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
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

    private static Task<IdentityTestHost> StartAsync(string tenantId, string? registeredTenant = null) =>
        IdentityTestHost.StartAsync("Production", new()
        {
            ["AzureAd:TenantId"] = tenantId,
            ["AzureAd:ClientId"] = IdentityTestHost.EntraClientId,
            ["ClientApplications:0:ClientId"] = "c0ffee00-0000-4000-8000-000000000001",
            ["ClientApplications:0:Organisation"] = "X24",
            ["ClientApplications:0:AllowedScopes:0"] = "returns.read",
            ["ClientApplications:0:TenantId"] = registeredTenant,
        }, services => services.Configure<JwtBearerOptions>(CommissioningIdentityDefaults.EntraIdScheme, o =>
        {
            o.Configuration = new OpenIdConnectConfiguration();
            o.Configuration.SigningKeys.Add(EntraKey);
        }));

    private static string EntraToken(string issuer, string tenant, string? audience = null) =>
        IdentityTestHost.SignToken(new()
        {
            ["tid"] = tenant,
            ["azp"] = "c0ffee00-0000-4000-8000-000000000001",
            ["roles"] = new[] { "returns.read" },
            ["ver"] = "2.0",
        }, EntraKey, issuer, audience ?? IdentityTestHost.EntraClientId);

    [Fact]
    public async Task Multi_tenant_configuration_accepts_a_v2_issuer_of_any_tenant_through_AadIssuerValidator()
    {
        await using var host = await StartAsync("organizations");
        var tenant = Guid.NewGuid().ToString();
        var (response, caller) = await host.WhoAmIAsync(EntraToken($"https://login.microsoftonline.com/{tenant}/v2.0", tenant));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("X24", caller.GetProperty("organisation").GetString());
        Assert.False(caller.GetProperty("isDevelopmentToken").GetBoolean());
    }

    [Fact]
    public async Task Multi_tenant_configuration_accepts_the_application_id_uri_as_audience()
    {
        await using var host = await StartAsync("common");
        var tenant = Guid.NewGuid().ToString();
        var token = EntraToken($"https://sts.windows.net/{tenant}/", tenant, audience: $"api://{IdentityTestHost.EntraClientId}");
        var (response, _) = await host.WhoAmIAsync(token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Multi_tenant_configuration_refuses_an_issuer_that_does_not_match_the_token_tenant()
    {
        await using var host = await StartAsync("common");
        var token = EntraToken($"https://login.microsoftonline.com/{Guid.NewGuid()}/v2.0", Guid.NewGuid().ToString());
        var (response, _) = await host.WhoAmIAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().Parameter);
    }

    [Fact]
    public async Task Multi_tenant_configuration_holds_a_registered_application_to_its_tenant()
    {
        await using var host = await StartAsync("organizations", registeredTenant: IdentityTestHost.EntraTenant);
        var own = EntraToken($"https://login.microsoftonline.com/{IdentityTestHost.EntraTenant}/v2.0", IdentityTestHost.EntraTenant);
        Assert.Equal(HttpStatusCode.OK, (await host.WhoAmIAsync(own)).Response.StatusCode);

        var other = Guid.NewGuid().ToString();
        var (response, _) = await host.WhoAmIAsync(EntraToken($"https://login.microsoftonline.com/{other}/v2.0", other));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("tenant", response.Headers.WwwAuthenticate.Single().Parameter);
    }

    [Fact]
    public async Task Single_tenant_configuration_refuses_another_tenant()
    {
        await using var host = await StartAsync(IdentityTestHost.EntraTenant);
        var own = EntraToken($"https://login.microsoftonline.com/{IdentityTestHost.EntraTenant}/v2.0", IdentityTestHost.EntraTenant);
        Assert.Equal(HttpStatusCode.OK, (await host.WhoAmIAsync(own)).Response.StatusCode);

        var other = Guid.NewGuid().ToString();
        var foreign = EntraToken($"https://login.microsoftonline.com/{other}/v2.0", other);
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
