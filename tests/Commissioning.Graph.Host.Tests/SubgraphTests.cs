using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Host.Graph;

namespace Commissioning.Graph.Host.Tests;

public class SubgraphTests
{
    private static ComposedGraph Subgraph(string name) =>
        CommissioningGraph.Compose([FakeModules.Registry(), FakeModules.LocalGovernment()], subgraph: name);

    [Fact]
    public async Task Service_sdl_is_the_subgraph_sdl_with_the_federation_link()
    {
        var graph = Subgraph("local-government");

        var response = await graph.Schema.RunAsync("{ _service { sdl } }");
        var sdl = response.GetProperty("data").GetProperty("_service").GetProperty("sdl").GetString()!;

        Assert.Equal(graph.SubgraphSdl, sdl);
        Assert.StartsWith("extend schema @link(url: \"https://specs.apollo.dev/federation/v2.6\", import: [\"@authenticated\", \"@key\", \"@shareable\"])", sdl);
        Assert.Contains("type Consortium @key(fields: \"code\") {\n  code: ID!\n  hwbs: [HealthAndWellbeingBoard!]! @authenticated\n}", sdl);
        Assert.Contains("type PageInfo @shareable {", sdl);
        Assert.Contains("node(id: ID!): Node @authenticated @shareable", sdl);
        Assert.DoesNotContain("directive @key", sdl);
        Assert.DoesNotContain("_entities", sdl);
    }

    [Fact]
    public async Task Entities_are_resolved_by_typename_in_order()
    {
        var graph = Subgraph("local-government");

        var response = await graph.Schema.RunAsync("""
            query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Consortium { code hwbs { code } } ... on HealthAndWellbeingBoard { name } } }
            """, new()
        {
            ["r"] = new List<object?>
            {
                new Dictionary<string, object?> { ["__typename"] = "Consortium", ["code"] = "01A" },
                new Dictionary<string, object?> { ["__typename"] = "HealthAndWellbeingBoard", ["code"] = "HWB-E10000001" },
                new Dictionary<string, object?> { ["__typename"] = "HealthAndWellbeingBoard", ["code"] = "HWB-NONE" },
            },
        });

        Assert.Equal("""{"data":{"_entities":[{"__typename":"Consortium","code":"01A","hwbs":[{"code":"HWB-E10000001"}]},{"__typename":"HealthAndWellbeingBoard","name":"Northvale HWB"},null]}}""", response.GetRawText());
    }

    [Fact]
    public async Task Entities_of_a_type_the_subgraph_cannot_resolve_are_an_error()
    {
        var graph = Subgraph("commissioning");

        var response = await graph.Schema.RunAsync("""{ _entities(representations: [{__typename: "HealthAndWellbeingBoard", code: "x"}]) { __typename } }""");

        Assert.Equal("""{"errors":[{"message":"This subgraph cannot resolve entities of type \"HealthAndWellbeingBoard\".","locations":[{"line":1,"column":3}],"path":["_entities"]}],"data":null}""", response.GetRawText());
    }

    [Fact]
    public void The_subgraph_schema_holds_only_its_module_and_the_shared_part()
    {
        var graph = Subgraph("commissioning");

        Assert.Null(graph.Schema.GetType("HealthAndWellbeingBoard"));
        Assert.Null(graph.Schema.QueryType!.Fields.GetValueOrDefault("organisation"));
        Assert.Equal(["Consortium"], ((Engine.Types.UnionType)graph.Schema.GetType("_Entity")!).Types.Select(t => t.Name));
    }

    [Fact]
    public void An_unknown_module_name_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Subgraph("nhs"));
        Assert.Equal("There is no module \"nhs\"; the modules are: commissioning, local-government.", error.Message);
    }

    private static ComposedGraph RealSubgraph(string name) => CommissioningGraph.Compose(CommissioningGraph.CreateModules(), name);

    [Fact]
    public void A_subgraph_returning_Organisation_knows_every_kind_by_key()
    {
        var graph = RealSubgraph("local-government");

        // PooledBudget.host and PoolPartner.organisation may be a consortium or the NHS CB, which other subgraphs own (and the
        // directory's commissioning support organisations are organisations too).
        var possible = graph.Schema.GetPossibleTypes((Engine.Types.IAbstractType)graph.Schema.GetType("Organisation")!).Select(t => t.Name).Order();
        Assert.Equal(["CommissioningSupportOrganisation", "Consortium", "GpPractice", "HealthAndWellbeingBoard", "LocalAuthority", "NhsCommissioningBoard", "Provider"], possible);
        Assert.Contains("type NhsCommissioningBoard implements Organisation @key(fields: \"code\", resolvable: false) {\n  code: ID! @authenticated\n  name: String! @external\n  kind: OrganisationKind! @external\n}", graph.SubgraphSdl);
        Assert.Contains("type Consortium implements Organisation @key(fields: \"code\") {", graph.SubgraphSdl);
        // Stubs are references only: this subgraph's _entities still resolves what it owns or extends.
        Assert.DoesNotContain("NhsCommissioningBoard", ((Engine.Types.UnionType)graph.Schema.GetType("_Entity")!).Types.Select(t => t.Name));
    }

    [Fact]
    public void Node_is_served_by_the_directory_alone()
    {
        var directory = RealSubgraph("directory");

        Assert.Contains("  node(id: ID!): Node @authenticated\n", directory.SubgraphSdl);
        // A stub keeps its type's own rules: the directory judges a return by them from what the owner published.
        Assert.Contains("type FinancialReturn implements Node @key(fields: \"id\", resolvable: false) @policy(policies: [[\"self\"], [\"nhscb\"], [\"supportFor\"]]) {", directory.SubgraphSdl);
        Assert.Contains("type PooledBudget implements Node @key(fields: \"code\", resolvable: false) {\n  code: ID! @authenticated\n  id: ID! @external\n}", directory.SubgraphSdl);
        foreach (var other in new[] { "commissioning", "local-government", "nhs-cb", "governance" })
            Assert.Null(RealSubgraph(other).Schema.QueryType!.Fields.GetValueOrDefault("node"));
    }
}
