using Commissioning.Graph.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Commissioning.Graph.Server.Diagnostics;

/// <summary>Options of section <c>OpenTelemetry</c>: traces go to an OTLP collector when an endpoint is set.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "OpenTelemetry";
    /// <summary>e.g. <c>http://127.0.0.1:4317</c>; null (the default) exports nothing.</summary>
    public string? OtlpEndpoint { get; set; }
    public string ServiceName { get; set; } = "commissioning-graph";
}

public static class ObservabilityExtensions
{
    public const string DefaultAspNetCoreLogLevelKey = "Logging:LogLevel:Microsoft.AspNetCore";

    /// <summary>
    /// Structured (JSON) console logs outside Development, and OpenTelemetry traces of the
    /// engine's parse, validate and execute spans exported over OTLP when configured. The SDK is
    /// built with <c>Sdk.CreateTracerProviderBuilder</c> (the hosting package is not available)
    /// and disposed with the host.
    /// </summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        // Below every other source, so appsettings, environment variables and the command line win:
        // ASP.NET Core's hosting and routing categories log several Information lines per request,
        // which cost most of the throughput of a small query. Request logging comes back with
        // Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { [DefaultAspNetCoreLogLevelKey] = nameof(LogLevel.Warning) },
        });
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => { o.IncludeScopes = true; o.TimestampFormat = "O"; o.UseUtcTimestamp = true; });
        }
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!string.IsNullOrEmpty(telemetry.OtlpEndpoint))
        {
            var provider = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(telemetry.ServiceName))
                .AddSource(EngineTelemetry.SourceName)
                .AddOtlpExporter(o => { o.Endpoint = new Uri(telemetry.OtlpEndpoint); o.Protocol = OtlpExportProtocol.Grpc; })
                .Build();
            builder.Services.AddSingleton(provider!);
        }
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary><c>/healthz</c>: the process is alive. <c>/readyz</c>: every check tagged "ready" (the database) passes.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return endpoints;
    }
}
