using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Server;
using Commissioning.Graph.Server.Cost;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// Connections are priced by their page (README "Cost of connections"): every field of the real graph returning a
/// <c>…Connection</c> carries <c>@listSize(assumedSize: 50, slicingArguments: [its first/last], sizedFields: ["edges",
/// "nodes"])</c>, so the cost analysis multiplies what <c>nodes</c>/<c>edges</c> select by <c>first</c>/<c>last</c> — and
/// nested pages of 100 are refused with the cost refusal every other costly operation gets.
/// (tests/federation/filter-cost-cases.json proves the gateway prices connections as the Server does.)
/// </summary>
public sealed class ConnectionCostTests(AuthorizedGraphFixture graph) : IClassFixture<AuthorizedGraphFixture>
{
    private const string Board = "X24";

    private Schema Schema => graph.App.Services.GetRequiredService<GraphQLEndpointSchema>().Engine.Schema;

    private IEnumerable<(ObjectType Parent, FieldDefinition Field)> ConnectionFields() =>
        from type in Schema.Types.OfType<ObjectType>()
        where !type.Name.StartsWith("__", StringComparison.Ordinal)
        from field in type.Fields.Values
        where Schema.GetNamedType(field.Type) is ObjectType { Name: var n } && n.EndsWith("Connection", StringComparison.Ordinal)
        select (type, field);

    [Fact]
    public void Every_connection_field_is_sized_by_its_first_and_last()
    {
        var fields = ConnectionFields().ToList();
        Assert.True(fields.Count >= 12, $"only {fields.Count} connection fields found");
        foreach (var (parent, field) in fields)
        {
            var at = $"{parent.Name}.{field.Name}";
            var listSize = field.AppliedDirectives.SingleOrDefault(d => d.Name.Value == "listSize");
            Assert.True(listSize is not null, $"{at} has no @listSize");
            string? Arg(string name) => listSize!.Arguments.SingleOrDefault(a => a.Name.Value == name)?.Value switch
            {
                IntValueNode i => i.Value,
                BooleanValueNode b => b.Value ? "true" : "false",
                ListValueNode l => string.Join(",", l.Values.OfType<StringValueNode>().Select(s => s.Value)),
                _ => null,
            };
            var slicing = new[] { "first", "last" }.Where(field.Arguments.ContainsKey).ToList();
            Assert.True(slicing.Count > 0, $"{at} takes neither first nor last");
            Assert.Equal(string.Join(",", slicing), Arg("slicingArguments"));
            Assert.Equal("edges,nodes", Arg("sizedFields"));
            Assert.Equal("50", Arg("assumedSize"));
            // Neither first nor last is fine (50 then): the analysis must not demand exactly one.
            Assert.Equal("false", Arg("requireOneSlicingArgument"));
        }
    }

    private double CostOf(string query)
    {
        var document = Parser.Parse(query);
        return CostAnalyzer.Compute(Schema, document, document.Definitions.OfType<OperationDefinitionNode>().Single(), null, new GraphQLServerOptions().DefaultListSize);
    }

    [Fact]
    public void A_page_costs_what_its_nodes_select_times_first_or_last()
    {
        // consortia (1) + 20 nodes × (node 1 + financialReturns 1 + 3 nodes × 1)
        Assert.Equal(1 + 20 * (1 + 1 + 3), CostOf("{ consortia(first: 20) { nodes { code financialReturns(last: 3) { nodes { month } } } } }"));
        // Without first or last a page is 50: edges and nodes both.
        Assert.Equal(1 + 50 * (1 + 1) + 50, CostOf("{ consortia { edges { cursor node { code } } nodes { code } } }"));
    }

    [Fact]
    public async Task Nested_pages_of_100_are_refused_by_the_cost_limit_before_anything_runs()
    {
        var refused = await graph.PostAsync(Board, "{ consortia(first: 100) { nodes { code financialReturns(first: 100) { nodes { month } } } } }",
            purpose: PurposeCoverage.Audit);
        Assert.True(refused.Errors.Count == 1 && GraphResponse.CodeOf(refused.Errors[0]) == ErrorCodes.CostLimitExceeded, refused.ToString());
        Assert.Equal("The operation's cost, 10201, exceeds the maximum of 10000.", refused.Errors[0].GetProperty("message").GetString());
        Assert.False(refused.Body.TryGetProperty("data", out _), refused.ToString());

        // One level less is answered, its cost reported.
        var answered = await graph.PostAsync(Board, "{ consortia(first: 100) { nodes { code financialReturns(first: 5) { nodes { month } } } } }",
            purpose: PurposeCoverage.Audit);
        Assert.Empty(answered.Errors);
        Assert.Equal(1 + 100 * (1 + 1 + 5), answered.Body.GetProperty("extensions").GetProperty("cost").GetProperty("requested").GetDouble());
    }
}
