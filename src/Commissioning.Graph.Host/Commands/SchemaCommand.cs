using Commissioning.Graph.Host.Graph;

namespace Commissioning.Graph.Host.Commands;

/// <summary>
/// <c>schema [--module NAME] [--federation]</c>: prints the SDL of the whole graph, of one module's
/// subgraph, or (<c>--federation</c>) the subgraph SDL a gateway composes — the files in <c>schema/</c>.
/// </summary>
public static class SchemaCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var module = CommandLine.TakeOption(ref args, "--module");
        var federation = CommandLine.TakeFlag(ref args, "--federation");
        if (federation && module is null)
        {
            Console.Error.WriteLine("schema: --federation needs --module NAME.");
            return Task.FromResult(2);
        }
        try
        {
            Console.Out.Write(Print(module, federation));
            return Task.FromResult(0);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("schema: " + e.Message);
            return Task.FromResult(2);
        }
    }

    /// <summary>The text the verb prints, ending with a newline.</summary>
    public static string Print(string? module, bool federation)
    {
        var graph = CommissioningGraph.Compose(CommissioningGraph.CreateModules(), module);
        return federation ? graph.SubgraphSdl! : graph.PrintSdl() + "\n";
    }
}
