using System.Runtime.CompilerServices;
using Commissioning.Graph.Modules.Shared.Events;
using Commissioning.Graph.Server.Redis;
using StackExchange.Redis;

namespace Commissioning.Graph.Host.Events;

/// <summary>
/// Events through Redis pub/sub (channel <c>{prefix}events</c>), so a subscriber on any instance receives what a
/// mutation on any other published. Each instance subscribes once and hands what arrives to its own
/// subscriptions (<see cref="InMemoryGraphEventBus"/>). While Redis is down an event is delivered to this
/// instance's subscribers only (logged); StackExchange.Redis re-subscribes when Redis returns, and
/// <see cref="RedisEventSubscription"/> retries until the first subscription succeeds.
/// </summary>
public sealed class RedisGraphEventBus(RedisConnection redis, InMemoryGraphEventBus local, ILogger<RedisGraphEventBus> logger) : IGraphEventBus
{
    public RedisChannel Channel { get; } = RedisChannel.Literal(redis.KeyPrefix + "events");

    public async ValueTask PublishAsync(GraphEvent evt, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.Subscriber.PublishAsync(Channel, evt.ToJson());
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e))
        {
            logger.LogWarning("Event {Topic} {EntityId} reached this instance's subscribers only: Redis is unavailable ({Error})", evt.Topic, evt.EntityId, e.Message);
            local.Deliver(evt);
        }
    }

    public IAsyncEnumerable<GraphEvent> SubscribeAsync(string topic, CancellationToken cancellationToken) => local.SubscribeAsync(topic, cancellationToken);

    /// <summary>Subscribes this instance to the channel (throws while Redis is unreachable).</summary>
    internal Task SubscribeToRedisAsync() => redis.Subscriber.SubscribeAsync(Channel, (_, message) =>
    {
        if (message.HasValue && GraphEvent.FromJson(message!) is { } evt) local.Deliver(evt);
    });
}

/// <summary>Makes the instance's one Redis subscription at start, retrying every second while Redis is down.</summary>
public sealed class RedisEventSubscription(RedisGraphEventBus bus, ILogger<RedisEventSubscription> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var warned = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await bus.SubscribeToRedisAsync();
                if (warned) logger.LogWarning("Subscribed to Redis events after it became reachable");
                return;
            }
            catch (Exception e) when (RedisConnection.IsUnavailable(e))
            {
                if (!warned) logger.LogWarning("Redis is unavailable; events reach this instance's subscribers only until it returns ({Error})", e.Message);
                warned = true;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}

public static class GraphEventExtensions
{
    /// <summary>Subscription events: through Redis when <c>Redis:Configuration</c> is set (every instance), else in this process.</summary>
    public static IServiceCollection AddGraphEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<InMemoryGraphEventBus>();
        if (SharedStateExtensions.IsRedisConfigured(configuration))
        {
            services.AddSingleton<RedisGraphEventBus>();
            services.AddSingleton<IGraphEventBus>(sp => sp.GetRequiredService<RedisGraphEventBus>());
            services.AddHostedService<RedisEventSubscription>();
        }
        else services.AddSingleton<IGraphEventBus>(sp => sp.GetRequiredService<InMemoryGraphEventBus>());
        return services;
    }
}
