using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Host.Graph;
using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Host.Tests;

/// <summary>In one process the composer turns another module's <see cref="EntityReference"/> into the owner's entity,
/// as a gateway would; as a subgraph the reference is left for the gateway.</summary>
public class EntityReferenceCompositionTests
{
    /// <summary>A module that names consortia by key only, in a field, a list and an interface-typed field.</summary>
    private static ComposableModule Referrer() => new(
        "referrer",
        """
        extend type Consortium @key(fields: "code") { code: ID! @external }
        type Seat { consortium: Consortium }
        extend type Query {
          seat(code: ID!): Seat @authenticated
          seats: [Seat!]! @authenticated
          consortiaByKey: [Consortium!]! @authenticated
          somebody(code: ID!): Organisation @authenticated
        }
        """,
        b => b.Resolve("Query.seat", ctx => new { Consortium = new EntityReference("Consortium", (string)ctx.Arguments["code"]!) })
              .Resolve("Query.seats", _ => new[] { new { Consortium = new EntityReference("Consortium", "01A") }, new { Consortium = new EntityReference("Consortium", "ZZZ") } })
              .ResolveAsync("Query.consortiaByKey", async _ => { await Task.Yield(); return new object[] { new EntityReference("Consortium", "02B"), new EntityReference("Consortium", "01A") }; })
              .Resolve("Query.somebody", ctx => new EntityReference("Consortium", (string)ctx.Arguments["code"]!)),
        new Dictionary<string, EntityResolverFunc>
        {
            ["Consortium"] = (rep, _) => new ValueTask<object?>(new EntityReference("Consortium", (string)rep["code"]!)),
        });

    [Fact]
    public async Task A_reference_in_a_field_a_list_or_an_interface_resolves_to_the_owners_entity()
    {
        var schema = CommissioningGraph.Compose([FakeModules.Registry(), Referrer()], subgraph: null).Schema;

        var response = await schema.RunAsync("""
            { seat(code: "02B") { consortium { code name kind } }
              seats { consortium { name } }
              consortiaByKey { code name }
              somebody(code: "01A") { __typename name } }
            """);

        Assert.Equal("""
            {"data":{"seat":{"consortium":{"code":"02B","name":"Northvale South Commissioning Consortium","kind":"CONSORTIUM"}},"seats":[{"consortium":{"name":"Northvale North Commissioning Consortium"}},{"consortium":null}],"consortiaByKey":[{"code":"02B","name":"Northvale South Commissioning Consortium"},{"code":"01A","name":"Northvale North Commissioning Consortium"}],"somebody":{"__typename":"Consortium","name":"Northvale North Commissioning Consortium"}}}
            """.Trim(), response.GetRawText());
    }

    [Fact]
    public async Task A_subgraph_leaves_references_for_the_gateway()
    {
        var schema = CommissioningGraph.Compose([FakeModules.Registry(), Referrer()], subgraph: "referrer").Schema;

        var response = await schema.RunAsync("""{ seat(code: "02B") { consortium { __typename code } } }""");

        Assert.Equal("""{"data":{"seat":{"consortium":{"__typename":"Consortium","code":"02B"}}}}""", response.GetRawText());
    }
}
