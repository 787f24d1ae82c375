using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Server.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Commissioning.Graph.Server.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Parse_validate_and_execute_each_produce_a_span()
    {
        var names = new ConcurrentBag<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == EngineTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => names.Add(a.OperationName),
        };
        ActivitySource.AddActivityListener(listener);
        await using var app = await TestServerFactory.StartAsync();
        // A document no other test sends, so that it is parsed here rather than served from the cache.
        var query = "{ telemetryProbe: hello }";
        var response = await app.GetTestClient().PostAsync("/graphql",
            new StringContent($$"""{"query":"{{query}}"}""", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        Assert.Contains("graphql.parse", names);
        Assert.Contains("graphql.validate", names);
        Assert.Contains("graphql.execute", names);
    }

    [Fact]
    public async Task OpenTelemetry_exports_request_spans_and_the_engines_metrics()
    {
        var spans = new List<Activity>();
        var metrics = new List<OpenTelemetry.Metrics.Metric>();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OpenTelemetry:Enabled"] = "true" });
        builder.AddObservability();
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
        builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        var schema = SdlSchemaBuilder.Build(TestServerFactory.Sdl);
        using (var doc = System.Text.Json.JsonDocument.Parse(TestServerFactory.Data))
        {
            var root = JsonInput.ToValue(doc.RootElement);
            builder.Services.AddGraphQLServer(builder.Configuration, _ => schema, _ => root);
        }
        await using var app = builder.Build();
        app.MapGraphQL();
        await app.StartAsync();
        var client = app.GetTestClient();

        var ok = await client.PostAsync("/graphql", new StringContent("""{"query":"{ otelProbe: hello }"}""", Encoding.UTF8, "application/json"));
        ok.EnsureSuccessStatusCode();
        await client.PostAsync("/graphql", new StringContent("""{"query":"{ otelProbeMissing }"}""", Encoding.UTF8, "application/json"));

        app.Services.GetRequiredService<OpenTelemetry.Trace.TracerProvider>().ForceFlush();
        app.Services.GetRequiredService<OpenTelemetry.Metrics.MeterProvider>().ForceFlush();

        var names = spans.Select(a => a.OperationName).ToList();
        Assert.Contains("graphql.parse", names);
        Assert.Contains("graphql.validate", names);
        Assert.Contains("graphql.execute", names);
        // ASP.NET Core's own span is the parent of the engine's.
        var execute = spans.First(a => a.OperationName == "graphql.execute");
        Assert.Contains(spans, a => a.Source.Name == "Microsoft.AspNetCore" && a.SpanId == execute.ParentSpanId);

        long Sum(string name, Func<OpenTelemetry.Metrics.MetricPoint, bool>? where = null)
        {
            long total = 0;
            foreach (var metric in metrics.Where(m => m.Name == name))
                foreach (ref readonly var point in metric.GetMetricPoints())
                    if (where is null || where(point)) total += metric.MetricType == OpenTelemetry.Metrics.MetricType.Histogram ? point.GetHistogramCount() : point.GetSumLong();
            return total;
        }
        bool HasTag(OpenTelemetry.Metrics.MetricPoint point, string key, string value)
        {
            foreach (var tag in point.Tags) if (tag.Key == key && Equals(tag.Value, value)) return true;
            return false;
        }
        Assert.True(Sum("graphql.server.requests") >= 2);
        Assert.True(Sum("graphql.server.request.duration") >= 2);
        Assert.True(Sum("graphql.server.errors", p => HasTag(p, "graphql.error.code", "GRAPHQL_VALIDATION_FAILED")) >= 1);
    }
}
