using System.Text.Json;
using Commissioning.Graph.Modules.Governance;

namespace Commissioning.Graph.Server.Tests.Governance;

/// <summary><c>Query.disclosures</c>: an organisation sees the disclosures of its own data; the NHS CB sees all.</summary>
public sealed class DisclosuresQueryTests : IAsyncLifetime
{
    private DisclosureTestHost _host = null!;

    private const string Query = """
        query Register($owner: ID, $first: Int, $after: String, $from: DateTime, $to: DateTime) {
          disclosures(owningOrganisation: $owner, first: $first, after: $after, from: $from, to: $to) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage endCursor }
            edges { cursor node { id owningOrganisation callerOrganisation purposeOfUse operationName operationType documentHash occurredAt schemaCoordinates records disclosed { coordinate records } } }
          }
        }
        """;

    public async Task InitializeAsync()
    {
        _host = await DisclosureTestHost.StartAsync();
        var at = new DateTime(2013, 10, 1, 9, 0, 0, DateTimeKind.Utc);
        DisclosureRecord Record(string owner, string caller, int minutes) => DisclosureRecord.Create(at.AddMinutes(minutes),
            new DisclosureCaller(caller, null, null, "FINANCIAL_ASSURANCE"), new DisclosureOperation("Returns", "query", "sha256:" + new string('0', 64)),
            owner, [new DisclosedCoordinate("FinancialReturn.lines", 7)]);
        await _host.AppendAsync(Record("01A", "X24", 0), Record("02B", "X24", 1), Record("01A", "02B", 2), Record("03C", "X24", 3));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonElement> DisclosuresAsync(string org, object? variables = null)
    {
        var (status, body, text) = await _host.PostAsync(org, Query, "Register", variables);
        Assert.True(status == 200, text);
        return body;
    }

    private static List<string> Owners(JsonElement body) =>
        body.GetProperty("data").GetProperty("disclosures").GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node").GetProperty("owningOrganisation").GetString()!).ToList();

    [Fact]
    public async Task An_organisation_sees_only_the_disclosures_of_its_own_data()
    {
        var body = await DisclosuresAsync("01A");
        Assert.Equal(["01A", "01A"], Owners(body));
        Assert.Equal(2, body.GetProperty("data").GetProperty("disclosures").GetProperty("totalCount").GetInt32());
        var node = body.GetProperty("data").GetProperty("disclosures").GetProperty("edges")[0].GetProperty("node");
        Assert.Equal("02B", node.GetProperty("callerOrganisation").GetString());
        Assert.Equal("2013-10-01T09:02:00Z", node.GetProperty("occurredAt").GetString());
        Assert.Equal("FinancialReturn.lines", node.GetProperty("schemaCoordinates")[0].GetString());
        Assert.Equal(7, node.GetProperty("records").GetInt32());
        Assert.Equal(7, node.GetProperty("disclosed")[0].GetProperty("records").GetInt32());

        Assert.Empty(Owners(await DisclosuresAsync("E10000001")));
    }

    [Fact]
    public async Task An_organisation_may_not_ask_for_another_organisations_disclosures()
    {
        var (_, body, _) = await _host.PostAsync("01A", Query, "Register", new { owner = "02B" });
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
        Assert.Equal("FORBIDDEN", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_nhs_commissioning_board_sees_every_disclosure_and_can_narrow_them()
    {
        Assert.Equal(["03C", "01A", "02B", "01A"], Owners(await DisclosuresAsync("X24")));
        Assert.Equal(["02B"], Owners(await DisclosuresAsync("X24", new { owner = "02B" })));
        Assert.Equal(["01A", "02B"], Owners(await DisclosuresAsync("X24", new { from = "2013-10-01T09:01:00Z", to = "2013-10-01T09:03:00Z" })));
    }

    [Fact]
    public async Task Pages_follow_on_from_the_cursor()
    {
        var first = (await DisclosuresAsync("X24", new { first = 3 })).GetProperty("data").GetProperty("disclosures");
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var second = await DisclosuresAsync("X24", new { first = 3, after });
        Assert.Equal(["01A"], Owners(second));
        Assert.True(second.GetProperty("data").GetProperty("disclosures").GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());

        var (_, bad, _) = await _host.PostAsync("X24", Query, "Register", new { after = "bm90LWEtY3Vyc29y" });
        Assert.Equal("BAD_USER_INPUT", bad.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reading_the_register_is_not_itself_recorded()
    {
        await DisclosuresAsync("X24");
        Assert.Equal(4, (await _host.RecordsAsync()).Count);
    }

    private const string ListQuery = """
        query Register($where: DisclosureRecordFilterInput, $order: [DisclosureRecordSortInput!], $first: Int, $after: String, $last: Int, $before: String) {
          disclosures(where: $where, order: $order, first: $first, after: $after, last: $last, before: $before) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            nodes { id owningOrganisation callerOrganisation occurredAt records schemaCoordinates }
          }
        }
        """;

    private async Task<JsonElement> ListAsync(string org, object variables)
    {
        var (status, body, text) = await _host.PostAsync(org, ListQuery, "Register", variables);
        Assert.True(status == 200, text);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data").GetProperty("disclosures");
    }

    private static List<string> OwnersOf(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("owningOrganisation").GetString()!).ToList();

    [Fact]
    public async Task The_register_filters_and_sorts_on_its_columns_within_the_callers_rows()
    {
        var board = await ListAsync("X24", new { where = new { callerOrganisation = new { eq = "X24" } }, order = new[] { new { owningOrganisation = "ASC" } } });
        Assert.Equal(["01A", "02B", "03C"], OwnersOf(board));
        Assert.Equal(3, board.GetProperty("totalCount").GetInt32());

        // An organisation's filter narrows its own rows: another's data is never among them, whatever the filter names.
        var own = await ListAsync("01A", new { where = new { or = new object[] { new { callerOrganisation = new { eq = "02B" } }, new { owningOrganisation = new { eq = "02B" } } } } });
        Assert.Equal(["01A"], OwnersOf(own));
        Assert.Equal(1, own.GetProperty("totalCount").GetInt32());
        Assert.Equal(0, (await ListAsync("01A", new { where = new { owningOrganisation = new { eq = "03C" } } })).GetProperty("totalCount").GetInt32());

        var times = await ListAsync("X24", new { where = new { occurredAt = new { gte = "2013-10-01T09:01:00Z", lt = "2013-10-01T09:03:00Z" } }, order = new[] { new { occurredAt = "ASC" } } });
        Assert.Equal(["02B", "01A"], OwnersOf(times));
    }

    [Fact]
    public async Task Pages_of_a_filtered_sorted_register_go_forward_and_backward_over_the_same_entries()
    {
        var where = new { purposeOfUse = new { eq = "FINANCIAL_ASSURANCE" } };
        var order = new[] { new { callerOrganisation = "DESC" } };
        var all = OwnersOf(await ListAsync("X24", new { where, order }));
        Assert.Equal(4, all.Count);
        var forward = new List<string>();
        string? after = null;
        for (var i = 0; i < 5; i++)
        {
            var page = await ListAsync("X24", new { where, order, first = 1, after });
            forward.AddRange(OwnersOf(page));
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean()) break;
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        var backward = new List<string>();
        string? before = null;
        for (var i = 0; i < 5; i++)
        {
            var page = await ListAsync("X24", new { where, order, last = 3, before });
            backward.InsertRange(0, OwnersOf(page));
            if (!page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean()) break;
            before = page.GetProperty("pageInfo").GetProperty("startCursor").GetString();
        }
        Assert.Equal(all, forward);
        Assert.Equal(all, backward);

        var (_, bad, _) = await _host.PostAsync("X24", ListQuery, "Register", new { first = 1, last = 1 });
        Assert.Equal("BAD_USER_INPUT", bad.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_parts_several_subgraphs_recorded_for_one_request_are_one_entry_that_filters_by_its_latest_record()
    {
        var at = new DateTime(2013, 11, 1, 9, 0, 0, DateTimeKind.Utc);
        DisclosureRecord Part(string coordinate, int records, int seconds) => DisclosureRecord.Create(at.AddSeconds(seconds),
            new DisclosureCaller("X24", null, null, "AUDIT"), new DisclosureOperation("Both", "query", "sha256:" + new string('1', 64), RequestId: "req-1"),
            "02B", [new DisclosedCoordinate(coordinate, records)]);
        await _host.AppendAsync(Part("FinancialReturn.lines", 7, 0), Part("JsnaContribution.narrative", 2, 1));

        var entry = await ListAsync("X24", new { where = new { purposeOfUse = new { eq = "AUDIT" } } });
        Assert.Equal(1, entry.GetProperty("totalCount").GetInt32());
        var node = entry.GetProperty("nodes")[0];
        Assert.Equal(9, node.GetProperty("records").GetInt32());
        Assert.Equal(["FinancialReturn.lines", "JsnaContribution.narrative"], node.GetProperty("schemaCoordinates").EnumerateArray().Select(c => c.GetString()!));
        // The entry's time is its first part's; a filter reads its latest record (one second later).
        Assert.Equal("2013-11-01T09:00:00Z", node.GetProperty("occurredAt").GetString());
        Assert.Equal(1, (await ListAsync("X24", new { where = new { purposeOfUse = new { eq = "AUDIT" }, occurredAt = new { gte = "2013-11-01T09:00:01Z" } } })).GetProperty("totalCount").GetInt32());
    }
}
