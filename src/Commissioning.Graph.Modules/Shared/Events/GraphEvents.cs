using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Commissioning.Graph.Engine.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Shared.Events;

/// <summary>
/// A domain event as it travels between instances: what happened (<see cref="Topic"/>), to which entity
/// (<see cref="EntityId"/>, its database key) and under whom (<see cref="Scope"/>: the consortium or board a
/// subscription may filter on). It carries no data: each subscriber reads the entity afresh, through the
/// same resolvers and authorisation as a query, so an event can disclose nothing a query would not.
/// </summary>
public sealed record GraphEvent(string Topic, long EntityId, string Scope)
{
    public string ToJson() => JsonSerializer.Serialize(this);
    public static GraphEvent? FromJson(string json)
    {
        try { return JsonSerializer.Deserialize<GraphEvent>(json); }
        catch (JsonException) { return null; }
    }
}

/// <summary>The topics of DOMAIN.md's "Events" that today's data supports.</summary>
public static class GraphEventTopics
{
    public const string FinancialReturnSubmitted = "financialReturnSubmitted";
    public const string FinancialReturnReviewed = "financialReturnReviewed";
    public const string JsnaContributionSubmitted = "jsnaContributionSubmitted";
    public const string ArrangementStatementIssued = "arrangementStatementIssued";
}

/// <summary>
/// Carries domain events to the subscriptions of every instance: in this process (<see cref="InMemoryGraphEventBus"/>),
/// or through Redis pub/sub when configured (the Host's).
/// </summary>
public interface IGraphEventBus
{
    /// <summary>Publishes an event, after the write it reports has committed. Never throws: an event that cannot
    /// travel is logged and dropped, the write stands.</summary>
    ValueTask PublishAsync(GraphEvent evt, CancellationToken cancellationToken = default);

    /// <summary>The events of one topic from now on, until <paramref name="cancellationToken"/> is cancelled.</summary>
    IAsyncEnumerable<GraphEvent> SubscribeAsync(string topic, CancellationToken cancellationToken);
}

/// <summary>
/// Events within one process: each subscription has its own bounded queue (a slow subscriber loses its oldest
/// events rather than growing memory); publishing never waits.
/// </summary>
public sealed class InMemoryGraphEventBus : IGraphEventBus
{
    /// <summary>Events one subscription may have waiting before the oldest are dropped.</summary>
    public const int QueueCapacity = 256;

    private readonly Dictionary<string, HashSet<Channel<GraphEvent>>> _subscribers = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int SubscriberCount(string topic) { lock (_lock) return _subscribers.TryGetValue(topic, out var s) ? s.Count : 0; }

    public ValueTask PublishAsync(GraphEvent evt, CancellationToken cancellationToken = default)
    {
        Deliver(evt);
        return ValueTask.CompletedTask;
    }

    /// <summary>Hands an event to this process's subscriptions of its topic.</summary>
    public void Deliver(GraphEvent evt)
    {
        Channel<GraphEvent>[] targets;
        lock (_lock)
        {
            if (!_subscribers.TryGetValue(evt.Topic, out var set)) return;
            targets = set.ToArray();
        }
        foreach (var channel in targets) channel.Writer.TryWrite(evt);
    }

    public async IAsyncEnumerable<GraphEvent> SubscribeAsync(string topic, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<GraphEvent>(new BoundedChannelOptions(QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true,
        });
        lock (_lock)
        {
            if (!_subscribers.TryGetValue(topic, out var set)) _subscribers[topic] = set = [];
            set.Add(channel);
        }
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                while (channel.Reader.TryRead(out var evt)) yield return evt;
        }
        finally
        {
            lock (_lock)
            {
                if (_subscribers.TryGetValue(topic, out var set) && set.Remove(channel) && set.Count == 0) _subscribers.Remove(topic);
            }
        }
    }
}

/// <summary>How resolvers reach the bus.</summary>
public static class GraphEventResolving
{
    /// <summary>Publishes after a committed write, when the host has a bus (module tests may not).</summary>
    public static ValueTask PublishEventAsync(this IResolveContext ctx, string topic, long entityId, string scope) =>
        ctx.Services?.GetService<IGraphEventBus>() is { } bus
            ? bus.PublishAsync(new GraphEvent(topic, entityId, scope), CancellationToken.None)
            : ValueTask.CompletedTask;

    /// <summary>
    /// A subscription's source stream: the topic's events whose scope passes <paramref name="matches"/>, each read
    /// afresh by <paramref name="load"/> (null when it is gone). The subscription field's resolver returns the
    /// event's entity (its source), wrapped by the authorisation layer like any field.
    /// </summary>
    public static async IAsyncEnumerable<object?> EventStream(IResolveContext ctx, string topic, Func<string, bool> matches,
        Func<IResolveContext, long, CancellationToken, Task<object?>> load, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var bus = ctx.Services?.GetService<IGraphEventBus>()
                  ?? throw new InvalidOperationException("Subscriptions need an event bus (IGraphEventBus) in the host.");
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken, cancellationToken);
        await foreach (var evt in bus.SubscribeAsync(topic, linked.Token).ConfigureAwait(false))
        {
            if (!matches(evt.Scope)) continue;
            var entity = await load(ctx, evt.EntityId, linked.Token).ConfigureAwait(false);
            if (entity is not null) yield return entity;
        }
    }
}
