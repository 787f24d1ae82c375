using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.Graph.Host.Commands;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Server;
using Commissioning.Graph.Server.Federation;
using Commissioning.Graph.Server.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Host.Tests.HostileClients;

/// <summary>
/// Issue 10, finding 10: <c>serve --module</c> in Production returned the whole subgraph SDL through
/// <c>_service { sdl }</c> to any caller. Outside Development it now answers only callers granted
/// <c>GraphQL:Federation:ServiceSdlScope</c> (the gateway); others get FORBIDDEN with the reason.
/// </summary>
public sealed class ServiceSdlAccessTests : IAsyncLifetime
{
    private GraphDatabase _database = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _database = await GraphDatabase.CreateAsync(DatabaseProvider.Sqlite, "sdl");
        // Development tokens are trusted only in Development: the restriction is switched on explicitly there,
        // as it is by default in any other environment (Restriction_is_on_by_default_outside_development).
        _app = ServeCommand.BuildGraphServer(
            [.. ServeCommand.WithDevelopmentDefault(_database.ServeArguments), "--GraphQL:Federation:RestrictServiceSdl=true"],
            module: "local-government", configure: b => b.WebHost.UseTestServer());
        await ServeCommand.PrepareDatabaseAsync(_app);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> AskForSdlAsync(params string[] scopes)
    {
        var token = _app.Services.GetRequiredService<DevelopmentTokenAuthority>().Mint(new DevelopmentTokenRequest { Organisation = "X24", Scopes = scopes });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "query Sdl { ...S } fragment S on Query { _service { sdl } }" }) };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        request.Headers.Add("X-Purpose-Of-Use", "COMMISSIONING");
        using var response = await _app.GetTestClient().SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task A_caller_without_the_scope_is_refused_the_sdl_with_a_reason()
    {
        var (status, body) = await AskForSdlAsync();
        Assert.Equal(HttpStatusCode.Forbidden, status);
        var error = body.GetProperty("errors")[0];
        Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("federation:sdl", error.GetProperty("extensions").GetProperty("reason").GetString());
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task The_gateway_with_the_scope_reads_the_sdl()
    {
        var (status, body) = await AskForSdlAsync("federation:sdl");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("type HealthAndWellbeingBoard", body.GetProperty("data").GetProperty("_service").GetProperty("sdl").GetString());
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Staging", true)]
    [InlineData("Development", false)]
    public void Restriction_is_on_by_default_outside_development(string environment, bool restricted)
    {
        var interceptor = new ServiceSdlAccessInterceptor(Options.Create(new GraphQLServerOptions()),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment });
        Assert.Equal(restricted, interceptor.IsRestricted);
    }
}
