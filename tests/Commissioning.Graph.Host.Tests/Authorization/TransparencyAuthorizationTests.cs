using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// Involvement and transparency (DOMAIN.md second wave) over HTTP with real tokens: engagements, decisions' procurement
/// routes and withdrawn members, annual reports and audited accounts (published: anyone, no purpose; before publication:
/// the consortium and the NHS CB, filtered in SQL, disclosed for ASSURANCE — accounts also FINANCIAL_ASSURANCE), the NHS
/// CB's list of overdue publications, and the consortium's own writes. The writes touch data no other test reads: 03C's
/// and 02B's 2013-14 report and accounts, 01A's and 03C's new engagements; the 2012-13 publications stay as seeded.
/// </summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class TransparencyAuthorizationTests(AuthorizedGraphFixture graph)
{
    /// <summary>Every organisation of the demonstration data, a practice and the commissioning support unit CSU-NV included.</summary>
    public static readonly string[] Callers = AuthorizationMatrixTests.Callers;

    // Y = allow, n = deny. Published 2012-13 reports: 01A, 02B (03C's is recorded, not published); every 2012-13 account is published.
    private static readonly (string Coordinate, string Target, string Expected)[] Table =
    [
        //  coordinate                              target          X24 E10000001 E06000002 01A 02B 03C A01001 RNV RRC NQ1 CSU-NV
        ("AnnualReport (published)",             "01A/2012-13",   "Y   Y         Y         Y   Y   Y   Y      Y   Y   Y   Y"),
        ("AnnualReport (recorded, unpublished)", "03C/2012-13",   "Y   n         n         n   n   Y   n      n   n   n   n"),
        ("AnnualAccounts (published)",           "03C/2012-13",   "Y   Y         Y         Y   Y   Y   Y      Y   Y   Y   Y"),
        ("AnnualAccounts.auditedDuties (published)", "01A/2012-13", "Y   Y         Y         Y   Y   Y   Y      Y   Y   Y   Y"),
        ("Query.publicationsOverdue",            "2012-13",       "Y   n         n         n   n   n   n      n   n   n   n"),
    ];

    public static TheoryData<string, string, string, Access> Matrix => AccessTable.Cases(Callers, Table);

    /// <summary>A Decimal scalar's value (serialised as a string, e.g. "3100000.00").</summary>
    private static decimal Money(JsonElement value) => decimal.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private static string? ReasonOf(JsonElement error) => error.GetProperty("extensions").GetProperty("reason").GetString();

    private static string Reports(string consortium, string year) =>
        $$"""{ consortium(code: "{{consortium}}") { code annualReports(year: "{{year}}") { year publishedOn publicMeetingOn url } } }""";

    private static string Accounts(string consortium, string year) =>
        $$"""{ consortium(code: "{{consortium}}") { code annualAccounts(year: "{{year}}") { year publishedOn auditOpinion auditedDuties { breakEven { limit outturn headroom met } allMet breached } } } }""";

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_caller_reads_reports_accounts_and_the_overdue_list_as_who_may_see_what_says(string caller, string coordinate, string target, Access expected)
    {
        if (coordinate == "Query.publicationsOverdue")
        {
            var overdue = await graph.PostAsync(caller, """query($year: String!) { publicationsOverdue(year: $year, asOf: "2014-01-15") { consortium { code } publication } }""",
                new { year = target }, purpose: PurposeOfUse.Assurance);
            Assert.True(overdue.Status == System.Net.HttpStatusCode.OK, overdue.ToString());
            if (expected == Access.Allow)
            {
                Assert.True(overdue.Errors.Count == 0, overdue.ToString());
                Assert.NotEqual(0, overdue.At("publicationsOverdue").GetArrayLength());
                return;
            }
            // Refused, not an empty list that reads as "nothing overdue".
            var error = Assert.Single(overdue.Errors);
            Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(error), ReasonOf(error)));
            Assert.Equal("Not authorised to read Query.publicationsOverdue.", error.GetProperty("message").GetString());
            return;
        }

        var (consortium, year) = (target.Split('/')[0], target.Split('/')[1]);
        var accounts = coordinate.StartsWith("AnnualAccounts", StringComparison.Ordinal);
        // A purpose that covers the coordinate, so only the rules decide; a published record needs none, and is read without.
        var purpose = coordinate.Contains("(published)", StringComparison.Ordinal) ? null : PurposeOfUse.Assurance;
        var response = await graph.PostAsync(caller, accounts ? Accounts(consortium, year) : Reports(consortium, year), purpose: purpose);

        Assert.True(response.Status == System.Net.HttpStatusCode.OK, response.ToString());
        Assert.Equal(consortium, response.At("consortium.code").GetString());
        // A list filtered in SQL: the record is listed or not, and a filtered list is no error.
        Assert.DoesNotContain(response.Errors, e => GraphResponse.CodeOf(e) == "FORBIDDEN");
        Assert.True(response.Errors.Count == 0, response.ToString());
        var items = response.At(accounts ? "consortium.annualAccounts" : "consortium.annualReports");
        Assert.Equal(expected == Access.Allow ? 1 : 0, items.GetArrayLength());
        if (expected == Access.Allow && coordinate.Contains("auditedDuties", StringComparison.Ordinal))
            Assert.Equal(3_100_000m, Money(items[0].GetProperty("auditedDuties").GetProperty("breakEven").GetProperty("headroom")));
    }

    [Fact]
    public void The_matrix_has_a_row_per_caller_for_every_restricted_area_of_the_slice()
    {
        Assert.Equal(Table.Length * Callers.Length, Matrix.Count());
        Assert.Contains("A01001", Callers);
    }

    // ---- Purposes

    [Fact]
    public async Task The_NHS_CB_reads_an_unpublished_report_for_assurance_and_is_refused_it_for_another_purpose()
    {
        var assurance = await graph.PostAsync("X24", Reports("03C", "2012-13"), purpose: PurposeOfUse.Assurance);
        var audit = await graph.PostAsync("X24", Reports("03C", "2012-13"), purpose: PurposeOfUse.Audit);
        var financial = await graph.PostAsync("X24", Reports("03C", "2012-13"), purpose: PurposeOfUse.FinancialAssurance);
        var none = await graph.PostAsync("X24", Reports("03C", "2012-13"), purpose: null);

        Assert.True(assurance.Errors.Count == 0, assurance.ToString());
        var report = assurance.At("consortium.annualReports.0");
        Assert.Equal((JsonValueKind.Null, "2013-11-21"), (report.GetProperty("publishedOn").ValueKind, report.GetProperty("publicMeetingOn").GetString()));
        Assert.True(audit.Errors.Count == 0, audit.ToString());
        Assert.Equal(1, audit.At("consortium.annualReports").GetArrayLength());
        // FINANCIAL_ASSURANCE does not cover reports: refused, naming the purposes that would do.
        Assert.NotEmpty(financial.Errors);
        Assert.All(financial.Errors, e => Assert.Equal(DenialReasons.PurposeNotPermitted, ReasonOf(e)));
        Assert.Contains("ASSURANCE", financial.Errors[0].GetProperty("extensions").GetProperty("purposes").EnumerateArray().Select(p => p.GetString()));
        // Without a purpose another body's unpublished report could not be read: the list is the published ones (none here), no error.
        Assert.True(none.Errors.Count == 0, none.ToString());
        Assert.Equal(0, none.At("consortium.annualReports").GetArrayLength());
    }

    [Fact]
    public async Task The_consortium_reads_its_own_unpublished_report_without_a_purpose()
    {
        var own = await graph.PostAsync("03C", Reports("03C", "2012-13"), purpose: null);

        Assert.True(own.Errors.Count == 0, own.ToString());
        Assert.Equal("https://example.nhs.uk/03c/annual-report-2012-13", own.At("consortium.annualReports.0.url").GetString());
    }

    private const string Overdue = """
        query($year: String!, $asOf: Date) { publicationsOverdue(year: $year, asOf: $asOf) {
          consortium { code } publication year dueOn overdueSince daysOverdue recordedUnpublished } }
        """;

    [Theory]
    [InlineData(PurposeOfUse.Assurance, true)]
    [InlineData(PurposeOfUse.Audit, true)]
    [InlineData(PurposeOfUse.Commissioning, false)]
    [InlineData(PurposeOfUse.FinancialAssurance, false)]
    public async Task The_overdue_list_is_disclosed_for_assurance_only(string purpose, bool allowed)
    {
        var response = await graph.PostAsync("X24", Overdue, new { year = "2012-13", asOf = "2014-01-15" }, purpose: purpose);

        if (allowed)
        {
            Assert.True(response.Errors.Count == 0, response.ToString());
            return;
        }
        Assert.NotEmpty(response.Errors);
        Assert.All(response.Errors, e => Assert.Equal(("FORBIDDEN", DenialReasons.PurposeNotPermitted), (GraphResponse.CodeOf(e), ReasonOf(e))));
        Assert.Contains("ASSURANCE", response.Errors[0].GetProperty("extensions").GetProperty("purposes").EnumerateArray().Select(p => p.GetString()));
    }

    // ---- Derived figures, by hand from the demonstration data

    [Fact]
    public async Task The_overdue_list_names_03Cs_2012_13_report_overdue_since_1_October_2013()
    {
        // 2012-13: accounts due 30 June 2013 (01A published 28 June, 02B 27 June, 03C 30 June: all on time); reports due
        // 30 September 2013 (01A 15 July, 02B 2 September; 03C recorded, never published); the plan for 2012-13 was due
        // 31 March 2012, before the consortia were established (1 April 2012): not owed.
        // On 15 January 2014, 03C's report is overdue since 1 October 2013: 30 (Oct 1-30) + 1 (Oct 31) + 30 (Nov) + 31 (Dec) + 15 (Jan) = 107 days.
        var response = await graph.PostAsync("X24", Overdue, new { year = "2012-13", asOf = "2014-01-15" }, purpose: PurposeOfUse.Assurance);

        Assert.True(response.Errors.Count == 0, response.ToString());
        var entry = Assert.Single(response.At("publicationsOverdue").EnumerateArray());
        Assert.Equal(("03C", "ANNUAL_REPORT", "2012-13", "2013-09-30", "2013-10-01", 107, true),
            (entry.GetProperty("consortium").GetProperty("code").GetString(), entry.GetProperty("publication").GetString(), entry.GetProperty("year").GetString(),
             entry.GetProperty("dueOn").GetString(), entry.GetProperty("overdueSince").GetString(), entry.GetProperty("daysOverdue").GetInt32(),
             entry.GetProperty("recordedUnpublished").GetBoolean()));
    }

    [Theory]
    [InlineData("2013-06-30")]  // the accounts' due day: 03C published on it, on time; nothing else due yet
    [InlineData("2013-09-30")]  // the reports' due day: not yet overdue
    public async Task Nothing_is_overdue_on_or_before_its_due_day(string asOf)
    {
        var response = await graph.PostAsync("X24", Overdue, new { year = "2012-13", asOf }, purpose: PurposeOfUse.Assurance);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal(0, response.At("publicationsOverdue").GetArrayLength());
    }

    [Fact]
    public async Task Plans_not_published_by_31_March_are_overdue_whether_drafted_or_not()
    {
        // 2014-15 plans were due by 31 March 2014: 01A's is shared with its board, 02B's a draft, 03C has none. On 1 April 2014 each
        // is 1 day overdue (report and accounts for 2014-15 are not due until 2015).
        var response = await graph.PostAsync("X24", Overdue, new { year = "2014-15", asOf = "2014-04-01" }, purpose: PurposeOfUse.Assurance);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal([("01A", "COMMISSIONING_PLAN", "2014-03-31", 1, true), ("02B", "COMMISSIONING_PLAN", "2014-03-31", 1, true), ("03C", "COMMISSIONING_PLAN", "2014-03-31", 1, false)],
            response.At("publicationsOverdue").EnumerateArray().Select(e => (e.GetProperty("consortium").GetProperty("code").GetString(), e.GetProperty("publication").GetString(),
                e.GetProperty("dueOn").GetString(), e.GetProperty("daysOverdue").GetInt32(), e.GetProperty("recordedUnpublished").GetBoolean())));
    }

    [Fact]
    public async Task A_malformed_year_is_bad_user_input()
    {
        var response = await graph.PostAsync("X24", Overdue, new { year = "2012", asOf = (string?)null }, purpose: PurposeOfUse.Assurance);

        Assert.Equal("BAD_USER_INPUT", GraphResponse.CodeOf(Assert.Single(response.Errors)));
    }

    [Fact]
    public async Task Audited_duties_are_the_audited_outturn_against_the_limits()
    {
        var response = await graph.PostAsync("RNV", """
            { a: consortium(code: "01A") { annualAccounts(year: "2012-13") { auditOpinion auditedDuties { breakEven { limit outturn headroom met } useOfResources { headroom } allMet breached } } }
              c: consortium(code: "03C") { annualAccounts(year: "2012-13") { auditOpinion auditedDuties { breakEven { limit outturn headroom met } revenueWithinResourceLimit { headroom }
                capitalWithinResourceLimit { headroom } useOfResources { headroom } allMet breached } } } }
            """, purpose: null);

        Assert.True(response.Errors.Count == 0, response.ToString());
        // 01A: break-even limit 405,000,000 + 7,700,000 + income 2,100,000 = 414,800,000; outturn 404,200,000 + 7,500,000 = 411,700,000;
        // headroom 3,100,000. Use of resources: 412,700,000 - 411,300,000 = 1,400,000.
        var a = response.At("a.annualAccounts.0");
        Assert.Equal("UNQUALIFIED", a.GetProperty("auditOpinion").GetString());
        var aBreakEven = a.GetProperty("auditedDuties").GetProperty("breakEven");
        Assert.Equal((414_800_000m, 411_700_000m, 3_100_000m, true),
            (Money(aBreakEven.GetProperty("limit")), Money(aBreakEven.GetProperty("outturn")), Money(aBreakEven.GetProperty("headroom")), aBreakEven.GetProperty("met").GetBoolean()));
        Assert.Equal(1_400_000m, Money(a.GetProperty("auditedDuties").GetProperty("useOfResources").GetProperty("headroom")));
        Assert.True(a.GetProperty("auditedDuties").GetProperty("allMet").GetBoolean());
        // 03C: break-even limit 292,000,000 + 5,500,000 + 800,000 = 298,300,000; outturn 295,900,000 + 5,450,000 = 301,350,000; headroom -3,050,000.
        // Revenue: 297,500,000 - 301,350,000 = -3,850,000. Capital: 900,000 - 870,000 = 30,000. Use of resources: 297,500,000 - 300,950,000 = -3,450,000.
        var c = response.At("c.annualAccounts.0");
        Assert.Equal("QUALIFIED", c.GetProperty("auditOpinion").GetString());
        var duties = c.GetProperty("auditedDuties");
        Assert.Equal((298_300_000m, 301_350_000m, -3_050_000m, false),
            (Money(duties.GetProperty("breakEven").GetProperty("limit")), Money(duties.GetProperty("breakEven").GetProperty("outturn")),
             Money(duties.GetProperty("breakEven").GetProperty("headroom")), duties.GetProperty("breakEven").GetProperty("met").GetBoolean()));
        Assert.Equal((-3_850_000m, 30_000m, -3_450_000m),
            (Money(duties.GetProperty("revenueWithinResourceLimit").GetProperty("headroom")), Money(duties.GetProperty("capitalWithinResourceLimit").GetProperty("headroom")),
             Money(duties.GetProperty("useOfResources").GetProperty("headroom"))));
        Assert.Equal(["BREAK_EVEN", "REVENUE_WITHIN_RESOURCE_LIMIT", "USE_OF_RESOURCES"], duties.GetProperty("breached").EnumerateArray().Select(d => d.GetString()));
    }

    // ---- Decisions, declarations, engagements

    [Fact]
    public async Task The_member_who_withdrew_from_02Bs_diagnostics_decision_declared_an_interest_in_its_provider()
    {
        var response = await graph.PostAsync("RRC", """
            { consortium(code: "02B") { commissioningDecisions { reference procurementRoute provider { code }
                membersWithdrawn { personName interest interestIn { __typename code name } }
                engagements { method significantChange healthWatchInvolved decisionReference } } } }
            """, purpose: null);

        Assert.True(response.Errors.Count == 0, response.ToString());
        var decision = Assert.Single(response.At("consortium.commissioningDecisions").EnumerateArray());
        Assert.Equal(("02B-2013-011", "ANY_QUALIFIED_PROVIDER"), (decision.GetProperty("reference").GetString(), decision.GetProperty("procurementRoute").GetString()));
        var withdrawn = Assert.Single(decision.GetProperty("membersWithdrawn").EnumerateArray());
        // The match: the declaration's organisation is the decision's provider.
        Assert.Equal(decision.GetProperty("provider").GetProperty("code").GetString(), withdrawn.GetProperty("interestIn").GetProperty("code").GetString());
        Assert.Equal(("Provider", "NQ1", "Vale Diagnostics Ltd"), (withdrawn.GetProperty("interestIn").GetProperty("__typename").GetString(),
            withdrawn.GetProperty("interestIn").GetProperty("code").GetString(), withdrawn.GetProperty("interestIn").GetProperty("name").GetString()));
        var engagement = Assert.Single(decision.GetProperty("engagements").EnumerateArray());
        Assert.Equal(("SURVEY", false, "02B-2013-011"), (engagement.GetProperty("method").GetString(), engagement.GetProperty("significantChange").GetBoolean(),
            engagement.GetProperty("decisionReference").GetString()));
    }

    [Fact]
    public async Task Every_demonstration_decision_has_a_procurement_route_and_only_02Bs_a_withdrawn_member()
    {
        var response = await graph.PostAsync("A01001", """
            { consortia(first: 3) { nodes { code commissioningDecisions { reference procurementRoute membersWithdrawn { personName } }
                conflictOfInterestDeclarations { interest interestIn { code } } } } }
            """, purpose: null);

        Assert.True(response.Errors.Count == 0, response.ToString());
        var decisions = response.At("consortia.nodes").EnumerateArray().SelectMany(c => c.GetProperty("commissioningDecisions").EnumerateArray())
            .ToDictionary(d => d.GetProperty("reference").GetString()!, d => (d.GetProperty("procurementRoute").GetString(), d.GetProperty("membersWithdrawn").GetArrayLength()));
        Assert.Equal(new Dictionary<string, (string?, int)>
        {
            ["01A-2013-007"] = ("SINGLE_TENDER", 0), ["02B-2013-011"] = ("ANY_QUALIFIED_PROVIDER", 1), ["03C-2013-003"] = ("CONTRACT_VARIATION", 0),
        }, decisions);
        // A GP member's interest in their own practice is matched to the practice.
        var first = response.At("consortia.nodes.0.conflictOfInterestDeclarations.0");
        Assert.Equal(("Partner at member practice A01001", "A01001"), (first.GetProperty("interest").GetString(), first.GetProperty("interestIn").GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("01A")]
    [InlineData("02B")]
    [InlineData("03C")]
    public async Task Each_demonstration_consortium_engaged_on_a_significant_change_with_HealthWatch_in_2013_14(string consortium)
    {
        var response = await graph.PostAsync("NQ1", $$"""
            { consortium(code: "{{consortium}}") { engagements(significantChange: true) { proposal from to healthWatchInvolved outcome consortium { code } } } }
            """, purpose: null);

        Assert.True(response.Errors.Count == 0, response.ToString());
        var seeded = response.At("consortium.engagements").EnumerateArray().Where(e => e.GetProperty("from").GetString()!.StartsWith("2013-", StringComparison.Ordinal)).ToList();
        var engagement = Assert.Single(seeded);
        Assert.True(engagement.GetProperty("healthWatchInvolved").GetBoolean());
        Assert.Equal(consortium, engagement.GetProperty("consortium").GetProperty("code").GetString());
        Assert.True(string.CompareOrdinal(engagement.GetProperty("from").GetString(), "2013-04-01") >= 0);
    }

    // ---- Mutations

    private const string RecordEngagement = """
        mutation($input: RecordEngagementInput!) { recordEngagement(input: $input) {
          engagement { id proposal method from to healthWatchInvolved outcome decisionReference rowVersion } userErrors { code path message } } }
        """;

    private static object EngagementInput(string consortium, string proposal, string from = "2014-01-06", string? to = "2014-02-28", string? engagementId = null,
        int? expectedRowVersion = null, string? decisionReference = null) => new
    {
        input = new
        {
            consortiumCode = consortium, proposal, significantChange = true, method = "PUBLIC_MEETING", from, to, healthWatchInvolved = true,
            outcome = (string?)null, engagementId, expectedRowVersion, decisionReference,
        },
    };

    private async Task<int> EngagementCountAsync(string consortium)
    {
        var read = await graph.PostAsync(consortium, $$"""{ consortium(code: "{{consortium}}") { engagements { proposal } } }""", purpose: null);
        Assert.True(read.Errors.Count == 0, read.ToString());
        return read.At("consortium.engagements").GetArrayLength();
    }

    [Theory]
    [InlineData("02B")]         // another consortium
    [InlineData("X24")]
    [InlineData("E10000001")]
    [InlineData("A01001")]      // a member practice
    public async Task No_one_but_the_consortium_records_its_engagement(string caller)
    {
        var before = await EngagementCountAsync("01A");
        var response = await graph.PostAsync(caller, RecordEngagement, EngagementInput("01A", $"Not {caller}'s to record"), purpose: PurposeOfUse.Commissioning,
            scopes: ["publications:publish"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(error), ReasonOf(error)));
        Assert.Equal("Not authorised to perform Mutation.recordEngagement.", error.GetProperty("message").GetString());
        Assert.Equal(before, await EngagementCountAsync("01A"));
    }

    [Fact]
    public async Task The_consortium_records_an_engagement_then_closes_it_and_a_stale_version_is_a_conflict()
    {
        var noScope = await graph.PostAsync("01A", RecordEngagement, EngagementInput("01A", "Seven-day discharge"), purpose: null, scopes: ["returns:submit"]);
        Assert.Equal(DenialReasons.MissingScope, ReasonOf(Assert.Single(noScope.Errors)));
        Assert.Contains("publications:publish", noScope.Errors[0].GetProperty("message").GetString());

        var recorded = await graph.PostAsync("01A", RecordEngagement, EngagementInput("01A", "Seven-day discharge", to: null), purpose: null, scopes: ["publications:publish"]);
        Assert.True(recorded.Errors.Count == 0, recorded.ToString());
        Assert.Empty(recorded.At("recordEngagement.userErrors").EnumerateArray());
        var id = recorded.At("recordEngagement.engagement.id").GetString();
        Assert.Equal((JsonValueKind.Null, 1), (recorded.At("recordEngagement.engagement.to").ValueKind, recorded.At("recordEngagement.engagement.rowVersion").GetInt32()));

        var closed = await graph.PostAsync("01A", RecordEngagement, EngagementInput("01A", "Seven-day discharge", engagementId: id, expectedRowVersion: 1,
            decisionReference: "01A-2013-007"), purpose: null, scopes: ["publications:publish"]);
        Assert.True(closed.Errors.Count == 0, closed.ToString());
        Assert.Empty(closed.At("recordEngagement.userErrors").EnumerateArray());
        Assert.Equal(("2014-02-28", 2, "01A-2013-007"), (closed.At("recordEngagement.engagement.to").GetString(), closed.At("recordEngagement.engagement.rowVersion").GetInt32(),
            closed.At("recordEngagement.engagement.decisionReference").GetString()));

        var stale = await graph.PostAsync("01A", RecordEngagement, EngagementInput("01A", "Seven-day discharge, again", engagementId: id, expectedRowVersion: 1),
            purpose: null, scopes: ["publications:publish"]);
        Assert.True(stale.Errors.Count == 0, stale.ToString());
        Assert.Equal("CONFLICT", stale.At("recordEngagement.userErrors.0.code").GetString());
        Assert.Equal(JsonValueKind.Null, stale.At("recordEngagement.engagement").ValueKind);
        var read = await graph.PostAsync("01A", """{ consortium(code: "01A") { engagements { proposal } } }""", purpose: null);
        Assert.DoesNotContain("Seven-day discharge, again", read.At("consortium.engagements").EnumerateArray().Select(e => e.GetProperty("proposal").GetString()));
    }

    [Fact]
    public async Task Bad_engagement_input_is_a_user_error_and_writes_nothing()
    {
        var before = await EngagementCountAsync("03C");
        var closesFirst = await graph.PostAsync("03C", RecordEngagement, EngagementInput("03C", "Backwards", from: "2014-03-01", to: "2014-02-01"), purpose: null, scopes: ["publications:publish"]);
        var empty = await graph.PostAsync("03C", RecordEngagement, EngagementInput("03C", "  "), purpose: null, scopes: ["publications:publish"]);
        var othersDecision = await graph.PostAsync("03C", RecordEngagement, EngagementInput("03C", "Someone else's decision", decisionReference: "01A-2013-007"),
            purpose: null, scopes: ["publications:publish"]);

        Assert.Equal(("INVALID", "input.to"), (closesFirst.At("recordEngagement.userErrors.0.code").GetString(),
            string.Join('.', closesFirst.At("recordEngagement.userErrors.0.path").EnumerateArray().Select(p => p.GetString()))));
        Assert.Equal("REQUIRED", empty.At("recordEngagement.userErrors.0.code").GetString());
        Assert.Equal("NOT_FOUND", othersDecision.At("recordEngagement.userErrors.0.code").GetString());
        Assert.Equal(before, await EngagementCountAsync("03C"));
    }

    private const string PublishReport = """
        mutation($input: PublishAnnualReportInput!) { publishAnnualReport(input: $input) { annualReport { year publishedOn publicMeetingOn url rowVersion } userErrors { code path message } } }
        """;

    private static object ReportInput(string consortium, string year, bool draft = false, int? expectedRowVersion = null, string url = "https://example.nhs.uk/report",
        string publishedOn = "2014-09-01") => new
    {
        input = new { consortiumCode = consortium, year, publicMeetingOn = "2014-09-25", url, publishedOn = draft ? null : publishedOn, draft, expectedRowVersion },
    };

    [Theory]
    [InlineData("01A")]
    [InlineData("X24")]
    [InlineData("E06000002")]
    [InlineData("A03001")]
    public async Task No_one_but_the_consortium_publishes_its_annual_report(string caller)
    {
        var response = await graph.PostAsync(caller, PublishReport, ReportInput("03C", "2013-14"), purpose: PurposeOfUse.Assurance, scopes: ["publications:publish"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(error), ReasonOf(error)));
        Assert.Equal("Not authorised to perform Mutation.publishAnnualReport.", error.GetProperty("message").GetString());
        var read = await graph.PostAsync("X24", Reports("03C", "2013-14"), purpose: PurposeOfUse.Assurance);
        Assert.Equal(0, read.At("consortium.annualReports").GetArrayLength());
    }

    [Fact]
    public async Task The_consortium_records_its_report_for_the_NHS_CB_then_publishes_it_once()
    {
        var badInput = await graph.PostAsync("03C", PublishReport, ReportInput("03C", "2013-15", url: "ftp://example"), purpose: null, scopes: ["publications:publish"]);
        Assert.Equal(["input.year", "input.url"], badInput.At("publishAnnualReport.userErrors").EnumerateArray()
            .Select(e => string.Join('.', e.GetProperty("path").EnumerateArray().Select(p => p.GetString()))));
        var notEnded = await graph.PostAsync("03C", PublishReport, ReportInput("03C", CurrentYear()), purpose: null, scopes: ["publications:publish"]);
        Assert.Equal("YEAR_NOT_ENDED", notEnded.At("publishAnnualReport.userErrors.0.code").GetString());
        var beforeYearEnd = await graph.PostAsync("03C", PublishReport, ReportInput("03C", "2013-14", publishedOn: "2014-03-31"), purpose: null, scopes: ["publications:publish"]);
        Assert.Equal(("INVALID", "input.publishedOn"), (beforeYearEnd.At("publishAnnualReport.userErrors.0.code").GetString(),
            string.Join('.', beforeYearEnd.At("publishAnnualReport.userErrors.0.path").EnumerateArray().Select(p => p.GetString()))));

        var recorded = await graph.PostAsync("03C", PublishReport, ReportInput("03C", "2013-14", draft: true), purpose: null, scopes: ["publications:publish"]);
        Assert.True(recorded.Errors.Count == 0, recorded.ToString());
        Assert.Equal((JsonValueKind.Null, 1), (recorded.At("publishAnnualReport.annualReport.publishedOn").ValueKind, recorded.At("publishAnnualReport.annualReport.rowVersion").GetInt32()));
        // Recorded: the NHS CB reads it (for assurance); another consortium does not.
        Assert.Equal(1, (await graph.PostAsync("X24", Reports("03C", "2013-14"), purpose: PurposeOfUse.Assurance)).At("consortium.annualReports").GetArrayLength());
        Assert.Equal(0, (await graph.PostAsync("01A", Reports("03C", "2013-14"), purpose: PurposeOfUse.Assurance)).At("consortium.annualReports").GetArrayLength());

        var noVersion = await graph.PostAsync("03C", PublishReport, ReportInput("03C", "2013-14"), purpose: null, scopes: ["publications:publish"]);
        Assert.Equal("REQUIRED", noVersion.At("publishAnnualReport.userErrors.0.code").GetString());
        var stale = await graph.PostAsync("03C", PublishReport, ReportInput("03C", "2013-14", expectedRowVersion: 7), purpose: null, scopes: ["publications:publish"]);
        Assert.Equal("CONFLICT", stale.At("publishAnnualReport.userErrors.0.code").GetString());

        var published = await graph.PostAsync("03C", PublishReport, ReportInput("03C", "2013-14", expectedRowVersion: 1), purpose: null, scopes: ["publications:publish"]);
        Assert.True(published.Errors.Count == 0, published.ToString());
        Assert.Empty(published.At("publishAnnualReport.userErrors").EnumerateArray());
        Assert.Equal(("2014-09-01", 2), (published.At("publishAnnualReport.annualReport.publishedOn").GetString(), published.At("publishAnnualReport.annualReport.rowVersion").GetInt32()));
        // Published: anyone reads it, without a purpose; it is final.
        var read = await graph.PostAsync("RNV", Reports("03C", "2013-14"), purpose: null);
        Assert.Equal("2014-09-01", read.At("consortium.annualReports.0.publishedOn").GetString());
        var again = await graph.PostAsync("03C", PublishReport, ReportInput("03C", "2013-14", expectedRowVersion: 2), purpose: null, scopes: ["publications:publish"]);
        Assert.Equal("ALREADY_PUBLISHED", again.At("publishAnnualReport.userErrors.0.code").GetString());
    }

    private static string CurrentYear()
    {
        var today = DateTime.UtcNow;
        var start = today.Month >= 4 ? today.Year : today.Year - 1;
        return $"{start}-{(start + 1) % 100:00}";
    }

    private const string PublishAccounts = """
        mutation($input: PublishAnnualAccountsInput!) { publishAnnualAccounts(input: $input) {
          annualAccounts { year auditOpinion publishedOn auditedDuties { breakEven { headroom } runningCostsWithinAllowance { headroom } allMet } rowVersion } userErrors { code path } } }
        """;

    private static object AccountsInput(string consortium, string runningCosts = "6700000.00") => new
    {
        input = new
        {
            consortiumCode = consortium, year = "2013-14", auditOpinion = "UNQUALIFIED", programmeBudget = "356200000.00", runningCostsAllowance = "6800000.00",
            revenueResourceLimit = "364200000.00", capitalResourceLimit = "1200000.00", incomeReceived = "900000.00", programmeExpenditure = "355000000.00",
            runningCosts, capitalExpenditure = "1100000.00", resourceUse = "361500000.00", publishedOn = "2014-06-26",
        },
    };

    [Fact]
    public async Task The_consortium_publishes_its_audited_accounts_and_the_duties_follow_from_its_figures()
    {
        var wrong = await graph.PostAsync("01A", PublishAccounts, AccountsInput("02B"), purpose: PurposeOfUse.FinancialAssurance, scopes: ["publications:publish"]);
        Assert.Equal(("FORBIDDEN", DenialReasons.Policy), (GraphResponse.CodeOf(Assert.Single(wrong.Errors)), ReasonOf(wrong.Errors[0])));
        Assert.Equal("Not authorised to perform Mutation.publishAnnualAccounts.", wrong.Errors[0].GetProperty("message").GetString());
        var negative = await graph.PostAsync("02B", PublishAccounts, AccountsInput("02B", runningCosts: "-1.00"), purpose: null, scopes: ["publications:publish"]);
        Assert.Equal(("INVALID", "input.runningCosts"), (negative.At("publishAnnualAccounts.userErrors.0.code").GetString(),
            string.Join('.', negative.At("publishAnnualAccounts.userErrors.0.path").EnumerateArray().Select(p => p.GetString()))));
        Assert.Equal(0, (await graph.PostAsync("02B", Accounts("02B", "2013-14"), purpose: null)).At("consortium.annualAccounts").GetArrayLength());

        var published = await graph.PostAsync("02B", PublishAccounts, AccountsInput("02B"), purpose: null, scopes: ["publications:publish"]);
        Assert.True(published.Errors.Count == 0, published.ToString());
        Assert.Empty(published.At("publishAnnualAccounts.userErrors").EnumerateArray());
        // Break-even: 356,200,000 + 6,800,000 + 900,000 = 363,900,000 against 355,000,000 + 6,700,000 = 361,700,000: headroom 2,200,000.
        // Running costs: 6,800,000 - 6,700,000 = 100,000.
        var duties = published.At("publishAnnualAccounts.annualAccounts.auditedDuties");
        Assert.Equal((2_200_000m, 100_000m, true), (Money(duties.GetProperty("breakEven").GetProperty("headroom")),
            Money(duties.GetProperty("runningCostsWithinAllowance").GetProperty("headroom")), duties.GetProperty("allMet").GetBoolean()));
        // Published accounts, their audited duties with them, are public: read without a purpose by a provider.
        var read = await graph.PostAsync("NQ1", Accounts("02B", "2013-14"), purpose: null);
        Assert.True(read.Errors.Count == 0, read.ToString());
        Assert.Equal(2_200_000m, Money(read.At("consortium.annualAccounts.0.auditedDuties.breakEven.headroom")));
    }
}
