using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Benchmarks;

/// <summary>
/// The part of the commissioning schema the 30-field query touches, built code-first over the POCOs
/// of Domain.cs: root and list fields resolve through <c>ValueTask</c> resolvers that read their
/// arguments (as a repository-backed resolver would), scalar fields through synchronous typed
/// resolvers (<c>Resolve&lt;TSource&gt;</c>) — delegates all, no reflection when executing.
/// </summary>
public static class CodeFirstSchema
{
    public static Schema Build(IReadOnlyDictionary<string, Consortium> consortia) => new SchemaBuilder()
        .Scalar("Money", s => s.Description("An amount in pounds sterling, to the penny.").Serialize(v => v))
        .Enum<ReturnStatus>("ReturnStatus")
        .Enum<LineCategory>("LineCategory")
        .Query("Query", q => q
            .Field("consortium", "Consortium", f => f
                .Argument("code", "ID!")
                .ResolveAsync(ctx => new ValueTask<object?>(consortia.GetValueOrDefault((string)ctx.Arguments["code"]!)))))
        .Object("Consortium", o => o
            .Field("code", "ID!", f => f.Resolve<Consortium>(c => c.Code))
            .Field("name", "String!", f => f.Resolve<Consortium>(c => c.Name))
            .Field("population", "Int!", f => f.Resolve<Consortium>(c => c.Population))
            .Field("region", "Region!", f => f.Resolve<Consortium>(c => c.Region))
            .Field("practices", "[Practice!]!", f => f
                .Argument("first", "Int", 50)
                .Argument("after", "String")
                .ResolveAsync(ctx => new ValueTask<object?>(Page(((Consortium)ctx.Source!).Practices,
                    (int)ctx.Arguments["first"]!, ctx.Arguments.GetValueOrDefault("after") as string)))))
        .Object("Region", o => o
            .Field("code", "ID!", f => f.Resolve<Region>(r => r.Code))
            .Field("name", "String!", f => f.Resolve<Region>(r => r.Name)))
        .Object("Practice", o => o
            .Field("code", "ID!", f => f.Resolve<Practice>(p => p.Code))
            .Field("name", "String!", f => f.Resolve<Practice>(p => p.Name))
            .Field("listSize", "Int!", f => f.Resolve<Practice>(p => p.ListSize))
            .Field("prescribingSpend", "Money", f => f.Resolve<Practice>(p => p.PrescribingSpend))
            .Field("dispensing", "Boolean!", f => f.Resolve<Practice>(p => p.Dispensing))
            .Field("address", "Address", f => f.Resolve<Practice>(p => p.Address))
            .Field("contact", "Contact", f => f.Resolve<Practice>(p => p.Contact))
            .Field("returns", "[FinancialReturn!]!", f => f
                .Argument("period", "String")
                .Argument("status", "ReturnStatus")
                .ResolveAsync(ctx => new ValueTask<object?>(Returns((Practice)ctx.Source!,
                    ctx.Arguments.GetValueOrDefault("period") as string, ctx.Arguments.GetValueOrDefault("status") as ReturnStatus?)))))
        .Object("Address", o => o
            .Field("line1", "String!", f => f.Resolve<Address>(a => a.Line1))
            .Field("line2", "String", f => f.Resolve<Address>(a => a.Line2))
            .Field("town", "String!", f => f.Resolve<Address>(a => a.Town))
            .Field("county", "String", f => f.Resolve<Address>(a => a.County))
            .Field("postcode", "String!", f => f.Resolve<Address>(a => a.Postcode)))
        .Object("Contact", o => o
            .Field("name", "String!", f => f.Resolve<Contact>(c => c.Name))
            .Field("email", "String", f => f.Resolve<Contact>(c => c.Email))
            .Field("telephone", "String", f => f.Resolve<Contact>(c => c.Telephone)))
        .Object("FinancialReturn", o => o
            .Field("id", "ID!", f => f.Resolve<FinancialReturn>(r => r.Id))
            .Field("period", "String!", f => f.Resolve<FinancialReturn>(r => r.Period))
            .Field("status", "ReturnStatus!", f => f.Resolve<FinancialReturn>(r => r.Status))
            .Field("submittedAt", "String", f => f.Resolve<FinancialReturn>(r => r.SubmittedAt?.ToString("O")))
            .Field("totalPlanned", "Money!", f => f.Resolve<FinancialReturn>(r => r.TotalPlanned))
            .Field("totalActual", "Money", f => f.Resolve<FinancialReturn>(r => r.TotalActual))
            .Field("lines", "[ReturnLine!]!", f => f
                .Argument("category", "LineCategory")
                .ResolveAsync(ctx => new ValueTask<object?>(Lines((FinancialReturn)ctx.Source!, ctx.Arguments.GetValueOrDefault("category") as LineCategory?)))))
        .Object("ReturnLine", o => o
            .Field("code", "String!", f => f.Resolve<ReturnLine>(l => l.Code))
            .Field("description", "String!", f => f.Resolve<ReturnLine>(l => l.Description))
            .Field("category", "LineCategory!", f => f.Resolve<ReturnLine>(l => l.Category))
            .Field("planned", "Money!", f => f.Resolve<ReturnLine>(l => l.Planned))
            .Field("actual", "Money", f => f.Resolve<ReturnLine>(l => l.Actual))
            .Field("variance", "Float", f => f.Resolve<ReturnLine>(l => l.Variance)))
        .Build();

    private static IReadOnlyList<Practice> Page(IReadOnlyList<Practice> all, int first, string? after)
    {
        var start = 0;
        if (after is not null)
            while (start < all.Count && string.CompareOrdinal(all[start].Code, after) <= 0) start++;
        if (start == 0 && first >= all.Count) return all;
        var page = new List<Practice>(Math.Min(first, all.Count - start));
        for (var i = start; i < all.Count && page.Count < first; i++) page.Add(all[i]);
        return page;
    }

    private static IReadOnlyList<FinancialReturn> Returns(Practice practice, string? period, ReturnStatus? status)
    {
        var result = new List<FinancialReturn>(practice.Returns.Count);
        foreach (var r in practice.Returns)
            if ((period is null || r.Period.StartsWith(period, StringComparison.Ordinal)) && (status is null || r.Status == status))
                result.Add(r);
        return result;
    }

    private static IReadOnlyList<ReturnLine> Lines(FinancialReturn r, LineCategory? category)
    {
        if (category is null) return r.Lines;
        var result = new List<ReturnLine>();
        foreach (var l in r.Lines) if (l.Category == category) result.Add(l);
        return result;
    }
}
