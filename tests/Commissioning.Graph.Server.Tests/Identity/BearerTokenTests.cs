using System.Net;
using System.Text.Json;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Server.Tests.Identity;

/// <summary>/graphql serves nobody anonymously: every kind of bad token gets 401 with an RFC 6750 challenge.</summary>
public sealed class BearerTokenTests : IAsyncLifetime
{
    private IdentityTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IdentityTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static void AssertUnauthenticated(HttpResponseMessage response, JsonElement body, string? descriptionContains)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        if (descriptionContains is null)
        {
            Assert.Null(challenge.Parameter);
        }
        else
        {
            Assert.Contains("error=\"invalid_token\"", challenge.Parameter);
            Assert.Contains("error_description=\"", challenge.Parameter);
            Assert.Contains(descriptionContains, challenge.Parameter, StringComparison.OrdinalIgnoreCase);
        }
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray().ToArray());
        Assert.Equal("UNAUTHENTICATED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Missing_token_is_401_with_a_bare_bearer_challenge()
    {
        var (response, body) = await _host.PostGraphQLAsync(token: null);
        AssertUnauthenticated(response, body, descriptionContains: null);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Unauthenticated_error_uses_the_negotiated_media_type()
    {
        var (response, body) = await _host.PostGraphQLAsync(token: null, accept: "application/json");
        AssertUnauthenticated(response, body, descriptionContains: null);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Get_request_without_token_is_401_too()
    {
        var response = await _host.Client.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ hello }"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Expired_token_is_401_invalid_token()
    {
        var token = _host.Token(issuedAt: DateTimeOffset.UtcNow.AddHours(-3), lifetime: TimeSpan.FromHours(1));
        var (response, body) = await _host.PostGraphQLAsync(token);
        AssertUnauthenticated(response, body, "expired");
    }

    [Fact]
    public async Task Not_yet_valid_token_is_401_invalid_token()
    {
        var token = _host.Token(issuedAt: DateTimeOffset.UtcNow.AddHours(1));
        var (response, body) = await _host.PostGraphQLAsync(token);
        AssertUnauthenticated(response, body, "not valid before");
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_401_invalid_token()
    {
        var otherKey = DevelopmentSigningKey.LoadOrCreate(Path.Combine(_host.ContentRoot, "other", "key.json"));
        var token = _host.CustomToken(new() { ["org"] = "01A" }, key: otherKey);
        var (response, body) = await _host.PostGraphQLAsync(token);
        AssertUnauthenticated(response, body, "signature");
    }

    [Fact]
    public async Task Token_with_a_tampered_payload_is_401_invalid_token()
    {
        var token = _host.Token(org: "01A");
        var parts = token.Split('.');
        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]).Replace("\"01A\"", "\"X24\"");
        var forged = parts[0] + "." + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload) + "." + parts[2];
        var (response, body) = await _host.PostGraphQLAsync(forged);
        AssertUnauthenticated(response, body, "signature");
    }

    [Fact]
    public async Task Wrong_audience_is_401_invalid_token()
    {
        var token = _host.CustomToken(new() { ["org"] = "01A" }, audience: "api://someone-else");
        var (response, body) = await _host.PostGraphQLAsync(token);
        AssertUnauthenticated(response, body, "audience");
    }

    [Fact]
    public async Task Wrong_issuer_is_401_invalid_token()
    {
        var token = _host.CustomToken(new() { ["org"] = "01A" }, issuer: "https://evil.example/");
        var (response, body) = await _host.PostGraphQLAsync(token);
        AssertUnauthenticated(response, body, "issuer");
    }

    [Fact]
    public async Task Token_without_expiry_is_401()
    {
        var claims = new Dictionary<string, object> { ["org"] = "01A", ["iss"] = DevelopmentTokenOptions.Issuer, ["aud"] = _host.DevelopmentTokens.Audience };
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
            {
                Claims = claims,
                SigningCredentials = new(_host.DevelopmentTokens.SigningKey, DevelopmentSigningKey.Algorithm),
            });
        var (response, body) = await _host.PostGraphQLAsync(token);
        AssertUnauthenticated(response, body, descriptionContains: "");
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    public async Task Malformed_token_is_401_invalid_token(string token)
    {
        var (response, body) = await _host.PostGraphQLAsync(token);
        AssertUnauthenticated(response, body, "malformed");
    }

    [Fact]
    public async Task Unsigned_token_is_401_invalid_token()
    {
        var unsigned = "eyJhbGciOiJub25lIn0." + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(
            $$"""{"iss":"commissioning-graph-dev","aud":"{{_host.DevelopmentTokens.Audience}}","org":"X24","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""") + ".";
        var (response, body) = await _host.PostGraphQLAsync(unsigned);
        AssertUnauthenticated(response, body, "signature");
    }

    [Fact]
    public async Task Token_naming_no_organisation_and_an_unregistered_client_is_401()
    {
        var token = _host.CustomToken(new() { ["azp"] = "unregistered-app", ["scp"] = "read" });
        var (response, body) = await _host.PostGraphQLAsync(token);
        AssertUnauthenticated(response, body, "not registered");
    }

    [Fact]
    public async Task Valid_development_token_is_served()
    {
        var (response, body) = await _host.PostGraphQLAsync(_host.Token("01A"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("world", body.GetProperty("data").GetProperty("hello").GetString());
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task Health_endpoints_stay_anonymous()
    {
        var response = await _host.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GraphiQL_page_loads_without_a_token_but_its_queries_need_one()
    {
        var page = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        page.Headers.Accept.ParseAdd("text/html");
        var response = await _host.Client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);

        var query = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ hello }"));
        query.Headers.Accept.ParseAdd("text/html");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client.SendAsync(query)).StatusCode);
    }

    [Fact]
    public async Task Endpoint_mapped_without_RequireCaller_still_executes_nothing_without_a_caller()
    {
        await using var open = await IdentityTestHost.StartAsync(requireCaller: false);
        var (response, body) = await open.PostGraphQLAsync(open.Token("01A"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("data", out _));
    }
}
