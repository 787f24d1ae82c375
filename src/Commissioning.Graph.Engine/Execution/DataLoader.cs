using System.Collections.Concurrent;

namespace Commissioning.Graph.Engine.Execution;

public sealed class DataLoaderOptions
{
    /// <summary>The most keys one call of the batch function receives; larger batches are split
    /// into several concurrent calls. Null: no limit.</summary>
    public int? MaxBatchSize { get; init; }

    /// <summary>When true (the default) a batch is dispatched by itself once the loads stop
    /// arriving (see <see cref="DataLoader{TKey, TValue}"/>). When false, only
    /// <see cref="DataLoader{TKey, TValue}.DispatchAsync"/> (or a full batch) dispatches.</summary>
    public bool AutoDispatch { get; init; } = true;

    /// <summary>How long no new key must arrive, after the thread pool has gone round without
    /// one, before an automatic dispatch (see <see cref="DataLoader{TKey, TValue}"/>). It covers a
    /// thread that is pre-empted while it issues loads. Default 1 ms; zero relies on the yields alone.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>When true (the default) each key is loaded at most once per loader (per request).</summary>
    public bool Cache { get; init; } = true;
}

/// <summary>A loader the executor (or a test) can tell to dispatch what it has gathered.</summary>
public interface IDataLoaderDispatcher
{
    /// <summary>True while some keys wait for a batch.</summary>
    bool HasPendingKeys { get; }
    /// <summary>Dispatches the waiting keys now; completes when their batch calls have completed.</summary>
    Task DispatchAsync();
}

/// <summary>
/// Batching and a per-request cache for resolvers (the "No N+1" principle of ARCHITECTURE.md): keys
/// requested while a request's resolvers run together are loaded by one call of the batch function,
/// and each key is loaded at most once.
/// </summary>
/// <remarks>
/// <para><b>Dispatch.</b> The executor resolves sibling fields and list items concurrently: it calls
/// every resolver of a selection set (or every item of a list) before it awaits them. A batch must
/// therefore be dispatched only when that burst of work is over, as graphql-js's DataLoader waits
/// for the end of the event-loop tick. Two mechanisms give that here:
/// (1) when a batch completes, its waiters' continuations run inline, one after another, on the
/// completing thread, and no loader of the same request (<see cref="DataLoaderRegistry"/>) dispatches
/// until they have all run to their next await — so the loads of the next level of the response,
/// across all list items, gather in one batch;
/// (2) for the first level (loads issued by the executor's own thread), the first key of a batch
/// queues a dispatcher on the thread pool, which yields (<see cref="Task.Yield"/>) until it has seen
/// no new key for <see cref="QuietRounds"/> consecutive yields and then for
/// <see cref="DataLoaderOptions.QuietPeriod"/> (1 ms, covering a pre-empted thread), then calls the
/// batch function with every key gathered so far.
/// It never waits forever (at most <see cref="MaxQuietRounds"/> checks, then it dispatches) and
/// never blocks a thread.</para>
/// <para>Deterministic control: <see cref="DispatchAsync"/> dispatches immediately, and with
/// <see cref="DataLoaderOptions.AutoDispatch"/> false nothing else does (except a batch reaching
/// <see cref="DataLoaderOptions.MaxBatchSize"/>).</para>
/// <para><b>Errors and cancellation.</b> When the batch function throws (or is cancelled), every load
/// waiting on that batch fails with the same exception and its keys leave the cache, so a later
/// load retries. The <c>cancellationToken</c> given to <see cref="LoadAsync(TKey, CancellationToken)"/>
/// cancels that caller's wait only; the loader's own token (the request's, for loaders from
/// <see cref="DataLoaderRegistry"/>) is passed to the batch function.</para>
/// <para>Thread-safe; one instance per request (the cache is never shared between requests).</para>
/// </remarks>
public sealed class DataLoader<TKey, TValue> : IDataLoaderDispatcher where TKey : notnull
{
    /// <summary>Consecutive yields without a new key after which the batch is dispatched.</summary>
    public const int QuietRounds = 2;
    /// <summary>Yields after which the batch is dispatched even though keys keep arriving.</summary>
    public const int MaxQuietRounds = 64;

    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _batch;
    private readonly DataLoaderOptions _options;
    private readonly CancellationToken _loaderToken;
    private readonly object _gate = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TValue?>> _cache;
    private List<KeyValuePair<TKey, TaskCompletionSource<TValue?>>> _pending = new();
    private long _version;             // incremented by every new pending key
    internal DataLoaderGroup Group { get; set; } = new();
    private bool _dispatcherScheduled;

