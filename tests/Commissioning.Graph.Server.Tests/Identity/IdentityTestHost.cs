using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Commissioning.Graph.Server.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Server.Diagnostics;

namespace Commissioning.Graph.Server.Tests.Identity;

/// <summary>
/// The GraphQL endpoint behind the identity layer, in memory, with a content root of its own (so
/// each host has its own development key). <c>/whoami</c> echoes the <see cref="Caller"/>.
/// </summary>
public sealed class IdentityTestHost : IAsyncDisposable
{
    public const string EntraTenant = "6f1b9c4e-2d3a-4b5c-8d7e-9f0a1b2c3d4e";
    public const string EntraClientId = "0b7c5d2e-1111-4a2b-9c3d-4e5f6a7b8c9d";

    private IdentityTestHost(WebApplication app, string contentRoot)
    {
        App = app;
        ContentRoot = contentRoot;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }
    public string ContentRoot { get; }
    public HttpClient Client { get; }
    public DevelopmentTokenAuthority DevelopmentTokens => App.Services.GetRequiredService<DevelopmentTokenAuthority>();

    public static async Task<IdentityTestHost> StartAsync(string environment = "Development",
        Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool requireCaller = true,
        Action<Schema>? configureSchema = null)
    {
        var contentRoot = Path.Combine(Path.GetTempPath(), "cg-identity-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(contentRoot);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = contentRoot });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings ?? new());
        builder.AddCommissioningIdentity();
        var schema = SdlSchemaBuilder.Build(TestServerFactory.Sdl);
        configureSchema?.Invoke(schema);
        using (var doc = JsonDocument.Parse(TestServerFactory.Data))
        {
            var root = JsonInput.ToValue(doc.RootElement);
            builder.Services.AddGraphQLServer(builder.Configuration, _ => schema, _ => root);
        }
        builder.Services.AddHealthChecks();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseWebSockets();
        app.UseCommissioningIdentity();
        app.MapHealthEndpoints();
        var graphql = app.MapGraphQL();
        if (requireCaller) graphql.RequireCaller();
        app.MapGet("/whoami", (HttpContext http) => Results.Json(http.GetCaller())).RequireCaller();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            Directory.Delete(contentRoot, recursive: true);
            throw;
        }
        return new IdentityTestHost(app, contentRoot);
    }

    /// <summary>A development token for <paramref name="org"/> that this host trusts.</summary>
    public string Token(string org = "01A", string[]? scopes = null, string? purpose = null, string? clientId = null,
        TimeSpan? lifetime = null, DateTimeOffset? issuedAt = null) =>
        DevelopmentTokens.Mint(new DevelopmentTokenRequest
        {
            Organisation = org,
            Scopes = scopes ?? Array.Empty<string>(),
            Purpose = purpose,
            ClientId = clientId ?? DevelopmentTokenIssuer.DefaultClientId,
            Lifetime = lifetime ?? TimeSpan.FromHours(1),
            IssuedAt = issuedAt,
        });

    /// <summary>A token with exactly <paramref name="claims"/>, signed by <paramref name="key"/> (default: this host's development key).</summary>
    public string CustomToken(Dictionary<string, object> claims, SecurityKey? key = null, string? issuer = DevelopmentTokenOptions.Issuer,
        string? audience = null, DateTimeOffset? notBefore = null, DateTimeOffset? expires = null) =>
        SignToken(claims, key ?? DevelopmentTokens.SigningKey, issuer, audience ?? DevelopmentTokens.Audience, notBefore, expires);

    public static string SignToken(Dictionary<string, object> claims, SecurityKey key, string? issuer, string? audience,
        DateTimeOffset? notBefore = null, DateTimeOffset? expires = null)
    {
        var now = DateTimeOffset.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (notBefore ?? now).UtcDateTime,
            NotBefore = (notBefore ?? now).UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, key is ECDsaSecurityKey ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public static RsaSecurityKey NewRsaKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    public async Task<(HttpResponseMessage Response, JsonElement Body)> PostGraphQLAsync(string? token, string query = "{ hello }",
        string accept = "application/graphql-response+json", string? purpose = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd(accept);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (purpose is not null) request.Headers.Add(PurposeOfUse.HeaderName, purpose);
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> WhoAmIAsync(string? token, params string[] purposes)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (purposes.Length > 0) request.Headers.TryAddWithoutValidation(PurposeOfUse.HeaderName, purposes);
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        try { Directory.Delete(ContentRoot, recursive: true); } catch (IOException) { }
    }
}
