using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Commissioning.Graph.Engine;
using Microsoft.AspNetCore.TestHost;

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
}
