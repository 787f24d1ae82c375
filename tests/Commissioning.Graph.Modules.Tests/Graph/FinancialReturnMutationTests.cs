using System.Text.Json;
using Commissioning.Graph.Modules.Commissioning;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Tests.Graph;

public sealed class FinancialReturnMutationTests : IAsyncLifetime
{
    private CommissioningGraphHost _host = null!;

    public async Task InitializeAsync() => _host = await CommissioningGraphHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private const string Submit = """
        mutation($input: SubmitFinancialReturnInput!) {
          submitFinancialReturn(input: $input) {
            financialReturn { id month version status rowVersion lines { category plan } runningCosts { forecastOutturn } duties { atRisk } }
            userErrors { message path code }
          }
        }
        """;

    private static Dictionary<string, object?> Figures(string plan, string ytd, string forecast) =>
        new() { ["plan"] = plan, ["yearToDateActual"] = ytd, ["forecastOutturn"] = forecast };

    private static Dictionary<string, object?> Line(string category, string plan, string ytd, string forecast) =>
        new() { ["category"] = category, ["plan"] = plan, ["yearToDateActual"] = ytd, ["forecastOutturn"] = forecast };

    private static Dictionary<string, object?> Input(string consortium = "01A", string year = "2013-14", int month = 7, int? expectedRowVersion = null, List<object?>? lines = null) => new()
    {
        ["consortiumCode"] = consortium,
        ["year"] = year,
        ["month"] = month,
        ["lines"] = lines ?? [Line("ACUTE", "200000000.00", "116000000.00", "199500000.00"), Line("PRESCRIBING", "50000000.00", "29000000.00", "50100000.00")],
        ["runningCosts"] = Figures("7800000.00", "4500000.00", "7800000.00"),
        ["capital"] = Figures("1350000.00", "600000.00", "1350000.00"),
        ["expectedRowVersion"] = expectedRowVersion,
    };

    private async Task<JsonElement> SubmitAsync(Dictionary<string, object?> input) =>
        (await _host.DataAsync(Submit, new Dictionary<string, object?> { ["input"] = input })).GetProperty("submitFinancialReturn");

    private static string[] Codes(JsonElement payload) => payload.GetProperty("userErrors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToArray();

    private async Task<int> CountAsync(string consortium, int month)
    {
        await using var db = _host.Database.Commissioning();
        return await db.FinancialReturns.CountAsync(r => r.ConsortiumCode == consortium && r.Year == "2013-14" && r.Month == month);
    }

    [Fact]
    public async Task Submitting_a_new_period_creates_version_one_submitted_with_its_figures_and_duties()
    {
        var payload = await SubmitAsync(Input());
        Assert.Empty(payload.GetProperty("userErrors").EnumerateArray());
        var r = payload.GetProperty("financialReturn");
        Assert.Equal(7, r.GetProperty("month").GetInt32());
        Assert.Equal(1, r.GetProperty("version").GetInt32());
        Assert.Equal("SUBMITTED", r.GetProperty("status").GetString());
        Assert.Equal(["ACUTE", "PRESCRIBING"], r.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("category").GetString()));
        Assert.False(r.GetProperty("duties").GetProperty("atRisk").GetBoolean());
    }

    [Fact]
    public async Task Each_further_submission_is_a_new_version_and_the_submitted_one_never_changes()
    {
        var first = (await SubmitAsync(Input())).GetProperty("financialReturn");
        var second = await SubmitAsync(Input(expectedRowVersion: first.GetProperty("rowVersion").GetInt32(),
            lines: [Line("ACUTE", "200000000.00", "117000000.00", "201000000.00")]));
        Assert.Empty(second.GetProperty("userErrors").EnumerateArray());
        Assert.Equal(2, second.GetProperty("financialReturn").GetProperty("version").GetInt32());
        Assert.True(second.GetProperty("financialReturn").GetProperty("rowVersion").GetInt32() > first.GetProperty("rowVersion").GetInt32());

        await using var db = _host.Database.Commissioning();
        var v1 = await db.FinancialReturns.Include(x => x.Lines).SingleAsync(x => x.ConsortiumCode == "01A" && x.Month == 7 && x.Version == 1);
        Assert.Equal(FinancialReturnStatus.Submitted, v1.Status);
        Assert.Equal(2, v1.Lines.Count); // version 1 keeps its own lines
        Assert.Equal(199_500_000m, v1.Lines.Single(l => l.Category == ProgrammeBudgetCategory.Acute).ForecastOutturn);
    }

