using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using StackExchange.Redis;

namespace Commissioning.Graph.Server.Redis;

/// <summary>Redis, when configured (section <c>Redis</c>): the state every instance of the server shares.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>127.0.0.1:6379,password=…</c>). Null = no Redis:
    /// persisted documents, rate limits and subscription events stay in this process.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key and channel, so several deployments can share one Redis. Default <c>commissioning:</c>.</summary>
    public string KeyPrefix { get; set; } = "commissioning:";

    /// <summary>How long a command may wait before it counts as failed (unless the configuration string sets
    /// <c>asyncTimeout</c>). Default 1 s: a request that uses Redis must not hang when Redis does.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// The one connection to Redis of this process. It never blocks start-up and never queues commands while
/// disconnected (they fail at once, so each feature can fall back); StackExchange.Redis reconnects in the
/// background and re-establishes pub/sub subscriptions when Redis returns.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger, IServiceProvider? services = null)
    {
        var o = options.Value;
        KeyPrefix = o.KeyPrefix;
        var configuration = o.Configuration ?? throw new InvalidOperationException("Redis:Configuration is not set.");
        _multiplexer = new Lazy<ConnectionMultiplexer>(() =>
        {
            var config = ConfigurationOptions.Parse(configuration);
            config.AbortOnConnectFail = false;
            config.BacklogPolicy = BacklogPolicy.FailFast;
            var timeout = (int)o.CommandTimeout.TotalMilliseconds;
            if (!configuration.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase)) config.AsyncTimeout = timeout;
            if (!configuration.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase)) config.SyncTimeout = timeout;
            if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase)) config.ConnectTimeout = Math.Max(timeout, 2000);
            config.ReconnectRetryPolicy = new LinearRetry(500);
            var mux = ConnectionMultiplexer.Connect(config);
            mux.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection lost ({FailureType}): {Endpoint}", e.FailureType, e.EndPoint);
            mux.ConnectionRestored += (_, e) => logger.LogWarning("Redis connection restored: {Endpoint}", e.EndPoint);
            // Traced when OpenTelemetry is on: the instrumentation follows this connection from its first use, so
            // tracing never makes start-up wait for Redis.
            (services?.GetService(typeof(StackExchangeRedisInstrumentation)) as StackExchangeRedisInstrumentation)?.AddConnection(mux);
            return mux;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string KeyPrefix { get; }
    public ConnectionMultiplexer Multiplexer => _multiplexer.Value;
    public IDatabase Database => Multiplexer.GetDatabase();
    public ISubscriber Subscriber => Multiplexer.GetSubscriber();
    public bool IsConnected => _multiplexer.IsValueCreated && _multiplexer.Value.IsConnected;

    /// <summary>True for the exceptions that mean "Redis is not reachable now" (as opposed to a bug).</summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        RedisConnectionException or RedisTimeoutException or ObjectDisposedException => true,
        RedisServerException s => s.Message.StartsWith("LOADING", StringComparison.Ordinal),   // restarting, data not loaded yet
        _ => false,
    };

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated) await _multiplexer.Value.DisposeAsync();
    }
}
