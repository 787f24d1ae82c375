using System.Collections.Concurrent;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Tests.Introspection;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Execution;

/// <summary>The executor dispatches a request's loaders when every resolver it started waits and no
/// batch is in flight: the number of batch calls is fixed by the query and the data, not by timing.</summary>
public class DataLoaderDispatchTests
{
    private sealed class Calls
    {
        private readonly ConcurrentDictionary<string, int> _calls = new();
        public void Add(string loader) => _calls.AddOrUpdate(loader, 1, (_, n) => n + 1);
        public int this[string loader] => _calls.GetValueOrDefault(loader);
    }

    private static Task<IReadOnlyDictionary<int, int>> Map(IReadOnlyList<int> keys, Func<int, int> f) =>
        Task.FromResult<IReadOnlyDictionary<int, int>>(keys.ToDictionary(k => k, f));

    private static DataLoader<int, int> Loader(IResolveContext ctx, Calls calls, string name, Func<Task>? before = null, Func<int, int>? f = null) =>
        ctx.GetDataLoader<int, int>(name, async (keys, ct) =>
        {
            calls.Add(name);
            if (before is not null) await before();
            return await Map(keys, f ?? (k => k + 1000));
        });

    // items: 30 parents; a and b: children read through two loaders whose batches finish at different
    // times (a sleeps); leaf: a grandchild both a's and b's children read through one loader.
    private static Schema BuildSchema(Calls calls) => new SchemaBuilder()
        .Query("Query", q => q.Field("items", "[Item!]!", f => f.Resolve(_ => Enumerable.Range(0, 30).ToList())))
        .Object("Item", o => o
            .Field("id", "Int!", f => f.Resolve<int>(i => i))
            .Field("a", "Child", f => f.ResolveAsync(async ctx =>
                (object?)await Loader(ctx, calls, "a", () => Task.Delay(30)).LoadAsync((int)ctx.Source!)))
            .Field("b", "Child", f => f.ResolveAsync(async ctx =>
                (object?)await Loader(ctx, calls, "b", async () => await Task.Yield(), k => k + 2000).LoadAsync((int)ctx.Source!)))
            .Field("late", "Int", f => f.ResolveAsync(async ctx =>
            {
                // Not through a loader first: the load that follows is issued outside the executor's control.
                await Task.Delay(5);
                return (object?)await Loader(ctx, calls, "late").LoadAsync((int)ctx.Source!);
            })))
        .Object("Child", o => o
            .Field("value", "Int!", f => f.Resolve<int>(i => i))
            .Field("leaf", "Int", f => f.ResolveAsync(async ctx =>
                (object?)await Loader(ctx, calls, "leaf", () => Task.Delay(1)).LoadAsync((int)ctx.Source!))))
        .Build();

    [Fact]
    public async Task A_level_waits_for_every_batch_of_the_level_before_dispatching_the_next()
    {
        var calls = new Calls();
        var result = await TestExecutor.ExecuteAsync(BuildSchema(calls), "{ items { id a { value leaf } b { value leaf } } }");
        var json = TestExecutor.DataJson(result);
        Assert.Contains("{\"id\":7,\"a\":{\"value\":1007,\"leaf\":2007},\"b\":{\"value\":2007,\"leaf\":3007}}", json);
        Assert.Equal((1, 1, 1), (calls["a"], calls["b"], calls["leaf"]));
    }

