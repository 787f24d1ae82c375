using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Authorization;

public class AuthorizationSchemaTests
{
    private const string Sdl = AuthorizationDirectives.Definitions + """

        type Query {
          open: String
          covered: Secret
          ruled: String @authenticated
          bad: String @policy(policies: [["nobody"]])
        }
        type Secret @policy(policies: [["self"]]) { value: String @authenticated loose: Int }
        type Public { name: String @authenticated }
        """;

    [Fact]
    public void The_walker_reports_every_field_without_a_rule_and_every_unknown_policy()
    {
        var findings = AuthorizationSchemaWalker.FindProblems(SdlSchemaBuilder.Build(Sdl), new[] { "self" });
        Assert.Equal(new[] { "Query.open", "Query.bad", "Secret.loose" }, findings.Select(f => f.SchemaCoordinate).ToArray());
        Assert.Contains("nobody", findings.Single(f => f.SchemaCoordinate == "Query.bad").Problem);
    }

    [Fact]
    public void Rules_parse_as_any_of_all_of()
    {
        var schema = SdlSchemaBuilder.Build(AuthorizationDirectives.Definitions + """

            type Query { f: Int @authenticated @requiresScopes(scopes: [["a", "b"], ["c"]]) @policy(policies: [["p1", "p2"], ["p3"]]) }
            """);
        var rules = AuthorizationRules.OfField((ObjectType)schema.GetType("Query")!, ((ObjectType)schema.GetType("Query")!).Fields["f"]);
        Assert.True(rules.RequiresAuthentication);
        Assert.Equal(new[] { new[] { "a", "b" }, new[] { "c" } }, rules.ScopeRequirements.Single().Select(a => a.ToArray()).ToArray());
        Assert.Equal(new[] { new[] { "p1", "p2" }, new[] { "p3" } }, rules.PolicyRequirements.Single().Select(a => a.ToArray()).ToArray());
    }

    [Theory]
    [InlineData("{ ruled }", false)]
    [InlineData("{ covered { value } }", true)]
    [InlineData("{ ...F } fragment F on Query { bad }", true)]
    [InlineData("{ ... on Query { ruled } }", false)]
    public void The_restricted_selection_check_follows_fragments_and_returned_types(string query, bool restricted)
    {
        var schema = SdlSchemaBuilder.Build(Sdl);
        var document = Parser.Parse(query);
        var operation = document.Definitions.OfType<OperationDefinitionNode>().Single();
        Assert.Equal(restricted, RestrictedSelection.SelectsRestrictedData(schema, document, operation));
    }
}
