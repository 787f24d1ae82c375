using Commissioning.Graph.Server.PersistedDocuments;
using Commissioning.Graph.Server.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace Commissioning.Graph.Server.Redis;

/// <summary>What instances share: Redis when <c>Redis:Configuration</c> is set, else this process's memory (one instance).</summary>
public static class SharedStateExtensions
{
    public static bool IsRedisConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[RedisOptions.SectionName + ":" + nameof(RedisOptions.Configuration)]);

    /// <summary>
    /// Redis, when configured: the connection, persisted documents in Redis (published and APQ), and a check in
    /// <c>/readyz</c> that reports <c>Degraded</c> while Redis is down (the instance still serves: what needs Redis
    /// falls back). Call before <c>AddGraphQLServer</c>, whose in-memory store is the default.
    /// </summary>
    public static IServiceCollection AddGraphQLRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName));
        if (!IsRedisConfigured(configuration)) return services;
        services.AddSingleton<RedisConnection>();
        // Every Redis command as a span (OpenTelemetry's StackExchange.Redis instrumentation), only when tracing is on
        // (its profiler costs something per command); RedisConnection hands it the connection when it first connects.
        if ((configuration.GetSection(Diagnostics.TelemetryOptions.SectionName).Get<Diagnostics.TelemetryOptions>() ?? new()).IsEnabled)
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddRedisInstrumentation());
        services.AddSingleton<IPersistedDocumentStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GraphQLServerOptions>>().Value.PersistedDocuments;
            var folder = options.Directory is null ? null : new FilePersistedDocumentStore(options.Directory);
            return new RedisPersistedDocumentStore(sp.GetRequiredService<RedisConnection>(), options,
                sp.GetRequiredService<ILogger<RedisPersistedDocumentStore>>(), folder);
        });
        services.AddHealthChecks().AddRedis(sp => sp.GetRequiredService<RedisConnection>().Multiplexer, "redis",
            failureStatus: HealthStatus.Degraded, tags: ["ready"], timeout: TimeSpan.FromSeconds(2));
        return services;
    }

    /// <summary>Rate limits per organisation and client application (section <c>RateLimits</c>): in Redis when
    /// configured (shared by every instance), else in this process.</summary>
    public static IServiceCollection AddGraphQLRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName));
        if (IsRedisConfigured(configuration)) services.AddSingleton<IGraphQLRateLimiter, RedisRateLimiter>();
        else services.AddSingleton<IGraphQLRateLimiter, InMemoryRateLimiter>();
        return services;
    }
}
