using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commissioning.Graph.Server.Tests.HostileClients;

/// <summary>
/// Issue 10, finding 7: a JSON string holding invalid UTF-8 escaped as a 500 (a stack page in Development),
/// and Kestrel's slow-body 408s were logged as unhandled exceptions. Every malformed body is now a 4xx with
/// a GraphQL error, and nothing is logged as a server failure.
/// </summary>
public sealed class MalformedBodyTests : IAsyncLifetime
{
    private readonly RecordingLoggerProvider _logs = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        // Development: where an unhandled exception would show the developer exception page.
        _app = await TestServerFactory.StartAsync(environment: "Development", services: s => s.AddLogging(b => b.AddProvider(_logs)));
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostBytesAsync(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static byte[] WithInvalidUtf8(string before, string after) =>
        [.. Encoding.UTF8.GetBytes(before), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(after)];

    public static TheoryData<string, byte[]> MalformedBodies => new()
    {
        { "invalid UTF-8 in the query", WithInvalidUtf8("{\"query\":\"{ hello(x: \\\"", "\\\") }\"}") },
        { "invalid UTF-8 in a variable", WithInvalidUtf8("{\"query\":\"{ hello }\",\"variables\":{\"v\":\"", "\"}}") },
        { "invalid UTF-8 in a property name", WithInvalidUtf8("{\"query\":\"{ hello }\",\"variables\":{\"", "\":1}}") },
        { "invalid UTF-8 in a batch entry", WithInvalidUtf8("[{\"query\":\"{ hello }\"},{\"operationName\":\"", "\",\"query\":\"{ hello }\"}]") },
        { "truncated JSON", Encoding.UTF8.GetBytes("{\"query\":\"{ hel") },
        { "not JSON", Encoding.UTF8.GetBytes("query { hello }") },
        { "query of the wrong type", Encoding.UTF8.GetBytes("{\"query\":42}") },
        { "variables of the wrong type", Encoding.UTF8.GetBytes("{\"query\":\"{ hello }\",\"variables\":[1]}") },
        { "operationName of the wrong type", Encoding.UTF8.GetBytes("{\"query\":\"{ hello }\",\"operationName\":{}}") },
        { "a body that is a string", Encoding.UTF8.GetBytes("\"{ hello }\"") },
        { "an empty body", [] },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_body_is_a_400_with_a_graphql_error_and_no_server_error_logged(string what, byte[] body)
    {
        var (status, json) = await PostBytesAsync(body);
        Assert.True(status == HttpStatusCode.BadRequest, $"{what}: {(int)status} {json}");
        Assert.Equal("BAD_USER_INPUT", json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_body_kestrel_refuses_as_too_slow_is_a_408_with_a_graphql_error_and_not_logged_as_unhandled()
    {
        // Kestrel signals a body slower than MinRequestBodyDataRate by throwing BadHttpRequestException(408)
        // from the body stream; a stream that does the same stands in for a slow client, deterministically.
        await using var app = await TestServerFactory.StartAsync(environment: "Development",
            services: s => s.AddLogging(b => b.AddProvider(_logs)),
            configureApp: a => a.Use((http, next) =>
            {
                http.Request.Body = new ThrowingStream(new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", StatusCodes.Status408RequestTimeout));
                return next(http);
            }));
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{\"query\":\"{ hello }\"}", Encoding.UTF8, "application/json") };
        var response = await app.GetTestClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("BAD_USER_INPUT", json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error);
    }

    private sealed class ThrowingStream(Exception exception) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw exception;
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(exception);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromException<int>(exception);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
