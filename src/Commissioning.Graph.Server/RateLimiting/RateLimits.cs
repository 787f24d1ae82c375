using Commissioning.Graph.Server.Identity;
using Commissioning.Graph.Server.Redis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Commissioning.Graph.Server.RateLimiting;

/// <summary>
/// Rate limits per organisation and client application (section <c>RateLimits</c>): every GraphQL operation
/// (HTTP request, each operation of a batch, each WebSocket subscribe) counts once against its caller's
/// sliding window. Over the limit: <c>RATE_LIMITED</c>, HTTP 429 with <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Default true. Requests without a caller (the mock server) are never limited.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Operations one organisation and client application may send per <see cref="Window"/>. Default 6,000.</summary>
    public int PermitLimit { get; set; } = 6_000;
    /// <summary>The sliding window. Default 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The verdict on one operation.</summary>
public readonly record struct RateLimitDecision(bool Allowed, int Limit, TimeSpan Window, int RetryAfterSeconds)
{
    public static RateLimitDecision Allow(int limit, TimeSpan window) => new(true, limit, window, 0);
}

/// <summary>Counts operations per caller; <see cref="NoRateLimits"/> when none are configured.</summary>
public interface IGraphQLRateLimiter
{
    /// <summary>Counts one operation of the request's caller. Null when the request is not limited (no caller).</summary>
    ValueTask<RateLimitDecision?> AcquireAsync(HttpContext http, CancellationToken cancellationToken);
}

public sealed class NoRateLimits : IGraphQLRateLimiter
{
    public ValueTask<RateLimitDecision?> AcquireAsync(HttpContext http, CancellationToken cancellationToken) => new((RateLimitDecision?)null);
}

/// <summary>Whom an operation is counted against (and APQ registrations charged to): organisation and client application.</summary>
public static class RateLimitPartition
{
    public const string Anonymous = "anonymous";

    public static string Of(HttpContext http) => http.GetCaller() is { } c ? Of(c) : Anonymous;

    public static string Of(Caller caller) => caller.Organisation + "/" + (caller.ClientApplicationId ?? "-");
}

/// <summary>
/// The sliding-window counter both limiters use: the current fixed window's count plus the previous window's,
/// weighted by how much of it still lies inside the sliding window. Over the limit, the wait is until the
/// estimate falls below it.
/// </summary>
internal static class SlidingWindow
{
    public static (bool Allowed, double WaitMs) Decide(long previous, long current, double elapsedFraction, int limit, double windowMs)
    {
        var estimate = previous * (1 - elapsedFraction) + current;
        if (estimate + 1 <= limit) return (true, 0);
        if (current + 1 > limit || previous == 0) return (false, (1 - elapsedFraction) * windowMs);
        var fractionWhenFree = 1 - (limit - 1 - current) / (double)previous;
        return (false, Math.Max(0, fractionWhenFree - elapsedFraction) * windowMs);
    }

    public static int ToRetryAfterSeconds(double waitMs) => Math.Max(1, (int)Math.Ceiling(waitMs / 1000));
}

/// <summary>Rate limits counted in this process (one instance).</summary>
public sealed class InMemoryRateLimiter(IOptions<RateLimitOptions> options, TimeProvider? clock = null) : IGraphQLRateLimiter
{
    private sealed class Counter { public long Window; public long Previous; public long Current; }

    private readonly RateLimitOptions _options = options.Value;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _sweptWindow;

    public ValueTask<RateLimitDecision?> AcquireAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!_options.Enabled || http.GetCaller() is not { } caller) return new((RateLimitDecision?)null);
        return new(Acquire(RateLimitPartition.Of(caller)));
    }

    public RateLimitDecision Acquire(string partition)
    {
        var windowMs = _options.Window.TotalMilliseconds;
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var window = (long)(now / windowMs);
        var fraction = now % windowMs / windowMs;
        lock (_lock)
        {
            // Counters idle for two windows hold nothing: drop them once per window, so memory follows active callers.
            if (window > _sweptWindow)
            {
                foreach (var (key, c) in _counters.ToList()) if (c.Window < window - 1) _counters.Remove(key);
                _sweptWindow = window;
            }
            if (!_counters.TryGetValue(partition, out var counter)) _counters[partition] = counter = new Counter { Window = window };
            if (counter.Window != window)
            {
                counter.Previous = counter.Window == window - 1 ? counter.Current : 0;
                counter.Current = 0;
                counter.Window = window;
            }
            var (allowed, waitMs) = SlidingWindow.Decide(counter.Previous, counter.Current, fraction, _options.PermitLimit, windowMs);
            if (!allowed) return new RateLimitDecision(false, _options.PermitLimit, _options.Window, SlidingWindow.ToRetryAfterSeconds(waitMs));
            counter.Current++;
            return RateLimitDecision.Allow(_options.PermitLimit, _options.Window);
        }
    }
}

/// <summary>
/// Rate limits counted in Redis, shared by every instance: one Lua script reads Redis's clock and both windows'
/// counts and increments atomically. When Redis fails, requests are let through (fail open) with a warning.
/// </summary>
public sealed class RedisRateLimiter(RedisConnection redis, IOptions<RateLimitOptions> options, ILogger<RedisRateLimiter> logger) : IGraphQLRateLimiter
{
    // KEYS[1]: the partition's key prefix. ARGV: window (ms), limit. Returns {allowed (0/1), wait (ms)}.
    private const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local windowMs, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
        local k = math.floor(now / windowMs)
        local f = (now % windowMs) / windowMs
        local cur = tonumber(redis.call('GET', KEYS[1]..':'..k) or '0')
        local prev = tonumber(redis.call('GET', KEYS[1]..':'..(k - 1)) or '0')
        if prev * (1 - f) + cur + 1 > limit then
          local wait
          if cur + 1 > limit or prev == 0 then wait = (1 - f) * windowMs
          else wait = math.max(0, (1 - (limit - 1 - cur) / prev) - f) * windowMs end
          return {0, math.ceil(wait)}
        end
        redis.call('INCR', KEYS[1]..':'..k)
        redis.call('PEXPIRE', KEYS[1]..':'..k, windowMs * 2)
        return {1, 0}
        """;

    private readonly RateLimitOptions _options = options.Value;
    private long _lastWarning;

    public async ValueTask<RateLimitDecision?> AcquireAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!_options.Enabled || http.GetCaller() is not { } caller) return null;
        try
        {
            var r = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(Script,
                [(RedisKey)(redis.KeyPrefix + "rl:" + RateLimitPartition.Of(caller))],
                [(long)_options.Window.TotalMilliseconds, _options.PermitLimit]))!;
            if ((long)r[0] == 1) return RateLimitDecision.Allow(_options.PermitLimit, _options.Window);
            return new RateLimitDecision(false, _options.PermitLimit, _options.Window, SlidingWindow.ToRetryAfterSeconds((long)r[1]));
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e))
        {
            // Fail open: an outage of shared state must not turn away requests that do not need it. One warning per 10 s.
            var now = Environment.TickCount64;
            if (now - Interlocked.Read(ref _lastWarning) > 10_000)
            {
                Interlocked.Exchange(ref _lastWarning, now);
                logger.LogWarning("Rate limits are not enforced: Redis is unavailable ({Error})", e.Message);
            }
            return null;
        }
    }
}
