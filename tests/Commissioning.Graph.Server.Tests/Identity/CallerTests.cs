using System.Net;
using System.Text.Json;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Server.Tests.Identity;

/// <summary>The caller of a request: organisation, client application, scopes and purpose of use.</summary>
public sealed class CallerTests : IAsyncLifetime
{
    private IdentityTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IdentityTestHost.StartAsync(settings: new()
    {
        // An NHS CB system using client credentials: no org claim, application permissions as roles.
        ["ClientApplications:0:ClientId"] = "nhscb-returns-service",
        ["ClientApplications:0:Organisation"] = "X24",
        ["ClientApplications:0:AllowedScopes:0"] = "returns.read",
        ["ClientApplications:0:AllowedScopes:1"] = "allocations.write",
        ["ClientApplications:0:AllowedPurposes:0"] = "FINANCIAL_ASSURANCE",
        ["ClientApplications:0:AllowedPurposes:1"] = "ALLOCATIONS",
        // A local authority portal with every scope and any purpose.
        ["ClientApplications:1:ClientId"] = "northvale-portal",
        ["ClientApplications:1:Organisation"] = "E10000001",
        ["ClientApplications:1:AllowedScopes:0"] = "*",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string[] Scopes(JsonElement caller) =>
        caller.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).OrderBy(s => s, StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Development_token_gives_the_caller_its_organisation_scopes_and_purpose()
    {
        var token = _host.Token("01A", scopes: new[] { "returns.submit", "jsna.read" }, purpose: "COMMISSIONING", clientId: "consortium-app");
        var (response, caller) = await _host.WhoAmIAsync(token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("01A", caller.GetProperty("organisation").GetString());
        Assert.Equal(new[] { "jsna.read", "returns.submit" }, Scopes(caller));
        Assert.Equal("COMMISSIONING", caller.GetProperty("purpose").GetString());
        Assert.Equal("consortium-app", caller.GetProperty("clientApplicationId").GetString());
        Assert.Equal("dev:01A", caller.GetProperty("subject").GetString());
        Assert.True(caller.GetProperty("isDevelopmentToken").GetBoolean());
    }

    [Fact]
    public async Task Roles_and_scp_both_become_scopes()
    {
        var token = _host.CustomToken(new()
        {
            ["org"] = "02B",
            ["scp"] = "jsna.read  returns.read",
            ["roles"] = new[] { "pool.write", "contracts.read" },
        });
        var (_, caller) = await _host.WhoAmIAsync(token);
        Assert.Equal(new[] { "contracts.read", "jsna.read", "pool.write", "returns.read" }, Scopes(caller));
    }

    [Fact]
    public async Task Client_credentials_token_takes_its_organisation_from_the_registry_and_loses_scopes_it_is_not_allowed()
    {
        var token = _host.CustomToken(new()
        {
            ["azp"] = "nhscb-returns-service",
            ["roles"] = new[] { "returns.read", "returns.submit", "allocations.write" },
        });
        var (response, caller) = await _host.WhoAmIAsync(token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("X24", caller.GetProperty("organisation").GetString());
        Assert.Equal("nhscb-returns-service", caller.GetProperty("clientApplicationId").GetString());
        Assert.Equal(new[] { "allocations.write", "returns.read" }, Scopes(caller));
    }

    [Fact]
    public async Task V1_appid_claim_finds_the_registered_application_too()
    {
        var token = _host.CustomToken(new() { ["appid"] = "NORTHVALE-PORTAL", ["roles"] = new[] { "jsna.accept" } });
        var (_, caller) = await _host.WhoAmIAsync(token);
        Assert.Equal("E10000001", caller.GetProperty("organisation").GetString());
        Assert.Equal(new[] { "jsna.accept" }, Scopes(caller));
    }

    [Fact]
    public async Task Token_claiming_another_organisation_than_its_registered_application_is_401()
    {
        var token = _host.CustomToken(new() { ["azp"] = "nhscb-returns-service", ["org"] = "01A" });
        var (response, _) = await _host.WhoAmIAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("registered for X24", response.Headers.WwwAuthenticate.Single().Parameter);
    }

    [Fact]
    public async Task Purpose_header_overrides_the_token_purpose()
    {
        var token = _host.Token("01A", purpose: "COMMISSIONING");
        var (response, caller) = await _host.WhoAmIAsync(token, "jsna");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("JSNA", caller.GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task No_purpose_at_all_is_allowed_here()
    {
        var (response, caller) = await _host.WhoAmIAsync(_host.Token("03C"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, caller.GetProperty("purpose").ValueKind);
    }

    [Fact]
    public async Task Unknown_purpose_is_400_bad_user_input()
    {
        var (response, body) = await _host.PostGraphQLAsync(_host.Token("01A"), purpose: "CURIOSITY");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = body.GetProperty("errors")[0];
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("CURIOSITY", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Two_purpose_headers_are_400()
    {
        var (response, _) = await _host.WhoAmIAsync(_host.Token("01A"), "JSNA", "AUDIT");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Purpose_not_allowed_for_the_client_application_is_403_forbidden()
    {
        var token = _host.CustomToken(new() { ["azp"] = "nhscb-returns-service", ["roles"] = new[] { "returns.read" } });
        var (response, body) = await _host.PostGraphQLAsync(token, purpose: "JSNA");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("FORBIDDEN", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var (allowed, caller) = await _host.WhoAmIAsync(token, "FINANCIAL_ASSURANCE");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("FINANCIAL_ASSURANCE", caller.GetProperty("purpose").GetString());
    }

    [Fact]
    public void Caller_accessor_is_registered()
    {
        Assert.NotNull(_host.App.Services.GetService(typeof(ICallerAccessor)));
    }

    [Fact]
    public async Task Client_application_registry_naming_an_undocumented_purpose_stops_the_server_at_start()
    {
        var e = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => IdentityTestHost.StartAsync(settings: new()
        {
            ["ClientApplications:0:ClientId"] = "app",
            ["ClientApplications:0:AllowedPurposes:0"] = "WHATEVER",
        }));
        Assert.Contains("purpose of use", e.Message);
    }
}
