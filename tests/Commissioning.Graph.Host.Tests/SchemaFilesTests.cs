using Commissioning.Graph.Host.Commands;
using Commissioning.Graph.Host.Graph;

namespace Commissioning.Graph.Host.Tests;

/// <summary>
/// schema/ holds what the <c>schema</c> verb prints: the whole graph (graph.graphql) and each module's
/// federation subgraph SDL. A test fails when a file drifts from the code; run the tests with
/// <c>UPDATE_SCHEMA=1</c> to rewrite the files (then recompose schema/supergraph.graphql with infra/gateway).
/// </summary>
public class SchemaFilesTests
{
    [Fact]
    public void The_graph_schema_file_is_what_the_schema_verb_prints() =>
        AssertFile("graph.graphql", SchemaCommand.Print(module: null, federation: false));

    [Fact]
    public void Each_subgraph_schema_file_is_what_the_schema_verb_prints()
    {
        foreach (var module in CommissioningGraph.CreateModules())
            AssertFile(module.Name + ".graphql", SchemaCommand.Print(module.Name, federation: true));
    }

    private static void AssertFile(string name, string printed)
    {
        var path = Path.Combine(RepositoryRoot(), "schema", name);
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, printed);
        }
        Assert.True(File.Exists(path), $"schema/{name} is missing: run the tests with UPDATE_SCHEMA=1.");
        Assert.True(File.ReadAllText(path) == printed, $"schema/{name} differs from what `schema` prints: run the tests with UPDATE_SCHEMA=1 and review the diff.");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Commissioning.Graph.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Commissioning.Graph.sln not found above the test directory.");
    }
}
