using Commissioning.Graph.Host.Commands;

// Verb dispatch (see ARCHITECTURE.md "The command-line contract").
return args.Length > 0 && args[0] == "exec"
    ? ExecJsonlCommand.Run(args[1..], Console.OpenStandardInput(), Console.OpenStandardOutput())
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: Commissioning.Graph.Host exec --jsonl");
    return 2;
}
