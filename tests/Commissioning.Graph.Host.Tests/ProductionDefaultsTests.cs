using System.Net;
using System.Net.Sockets;
using Commissioning.Graph.Host.Commands;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Server.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Host.Tests;

/// <summary>What a newcomer and an operator get without configuring anything (issue 9).</summary>
public sealed class ProductionDefaultsTests
{
    [Theory]
    [InlineData(null, true, ServeCommand.DatabasePreparation.MigrateAndSeed)]
    [InlineData(null, false, ServeCommand.DatabasePreparation.Migrate)]
    [InlineData("", false, ServeCommand.DatabasePreparation.Migrate)]
    [InlineData("true", false, ServeCommand.DatabasePreparation.MigrateAndSeed)]
    [InlineData("MigrateAndSeed", false, ServeCommand.DatabasePreparation.MigrateAndSeed)]
    [InlineData("false", true, ServeCommand.DatabasePreparation.None)]
    [InlineData("None", true, ServeCommand.DatabasePreparation.None)]
    [InlineData("migrate", true, ServeCommand.DatabasePreparation.Migrate)]
    public void Production_never_seeds_unless_told_to(string? setting, bool development, ServeCommand.DatabasePreparation expected) =>
        Assert.Equal(expected, ServeCommand.DatabasePreparationFor(setting, development));

    [Fact]
    public void An_unknown_preparation_is_refused_at_start() =>
        Assert.Contains("None, Migrate or MigrateAndSeed",
            Assert.Throws<InvalidOperationException>(() => ServeCommand.DatabasePreparationFor("sometimes", false)).Message);

    [Fact]
    public async Task Serve_in_Production_migrates_but_loads_no_demonstration_data()
    {
        await using var database = await GraphDatabase.CreateAsync(DatabaseProvider.Sqlite, "prod");
        await using var app = ServeCommand.BuildGraphServer([.. database.ServeArguments, "--environment", "Production"]);
        await ServeCommand.PrepareDatabaseAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var commissioning = scope.ServiceProvider.GetRequiredService<Commissioning.Graph.Modules.Commissioning.Persistence.CommissioningDbContext>();
        // Migrated: the table exists and can be counted; not seeded: it is empty.
        Assert.Equal(0, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(commissioning.Consortia));
    }

