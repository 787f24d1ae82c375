using System.Net;
using System.Text;
using System.Text.Json;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Server.Cost;
using Commissioning.Graph.Server.Federation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Commissioning.Graph.Server.Tests.Federation;

/// <summary>A subgraph configured with <c>GraphQL:Federation:GatewaySecret</c> answers only what its gateway signed.</summary>
public sealed class GatewaySignatureTests
{
    private const string Secret = "a-shared-secret";
    private const string Body = """{"query":"{ hello }"}""";

    private static Task<WebApplication> StartAsync(string? secret) => TestServerFactory.StartAsync(
        secret is null ? new() : new() { ["GraphQL:Federation:GatewaySecret"] = secret },
        configureApp: app => app.UseGatewaySignature());

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(WebApplication app, string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add(GatewaySignature.HeaderName, signature);
        var response = await app.GetTestClient().SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task An_unsigned_request_is_refused_with_a_reason()
    {
        await using var app = await StartAsync(Secret);
        var (status, body) = await PostAsync(app, Body, null);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        var error = body.GetProperty("errors")[0];
        Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("GATEWAY_SIGNATURE_REQUIRED", error.GetProperty("extensions").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_request_signed_over_its_body_is_answered()
    {
        await using var app = await StartAsync(Secret);
        var (status, body) = await PostAsync(app, Body, GatewaySignature.Sign(Secret, Encoding.UTF8.GetBytes(Body)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("world", body.GetProperty("data").GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData("another body")]
    [InlineData("another secret")]
    [InlineData("no prefix")]
    public async Task A_signature_that_does_not_match_is_refused(string how)
    {
        await using var app = await StartAsync(Secret);
        var signature = how switch
        {
            "another body" => GatewaySignature.Sign(Secret, Encoding.UTF8.GetBytes(Body + " ")),
            "another secret" => GatewaySignature.Sign("not-the-secret", Encoding.UTF8.GetBytes(Body)),
            _ => GatewaySignature.Sign(Secret, Encoding.UTF8.GetBytes(Body))["sha256=".Length..],
        };
        var (status, _) = await PostAsync(app, Body, signature);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task A_get_is_signed_over_its_method_path_and_query()
    {
        await using var app = await StartAsync(Secret);
        const string target = "/graphql?query=%7Bhello%7D";
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.Add(GatewaySignature.HeaderName, GatewaySignature.Sign(Secret, Encoding.UTF8.GetBytes("GET " + target)));
        var response = await app.GetTestClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_need_no_signature()
    {
        await using var app = await StartAsync(Secret);
        Assert.Equal(HttpStatusCode.OK, (await app.GetTestClient().GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Without_a_secret_nothing_is_required()
    {
        await using var app = await StartAsync(null);
        var (status, _) = await PostAsync(app, Body, null);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public void The_cost_of_an_entities_call_is_its_representations_count_not_the_default_list_size()
    {
        var schema = SdlSchemaBuilder.Build("""
            type Query { _entities(representations: [String!]!): [Organisation]! }
            type Organisation { code: ID! practices: [Organisation!]! }
            """);
        var document = Parser.Parse("query($r: [String!]!) { _entities(representations: $r) { ... on Organisation { code practices { code } } } }");
        var operation = document.Definitions.OfType<OperationDefinitionNode>().Single();
        var three = new Dictionary<string, object?> { ["r"] = new List<object?> { "a", "b", "c" } };
        // 3 entities x (1 + 10 practices x 1)
        Assert.Equal(33, CostAnalyzer.Compute(schema, document, operation, three, defaultListSize: 10));
    }
}
