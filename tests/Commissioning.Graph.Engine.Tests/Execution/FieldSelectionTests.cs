using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using static Commissioning.Graph.Engine.Tests.Execution.ExecutionTestHelpers;

namespace Commissioning.Graph.Engine.Tests.Execution;

/// <summary>FieldSelection: a resolver sees the sub-selection the executor will collect for its field (spec §6.3.2).</summary>
public sealed class FieldSelectionTests
{
    private const string Sdl = """
        type Query { list(first: Int): ItemConnection! item: Item }
        type ItemConnection { nodes: [Item!]! edges: [ItemEdge!]! totalCount: Int! }
        type ItemEdge { cursor: String! node: Item! }
        interface Named { name: String! }
        type Item implements Named { id: ID! name: String! area: String population: Int! }
        """;

    /// <summary>Runs <paramref name="query"/>; returns the names of the fields of Item below <c>list</c>'s nodes and edges.node, as seen by its resolver.</summary>
    private static async Task<(IReadOnlyList<string> Nodes, IReadOnlyList<string> EdgeNodes, IReadOnlyList<string> Connection)> SeenAsync(string query, string? variables = null)
    {
        var schema = SchemaBuilder.FromSdl(Sdl).Build();
        IReadOnlyList<string> nodes = [], edgeNodes = [], connection = [];
        schema.Field("Query.list").Resolver = ctx =>
        {
            var item = (ObjectType)ctx.Schema.GetType("Item")!;
            var selection = FieldSelection.Of(ctx, "ItemConnection");
            connection = selection.Fields.Select(f => f.ResponseKey).ToList();
            nodes = selection.Named("nodes").SelectMany(n => n.SelectionFor(item).Fields).Select(f => $"{f.ResponseKey}:{f.Definition.Name}").ToList();
            edgeNodes = selection.Named("edges").SelectMany(e => e.Selection()!.Named("node")).SelectMany(n => n.SelectionFor(item).Fields)
                .Select(f => $"{f.ResponseKey}:{f.Definition.Name}").ToList();
            return new ValueTask<object?>(new Dictionary<string, object?> { ["nodes"] = Array.Empty<object>(), ["edges"] = Array.Empty<object>(), ["totalCount"] = 0 });
        };
        var result = await Execute(schema, query, variables: variables is null ? null : Vars(variables));
        Assert.Null(result.Errors);
        return (nodes, edgeNodes, connection);
    }

    [Fact]
    public async Task Fragments_inline_fragments_and_aliases_merge_as_the_executor_collects_them()
    {
        var (nodes, edgeNodes, connection) = await SeenAsync("""
            { list { totalCount nodes { name ...F ... on Named { name } renamed: area } edges { node { ... on Item { population } } } } }
            fragment F on Item { id }
            """);
        Assert.Equal(["totalCount", "nodes", "edges"], connection);
        Assert.Equal(["name:name", "id:id", "renamed:area"], nodes);
        Assert.Equal(["population:population"], edgeNodes);
    }

    [Fact]
    public async Task Skip_and_include_are_evaluated_with_the_request_s_variables()
    {
        const string Query = """
            query($more: Boolean!) { list { nodes { name area @include(if: $more) ... @skip(if: $more) { population } } } }
            """;
        Assert.Equal(["name:name", "population:population"], (await SeenAsync(Query, """{ "more": false }""")).Nodes);
        Assert.Equal(["name:name", "area:area"], (await SeenAsync(Query, """{ "more": true }""")).Nodes);
    }

    [Fact]
    public async Task Deferred_fragments_are_part_of_the_selection()
    {
        var schema = SchemaBuilder.FromSdl(Sdl + "\ndirective @defer(if: Boolean! = true, label: String) on FRAGMENT_SPREAD | INLINE_FRAGMENT").Build();
        IReadOnlyList<string> seen = [];
        schema.Field("Query.item").Resolver = ctx =>
        {
            seen = FieldSelection.Of(ctx, "Item").Fields.Select(f => f.Definition.Name).ToList();
            return new ValueTask<object?>(null);
        };
        await Execute(schema, "{ item { name ... @defer { area } } }");
        Assert.Equal(["name", "area"], seen);
    }
}
