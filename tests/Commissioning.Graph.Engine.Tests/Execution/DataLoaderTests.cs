using System.Collections.Concurrent;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Tests.Introspection;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Execution;

public class DataLoaderTests
{
    /// <summary>A batch function that records its calls and maps each key k to "v" + k.</summary>
    private sealed class RecordingBatch
    {
        public readonly ConcurrentQueue<IReadOnlyList<int>> Calls = new();
        public Func<IReadOnlyList<int>, Task>? Before;
        public async Task<IReadOnlyDictionary<int, string>> Load(IReadOnlyList<int> keys, CancellationToken ct)
        {
            Calls.Enqueue(keys.ToList());
            if (Before is not null) await Before(keys);
            await Task.Yield();
            return keys.Where(k => k >= 0).ToDictionary(k => k, k => "v" + k);
        }
    }

    [Fact]
    public async Task Hundred_concurrent_loads_are_served_by_one_batch_call()
    {
        var batch = new RecordingBatch();
        var loader = new DataLoader<int, string>(batch.Load);
        List<ValueTask<string?>> loads;
        // Held, the batch does not depend on the thread pool's timing (a pre-empted loop would split it).
        using (loader.HoldDispatch()) loads = Enumerable.Range(0, 100).Select(i => loader.LoadAsync(i)).ToList();
        var values = new List<string?>();
        foreach (var l in loads) values.Add(await l);

        Assert.Single(batch.Calls);
        Assert.Equal(100, batch.Calls.Single().Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => "v" + i), values);
    }

    [Fact]
    public async Task Loads_issued_by_continuations_of_one_batch_share_the_next_batch()
    {
        // As the executor does for a list: each item's continuation resolves a child field.
        var batch = new RecordingBatch();
        var loader = new DataLoader<int, string>(batch.Load);
        async Task<string?> Item(int i)
        {
            var parent = await loader.LoadAsync(i);
            return parent + "/" + await loader.LoadAsync(1000 + i);
        }
        // On the thread pool, as under ASP.NET Core (no synchronisation context).
        // The first level is issued with dispatch held (as the executor holds it around a list's
        // items); the second level is issued by continuations that the first batch's completion runs.
        var results = await Task.Run(() =>
        {
            using (loader.HoldDispatch()) return Task.WhenAll(Enumerable.Range(0, 20).Select(Item));
        });

        Assert.Equal(2, batch.Calls.Count);
        Assert.Equal(20, batch.Calls.Last().Count);
        Assert.Equal("v3/v1003", results[3]);
    }

    [Fact]
    public async Task Loads_without_a_hold_are_dispatched_by_the_fallback_dispatcher()
    {
        // Outside the executor and without HoldDispatch, a quiet thread pool dispatches by itself;
        // how many batches that takes depends on timing, so only completion is asserted.
        var batch = new RecordingBatch();
        var loader = new DataLoader<int, string>(batch.Load);
        var values = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => loader.LoadAsync(i).AsTask()));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "v" + i), values);
        Assert.InRange(batch.Calls.Count, 1, 10);
        Assert.Equal(10, batch.Calls.Sum(c => c.Count));
    }

    [Fact]
    public async Task Holding_dispatch_keeps_keys_waiting_until_the_hold_ends()
    {
        var batch = new RecordingBatch();
        var loader = new DataLoader<int, string>(batch.Load);
        var hold = loader.HoldDispatch();
        var a = loader.LoadAsync(1).AsTask();
        var b = loader.LoadAsync(2).AsTask();
        Assert.True(loader.HasPendingKeys);
        hold.Dispose();
        hold.Dispose(); // a second dispose must not end another section
        Assert.Equal(new[] { "v1", "v2" }, await Task.WhenAll(a, b));
        Assert.Single(batch.Calls);
    }

    [Fact]
    public async Task Each_batch_call_records_its_size_and_a_span()
    {
        var sizes = new ConcurrentBag<int>();
        using var meters = new System.Diagnostics.Metrics.MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EngineTelemetry.SourceName && instrument.Name == "graphql.dataloader.batch.size") listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<int>((_, value, _, _) => sizes.Add(value));
        meters.Start();
        var spans = new ConcurrentBag<System.Diagnostics.Activity>();
        using var activities = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name == EngineTelemetry.SourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = spans.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(activities);

        // A key set no other test uses, so that concurrent tests' batches are told apart.
        var loader = new DataLoader<int, string>(new RecordingBatch().Load);
        await loader.LoadManyAsync(Enumerable.Range(7000, 37));

        Assert.Contains(37, sizes);
        Assert.Contains(spans, a => a.OperationName == "graphql.dataloader.batch" && Equals(a.GetTagItem("graphql.dataloader.keys"), 37));
    }

    [Fact]
    public async Task A_repeated_key_is_served_from_the_cache()
    {
        var batch = new RecordingBatch();
        var loader = new DataLoader<int, string>(batch.Load);
        var a = loader.LoadAsync(7);
        var b = loader.LoadAsync(7);
        Assert.Equal("v7", await a);
        Assert.Equal("v7", await b);
        var c = loader.LoadAsync(7);
        Assert.True(c.IsCompletedSuccessfully);
        Assert.Equal("v7", await c);
        Assert.Single(batch.Calls);
        Assert.Equal(new[] { 7 }, batch.Calls.Single());
    }

    [Fact]
    public async Task A_missing_key_loads_the_default_value()
    {
        var loader = new DataLoader<int, string>(new RecordingBatch().Load);
        Assert.Null(await loader.LoadAsync(-1));
    }

    [Fact]
    public async Task LoadMany_returns_values_in_key_order_from_one_batch()
    {
        var batch = new RecordingBatch();
        var loader = new DataLoader<int, string>(batch.Load);
        var values = await loader.LoadManyAsync(new[] { 3, 1, 3, 2 });
        Assert.Equal(new[] { "v3", "v1", "v3", "v2" }, values);
        Assert.Equal(new[] { 3, 1, 2 }, batch.Calls.Single());
    }

    [Fact]
    public async Task An_error_in_the_batch_function_faults_every_waiting_load_and_is_not_cached()
    {
        var calls = 0;
        var loader = new DataLoader<int, string>(async (keys, ct) =>
        {
            await Task.Yield();
            if (Interlocked.Increment(ref calls) == 1) throw new InvalidOperationException("database unavailable");
            return keys.ToDictionary(k => k, k => "v" + k);
        });
        List<Task<string?>> loads;
        using (loader.HoldDispatch()) loads = Enumerable.Range(0, 5).Select(i => loader.LoadAsync(i).AsTask()).ToList();
        foreach (var l in loads)
            Assert.Equal("database unavailable", (await Assert.ThrowsAsync<InvalidOperationException>(() => l)).Message);
        Assert.Equal(1, calls);

        // The failed keys left the cache: a later load retries.
        Assert.Equal("v2", await loader.LoadAsync(2));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Cancelling_a_load_cancels_only_that_callers_wait()
    {
        var release = new TaskCompletionSource();
        var batch = new RecordingBatch { Before = _ => release.Task };
        var loader = new DataLoader<int, string>(batch.Load);
        using var cts = new CancellationTokenSource();
        var cancelled = loader.LoadAsync(1, cts.Token).AsTask();
        var other = loader.LoadAsync(2).AsTask();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        release.SetResult();
        Assert.Equal("v2", await other);
    }

    [Fact]
    public async Task An_already_cancelled_token_fails_the_load_without_a_batch()
    {
        var batch = new RecordingBatch();
        var loader = new DataLoader<int, string>(batch.Load);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await loader.LoadAsync(1, new CancellationToken(true)));
        Assert.False(loader.HasPendingKeys);
        await loader.DispatchAsync();
        Assert.Empty(batch.Calls);
    }

    [Fact]
    public async Task Cancelling_the_loaders_token_cancels_the_batch_and_its_loads()
    {
        using var request = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var loader = new DataLoader<int, string>(async (keys, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return new Dictionary<int, string>();
        }, cancellationToken: request.Token);
        var load = loader.LoadAsync(1).AsTask();
        await started.Task;
        request.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => load);
    }

    [Fact]
    public async Task Max_batch_size_splits_a_batch_into_several_calls()
    {
        var batch = new RecordingBatch();
        var loader = new DataLoader<int, string>(batch.Load, new DataLoaderOptions { MaxBatchSize = 10 });
        var values = await loader.LoadManyAsync(Enumerable.Range(0, 25));
        Assert.Equal(25, values.Count);
        Assert.All(batch.Calls, c => Assert.True(c.Count <= 10));
        Assert.Equal(25, batch.Calls.Sum(c => c.Count));
    }

    [Fact]
    public async Task Without_auto_dispatch_keys_wait_for_an_explicit_dispatch()
    {
        var batch = new RecordingBatch();
        var loader = new DataLoader<int, string>(batch.Load, new DataLoaderOptions { AutoDispatch = false });
        var a = loader.LoadAsync(1);
        var b = loader.LoadAsync(2);
        await Task.Delay(50);
        Assert.Empty(batch.Calls);
        Assert.True(loader.HasPendingKeys);
        await loader.DispatchAsync();
        Assert.Equal(new[] { "v1", "v2" }, new[] { await a, await b });
        Assert.Single(batch.Calls);
    }

    [Fact]
    public async Task Primed_values_are_served_without_a_batch_and_cleared_keys_reload()
    {
        var batch = new RecordingBatch();
        var loader = new DataLoader<int, string>(batch.Load);
        loader.Prime(5, "primed");
        Assert.Equal("primed", await loader.LoadAsync(5));
        Assert.Empty(batch.Calls);
        loader.Clear(5);
        Assert.Equal("v5", await loader.LoadAsync(5));
        Assert.Single(batch.Calls);
    }

    [Fact]
    public async Task The_registry_gives_each_request_one_loader_per_name()
    {
        var batch = new RecordingBatch();
        var schema = Introspection.SampleSchema.Build();
        var request = new RequestScope();
        var ctxA = new FakeResolveContext(schema, null) { Scope = request };
        var ctxB = new FakeResolveContext(schema, null) { Scope = request };
        var loaderA = ctxA.GetDataLoader<int, string>("practicesByConsortium", batch.Load);
        var loaderB = ctxB.GetDataLoader<int, string>("practicesByConsortium", batch.Load);
        Assert.Same(loaderA, loaderB);
        Assert.Equal(new[] { "v1", "v2" }, new[] { await loaderA.LoadAsync(1), await loaderB.LoadAsync(2) });

        var otherRequest = new FakeResolveContext(schema, null) { Scope = new RequestScope() };
        Assert.NotSame(loaderA, otherRequest.GetDataLoader<int, string>("practicesByConsortium", batch.Load));
        Assert.Throws<InvalidOperationException>(() => ctxA.GetDataLoader<string, string>("practicesByConsortium",
            (keys, ct) => Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>())));
    }
}
