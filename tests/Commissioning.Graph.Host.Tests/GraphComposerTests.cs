using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Host.Graph;

namespace Commissioning.Graph.Host.Tests;

public class GraphComposerTests
{
    private static ComposedGraph Monolith(params ComposableModule[] modules) =>
        CommissioningGraph.Compose(modules, subgraph: null);

    [Fact]
    public void An_extension_adds_its_fields_to_the_owners_type_and_external_fields_are_dropped()
    {
        var schema = Monolith(FakeModules.Registry(), FakeModules.LocalGovernment()).Schema;

        var consortium = (ObjectType)schema.GetType("Consortium")!;
        Assert.Equal(["id", "code", "name", "kind", "hwbs"], consortium.Fields.Values.Select(f => f.Name));
        // The owner's definition of code wins: the extension's @external copy is gone.
        Assert.DoesNotContain(consortium.Fields["code"].AppliedDirectives, d => d.Name.Value == "external");
    }

    [Fact]
    public async Task Fields_from_two_modules_resolve_in_one_query()
    {
        var schema = Monolith(FakeModules.Registry(), FakeModules.LocalGovernment()).Schema;

        var response = await schema.RunAsync("""{ consortium(code: "02B") { name hwbs { code } } }""");

        Assert.Equal("""{"data":{"consortium":{"name":"Northvale South Commissioning Consortium","hwbs":[{"code":"HWB-E10000001"},{"code":"HWB-E06000002"}]}}}""", response.GetRawText());
    }

    [Fact]
    public void An_extension_without_a_definition_becomes_the_definition()
    {
        var schema = Monolith(FakeModules.LocalGovernment()).Schema;

        var consortium = (ObjectType)schema.GetType("Consortium")!;
        Assert.Equal(["code", "hwbs"], consortium.Fields.Values.Select(f => f.Name));
    }

    [Fact]
    public void Identical_types_and_fields_in_two_modules_are_kept_once()
    {
        var a = new ComposableModule("a", "type Money { amount: Decimal! currency: String! }  extend type Query { total: Money }");
        var b = new ComposableModule("b", "type Money { amount: Decimal!  currency: String! }  extend type Query { total: Money }");

        var schema = Monolith(a, b).Schema;

        Assert.Equal(["amount", "currency"], ((ObjectType)schema.GetType("Money")!).Fields.Values.Select(f => f.Name));
        Assert.Single(schema.QueryType!.Fields.Values, f => f.Name == "total");
    }

    [Fact]
    public void Two_modules_defining_a_type_differently_is_an_error_naming_both()
    {
        var a = new ComposableModule("alpha", "type Money { amount: Decimal! }");
        var b = new ComposableModule("beta", "type Money { amount: String! }");

        var error = Assert.Throws<GraphQLException>(() => Monolith(a, b));

        Assert.Equal("Type \"Money\" is defined differently by modules \"alpha\" and \"beta\".", error.Message);
    }

    [Fact]
    public void Two_modules_adding_a_field_differently_is_an_error_naming_both()
    {
        var a = new ComposableModule("alpha", "extend type Query { year: String }");
        var b = new ComposableModule("beta", "extend type Query { year: Int }");

        var error = Assert.Throws<GraphQLException>(() => Monolith(a, b));

        Assert.Equal("Field \"Query.year\" is defined differently by modules \"alpha\" and \"beta\".", error.Message);
    }

    [Fact]
    public void Two_modules_resolving_one_field_is_an_error_naming_both()
    {
        var a = new ComposableModule("alpha", "extend type Query { year: String }", b => b.Resolve("Query.year", _ => "2013-14"));
        var b = new ComposableModule("beta", "extend type Query { year: String }", b => b.Resolve("Query.year", _ => "2014-15"));

        var error = Assert.Throws<GraphQLException>(() => Monolith(a, b));

        Assert.Equal("Field \"Query.year\" is resolved by modules \"alpha\" and \"beta\".", error.Message);
    }

    [Fact]
    public async Task Node_finds_an_entity_again_from_its_id()
    {
        var schema = Monolith(FakeModules.Registry(), FakeModules.LocalGovernment()).Schema;

        var first = await schema.RunAsync("""{ consortium(code: "01A") { id } }""");
        var id = first.GetProperty("data").GetProperty("consortium").GetProperty("id").GetString()!;
        var again = await schema.RunAsync("query($id: ID!) { node(id: $id) { __typename id ... on Consortium { code name } } }", new() { ["id"] = id });

        Assert.Equal(GlobalId.Encode("Consortium", "01A"), id);
        Assert.Equal("""{"data":{"node":{"__typename":"Consortium","id":"ID","code":"01A","name":"Northvale North Commissioning Consortium"}}}""".Replace("ID", id), again.GetRawText());
    }

    [Fact]
    public async Task Node_is_null_for_an_id_that_names_no_entity()
    {
        var schema = Monolith(FakeModules.Registry()).Schema;

        var response = await schema.RunAsync("""query($a: ID!, $b: ID!, $c: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } c: node(id: $c) { id } }""",
            new() { ["a"] = GlobalId.Encode("Consortium", "99Z"), ["b"] = GlobalId.Encode("PageInfo", "x"), ["c"] = "not an id!" });

        Assert.Equal("""{"data":{"a":null,"b":null,"c":null}}""", response.GetRawText());
    }

    [Fact]
    public void The_organisation_entry_points_are_the_directory_modules_not_the_hosts()
    {
        // Organisations of every kind are answered by the directory module alone (one process and subgraph alike, see
        // EntryPointTests); a graph composed without it has no such entry points.
        var schema = Monolith(FakeModules.Registry(), FakeModules.LocalGovernment()).Schema;

        Assert.Null(schema.QueryType!.Fields.GetValueOrDefault("organisation"));
        Assert.Null(schema.QueryType.Fields.GetValueOrDefault("organisations"));
    }

    [Fact]
    public async Task Shared_decimal_and_date_scalars_serialise_as_strings_and_accept_numbers()
    {
        var module = new ComposableModule("money", "extend type Query { double(amount: Decimal!): Decimal  start: Date }",
            b => b.Resolve("Query.double", ctx => (decimal)ctx.Arguments["amount"]! * 2).Resolve("Query.start", _ => new DateOnly(2013, 4, 1)));
        var schema = Monolith(module).Schema;

        var response = await schema.RunAsync("""{ a: double(amount: 209500000.005) b: double(amount: "1.50") start }""");

        Assert.Equal("""{"data":{"a":"419000000.010","b":"3.00","start":"2013-04-01"}}""", response.GetRawText());
    }
}
