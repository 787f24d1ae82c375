using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Server.Identity;

/// <summary>
/// <c>POST {graphql}/dev-token?org=01A&amp;purpose=JSNA&amp;scope=a&amp;scope=b</c>: a development token for a
/// demonstration organisation, for GraphiQL's organisation picker (no copy-paste). Mapped only in
/// Development where development tokens are trusted; anywhere else the path does not exist.
/// </summary>
public static class DevelopmentTokenEndpoint
{
    public const string PathSuffix = "/dev-token";

    /// <summary>True where the endpoint is mapped: Development, with development tokens trusted.</summary>
    public static bool IsAvailable(IServiceProvider services) =>
        services.GetRequiredService<IHostEnvironment>().IsDevelopment()
        && services.GetService<DevelopmentTokenAuthority>()?.IsTrusted == true;

    public static IEndpointRouteBuilder MapDevelopmentTokens(this IEndpointRouteBuilder endpoints)
    {
        if (!IsAvailable(endpoints.ServiceProvider)) return endpoints;
        var path = endpoints.ServiceProvider.GetRequiredService<IOptions<GraphQLServerOptions>>().Value.Path.TrimEnd('/') + PathSuffix;
        endpoints.MapPost(path, async (HttpContext http, DevelopmentTokenAuthority authority, IKnownOrganisations organisations) =>
        {
            var query = http.Request.Query;
            var org = query["org"].ToString().Trim().ToUpperInvariant();
            string? purpose = string.IsNullOrWhiteSpace(query["purpose"]) ? null : PurposeOfUse.Normalise(query["purpose"]);
            if (!DevelopmentTokenIssuer.OrganisationCode().IsMatch(org) || !await organisations.IsKnownAsync(org, http.RequestAborted))
                return Results.BadRequest(new { error = $"\"{org}\" is not a known organisation code." });
            if (!string.IsNullOrWhiteSpace(query["purpose"]) && purpose is null)
                return Results.BadRequest(new { error = $"Use one of: {string.Join(", ", PurposeOfUse.All.Keys)}." });
            var scopes = query["scope"].Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToArray();
            var token = authority.Mint(new DevelopmentTokenRequest { Organisation = org, Scopes = scopes, Purpose = purpose, Lifetime = TimeSpan.FromHours(8) });
            http.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { token, organisation = org, purpose, scopes });
        }).ExcludeFromDescription();
        return endpoints;
    }
}
