using System.Text.Json;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// The second wave over HTTP with real tokens: statutory-duty writes checked against their policies before
/// anything is written, and the first-wave defects of issue 11 (a JSNA never started by a contribution, enum
/// values in GraphQL casing in messages).
/// </summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class SecondWaveTests(AuthorizedGraphFixture graph)
{
    private const string SubmitEvidence = """
        mutation($input: SubmitDutyEvidenceInput!) { submitDutyEvidence(input: $input) { evidence { duty summary rowVersion } userErrors { code path } } }
        """;

    private static object Evidence(string consortium, string year) =>
        new { input = new { consortiumCode = consortium, year, duty = "PROMOTE_PATIENT_CHOICE", summary = "Choice at referral." } };

    [Fact]
    public async Task A_consortium_submits_its_own_duty_evidence_and_reads_it_without_a_purpose()
    {
        var submitted = await graph.PostAsync("02B", SubmitEvidence, Evidence("02B", "2015-16"), purpose: null, scopes: ["assurance:evidence"]);

        Assert.True(submitted.Errors.Count == 0, submitted.ToString());
        Assert.Equal(1, submitted.At("submitDutyEvidence.evidence.rowVersion").GetInt32());
        var read = await graph.PostAsync("02B", """{ consortium(code: "02B") { dutyEvidence(year: "2015-16") { duty summary } } }""", purpose: null);
        Assert.True(read.Errors.Count == 0, read.ToString());
        Assert.Equal("PROMOTE_PATIENT_CHOICE", read.At("consortium.dutyEvidence.0.duty").GetString());
    }

    [Theory]
    [InlineData("03C")]         // another consortium
    [InlineData("X24")]         // the NHS CB assesses, it does not submit evidence
    [InlineData("E10000001")]
    public async Task No_one_else_submits_a_consortiums_duty_evidence(string caller)
    {
        var response = await graph.PostAsync(caller, SubmitEvidence, Evidence("02B", "2016-17"), purpose: PurposeOfUse.Assurance, scopes: ["assurance:evidence"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(error));
        Assert.Equal("POLICY", error.GetProperty("extensions").GetProperty("reason").GetString());
        Assert.Equal("Not authorised to perform Mutation.submitDutyEvidence.", error.GetProperty("message").GetString());
        var read = await graph.PostAsync("02B", """{ consortium(code: "02B") { dutyEvidence(year: "2016-17") { duty } } }""", purpose: null);
        Assert.Equal(0, read.At("consortium.dutyEvidence").GetArrayLength());
    }

    private const string RecordAssessment = """
        mutation($input: RecordAssuranceAssessmentInput!) { recordAssuranceAssessment(input: $input) {
          assessment { year rating dutyFindings { duty rating } } userErrors { code path } } }
        """;

    private static object Assessment(string year) => new
    {
        input = new
        {
            consortiumCode = "03C", year, rating = "ASSURED_WITH_SUPPORT", assessedOn = "2015-10-08",
            dutyFindings = new[] { new { duty = "FINANCIAL_DUTIES", rating = "ASSURED_WITH_SUPPORT", finding = "Recovery plan delivered." } },
        },
    };

    [Fact]
    public async Task Only_the_nhs_cb_records_an_assessment_and_reads_the_findings_for_assurance()
    {
        var refused = await graph.PostAsync("03C", RecordAssessment, Assessment("2015-16"), purpose: null, scopes: ["assurance:write"]);
        var noScope = await graph.PostAsync("X24", RecordAssessment, Assessment("2015-16"), purpose: PurposeOfUse.Assurance);
        var recorded = await graph.PostAsync("X24", RecordAssessment, Assessment("2015-16"), purpose: PurposeOfUse.Assurance, scopes: ["assurance:write"]);

        Assert.Equal("POLICY", Assert.Single(refused.Errors).GetProperty("extensions").GetProperty("reason").GetString());
        Assert.Equal("MISSING_SCOPE", Assert.Single(noScope.Errors).GetProperty("extensions").GetProperty("reason").GetString());
        Assert.True(recorded.Errors.Count == 0, recorded.ToString());
        Assert.Equal("ASSURED_WITH_SUPPORT", recorded.At("recordAssuranceAssessment.assessment.dutyFindings.0.rating").GetString());

        // The consortium reads its own findings with no purpose; the NHS CB needs one covering assurance.
        const string findings = """{ consortium(code: "03C") { assurance(year: "2015-16") { dutyFindings { duty rating } } } }""";
        Assert.Empty((await graph.PostAsync("03C", findings, purpose: null)).Errors);
        var wrongPurpose = await graph.PostAsync("X24", findings, purpose: PurposeOfUse.Jsna);
        Assert.Equal("PURPOSE_NOT_PERMITTED", Assert.Single(wrongPurpose.Errors).GetProperty("extensions").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_jsna_contribution_for_a_year_without_a_jsna_is_a_user_error_and_starts_no_jsna()
    {
        const string submit = """
            mutation($input: SubmitJsnaContributionInput!) { submitJsnaContribution(input: $input) { contribution { topic } userErrors { code path message } } }
            """;
        var input = new
        {
            healthAndWellbeingBoardCode = "HWB-E10000001", year = "2014-15", consortiumCode = "01A", topic = "Smoking",
            narrative = "Smoking prevalence.", indicators = Array.Empty<object>(),
        };

        var response = await graph.PostAsync("01A", submit, new { input }, purpose: null, scopes: ["jsna:write"]);
        var jsna = await graph.PostAsync("E10000001", """{ healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2014-15") { title } } }""", purpose: PurposeOfUse.Jsna);

        Assert.True(response.Errors.Count == 0, response.ToString());
        var error = Assert.Single(response.At("submitJsnaContribution.userErrors").EnumerateArray());
        Assert.Equal("NO_JSNA", error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, response.At("submitJsnaContribution.contribution").ValueKind);
        Assert.Equal(JsonValueKind.Null, jsna.At("healthAndWellbeingBoard.jsna").ValueKind);
    }

    [Fact]
    public async Task Enum_values_in_messages_are_written_as_the_graph_writes_them()
    {
        // 01A's month-6 return is a draft: accepting it is refused, naming its status as the graph writes it.
        var list = await graph.PostAsync("X24", """{ consortium(code: "01A") { financialReturns(year: "2013-14", status: DRAFT) { nodes { id rowVersion } } } }""",
            purpose: PurposeOfUse.FinancialAssurance);
        var draft = list.At("consortium.financialReturns.nodes.0");
        const string accept = """
            mutation($input: AcceptFinancialReturnInput!) { acceptFinancialReturn(input: $input) { financialReturn { status } userErrors { code message } } }
            """;
        var input = new { id = draft.GetProperty("id").GetString(), expectedRowVersion = draft.GetProperty("rowVersion").GetInt32() };

        var response = await graph.PostAsync("X24", accept, new { input }, purpose: PurposeOfUse.FinancialAssurance, scopes: ["returns:review"]);

        var message = Assert.Single(response.At("acceptFinancialReturn.userErrors").EnumerateArray()).GetProperty("message").GetString();
        Assert.EndsWith("this one is DRAFT.", message);
    }
}