    /// <param name="batch">Loads the values of many keys in one call; a key missing from the
    /// dictionary it returns loads the default value.</param>
    /// <param name="options">Batch size, dispatch and caching options.</param>
    /// <param name="cancellationToken">Passed to the batch function (the request's token).</param>
    /// <param name="keyComparer">Equality of keys, for the cache and for de-duplicating a batch.</param>
    public DataLoader(Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> batch,
        DataLoaderOptions? options = null, CancellationToken cancellationToken = default, IEqualityComparer<TKey>? keyComparer = null)
    {
        _batch = batch ?? throw new ArgumentNullException(nameof(batch));
        _options = options ?? new DataLoaderOptions();
        if (_options.MaxBatchSize is < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxBatchSize must be at least 1.");
        _cache = new Dictionary<TKey, TaskCompletionSource<TValue?>>(keyComparer);
        _loaderToken = cancellationToken;
    }

    /// <summary>Number of calls made to the batch function so far.</summary>
    public int BatchCallCount => Volatile.Read(ref _batchCalls);
    private int _batchCalls;

    public bool HasPendingKeys { get { lock (_gate) return _pending.Count > 0; } }

    /// <summary>The value for <paramref name="key"/>: from the cache, or from the next batch.</summary>
    public ValueTask<TValue?> LoadAsync(TKey key, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<TValue?>(cancellationToken);
        TaskCompletionSource<TValue?> tcs;
        List<KeyValuePair<TKey, TaskCompletionSource<TValue?>>>? full = null;
        var schedule = false;
        lock (_gate)
        {
            if (_options.Cache && _cache.TryGetValue(key, out var cached))
            {
                tcs = cached;
            }
            else
            {
                tcs = new TaskCompletionSource<TValue?>();
                if (_options.Cache) _cache[key] = tcs;
                _pending.Add(new(key, tcs));
                _version++;
                if (_options.MaxBatchSize is { } max && _pending.Count >= max)
                {
                    full = _pending;
                    _pending = new();
                }
                else if (_pending.Count == 1 && _options.AutoDispatch && !_dispatcherScheduled)
                {
                    _dispatcherScheduled = schedule = true;
                }
            }
        }
        if (full is not null) _ = RunBatchAsync(full);
        if (schedule) ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self.DispatchWhenQuietAsync(), this, preferLocal: false);

        var task = tcs.Task;
        if (task.IsCompletedSuccessfully) return new ValueTask<TValue?>(task.Result);
        return new ValueTask<TValue?>(cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task);
    }

    /// <summary>The values of several keys, in the order given (duplicates allowed), loaded in one batch.</summary>
    public async Task<IReadOnlyList<TValue?>> LoadManyAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        // Issue every load before awaiting any, so they share a batch.
        var loads = keys.Select(k => LoadAsync(k, cancellationToken)).ToList();
        var results = new TValue?[loads.Count];
        for (var i = 0; i < loads.Count; i++) results[i] = await loads[i].ConfigureAwait(false);
        return results;
    }

    /// <summary>Puts a value in the cache (no effect when the key is already cached).</summary>
    public DataLoader<TKey, TValue> Prime(TKey key, TValue? value)
    {
        lock (_gate)
        {
            if (!_cache.ContainsKey(key))
            {
                var tcs = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
                tcs.SetResult(value);
                _cache[key] = tcs;
            }
        }
        return this;
    }

    /// <summary>Forgets the cached value of one key (e.g. after a mutation changed it).</summary>
    public DataLoader<TKey, TValue> Clear(TKey key) { lock (_gate) _cache.Remove(key); return this; }
    public DataLoader<TKey, TValue> ClearAll() { lock (_gate) _cache.Clear(); return this; }

    /// <summary>Dispatches the waiting keys now; completes when their batch calls have completed.</summary>
    public Task DispatchAsync()
    {
        List<KeyValuePair<TKey, TaskCompletionSource<TValue?>>> batch;
        lock (_gate)
        {
            if (_pending.Count == 0) return Task.CompletedTask;
            batch = _pending;
            _pending = new();
        }
        return RunBatchAsync(batch);
    }

    // The automatic dispatcher (see remarks): yield until no new key has arrived for QuietRounds
    // consecutive yields, then dispatch everything gathered.
    private async Task DispatchWhenQuietAsync()
    {
        long seen = -1;
        var quiet = 0;
        var waited = false;
        for (var round = 0; round < MaxQuietRounds; round++)
        {
            long version;
            lock (_gate)
            {
                if (_pending.Count == 0) { _dispatcherScheduled = false; return; }
                version = _version;
            }
            if (Group.CompletingBatches > 0) { quiet = 0; waited = false; } // continuations are still issuing loads
            else if (version != seen) { seen = version; quiet = 0; waited = false; }
            else if (++quiet >= QuietRounds)
            {
                if (waited || _options.QuietPeriod <= TimeSpan.Zero) break;
                // The pool went round without a new key; wait once more, briefly, for a thread
                // that may have been pre-empted in the middle of issuing its loads.
                waited = true;
                await Task.Delay(_options.QuietPeriod).ConfigureAwait(false);
                continue;
            }
            await Task.Yield();
        }
        List<KeyValuePair<TKey, TaskCompletionSource<TValue?>>> batch;
        lock (_gate)
        {
            _dispatcherScheduled = false;
            batch = _pending;
            _pending = new();
        }
        if (batch.Count > 0) await RunBatchAsync(batch).ConfigureAwait(false);
    }

    private Task RunBatchAsync(List<KeyValuePair<TKey, TaskCompletionSource<TValue?>>> batch)
    {
        if (_options.MaxBatchSize is { } max && batch.Count > max)
            return Task.WhenAll(batch.Chunk(max).Select(chunk => RunOneBatchAsync(chunk)));
        return RunOneBatchAsync(batch);
    }

    private async Task RunOneBatchAsync(IReadOnlyList<KeyValuePair<TKey, TaskCompletionSource<TValue?>>> batch)
    {
        // The same key may be pending twice when caching is off; the batch function sees it once.
        var keys = new List<TKey>(batch.Count);
        var distinct = new HashSet<TKey>(_cache.Comparer);
        foreach (var (k, _) in batch) if (distinct.Add(k)) keys.Add(k);
        Interlocked.Increment(ref _batchCalls);
        IReadOnlyDictionary<TKey, TValue> values;
        try
        {
            _loaderToken.ThrowIfCancellationRequested();
            values = await _batch(keys, _loaderToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The DataLoader batch function returned null instead of a dictionary.");
        }
        catch (Exception ex)
        {
            Group.EnterCompletion();
            try
            {
            lock (_gate)
                foreach (var (k, tcs) in batch)
                    if (_cache.TryGetValue(k, out var c) && ReferenceEquals(c, tcs)) _cache.Remove(k);
            foreach (var (_, tcs) in batch)
            {
                if (ex is OperationCanceledException oce) tcs.TrySetCanceled(oce.CancellationToken);
                else tcs.TrySetException(ex);
            }
            }
            finally { Group.ExitCompletion(); }
            return;
        }
        // Continuations run inline, one after another, here; while they run no loader of the group
        // dispatches, so the loads they issue (the next level of the response) gather in one batch.
        Group.EnterCompletion();
        try
        {
            foreach (var (k, tcs) in batch)
                tcs.TrySetResult(values.TryGetValue(k, out var v) ? v : default);
        }
        finally { Group.ExitCompletion(); }
    }
}

