using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Governance;
using Commissioning.Graph.Modules.Governance.Graph;
using Commissioning.Graph.Modules.Governance.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Host.Governance;
using Commissioning.Graph.Server.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Server.Tests.Governance;

/// <summary>
/// The GraphQL endpoint with the disclosure register on a temporary SQLite file, over a small schema
/// whose resolvers fill the request's <see cref="DisclosureLedger"/> by hand as the authorisation
/// layer does (restricted fields record what they disclose; a FORBIDDEN field records nothing), plus
/// the governance module's <c>disclosures</c> query. The caller comes from the <c>X-Test-Org</c> header.
/// </summary>
public sealed class DisclosureTestHost : IAsyncDisposable
{
    public const string OrgHeader = "X-Test-Org";

    private const string Prelude = """
        scalar DateTime
        type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
        directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
        directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
        """;

    private const string Sdl = """
        type Query {
          hello: String
          "Restricted: records (FinancialReturn.lines, owner, count)."
          lines(owner: ID!, count: Int!): [Int!]
          "Restricted: records (FinancialReturn.duties, owner, 1)."
          duties(owner: ID!): String
          "Denied by authorisation: FORBIDDEN, nothing recorded."
          forbidden(owner: ID!): String
          "The organisation and purpose the request executes as (its scope's subject), read after a hop to the thread pool."
          caller: String
        }
        type Mutation { touch: Boolean }
        type Subscription { ticks(owner: ID!, count: Int!): Tick! }
        type Tick { n: Int! caller: String }
        """;

    private readonly string _file;

    public WebApplication App { get; }
    public HttpClient Client { get; }

    private DisclosureTestHost(WebApplication app, string file)
    {
        App = app;
        _file = file;
        Client = app.GetTestClient();
    }

    /// <param name="register">Replaces the database register (to make writing fail).</param>
    public static async Task<DisclosureTestHost> StartAsync(IDisclosureRegister? register = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"disclosure-test-{Guid.NewGuid():N}.db");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Commissioning"] = $"Data Source={file};Pooling=False",
        });
        var module = new GovernanceGraphModule();
        builder.Services.AddGraphQLServer(builder.Configuration, _ => BuildSchema(module));
        builder.Services.AddGovernance(builder.Configuration);
        if (register is not null) builder.Services.AddSingleton(register);
        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<CommissioningDatabase>().MigrateAsync();
        app.UseWebSockets();
        app.Use(HeaderCaller);
        app.MapGraphQL();
        await app.StartAsync();
        return new DisclosureTestHost(app, file);
    }

    private static Schema BuildSchema(IGraphModule module)
    {
        var builder = SchemaBuilder.FromSdl(Prelude + "\n" + Sdl + "\n" + module.Sdl)
            .Resolve("Query.lines", ctx =>
            {
                var count = (int)ctx.Arguments["count"]!;
                ctx.Scope.Disclosures.Record("FinancialReturn.lines", (string)ctx.Arguments["owner"]!, count);
                return Enumerable.Range(1, count).Cast<object?>().ToList();
            })
            .Resolve("Query.duties", ctx =>
            {
                ctx.Scope.Disclosures.Record("FinancialReturn.duties", (string)ctx.Arguments["owner"]!);
                return "RESTRICTED-DUTIES";
            })
            .Resolve("Query.forbidden", _ => throw new GraphQLException(new GraphQLError("Not for you.")
                { Extensions = new Dictionary<string, object?> { ["code"] = ErrorCodes.Forbidden } }))
            .Resolve("Query.hello", _ => "world")
            .ResolveAsync("Query.caller", CallerAsync)
            .ResolveAsync("Tick.caller", CallerAsync)
            .Resolve("Subscription.ticks", ctx => ctx.Source)
            .Resolve("Tick.n", ctx =>
            {
                var (n, owner) = ((int, string))ctx.Source!;
                ctx.Scope.Disclosures.Record("Tick.n", owner);
                return n;
            });
        module.Configure(builder);
        var schema = builder.Build();
        schema.SubscriptionType!.Fields["ticks"].Subscriber = ctx =>
            ValueTask.FromResult(Ticks((int)ctx.Arguments["count"]!, (string)ctx.Arguments["owner"]!));
        var dateTime = (ScalarType)schema.GetType("DateTime")!;
        dateTime.Serialize = v => v is DateTime d ? d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : v;
        return schema;
    }

    private static async Task<object?> CallerAsync(IResolveContext ctx)
    {
        await Task.Yield();
        var subject = AuthorizationSubject.Of(ctx);
        return $"{subject.Organisation}/{subject.Purpose}";
    }

    private static async IAsyncEnumerable<object?> Ticks(int count, string owner, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 1; i <= count; i++)
        {
            await Task.Yield();
            yield return (i, owner);
        }
    }

    /// <summary>Stands in for identity, where identity sets the caller (the request's <see cref="ICallerFeature"/>): the
    /// caller is the organisation the request's header (or, for a WebSocket, its <c>org</c> query parameter) names.</summary>
    private static Task HeaderCaller(Microsoft.AspNetCore.Http.HttpContext http, Func<Task> next)
    {
        var org = http.Request.Headers[OrgHeader].ToString();
        if (org.Length == 0 && http.Request.Query.TryGetValue("org", out var q)) org = q.ToString();
        if (org.Length > 0)
            http.Features.Set<ICallerFeature>(new HeaderCallerFeature(new Caller(org, "app-" + org, new HashSet<string>(), "FINANCIAL_ASSURANCE", "user-" + org)));
        return next();
    }

    private sealed record HeaderCallerFeature(Caller Caller) : ICallerFeature;

    public async Task<(int Status, JsonElement Body, string Text)> PostAsync(string org, string query, string? operationName = null, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, operationName, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(OrgHeader, org);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    public async Task<List<DisclosureRecord>> RecordsAsync()
    {
        await using var db = App.Services.GetRequiredService<IDbContextFactory<GovernanceDbContext>>().CreateDbContext();
        return await db.DisclosureRecords.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    public async Task AppendAsync(params DisclosureRecord[] records) =>
        await App.Services.GetRequiredService<IDisclosureRegister>().AppendAsync(records);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }
}
