using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Host.Graph;
using Commissioning.Graph.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>"Nothing is visible by accident": every field of the graph <c>serve</c> composes carries an explicit rule,
/// and every policy it names is one the server registered.</summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class SchemaAuthorizationWalkTests(AuthorizedGraphFixture graph)
{
    private IReadOnlyCollection<string> RegisteredPolicies =>
        graph.App.Services.GetServices<IAuthorizationPolicy>().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_field_of_the_served_graph_has_an_explicit_rule_and_names_only_registered_policies()
    {
        // The graph as serve composes it, before the transform: the modules the server registered.
        var schema = CommissioningGraph.Compose(graph.App.Services.GetServices<IGraphModule>().ToList()).Schema;

        var problems = AuthorizationSchemaWalker.FindProblems(schema, RegisteredPolicies);

        Assert.True(problems.Count == 0, "Fields without an explicit rule, or naming unknown policies:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_policies_of_who_may_see_what_are_all_registered()
    {
        Assert.Superset(new HashSet<string> { "self", "nhscb", "memberConsortium", "hwbPartner", "poolPartner", "arrangementParty", "contractParty" },
            RegisteredPolicies.ToHashSet());
    }

    [Fact]
    public void The_walk_reports_a_field_without_a_rule_and_an_unknown_policy()
    {
        var modules = graph.App.Services.GetServices<IGraphModule>().ToList();
        var composed = CommissioningGraph.Compose(
            [.. modules.Select(CommissioningGraph.ToComposable), new Engine.Federation.ComposableModule("probe", """
                type Probe { open: String secret: String @policy(policies: [["noSuchPolicy"]]) }
                extend type Query { probe: Probe @authenticated }
                """, _ => { })],
            subgraph: null).Schema;

        var problems = AuthorizationSchemaWalker.FindProblems(composed, RegisteredPolicies).Select(p => p.SchemaCoordinate).ToList();

        Assert.Contains("Probe.open", problems);
        Assert.Contains("Probe.secret", problems);
    }
}
