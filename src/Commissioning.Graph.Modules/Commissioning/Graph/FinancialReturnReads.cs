using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Lists;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>The filters of <c>Consortium.financialReturns</c>.</summary>
internal sealed record FinancialReturnFilter(string? Year, int? Month, FinancialReturnStatus? Status, bool LatestVersionOnly)
{
    public static FinancialReturnFilter From(IReadOnlyDictionary<string, object?> args) => new(
        args.GetValueOrDefault("year") as string,
        args.GetValueOrDefault("month") as int?,
        args.GetValueOrDefault("status") is { } s ? GraphEnum.Parse<FinancialReturnStatus>(s) : null,
        args.GetValueOrDefault("latestVersionOnly") is true);

    public IQueryable<FinancialReturn> Apply(CommissioningDbContext db, IQueryable<FinancialReturn> returns)
    {
        if (Year is not null) returns = returns.Where(r => r.Year == Year);
        if (Month is not null) returns = returns.Where(r => r.Month == Month);
        if (Status is not null) returns = returns.Where(r => r.Status == Status);
        if (LatestVersionOnly)
            returns = returns.Where(r => !db.FinancialReturns.Any(o =>
                o.ConsortiumCode == r.ConsortiumCode && o.Year == r.Year && o.Month == r.Month && o.Version > r.Version));
        return returns;
    }

    public override string ToString() => $"{Year}|{Month}|{Status}|{LatestVersionOnly}";
}

/// <summary><c>Consortium.financialReturns</c>: every consortium's page of a level in one statement (and one for the counts).</summary>
internal static class FinancialReturnReads
{
    public static async Task<object?> ConnectionAsync(IResolveContext ctx)
    {
        var consortium = (Consortium)ctx.Source!;
        var filter = FinancialReturnFilter.From(ctx.Arguments);
        return await Connections.ChildAsync(ctx, CommissioningLists.FinancialReturn, new ChildListSource<CommissioningDbContext, Consortium, string, FinancialReturn>
        {
            Name = "commissioning.financialReturns",
            Rows = db => filter.Apply(db, db.FinancialReturns),
            Arguments = filter.ToString(),
            DefaultOrder = "year DESC, month DESC, version DESC",
            Governed = GovernedShapes.FinancialReturn,
            RowPolicies = ["self", "nhscb", "supportFor"],
            Parents = db => db.Consortia,
            ParentKey = c => c.Code,
            ParentKeyOf = r => r.ConsortiumCode,
            // The consortium owns every return of its list.
            Owner = code => code,
        }, consortium.Code);
    }
}
