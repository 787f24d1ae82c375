// A/B of two builds of Commissioning.Graph.Benchmarks in ONE process, each in its own AssemblyLoadContext
// (ab.sh builds them): for every [Benchmark] method, after a warm-up of both, samples of the baseline and the
// current build alternate (which goes first alternates too), each sample about 100 ms of CPU, timed by the
// measuring thread's CPU time (clock_gettime(CLOCK_THREAD_CPUTIME_ID), Linux), so that other processes on a
// shared machine slow both sides alike and time spent descheduled is not counted. Prints the median CPU time
// per operation and the bytes allocated per operation (exact: GC.GetAllocatedBytesForCurrentThread).
//   dotnet BenchmarkAb.dll BASE_BENCHMARKS_BIN CURRENT_BENCHMARKS_BIN [samples=15] [name filter]
//   dotnet BenchmarkAb.dll --alloc BENCHMARKS_BIN "benchmark description" OPS   # sampled allocations by type
//   dotnet BenchmarkAb.dll --rules BENCHMARKS_BIN   # exact bytes each validation rule adds to one validation
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

static class P
{
    [StructLayout(LayoutKind.Sequential)] struct Timespec { public long Sec; public long Nsec; }
    [DllImport("libc")] static extern int clock_gettime(int clock, out Timespec ts);
    static long ThreadCpuNs() { clock_gettime(3, out var t); return t.Sec * 1_000_000_000 + t.Nsec; }

    sealed class Ctx(string dir) : AssemblyLoadContext(dir, false)
    {
        readonly AssemblyDependencyResolver _r = new(Path.Combine(dir, "Commissioning.Graph.Benchmarks.dll"));
        protected override Assembly? Load(AssemblyName name) { var p = _r.ResolveAssemblyToPath(name); return p is null ? null : LoadFromAssemblyPath(p); }
    }

    sealed record Bench(string Name, Func<object?> Run);

