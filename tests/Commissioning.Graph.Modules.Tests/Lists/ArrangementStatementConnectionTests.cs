using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Modules.Tests.Graph;

namespace Commissioning.Graph.Modules.Tests.Lists;

/// <summary>
/// The arrangement-statement connections beside the plain lists (<c>LeadCommissioningArrangement.statementsConnection</c>,
/// <c>Consortium.arrangementStatementsConnection</c>): the same visible rows (arrangementParty|nhscb in SQL), filtered, sorted and paged.
/// </summary>
public sealed class ArrangementStatementConnectionTests
{
    private const string Arrangement = "LCA-ACUTE-RNV";

    private static List<string> Ids(JsonElement connection) =>
        connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!).ToList();

    private static async Task<JsonElement> PageAsync(CommissioningGraphHost host, string arguments) =>
        (await host.DataAsync($$"""
            { leadCommissioningArrangement(code: "{{Arrangement}}") {
                statementsConnection(where: { month: { lte: 5 }, status: { eq: AGREED } }, order: [{ month: DESC }], {{arguments}}) {
                  totalCount edges { cursor node { id month status } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }
            """)).GetProperty("leadCommissioningArrangement").GetProperty("statementsConnection");

    [Fact]
    public async Task Statements_filtered_by_month_and_status_page_forward_and_backward_over_the_same_rows()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        host.Subject = AuthorizationSubject.For("X24");
        var plain = (await host.DataAsync($$"""
            { leadCommissioningArrangement(code: "{{Arrangement}}") { statements { id month status } } }
            """)).GetProperty("leadCommissioningArrangement").GetProperty("statements").EnumerateArray()
            .Where(s => s.GetProperty("month").GetInt32() <= 5 && s.GetProperty("status").GetString() == "AGREED").ToList();
        // Months 1–4 agreed by both associates, month 5 by 02B only (the demo data).
        Assert.Equal(9, plain.Count);
        var expectedMonths = plain.Select(s => s.GetProperty("month").GetInt32()).OrderDescending().ToList();

        var forward = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = await PageAsync(host, after is null ? "first: 4" : $"first: 4, after: \"{after}\"");
            Assert.Equal(9, page.GetProperty("totalCount").GetInt32());
            forward.AddRange(page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")));
            Assert.Equal(after is not null, page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        } while (after is not null);
        Assert.Equal(expectedMonths, forward.Select(s => s.GetProperty("month").GetInt32()));
        Assert.Equal(plain.Select(s => s.GetProperty("id").GetString()).Order(), forward.Select(s => s.GetProperty("id").GetString()).Order());
        Assert.Equal(9, forward.Select(s => s.GetProperty("id").GetString()).Distinct().Count());

        var backward = new List<JsonElement>();
        string? before = null;
        do
        {
            var page = await PageAsync(host, before is null ? "last: 4" : $"last: 4, before: \"{before}\"");
            backward.InsertRange(0, page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")));
            before = page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("startCursor").GetString() : null;
        } while (before is not null);
        Assert.Equal(forward.Select(s => s.GetProperty("id").GetString()), backward.Select(s => s.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("X24", 12)] // the NHS CB
    [InlineData("01A", 12)] // the lead
    [InlineData("02B", 12)] // an associate: a party to the arrangement
    public async Task Each_caller_pages_exactly_the_statements_the_plain_lists_show_it_and_totalCount_counts_only_those(string caller, int visible)
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        host.Subject = AuthorizationSubject.For(caller);
        var data = await host.DataAsync($$"""
            { leadCommissioningArrangement(code: "{{Arrangement}}") {
                statements { id }
                statementsConnection(first: 100) { totalCount edges { node { id } } }
                disputed: statementsConnection(where: { status: { eq: DISPUTED } }) { totalCount } }
              consortium(code: "02B") {
                arrangementStatements { id }
                arrangementStatementsConnection(order: [{ month: ASC }]) { totalCount edges { node { id } } }
                month5: arrangementStatementsConnection(where: { month: { eq: 5 } }) { totalCount edges { node { id month } } } } }
            """);
        var arrangement = data.GetProperty("leadCommissioningArrangement");
        var plain = arrangement.GetProperty("statements").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).Order().ToList();
        var connection = arrangement.GetProperty("statementsConnection");
        Assert.Equal(visible, plain.Count);
        Assert.Equal(plain, Ids(connection).Order());
        Assert.Equal(visible, connection.GetProperty("totalCount").GetInt32());
        // 03C disputed month 5.
        Assert.Equal(1, arrangement.GetProperty("disputed").GetProperty("totalCount").GetInt32());

        // 02B's own statements (six months).
        var consortium = data.GetProperty("consortium");
        var own = consortium.GetProperty("arrangementStatements").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).Order().ToList();
        var ownConnection = consortium.GetProperty("arrangementStatementsConnection");
        Assert.Equal(6, own.Count);
        Assert.Equal(own, Ids(ownConnection).Order());
        Assert.Equal(own.Count, ownConnection.GetProperty("totalCount").GetInt32());
        var month5 = consortium.GetProperty("month5");
        Assert.Equal(1, month5.GetProperty("totalCount").GetInt32());
        Assert.All(month5.GetProperty("edges").EnumerateArray(), e => Assert.Equal(5, e.GetProperty("node").GetProperty("month").GetInt32()));
    }

    [Fact]
    public async Task A_caller_party_to_no_arrangement_pages_no_statements_and_counts_none()
    {
        await using var host = await CommissioningGraphHost.StartAsync();
        host.Subject = AuthorizationSubject.For("RNV"); // the provider: no party to the arrangement
        var data = await host.DataAsync($$"""
            { leadCommissioningArrangement(code: "{{Arrangement}}") { statements { id } statementsConnection { totalCount edges { node { id } } } }
              consortium(code: "02B") { arrangementStatements { id } arrangementStatementsConnection { totalCount edges { node { id } } pageInfo { hasNextPage } } } }
            """);
        Assert.Equal(0, data.GetProperty("leadCommissioningArrangement").GetProperty("statements").GetArrayLength());
        Assert.Equal(0, data.GetProperty("leadCommissioningArrangement").GetProperty("statementsConnection").GetProperty("totalCount").GetInt32());
        Assert.Empty(Ids(data.GetProperty("leadCommissioningArrangement").GetProperty("statementsConnection")));
        Assert.Equal(0, data.GetProperty("consortium").GetProperty("arrangementStatements").GetArrayLength());
        Assert.Equal(0, data.GetProperty("consortium").GetProperty("arrangementStatementsConnection").GetProperty("totalCount").GetInt32());
        Assert.Empty(Ids(data.GetProperty("consortium").GetProperty("arrangementStatementsConnection")));
    }
}
