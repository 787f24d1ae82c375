using Commissioning.Graph.Host.Graph;
using Commissioning.Graph.Host.Commands;

// The command-line contract of ARCHITECTURE.md: one executable, one verb per job.
// `serve` is the default verb.
return await CommandLine.RunAsync(args, new Dictionary<string, Func<string[], Task<int>>>
{
    ["serve"] = ServeCommand.RunAsync,
    ["exec"] = rest => Task.FromResult(ExecJsonlCommand.Run(rest, Console.OpenStandardInput(), Console.OpenStandardOutput())),
    ["token"] = TokenCommand.RunAsync,
    ["schema"] = SchemaCommand.RunAsync,
    ["persist"] = PersistCommand.RunAsync,
    ["migrate"] = DatabaseCommands.MigrateAsync,
    ["seed"] = DatabaseCommands.SeedAsync,
    ["modules"] = _ => { foreach (var m in CommissioningGraph.CreateModules()) Console.WriteLine(m.Name); return Task.FromResult(0); },
});
