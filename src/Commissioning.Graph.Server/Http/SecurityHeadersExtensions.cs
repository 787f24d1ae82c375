using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Server.Http;

/// <summary>Section <c>Cors</c>: browsers of other origins may call the API only when listed here.</summary>
public sealed class CorsSettings
{
    public const string SectionName = "Cors";
    public const string PolicyName = "configured-origins";

    /// <summary>Origins allowed to call the API from a browser (e.g. <c>https://portal.example.nhs.uk</c>).
    /// Empty (the default): no CORS headers, so browsers refuse cross-origin calls.</summary>
    public List<string> AllowedOrigins { get; set; } = new();
}

/// <summary>
/// Response headers every response carries: <c>X-Content-Type-Options: nosniff</c>, no <c>Server</c>
/// header, HSTS outside Development when the request came over HTTPS, and CORS only for the
/// configured origins.
/// </summary>
public static class SecurityHeadersExtensions
{
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        var cors = configuration.GetSection(CorsSettings.SectionName).Get<CorsSettings>() ?? new CorsSettings();
        services.AddSingleton(Options.Create(cors));
        var origins = cors.AllowedOrigins.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim().TrimEnd('/')).ToArray();
        if (origins.Length > 0)
        {
            services.AddCors(o => o.AddPolicy(CorsSettings.PolicyName, p => p
                .WithOrigins(origins)
                .WithMethods("GET", "POST")
                .WithHeaders("Authorization", "Content-Type", "Accept", "X-Purpose-Of-Use")
                .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        }
        return services;
    }

    /// <summary>First in the pipeline, so that every response (401s included) carries the headers.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        app.Use((http, next) =>
        {
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return next(http);
        });
        // UseHsts sends the header only over HTTPS; localhost is excluded by HstsOptions' defaults.
        if (!app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment()) app.UseHsts();
        if (app.ApplicationServices.GetRequiredService<IOptions<CorsSettings>>().Value.AllowedOrigins.Any(o => !string.IsNullOrWhiteSpace(o)))
            app.UseCors(CorsSettings.PolicyName);
        return app;
    }
}