    [Fact]
    public async Task Batch_counts_are_the_same_on_every_run_even_under_load()
    {
        // Eight requests at once on a two-core machine: before, a busy pool split batches.
        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var calls = new Calls();
            for (var i = 0; i < 5; i++)
                await TestExecutor.ExecuteAsync(BuildSchema(calls), "{ items { id a { value leaf } b { value leaf } } }");
            return (calls["a"], calls["b"], calls["leaf"]);
        })));
        Assert.All(runs, r => Assert.Equal((5, 5, 5), r));
    }

    [Fact]
    public async Task A_load_issued_after_an_await_that_is_not_a_load_still_completes()
    {
        var calls = new Calls();
        var result = await TestExecutor.ExecuteAsync(BuildSchema(calls), "{ items { id late } }");
        Assert.Contains("{\"id\":29,\"late\":1029}", TestExecutor.DataJson(result));
        Assert.Null(result.Errors);
        Assert.InRange(calls["late"], 1, 30);
    }

    [Fact]
    public async Task A_batch_function_may_load_from_another_loader_of_the_request()
    {
        var calls = new Calls();
        var schema = new SchemaBuilder()
            .Query("Query", q => q.Field("items", "[Int!]!", f => f.ResolveAsync(async ctx =>
            {
                var outer = ctx.GetDataLoader<int, int>("outer", async (keys, ct) =>
                {
                    calls.Add("outer");
                    // The inner loader is of the same request: the outer batch must not wait for itself.
                    var inner = await Loader(ctx, calls, "inner").LoadManyAsync(keys, ct);
                    return keys.Select((k, i) => (k, v: inner[i])).ToDictionary(p => p.k, p => p.v);
                });
                return (object?)await outer.LoadManyAsync(Enumerable.Range(0, 10));
            })))
            .Build();
        var result = await TestExecutor.ExecuteAsync(schema, "{ items }").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("{\"items\":[1000,1001,1002,1003,1004,1005,1006,1007,1008,1009]}", TestExecutor.DataJson(result));
        Assert.Equal((1, 1), (calls["outer"], calls["inner"]));
    }

    [Fact]
    public async Task A_loader_without_auto_dispatch_is_left_to_the_resolver()
    {
        var calls = 0;
        var schema = new SchemaBuilder()
            .Query("Query", q => q.Field("items", "[Int!]!", f => f.ResolveAsync(async ctx =>
            {
                var loader = ctx.GetDataLoader<int, int>("manual", (keys, ct) =>
                {
                    Interlocked.Increment(ref calls);
                    return Map(keys, k => -k);
                }, new DataLoaderOptions { AutoDispatch = false });
                var loads = Enumerable.Range(1, 3).Select(k => loader.LoadAsync(k).AsTask()).ToList();
                await Task.Delay(20);
                Assert.True(loader.HasPendingKeys);
                await loader.DispatchAsync();
                return (object?)(await Task.WhenAll(loads)).ToList();
            })))
            .Build();
        var result = await TestExecutor.ExecuteAsync(schema, "{ items }");
        Assert.Equal("{\"items\":[-1,-2,-3]}", TestExecutor.DataJson(result));
        Assert.Equal(1, calls);
    }

    /// <summary>A synchronisation context that runs what is posted to it on its own thread, one item at a time,
    /// <paramref name="gap"/> apart: like a UI or test framework's context on a slow machine.</summary>
    private sealed class SlowContext(TimeSpan gap) : SynchronizationContext, IDisposable
    {
        private readonly BlockingCollection<(SendOrPostCallback, object?)> _queue = new();
        private Thread? _thread;

        public override void Post(SendOrPostCallback d, object? state)
        {
            _queue.Add((d, state));
            if (_thread is not null) return;
            lock (_queue)
            {
                if (_thread is not null) return;
                _thread = new Thread(() =>
                {
                    SetSynchronizationContext(this);
                    foreach (var (callback, s) in _queue.GetConsumingEnumerable())
                    {
                        Thread.Sleep(gap);
                        callback(s);
                    }
                }) { IsBackground = true };
                _thread.Start();
            }
        }

        public void Dispose() => _queue.CompleteAdding();
    }

    [Fact]
    public async Task Waiters_whose_continuations_are_posted_to_their_context_still_share_the_next_batch()
    {
        // Each waiter of the first batch captured a synchronisation context, so its continuation cannot run inline
        // in the batch's completion: it is posted, and the posted continuations run 15 ms apart. The loads they issue
        // must still form one batch: the scope counts each posted continuation as a section until it has run
        // (a timing-based dispatch would send the first load alone, 1 ms after it arrived).
        var registry = new DataLoaderRegistry();
        // The first batch completes on a pool thread, which has no synchronisation context.
        var first = registry.GetOrAdd("first", () => new DataLoader<int, int>(async (keys, _) =>
        {
            await Task.Delay(1).ConfigureAwait(false);
            return await Map(keys, k => k * 10);
        }));
        var second = registry.GetOrAdd("second", () => new DataLoader<int, int>((keys, _) => Map(keys, k => k + 1)));
        using var context = new SlowContext(TimeSpan.FromMilliseconds(15));
        var previous = SynchronizationContext.Current;
        List<Task<int>> items;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            using (registry.HoldDispatch()) items = Enumerable.Range(1, 4).Select(Item).ToList();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        var values = await Task.WhenAll(items).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new[] { 11, 21, 31, 41 }, values);
        Assert.Equal((1, 1), (first.BatchCallCount, second.BatchCallCount));

        async Task<int> Item(int key)
        {
            var tens = await first.LoadAsync(key);     // continues on the slow context
            Assert.Same(context, SynchronizationContext.Current);
            return await second.LoadAsync(tens);
        }
    }
}