    [Fact]
    public async Task Submitting_completes_the_open_draft_in_place()
    {
        await using (var db = _host.Database.Commissioning())
        {
            var draft = await db.FinancialReturns.SingleAsync(x => x.ConsortiumCode == "02B" && x.Month == 6);
            Assert.Equal(FinancialReturnStatus.Draft, draft.Status);
            var payload = await SubmitAsync(Input("02B", month: 6, expectedRowVersion: draft.RowVersion));
            Assert.Empty(payload.GetProperty("userErrors").EnumerateArray());
            Assert.Equal(1, payload.GetProperty("financialReturn").GetProperty("version").GetInt32());
            Assert.Equal("SUBMITTED", payload.GetProperty("financialReturn").GetProperty("status").GetString());
            Assert.Equal(2, payload.GetProperty("financialReturn").GetProperty("lines").GetArrayLength()); // lines not sent were removed
        }
        Assert.Equal(1, await CountAsync("02B", 6));
    }

    [Fact]
    public async Task Invalid_input_gets_user_errors_at_the_fields_and_writes_nothing()
    {
        var input = Input(year: "2013-15", month: 13, lines:
        [
            Line("ACUTE", "100.00", "50.00", "100.00"),
            Line("ACUTE", "-1.00", "0.00", "0.00"),
            Line("COMMUNITY", "10.001", "0.00", "0.00"),
        ]);
        input["programmeTotals"] = Figures("1.00", "1.00", "1.00");
        var payload = await SubmitAsync(input);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("financialReturn").ValueKind);
        var errors = payload.GetProperty("userErrors").EnumerateArray()
            .Select(e => (Code: e.GetProperty("code").GetString(), Path: string.Join('.', e.GetProperty("path").EnumerateArray().Select(p => p.GetString()))))
            .ToList();
        Assert.Contains(("INVALID_YEAR", "input.year"), errors);
        Assert.Contains(("INVALID_MONTH", "input.month"), errors);
        Assert.Contains(("DUPLICATE_CATEGORY", "input.lines.1.category"), errors);
        Assert.Contains(("NEGATIVE_AMOUNT", "input.lines.1.plan"), errors);
        Assert.Contains(("INVALID_AMOUNT", "input.lines.2.plan"), errors);
        Assert.Contains(("TOTALS_MISMATCH", "input.programmeTotals"), errors);

