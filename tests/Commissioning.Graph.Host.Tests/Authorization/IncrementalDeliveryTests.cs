using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// @defer over multipart/mixed through the served graph: authorisation applies inside deferred fragments,
/// and the disclosure register writes one record per owning organisation for the whole request, covering
/// what every payload disclosed.
/// </summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class IncrementalDeliveryTests(AuthorizedGraphFixture graph)
{
    private const string RegisterQuery = """
        query Register { disclosures(first: 500) { nodes { operationName owningOrganisation disclosed { coordinate records } } } }
        """;

    private static string UniqueName(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>POSTs with <c>Accept: multipart/mixed</c> and returns the JSON of each part, in order.</summary>
    private async Task<(string ContentType, List<JsonElement> Parts)> PostMultipartAsync(string organisation, string query, string purpose)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", graph.TokenFor(organisation));
        request.Headers.Add(PurposeOfUse.HeaderName, purpose);
        request.Headers.Accept.ParseAdd("multipart/mixed");
        using var response = await graph.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "";
        if (!contentType.StartsWith("multipart/mixed", StringComparison.Ordinal)) return (contentType, [JsonDocument.Parse(text).RootElement.Clone()]);
        Assert.EndsWith("\r\n-----\r\n", text);
        var parts = text[..^"\r\n-----\r\n".Length].Split("\r\n---\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => JsonDocument.Parse(p[(p.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]).RootElement.Clone()).ToList();
        return (contentType, parts);
    }

    private static IEnumerable<JsonElement> Entries(List<JsonElement> parts) => parts.Skip(1)
        .SelectMany(p => p.TryGetProperty("incremental", out var inc) ? inc.EnumerateArray() : Enumerable.Empty<JsonElement>());

    [Fact]
    public async Task A_deferred_query_writes_one_record_per_owning_organisation_covering_every_payload()
    {
        var name = UniqueName("DeferredAssurance");
        var query = $$"""
            query {{name}} { consortia(first: 3) { nodes { code financialReturns(year: "2013-14", month: 5) { nodes { month ... @defer(label: "lines") { lines { category plan } } } } } } }
            """;

        var (contentType, parts) = await PostMultipartAsync("X24", query, PurposeOfUse.FinancialAssurance);

        Assert.StartsWith("multipart/mixed", contentType);
        Assert.True(parts.Count >= 2, string.Join("\n", parts));
        Assert.True(parts[0].GetProperty("hasNext").GetBoolean());
        Assert.False(parts[^1].GetProperty("hasNext").GetBoolean());
        var deferredLines = Entries(parts).Sum(e => e.GetProperty("data").GetProperty("lines").GetArrayLength());
        Assert.True(deferredLines > 0);

        var register = await graph.PostAsync("X24", RegisterQuery, purpose: null);
        var records = register.At("disclosures.nodes").EnumerateArray().Where(n => n.GetProperty("operationName").GetString() == name).ToList();
        Assert.Equal(["01A", "02B", "03C"], records.Select(r => r.GetProperty("owningOrganisation").GetString()).Order());
        var lines = records.Sum(r => r.GetProperty("disclosed").EnumerateArray()
            .Where(d => d.GetProperty("coordinate").GetString() == "FinancialReturn.lines").Sum(d => d.GetProperty("records").GetInt32()));
        var months = records.Sum(r => r.GetProperty("disclosed").EnumerateArray()
            .Where(d => d.GetProperty("coordinate").GetString() == "FinancialReturn.month").Sum(d => d.GetProperty("records").GetInt32()));
        // The deferred payloads' lines are in the same records as the initial payload's months.
        Assert.Equal(deferredLines, records.Sum(r => r.GetProperty("disclosed").EnumerateArray()
            .Where(d => d.GetProperty("coordinate").GetString() == "FinancialReturnLine.plan").Sum(d => d.GetProperty("records").GetInt32())));
        Assert.True(lines > 0 && months > 0);
    }

    [Fact]
    public async Task Authorisation_applies_inside_a_deferred_fragment_as_without_defer()
    {
        var name = UniqueName("DeferredDenied");
        var query = $$"""query {{name}} { consortium(code: "01A") { code ... @defer { financialReturns { nodes { month } } } } }""";

        var (_, parts) = await PostMultipartAsync("E10000001", query, PurposeOfUse.Commissioning);

        Assert.Equal("01A", parts[0].GetProperty("data").GetProperty("consortium").GetProperty("code").GetString());
        var errors = parts.Skip(1).SelectMany(p => new[] { "incremental", "completed" }
                .SelectMany(k => p.TryGetProperty(k, out var list) ? list.EnumerateArray() : Enumerable.Empty<JsonElement>()))
            .SelectMany(e => e.TryGetProperty("errors", out var es) ? es.EnumerateArray() : Enumerable.Empty<JsonElement>()).ToList();
        var denial = Assert.Single(errors);
        Assert.Equal("FORBIDDEN", denial.GetProperty("extensions").GetProperty("code").GetString());
        // The same denial as without @defer.
        var plain = await graph.PostAsync("E10000001", query.Replace("... @defer {", "... {"), purpose: PurposeOfUse.Commissioning);
        var plainDenial = Assert.Single(plain.Errors);
        Assert.Equal(plainDenial.GetProperty("message").GetString(), denial.GetProperty("message").GetString());
        Assert.Equal(plainDenial.GetProperty("path").GetRawText(), denial.GetProperty("path").GetRawText());
        var register = await graph.PostAsync("X24", RegisterQuery, purpose: null);
        Assert.DoesNotContain(register.At("disclosures.nodes").EnumerateArray(), n => n.GetProperty("operationName").GetString() == name);
    }
}
