using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Commissioning.Graph;
using Commissioning.Graph.Modules.Governance;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Lists;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Benchmarks;

/// <summary>
/// What projections save on wide lists: the commissioning module over a SQLite database seeded at a scale, each query
/// run with projections and with whole-row reads; prints, per request, the SQL statements, the rows, columns and bytes
/// of values they return (each statement replayed once through ADO.NET: strings as UTF-8, blobs as their length,
/// numbers and dates as 8), the request's median and p90 time over the runs, as the NHS CB, and the median time of its
/// statements alone replayed over ADO.NET (the SQL floor). A printed measurement, not a test.
/// <code>dotnet run -c Release --project tests/Commissioning.Graph.Benchmarks -- --projection-figure [--scale 100] [--runs 50]</code>
/// </summary>
public static class ProjectionFigure
{
    private const string Prelude = """
        scalar Date
        scalar DateTime
        scalar Decimal
        interface Node { id: ID! }
        interface Organisation { code: ID! name: String! kind: OrganisationKind! }
        enum OrganisationKind { NHS_COMMISSIONING_BOARD CONSORTIUM GP_PRACTICE LOCAL_AUTHORITY HEALTH_AND_WELLBEING_BOARD PROVIDER }
        type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
        type UserError { message: String! path: [String!] code: String! }
        directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
        directive @external on FIELD_DEFINITION | OBJECT
        directive @shareable repeatable on OBJECT | FIELD_DEFINITION
        directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
        directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
        directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
        directive @cost(weight: String!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
        directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
        directive @suppressSmallNumbers on FIELD_DEFINITION
        type Query
        type Mutation
        type Subscription
        """;

    private static readonly (string Name, string Query)[] Queries =
    [
        ("consortia, name only", "{ consortia(first: 100) { nodes { name } } }"),
        ("consortia, every scalar", "{ consortia(first: 100) { nodes { code name area establishedOn authorisationStatus registeredPopulation unregisteredPopulation constitution { accountableOfficer chiefFinanceOfficer caldicottGuardian seniorInformationRiskOwner decisionMaking conflictsOfInterestPolicy } } } }"),
        ("returns of 100 consortia, month+status", "{ consortia(first: 100) { nodes { financialReturns(year: \"2013-14\", first: 12) { nodes { month status } } } } }"),
        ("practices of 100 consortia, name", "{ consortia(first: 100) { nodes { practices { name } } } }"),
        ("practices' consortium, name", "{ consortia(first: 100) { nodes { practices { consortium { name } } } } }"),
        ("memberships of 100 consortia, from", "{ consortia(first: 100) { nodes { practiceMemberships { from practice { code } } } } }"),
        ("plans of 100 consortia, title", "{ consortia(first: 100) { nodes { commissioningPlans { title } } } }"),
    ];

    // The NHS CB, who may read, filter and sort on every field of these lists.
    private static readonly Engine.Authorization.AuthorizationSubject Caller =
        new(Modules.Shared.Policies.PolicyRules.DefaultNhsCommissioningBoardCode, new HashSet<string>(), "COMMISSIONING", true);

