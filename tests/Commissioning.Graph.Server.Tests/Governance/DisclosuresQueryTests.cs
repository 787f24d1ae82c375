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
}
