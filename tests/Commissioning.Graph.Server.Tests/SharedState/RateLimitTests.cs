using Commissioning.Graph.Server.RateLimiting;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Server.Tests.SharedState;

public sealed class RateLimitTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset WindowStart = DateTimeOffset.FromUnixTimeMilliseconds(60_000L * 29_000_000);

    private static (InMemoryRateLimiter Limiter, ManualClock Clock) Limiter(int limit)
    {
        var clock = new ManualClock(WindowStart);
        return (new InMemoryRateLimiter(Options.Create(new RateLimitOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1) }), clock), clock);
    }

    [Fact]
    public void The_operation_past_the_limit_is_refused_with_the_wait_until_the_window_frees_it()
    {
        var (limiter, clock) = Limiter(3);
        for (var i = 0; i < 3; i++) Assert.True(limiter.Acquire("01A/app").Allowed);
        clock.Now = WindowStart.AddSeconds(15);
        var refused = limiter.Acquire("01A/app");
        Assert.False(refused.Allowed);
        Assert.Equal(45, refused.RetryAfterSeconds);
        Assert.True(limiter.Acquire("01A/other-app").Allowed);   // partitions are separate
    }

    [Fact]
    public void The_previous_window_still_counts_for_the_part_of_it_inside_the_sliding_window()
    {
        var (limiter, clock) = Limiter(10);
        for (var i = 0; i < 10; i++) Assert.True(limiter.Acquire("p").Allowed);
        // A quarter into the next window, three quarters of the previous 10 still count: 7.5, so two more fit.
        clock.Now = WindowStart.AddSeconds(75);
        Assert.True(limiter.Acquire("p").Allowed);
        Assert.True(limiter.Acquire("p").Allowed);
        var refused = limiter.Acquire("p");
        Assert.False(refused.Allowed);
        Assert.InRange(refused.RetryAfterSeconds, 1, 60);
        // Two windows later nothing is left.
        clock.Now = WindowStart.AddMinutes(3);
        Assert.True(limiter.Acquire("p").Allowed);
    }

    [Theory]
    [InlineData(0, 0, 0.0, 1, true)]
    [InlineData(0, 1, 0.0, 1, false)]
    [InlineData(10, 0, 0.5, 10, true)]
    [InlineData(10, 5, 0.5, 10, false)]
    public void Sliding_window_weights_the_previous_window_by_what_remains_of_it(long previous, long current, double elapsed, int limit, bool allowed) =>
        Assert.Equal(allowed, SlidingWindow.Decide(previous, current, elapsed, limit, 60_000).Allowed);
}
