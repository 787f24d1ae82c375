using System.Text.Json;
using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.Tests.Graph;

namespace Commissioning.Graph.Modules.Tests.Lists;

/// <summary>
/// Keyset cursors under concurrent writes: rows are inserted between page fetches (interleaved deterministically, no
/// sleeps) on both sides of the cursor, and paging forward or backward with a filter still visits every row that existed
/// throughout exactly once, and never any row twice.
/// </summary>
public sealed class KeysetPagingUnderInsertsTests : IAsyncLifetime
{
    private CommissioningGraphHost _host = null!;
    private int _inserted;

    public async Task InitializeAsync()
    {
        _host = await CommissioningGraphHost.StartAsync();
        // The NHS CB may filter and sort on every field of these lists (the access check is FilterAccessTests').
        _host.Subject = global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject.For("X24");
    }
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private const string Query = """
        query($first: Int, $after: String, $last: Int, $before: String) { consortium(code: "01A") {
          financialReturns(where: { month: { lte: 10 } }, order: [{ month: ASC }, { year: DESC }], first: $first, after: $after, last: $last, before: $before) {
            edges { cursor node { id month year } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }
        """;

    private async Task<JsonElement> PageAsync(Dictionary<string, object?> variables) =>
        (await _host.DataAsync(Query, variables)).GetProperty("consortium").GetProperty("financialReturns");

    /// <summary>Inserts returns of 01A for new years at the given months (some sort before the cursor, some after; some filtered out).</summary>
    private async Task InsertAsync(params int[] months)
    {
        await using var db = _host.Database.Commissioning();
        // A new year each round: (consortium, year, month, version) is unique.
        var year = $"{2030 + _inserted}-{(31 + _inserted) % 100:00}";
        _inserted++;
        foreach (var month in months)
        {
            db.FinancialReturns.Add(new FinancialReturn { ConsortiumCode = "01A", Year = year, Month = month, CreatedAt = DateTime.UtcNow });
        }
        await db.SaveChangesAsync();
    }

    private async Task<List<string>> IdsAsync()
    {
        var all = await PageAsync(new() { ["first"] = 100 });
        return all.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!).ToList();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Paging_with_a_filter_while_rows_are_inserted_never_skips_or_repeats_a_row(bool backward)
    {
        var before = await IdsAsync();
        Assert.True(before.Count >= 6, "the demo data has enough returns to page");

        var seen = new List<string>();
        string? cursor = null;
        var round = 0;
        for (; round < 100; round++)
        {
            var page = await PageAsync(backward ? new() { ["last"] = 3, ["before"] = cursor } : new() { ["first"] = 3, ["after"] = cursor });
            var ids = page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!).ToList();
            if (backward) seen.InsertRange(0, ids); else seen.AddRange(ids);
            var info = page.GetProperty("pageInfo");
            if (!info.GetProperty(backward ? "hasPreviousPage" : "hasNextPage").GetBoolean()) break;
            cursor = info.GetProperty(backward ? "startCursor" : "endCursor").GetString();
            // Between two fetches: rows at the start, the middle and the end of the order, and one the filter excludes.
            await InsertAsync(1, 6, 10, 12);
        }
        Assert.True(round >= 2, "several pages were read, with inserts between them");
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(before, id => Assert.Contains(id, seen));
        var after = await IdsAsync();
        Assert.All(seen, id => Assert.Contains(id, after));
        Assert.True(after.Count > before.Count, "rows were inserted while paging");
    }
}
