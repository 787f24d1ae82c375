using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Commissioning.Graph.Benchmarks;

// dotnet run -c Release -- [BenchmarkDotNet arguments]; run.sh passes --filter '*' --job short.
// dotnet run -c Release -- --check: executes every benchmark's document once and fails on any error.
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--projection-figure", ..]) return ProjectionFigure.RunAsync(args[1..]).GetAwaiter().GetResult();
        if (args is ["--check"])
        {
            // Runs every GlobalSetup once: each executes its document and throws on any error.
            new IntrospectionBenchmarks().Setup();
            new Query30Benchmarks().Setup();
            new CodeFirstBenchmarks().Setup();
            new EngineRequestBenchmarks().Setup();
            Console.WriteLine("all benchmark documents execute without errors");
            return 0;
        }
        var config = DefaultConfig.Instance
            .WithOptions(ConfigOptions.JoinSummary)          // one table for every class
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
