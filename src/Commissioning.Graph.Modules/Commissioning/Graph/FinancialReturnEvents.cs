using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Shared.Events;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>
/// <c>Subscription.financialReturnSubmitted</c> and <c>financialReturnReviewed</c> (DOMAIN.md "Events"): the events the
/// financial-return mutations publish after they commit, optionally for one consortium. Each event is the return
/// read afresh; the authorisation layer lets through only those the subscriber may read (as <c>Query.financialReturn</c>
/// would), and the disclosure register records each one delivered.
/// </summary>
internal static class FinancialReturnEvents
{
    public static void Configure(SchemaBuilder builder) => builder
        .Subscribe("Subscription.financialReturnSubmitted", ctx => Stream(ctx, GraphEventTopics.FinancialReturnSubmitted))
        .Resolve("Subscription.financialReturnSubmitted", ctx => ctx.Source)
        .Subscribe("Subscription.financialReturnReviewed", ctx => Stream(ctx, GraphEventTopics.FinancialReturnReviewed))
        .Resolve("Subscription.financialReturnReviewed", ctx => ctx.Source);

    private static IAsyncEnumerable<object?> Stream(IResolveContext ctx, string topic)
    {
        var consortium = ctx.Arguments.GetValueOrDefault("consortium") as string;
        return GraphEventResolving.EventStream(ctx, topic, scope => consortium is null || scope == consortium, LoadAsync);
    }

    // Read outside the executor's batching (an event arrives on its own): one query per event and subscriber.
    private static async Task<object?> LoadAsync(IResolveContext ctx, long id, CancellationToken ct)
    {
        await using var db = await CommissioningLoaders.Contexts(ctx).CreateDbContextAsync(ct);
        return await db.FinancialReturns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }
}
