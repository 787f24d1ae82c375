using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Host.Graph;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Server.Resilience;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Server.Tests.HostileClients;

/// <summary>
/// Issue 10, finding 8: a database outage looked like a bug (INTERNAL_SERVER_ERROR, HTTP 200, EF's "transient
/// failure" text, no retry). Once the retries are spent it is now SERVICE_UNAVAILABLE: a 503 with Retry-After
/// when the whole request failed, a field error with that code otherwise, and no driver text outside
/// Development. (The end-to-end version, PostgreSQL killed mid-load, is tests/fault-tolerance.)
/// </summary>
public sealed class DatabaseOutageTests
{
    /// <summary>What Npgsql throws when the server refuses connections (PostgreSQL down).</summary>
    private static Exception ConnectionRefused() =>
        new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    private static Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync(Exception failure, string environment = "Production") =>
        TestServerFactory.StartAsync(environment: environment,
            services: s => s.AddSingleton<IUnavailableDependencyDetector, DatabaseUnavailableDetector>(),
            configureSchema: schema => schema.QueryType!.Fields["boom"].Resolver = _ => throw failure);

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(Microsoft.AspNetCore.Builder.WebApplication app, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        var response = await app.GetTestClient().SendAsync(request);
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task A_request_that_failed_only_because_the_database_is_down_is_a_503_with_retry_after()
    {
        await using var app = await StartAsync(ConnectionRefused());
        var (response, body) = await PostAsync(app, "{ boom }");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var error = body.GetProperty("errors")[0];
        Assert.Equal("SERVICE_UNAVAILABLE", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("5432", body.GetRawText());
        Assert.DoesNotContain("Npgsql", body.GetRawText());
    }

    [Fact]
    public async Task A_field_that_failed_because_the_database_is_down_is_a_field_error_beside_the_data_that_succeeded()
    {
        await using var app = await StartAsync(ConnectionRefused());
        var (response, body) = await PostAsync(app, "{ hello boom }");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("world", body.GetProperty("data").GetProperty("hello").GetString());
        var error = body.GetProperty("errors")[0];
        Assert.Equal("SERVICE_UNAVAILABLE", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("boom", error.GetProperty("path")[0].GetString());
    }

    [Fact]
    public async Task A_failure_that_is_not_an_outage_stays_an_internal_server_error()
    {
        await using var app = await StartAsync(new InvalidOperationException("a bug"));
        var (_, body) = await PostAsync(app, "{ hello boom }");
        Assert.Equal("INTERNAL_SERVER_ERROR", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Transient_database_failures_are_retried_a_bounded_number_of_times()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<Npgsql.NpgsqlException>(async () =>
            await DatabaseResilience.Pipeline.ExecuteAsync<int>(_ => { attempts++; throw ConnectionRefused(); }));
        Assert.Equal(1 + DatabaseResilience.MaxRetryAttempts, attempts);

        var recovered = 0;
        var result = await DatabaseResilience.Pipeline.ExecuteAsync(_ => ++recovered < 2 ? throw ConnectionRefused() : ValueTask.FromResult("ok"));
        Assert.Equal("ok", result);

        var bugs = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await DatabaseResilience.Pipeline.ExecuteAsync<int>(_ => { bugs++; throw new InvalidOperationException("not transient"); }));
        Assert.Equal(1, bugs);
    }
}