    [Fact]
    public async Task AspNetCore_logs_at_Warning_by_default_and_configuration_can_lower_it()
    {
        await using var quiet = ServeCommand.BuildMockServer(["--environment", "Production"], SchemaFile(), null);
        var factory = quiet.Services.GetRequiredService<ILoggerFactory>();
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning));

        await using var verbose = ServeCommand.BuildMockServer(["--environment", "Production",
            "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information"], SchemaFile(), null);
        Assert.True(verbose.Services.GetRequiredService<ILoggerFactory>()
            .CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task Kestrel_logs_nothing_per_connection_or_request_by_default_and_configuration_can_turn_it_on()
    {
        await using var quiet = ServeCommand.BuildMockServer(["--environment", "Production"], SchemaFile(), null);
        var factory = quiet.Services.GetRequiredService<ILoggerFactory>();
        foreach (var category in new[] { "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Server.Kestrel.Connections" })
        {
            Assert.False(factory.CreateLogger(category).IsEnabled(LogLevel.Debug));
            Assert.False(factory.CreateLogger(category).IsEnabled(LogLevel.Information));
            Assert.True(factory.CreateLogger(category).IsEnabled(LogLevel.Warning));
        }

        await using var verbose = ServeCommand.BuildMockServer(["--environment", "Production",
            "--Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel=Debug"], SchemaFile(), null);
        Assert.True(verbose.Services.GetRequiredService<ILoggerFactory>()
            .CreateLogger("Microsoft.AspNetCore.Server.Kestrel.Connections").IsEnabled(LogLevel.Debug));
    }

    [Fact]
    public async Task A_port_in_use_ends_serve_with_one_line_and_exit_code_1()
    {
        using var occupier = new TcpListener(IPAddress.Loopback, 0);
        occupier.Start();
        var port = ((IPEndPoint)occupier.LocalEndpoint).Port;
        var app = ServeCommand.BuildMockServer(["--environment", "Production", "--urls", $"http://127.0.0.1:{port}"], SchemaFile(), null);
        var stderr = new StringWriter();

        var exit = await ServeCommand.RunUntilStoppedAsync(app, stderr);

        Assert.Equal(1, exit);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains($"127.0.0.1:{port}", line);
        Assert.Contains("already in use", line);
        Assert.Contains("--urls", line);
        Assert.DoesNotContain(" at ", line);
    }

    [Fact]
    public void Token_prints_only_the_token_on_stdout_and_notes_on_stderr()
    {
        var dir = Path.Combine(Path.GetTempPath(), "commissioning-token-" + Guid.NewGuid().ToString("N"));
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var exit = TokenCommand.Run(["--org", "01A", "--purpose", "COMMISSIONING", "--data-dir", dir], stdout, stderr, Path.GetTempPath());
            Assert.Equal(0, exit);
            var output = stdout.ToString().TrimEnd('\n', '\r');
            Assert.DoesNotContain('\n', output);
            Assert.Equal(3, output.Split('.').Length);
            Assert.Contains("created the development signing key", stderr.ToString());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Token_with_data_dir_is_trusted_by_serve_with_the_same_data_dir_whatever_the_content_root()
    {
        var dir = Path.Combine(Path.GetTempPath(), "commissioning-datadir-" + Guid.NewGuid().ToString("N"));
        var elsewhere = Path.Combine(Path.GetTempPath(), "commissioning-elsewhere-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(elsewhere);
        try
        {
            var stdout = new StringWriter();
            Assert.Equal(0, TokenCommand.Run(["--org", "01A", "--data-dir", dir], stdout, new StringWriter(), elsewhere));
            var token = stdout.ToString().Trim();

            await using var app = ServeCommand.BuildGraphServer(
                DataDirectory.Expand(["--environment", "Development", "--contentRoot", Path.GetTempPath(), "--data-dir", dir]));
            var authority = app.Services.GetRequiredService<DevelopmentTokenAuthority>();
            Assert.Equal(DataDirectory.SigningKeyPath(dir), authority.KeyPath);
            Assert.Equal(Path.Combine(dir, "commissioning.db"),
                app.Services.GetRequiredService<DatabaseOptions>().ConnectionStringFor(GraphModule.Commissioning)["Data Source=".Length..]);
            await ServeCommand.PrepareDatabaseAsync(app);
            await using var scope = app.Services.CreateAsyncScope();
            var (caller, failure) = await BearerTokenAuthentication.AuthenticateAsync(scope.ServiceProvider, token);
            Assert.Null(failure);
            Assert.Equal("01A", caller!.Organisation);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Theory]
    [InlineData("http://graph.example", false)]
    [InlineData("https://graph.example", true)]
    public async Task Every_response_says_nosniff_names_no_server_and_HSTS_only_over_https(string baseAddress, bool hsts)
    {
        await using var app = ServeCommand.BuildMockServer(["--environment", "Production"], SchemaFile(), null,
            b => b.WebHost.UseTestServer(o => o.BaseAddress = new Uri(baseAddress)));
        await app.StartAsync();
        using var client = app.GetTestClient();
        var response = await client.PostAsync("/graphql", new StringContent("{\"query\":\"{ hello }\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(response.Headers.Contains("Server"));
        Assert.Equal(hsts, response.Headers.Contains("Strict-Transport-Security"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>().Value.AddServerHeader);
    }

    [Fact]
    public async Task Cors_answers_only_the_configured_origins()
    {
        await using var app = ServeCommand.BuildMockServer(["--environment", "Production", "--Cors:AllowedOrigins:0=https://portal.example"], SchemaFile(), null,
            b => b.WebHost.UseTestServer());
        await app.StartAsync();
        using var client = app.GetTestClient();
        async Task<HttpResponseMessage> Preflight(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            return await client.SendAsync(request);
        }
        var allowed = await Preflight("https://portal.example");
        Assert.Equal("https://portal.example", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        var refused = await Preflight("https://evil.example");
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static string SchemaFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "commissioning-defaults-schema.graphql");
        File.WriteAllText(path, "type Query { hello: String }");
        return path;
    }
}
