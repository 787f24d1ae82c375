using System.Text.Json;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>
/// Statutory duties beyond money (DOMAIN.md second wave): the annual assessment with a finding per duty and
/// quarterly checkpoints, consortia's duty evidence, <c>submitDutyEvidence</c> and <c>recordAssuranceAssessment</c>.
/// </summary>
public sealed class StatutoryDutyTests
{
    private const string Deep = """
        { allocations(year: "2013-14") { consortium { code
            assurance(year: "2013-14") { rating rowVersion checkpoints { quarter finding recordedOn }
              dutyFindings { duty rating finding evidence { duty summary } } }
            dutyEvidence(year: "2013-14") { duty summary rowVersion } } } }
        """;

    private static readonly string[] Duties =
    [
        "IMPROVE_QUALITY", "REDUCE_INEQUALITIES", "PROMOTE_PATIENT_CHOICE", "INVOLVE_PUBLIC", "OBTAIN_PROFESSIONAL_ADVICE",
        "PROMOTE_INTEGRATION", "PUBLISH_COMMISSIONING_PLAN", "PUBLISH_ANNUAL_REPORT", "FINANCIAL_DUTIES",
    ];

    [Fact]
    public async Task Each_demo_consortium_has_an_annual_assessment_with_a_finding_per_duty_its_evidence_and_two_checkpoints()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var response = await host.ExecuteAsync(Deep);
        response.AssertNoErrors();

        var consortia = response.Data("allocations").EnumerateArray().Select(a => a.GetProperty("consortium")).ToDictionary(c => c.Str("code"));
        Assert.Equal(["01A", "02B", "03C"], consortia.Keys.Order());
        foreach (var (code, c) in consortia)
        {
            var assessment = c.GetProperty("assurance");
            var findings = assessment.GetProperty("dutyFindings").EnumerateArray().ToList();
            Assert.Equal(Duties, findings.Select(f => f.Str("duty")));
            // Each finding carries exactly the consortium's evidence on that duty.
            Assert.All(findings, f => Assert.Equal(f.Str("duty"), Assert.Single(f.GetProperty("evidence").EnumerateArray()).Str("duty")));
            Assert.Equal(Duties, c.GetProperty("dutyEvidence").EnumerateArray().Select(e => e.Str("duty")));
            Assert.Equal([1, 2], assessment.GetProperty("checkpoints").EnumerateArray().Select(q => q.GetProperty("quarter").GetInt32()));
        }

