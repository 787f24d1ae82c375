using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.Graph.Host.Commands;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Directory.Persistence;
using Commissioning.Graph.Modules.Governance.Persistence;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Server.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Commissioning.Graph.Host.Tests.Policies;

/// <summary>
/// The real modules served as federation subgraphs (<c>serve --module NAME</c>, over TestServer) on one shared, seeded
/// database, beside the one process on the same database; every SQL statement each issues is counted.
/// </summary>
public sealed class RealSubgraphs : IAsyncLifetime
{
    public static readonly string[] Names = ["commissioning", "local-government", "nhs-cb", "directory"];
    private GraphDatabase _database = null!;
    public Dictionary<string, (WebApplication App, StatementCounter Counter)> Servers { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _database = await GraphDatabase.CreateAsync(DatabaseProvider.Sqlite, "subgraphs");
        foreach (var name in Names.Append("one-process"))
        {
            var counter = new StatementCounter();
            // Statements are counted per request: no background outbox relay polling beside them (writers deliver their own).
            var app = ServeCommand.BuildGraphServer(ServeCommand.WithDevelopmentDefault([.. _database.ServeArguments, "--Directory:Outbox:Relay=false"]),
                name == "one-process" ? null : name, builder =>
                {
                    builder.WebHost.UseTestServer();
                    builder.Services.ConfigureDbContext<SqliteCommissioningDbContext>(o => o.AddInterceptors(counter));
                    builder.Services.ConfigureDbContext<SqliteLocalGovernmentDbContext>(o => o.AddInterceptors(counter));
                    builder.Services.ConfigureDbContext<SqliteNhsCbDbContext>(o => o.AddInterceptors(counter));
                    builder.Services.ConfigureDbContext<SqliteDirectoryDbContext>(o => o.AddInterceptors(counter));
                    builder.Services.ConfigureDbContext<SqliteGovernanceDbContext>(o => o.AddInterceptors(counter));
                });
            // Each subgraph migrates and seeds its own module and publishes its facts to the shared directory.
            await ServeCommand.PrepareDatabaseAsync(app);
            await app.StartAsync();
            Servers[name] = (app, counter);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (app, _) in Servers.Values) await app.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Posts a request to <paramref name="server"/> as <paramref name="caller"/>; returns the body and the statements it cost.</summary>
    public async Task<(JsonElement Body, int Statements)> PostAsync(string server, string caller, string query, object? variables = null,
        string purpose = "COMMISSIONING", IReadOnlyDictionary<string, string>? headers = null)
    {
        var (app, counter) = Servers[server];
        using var client = app.GetTestClient();
        var token = app.Services.GetRequiredService<DevelopmentTokenAuthority>().Mint(new DevelopmentTokenRequest { Organisation = caller });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Purpose-Of-Use", purpose);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
        var before = counter.Count;
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return (JsonDocument.Parse(text).RootElement.Clone(), counter.Count - before);
    }

    public sealed class StatementCounter : DbCommandInterceptor
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

/// <summary>
/// The real modules as subgraphs decide their policies from the caller and the directory alone (issue 8): a JSNA's
/// contributions in <c>local-government</c> (no Commissioning tables there), 01A's own allocation through
/// <c>_entities</c> in <c>nhs-cb</c>, a return's <c>duties</c> in <c>commissioning</c> (allocation limits from the
/// directory) — each answering as the one process does.
/// </summary>
public sealed class RealSubgraphTests(RealSubgraphs subgraphs, ITestOutputHelper output) : IClassFixture<RealSubgraphs>
{
    private const string Contributions = """
        { healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2013-14") { contributions { id consortium { code } topic status indicators { name numerator } } } } }
        """;

    [Theory]
    [InlineData("01A")]        // a member consortium: submitted ones and its own drafts
    [InlineData("02B")]
    [InlineData("E10000001")]  // the council whose HWB it is: every one, drafts included
    [InlineData("03C")]        // not a member: none but its own
    [InlineData("X24")]
    public async Task Local_government_answers_jsna_contributions_as_the_one_process_does(string caller)
    {
        var (subgraph, statements) = await subgraphs.PostAsync("local-government", caller, Contributions, purpose: "JSNA");
        var (oneProcess, _) = await subgraphs.PostAsync("one-process", caller, Contributions, purpose: "JSNA");

        // Same data, same errors (small counts are suppressed for everyone but the author, in either shape).
        Assert.Equal(oneProcess.GetRawText(), subgraph.GetRawText());
        output.WriteLine($"local-government, contributions as {caller}: {statements} statements");
        var contributions = subgraph.GetProperty("data").GetProperty("healthAndWellbeingBoard").GetProperty("jsna").GetProperty("contributions");
        if (caller == "E10000001") Assert.Contains(contributions.EnumerateArray(), c => c.GetProperty("status").GetString() == "DRAFT");
        if (caller == "03C") Assert.Equal(0, contributions.GetArrayLength());
        else Assert.True(contributions.GetArrayLength() > 0);
    }

    private const string OwnAllocation = """
        query($r: [_Any!]!) { _entities(representations: $r) { ... on Consortium { code allocation(year: "2013-14") { programmeBudget revenueResourceLimit } assurance(year: "2013-14") { rating } interventions { kind } } } }
        """;

    [Fact]
    public async Task Nhs_cb_answers_a_consortiums_own_allocation_through_entities()
    {
        var representations = new { r = new[] { new Dictionary<string, string> { ["__typename"] = "Consortium", ["code"] = "01A" } } };
        var (own, statements) = await subgraphs.PostAsync("nhs-cb", "01A", OwnAllocation, representations, purpose: "FINANCIAL_ASSURANCE");
        var (other, _) = await subgraphs.PostAsync("nhs-cb", "02B", OwnAllocation, representations, purpose: "FINANCIAL_ASSURANCE");

        Assert.False(own.TryGetProperty("errors", out var errors), errors.ToString());
        var consortium = own.GetProperty("data").GetProperty("_entities")[0];
        Assert.Equal("418600000.00", consortium.GetProperty("allocation").GetProperty("programmeBudget").GetString());
        Assert.Equal(JsonValueKind.Object, consortium.GetProperty("assurance").ValueKind);
        output.WriteLine($"nhs-cb, 01A's allocation through _entities: {statements} statements");

        // Another consortium is refused, with the reason, as the one process refuses it.
        var forbidden = other.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(forbidden, e => e.GetProperty("extensions").GetProperty("code").GetString() == "FORBIDDEN"
                                        && e.GetProperty("path").EnumerateArray().Select(p => p.ToString()).SequenceEqual(["_entities", "0", "allocation"]));
    }

    private const string Duties = """
        { consortium(code: "03C") { financialReturns(year: "2013-14", first: 3) { nodes { month version duties { allMet breached breakEven { limit } } } } } }
        """;

    [Fact]
    public async Task Commissioning_judges_duties_against_the_allocation_the_directory_holds()
    {
        var (subgraph, statements) = await subgraphs.PostAsync("commissioning", "03C", Duties, purpose: "FINANCIAL_ASSURANCE");
        var (oneProcess, _) = await subgraphs.PostAsync("one-process", "03C", Duties, purpose: "FINANCIAL_ASSURANCE");

        Assert.False(subgraph.TryGetProperty("errors", out var errors), errors.ToString());
        var nodes = subgraph.GetProperty("data").GetProperty("consortium").GetProperty("financialReturns").GetProperty("nodes");
        Assert.True(nodes.GetArrayLength() > 0);
        Assert.All(nodes.EnumerateArray(), n => Assert.Equal(JsonValueKind.Object, n.GetProperty("duties").ValueKind));
        Assert.Equal(oneProcess.GetProperty("data").GetRawText(), subgraph.GetProperty("data").GetRawText());
        output.WriteLine($"commissioning, 03C's returns with duties: {statements} statements");
    }

    [Fact]
    public async Task Disclosures_written_by_several_subgraphs_for_one_client_request_read_as_one()
    {
        var requestId = "it-" + Guid.NewGuid().ToString("N");
        var headers = new Dictionary<string, string>
        {
            ["X-Request-Id"] = requestId, ["X-Client-Operation-Name"] = "NorthvaleOverview", ["X-Client-Document-Hash"] = "sha256:client",
        };
        // Two subgraphs each disclose part of one client request about 01A's data to the NHS CB.
        await subgraphs.PostAsync("commissioning", "X24", Duties.Replace("03C", "01A"), purpose: "FINANCIAL_ASSURANCE", headers: headers);
        await subgraphs.PostAsync("nhs-cb", "X24", """{ allocations(year: "2013-14") { consortium { code } programmeBudget } }""", purpose: "FINANCIAL_ASSURANCE", headers: headers);

        var (register, _) = await subgraphs.PostAsync("one-process", "X24",
            """{ disclosures(owningOrganisation: "01A", first: 20) { nodes { operationName documentHash owningOrganisation schemaCoordinates } } }""", purpose: "AUDIT");
        Assert.False(register.TryGetProperty("errors", out var errors), errors.ToString());
        var mine = register.GetProperty("data").GetProperty("disclosures").GetProperty("nodes").EnumerateArray()
            .Where(n => n.GetProperty("operationName").GetString() == "NorthvaleOverview").ToList();
        var one = Assert.Single(mine);
        Assert.Equal("sha256:client", one.GetProperty("documentHash").GetString());
        var coordinates = one.GetProperty("schemaCoordinates").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("Query.allocations", coordinates);
        Assert.Contains(coordinates, c => c!.StartsWith("FinancialReturn.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_directory_subgraph_answers_organisations_of_every_kind_by_key()
    {
        var id = Commissioning.Graph.Engine.Federation.GlobalId.Encode("HealthAndWellbeingBoard", "HWB-E06000002");
        var (body, statements) = await subgraphs.PostAsync("directory", "03C", $$"""
            {
              council: organisation(code: "E10000001") { __typename code }
              practice: organisation(code: "A02004") { __typename code }
              none: organisation(code: "NOPE") { code }
              organisations(kind: CONSORTIUM, first: 2) { totalCount nodes { __typename code } pageInfo { hasNextPage } }
              node(id: "{{id}}") { __typename ... on HealthAndWellbeingBoard { code } }
            }
            """);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.Equal("""{"council":{"__typename":"LocalAuthority","code":"E10000001"},"practice":{"__typename":"GpPractice","code":"A02004"},"none":null,"organisations":{"totalCount":3,"nodes":[{"__typename":"Consortium","code":"01A"},{"__typename":"Consortium","code":"02B"}],"pageInfo":{"hasNextPage":true}},"node":{"__typename":"HealthAndWellbeingBoard","code":"HWB-E06000002"}}""",
            body.GetProperty("data").GetRawText());
        output.WriteLine($"directory, organisation x3 + organisations + node: {statements} statements");

        // _entities: the directory resolves every organisation type by key (the gateway asks the owner for the rest).
        var (entities, _) = await subgraphs.PostAsync("directory", "03C", """
            query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Provider { code } ... on NhsCommissioningBoard { code } } }
            """, new { r = new[] { new Dictionary<string, string> { ["__typename"] = "Provider", ["code"] = "RNV" }, new() { ["__typename"] = "NhsCommissioningBoard", ["code"] = "X24" } } });
        Assert.Equal("""{"_entities":[{"__typename":"Provider","code":"RNV"},{"__typename":"NhsCommissioningBoard","code":"X24"}]}""",
            entities.GetProperty("data").GetRawText());
    }
}
