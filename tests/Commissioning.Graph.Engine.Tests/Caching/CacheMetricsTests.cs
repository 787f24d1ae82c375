using System.Diagnostics.Metrics;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Caching;

public sealed class CacheMetricsTests
{
    [Fact]
    public void The_document_cache_reports_its_size_and_entries_as_gauges()
    {
        var engine = new GraphQLEngine(SdlSchemaBuilder.Build("type Query { hello: String }"));
        engine.Prepare("{ hello }");
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EngineTelemetry.SourceName) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => seen[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        GC.KeepAlive(engine);
        // Summed over the live engines of the process: at least this engine's one document.
        Assert.True(seen.GetValueOrDefault("graphql.document_cache.entries") >= 1);
        Assert.True(seen.GetValueOrDefault("graphql.document_cache.size") >= engine.DocumentCache.Bytes);
    }
}
