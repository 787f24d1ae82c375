using System.Text.Json;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// DOMAIN.md "Commissioning support" over HTTP with real tokens: CSU-NV, Northvale Commissioning Support Unit, acts for 01A
/// and 02B from 2013-04-01 (it acted for 03C in 2012-13 only). Under <c>supportFor</c> it reads and drafts its clients'
/// financial returns and JSNA contributions; submitting stays with the consortium; outside an arrangement's dates it gets
/// nothing; and the register records its reads with the client as its principal.
/// </summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class CommissioningSupportTests(AuthorizedGraphFixture graph)
{
    private const string Unit = AuthorizationMatrixTests.SupportUnit;

    private const string SaveDraft = """
        mutation($input: SubmitFinancialReturnInput!) { saveFinancialReturnDraft(input: $input) {
          financialReturn { id version status rowVersion consortium { code } lines { category plan } } userErrors { code path message } } }
        """;

    private const string Submit = """
        mutation($input: SubmitFinancialReturnInput!) { submitFinancialReturn(input: $input) { financialReturn { status version } userErrors { code path } } }
        """;

    private static Dictionary<string, object?> Return(string consortium, string year, int month, string acutePlan = "1200000.00", int? expectedRowVersion = null) => new()
    {
        ["consortiumCode"] = consortium, ["year"] = year, ["month"] = month,
        ["lines"] = new[] { new { category = "ACUTE", plan = acutePlan, yearToDateActual = "100000.00", forecastOutturn = "1200000.00" } },
        ["runningCosts"] = new { plan = "50000.00", yearToDateActual = "4000.00", forecastOutturn = "50000.00" },
        ["capital"] = new { plan = "0", yearToDateActual = "0", forecastOutturn = "0" },
        ["expectedRowVersion"] = expectedRowVersion,
    };

    private const string ReturnsOf = """
        query($code: ID!, $year: String!) { consortium(code: $code) { financialReturns(year: $year) { totalCount nodes { month version status lines { plan } } } } }
        """;

    private async Task<JsonElement> OwnReturnsAsync(string consortium, string year)
    {
        var read = await graph.PostAsync(consortium, ReturnsOf, new { code = consortium, year }, purpose: null);
        Assert.True(read.Errors.Count == 0, read.ToString());
        return read.At("consortium.financialReturns");
    }

    private static JsonElement ReasonOf(JsonElement error) => error.GetProperty("extensions").GetProperty("reason");

    [Fact]
    public async Task The_support_unit_and_its_arrangements_are_in_the_directory_for_any_organisation()
    {
        const string query = """
            { organisation(code: "CSU-NV") { __typename code name kind ... on CommissioningSupportOrganisation { id
                supportArrangements { consortium { code name } supplier { code } functions from to } } }
              consortium(code: "01A") { supportArrangements { supplier { code name kind } from to } }
              organisations(kind: COMMISSIONING_SUPPORT) { nodes { code name } } }
            """;

        // A practice is an organisation like any other: the arrangements are authenticated, no purpose needed.
        var response = await graph.PostAsync("A01001", query, purpose: null);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal("CommissioningSupportOrganisation", response.At("organisation.__typename").GetString());
        Assert.Equal("Northvale Commissioning Support Unit", response.At("organisation.name").GetString());
        Assert.Equal("COMMISSIONING_SUPPORT", response.At("organisation.kind").GetString());
        var arrangements = response.At("organisation.supportArrangements").EnumerateArray().ToList();
        // By consortium: 01A and 02B current from 2013-04-01, 03C in the shadow year only.
        Assert.Equal(["01A", "02B", "03C"], arrangements.Select(a => a.GetProperty("consortium").GetProperty("code").GetString()));
        Assert.Equal("Northvale North Commissioning Consortium", arrangements[0].GetProperty("consortium").GetProperty("name").GetString());
        Assert.Equal(["FINANCIAL_REPORTING", "JSNA_ANALYSIS"], arrangements[0].GetProperty("functions").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("2013-04-01", arrangements[1].GetProperty("from").GetString());
        Assert.Equal(JsonValueKind.Null, arrangements[1].GetProperty("to").ValueKind);
        Assert.Equal(("2012-04-01", "2013-03-31"), (arrangements[2].GetProperty("from").GetString(), arrangements[2].GetProperty("to").GetString()));
        var ofConsortium = Assert.Single(response.At("consortium.supportArrangements").EnumerateArray());
        Assert.Equal("CSU-NV", ofConsortium.GetProperty("supplier").GetProperty("code").GetString());
        Assert.Equal("COMMISSIONING_SUPPORT", ofConsortium.GetProperty("supplier").GetProperty("kind").GetString());
        Assert.Equal(["CSU-NV"], response.At("organisations.nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()));

        // The organisation is a node like the others: node(id:) gives it back.
        var id = response.At("organisation.id").GetString();
        var node = await graph.PostAsync("A01001", """query($id: ID!) { node(id: $id) { __typename ... on Organisation { code name } } }""", new { id }, purpose: null);
        Assert.True(node.Errors.Count == 0, node.ToString());
        Assert.Equal("CSU-NV", node.At("node.code").GetString());
    }

    [Fact]
    public async Task The_support_unit_drafts_its_clients_return_but_only_the_consortium_submits_it()
    {
        // A period no demonstration data uses: 01A 2016-17 month 3.
        var drafted = await graph.PostAsync(Unit, SaveDraft, new { input = Return("01A", "2016-17", 3) }, purpose: PurposeOfUse.FinancialAssurance, scopes: ["returns:draft"]);

        Assert.True(drafted.Errors.Count == 0, drafted.ToString());
        Assert.Equal(0, drafted.At("saveFinancialReturnDraft.userErrors").GetArrayLength());
        Assert.Equal("DRAFT", drafted.At("saveFinancialReturnDraft.financialReturn.status").GetString());
        Assert.Equal(1, drafted.At("saveFinancialReturnDraft.financialReturn.version").GetInt32());
        Assert.Equal("01A", drafted.At("saveFinancialReturnDraft.financialReturn.consortium.code").GetString());
        var rowVersion = drafted.At("saveFinancialReturnDraft.financialReturn.rowVersion").GetInt32();

        // The unit revises its draft under the row version it read; a stale one is a CONFLICT, written nowhere.
        var revised = await graph.PostAsync(Unit, SaveDraft, new { input = Return("01A", "2016-17", 3, "1250000.00", rowVersion) },
            purpose: PurposeOfUse.FinancialAssurance, scopes: ["returns:draft"]);
        Assert.True(revised.Errors.Count == 0, revised.ToString());
        Assert.Equal("1250000.00", revised.At("saveFinancialReturnDraft.financialReturn.lines.0.plan").GetString());
        var newRowVersion = revised.At("saveFinancialReturnDraft.financialReturn.rowVersion").GetInt32();
        var stale = await graph.PostAsync(Unit, SaveDraft, new { input = Return("01A", "2016-17", 3, "1.00", rowVersion) },
            purpose: PurposeOfUse.FinancialAssurance, scopes: ["returns:draft"]);
        Assert.Equal("CONFLICT", stale.At("saveFinancialReturnDraft.userErrors.0.code").GetString());

        // Submitting is the consortium's: the unit is refused, with the reason, and the draft stays a draft.
        var refused = await graph.PostAsync(Unit, Submit, new { input = Return("01A", "2016-17", 3, "1250000.00", newRowVersion) },
            purpose: PurposeOfUse.FinancialAssurance, scopes: ["returns:submit"]);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(error));
        Assert.Equal("POLICY", ReasonOf(error).GetString());
        Assert.Equal("Not authorised to perform Mutation.submitFinancialReturn.", error.GetProperty("message").GetString());
        var own = await OwnReturnsAsync("01A", "2016-17");
        Assert.Equal(1, own.GetProperty("totalCount").GetInt32());
        Assert.Equal("DRAFT", own.GetProperty("nodes")[0].GetProperty("status").GetString());
        Assert.Equal("1250000.00", own.GetProperty("nodes")[0].GetProperty("lines")[0].GetProperty("plan").GetString());

        // The consortium submits the draft the unit prepared.
        var submitted = await graph.PostAsync("01A", Submit, new { input = Return("01A", "2016-17", 3, "1250000.00", newRowVersion) }, purpose: null, scopes: ["returns:submit"]);
        Assert.True(submitted.Errors.Count == 0, submitted.ToString());
        Assert.Equal(("SUBMITTED", 1), (submitted.At("submitFinancialReturn.financialReturn.status").GetString(), submitted.At("submitFinancialReturn.financialReturn.version").GetInt32()));
    }

    [Fact]
    public async Task A_draft_with_bad_figures_gets_user_errors_and_writes_nothing()
    {
        var input = Return("02B", "2016-17", 4);
        input["runningCosts"] = new { plan = "-5.00", yearToDateActual = "0", forecastOutturn = "0" };

        var response = await graph.PostAsync(Unit, SaveDraft, new { input }, purpose: PurposeOfUse.FinancialAssurance, scopes: ["returns:draft"]);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal(JsonValueKind.Null, response.At("saveFinancialReturnDraft.financialReturn").ValueKind);
        var userError = Assert.Single(response.At("saveFinancialReturnDraft.userErrors").EnumerateArray());
        Assert.Equal("NEGATIVE_AMOUNT", userError.GetProperty("code").GetString());
        Assert.Equal(["input", "runningCosts", "plan"], userError.GetProperty("path").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(0, (await OwnReturnsAsync("02B", "2016-17")).GetProperty("totalCount").GetInt32());
    }

    [Theory]
    // 03C: the arrangement ended on 2013-03-31, so the unit drafts nothing of 03C's now.
    [InlineData("03C", "2016-17")]
    // 01A before its arrangement began (2013-04-01): relationships are judged in the year of the data.
    [InlineData("01A", "2012-13")]
    public async Task The_support_unit_drafts_nothing_outside_an_arrangements_dates(string consortium, string year)
    {
        var before = (await OwnReturnsAsync(consortium, year)).GetProperty("totalCount").GetInt32();

        var response = await graph.PostAsync(Unit, SaveDraft, new { input = Return(consortium, year, 5) }, purpose: PurposeOfUse.FinancialAssurance, scopes: ["returns:draft"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(error));
        Assert.Equal("POLICY", ReasonOf(error).GetString());
        Assert.Equal("Not authorised to perform Mutation.saveFinancialReturnDraft.", error.GetProperty("message").GetString());
        Assert.Equal(before, (await OwnReturnsAsync(consortium, year)).GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("02B", "returns:draft")]      // another consortium is not its principal
    [InlineData("E10000001", "returns:draft")]
    [InlineData("X24", "returns:draft")]      // the NHS CB reviews returns; it does not draft them
    public async Task No_one_but_the_consortium_and_its_support_unit_drafts_its_return(string caller, string scope)
    {
        var response = await graph.PostAsync(caller, SaveDraft, new { input = Return("01A", "2017-18", 1) }, purpose: PurposeOfUse.FinancialAssurance, scopes: [scope]);

        var error = Assert.Single(response.Errors);
        Assert.Equal("POLICY", ReasonOf(error).GetString());
        Assert.Equal(0, (await OwnReturnsAsync("01A", "2017-18")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Drafting_needs_the_returns_draft_scope()
    {
        var response = await graph.PostAsync(Unit, SaveDraft, new { input = Return("01A", "2017-18", 2) }, purpose: PurposeOfUse.FinancialAssurance, scopes: ["returns:submit"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal("MISSING_SCOPE", ReasonOf(error).GetString());
    }

    [Fact]
    public async Task The_support_unit_reads_its_clients_returns_and_not_03Cs()
    {
        var client = await graph.PostAsync(Unit, ReturnsOf, new { code = "01A", year = "2013-14" }, purpose: PurposeOfUse.FinancialAssurance);
        var former = await graph.PostAsync(Unit, ReturnsOf, new { code = "03C", year = "2013-14" }, purpose: PurposeOfUse.FinancialAssurance);

        Assert.True(client.Errors.Count == 0, client.ToString());
        // Months 1–6 of 2013-14, as 01A itself reads them.
        var own = await OwnReturnsAsync("01A", "2013-14");
        Assert.Equal(own.GetProperty("totalCount").GetInt32(), client.At("consortium.financialReturns.totalCount").GetInt32());
        Assert.True(own.GetProperty("totalCount").GetInt32() >= 6, own.ToString());
        Assert.Equal(JsonValueKind.Null, former.At("consortium.financialReturns").ValueKind);
        var error = Assert.Single(former.Errors);
        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(error));
        Assert.Equal("POLICY", ReasonOf(error).GetString());
        Assert.Equal("Not authorised to read Consortium.financialReturns.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_support_unit_needs_a_purpose_covering_returns_as_any_other_organisation_reading_them()
    {
        var noPurpose = await graph.PostAsync(Unit, ReturnsOf, new { code = "01A", year = "2013-14" }, purpose: null);
        var jsna = await graph.PostAsync(Unit, ReturnsOf, new { code = "01A", year = "2013-14" }, purpose: PurposeOfUse.Jsna);

        Assert.Equal("PURPOSE_REQUIRED", ReasonOf(noPurpose.Errors[0]).GetString());
        Assert.Equal("PURPOSE_NOT_PERMITTED", ReasonOf(jsna.Errors[0]).GetString());
        Assert.All(jsna.Errors, e => Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(e)));
    }

    private const string Register = """
        query($owner: ID) { disclosures(owningOrganisation: $owner, first: 200) { nodes { operationName callerOrganisation owningOrganisation principal purposeOfUse } } }
        """;

    [Fact]
    public async Task A_read_by_the_support_unit_is_recorded_with_its_client_as_principal()
    {
        var name = "SupportRead_" + Guid.NewGuid().ToString("N")[..12];
        var boardName = "BoardRead_" + Guid.NewGuid().ToString("N")[..12];
        var query = $$"""query {{name}} { consortium(code: "01A") { financialReturns(year: "2013-14", month: 2) { nodes { status lines { plan } } } } }""";

        var read = await graph.PostAsync(Unit, query, purpose: PurposeOfUse.FinancialAssurance);
        var board = await graph.PostAsync("X24", query.Replace(name, boardName), purpose: PurposeOfUse.FinancialAssurance);

        Assert.True(read.Errors.Count == 0 && board.Errors.Count == 0, read.ToString() + board);
        // 01A reads the register of its own data: the unit's read names 01A as the principal, the NHS CB's names none.
        var register = await graph.PostAsync("01A", Register, new { owner = "01A" }, purpose: null);
        Assert.True(register.Errors.Count == 0, register.ToString());
        var records = register.At("disclosures.nodes").EnumerateArray().ToList();
        var unit = Assert.Single(records, r => r.GetProperty("operationName").GetString() == name);
        Assert.Equal(("CSU-NV", "01A", "01A", "FINANCIAL_ASSURANCE"), (unit.GetProperty("callerOrganisation").GetString(),
            unit.GetProperty("owningOrganisation").GetString(), unit.GetProperty("principal").GetString(), unit.GetProperty("purposeOfUse").GetString()));
        var nhsCb = Assert.Single(records, r => r.GetProperty("operationName").GetString() == boardName);
        Assert.Equal("X24", nhsCb.GetProperty("callerOrganisation").GetString());
        Assert.Equal(JsonValueKind.Null, nhsCb.GetProperty("principal").ValueKind);
    }

    private const string SaveContribution = """
        mutation($input: SubmitJsnaContributionInput!) { saveJsnaContributionDraft(input: $input) {
          contribution { id status topic consortium { code } rowVersion } userErrors { code path } } }
        """;

    private const string SubmitContribution = """
        mutation($input: SubmitJsnaContributionInput!) { submitJsnaContribution(input: $input) { contribution { status } userErrors { code path } } }
        """;

    private static Dictionary<string, object?> Contribution(string consortium, string topic, int? expectedRowVersion = null) => new()
    {
        ["healthAndWellbeingBoardCode"] = "HWB-E06000002", ["year"] = "2013-14", ["consortiumCode"] = consortium, ["topic"] = topic,
        ["narrative"] = "Emergency admissions for asthma in the city's younger adults.",
        ["indicators"] = new[] { new { name = "Emergency admissions for asthma", numerator = 412, denominator = 180_000 } },
        ["expectedRowVersion"] = expectedRowVersion,
    };

    [Fact]
    public async Task The_support_unit_drafts_its_clients_jsna_contribution_but_only_the_consortium_submits_it()
    {
        var topic = "Asthma admissions " + Guid.NewGuid().ToString("N")[..8];

        var drafted = await graph.PostAsync(Unit, SaveContribution, new { input = Contribution("02B", topic) }, purpose: PurposeOfUse.Jsna, scopes: ["jsna:draft"]);
        var forFormerClient = await graph.PostAsync(Unit, SaveContribution, new { input = Contribution("03C", topic) }, purpose: PurposeOfUse.Jsna, scopes: ["jsna:draft"]);

        Assert.True(drafted.Errors.Count == 0, drafted.ToString());
        Assert.Equal(("DRAFT", "02B"), (drafted.At("saveJsnaContributionDraft.contribution.status").GetString(),
            drafted.At("saveJsnaContributionDraft.contribution.consortium.code").GetString()));
        Assert.Equal("POLICY", ReasonOf(Assert.Single(forFormerClient.Errors)).GetString());
        var rowVersion = drafted.At("saveJsnaContributionDraft.contribution.rowVersion").GetInt32();

        var refused = await graph.PostAsync(Unit, SubmitContribution, new { input = Contribution("02B", topic, rowVersion) }, purpose: PurposeOfUse.Jsna, scopes: ["jsna:write"]);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("POLICY", ReasonOf(error).GetString());
        Assert.Equal("Not authorised to perform Mutation.submitJsnaContribution.", error.GetProperty("message").GetString());

        // The draft is the unit's and 02B's to read, not the board's other members'; then 02B submits it.
        const string contributions = """{ healthAndWellbeingBoard(code: "HWB-E06000002") { jsna(year: "2013-14") { contributions { topic status } } } }""";
        bool Lists(GraphResponse r) => r.At("healthAndWellbeingBoard.jsna.contributions").EnumerateArray().Any(c => c.GetProperty("topic").GetString() == topic);
        Assert.True(Lists(await graph.PostAsync(Unit, contributions, purpose: PurposeOfUse.Jsna)));
        Assert.False(Lists(await graph.PostAsync("03C", contributions, purpose: PurposeOfUse.Jsna)));
        var submitted = await graph.PostAsync("02B", SubmitContribution, new { input = Contribution("02B", topic, rowVersion) }, purpose: null, scopes: ["jsna:write"]);
        Assert.True(submitted.Errors.Count == 0, submitted.ToString());
        Assert.Equal("SUBMITTED", submitted.At("submitJsnaContribution.contribution.status").GetString());
    }
}
