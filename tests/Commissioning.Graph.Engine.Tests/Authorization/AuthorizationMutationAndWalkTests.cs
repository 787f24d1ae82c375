using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Authorization;

/// <summary>A mutation's <c>@policy</c> is decided on its arguments before it runs; the schema walk judges an
/// interface's field by its implementations.</summary>
public class AuthorizationMutationAndWalkTests
{
    private const string Sdl = AuthorizationDirectives.Definitions + "\n" + """
        type Query { ping: Int @authenticated }
        type Mutation { submit(owner: String!): Int @policy(policies: [["owns"]]) }
        """;

    private static readonly IAuthorizationPolicy Owns = new DelegateAuthorizationPolicy("owns",
        (subject, target) => target is MutationInput m && m.SchemaCoordinate == "Mutation.submit" && (string?)m.Arguments["owner"] == subject.Organisation);

    private static async Task<(JsonElement Response, int Writes)> Submit(string caller, string owner)
    {
        var writes = 0;
        var schema = SdlSchemaBuilder.Build(Sdl);
        schema.MutationType!.Fields["submit"].Resolver = _ => new ValueTask<object?>(++writes);
        AuthorizationTransform.Apply(schema, new AuthorizationService([Owns]));
        var result = await Executor.ExecuteAsync(new ExecutionRequest
        {
            Schema = schema,
            Document = Parser.Parse($$"""mutation { submit(owner: "{{owner}}") }"""),
            Scope = new RequestScope(AuthorizationSubject.For(caller)),
        });
        return (JsonDocument.Parse(result.ToJson()).RootElement, writes);
    }

    [Fact]
    public async Task A_mutation_refused_by_its_policy_never_runs()
    {
        var (response, writes) = await Submit("02B", "01A");

        Assert.Equal(0, writes);
        Assert.Equal(JsonValueKind.Null, response.GetProperty("data").GetProperty("submit").ValueKind);
        Assert.Equal("FORBIDDEN", response.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_mutation_allowed_by_its_policy_runs_once()
    {
        var (response, writes) = await Submit("01A", "01A");

        Assert.Equal(1, writes);
        Assert.Equal(1, response.GetProperty("data").GetProperty("submit").GetInt32());
    }

    [Fact]
    public void An_interface_field_passes_when_every_implementation_rules_it_and_fails_when_one_does_not()
    {
        var schema = SdlSchemaBuilder.Build(AuthorizationDirectives.Definitions + "\n" + """
            type Query { a: A @authenticated b: B @authenticated }
            interface Ruled { id: ID! }
            interface Half { name: String }
            type A implements Ruled & Half { id: ID! @authenticated name: String @authenticated }
            type B implements Ruled & Half { id: ID! @policy(policies: [["owns"]]) name: String }
            """);

        var problems = AuthorizationSchemaWalker.FindProblems(schema, ["owns"]).Select(p => p.SchemaCoordinate).ToList();

        Assert.DoesNotContain("Ruled.id", problems);
        Assert.Contains("Half.name", problems);
        Assert.Contains("B.name", problems);
    }
}