        var empty = await SubmitAsync(Input(month: 8, lines: []));
        Assert.Equal(["LINES_REQUIRED"], Codes(empty));
        var unknown = await SubmitAsync(Input(consortium: "99Z"));
        Assert.Equal(["NOT_FOUND"], Codes(unknown));
        Assert.Equal(0, await CountAsync("01A", 7));
        Assert.Equal(0, await CountAsync("01A", 8));
    }

    [Fact]
    public async Task A_practice_breakdown_must_name_member_practices_and_add_up()
    {
        var input = Input(month: 9, lines: [Line("ACUTE", "100.00", "50.00", "100.00")]);
        input["practiceBreakdown"] = new List<object?>
        {
            new Dictionary<string, object?> { ["practiceCode"] = "A01001", ["plan"] = "60.00", ["yearToDateActual"] = "30.00", ["forecastOutturn"] = "60.00" },
            new Dictionary<string, object?> { ["practiceCode"] = "A03001", ["plan"] = "40.00", ["yearToDateActual"] = "20.00", ["forecastOutturn"] = "40.00" },
        };
        Assert.Equal(["UNKNOWN_PRACTICE"], Codes(await SubmitAsync(input)));

        ((Dictionary<string, object?>)((List<object?>)input["practiceBreakdown"]!)[1]!)["practiceCode"] = "A01002";
        ((Dictionary<string, object?>)((List<object?>)input["practiceBreakdown"]!)[1]!)["plan"] = "39.00";
        Assert.Equal(["BREAKDOWN_MISMATCH"], Codes(await SubmitAsync(input)));

        ((Dictionary<string, object?>)((List<object?>)input["practiceBreakdown"]!)[1]!)["plan"] = "40.00";
        Assert.Empty(Codes(await SubmitAsync(input)));
    }

    [Fact]
    public async Task A_stale_or_missing_row_version_is_a_conflict()
    {
        var first = (await SubmitAsync(Input())).GetProperty("financialReturn");
        Assert.Equal(["CONFLICT"], Codes(await SubmitAsync(Input())));
        var stale = await SubmitAsync(Input(expectedRowVersion: first.GetProperty("rowVersion").GetInt32() - 1));
        Assert.Equal(["CONFLICT"], Codes(stale));
        Assert.Equal("input.expectedRowVersion", string.Join('.', stale.GetProperty("userErrors")[0].GetProperty("path").EnumerateArray().Select(p => p.GetString())));
        Assert.Equal(1, await CountAsync("01A", 7));
    }

    [Fact]
    public async Task Of_two_concurrent_submissions_from_the_same_version_one_wins_and_the_other_gets_a_conflict()
    {
        int rowVersion;
        await using (var db = _host.Database.Commissioning())
            rowVersion = (await db.FinancialReturns.SingleAsync(x => x.ConsortiumCode == "03C" && x.Month == 5)).RowVersion;

        for (var round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() =>
                SubmitAsync(Input("03C", month: 5, expectedRowVersion: rowVersion, lines: [Line("ACUTE", $"{100 + i}.00", "50.00", "100.00")])))));
            var winners = results.Where(r => r.GetProperty("userErrors").GetArrayLength() == 0).ToList();
            Assert.Single(winners);
            Assert.Equal(["CONFLICT"], Codes(results.Single(r => r.GetProperty("userErrors").GetArrayLength() > 0)));
            rowVersion = winners[0].GetProperty("financialReturn").GetProperty("rowVersion").GetInt32();
            Assert.Equal(round + 2, await CountAsync("03C", 5)); // exactly one new version per round: no lost update
        }
    }

    private async Task<(string Id, int RowVersion)> ReturnAsync(string consortium, int month)
    {
        var data = await _host.DataAsync($$"""{ consortium(code: "{{consortium}}") { financialReturns(month: {{month}}, latestVersionOnly: true) { nodes { id rowVersion } } } }""");
        var node = data.GetProperty("consortium").GetProperty("financialReturns").GetProperty("nodes")[0];
        return (node.GetProperty("id").GetString()!, node.GetProperty("rowVersion").GetInt32());
    }

    private async Task<JsonElement> QueryAsync(string id, int rowVersion, string reason) =>
        (await _host.DataAsync("""
            mutation($input: QueryFinancialReturnInput!) { queried: queryFinancialReturn(input: $input) { financialReturn { status queryReason rowVersion } userErrors { path code } } }
            """, new Dictionary<string, object?> { ["input"] = new Dictionary<string, object?> { ["id"] = id, ["expectedRowVersion"] = rowVersion, ["reason"] = reason } }))
        .GetProperty("queried");

    [Fact]
    public async Task The_NHS_CB_accepts_a_submitted_return_once()
    {
        var (id, rowVersion) = await ReturnAsync("01A", 5);
        var accepted = (await _host.DataAsync("""
            mutation($input: AcceptFinancialReturnInput!) { acceptFinancialReturn(input: $input) { financialReturn { status rowVersion reviewedAt } userErrors { path code } } }
            """, new Dictionary<string, object?> { ["input"] = new Dictionary<string, object?> { ["id"] = id, ["expectedRowVersion"] = rowVersion } }))
            .GetProperty("acceptFinancialReturn");
        Assert.Empty(accepted.GetProperty("userErrors").EnumerateArray());
        Assert.Equal("ACCEPTED", accepted.GetProperty("financialReturn").GetProperty("status").GetString());
        var newRowVersion = accepted.GetProperty("financialReturn").GetProperty("rowVersion").GetInt32();
        Assert.Equal(rowVersion + 1, newRowVersion);

        var again = (await _host.DataAsync("""
            mutation($input: AcceptFinancialReturnInput!) { acceptFinancialReturn(input: $input) { financialReturn { status } userErrors { path code } } }
            """, new Dictionary<string, object?> { ["input"] = new Dictionary<string, object?> { ["id"] = id, ["expectedRowVersion"] = newRowVersion } }))
            .GetProperty("acceptFinancialReturn");
        Assert.Equal(["RETURN_NOT_SUBMITTED"], Codes(again));
    }

    [Fact]
    public async Task Querying_needs_a_reason_and_the_current_row_version()
    {
        var (id, rowVersion) = await ReturnAsync("02B", 5);
        var noReason = await QueryAsync(id, rowVersion, "  ");
        Assert.Equal(["QUERY_REASON_REQUIRED"], Codes(noReason));
        Assert.Equal("input.reason", string.Join('.', noReason.GetProperty("userErrors")[0].GetProperty("path").EnumerateArray().Select(p => p.GetString())));
        Assert.Equal(["CONFLICT"], Codes(await QueryAsync(id, rowVersion + 7, "Prescribing forecast looks low.")));

        var queried = await QueryAsync(id, rowVersion, "Prescribing forecast looks low.");
        Assert.Empty(Codes(queried));
        Assert.Equal("QUERIED", queried.GetProperty("financialReturn").GetProperty("status").GetString());
        Assert.Equal("Prescribing forecast looks low.", queried.GetProperty("financialReturn").GetProperty("queryReason").GetString());

        // The consortium answers with a new version; the queried one can no longer be reviewed.
        var answer = await SubmitAsync(Input("02B", month: 5, expectedRowVersion: queried.GetProperty("financialReturn").GetProperty("rowVersion").GetInt32()));
        Assert.Equal(2, answer.GetProperty("financialReturn").GetProperty("version").GetInt32());
        Assert.Equal(["RETURN_SUPERSEDED"], Codes(await QueryAsync(id, queried.GetProperty("financialReturn").GetProperty("rowVersion").GetInt32() + 1, "Again.")));
        Assert.Equal(["NOT_FOUND"], Codes(await QueryAsync("bm90LWEtcmV0dXJu", 1, "No such return.")));
    }
}
