using System.Text.Json;
using Commissioning.Graph.Modules.Tests.Graph;

namespace Commissioning.Graph.Modules.Tests.Lists;

/// <summary><c>Consortium.practicesConnection</c>: the practices <c>Consortium.practices</c> lists on a day, filtered, sorted and paged.</summary>
public sealed class PracticesConnectionTests : IAsyncLifetime
{
    private CommissioningGraphHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CommissioningGraphHost.StartAsync();
        _host.Subject = global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject.For("X24");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static List<string> Codes(JsonElement list) => list.EnumerateArray().Select(n => n.GetProperty("code").GetString()!).ToList();

    [Theory]
    [InlineData(null)]
    [InlineData("2012-09-01")]
    [InlineData("2012-10-01")]
    public async Task Each_consortium_pages_the_practices_the_plain_list_shows_on_the_day_and_counts_them(string? asOf)
    {
        var day = asOf is null ? "" : $"(asOf: \"{asOf}\")";
        var data = await _host.DataAsync($$"""
            { consortia { nodes { code practices{{day}} { code }
                practicesConnection{{day}} { totalCount nodes { code name listSize } pageInfo { hasNextPage hasPreviousPage } } } } }
            """);
        var total = 0;
        foreach (var c in data.GetProperty("consortia").GetProperty("nodes").EnumerateArray())
        {
            var plain = Codes(c.GetProperty("practices")).Order(StringComparer.Ordinal).ToList();
            var page = c.GetProperty("practicesConnection");
            // By code when order is omitted, as the plain list.
            Assert.Equal(plain, Codes(page.GetProperty("nodes")));
            Assert.Equal(plain.Count, page.GetProperty("totalCount").GetInt32());
            Assert.False(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
            total += plain.Count;
        }
        Assert.True(total > 0);
    }

    [Fact]
    public async Task Membership_is_taken_on_the_day_asked_a_practice_that_moved_is_listed_by_its_consortium_of_the_day()
    {
        var before = await _host.DataAsync("""{ consortium(code: "01A") { practicesConnection(asOf: "2012-09-30") { totalCount nodes { code } } } }""");
        var after = await _host.DataAsync("""{ consortium(code: "01A") { practicesConnection(asOf: "2012-10-01") { totalCount nodes { code } } } }""");
        var moved = Codes(before.GetProperty("consortium").GetProperty("practicesConnection").GetProperty("nodes"))
            .Except(Codes(after.GetProperty("consortium").GetProperty("practicesConnection").GetProperty("nodes"))).ToList();
        Assert.Single(moved);
        Assert.Equal(before.GetProperty("consortium").GetProperty("practicesConnection").GetProperty("totalCount").GetInt32() - 1,
            after.GetProperty("consortium").GetProperty("practicesConnection").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Practices_filtered_and_sorted_page_forward_and_backward_over_the_same_rows()
    {
        const string order = "order: [{ listSize: DESC }]";
        const string where = "where: { or: [{ listSize: { gte: 1 } }, { postcode: { eq: null } }], name: { neq: \"\" } }";
        var all = await _host.DataAsync($$"""
            { consortium(code: "02B") { practices { code listSize name }
                practicesConnection({{where}}, {{order}}) { totalCount nodes { code listSize } } } }
            """);
        var consortium = all.GetProperty("consortium");
        var expected = consortium.GetProperty("practices").EnumerateArray()
            .OrderByDescending(p => p.GetProperty("listSize").GetInt32()).ThenBy(p => p.GetProperty("code").GetString(), StringComparer.Ordinal)
            .Select(p => p.GetProperty("code").GetString()!).ToList();
        Assert.True(expected.Count >= 3, $"02B has {expected.Count} practices");
        Assert.Equal(expected, Codes(consortium.GetProperty("practicesConnection").GetProperty("nodes")));

        // Forward two at a time, then backward two at a time from the end: the same rows, each once.
        var forward = new List<string>();
        string? after = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var cursor = after is null ? "" : $", after: \"{after}\"";
            var page = (await _host.DataAsync($$"""{ consortium(code: "02B") { practicesConnection({{where}}, {{order}}, first: 2{{cursor}}) { edges { cursor node { code } } pageInfo { hasNextPage endCursor } } } }"""))
                .GetProperty("consortium").GetProperty("practicesConnection");
            forward.AddRange(page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("code").GetString()!));
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean()) break;
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        Assert.Equal(expected, forward);

        var backward = new List<string>();
        string? before = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var cursor = before is null ? "" : $", before: \"{before}\"";
            var page = (await _host.DataAsync($$"""{ consortium(code: "02B") { practicesConnection({{where}}, {{order}}, last: 2{{cursor}}) { edges { cursor node { code } } pageInfo { hasPreviousPage startCursor } } } }"""))
                .GetProperty("consortium").GetProperty("practicesConnection");
            backward.InsertRange(0, page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("code").GetString()!));
            if (!page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean()) break;
            before = page.GetProperty("pageInfo").GetProperty("startCursor").GetString();
        }
        Assert.Equal(expected, backward);
    }

    [Fact]
    public async Task A_consortium_may_not_filter_practices_on_prescribing_spend_it_may_not_read_on_every_row()
    {
        // prescribingSpend is memberConsortium | nhscb: membership on a past day does not make the caller the member
        // consortium of every row today, so only the NHS CB may filter on it.
        _host.Subject = global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject.For("02B", purpose: "COMMISSIONING");
        var response = await _host.ExecuteAsync("""{ consortium(code: "02B") { practicesConnection(where: { prescribingSpend: { gt: "0" } }) { totalCount } } }""");
        var error = response.GetProperty("errors")[0];
        Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("GpPractice.prescribingSpend", error.GetProperty("extensions").GetProperty("coordinate").GetString());

        _host.Subject = global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject.For("X24");
        var data = await _host.DataAsync("""{ consortium(code: "02B") { practicesConnection(where: { prescribingSpend: { gt: "0" } }, order: [{ prescribingSpend: ASC }]) { totalCount nodes { prescribingSpend } } } }""");
        Assert.True(data.GetProperty("consortium").GetProperty("practicesConnection").GetProperty("totalCount").GetInt32() > 0);
    }
}
