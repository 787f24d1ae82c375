using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Events;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.LocalGovernment.Graph;

/// <summary>
/// <c>Subscription.jsnaContributionSubmitted(board:)</c> (DOMAIN.md "Events"): each contribution submitted to the
/// board's JSNA, read afresh and authorised per subscriber as <c>Jsna.contributions</c> would be.
/// </summary>
internal static class JsnaEvents
{
    public static void Configure(SchemaBuilder builder) => builder
        .Subscribe("Subscription.jsnaContributionSubmitted", ctx =>
        {
            var board = ctx.Arguments["board"] as string;
            return GraphEventResolving.EventStream(ctx, GraphEventTopics.JsnaContributionSubmitted, scope => scope == board, LoadAsync);
        })
        .Resolve("Subscription.jsnaContributionSubmitted", ctx => ctx.Source);

    private static async Task<object?> LoadAsync(IResolveContext ctx, long id, CancellationToken ct)
    {
        await using var db = await ctx.DbFactory<LocalGovernmentDbContext>().CreateDbContextAsync(ct);
        return await db.JsnaContributions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
    }
}
