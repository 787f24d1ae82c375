using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Server.Federation;

/// <summary>Refuses GraphQL requests the gateway did not sign, when <see cref="FederationOptions.GatewaySecret"/> is set.</summary>
public static class GatewaySignature
{
    public const string HeaderName = "X-Gateway-Signature";
    private const string Prefix = "sha256=";

    /// <summary>The signature of <paramref name="payload"/>: <c>sha256=</c> and the lower-case hex HMAC.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> payload) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));

    /// <summary>Adds the check before identity, so an unsigned request is refused before its token is read.</summary>
    public static IApplicationBuilder UseGatewaySignature(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<GraphQLServerOptions>>().Value;
        var secret = options.Federation.GatewaySecret;
        if (string.IsNullOrEmpty(secret)) return app;
        var path = new PathString(options.Path.TrimEnd('/'));
        return app.Use(async (http, next) =>
        {
            if (!http.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase) || await IsSignedAsync(http, secret))
            {
                await next(http);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            http.Response.Headers.CacheControl = "no-store";
            await http.Response.WriteAsJsonAsync(new
            {
                errors = new[]
                {
                    new
                    {
                        message = "This subgraph answers only requests signed by its gateway.",
                        extensions = new { code = "FORBIDDEN", reason = "GATEWAY_SIGNATURE_REQUIRED" },
                    },
                },
            });
        });
    }

    private static async Task<bool> IsSignedAsync(HttpContext http, string secret)
    {
        var given = http.Request.Headers[HeaderName].ToString();
        if (!given.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        byte[] payload;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            // The body is read here and rewound for the GraphQL handler, which reads it again.
            http.Request.EnableBuffering();
            using var copy = new MemoryStream();
            await http.Request.Body.CopyToAsync(copy, http.RequestAborted);
            http.Request.Body.Position = 0;
            payload = copy.ToArray();
        }
        else
        {
            payload = Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}");
        }
        var expected = Encoding.ASCII.GetBytes(Sign(secret, payload));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(given));
    }
}