/// <summary>Loaders that batch together: while one of them completes a batch (running its
/// waiters' continuations), none of them dispatches automatically.</summary>
internal sealed class DataLoaderGroup
{
    private int _completing;
    public int CompletingBatches => Volatile.Read(ref _completing);
    public void EnterCompletion() => Interlocked.Increment(ref _completing);
    public void ExitCompletion() => Interlocked.Decrement(ref _completing);
}

/// <summary>
/// The DataLoaders of one request, by name, kept in the request's <see cref="IResolveContext.Items"/>
/// so that every resolver of the request shares them (and no two requests do).
/// </summary>
public sealed class DataLoaderRegistry
{
    /// <summary>The key under which the registry lives in the request's items.</summary>
    public const string ItemsKey = "Commissioning.Graph.Engine.DataLoaderRegistry";

    private readonly ConcurrentDictionary<string, IDataLoaderDispatcher> _loaders = new(StringComparer.Ordinal);
    private readonly DataLoaderGroup _group = new();

    /// <summary>The registry of a request, created on first use.</summary>
    public static DataLoaderRegistry For(IDictionary<string, object?> items)
    {
        // Resolvers run concurrently; the items dictionary itself is the lock.
        lock (items)
        {
            if (items.TryGetValue(ItemsKey, out var existing) && existing is DataLoaderRegistry r) return r;
            var created = new DataLoaderRegistry();
            items[ItemsKey] = created;
            return created;
        }
    }

    /// <summary>The loader registered under <paramref name="name"/>, created by <paramref name="create"/> on first use.</summary>
    public DataLoader<TKey, TValue> GetOrAdd<TKey, TValue>(string name, Func<DataLoader<TKey, TValue>> create) where TKey : notnull
    {
        var loader = _loaders.GetOrAdd(name, static (_, state) =>
        {
            var created = state.create();
            created.Group = state.group;
            return created;
        }, (create, group: _group));
        return loader as DataLoader<TKey, TValue>
            ?? throw new InvalidOperationException($"DataLoader \"{name}\" is already registered with other key or value types ({loader.GetType()}).");
    }

    /// <summary>Every loader of the request.</summary>
    public IEnumerable<IDataLoaderDispatcher> Loaders => _loaders.Values;

    /// <summary>Dispatches the waiting keys of every loader now.</summary>
    public Task DispatchAllAsync() => Task.WhenAll(_loaders.Values.Where(l => l.HasPendingKeys).Select(l => l.DispatchAsync()));
}

public static class DataLoaderResolveContextExtensions
{
    /// <summary>
    /// The request's DataLoader named <paramref name="name"/> (e.g. <c>"practicesByConsortium"</c>),
    /// created with <paramref name="batch"/> on first use. Its batch calls receive the request's
    /// cancellation token.
    /// </summary>
    public static DataLoader<TKey, TValue> GetDataLoader<TKey, TValue>(this IResolveContext context, string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> batch, DataLoaderOptions? options = null)
        where TKey : notnull
    {
        var token = context.CancellationToken;
        return DataLoaderRegistry.For(context.Items).GetOrAdd(name, () => new DataLoader<TKey, TValue>(batch, options, token));
    }
}