    static List<Bench> Load(string dir)
    {
        var ctx = new Ctx(dir);
        var asm = ctx.LoadFromAssemblyPath(Path.Combine(dir, "Commissioning.Graph.Benchmarks.dll"));
        var list = new List<Bench>();
        foreach (var type in asm.GetTypes().Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttributes().Any(a => a.GetType().Name == "BenchmarkAttribute"))).OrderBy(t => t.Name))
        {
            var instance = Activator.CreateInstance(type)!;
            foreach (var setup in type.GetMethods().Where(m => m.GetCustomAttributes().Any(a => a.GetType().Name == "GlobalSetupAttribute"))) setup.Invoke(instance, null);
            foreach (var m in type.GetMethods())
            {
                var attr = m.GetCustomAttributes().FirstOrDefault(a => a.GetType().Name == "BenchmarkAttribute");
                if (attr is null) continue;
                var name = (string?)attr.GetType().GetProperty("Description")?.GetValue(attr) ?? m.Name;
                var del = m;
                list.Add(new Bench(name, () =>
                {
                    var r = del.Invoke(instance, null);
                    if (r is Task t) t.GetAwaiter().GetResult();
                    else if (r is ValueTask vt) vt.GetAwaiter().GetResult();
                    return r;
                }));
            }
        }
        return list;
    }

    static (double cpu, double alloc) Sample(Bench b, int ops)
    {
        var a0 = GC.GetAllocatedBytesForCurrentThread();
        var t0 = ThreadCpuNs();
        for (var i = 0; i < ops; i++) b.Run();
        var t1 = ThreadCpuNs();
        var a1 = GC.GetAllocatedBytesForCurrentThread();
        return ((t1 - t0) / (double)ops, (a1 - a0) / (double)ops);
    }

    sealed class AllocListener : System.Diagnostics.Tracing.EventListener
    {
        public readonly Dictionary<string, long> ByType = new();
        public volatile bool On;
        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
        }
        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
        {
            if (!On || e.EventName is not "GCAllocationTick_V4" and not "GCAllocationTick_V3" and not "GCAllocationTick_V2") return;
            var name = e.Payload?[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload![e.PayloadNames!.IndexOf("AllocationAmount")]);
            lock (ByType) ByType[name] = ByType.GetValueOrDefault(name) + amount;
        }
    }

    static int Main(string[] args)
    {
        if (args[0] == "--alloc")
        {
            // --alloc DIR "benchmark name" ops: sampled allocations by type (AllocationTick, ~100 KB each)
            var list = Load(Path.GetFullPath(args[1]));
            var bench = list.First(x => x.Name == args[2]);
            for (var i = 0; i < 2000; i++) bench.Run();
            using var listener = new AllocListener();
            Thread.Sleep(500);
            listener.On = true;
            var n = int.Parse(args[3]);
            for (var i = 0; i < n; i++) bench.Run();
            listener.On = false;
            foreach (var (t, b) in listener.ByType.OrderByDescending(kv => kv.Value).Take(40)) Console.WriteLine($"{b / (double)n,10:N1} B/op  {t}");
            return 0;
        }
        if (args[0] == "--rules") return RuleAllocations(Path.GetFullPath(args[1]));
        var samples = args.Length > 2 ? int.Parse(args[2]) : 15;
        var filter = args.Length > 3 ? args[3] : "";
        Console.Error.WriteLine("loading baseline…"); var baseList = Load(Path.GetFullPath(args[0]));
        Console.Error.WriteLine("loading current…"); var curList = Load(Path.GetFullPath(args[1]));
        Console.WriteLine($"samples per side: {samples}, alternating; CPU time of the measuring thread per operation (median), allocated bytes per operation");
        Console.WriteLine("| benchmark | baseline CPU/op | current CPU/op | current/baseline | baseline B/op | current B/op |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var b in baseList)
        {
            if (!b.Name.Contains(filter)) continue;
            var c = curList.FirstOrDefault(x => x.Name == b.Name);
            if (c is null) continue;
            // Warm up both (tiering), then size a sample to ~100 ms of CPU.
            var warm = Stopwatch.StartNew();
            while (warm.ElapsedMilliseconds < 4000) { b.Run(); c.Run(); }
            var probe = Sample(b, 20).cpu;
            var ops = Math.Max(20, (int)(100_000_000 / Math.Max(probe, 1)));
            var bs = new List<double>(); var cs = new List<double>(); double ba = 0, ca = 0;
            for (var i = 0; i < samples; i++)
            {
                // Alternate which side goes first.
                if (i % 2 == 0) { var x = Sample(b, ops); bs.Add(x.cpu); ba = x.alloc; var y = Sample(c, ops); cs.Add(y.cpu); ca = y.alloc; }
                else { var y = Sample(c, ops); cs.Add(y.cpu); ca = y.alloc; var x = Sample(b, ops); bs.Add(x.cpu); ba = x.alloc; }
            }
            double Med(List<double> l) { l.Sort(); return l[l.Count / 2]; }
            string F(double ns) => ns >= 1000 ? $"{ns / 1000:N1} µs" : $"{ns:N0} ns";
            var mb = Med(bs); var mc = Med(cs);
            Console.WriteLine($"| {b.Name} | {F(mb)} | {F(mc)} | {mc / mb:N2} | {ba:N0} | {ca:N0} |");
        }
        return 0;
    }

    // --rules DIR: for the introspection and 30-field documents of the benchmarks, the bytes one validation with all
    // specified rules allocates, and for each rule what leaving it out saves (its visitor and what it allocates while
    // the walk runs; the walk and TypeInfo are shared, so they are in the total only). Exact, not sampled.
    static int RuleAllocations(string dir)
    {
        var ctx = new Ctx(dir);
        var engine = ctx.LoadFromAssemblyPath(Path.Combine(dir, "Commissioning.Graph.Engine.dll"));
        var benchmarks = ctx.LoadFromAssemblyPath(Path.Combine(dir, "Commissioning.Graph.Benchmarks.dll"));
        var fixtures = benchmarks.GetTypes().First(t => t.Name == "Fixtures");
        var schema = fixtures.GetMethod("BuildSdlSchema")!.Invoke(null, null)!;
        var parse = engine.GetType("Commissioning.Graph.Engine.Language.Parser")!.GetMethods()
            .First(m => m.Name == "Parse" && m.IsPublic && m.GetParameters().Length == 2);
        var validate = engine.GetType("Commissioning.Graph.Engine.Validation.DocumentValidator")!.GetMethod("Validate")!;
        var ruleType = engine.GetType("Commissioning.Graph.Engine.Validation.IValidationRule")!;
        var all = ((System.Collections.IEnumerable)engine.GetType("Commissioning.Graph.Engine.Validation.SpecifiedRules")!
            .GetProperty("All")!.GetValue(null)!).Cast<object>().ToList();
        Array Rules(IEnumerable<object> rules)
        {
            var list = rules.ToList();
            var array = Array.CreateInstance(ruleType, list.Count);
            for (var i = 0; i < list.Count; i++) array.SetValue(list[i], i);
            return array;
        }
        var documents = new[]
        {
            ("Introspection", (string)engine.GetType("Commissioning.Graph.Engine.Introspection.IntrospectionQuery")!.GetField("Text")!.GetValue(null)!),
            ("30-field query", (string)fixtures.GetField("Query30")!.GetValue(null)!),
        };
        foreach (var (name, text) in documents)
        {
            var document = parse.Invoke(null, new object?[] { text, null })!;
            double Bytes(Array rules)
            {
                var arguments = new object?[] { schema, document, rules, null };
                // The least of several rounds: the first ones also count what tiered compilation allocates.
                var least = double.MaxValue;
                for (var round = 0; round < 5; round++)
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    for (var i = 0; i < 1000; i++) validate.Invoke(null, arguments);
                    least = Math.Min(least, (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0);
                }
                return least;
            }
            var total = Bytes(Rules(all));
            Console.WriteLine($"{name}: validate with all rules {total:N0} B (with the reflection call's own bytes)");
            Console.WriteLine("| rule | B saved when left out |");
            Console.WriteLine("|---|---:|");
            foreach (var rule in all)
                Console.WriteLine($"| {rule.GetType().Name} | {total - Bytes(Rules(all.Where(r => !ReferenceEquals(r, rule)))):N0} |");
        }
        return 0;
    }
}