        // By hand from the demo data: 03C is the consortium whose month-6 return forecasts a breach (its allocation's
        // revenue resource limit is exceeded: DemoConsortium.OverSpending), so its FINANCIAL_DUTIES finding, and only
        // its, is PARTIALLY_ASSURED; 02B, on two boards, is ASSURED_WITH_SUPPORT on PROMOTE_INTEGRATION; the other
        // 9 × 3 − 2 = 25 findings are ASSURED.
        string Rating(string code, string duty) => consortia[code].GetProperty("assurance").GetProperty("dutyFindings").EnumerateArray()
            .Single(f => f.Str("duty") == duty).Str("rating");
        Assert.Equal("PARTIALLY_ASSURED", Rating("03C", "FINANCIAL_DUTIES"));
        Assert.Equal("ASSURED_WITH_SUPPORT", Rating("02B", "PROMOTE_INTEGRATION"));
        Assert.Equal(25, consortia.Values.SelectMany(c => c.GetProperty("assurance").GetProperty("dutyFindings").EnumerateArray())
            .Count(f => f.Str("rating") == "ASSURED"));
        Assert.Contains("recovery plan", consortia["03C"].GetProperty("assurance").GetProperty("checkpoints")[1].Str("finding"));
    }

    [Fact]
    public async Task A_deep_query_over_duties_issues_the_same_number_of_statements_at_demo_scale_and_ten_times_it()
    {
        int at1, at10, consortiaAt10;
        await using (var host = await ModuleGraphHost.CreateAsync(scale: 1))
        {
            (await host.ExecuteAsync(Deep)).AssertNoErrors();
            at1 = host.Statements;
        }
        await using (var host = await ModuleGraphHost.CreateAsync(scale: 10))
        {
            var response = await host.ExecuteAsync(Deep);
            response.AssertNoErrors();
            at10 = host.Statements;
            consortiaAt10 = response.Data("allocations").GetArrayLength();
        }
        Assert.Equal(30, consortiaAt10);
        // allocations; assessments; findings; checkpoints; evidence (dutyEvidence and the findings' evidence share one loader).
        Assert.Equal(at1, at10);
        Assert.True(at1 <= 6, $"{at1} statements");
    }

    private const string Submit = """
        mutation($input: SubmitDutyEvidenceInput!) { submitDutyEvidence(input: $input) {
          evidence { duty year summary rowVersion consortium { code } } userErrors { message path code } } }
        """;

    [Fact]
    public async Task A_consortium_submits_evidence_then_revises_it_at_the_version_it_read()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        object Input(string summary, int? expected = null, string year = "2014-15") => new
        {
            input = new { consortiumCode = "01A", year, duty = "INVOLVE_PUBLIC", summary, expectedRowVersion = expected },
        };

        var created = (await host.ExecuteAsync(Submit, Input("Citizens' panel, three meetings."))).Data("submitDutyEvidence");
        Assert.Empty(created.UserErrors());
        Assert.Equal(("INVOLVE_PUBLIC", 1), (created.GetProperty("evidence").Str("duty"), created.GetProperty("evidence").GetProperty("rowVersion").GetInt32()));

        Assert.Equal([("REQUIRED", "input.expectedRowVersion")], (await host.ExecuteAsync(Submit, Input("Again."))).Data("submitDutyEvidence").UserErrors());
        var revised = (await host.ExecuteAsync(Submit, Input("Citizens' panel, four meetings.", 1))).Data("submitDutyEvidence");
        Assert.Empty(revised.UserErrors());
        Assert.Equal(("Citizens' panel, four meetings.", 2), (revised.GetProperty("evidence").Str("summary"), revised.GetProperty("evidence").GetProperty("rowVersion").GetInt32()));
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")], (await host.ExecuteAsync(Submit, Input("Stale.", 1))).Data("submitDutyEvidence").UserErrors());
        Assert.Equal([("INVALID", "input.year"), ("REQUIRED", "input.summary")], (await host.ExecuteAsync(Submit, Input(" ", null, "2014"))).Data("submitDutyEvidence").UserErrors());

        var read = await host.ExecuteAsync("""{ allocations(year: "2013-14") { consortium { code dutyEvidence(year: "2014-15") { duty summary } } } }""");
        read.AssertNoErrors();
        var of01A = read.Data("allocations").EnumerateArray().Select(a => a.GetProperty("consortium")).Single(c => c.Str("code") == "01A");
        Assert.Equal([("INVOLVE_PUBLIC", "Citizens' panel, four meetings.")], of01A.GetProperty("dutyEvidence").EnumerateArray().Select(e => (e.Str("duty"), e.Str("summary"))));
    }

    private const string Record = """
        mutation($input: RecordAssuranceAssessmentInput!) { recordAssuranceAssessment(input: $input) {
          assessment { year rating rowVersion dutyFindings { duty rating finding } checkpoints { quarter finding } } userErrors { message path code } } }
        """;

    private static object AssessmentInput(string year, object[] findings, object[]? checkpoints, int? expected) => new
    {
        input = new
        {
            consortiumCode = "01A", year, rating = "ASSURED", assessedOn = "2014-10-09", summary = "Annual assessment.",
            dutyFindings = findings, checkpoints, expectedRowVersion = expected,
        },
    };

    [Fact]
    public async Task The_board_records_an_annual_assessment_and_revises_it_replacing_findings_in_one_transaction()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var quality = new { duty = "IMPROVE_QUALITY", rating = "ASSURED", finding = "Met." };
        var money = new { duty = "FINANCIAL_DUTIES", rating = "ASSURED", finding = "All four met." };
        var q1 = new { quarter = 1, finding = "On track.", recordedOn = "2014-07-14" };

        var created = (await host.ExecuteAsync(Record, AssessmentInput("2014-15", [quality, money], [q1], null))).Data("recordAssuranceAssessment");
        Assert.Empty(created.UserErrors());
        Assert.Equal(["IMPROVE_QUALITY", "FINANCIAL_DUTIES"], created.GetProperty("assessment").GetProperty("dutyFindings").EnumerateArray().Select(f => f.Str("duty")));
        Assert.Equal(1, created.GetProperty("assessment").GetProperty("rowVersion").GetInt32());

        // Annual: a second recording for the year is a revision, at the version read.
        Assert.Equal([("REQUIRED", "input.expectedRowVersion")],
            (await host.ExecuteAsync(Record, AssessmentInput("2014-15", [quality], null, null))).Data("recordAssuranceAssessment").UserErrors());
        var revised = (await host.ExecuteAsync(Record, AssessmentInput("2014-15",
            [new { duty = "FINANCIAL_DUTIES", rating = "PARTIALLY_ASSURED", finding = "Running costs over the allowance." }], null, 1))).Data("recordAssuranceAssessment");
        Assert.Empty(revised.UserErrors());
        var assessment = revised.GetProperty("assessment");
        Assert.Equal(2, assessment.GetProperty("rowVersion").GetInt32());
        Assert.Equal([("FINANCIAL_DUTIES", "PARTIALLY_ASSURED")], assessment.GetProperty("dutyFindings").EnumerateArray().Select(f => (f.Str("duty"), f.Str("rating"))));
        Assert.Equal([1], assessment.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("quarter").GetInt32()));   // omitted: kept
        Assert.Equal([("CONFLICT", "input.expectedRowVersion")],
            (await host.ExecuteAsync(Record, AssessmentInput("2014-15", [quality], null, 1))).Data("recordAssuranceAssessment").UserErrors());
    }

    [Fact]
    public async Task An_assessment_with_a_duty_twice_a_bad_quarter_or_an_empty_finding_is_refused_and_nothing_written()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        var payload = (await host.ExecuteAsync(Record, AssessmentInput("2014-15",
            [new { duty = "INVOLVE_PUBLIC", rating = "ASSURED", finding = "Met." }, new { duty = "INVOLVE_PUBLIC", rating = "NOT_ASSURED", finding = "Not met." },
             new { duty = "IMPROVE_QUALITY", rating = "ASSURED", finding = "" }],
            [new { quarter = 5, finding = "?", recordedOn = "2014-07-14" }], null))).Data("recordAssuranceAssessment");

        Assert.Equal([("INVALID", "input.dutyFindings.1.duty"), ("REQUIRED", "input.dutyFindings.2.finding"), ("INVALID", "input.checkpoints.0.quarter")], payload.UserErrors());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("assessment").ValueKind);
        var read = await host.ExecuteAsync("""{ allocations(year: "2013-14") { consortium { code assurance(year: "2014-15") { rating } } } }""");
        Assert.All(read.Data("allocations").EnumerateArray(), a => Assert.Equal(JsonValueKind.Null, a.GetProperty("consortium").GetProperty("assurance").ValueKind));
    }
}
