using Commissioning.Graph.Modules.Directory.Persistence;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.Graph.Host.Commands;
using Commissioning.Graph.Server.Identity;
using Microsoft.AspNetCore.Builder;
using System.Data.Common;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Host.Tests;

/// <summary>
/// The real composed graph as <c>serve</c> runs it (every module, one process), over TestServer and a fresh database
/// (<see cref="GraphDatabase"/>) migrated and seeded with the demonstration data. The domain modules' SQL statements
/// are counted (<see cref="Statements"/>).
/// </summary>
public sealed class DemoGraphServer : IAsyncDisposable
{
    private readonly GraphDatabase _database;
    private readonly WebApplication _app;
    private readonly StatementCounter _counter = new();

    public DatabaseProvider Provider => _database.Provider;

    /// <summary>The SQL statements the domain modules have issued so far (each on one line).</summary>
    public IReadOnlyList<string> Statements => _counter.Texts;

    /// <summary>The same statements as issued — text and parameter values — to run again (<see cref="DatabaseFile"/>).</summary>
    public IReadOnlyList<IssuedStatement> Issued => _counter.Issued;

    /// <summary>The SQLite file the server reads (SQLite only).</summary>
    public string DatabaseFile => Path.Combine(_database.Directory, "commissioning.db");

    private DemoGraphServer(GraphDatabase database, string[] arguments, bool countRegister)
    {
        _database = database;
        _app = ServeCommand.BuildGraphServer(
            // A test class never outlives the known-organisation answers (KnownOrganisationsOptions), and no background outbox
            // relay polls beside the requests (writers deliver their own): the statements a request runs are the same whenever it runs.
            ServeCommand.WithDevelopmentDefault([.. database.ServeArguments, "--KnownOrganisations:KnownFor=1.00:00:00", "--Directory:Outbox:Relay=false", .. arguments]),
            configure: builder =>
            {
                builder.WebHost.UseTestServer();
                if (database.Provider == DatabaseProvider.PostgreSql)
                {
                    builder.Services.ConfigureDbContext<PostgreSqlCommissioningDbContext>(o => o.AddInterceptors(_counter));
                    builder.Services.ConfigureDbContext<PostgreSqlLocalGovernmentDbContext>(o => o.AddInterceptors(_counter));
                    builder.Services.ConfigureDbContext<PostgreSqlNhsCbDbContext>(o => o.AddInterceptors(_counter));
                    builder.Services.ConfigureDbContext<PostgreSqlDirectoryDbContext>(o => o.AddInterceptors(_counter));
                    if (countRegister) builder.Services.ConfigureDbContext<Modules.Governance.Persistence.PostgreSqlGovernanceDbContext>(o => o.AddInterceptors(_counter));
                }
                else
                {
                    builder.Services.ConfigureDbContext<SqliteCommissioningDbContext>(o => o.AddInterceptors(_counter));
                    builder.Services.ConfigureDbContext<SqliteLocalGovernmentDbContext>(o => o.AddInterceptors(_counter));
                    builder.Services.ConfigureDbContext<SqliteNhsCbDbContext>(o => o.AddInterceptors(_counter));
                    builder.Services.ConfigureDbContext<SqliteDirectoryDbContext>(o => o.AddInterceptors(_counter));
                    if (countRegister) builder.Services.ConfigureDbContext<Modules.Governance.Persistence.SqliteGovernanceDbContext>(o => o.AddInterceptors(_counter));
                }
            });
    }

    /// <summary>Starts the graph on a fresh database; <paramref name="arguments"/> are added to <c>serve</c>'s.</summary>
    public static Task<DemoGraphServer> StartAsync(DatabaseProvider provider, params string[] arguments) => StartAsync(provider, false, arguments);

    /// <param name="countRegister">Count the disclosure register's statements too (its reads by <c>disclosures</c>, its writes).</param>
    public static async Task<DemoGraphServer> StartAsync(DatabaseProvider provider, bool countRegister, params string[] arguments)
    {
        var server = new DemoGraphServer(await GraphDatabase.CreateAsync(provider, "demo"), arguments, countRegister);
        try
        {
            await ServeCommand.PrepareDatabaseAsync(server._app);
            await server._app.StartAsync();
            // Each organisation's first request would look its code up once (DatabaseKnownOrganisations): answered
            // beforehand, in one statement, so that the statements counted are a request's own, whichever test runs first.
            await server.PrimeKnownOrganisationsAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public IServiceProvider Services => _app.Services;

    private async Task PrimeKnownOrganisationsAsync()
    {
        List<string> codes;
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync())
            codes = await db.Organisations.Select(o => o.Code).ToListAsync();
        await _app.Services.GetRequiredService<Graph.DatabaseKnownOrganisations>().PrimeAsync(codes);
    }

    /// <summary>Grows the demonstration data in place to <paramref name="scale"/> times its size (<c>seed --scale</c>).</summary>
    public async Task SeedAsync(int scale)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommissioningDatabase>().MigrateAndSeedAsync(scale);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Posts <paramref name="query"/> as the organisation <paramref name="caller"/> (a development token),
    /// for <paramref name="purpose"/> (the <c>X-Purpose-Of-Use</c> header), and returns the response body.</summary>
    public async Task<JsonElement> QueryAsync(string query, string caller = "01A", string? purpose = "COMMISSIONING",
        object? variables = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var client = _app.GetTestClient();
        var token = _app.Services.GetRequiredService<DevelopmentTokenAuthority>().Mint(new DevelopmentTokenRequest { Organisation = caller });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (purpose is not null) request.Headers.Add("X-Purpose-Of-Use", purpose);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>As <see cref="QueryAsync"/>, asserting that the response has no errors; returns <c>data</c>.</summary>
    public async Task<JsonElement> DataAsync(string query, string caller = "01A", string? purpose = "COMMISSIONING", object? variables = null)
    {
        var body = await QueryAsync(query, caller, purpose, variables);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    private sealed class StatementCounter : DbCommandInterceptor
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<IssuedStatement> _issued = new();
        public IReadOnlyList<string> Texts => _issued.Select(i => string.Join(" ", i.Text.Split('\n').Select(l => l.Trim()))).ToList();
        public IReadOnlyList<IssuedStatement> Issued => _issued.ToList();

        private void Record(DbCommand command) =>
            _issued.Enqueue(new IssuedStatement(command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

/// <summary>The demonstration graph per provider, shared by a test class.</summary>
public sealed class DemoGraphServers : PerProvider<DemoGraphServer>
{
    protected override Task<DemoGraphServer> StartAsync(DatabaseProvider provider) => DemoGraphServer.StartAsync(provider);
}

/// <summary>A SQL statement as a module issued it: its text and its parameters' names and values.</summary>
public sealed record IssuedStatement(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);
