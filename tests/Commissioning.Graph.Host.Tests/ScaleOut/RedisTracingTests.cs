using System.Collections.Concurrent;
using System.Diagnostics;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Host.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Instrumentation.StackExchangeRedis;

namespace Commissioning.Graph.Host.Tests.ScaleOut;

/// <summary>With tracing on, the Redis commands a request sends are spans of that request (OpenTelemetry's
/// StackExchange.Redis instrumentation on the server's one connection).</summary>
public sealed class RedisTracingTests
{
    private const string RedisSource = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    [Fact]
    public async Task A_request_that_registers_a_persisted_document_traces_its_Redis_commands_under_the_request()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is RedisSource or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var redis = await RedisServerProcess.StartAsync();
        await using var database = await GraphDatabase.CreateAsync(GraphDatabase.Providers[0], "redis-tracing");
        await using var app = ServeCommand.BuildGraphServer(
            ServeCommand.WithDevelopmentDefault([.. database.ServeArguments,
                $"--Redis:Configuration={redis.Configuration}", $"--Redis:KeyPrefix=trace{redis.Port}:", "--OpenTelemetry:Enabled=true"]),
            configure: builder =>
            {
                builder.WebHost.UseTestServer();
                // Sessions of commands are turned into spans when drained; drain often so the test need not wait long.
                builder.Services.Configure<StackExchangeRedisInstrumentationOptions>(o => o.FlushInterval = TimeSpan.FromMilliseconds(100));
            });
        await ServeCommand.PrepareDatabaseAsync(app);
        await app.StartAsync();

        // Automatic persisted queries: the hash with the text stores the document in Redis.
        const string query = "{ consortium(code: \"01A\") { redisTraced: name } }";
        var persisted = new { version = 1, sha256Hash = PreparedDocument.ComputeHash(query)["sha256:".Length..] };
        var token = TwoInstances.Token(app, "01A", "redis-tracing");
        // The request carries its own trace (W3C traceparent), so its spans are told apart from other tests' in this process.
        var trace = ActivityTraceId.CreateRandom();
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query, extensions = new { persistedQuery = persisted } }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Purpose-Of-Use", "COMMISSIONING");
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode && !body.Contains("\"errors\"", StringComparison.Ordinal), body);

        // Bounded wait for the drain (not a timing assertion: it only waits for the spans to appear).
        bool InRequestTrace(Activity s) => s.Source.Name == RedisSource && s.TraceId == trace;
        var deadline = Stopwatch.StartNew();
        while (!spans.Any(InRequestTrace) && deadline.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);

        var traced = spans.Where(InRequestTrace).ToList();
        Assert.NotEmpty(traced);
        // The commands are Redis's (db.system redis), named by their verb.
        Assert.All(traced, s => Assert.True(Equals(s.GetTagItem("db.system"), "redis") || Equals(s.GetTagItem("db.system.name"), "redis"), s.DisplayName));
    }
}
