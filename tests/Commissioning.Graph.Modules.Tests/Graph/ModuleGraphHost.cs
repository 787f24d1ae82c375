using Commissioning.Graph.Modules.Directory.Persistence;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.LocalGovernment.Graph;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb.Graph;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>
/// The local-government and nhs-cb modules served over a seeded temporary SQLite file, composed the
/// way the graph composer does it (shared prelude, a stand-in for the commissioning module's
/// <c>Consortium</c>, extensions merged), with every SQL statement counted.
/// Replace <see cref="Compose"/> with the composer once it is on main.
/// </summary>
public sealed class ModuleGraphHost : IAsyncDisposable
{
    /// <summary>The shared definitions the composer provides to every module.</summary>
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
        """;

    /// <summary>Stands in for the commissioning module's consortium until that module is on main.</summary>
    private const string ConsortiumStandIn = """
        "Test stand-in for the commissioning module's consortium."
        type Consortium implements Node & Organisation @key(fields: "code") { id: ID! code: ID! name: String! kind: OrganisationKind! }
        """;

    private readonly string _file;
    public ServiceProvider Services { get; }
    public GraphQLEngine Engine { get; }
    public IReadOnlyList<IGraphModule> Modules { get; }
    private readonly StatementCounter _counter = new();

    public int Statements => _counter.Count;
    /// <summary>The first line of each statement counted (for failure messages).</summary>
    public IReadOnlyList<string> StatementTexts => _counter.Texts;
    public void ResetStatements() => _counter.Reset();

    private ModuleGraphHost(string file)
    {
        _file = file;
        var services = new ServiceCollection()
            .AddCommissioningPersistence(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file};Pooling=False" })
            .AddLocalGovernmentGraph()
            .AddNhsCbGraph();
        services.ConfigureDbContext<SqliteLocalGovernmentDbContext>(o => o.AddInterceptors(_counter));
        services.ConfigureDbContext<SqliteNhsCbDbContext>(o => o.AddInterceptors(_counter));
        services.ConfigureDbContext<SqliteDirectoryDbContext>(o => o.AddInterceptors(_counter));
        Services = services.BuildServiceProvider();
        Modules = Services.GetServices<IGraphModule>().ToList();
        Engine = new GraphQLEngine(Compose(Modules));
    }

    public static async Task<ModuleGraphHost> CreateAsync(int scale = 1)
    {
        var host = new ModuleGraphHost(Path.Combine(Path.GetTempPath(), $"graph-test-{Guid.NewGuid():N}.db"));
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommissioningDatabase>().MigrateAndSeedAsync(scale);
        host.ResetStatements();
        return host;
    }

    /// <summary>Prelude + stand-in + module SDLs; extensions of a type nobody defines become its definition, and
    /// <c>@external</c> key fields of extensions are dropped where the type is defined (federation composition, in short).</summary>
    public static Schema Compose(IReadOnlyList<IGraphModule> modules)
    {
        var document = Parser.Parse(string.Join("\n", [Prelude, ConsortiumStandIn, .. modules.Select(m => m.Sdl)]));
        var defined = document.Definitions.OfType<TypeDefinitionNode>().Where(d => !d.IsExtension).Select(d => d.Name.Value).ToHashSet();
        var definitions = new List<DefinitionNode>();
        foreach (var d in document.Definitions)
        {
            if (d is ObjectTypeDefinitionNode { IsExtension: true } ext)
            {
                var fields = defined.Contains(ext.Name.Value) ? ext.Fields.Where(f => !f.Directives.Any(x => x.Name.Value == "external")).ToList() : ext.Fields;
                definitions.Add(new ObjectTypeDefinitionNode
                {
                    Name = ext.Name, Interfaces = ext.Interfaces, Directives = ext.Directives, Fields = fields,
                    IsExtension = defined.Contains(ext.Name.Value),
                    Description = defined.Contains(ext.Name.Value) ? null : new StringValueNode($"The {ext.Name.Value} type."),
                });
                defined.Add(ext.Name.Value);
            }
            else definitions.Add(d);
        }
        var builder = SchemaBuilder.FromSdl(Printer.Print(new DocumentNode { Definitions = definitions }));
        ConfigureScalars(builder);
        builder
            .Resolve("Consortium.id", ctx => GlobalId.Encode("Consortium", EntityReference.CodeOf(ctx.Source)))
            .Resolve("Consortium.code", ctx => EntityReference.CodeOf(ctx.Source))
            .Resolve("Consortium.name", ctx => $"Consortium {EntityReference.CodeOf(ctx.Source)}")
            .Resolve("Consortium.kind", _ => "CONSORTIUM")
            .IsTypeOf("Consortium", (v, _) => v is EntityReference { TypeName: "Consortium" });
        foreach (var module in modules) module.Configure(builder);
        return builder.Build();
    }

    private static void ConfigureScalars(SchemaBuilder builder) => builder
        .ConfigureScalar("Decimal", s =>
        {
            s.Serialize = v => v is decimal d ? d.ToString("0.00", CultureInfo.InvariantCulture) : v;
            s.ParseValue = v => v switch
            {
                string t => decimal.Parse(t, NumberStyles.Number, CultureInfo.InvariantCulture),
                int i => (decimal)i, long l => (decimal)l, double f => (decimal)f, decimal d => d,
                _ => throw new CoercionException("Decimal needs a number or a numeric string."),
            };
            s.ParseLiteral = (node, _) => node switch
            {
                StringValueNode t => decimal.Parse(t.Value, NumberStyles.Number, CultureInfo.InvariantCulture),
                IntValueNode i => decimal.Parse(i.Value, CultureInfo.InvariantCulture),
                FloatValueNode f => decimal.Parse(f.Value, NumberStyles.Float, CultureInfo.InvariantCulture),
                _ => throw new CoercionException("Decimal needs a number or a numeric string."),
            };
        })
        .ConfigureScalar("Date", s => s.Serialize = v => v is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : v)
        .ConfigureScalar("DateTime", s => s.Serialize = v => v is DateTime t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : v);

    /// <summary>Runs a document and returns its JSON response.</summary>
    /// <summary>The caller executions run as (filters and sorts are access-checked for it, lists narrowed to its rows); none by default.</summary>
    public global::Commissioning.Graph.Engine.Authorization.AuthorizationSubject? Subject { get; set; }

    public async Task<JsonElement> ExecuteAsync(string query, object? variables = null, bool projections = true)
    {
        var vars = variables is null ? null
            : JsonInput.ToVariables(JsonSerializer.SerializeToElement(variables));
        var scope = new global::Commissioning.Graph.Engine.Execution.RequestScope(Subject);
        if (!projections) global::Commissioning.Graph.Modules.Shared.Lists.Projection.Disable(scope);
        var result = await Engine.ExecuteAsync(Engine.Prepare(query), null, vars, services: Services, scope: scope);
        return JsonDocument.Parse(result.ToJson()).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }

    private sealed class StatementCounter : DbCommandInterceptor
    {
        private int _count;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();
        public int Count => Volatile.Read(ref _count);
        public IReadOnlyList<string> Texts => _texts.ToList();
        public void Reset() { Interlocked.Exchange(ref _count, 0); _texts.Clear(); }

        private void Record(DbCommand command)
        {
            Interlocked.Increment(ref _count);
            _texts.Enqueue(string.Join(" ", command.CommandText.Split('\n').Select(l => l.Trim()).Take(3)));
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return base.ReaderExecuting(command, eventData, result);
        }
    }
}
