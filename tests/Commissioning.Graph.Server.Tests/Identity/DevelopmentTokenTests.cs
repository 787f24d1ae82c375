using System.Net;
using System.Text.Json;
using Commissioning.Graph.Host.Commands;
using Commissioning.Graph.Server.Identity;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Commissioning.Graph.Server.Tests.Identity;

/// <summary>Development tokens: the key on disk, where they are trusted, and the <c>token</c> verb.</summary>
public sealed class DevelopmentTokenTests
{
    [Fact]
    public async Task Development_tokens_are_not_trusted_in_Production_even_when_enabled()
    {
        await using var host = await IdentityTestHost.StartAsync("Production", new() { ["Identity:DevelopmentTokens:Enabled"] = "true" });
        var keyPath = Path.Combine(host.ContentRoot, "data", "dev-signing-key.json");
        var key = DevelopmentSigningKey.LoadOrCreate(keyPath);
        var token = DevelopmentTokenIssuer.Mint(new DevelopmentTokenRequest { Organisation = "X24" }, key);

        var (response, _) = await host.PostGraphQLAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().Parameter);
        Assert.False(host.DevelopmentTokens.IsTrusted);
    }

    [Fact]
    public async Task Production_never_creates_a_development_key()
    {
        await using var host = await IdentityTestHost.StartAsync("Production");
        var stranger = DevelopmentSigningKey.LoadOrCreate(Path.Combine(host.ContentRoot, "elsewhere.json"));
        var token = DevelopmentTokenIssuer.Mint(new DevelopmentTokenRequest { Organisation = "01A" }, stranger);
        await host.PostGraphQLAsync(token);
        Assert.False(File.Exists(Path.Combine(host.ContentRoot, "data", "dev-signing-key.json")));
    }

    [Fact]
    public async Task Tests_may_opt_in_to_development_tokens_outside_Development()
    {
        await using var host = await IdentityTestHost.StartAsync("Testing", new() { ["Identity:DevelopmentTokens:Enabled"] = "true" });
        var (response, _) = await host.PostGraphQLAsync(host.Token("E10000001"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Development_key_is_created_on_first_use_at_the_configured_path()
    {
        await using var host = await IdentityTestHost.StartAsync("Development", new() { ["Identity:DevelopmentTokens:SigningKeyPath"] = "keys/nested/dev.json" });
        var path = Path.Combine(host.ContentRoot, "keys", "nested", "dev.json");
        Assert.False(File.Exists(path));
        host.Token("01A");
        Assert.True(File.Exists(path));
        using var jwk = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("EC", jwk.RootElement.GetProperty("kty").GetString());
        Assert.Equal("P-256", jwk.RootElement.GetProperty("crv").GetString());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        // The same key on the next read.
        Assert.Equal(host.DevelopmentTokens.SigningKey.KeyId, DevelopmentSigningKey.LoadOrCreate(path).KeyId);
    }

    [Fact]
    public async Task Token_verb_prints_a_token_alone_that_the_server_accepts()
    {
        await using var host = await IdentityTestHost.StartAsync("Development");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = TokenCommand.Run(new[] { "--org", "01A", "--scope", "returns.read", "--scopes", "jsna.read jsna.submit",
            "--purpose", "JSNA", "--client-id", "cli-test", "--lifetime", "30m" }, stdout, stderr, host.ContentRoot);
        Assert.Equal(0, exit);
        var token = stdout.ToString().TrimEnd('\n', '\r');
        Assert.DoesNotContain('\n', token);
        Assert.Equal(3, token.Split('.').Length);

        var jwt = new JsonWebToken(token);
        Assert.Equal("commissioning-graph-dev", jwt.Issuer);
        Assert.Equal("api://commissioning-graph", jwt.Audiences.Single());
        Assert.Equal("01A", jwt.GetClaim("org").Value);
        Assert.Equal("returns.read jsna.read jsna.submit", jwt.GetClaim("scp").Value);
        Assert.Equal("JSNA", jwt.GetClaim("purpose").Value);
        Assert.Equal("cli-test", jwt.GetClaim("azp").Value);
        Assert.Equal("cli-test", jwt.GetClaim("appid").Value);
        Assert.InRange(jwt.ValidTo - jwt.ValidFrom, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));

        var (response, caller) = await host.WhoAmIAsync(token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("01A", caller.GetProperty("organisation").GetString());
        Assert.Equal("JSNA", caller.GetProperty("purpose").GetString());
        Assert.Equal(3, caller.GetProperty("scopes").GetArrayLength());
    }

    [Theory]
    [InlineData(new string[0], "--org")]
    [InlineData(new[] { "--org", "01A", "--purpose", "NOSEY" }, "not a purpose")]
    [InlineData(new[] { "--org", "01A", "--lifetime", "forever" }, "not a lifetime")]
    [InlineData(new[] { "--org", "01A'; drop" }, "not an organisation code")]
    [InlineData(new[] { "--org", "01A", "--bogus" }, "unexpected argument")]
    public void Token_verb_refuses_bad_arguments_with_exit_code_2(string[] args, string message)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = Path.Combine(Path.GetTempPath(), "cg-identity-tests", Guid.NewGuid().ToString("N"));
        Assert.Equal(2, TokenCommand.Run(args, stdout, stderr, root));
        Assert.Equal("", stdout.ToString());
        Assert.Contains(message, stderr.ToString());
    }

    [Theory]
    [InlineData("8h", 8 * 60)]
    [InlineData("30m", 30)]
    [InlineData("2d", 2 * 24 * 60)]
    [InlineData("01:30:00", 90)]
    public void Lifetimes_are_read_in_hours_minutes_days_or_as_a_time_span(string text, int minutes)
    {
        Assert.True(DevelopmentTokenIssuer.TryParseLifetime(text, out var lifetime));
        Assert.Equal(TimeSpan.FromMinutes(minutes), lifetime);
    }
}
