using System.Text.Json;

namespace Commissioning.Graph.Host.Tests.Authorization;

public enum Access { Allow, Deny }

/// <summary>
/// The authorisation matrix: every organisation of the demonstration data set × every restricted schema
/// coordinate of DOMAIN.md's "Who may see what", checked through real HTTP with real development tokens.
/// Allowed → data at the path and no FORBIDDEN there; denied → null at the path with a FORBIDDEN error whose
/// path is the field's (or, for a list, the item left out), and the rest of the response intact.
/// </summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class AuthorizationMatrixTests(AuthorizedGraphFixture graph)
{
    /// <summary>The callers of the table's columns, in order.</summary>
    private static readonly string[] Columns = ["X24", "E10000001", "E06000002", "01A", "02B", "03C", "A01001", "RNV", "RRC", "NQ1"];

    /// <summary>CSU-NV, Northvale Commissioning Support Unit: it acts for 01A and 02B (<c>supportFor</c>, from 2013-04-01) and
    /// acted for 03C in 2012-13 only.</summary>
    public const string SupportUnit = "CSU-NV";

    /// <summary>Every caller of the matrix: the table's columns, then the support unit (whose column is <see cref="SupportUnitReads"/>).</summary>
    public static readonly string[] Callers = [.. Columns, SupportUnit];

    /// <summary>
    /// The support unit's column, kept apart so that rows added to the table need no new column: of every row it reads exactly
    /// its clients' financial returns and JSNA contributions (drafts included: it drafts them), nothing else — not 03C's, whose
    /// arrangement ended with 2012-13, nor its clients' allocations, assurance, statements, plans or contracts.
    /// </summary>
    private static readonly HashSet<(string Coordinate, string Target)> SupportUnitReads =
    [
        ("Consortium.financialReturns", "01A"),
        ("Consortium.financialReturns", "02B"),
        ("FinancialReturn.practiceBreakdown", "01A"),
        ("JsnaContribution (submitted)", "HWB-E10000001/Childhood obesity"),                    // 02B's
        ("JsnaContribution (submitted)", "HWB-E06000002/Chronic obstructive pulmonary disease"), // 02B's
        ("JsnaContribution (draft)", "HWB-E10000001/Self-harm in young people"),                // 02B's draft
        // Published strategies and plan responses are everyone's.
        ("JointHealthAndWellbeingStrategy (published)", "HWB-E06000002/2013-14"),
        ("CommissioningPlan.hwbResponses (published)", "03C/2013-14"),
    ];

    // Who may see what, for the demonstration data (DOMAIN.md). Y = allow, n = deny.
    // 02B sits on both HWBs; 01A leads LCA-ACUTE-RNV with associates 02B and 03C, which covers CT-01A-RNV;
    // E10000001 hosts POOL-LD-NV (partners E10000001, 01A, 02B); 03C hosts POOL-IC-RS (partners 03C, E06000002).
    private static readonly (string Coordinate, string Target, string Expected)[] Table =
    [
        //  coordinate                                   target                        X24 E10000001 E06000002 01A 02B 03C A01001 RNV RRC NQ1
        ("Consortium.financialReturns",               "01A",                          "Y   n         n         Y   n   n   n      n   n   n"),
        ("Consortium.financialReturns",               "02B",                          "Y   n         n         n   Y   n   n      n   n   n"),
        ("Consortium.financialReturns",               "03C",                          "Y   n         n         n   n   Y   n      n   n   n"),
        ("FinancialReturn.practiceBreakdown",         "01A",                          "Y   n         n         Y   n   n   n      n   n   n"),
        ("FinancialReturn.practiceBreakdown",         "03C",                          "Y   n         n         n   n   Y   n      n   n   n"),
        ("Consortium.allocation",                     "01A",                          "Y   n         n         Y   n   n   n      n   n   n"),
        ("Consortium.allocation",                     "02B",                          "Y   n         n         n   Y   n   n      n   n   n"),
        ("Consortium.assurance",                      "02B",                          "Y   n         n         n   Y   n   n      n   n   n"),
        ("Consortium.assurance",                      "03C",                          "Y   n         n         n   n   Y   n      n   n   n"),
        ("Consortium.interventions",                  "03C",                          "Y   n         n         n   n   Y   n      n   n   n"),
        ("Consortium.dutyEvidence",                   "01A",                          "Y   n         n         Y   n   n   n      n   n   n"),
        ("Consortium.dutyEvidence",                   "03C",                          "Y   n         n         n   n   Y   n      n   n   n"),
        ("AssuranceAssessment.dutyFindings",          "02B",                          "Y   n         n         n   Y   n   n      n   n   n"),
        ("AssuranceAssessment.checkpoints",           "03C",                          "Y   n         n         n   n   Y   n      n   n   n"),
        ("GpPractice.prescribingSpend",               "A01001",                       "Y   n         n         Y   n   n   n      n   n   n"),
        ("GpPractice.prescribingSpend",               "A02001",                       "Y   n         n         n   Y   n   n      n   n   n"),
        ("GpPractice.prescribingSpend",               "A03001",                       "Y   n         n         n   n   Y   n      n   n   n"),
        ("JsnaContribution (submitted)",              "HWB-E10000001/Childhood obesity",       "Y   Y         n         Y   Y   n   n      n   n   n"),
        ("JsnaContribution (submitted)",              "HWB-E06000002/Frailty and falls",       "Y   n         Y         n   Y   Y   n      n   n   n"),
        ("JsnaContribution (submitted)",              "HWB-E06000002/Chronic obstructive pulmonary disease", "Y   n         Y         n   Y   Y   n      n   n   n"),
        ("JsnaContribution (draft)",                  "HWB-E10000001/Self-harm in young people", "n   Y         n         n   Y   n   n      n   n   n"),
        ("JsnaContribution (draft)",                  "HWB-E06000002/Alcohol",                 "n   n         Y         n   n   Y   n      n   n   n"),
        ("PooledBudget.contributions",                "POOL-LD-NV",                   "Y   Y         n         Y   Y   n   n      n   n   n"),
        ("PooledBudget.contributions",                "POOL-IC-RS",                   "Y   n         Y         n   n   Y   n      n   n   n"),
        ("PooledBudget.riskShare",                    "POOL-LD-NV",                   "Y   Y         n         Y   Y   n   n      n   n   n"),
        ("PooledBudget.riskShare",                    "POOL-IC-RS",                   "Y   n         Y         n   n   Y   n      n   n   n"),
        ("PooledBudget.expenditure",                  "POOL-LD-NV",                   "Y   Y         n         Y   Y   n   n      n   n   n"),
        ("PooledBudget.expenditure",                  "POOL-IC-RS",                   "Y   n         Y         n   n   Y   n      n   n   n"),
        ("PooledBudget.outturn",                      "POOL-LD-NV",                   "Y   Y         n         Y   Y   n   n      n   n   n"),
        ("PooledBudget.outturn",                      "POOL-IC-RS",                   "Y   n         Y         n   n   Y   n      n   n   n"),
        ("ArrangementAssociate.share",                "LCA-ACUTE-RNV",                "Y   n         n         Y   Y   Y   n      n   n   n"),
        ("ArrangementAssociate.activity",             "LCA-ACUTE-RNV",                "Y   n         n         Y   Y   Y   n      n   n   n"),
        ("ArrangementAssociate.cost",                 "LCA-ACUTE-RNV",                "Y   n         n         Y   Y   Y   n      n   n   n"),
        ("LeadCommissioningArrangement.leadCost",     "LCA-ACUTE-RNV",                "Y   n         n         Y   Y   Y   n      n   n   n"),
        // The lead's statements to its associates: the parties and the NHS CB; the provider is not a party.
        ("LeadCommissioningArrangement.statements",   "LCA-ACUTE-RNV",                "Y   n         n         Y   Y   Y   n      n   n   n"),
        ("Consortium.arrangementStatements",          "02B",                          "Y   n         n         n   Y   n   n      n   n   n"),
        ("Consortium.arrangementStatements",          "03C",                          "Y   n         n         n   n   Y   n      n   n   n"),
        ("Contract.annualValue",                      "CT-01A-RNV",                   "Y   n         n         Y   Y   Y   n      Y   n   n"),
        ("Contract.annualValue",                      "CT-02B-NQ1",                   "Y   n         n         n   Y   n   n      n   n   Y"),
        ("Contract.annualValue",                      "CT-03C-RRC",                   "Y   n         n         n   n   Y   n      n   Y   n"),
        ("Contract.activityPlan",                     "CT-01A-RNV",                   "Y   n         n         Y   Y   Y   n      Y   n   n"),
        ("Contract.performance",                      "CT-01A-RNV",                   "Y   n         n         Y   Y   Y   n      Y   n   n"),
        ("Contract.performance",                      "CT-03C-RRC",                   "Y   n         n         n   n   Y   n      n   Y   n"),
        // Strategies and plans: published ones are everyone's; a draft strategy is its council's, the board's partners' and
        // the NHS CB's; a consortium's unpublished plan its own, the partners' of every board it sits on, and the NHS CB's.
        ("JointHealthAndWellbeingStrategy (published)", "HWB-E06000002/2013-14",      "Y   Y         Y         Y   Y   Y   Y      Y   Y   Y"),
        ("JointHealthAndWellbeingStrategy (draft)",   "HWB-E10000001/2014-15",        "Y   Y         n         Y   Y   n   n      n   n   n"),
        ("CommissioningPlan (shared with the HWB)",   "01A/2014-15",                  "Y   Y         n         Y   Y   n   n      n   n   n"),
        ("CommissioningPlan (draft)",                 "02B/2014-15",                  "Y   Y         Y         Y   Y   Y   n      n   n   n"),
        ("CommissioningPlan.hwbResponses (published)", "03C/2013-14",                 "Y   Y         Y         Y   Y   Y   Y      Y   Y   Y"),
    ];

    public static TheoryData<string, string, string, Access> Matrix
    {
        get
        {
            var data = AccessTable.Cases(Columns, Table);
            foreach (var (coordinate, target, _) in Table)
                data.Add(SupportUnit, coordinate, target, SupportUnitReads.Contains((coordinate, target)) ? Access.Allow : Access.Deny);
            return data;
        }
    }

    [Fact]
    public void The_matrix_covers_every_organisation_kind_of_the_demo_data_and_every_restricted_area()
    {
        Assert.Equal(Table.Length * Callers.Length, Matrix.Count());
        // The support unit's column names rows of the table only.
        Assert.All(SupportUnitReads, read => Assert.Contains(Table, row => (row.Coordinate, row.Target) == read));
        Assert.Equal(Table.Select(r => r.Coordinate).Distinct().Count(), Probes.Count);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_caller_reads_a_restricted_coordinate_as_who_may_see_what_says(string caller, string coordinate, string target, Access expected)
    {
        var probe = Probes[coordinate](target);

        var response = await graph.PostAsync(caller, probe.Query, purpose: PurposeFor(coordinate));

        Assert.True(response.Status == System.Net.HttpStatusCode.OK, response.ToString());
        // The rest of the response is intact: the public sibling is there whatever the decision.
        Assert.True(response.At(probe.SiblingPath).ValueKind == JsonValueKind.String && response.At(probe.SiblingPath).GetString() == probe.SiblingValue,
            $"{probe.SiblingPath} should be {probe.SiblingValue}: {response}");
        if (probe.ListTopic is { } topic)
        {
            // A list is filtered: the item is there or not, and a filtered list is no error.
            var items = response.At(probe.Path);
            Assert.True(items.ValueKind == JsonValueKind.Array, response.ToString());
            var present = items.EnumerateArray().Any(i => i.GetProperty("topic").GetString() == topic);
            Assert.True(present == (expected == Access.Allow), $"{caller} {(expected == Access.Allow ? "should" : "should not")} see \"{topic}\": {response}");
            Assert.DoesNotContain(response.Errors, e => GraphResponse.CodeOf(e) == "FORBIDDEN");
            return;
        }
        if (expected == Access.Allow)
        {
            var value = response.At(probe.Path);
            Assert.True(value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined), $"{caller} should read {probe.Path}: {response}");
            if (value.ValueKind == JsonValueKind.Array) Assert.NotEqual(0, value.GetArrayLength());
            Assert.DoesNotContain(response.Errors, e => GraphResponse.CodeOf(e) == "FORBIDDEN");
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, response.At(probe.DeniedAt).ValueKind);
            var error = Assert.Single(response.ErrorsAt(probe.DeniedAt));
            Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(error));
            // The message names the field, never the data.
            Assert.Matches(@"^Not authorised to read [A-Za-z]+\.[A-Za-z]+\.$", error.GetProperty("message").GetString());
            Assert.All(response.Errors, e => Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(e)));
        }
    }

    /// <summary>A purpose that covers the coordinate (DOMAIN.md's purpose table), so only the policies decide here.</summary>
    private static string PurposeFor(string coordinate) => coordinate.Split('.')[0] switch
    {
        "Consortium" when coordinate is "Consortium.assurance" or "Consortium.interventions" or "Consortium.dutyEvidence" => "ASSURANCE",
        "Consortium" when coordinate is "Consortium.arrangementStatements" => "LEAD_COMMISSIONING",
        "AssuranceAssessment" => "ASSURANCE",
        "Consortium" or "FinancialReturn" => "FINANCIAL_ASSURANCE",
        "PooledBudget" => "POOLED_BUDGET_MANAGEMENT",
        "ArrangementAssociate" or "LeadCommissioningArrangement" => "LEAD_COMMISSIONING",
        "Contract" => "CONTRACT_MANAGEMENT",
        "JointHealthAndWellbeingStrategy (published)" or "JointHealthAndWellbeingStrategy (draft)" => "JSNA",
        _ => "COMMISSIONING",
    };

    /// <summary>How one coordinate is read: the query, where the data is, where a denial shows, a public sibling, or (for a filtered list) the item's topic.</summary>
    private sealed record Probe(string Query, string Path, string DeniedAt, string SiblingPath, string SiblingValue, string? ListTopic = null);

    private static readonly Dictionary<string, Func<string, Probe>> Probes = new()
    {
        ["Consortium.financialReturns"] = t => new($$"""{ consortium(code: "{{t}}") { code financialReturns(year: "2013-14") { totalCount nodes { month status lines { category plan } } } } }""",
            "consortium.financialReturns.nodes", "consortium.financialReturns", "consortium.code", t),
        ["FinancialReturn.practiceBreakdown"] = t => new($$"""{ consortium(code: "{{t}}") { code latestFinancialReturn(year: "2013-14") { month practiceBreakdown { practice { code } plan } } } }""",
            "consortium.latestFinancialReturn.practiceBreakdown", "consortium.latestFinancialReturn", "consortium.code", t),
        ["Consortium.allocation"] = t => new($$"""{ consortium(code: "{{t}}") { code allocation(year: "2013-14") { programmeBudget revenueResourceLimit } } }""",
            "consortium.allocation.programmeBudget", "consortium.allocation", "consortium.code", t),
        ["Consortium.assurance"] = t => new($$"""{ consortium(code: "{{t}}") { code assurance(year: "2013-14") { rating financeFinding } } }""",
            "consortium.assurance.rating", "consortium.assurance", "consortium.code", t),
        ["Consortium.dutyEvidence"] = t => new($$"""{ consortium(code: "{{t}}") { code dutyEvidence(year: "2013-14") { duty summary } } }""",
            "consortium.dutyEvidence", "consortium.dutyEvidence", "consortium.code", t),
        // The assessment itself is refused to others (Consortium.assurance); its owner and the NHS CB read the findings.
        ["AssuranceAssessment.dutyFindings"] = t => new($$"""{ consortium(code: "{{t}}") { code assurance(year: "2013-14") { dutyFindings { duty rating evidence { summary } } } } }""",
            "consortium.assurance.dutyFindings", "consortium.assurance", "consortium.code", t),
        ["AssuranceAssessment.checkpoints"] = t => new($$"""{ consortium(code: "{{t}}") { code assurance(year: "2013-14") { checkpoints { quarter finding } } } }""",
            "consortium.assurance.checkpoints", "consortium.assurance", "consortium.code", t),
        ["Consortium.interventions"] = t => new($$"""{ consortium(code: "{{t}}") { code interventions { kind reason } } }""",
            "consortium.interventions", "consortium.interventions", "consortium.code", t),
        ["GpPractice.prescribingSpend"] = t => new($$"""{ gpPractice(code: "{{t}}") { code prescribingSpend } }""",
            "gpPractice.prescribingSpend", "gpPractice.prescribingSpend", "gpPractice.code", t),
        ["JsnaContribution (submitted)"] = Jsna,
        ["JsnaContribution (draft)"] = Jsna,
        ["PooledBudget.contributions"] = t => new($$"""{ pooledBudget(code: "{{t}}") { code contributions(year: "2013-14") { partnerCode amount } } }""",
            "pooledBudget.contributions", "pooledBudget.contributions", "pooledBudget.code", t),
        ["PooledBudget.riskShare"] = t => new($$"""{ pooledBudget(code: "{{t}}") { code riskShare } }""",
            "pooledBudget.riskShare", "pooledBudget.riskShare", "pooledBudget.code", t),
        ["PooledBudget.expenditure"] = t => new($$"""{ pooledBudget(code: "{{t}}") { code expenditure(year: "2013-14") { month serviceArea amount } } }""",
            "pooledBudget.expenditure", "pooledBudget.expenditure", "pooledBudget.code", t),
        ["PooledBudget.outturn"] = t => new($$"""{ pooledBudget(code: "{{t}}") { code outturn(year: "2013-14") { variance partnerShares { partner { code } amount } } } }""",
            "pooledBudget.outturn.variance", "pooledBudget.outturn", "pooledBudget.code", t),
        ["ArrangementAssociate.share"] = t => Associate(t, "share"),
        ["ArrangementAssociate.activity"] = t => Associate(t, "activity"),
        ["ArrangementAssociate.cost"] = t => Associate(t, "cost"),
        ["LeadCommissioningArrangement.leadCost"] = t => new($$"""{ leadCommissioningArrangement(code: "{{t}}") { code leadCost } }""",
            "leadCommissioningArrangement.leadCost", "leadCommissioningArrangement.leadCost", "leadCommissioningArrangement.code", t),
        ["LeadCommissioningArrangement.statements"] = t => new($$"""{ leadCommissioningArrangement(code: "{{t}}") { code statements(year: "2013-14") { month associate { code } cost status } } }""",
            "leadCommissioningArrangement.statements", "leadCommissioningArrangement.statements", "leadCommissioningArrangement.code", t),
        ["Consortium.arrangementStatements"] = t => new($$"""{ consortium(code: "{{t}}") { code arrangementStatements(year: "2013-14") { month cost status } } }""",
            "consortium.arrangementStatements", "consortium.arrangementStatements", "consortium.code", t),
        ["JointHealthAndWellbeingStrategy (published)"] = Strategy,
        ["JointHealthAndWellbeingStrategy (draft)"] = Strategy,
        // A consortium's plans are a list filtered in SQL: the year (as "topic") is listed or not.
        ["CommissioningPlan (shared with the HWB)"] = Plans,
        ["CommissioningPlan (draft)"] = Plans,
        ["CommissioningPlan.hwbResponses (published)"] = t => new($$"""{ consortium(code: "{{t.Split('/')[0]}}") { code commissioningPlans(year: "{{t.Split('/')[1]}}") { hwbResponses { board { code } view statement } } } }""",
            "consortium.commissioningPlans.0.hwbResponses", "consortium.commissioningPlans.0.hwbResponses", "consortium.code", t.Split('/')[0]),
        ["Contract.annualValue"] = t => Contract(t, "annualValue"),
        ["Contract.activityPlan"] = t => Contract(t, "activityPlan"),
        ["Contract.performance"] = t => new($$"""{ contract(code: "{{t}}") { code performance(year: "2013-14") { month activityActual costActual } } }""",
            "contract.performance", "contract.performance", "contract.code", t),
    };

    private static Probe Jsna(string target)
    {
        var (hwb, topic) = (target.Split('/')[0], target.Split('/')[1]);
        return new($$"""{ healthAndWellbeingBoard(code: "{{hwb}}") { code jsna(year: "2013-14") { contributions { topic status narrative } } } }""",
            "healthAndWellbeingBoard.jsna.contributions", "healthAndWellbeingBoard.jsna.contributions", "healthAndWellbeingBoard.code", hwb, topic);
    }

    private static Probe Strategy(string target)
    {
        var (hwb, year) = (target.Split('/')[0], target.Split('/')[1]);
        return new($$"""{ healthAndWellbeingBoard(code: "{{hwb}}") { code strategy(year: "{{year}}") { period publishedOn priorities { code title jsnaTopics } } } }""",
            "healthAndWellbeingBoard.strategy.period", "healthAndWellbeingBoard.strategy", "healthAndWellbeingBoard.code", hwb);
    }

    private static Probe Plans(string target)
    {
        var (consortium, year) = (target.Split('/')[0], target.Split('/')[1]);
        return new($$"""{ consortium(code: "{{consortium}}") { code commissioningPlans { topic: year status title strategyPriorities { code } hwbResponses { view } } } }""",
            "consortium.commissioningPlans", "consortium.commissioningPlans", "consortium.code", consortium, year);
    }

    // The first associate of the arrangement (02B, 30%).
    private static Probe Associate(string target, string field) =>
        new($$"""{ leadCommissioningArrangement(code: "{{target}}") { code associates { consortium { code } {{field}} } } }""",
            $"leadCommissioningArrangement.associates.0.{field}", $"leadCommissioningArrangement.associates.0.{field}", "leadCommissioningArrangement.code", target);

    private static Probe Contract(string target, string field) =>
        new($$"""{ contract(code: "{{target}}") { code {{field}} } }""", $"contract.{field}", $"contract.{field}", "contract.code", target);
}