    public static async Task<int> RunAsync(string[] args)
    {
        var scale = Option(args, "--scale", 100);
        var runs = Option(args, "--runs", 50);
        var file = Path.Combine(Path.GetTempPath(), $"projection-figure-{Guid.NewGuid():N}.db");
        var recorder = new Recorder();
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file};Pooling=False" };
        var services = new ServiceCollection().AddCommissioningPersistence(options).AddGovernancePersistence(options);
        services.ConfigureDbContext<Modules.Commissioning.Persistence.SqliteCommissioningDbContext>(o => o.AddInterceptors(recorder));
        await using var provider = services.BuildServiceProvider();
        try
        {
            var seeding = Stopwatch.StartNew();
            await using (var scope = provider.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<CommissioningDatabase>().MigrateAndSeedAsync(scale);
            Console.WriteLine($"SQLite, seed --scale {scale} ({seeding.Elapsed.TotalSeconds:0.0} s), {runs} runs per row after 5 warm-ups; one request each.");
            var module = new CommissioningGraphModule();
            var builder = SchemaBuilder.FromSdl(Modules.Shared.GraphModuleResources.DefineKeyOnlyEntities(Prelude + "\n" + module.Sdl));
            module.Configure(builder);
            var engine = new GraphQLEngine(builder.Build());

            Console.WriteLine($"| {"query",-40} | {"reads",-11} | {"stmts",5} | {"rows",6} | {"columns",7} | {"bytes",10} | {"median ms",9} | {"p90 ms",7} | {"SQL med ms",10} |");
            Console.WriteLine($"|{new string('-', 42)}|{new string('-', 13)}|{new string('-', 7)}|{new string('-', 8)}|{new string('-', 9)}|{new string('-', 12)}|{new string('-', 11)}|{new string('-', 9)}|{new string('-', 12)}|");
            foreach (var (name, query) in Queries)
                foreach (var projections in new[] { false, true })
                {
                    var prepared = engine.Prepare(query);
                    async Task<string> Once()
                    {
                        var scope = new Engine.Execution.RequestScope(Caller);
                        if (!projections) Projection.Disable(scope);
                        var result = await engine.ExecuteAsync(prepared, null, null, services: provider, scope: scope);
                        if (result.Errors is { Count: > 0 } errors) throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)));
                        return result.ToJson();
                    }
                    for (var i = 0; i < 5; i++) await Once();
                    var times = new List<double>();
                    for (var i = 0; i < runs; i++)
                    {
                        var watch = Stopwatch.StartNew();
                        await Once();
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }
                    recorder.Clear();
                    await Once();
                    var (statements, rows, columns, bytes) = await recorder.ReplayAsync(options.ConnectionString);
                    // The SQL alone: the request's statements replayed over ADO.NET, as many times.
                    var sqlTimes = new List<double>();
                    for (var i = 0; i < runs; i++)
                    {
                        var watch = Stopwatch.StartNew();
                        await recorder.ReplayAsync(options.ConnectionString);
                        sqlTimes.Add(watch.Elapsed.TotalMilliseconds);
                    }
                    times.Sort();
                    sqlTimes.Sort();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {name,-40} | {(projections ? "projected" : "whole rows"),-11} | {statements,5} | {rows,6} | {columns,7} | {bytes,10:N0} | {times[times.Count / 2],9:0.00} | {times[(int)(times.Count * 0.9)],7:0.00} | {sqlTimes[sqlTimes.Count / 2],10:0.00} |"));
                }
            return 0;
        }
        finally
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Keeps each statement's text and parameters, to replay them outside EF.</summary>
    private sealed class Recorder : DbCommandInterceptor
    {
        private readonly List<(string Text, (string Name, object? Value)[] Parameters)> _statements = [];

        public void Clear() { lock (_statements) _statements.Clear(); }

        private void Record(DbCommand command)
        {
            lock (_statements)
                _statements.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToArray()));
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public async Task<(int Statements, long Rows, long Columns, long Bytes)> ReplayAsync(string connectionString)
        {
            List<(string Text, (string Name, object? Value)[] Parameters)> statements;
            lock (_statements) statements = _statements.ToList();
            long rows = 0, columns = 0, bytes = 0;
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
            await connection.OpenAsync();
            foreach (var (text, parameters) in statements)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = text;
                foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
                await using var reader = await command.ExecuteReaderAsync();
                columns += reader.FieldCount;
                while (await reader.ReadAsync())
                {
                    rows++;
                    for (var i = 0; i < reader.FieldCount; i++)
                        bytes += reader.IsDBNull(i) ? 0 : reader.GetValue(i) switch
                        {
                            string s => Encoding.UTF8.GetByteCount(s),
                            byte[] b => b.Length,
                            _ => 8,
                        };
                }
            }
            return (statements.Count, rows, columns, bytes);
        }
    }
}
