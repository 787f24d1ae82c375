using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.Graph.Host.Commands;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Server.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// One real <c>serve</c> (every module, identity, authorisation, the disclosure register) over TestServer
/// and a fresh database (<see cref="GraphDatabase"/>, SQLite unless <see cref="Provider"/> says otherwise) seeded with
/// the demonstration data, shared by every authorisation test.
/// Requests carry real development tokens minted by the server's own authority.
/// </summary>
public class AuthorizedGraphFixture : IAsyncLifetime
{
    /// <summary>Settings added to <c>serve</c>'s arguments.</summary>
    protected virtual string[] ExtraArguments => [];

    private GraphDatabase _database = null!;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    /// <summary>SQLite: the matrix is about authorisation, not storage (EntryPointTests and ServeTests cover PostgreSQL);
    /// COMMISSIONING_TEST_AUTHZ_PROVIDER=PostgreSql runs it on PostgreSQL instead.</summary>
    public static DatabaseProvider Provider { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("COMMISSIONING_TEST_AUTHZ_PROVIDER"), ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    public WebApplication App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await GraphDatabase.CreateAsync(Provider, "authz");
        App = ServeCommand.BuildGraphServer(
            ServeCommand.WithDevelopmentDefault([.. _database.ServeArguments, .. ExtraArguments]),
            configure: builder => builder.WebHost.UseTestServer());
        await ServeCommand.PrepareDatabaseAsync(App);
        await App.StartAsync();
        Client = App.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A development token for <paramref name="organisation"/>, minted once per (organisation, scopes).</summary>
    public string TokenFor(string organisation, params string[] scopes)
    {
        var key = organisation + "|" + string.Join(",", scopes);
        lock (_tokens)
        {
            if (!_tokens.TryGetValue(key, out var token))
                _tokens[key] = token = App.Services.GetRequiredService<DevelopmentTokenAuthority>()
                    .Mint(new DevelopmentTokenRequest { Organisation = organisation, Scopes = scopes });
            return token;
        }
    }

    /// <summary>POSTs a GraphQL request to /graphql as <paramref name="organisation"/>, stating <paramref name="purpose"/> (none when null).</summary>
    public async Task<GraphResponse> PostAsync(string organisation, string query, object? variables = null, string? purpose = PurposeOfUse.Commissioning,
        string? operationName = null, string[]? scopes = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables, operationName }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(organisation, scopes ?? []));
        if (purpose is not null) request.Headers.Add(PurposeOfUse.HeaderName, purpose);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement body;
        try { body = JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException) { body = default; }
        return new GraphResponse(response.StatusCode, text, body);
    }
}

/// <summary>An HTTP response from /graphql: status, raw text, parsed body.</summary>
/// <summary>
/// The same server without the cost limit (<c>GraphQL:MaxCost=0</c>), for suites about authorisation whose requests
/// read every row of a list under every parent at once — pages of 100 under connections of 50, priced far above the
/// default limit since connections are priced by their page (README "Cost of connections").
/// </summary>
public sealed class AuthorizedGraphWithoutCostLimitFixture : AuthorizedGraphFixture
{
    protected override string[] ExtraArguments => ["--GraphQL:MaxCost=0"];
}

public sealed record GraphResponse(HttpStatusCode Status, string Text, JsonElement Body)
{
    public JsonElement Data => Body.GetProperty("data");

    public IReadOnlyList<JsonElement> Errors =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var e) ? e.EnumerateArray().ToList() : [];

    /// <summary>The value at a response path such as <c>consortium.financialReturns</c> (numeric segments index lists); null JSON when absent.</summary>
    public JsonElement At(string path)
    {
        var current = Data;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var i)) current = current[i];
            else if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var next)) current = next;
            else return default;
        }
        return current;
    }

    /// <summary>Errors whose path is exactly <paramref name="path"/> (dot-separated).</summary>
    public IReadOnlyList<JsonElement> ErrorsAt(string path) =>
        Errors.Where(e => e.TryGetProperty("path", out var p) && string.Join(".", p.EnumerateArray().Select(s => s.ToString())) == path).ToList();

    public static string CodeOf(JsonElement error) =>
        error.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "";

    public override string ToString() => $"{(int)Status} {Text}";
}

[CollectionDefinition(Name)]
public sealed class AuthorizedGraphCollection : ICollectionFixture<AuthorizedGraphFixture>
{
    public const string Name = "Authorised graph over HTTP";
}
