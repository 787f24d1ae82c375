using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Commissioning.Graph;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>
/// The Commissioning module served by the engine over a seeded temporary SQLite database, for tests.
/// Until the graph-host's composer is on main, the prelude it will provide is written out here.
/// </summary>
public sealed class CommissioningGraphHost : IAsyncDisposable
{
    // The shared definitions the composer's prelude provides (see IGraphModule), plus the root types the module extends.
    public const string Prelude = """
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

    private readonly StatementCounter _statements;

    public TestDatabase Database { get; }
    public GraphQLEngine Engine { get; }
    public CommissioningGraphModule Module { get; } = new();

    private CommissioningGraphHost(TestDatabase database)
    {
        Database = database;
        _statements = new StatementCounter(database.ConnectionMarker);
        var builder = SchemaBuilder.FromSdl(GraphModuleResources.DefineKeyOnlyEntities(Prelude + "\n" + Module.Sdl));
        Module.Configure(builder);
        ConfigureScalars(builder);
        Engine = new GraphQLEngine(builder.Build());
    }

    public static async Task<CommissioningGraphHost> StartAsync(int scale = 1, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await db.SeedAsync(scale);
        return new CommissioningGraphHost(db);
    }

    /// <summary>How the prelude scalars present the module's values: Decimal as an exact string, Date as yyyy-MM-dd, DateTime as ISO 8601.</summary>
    public static void ConfigureScalars(SchemaBuilder builder) => builder
        .ConfigureScalar("Decimal", s => s.Serialize = v => v is decimal m ? m.ToString(m == decimal.Round(m, 2) ? "0.00" : "0.##########", CultureInfo.InvariantCulture) : v)
        .ConfigureScalar("Date", s => s.Serialize = v => v is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : v)
        .ConfigureScalar("DateTime", s => s.Serialize = v => v is DateTime t ? t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : v);

    /// <summary>The caller executions run as (filters and sorts are access-checked for it, and lists narrowed to its rows); none by default.</summary>
    public global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject? Subject { get; set; }

    /// <summary>SQL statements this host's database has executed so far.</summary>
    public int StatementCount => _statements.Count;

    /// <summary>The text of every SQL statement counted so far, in order.</summary>
    public IReadOnlyList<string> StatementTexts { get { lock (_statements.Texts) return _statements.Texts.ToList(); } }

    /// <summary>Runs a document; returns the whole response as JSON. <paramref name="projections"/> false reads whole rows everywhere;
    /// <paramref name="subject"/> is the caller the list filters judge (none: an in-process tool, which filters nothing).</summary>
    public async Task<JsonElement> ExecuteAsync(string query, IReadOnlyDictionary<string, object?>? variables = null, bool projections = true,
        global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject? subject = null)
    {
        var prepared = Engine.Prepare(query);
        Assert.True(prepared.IsValid, string.Join("; ", prepared.Errors.Select(e => e.Message)));
        // One scope per request, as the server makes: the call's subject, else the host's.
        var scope = new global::Commissioning.Graph.Engine.Execution.RequestScope(subject ?? Subject);
        if (!projections) global::Commissioning.Graph.Modules.Shared.Lists.Projection.Disable(scope);
        var result = await Engine.ExecuteAsync(prepared, null, variables, services: Database.Services, scope: scope);
        return JsonDocument.Parse(result.ToJson()).RootElement.Clone();
    }

    /// <summary>Runs a document that must succeed; returns <c>data</c>.</summary>
    public async Task<JsonElement> DataAsync(string query, IReadOnlyDictionary<string, object?>? variables = null, bool projections = true,
        global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject? subject = null)
    {
        var response = await ExecuteAsync(query, variables, projections, subject);
        Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
        return response.GetProperty("data");
    }

    public async ValueTask DisposeAsync()
    {
        _statements.Dispose();
        await Database.DisposeAsync();
    }

    /// <summary>Counts the SQL commands EF Core executes against one SQLite file (other tests run in parallel on theirs).</summary>
    private sealed class StatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _file;
        private readonly IDisposable _allListeners;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public StatementCounter(string file)
        {
            _file = file;
            _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == Microsoft.EntityFrameworkCore.DbLoggerCategory.Name)
                lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if ((e.Key == RelationalEventId.CommandExecuted.Name || e.Key == RelationalEventId.CommandError.Name)
                && e.Value is CommandEndEventData data
                && (data.Command.Connection?.ConnectionString.Contains(_file, StringComparison.Ordinal) == true
                    || data.Command.Connection?.Database == _file))
            {
                Interlocked.Increment(ref _count);
                lock (Texts) Texts.Add(data.Command.CommandText);
            }
        }

        public List<string> Texts { get; } = [];

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            _allListeners.Dispose();
            lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
        }
    }
}
