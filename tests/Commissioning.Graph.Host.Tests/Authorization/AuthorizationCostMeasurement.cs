using Commissioning.Graph.Modules.Directory.Persistence;
using System.Data.Common;
using System.Diagnostics;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Host.Commands;
using Commissioning.Graph.Host.Graph;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// The cost of authorisation (issue 5's closing note): the same deep query, as the NHS CB with a purpose, against the
/// composed graph over a seeded SQLite file, executed in-process by two engines — one over the schema as composed, one
/// over the same schema with <see cref="AuthorizationTransform.Apply"/> — reporting mean request time and SQL statements
/// for each. A measurement that prints figures, not a timed test: it asserts only that both give the same data.
/// <code>
/// AUTHZ_COST_ITERATIONS=300 dotnet test tests/Commissioning.Graph.Host.Tests -c Release \
///   --filter "FullyQualifiedName~AuthorizationCostMeasurement" --logger "console;verbosity=detailed"
/// </code>
/// </summary>
public sealed class AuthorizationCostMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    public const string DeepQuery = """
        {
          consortia {
            nodes {
              code name
              practices { code name listSize prescribingSpend }
              financialReturns(year: "2013-14") {
                totalCount
                nodes {
                  id month status
                  lines { category plan yearToDateActual forecastOutturn }
                  duties { allMet atRisk breached breakEven { met headroom } }
                }
              }
              contracts { code serviceArea annualValue activityPlan provider { code name } performance { month activityActual costActual } }
              leadCommissioningArrangements { code leadShare associates { share activity cost consortium { code } } }
            }
          }
        }
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "commissioning-authz-cost-" + Guid.NewGuid().ToString("N"));
    private readonly Counter _counter = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var database = Path.Combine(_directory, "commissioning.db");
        _app = ServeCommand.BuildGraphServer(
            ServeCommand.WithDevelopmentDefault([$"--ConnectionStrings:Commissioning=Data Source={database}", "--contentRoot", _directory]),
            configure: builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Services.ConfigureDbContext<SqliteCommissioningDbContext>(o => o.AddInterceptors(_counter));
                builder.Services.ConfigureDbContext<SqliteLocalGovernmentDbContext>(o => o.AddInterceptors(_counter));
                builder.Services.ConfigureDbContext<SqliteNhsCbDbContext>(o => o.AddInterceptors(_counter));
                builder.Services.ConfigureDbContext<SqliteDirectoryDbContext>(o => o.AddInterceptors(_counter));
            });
        await ServeCommand.PrepareDatabaseAsync(_app);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Deep_query_with_and_without_the_authorisation_transform()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("AUTHZ_COST_ITERATIONS"), out var n) && n > 0 ? n : 20;
        var modules = _app.Services.GetServices<IGraphModule>().ToList();
        var plain = new GraphQLEngine(CommissioningGraph.Compose(modules).Schema);
        var authorised = new GraphQLEngine(AuthorizationTransform.Apply(CommissioningGraph.Compose(modules).Schema,
            _app.Services.GetRequiredService<IAuthorizationService>()));
        var subject = AuthorizationSubject.For("X24", purpose: "AUDIT");   // covers every coordinate of the query

        async Task<(string Json, int Statements, double Milliseconds)> RunOnceAsync(GraphQLEngine engine)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var before = _counter.Count;
            var clock = Stopwatch.StartNew();
            var result = await engine.ExecuteAsync(engine.Prepare(DeepQuery), null, null, services: scope.ServiceProvider, scope: new Engine.Execution.RequestScope(subject));
            var json = result.ToJson();
            clock.Stop();
            return (json, _counter.Count - before, clock.Elapsed.TotalMilliseconds);
        }

        // Warm up both (JIT, EF query compilation, connection pool), and check they answer alike.
        var (plainJson, _, _) = await RunOnceAsync(plain);
        var (authorisedJson, _, _) = await RunOnceAsync(authorised);
        Assert.DoesNotContain("\"errors\"", authorisedJson);
        Assert.Equal(plainJson, authorisedJson);
        for (var i = 0; i < 5; i++) { await RunOnceAsync(plain); await RunOnceAsync(authorised); }

        var times = new Dictionary<string, List<double>> { ["without"] = [], ["with"] = [] };
        var statements = new Dictionary<string, List<int>> { ["without"] = [], ["with"] = [] };
        for (var i = 0; i < iterations; i++)
        {
            // Interleaved, so drift (GC, thermal, the machine's other work) falls on both alike.
            foreach (var (name, engine) in new[] { ("without", plain), ("with", authorised) })
            {
                var (_, count, ms) = await RunOnceAsync(engine);
                times[name].Add(ms);
                statements[name].Add(count);
            }
        }

        output.WriteLine($"Deep query as X24 (AUDIT: purpose checks on every restricted field), demonstration data, SQLite; {iterations} requests each, interleaved; response {plainJson.Length} bytes");
        output.WriteLine($"{"",-24}{"mean ms",10}{"median ms",11}{"p95 ms",9}{"statements",12}");
        foreach (var name in new[] { "without", "with" })
        {
            var sorted = times[name].Order().ToList();
            output.WriteLine($"{name + " authorisation",-24}{sorted.Average(),10:F2}{sorted[sorted.Count / 2],11:F2}{sorted[(int)(sorted.Count * 0.95)],9:F2}{statements[name].Average(),12:F1}");
        }
        var overhead = times["with"].Average() / times["without"].Average() - 1;
        output.WriteLine($"authorisation adds {overhead:P0} to the mean, {statements["with"].Average() - statements["without"].Average():F1} statements per request");
    }

    private sealed class Counter : DbCommandInterceptor
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
    }
}
