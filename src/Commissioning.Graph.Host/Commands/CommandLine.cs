namespace Commissioning.Graph.Host.Commands;

/// <summary>Dispatches the first argument to a verb; options are parsed by each verb.</summary>
public static class CommandLine
{
    public const string Usage = """
        Commissioning.Graph — GraphQL API platform for the NHS commissioning system

        usage: Commissioning.Graph.Host [VERB] [--data-dir DIR] [options]

          --data-dir DIR            (every verb) the SQLite file DIR/commissioning.db (unless a connection
                                    string is configured) and the development signing key
                                    DIR/dev-signing-key.json: processes given the same DIR share both

          serve                     serve /graphql (the default verb): all modules in one process over
                                    data/commissioning.db (in Development migrated and seeded at start), GraphiQL on
                                    (environment Development unless --environment says otherwise);
                                    ASP.NET Core options such as --urls http://127.0.0.1:5080 apply
            --module NAME           one module as a federation subgraph (see `modules`)
            --schema FILE --data FILE   mock server: any SDL over JSON data, with exec's semantics
          exec --jsonl              run the engine over JSON Lines on stdin (see README)
          token --org CODE          mint a development token (trusted by serve in Development only)
            [--scope S]... [--scopes "A B"] [--purpose P] [--client-id ID] [--lifetime 8h]
          schema [--module NAME]    print the SDL of the graph, or of one module's subgraph
            [--federation]          with --module: the subgraph SDL a gateway composes
          persist FILE... --out DIR validate documents (.graphql, or a JSON manifest) and publish them
            [--Redis:Configuration=H:P]  for GraphQL:PersistedDocuments:Mode=Required (DIR, and/or Redis)
          migrate                   apply every module's database migrations
          seed [--scale N]          migrate and load the demonstration data (N times its size)
          modules                   list the modules `serve --module` accepts, one a line
          help                      this text
        """;

    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, Func<string[], Task<int>>> verbs)
    {
        if (args.Length > 0 && args[0] is "help" or "--help" or "-h")
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        if (TakeOption(ref rest, "--data-dir") is { } dataDir) UseDataDirectory(dataDir);
        if (!verbs.TryGetValue(verb, out var run))
        {
            Console.Error.WriteLine($"Unknown verb \"{verb}\".");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        return await run(rest);
    }

    /// <summary>
    /// <c>--data-dir DIR</c>: every verb reads its configuration through environment variables (among other
    /// sources), so setting the two keys here reaches serve, migrate, seed and token alike; a value the
    /// operator already set in the environment wins.
    /// </summary>
    public static void UseDataDirectory(string dataDir)
    {
        var full = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(full);
        foreach (var (key, value) in DataDirectory.Settings(full)) SetUnlessSet(key.Replace(":", "__"), value);

        static void SetUnlessSet(string name, string value)
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>Removes "--name value" from <paramref name="args"/> and returns the value, or null.</summary>
    public static string? TakeOption(ref string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
            {
                var value = args[i + 1];
                args = args[..i].Concat(args[(i + 2)..]).ToArray();
                return value;
            }
            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                var value = args[i][(name.Length + 1)..];
                args = args[..i].Concat(args[(i + 1)..]).ToArray();
                return value;
            }
        }
        return null;
    }

    /// <summary>Removes a "--flag" from <paramref name="args"/>; true when it was there.</summary>
    public static bool TakeFlag(ref string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0) return false;
        args = args[..i].Concat(args[(i + 1)..]).ToArray();
        return true;
    }
}
