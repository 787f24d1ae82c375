using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.NhsCb.Graph;

public sealed record RecordAllocationPayload(Allocation? Allocation, IReadOnlyList<UserError> UserErrors);

/// <summary>The NHS CB's writes: validated into user errors, one transaction, guarded by the version the client read.</summary>
internal static class NhsCbMutations
{
    public static void Configure(SchemaBuilder builder) =>
        builder.ResolveAsync("Mutation.recordAllocation", async ctx => await RecordAllocationAsync(ctx));

    private static async Task<RecordAllocationPayload> RecordAllocationAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var consortiumCode = (GraphValues.ToStringValue(input.Get("consortiumCode")) ?? "").Trim();
        var year = GraphValues.ToStringValue(input.Get("year"));
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        // The consortium belongs to another module: only the shape of its code can be checked here.
        if (consortiumCode.Length is 0 or > 20) errors.Add("A consortium code has 1 to 20 characters.", UserError.Invalid, "consortiumCode");
        errors.CheckYear(year, "year");
        var programme = errors.CheckAmount(input.Get("programmeBudget"), "programmeBudget");
        var running = errors.CheckAmount(input.Get("runningCostsAllowance"), "runningCostsAllowance");
        var revenue = errors.CheckAmount(input.Get("revenueResourceLimit"), "revenueResourceLimit");
        var capital = errors.CheckAmount(input.Get("capitalResourceLimit"), "capitalResourceLimit");
        if (errors.Any) return new(null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await ctx.DbFactory<NhsCbDbContext>().CreateDbContextAsync(ct);
        var allocation = await db.Allocations.FirstOrDefaultAsync(a => a.ConsortiumCode == consortiumCode && a.Year == year, ct);
        if (allocation is null)
        {
            db.Allocations.Add(allocation = new Allocation { ConsortiumCode = consortiumCode, Year = year! });
        }
        else
        {
            // Revising: the client must show which version it read, so two revisions never overwrite each other unseen.
            if (expectedRowVersion is null)
                return new(null, [errors.Add("This allocation exists: send its rowVersion as expectedRowVersion to revise it.", UserError.Required, "expectedRowVersion")]);
            if (expectedRowVersion != allocation.RowVersion) return new(null, [errors.Conflict()]);
            db.ExpectVersion(allocation, expectedRowVersion.Value);
        }
        (allocation.ProgrammeBudget, allocation.RunningCostsAllowance, allocation.RevenueResourceLimit, allocation.CapitalResourceLimit) =
            (programme!.Value, running!.Value, revenue!.Value, capital!.Value);
        allocation.RecordedAt = ctx.Clock().GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
            return new(allocation, []);
        }
        catch (DbUpdateException e) when (!DatabaseResilience.IsTransient(e)) { return new(null, [errors.Conflict()]); } // a concurrent revision, or a concurrent first recording (a database that is down is not a conflict)
    }
}
