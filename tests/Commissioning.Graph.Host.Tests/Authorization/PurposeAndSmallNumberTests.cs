using System.Net;
using System.Text.Json;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>Purpose of use (the <c>X-Purpose-Of-Use</c> header) and small-number suppression of JSNA indicator counts, over HTTP.</summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class PurposeAndSmallNumberTests(AuthorizedGraphFixture graph)
{
    private const string Restricted = """{ consortium(code: "01A") { code allocation(year: "2013-14") { programmeBudget } } }""";

    [Fact]
    public async Task Another_organisations_restricted_data_without_a_purpose_is_forbidden_and_the_rest_answered()
    {
        var response = await graph.PostAsync("X24", Restricted, purpose: null);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var error = Assert.Single(response.Errors);
        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(error));
        Assert.Equal("PURPOSE_REQUIRED", error.GetProperty("extensions").GetProperty("reason").GetString());
        Assert.Contains(PurposeOfUse.HeaderName, error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, response.At("consortium.allocation").ValueKind);
        Assert.Equal("01A", response.At("consortium.code").GetString());
    }

    [Fact]
    public async Task Ones_own_restricted_data_needs_no_purpose()
    {
        var response = await graph.PostAsync("01A", Restricted, purpose: null);

        Assert.Empty(response.Errors);
        Assert.NotEqual(JsonValueKind.Null, response.At("consortium.allocation.programmeBudget").ValueKind);
    }

    [Fact]
    public async Task A_restricted_query_with_a_purpose_is_answered()
    {
        var response = await graph.PostAsync("01A", Restricted, purpose: "financial_assurance");

        Assert.Empty(response.Errors);
        Assert.NotEqual(JsonValueKind.Null, response.At("consortium.allocation.programmeBudget").ValueKind);
    }

    [Fact]
    public async Task A_public_query_needs_no_purpose()
    {
        var response = await graph.PostAsync("01A", """{ consortium(code: "02B") { name practices { code } } }""", purpose: null);

        Assert.Empty(response.Errors);
        Assert.Equal(4, response.At("consortium.practices").GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_purpose_is_a_bad_request()
    {
        var response = await graph.PostAsync("01A", Restricted, purpose: "CURIOSITY");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_USER_INPUT", GraphResponse.CodeOf(Assert.Single(response.Errors)));
        Assert.DoesNotContain("programmeBudget\":", response.Text);
    }

    private const string Riverside = """{ healthAndWellbeingBoard(code: "HWB-E06000002") { jsna(year: "2013-14") { contributions { consortium { code } topic indicators { name numerator denominator } } } } }""";
    private const string Northvale = """{ healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2013-14") { contributions { consortium { code } topic indicators { name numerator denominator } } } } }""";

    private static (int Contribution, int Indicator, JsonElement Value) Find(GraphResponse response, string topic, string indicator)
    {
        var contributions = response.At("healthAndWellbeingBoard.jsna.contributions").EnumerateArray().ToList();
        var c = contributions.FindIndex(x => x.GetProperty("topic").GetString() == topic);
        Assert.True(c >= 0, $"\"{topic}\" not in {response}");
        var indicators = contributions[c].GetProperty("indicators").EnumerateArray().ToList();
        var i = indicators.FindIndex(x => x.GetProperty("name").GetString() == indicator);
        Assert.True(i >= 0, $"\"{indicator}\" not in {response}");
        return (c, i, indicators[i]);
    }

    private static void AssertSuppressed(GraphResponse response, string topic, string indicator)
    {
        var (c, i, value) = Find(response, topic, indicator);
        Assert.Equal(JsonValueKind.Null, value.GetProperty("numerator").ValueKind);
        var error = Assert.Single(response.ErrorsAt($"healthAndWellbeingBoard.jsna.contributions.{c}.indicators.{i}.numerator"));
        Assert.Equal("SUPPRESSED", GraphResponse.CodeOf(error));
        Assert.Matches(@"^JsnaIndicator\.numerator is suppressed", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("X24")]        // the NHS CB
    [InlineData("E06000002")]  // the board's local authority
    [InlineData("02B")]        // another member of the board
    public async Task A_count_under_8_is_suppressed_for_anyone_but_its_author(string caller)
    {
        // 03C's "Hip fractures in care-home residents aged 90+": 5 of 640.
        var response = await graph.PostAsync(caller, Riverside, purpose: PurposeOfUse.Jsna);

        AssertSuppressed(response, "Frailty and falls", "Hip fractures in care-home residents aged 90+");
        Assert.Equal(640, Find(response, "Frailty and falls", "Hip fractures in care-home residents aged 90+").Value.GetProperty("denominator").GetInt32());
    }

    [Fact]
    public async Task The_author_sees_its_exact_counts()
    {
        var riverside = await graph.PostAsync("03C", Riverside, purpose: PurposeOfUse.Jsna);
        var northvale = await graph.PostAsync("02B", Northvale, purpose: PurposeOfUse.Jsna);

        Assert.Equal(5, Find(riverside, "Frailty and falls", "Hip fractures in care-home residents aged 90+").Value.GetProperty("numerator").GetInt32());
        Assert.Equal(1184, Find(riverside, "Frailty and falls", "Emergency admissions for falls, aged 65+").Value.GetProperty("numerator").GetInt32());
        Assert.Equal(6, Find(northvale, "Self-harm in young people", "Emergency admissions for self-harm, aged 10–14").Value.GetProperty("numerator").GetInt32());
        Assert.Equal(412, Find(northvale, "Childhood obesity", "Obese children in Year 6").Value.GetProperty("numerator").GetInt32());
        Assert.Equal(2153, Find(northvale, "Childhood obesity", "Obese children in Year 6").Value.GetProperty("denominator").GetInt32());
        Assert.DoesNotContain(riverside.Errors, e => GraphResponse.CodeOf(e) == "SUPPRESSED");
        Assert.DoesNotContain(northvale.Errors, e => GraphResponse.CodeOf(e) == "SUPPRESSED");
    }

    [Fact]
    public async Task The_boards_local_authority_sees_a_drafts_small_count_suppressed()
    {
        // 02B's draft on self-harm: the authority may read the draft, but not its count of 6.
        var response = await graph.PostAsync("E10000001", Northvale, purpose: PurposeOfUse.Jsna);

        AssertSuppressed(response, "Self-harm in young people", "Emergency admissions for self-harm, aged 10–14");
        Assert.Equal(55, Find(response, "Self-harm in young people", "Emergency admissions for self-harm, aged 15–19").Value.GetProperty("numerator").GetInt32());
    }

    [Theory]
    [InlineData("X24", "HWB-E06000002", "Frailty and falls", "Emergency admissions for falls, aged 65+", 1185, 38960)]
    [InlineData("E06000002", "HWB-E06000002", "Frailty and falls", "Emergency admissions for falls, aged 65+", 1185, 38960)]
    [InlineData("01A", "HWB-E10000001", "Childhood obesity", "Obese children in Year 6", 410, 2155)]
    [InlineData("E10000001", "HWB-E10000001", "Childhood obesity", "Obese children in Reception", 220, 2390)]
    [InlineData("02B", "HWB-E10000001", "Diabetes", "All eight care processes completed", 2870, 14210)]
    public async Task Other_counts_are_rounded_to_the_nearest_5_for_anyone_but_the_author(string caller, string hwb, string topic, string indicator, int numerator, int denominator)
    {
        var response = await graph.PostAsync(caller, hwb == "HWB-E06000002" ? Riverside : Northvale, purpose: PurposeOfUse.Jsna);

        var value = Find(response, topic, indicator).Value;
        Assert.Equal(numerator, value.GetProperty("numerator").GetInt32());
        Assert.Equal(denominator, value.GetProperty("denominator").GetInt32());
    }
}
