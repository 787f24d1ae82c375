using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// The disclosure register through the served graph: each response that disclosed restricted data wrote one
/// record per owning organisation (caller, purpose, operation name and hash, coordinates, counts), the NHS CB
/// reads every record, and an organisation only the records about its own data.
/// </summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class DisclosureRegisterTests(AuthorizedGraphFixture graph)
{
    private const string RegisterQuery = """
        query Register($owner: ID) { disclosures(owningOrganisation: $owner, first: 500) { totalCount nodes {
          id occurredAt callerOrganisation clientApplicationId subject purposeOfUse operationName operationType documentHash
          owningOrganisation schemaCoordinates disclosed { coordinate records } records } } }
        """;

    private static string UniqueName(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The records of one operation, as <paramref name="reader"/> sees the register.</summary>
    private async Task<List<JsonElement>> RecordsOfAsync(string operationName, string reader = "X24", string? owner = null)
    {
        var register = await graph.PostAsync(reader, RegisterQuery, new { owner }, purpose: null);
        Assert.True(register.Errors.Count == 0, register.ToString());
        return register.At("disclosures.nodes").EnumerateArray().Where(n => n.GetProperty("operationName").GetString() == operationName).ToList();
    }

    private static Dictionary<string, int> Disclosed(JsonElement record) =>
        record.GetProperty("disclosed").EnumerateArray().ToDictionary(d => d.GetProperty("coordinate").GetString()!, d => d.GetProperty("records").GetInt32());

    [Fact]
    public async Task The_nhs_cb_reading_three_consortia_returns_writes_one_record_per_consortium()
    {
        var name = UniqueName("AssureReturns");
        var query = $$"""
            query {{name}} { consortia(first: 3) { nodes { code financialReturns(year: "2013-14", month: 5) { totalCount nodes { month status lines { category plan } } } } } }
            """;

        var response = await graph.PostAsync("X24", query, purpose: PurposeOfUse.FinancialAssurance);
        var records = await RecordsOfAsync(name);

        Assert.Empty(response.Errors);
        Assert.Equal(["01A", "02B", "03C"], records.Select(r => r.GetProperty("owningOrganisation").GetString()).Order());
        var returned = response.At("consortia.nodes").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!,
            c => c.GetProperty("financialReturns").GetProperty("nodes").EnumerateArray().ToList());
        foreach (var record in records)
        {
            var returns = returned[record.GetProperty("owningOrganisation").GetString()!];
            Assert.NotEmpty(returns);
            Assert.Equal("X24", record.GetProperty("callerOrganisation").GetString());
            Assert.Equal(PurposeOfUse.FinancialAssurance, record.GetProperty("purposeOfUse").GetString());
            Assert.Equal("query", record.GetProperty("operationType").GetString());
            Assert.Equal(PreparedDocument.ComputeHash(query), record.GetProperty("documentHash").GetString());
            Assert.Equal("commissioning-graph-dev", record.GetProperty("clientApplicationId").GetString());
            var disclosed = Disclosed(record);
            Assert.Equal(1, disclosed["Consortium.financialReturns"]);
            Assert.Equal(returns.Count, disclosed["FinancialReturn.month"]);
            Assert.Equal(returns.Sum(r => r.GetProperty("lines").GetArrayLength()), disclosed["FinancialReturn.lines"]);
            Assert.Equal(returns.Sum(r => r.GetProperty("lines").GetArrayLength()), disclosed["FinancialReturnLine.plan"]);
            Assert.Equal(disclosed.Keys.Order(), record.GetProperty("schemaCoordinates").EnumerateArray().Select(c => c.GetString()!));
            Assert.Equal(disclosed.Values.Sum(), record.GetProperty("records").GetInt32());
        }
    }

    [Fact]
    public async Task A_consortium_reading_its_own_returns_discloses_nothing_and_writes_no_record()
    {
        var name = UniqueName("OwnReturns");
        var query = $$"""query {{name}} { consortium(code: "01A") { financialReturns(year: "2013-14") { nodes { month } } } }""";

        var response = await graph.PostAsync("01A", query, purpose: PurposeOfUse.FinancialAssurance);

        Assert.True(response.At("consortium.financialReturns.nodes").GetArrayLength() >= 6, response.ToString());
        Assert.Empty(await RecordsOfAsync(name));
        Assert.Empty(await RecordsOfAsync(name, reader: "01A"));
    }

    [Fact]
    public async Task A_local_authority_reading_jsna_contributions_is_recorded_against_each_contributing_consortium()
    {
        var name = UniqueName("NorthvaleJsna");
        var query = $$"""query {{name}} { healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2013-14") { contributions { consortium { code } topic status } } } }""";

        var response = await graph.PostAsync("E10000001", query, purpose: PurposeOfUse.Jsna);
        var records = await RecordsOfAsync(name);

        Assert.Empty(response.Errors);
        Assert.Equal(["01A", "02B"], records.Select(r => r.GetProperty("owningOrganisation").GetString()).Order());
        var of01A = Disclosed(records.Single(r => r.GetProperty("owningOrganisation").GetString() == "01A"));
        var of02B = Disclosed(records.Single(r => r.GetProperty("owningOrganisation").GetString() == "02B"));
        Assert.Equal(1, of01A["JsnaContribution.topic"]);
        Assert.Equal(2, of02B["JsnaContribution.topic"]);   // the submitted one and the draft, which the board's authority may read
        Assert.All(records, r =>
        {
            Assert.Equal("E10000001", r.GetProperty("callerOrganisation").GetString());
            Assert.Equal(PurposeOfUse.Jsna, r.GetProperty("purposeOfUse").GetString());
        });
    }

    [Fact]
    public async Task A_denied_request_writes_no_record()
    {
        var name = UniqueName("DeniedReturns");
        var query = $$"""query {{name}} { consortium(code: "01A") { code financialReturns { nodes { month } } allocation(year: "2013-14") { programmeBudget } } }""";

        var response = await graph.PostAsync("E10000001", query);

        Assert.Equal(2, response.Errors.Count);
        Assert.Empty(await RecordsOfAsync(name));
    }

    [Fact]
    public async Task Fields_not_selected_are_not_recorded_and_public_fields_write_no_record()
    {
        var countOnly = UniqueName("CountOnly");
        var publicOnly = UniqueName("PublicOnly");

        await graph.PostAsync("X24", $$"""query {{countOnly}} { consortium(code: "02B") { financialReturns { totalCount } } }""", purpose: PurposeOfUse.FinancialAssurance);
        await graph.PostAsync("X24", $$"""query {{publicOnly}} { consortium(code: "02B") { code name practices { code listSize } } }""", purpose: null);

        var record = Assert.Single(await RecordsOfAsync(countOnly));
        Assert.Equal(["Consortium.financialReturns", "FinancialReturnConnection.totalCount"], Disclosed(record).Keys.Order());
        Assert.Empty(await RecordsOfAsync(publicOnly));
    }

    [Fact]
    public async Task An_organisation_reads_only_the_records_about_its_own_data()
    {
        var name = UniqueName("BoardReads03C");
        await graph.PostAsync("X24", $$"""query {{name}} { consortium(code: "03C") { allocation(year: "2013-14") { programmeBudget } } }""", purpose: PurposeOfUse.Allocations);

        var asOwner = await graph.PostAsync("03C", RegisterQuery, new { owner = (string?)null }, purpose: null);
        var asOther = await graph.PostAsync("01A", RegisterQuery, new { owner = (string?)null }, purpose: null);
        var naming = await graph.PostAsync("01A", RegisterQuery, new { owner = "03C" }, purpose: null);

        Assert.All(asOwner.At("disclosures.nodes").EnumerateArray(), n => Assert.Equal("03C", n.GetProperty("owningOrganisation").GetString()));
        Assert.Contains(asOwner.At("disclosures.nodes").EnumerateArray(), n => n.GetProperty("operationName").GetString() == name);
        Assert.All(asOther.At("disclosures.nodes").EnumerateArray(), n => Assert.Equal("01A", n.GetProperty("owningOrganisation").GetString()));
        Assert.DoesNotContain(asOther.At("disclosures.nodes").EnumerateArray(), n => n.GetProperty("operationName").GetString() == name);
        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(Assert.Single(naming.Errors)));
        Assert.Single(await RecordsOfAsync(name, reader: "X24", owner: "03C"));
    }
}
