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
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Commissioning.Graph.Server.Diagnostics;

/// <summary>Options of section <c>OpenTelemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "OpenTelemetry";
    /// <summary>e.g. <c>http://127.0.0.1:4317</c>: traces and metrics go there over OTLP. Null (the default): no export.</summary>
    public string? OtlpEndpoint { get; set; }
    /// <summary>Collect traces and metrics even without an OTLP endpoint (for another exporter, or tests).
    /// Default: only when <see cref="OtlpEndpoint"/> is set, so that an unobserved server pays nothing.</summary>
    public bool? Enabled { get; set; }
    public string ServiceName { get; set; } = "commissioning-graph";

    public bool IsEnabled => Enabled ?? !string.IsNullOrWhiteSpace(OtlpEndpoint);
}

public static class ObservabilityExtensions
{
    public const string DefaultAspNetCoreLogLevelKey = "Logging:LogLevel:Microsoft.AspNetCore";

    /// <summary>
    /// Structured (JSON) console logs outside Development; ASP.NET Core's categories at Warning by
    /// default; and, when <c>OpenTelemetry:OtlpEndpoint</c> (or <c>OpenTelemetry:Enabled</c>) is set,
    /// OpenTelemetry traces (ASP.NET Core, HttpClient, the engine's parse, validate, execute and
    /// DataLoader batch spans) and metrics (the same plus .NET runtime and the engine's meter).
    /// Other features add their instrumentation with <c>services.ConfigureOpenTelemetryTracerProvider</c>
    /// and <c>ConfigureOpenTelemetryMeterProvider</c> (the host adds EF Core's; <c>AddGraphQLRedis</c> adds StackExchange.Redis's).
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
        if (telemetry.IsEnabled)
        {
            var otel = builder.Services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService(telemetry.ServiceName))
                .WithTracing(t => t
                    .AddSource(EngineTelemetry.SourceName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation())
                .WithMetrics(m => m
                    .AddMeter(EngineTelemetry.SourceName)
                    .AddMeter(PersistedDocuments.PersistedDocumentTelemetry.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation());
            if (!string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint))
                otel.UseOtlpExporter(OtlpExportProtocol.Grpc, new Uri(telemetry.OtlpEndpoint));
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
