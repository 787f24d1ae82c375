using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks.Sources;

namespace Commissioning.Graph.Engine.Execution;

public sealed class DataLoaderOptions
{
    /// <summary>The most keys one call of the batch function receives; larger batches are split
    /// into several concurrent calls. Null: no limit.</summary>
    public int? MaxBatchSize { get; init; }

    /// <summary>When true (the default) a batch is dispatched by itself: by the executor, once every
    /// resolver it started waits, or else once the loads stop arriving (see
    /// <see cref="DataLoader{TKey, TValue}"/>). When false, only
    /// <see cref="DataLoader{TKey, TValue}.DispatchAsync"/> (or a full batch) dispatches.</summary>
    public bool AutoDispatch { get; init; } = true;

    /// <summary>For loads issued outside the executor's control only (the fallback dispatcher of
    /// <see cref="DataLoader{TKey, TValue}"/>): how long no new key must arrive, after the thread pool
    /// has gone round without one, before an automatic dispatch. It covers a thread that is pre-empted
    /// while it issues loads. Default 1 ms; zero relies on the yields alone.</summary>
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
/// <para><b>Dispatch.</b> The loaders of a request share a <see cref="DataLoaderScope"/> (the
/// executor's per-request state, for loaders obtained through <see cref="DataLoaderRegistry.For(IResolveContext)"/>
/// or <see cref="DataLoaderResolveContextExtensions.GetDataLoader{TKey, TValue}"/>). The scope counts
/// its <em>sections</em> — stretches of synchronous work that may issue loads: the executor's burst of
/// sibling fields and list items, the completion of a resolver's pending value, the completion of a
/// batch (whose waiters' continuations run inline, one after another, until each reaches its next
/// await: see <see cref="LoadWaiter"/>) — and its batches in flight. When the last section ends while no batch is in flight, every
/// key gathered so far is dispatched, one batch call per loader. That is the moment graphql-js's
/// DataLoader waits for (the end of the tick): every resolver the executor started is either done or
/// waiting on a loader, and no batch of the request can still add keys to this level. The number of
/// batches is therefore fixed by the shape of the query and the data, not by timing, and no timer
/// delays a level.</para>
/// <para>A batch function that itself loads from a loader of the same scope stops counting as in
/// flight (otherwise it would wait for itself).</para>
/// <para><b>Fallback.</b> Loads issued outside any section — by a resolver's continuation after an
/// await that is not a load (an EF query, <see cref="Task.Delay(int)"/>), or by code that uses a loader
/// directly, outside the executor — start a dispatcher on the thread pool, which yields
/// (<see cref="Task.Yield"/>) until it has seen no new key for <see cref="QuietRounds"/> consecutive
/// yields and then for <see cref="DataLoaderOptions.QuietPeriod"/>, and dispatches (at most
/// <see cref="MaxQuietRounds"/> checks). It stands down as soon as a section is running or a batch is in
/// flight: their end dispatches the keys.</para>
/// <para>Deterministic control: <see cref="DispatchAsync"/> dispatches immediately, and with
/// <see cref="DataLoaderOptions.AutoDispatch"/> false nothing else does (except a batch reaching
/// <see cref="DataLoaderOptions.MaxBatchSize"/>, or <see cref="DataLoaderRegistry.DispatchAllAsync"/>).</para>
/// <para><b>Errors and cancellation.</b> When the batch function throws (or is cancelled), every load
/// waiting on that batch fails with the same exception and its keys leave the cache, so a later
/// load retries. The <c>cancellationToken</c> given to <see cref="LoadAsync(TKey, CancellationToken)"/>
/// cancels that caller's wait only; the loader's own token (the request's, for loaders from
/// <see cref="DataLoaderRegistry"/>) is passed to the batch function.</para>
/// <para>Thread-safe; one instance per request (the cache is never shared between requests).</para>
/// </remarks>
public sealed class DataLoader<TKey, TValue> : IScopedDataLoader where TKey : notnull
{
    /// <summary>Consecutive yields without a new key after which the fallback dispatcher dispatches.</summary>
    public const int QuietRounds = DataLoaderScope.QuietRounds;
    /// <summary>Yields after which the fallback dispatcher dispatches even though keys keep arriving.</summary>
    public const int MaxQuietRounds = DataLoaderScope.MaxQuietRounds;

    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _batch;
    private readonly DataLoaderOptions _options;
    private readonly CancellationToken _loaderToken;
    private readonly object _gate = new();
    private readonly Dictionary<TKey, Entry> _cache;
    private List<KeyValuePair<TKey, Entry>> _pending = new();
    private DataLoaderRegistry? _registry;
    private DataLoaderScope? _ownScope;

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
        _cache = new Dictionary<TKey, Entry>(keyComparer);
        _loaderToken = cancellationToken;
    }

    /// <summary>Number of calls made to the batch function so far.</summary>
    public int BatchCallCount => Volatile.Read(ref _batchCalls);
    private int _batchCalls;

    public bool HasPendingKeys { get { lock (_gate) return _pending.Count > 0; } }

    bool IScopedDataLoader.AutoDispatch => _options.AutoDispatch;

    DataLoaderRegistry? IScopedDataLoader.Registry { get => _registry; set => _registry = value; }

    // The scope this loader dispatches with: its registry's (the request's), else its own.
    private DataLoaderScope Scope
    {
        get
        {
            if (_registry is { } registry) return registry.Scope;
            if (_ownScope is { } own) return own;
            Interlocked.CompareExchange(ref _ownScope, new DataLoaderScope { Single = this }, null);
            return _ownScope;
        }
    }

    /// <summary>
    /// Holds automatic dispatch until the returned handle is disposed: every load issued meanwhile
    /// (and every load issued by continuations that the batch's completion runs inline) joins one
    /// batch, whatever the thread pool does. This is the section the executor opens around its
    /// resolvers, for code that uses a loader outside the executor; without it such loads rely on
    /// the timing-based fallback dispatcher.
    /// </summary>
    public IDisposable HoldDispatch() => Scope.Hold();

    /// <summary>The value for <paramref name="key"/>: from the cache, or from the next batch.</summary>
    public ValueTask<TValue?> LoadAsync(TKey key, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<TValue?>(cancellationToken);
        var scope = Scope;
        LoadWaiter waiter;
        List<KeyValuePair<TKey, Entry>>? full = null;
        var added = false;
        var first = false;
        lock (_gate)
        {
            if (_options.Cache && _cache.TryGetValue(key, out var cached))
            {
                if (cached.Loaded) return new ValueTask<TValue?>(cached.Value);
                waiter = cached.AddWaiter(scope);
            }
            else
            {
                var entry = new Entry();
                waiter = entry.AddWaiter(scope);
                if (_options.Cache) _cache[key] = entry;
                _pending.Add(new(key, entry));
                added = true;
                if (_options.MaxBatchSize is { } max && _pending.Count >= max)
                {
                    full = _pending;
                    _pending = new();
                }
                else first = _pending.Count == 1;
            }
        }
        if (cancellationToken.CanBeCanceled) waiter.CancelWith(cancellationToken);
        scope.OnLoadWaiting();
        if (full is not null) StartBatches(scope, full, scope.BeginRuns(RunCount(full.Count)));
        else if (added) scope.OnNewKey(first, _options.AutoDispatch, _options.QuietPeriod);
        return new ValueTask<TValue?>(waiter, 0);
    }

    /// <summary>The values of several keys, in the order given (duplicates allowed), loaded in one batch.</summary>
    public async Task<IReadOnlyList<TValue?>> LoadManyAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        // Issue every load before awaiting any, with dispatch held, so they share a batch even when
        // the thread is pre-empted half-way (the fallback dispatcher would otherwise split it).
        List<ValueTask<TValue?>> loads;
        using (Scope.Hold()) loads = keys.Select(k => LoadAsync(k, cancellationToken)).ToList();
        var results = new TValue?[loads.Count];
        for (var i = 0; i < loads.Count; i++) results[i] = await loads[i].ConfigureAwait(false);
        return results;
    }

    /// <summary>Puts a value in the cache (no effect when the key is already cached).</summary>
    public DataLoader<TKey, TValue> Prime(TKey key, TValue? value)
    {
        lock (_gate)
        {
            if (!_cache.ContainsKey(key)) _cache[key] = new Entry { Loaded = true, Value = value };
        }
        return this;
    }

    /// <summary>Forgets the cached value of one key (e.g. after a mutation changed it).</summary>
    public DataLoader<TKey, TValue> Clear(TKey key) { lock (_gate) _cache.Remove(key); return this; }
    public DataLoader<TKey, TValue> ClearAll() { lock (_gate) _cache.Clear(); return this; }

    /// <summary>Dispatches the waiting keys now; completes when their batch calls have completed.</summary>
    public Task DispatchAsync()
    {
        List<KeyValuePair<TKey, Entry>> batch;
        lock (_gate)
        {
            if (_pending.Count == 0) return Task.CompletedTask;
            batch = _pending;
            _pending = new();
        }
        var scope = Scope;
        return StartBatches(scope, batch, scope.BeginRuns(RunCount(batch.Count)));
    }

    Action? IScopedDataLoader.TakePending(DataLoaderScope scope, ref int inflight)
    {
        List<KeyValuePair<TKey, Entry>> batch;
        lock (_gate)
        {
            if (_pending.Count == 0) return null;
            batch = _pending;
            _pending = new();
        }
        var runs = RunCount(batch.Count);
        inflight += runs;
        return () => _ = StartBatches(scope, batch, scope.NewRuns(runs));
    }

    private int RunCount(int keys) => _options.MaxBatchSize is { } max && keys > max ? (keys + max - 1) / max : 1;

    private Task StartBatches(DataLoaderScope scope, List<KeyValuePair<TKey, Entry>> batch, BatchRun[] runs)
    {
        if (runs.Length == 1) return RunOneBatchAsync(scope, batch, runs[0]);
        var max = _options.MaxBatchSize!.Value;
        var tasks = new Task[runs.Length];
        for (var i = 0; i < runs.Length; i++)
            tasks[i] = RunOneBatchAsync(scope, batch.GetRange(i * max, Math.Min(max, batch.Count - i * max)), runs[i]);
        return Task.WhenAll(tasks);
    }

    // Calls the batch function with the run as the ambient batch, so that a load it issues from the
    // same scope can release it (see DataLoaderScope.OnLoadWaiting).
    private Task<IReadOnlyDictionary<TKey, TValue>> InvokeBatch(List<TKey> keys, BatchRun run)
    {
        var previous = DataLoaderScope.CurrentBatch.Value;
        DataLoaderScope.CurrentBatch.Value = run;
        try
        {
            return _batch(keys, _loaderToken);
        }
        finally
        {
            DataLoaderScope.CurrentBatch.Value = previous;
        }
    }

    private async Task RunOneBatchAsync(DataLoaderScope scope, List<KeyValuePair<TKey, Entry>> batch, BatchRun run)
    {
        // The same key may be pending twice when caching is off; the batch function sees it once.
        var keys = new List<TKey>(batch.Count);
        var distinct = new HashSet<TKey>(_cache.Comparer);
        foreach (var (k, _) in batch) if (distinct.Add(k)) keys.Add(k);
        Interlocked.Increment(ref _batchCalls);
        EngineTelemetry.DataLoaderBatchSize.Record(keys.Count);
        IReadOnlyDictionary<TKey, TValue>? values = null;
        Exception? failure = null;
        // One span per batch call (a level of resolvers' loads), under the execute span.
        using (var activity = EngineTelemetry.Source.StartActivity("graphql.dataloader.batch"))
        {
            activity?.SetTag("graphql.dataloader.keys", keys.Count);
            try
            {
                _loaderToken.ThrowIfCancellationRequested();
                values = await InvokeBatch(keys, run).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The DataLoader batch function returned null instead of a dictionary.");
            }
            catch (Exception ex)
            {
                failure = ex;
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            }
        }
        // The waiters' continuations run inline, one after another, here, inside a section of the
        // scope: the loads they issue (the next level of the response) gather for the next dispatch,
        // which happens when the last section ends with no batch in flight.
        scope.EnterSection();
        try
        {
            var error = failure is null ? null : ExceptionDispatchInfo.Capture(failure);
            foreach (var (k, entry) in batch)
            {
                LoadWaiter? waiters;
                var value = failure is null && values!.TryGetValue(k, out var v) ? v : default;
                lock (_gate)
                {
                    waiters = entry.Complete(failure is null, value);
                    if (failure is not null && _cache.TryGetValue(k, out var c) && ReferenceEquals(c, entry)) _cache.Remove(k);
                }
                for (; waiters is not null; waiters = waiters.Next) waiters.Complete(value, error);
            }
        }
        finally
        {
            scope.EndBatch(run);
        }
    }

    // A key's place in the cache: loading (with the loads waiting for it) or loaded. Guarded by the loader's lock.
    private sealed class Entry
    {
        public bool Loaded;
        public TValue? Value;
        private LoadWaiter? _waiters;

        public LoadWaiter AddWaiter(DataLoaderScope scope) => _waiters = new LoadWaiter(scope) { Next = _waiters };

        /// <summary>Marks the entry loaded (or not, after a failure, when it leaves the cache) and hands over its waiters.</summary>
        public LoadWaiter? Complete(bool loaded, TValue? value)
        {
            Loaded = loaded;
            Value = value;
            // Newest first as added; handed over oldest first, the order the loads were issued in.
            LoadWaiter? oldestFirst = null;
            for (var w = _waiters; w is not null;)
            {
                var next = w.Next;
                w.Next = oldestFirst;
                oldestFirst = w;
                w = next;
            }
            _waiters = null;
            return oldestFirst;
        }
    }

    /// <summary>
    /// One load waiting for its batch: the awaitable <see cref="LoadAsync"/> returns. A task's completion decides by
    /// itself whether to run a continuation inline or queue it (a captured context, a deep stack), and a queued one
    /// would issue its loads after the batch's section has ended, splitting the next level's batch by timing. Here
    /// the batch's completion runs the continuation itself, inside its section, until the continuation reaches its
    /// next await; when it must run elsewhere (the awaiter's synchronisation context or scheduler, a stack too deep to
    /// go on), the scope counts a section until it has run. Either way the next dispatch waits for it.
    /// </summary>
    private sealed class LoadWaiter(DataLoaderScope scope) : IValueTaskSource<TValue?>
    {
        private const int Waiting = 0, Succeeded = 1, Failed = 2;
        public LoadWaiter? Next;
        private int _status;
        private TValue? _value;
        private ExceptionDispatchInfo? _error;
        private Action<object?>? _continuation;
        private object? _state;
        private object? _context;               // the awaiter's SynchronizationContext or TaskScheduler
        private ExecutionContext? _flow;
        private CancellationTokenRegistration _registration;

        /// <summary>Ends this wait (and only this one) when <paramref name="token"/> is cancelled.</summary>
        public void CancelWith(CancellationToken token) =>
            _registration = token.UnsafeRegister(static (state, t) =>
                ((LoadWaiter)state!).Complete(default, ExceptionDispatchInfo.Capture(new TaskCanceledException(null, null, t))), this);

        public void Complete(TValue? value, ExceptionDispatchInfo? error)
        {
            Action<object?>? continuation;
            lock (this)
            {
                if (_status != Waiting) return;
                _value = value;
                _error = error;
                _status = error is null ? Succeeded : Failed;
                continuation = _continuation;
            }
            _registration.Unregister();
            if (continuation is not null) Continue(queue: false);
        }

        private void Continue(bool queue)
        {
            switch (_context)
            {
                case SynchronizationContext context:
                    scope.EnterSection();
                    context.Post(static s => ((LoadWaiter)s!).RunHeld(), this);
                    return;
                case TaskScheduler scheduler:
                    scope.EnterSection();
                    Task.Factory.StartNew(static s => ((LoadWaiter)s!).RunHeld(), this, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler);
                    return;
            }
            if (queue || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                scope.EnterSection();
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.RunHeld(), this, preferLocal: true);
                return;
            }
            Run();
        }

        private void RunHeld()
        {
            try { Run(); }
            finally { scope.ExitSection(); }
        }

        private void Run()
        {
            if (_flow is null) _continuation!(_state);
            else ExecutionContext.Run(_flow, static s => { var w = (LoadWaiter)s!; w._continuation!(w._state); }, this);
        }

        public ValueTaskSourceStatus GetStatus(short token) => Volatile.Read(ref _status) switch
        {
            Waiting => ValueTaskSourceStatus.Pending,
            Succeeded => ValueTaskSourceStatus.Succeeded,
            _ => _error!.SourceException is OperationCanceledException ? ValueTaskSourceStatus.Canceled : ValueTaskSourceStatus.Faulted,
        };

        public TValue? GetResult(short token)
        {
            if (Volatile.Read(ref _status) == Failed) _error!.Throw();
            return _value;
        }

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        {
            if ((flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0)
            {
                if (SynchronizationContext.Current is { } context && context.GetType() != typeof(SynchronizationContext)) _context = context;
                else if (TaskScheduler.Current != TaskScheduler.Default) _context = TaskScheduler.Current;
            }
            if ((flags & ValueTaskSourceOnCompletedFlags.FlowExecutionContext) != 0) _flow = ExecutionContext.Capture();
            lock (this)
            {
                _continuation = continuation;
                _state = state;
                if (_status == Waiting) return;
            }
            // The batch completed between the awaiter's check and now: go on elsewhere, as a task would, and
            // hold the scope until then.
            Continue(queue: true);
        }
    }
}

/// <summary>A loader as its scope sees it.</summary>
internal interface IScopedDataLoader : IDataLoaderDispatcher
{
    bool AutoDispatch { get; }
    DataLoaderRegistry? Registry { get; set; }
    /// <summary>Takes the waiting keys (called under the scope's lock): adds the number of batch calls
    /// to <paramref name="inflight"/> and returns what starts them, or null when no key waits.</summary>
    Action? TakePending(DataLoaderScope scope, ref int inflight);
}

/// <summary>One call of a batch function, counted as in flight until its waiters have run.</summary>
internal sealed class BatchRun(DataLoaderScope scope)
{
    public readonly DataLoaderScope Scope = scope;
    /// <summary>No longer counted as in flight (guarded by the scope's lock).</summary>
    public bool Released;
}

/// <summary>
/// The loaders that batch together (one request's) and the work that may still add keys to their
/// batches: see the remarks of <see cref="DataLoader{TKey, TValue}"/>. The executor's per-request
/// state is a scope, so that counting its sections costs no allocation.
/// </summary>
internal class DataLoaderScope
{
    public const int QuietRounds = 2;
    public const int MaxQuietRounds = 64;

    /// <summary>The batch whose batch function is running on this asynchronous flow.</summary>
    internal static readonly AsyncLocal<BatchRun?> CurrentBatch = new();

    private int _busy;            // sections running
    private int _inflight;        // batches in flight (guarded by the lock, read without it)
    private int _hasPending;      // 1 when some loader may have waiting keys
    private long _version;        // new waiting keys, for the fallback dispatcher
    private long _quietTicks = TimeSpan.TicksPerMillisecond;
    private bool _fallbackScheduled;
    // The request's asynchronous context, as it was when its loaders were first used: the fallback dispatcher
    // runs batches in it, as sections do, so that what the request's flow carries (Activity.Current for traces,
    // the HTTP context for per-request diagnostics) reaches every batch however it was dispatched.
    private readonly ExecutionContext? _requestFlow = ExecutionContext.Capture();

    /// <summary>The registry whose loaders this scope dispatches (set when the registry is bound).</summary>
    internal DataLoaderRegistry? Registry;
    /// <summary>A loader used on its own, without a registry.</summary>
    internal IScopedDataLoader? Single;

    private object Lock => this;

    /// <summary>Starts a stretch of synchronous work that may issue loads.</summary>
    public void EnterSection() => Interlocked.Increment(ref _busy);

    /// <summary>A section that ends when the handle is disposed (once).</summary>
    internal IDisposable Hold()
    {
        EnterSection();
        return new SectionHandle(this);
    }

    private sealed class SectionHandle(DataLoaderScope scope) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) scope.ExitSection();
        }
    }

    /// <summary>Ends it; the last to end, with no batch in flight, dispatches what was gathered.</summary>
    public void ExitSection()
    {
        if (Interlocked.Decrement(ref _busy) == 0 && Volatile.Read(ref _hasPending) != 0) Dispatch();
    }

    internal BatchRun[] BeginRuns(int count)
    {
        lock (Lock) _inflight += count;
        return NewRuns(count);
    }

    internal BatchRun[] NewRuns(int count)
    {
        var runs = new BatchRun[count];
        for (var i = 0; i < count; i++) runs[i] = new BatchRun(this);
        return runs;
    }

    // Called within the completion section of the run.
    internal void EndBatch(BatchRun run)
    {
        lock (Lock)
        {
            if (!run.Released) { run.Released = true; _inflight--; }
        }
        ExitSection();
    }

    /// <summary>A load is about to wait. When it is issued by a batch function of this scope, that
    /// batch stops counting as in flight: it waits on the scope like a resolver.</summary>
    internal void OnLoadWaiting()
    {
        if (Volatile.Read(ref _inflight) == 0) return;
        if (CurrentBatch.Value is not { } run || run.Released) return;
        var scope = run.Scope;
        lock (scope.Lock)
        {
            if (run.Released) return;
            run.Released = true;
            scope._inflight--;
        }
        scope.MaybeScheduleFallback();
    }

    internal void OnNewKey(bool first, bool autoDispatch, TimeSpan quietPeriod)
    {
        Interlocked.Increment(ref _version);
        if (!first) return;
        Interlocked.Exchange(ref _hasPending, 1);
        if (!autoDispatch) return;
        Volatile.Write(ref _quietTicks, quietPeriod.Ticks);
        MaybeScheduleFallback();
    }

    // Loads issued outside every section, with no batch in flight: nothing else would dispatch them.
    private void MaybeScheduleFallback()
    {
        lock (Lock)
        {
            if (Volatile.Read(ref _busy) != 0 || _inflight != 0 || _fallbackScheduled) return;
            _fallbackScheduled = true;
        }
        ThreadPool.UnsafeQueueUserWorkItem(static self => self.StartFallback(), this, preferLocal: false);
    }

    private void StartFallback()
    {
        if (_requestFlow is null) { _ = DispatchWhenQuietAsync(); return; }
        ExecutionContext.Run(_requestFlow, static state =>
        {
            // No batch function is running on the dispatcher's flow, whatever was running when the scope was made.
            CurrentBatch.Value = null;
            _ = ((DataLoaderScope)state!).DispatchWhenQuietAsync();
        }, this);
    }

    // The fallback dispatcher: yield until no new key has arrived for QuietRounds consecutive yields
    // and then for the quiet period; stand down whenever a section or a batch will dispatch instead.
    private async Task DispatchWhenQuietAsync()
    {
        long seen = -1;
        var quiet = 0;
        var waited = false;
        for (var round = 0; round < MaxQuietRounds; round++)
        {
            lock (Lock)
            {
                if (Volatile.Read(ref _busy) != 0 || _inflight != 0 || Volatile.Read(ref _hasPending) == 0)
                {
                    _fallbackScheduled = false;
                    return;
                }
            }
            var version = Volatile.Read(ref _version);
            if (version != seen) { seen = version; quiet = 0; waited = false; }
            else if (++quiet >= QuietRounds)
            {
                var period = Volatile.Read(ref _quietTicks);
                if (waited || period <= 0) break;
                // The pool went round without a new key; wait once more, briefly, for a thread
                // that may have been pre-empted in the middle of issuing its loads.
                waited = true;
                await Task.Delay(TimeSpan.FromTicks(period)).ConfigureAwait(false);
                continue;
            }
            await Task.Yield();
        }
        lock (Lock) _fallbackScheduled = false;
        Dispatch();
    }

    /// <summary>Dispatches every automatically dispatched loader's waiting keys, unless a section is
    /// running or a batch is in flight (their end will).</summary>
    private void Dispatch()
    {
        List<Action>? starts = null;
        lock (Lock)
        {
            if (Volatile.Read(ref _busy) != 0 || _inflight != 0 || Volatile.Read(ref _hasPending) == 0) return;
            Volatile.Write(ref _hasPending, 0);
            if (Single is { } single) Take(single, ref starts);
            else if (Registry is { } registry)
                foreach (var loader in registry.All) Take(loader, ref starts);
            if (starts is null) return;
            // Starting the batches is a section: batches that complete synchronously join one dispatch.
            Interlocked.Increment(ref _busy);
        }
        try
        {
            foreach (var start in starts) start();
        }
        finally
        {
            ExitSection();
        }

        void Take(IScopedDataLoader loader, ref List<Action>? starts)
        {
            if (!loader.AutoDispatch) return;
            if (loader.TakePending(this, ref _inflight) is { } start) (starts ??= new()).Add(start);
        }
    }
}

/// <summary>
/// The DataLoaders of one request, by name: the request's <see cref="RequestScope.DataLoaders"/>, so that every
/// resolver of the request shares them (and no two requests do).
/// </summary>
public sealed class DataLoaderRegistry
{
    private readonly ConcurrentDictionary<string, IScopedDataLoader> _loaders = new(StringComparer.Ordinal);
    private DataLoaderScope? _scope;

    /// <summary>The scope the loaders dispatch with: the executing request's, else the registry's own.</summary>
    internal DataLoaderScope Scope
    {
        get
        {
            if (_scope is { } scope) return scope;
            Interlocked.CompareExchange(ref _scope, new DataLoaderScope { Registry = this }, null);
            return _scope;
        }
    }

    /// <summary>Makes the loaders dispatch with the executor's scope (the executing request's state).</summary>
    internal void Bind(DataLoaderScope scope)
    {
        if (ReferenceEquals(_scope, scope)) return;
        scope.Registry = this;
        Volatile.Write(ref _scope, scope);
    }

    internal ICollection<IScopedDataLoader> All => _loaders.Values;

    /// <summary>The registry of the request a resolver runs in: its loaders dispatch when the executor
    /// has nothing left to do but wait for them (see <see cref="DataLoader{TKey, TValue}"/>).</summary>
    public static DataLoaderRegistry For(IResolveContext context) =>
        context is ResolveContext executing ? executing.State.GetLoaderRegistry() : context.Scope.DataLoaders;

    /// <summary>The loader registered under <paramref name="name"/>, created by <paramref name="create"/> on first use.</summary>
    public DataLoader<TKey, TValue> GetOrAdd<TKey, TValue>(string name, Func<DataLoader<TKey, TValue>> create) where TKey : notnull
    {
        var loader = _loaders.GetOrAdd(name, static (_, state) =>
        {
            IScopedDataLoader created = state.create();
            created.Registry = state.registry;
            return created;
        }, (create, registry: this));
        return loader as DataLoader<TKey, TValue>
            ?? throw new InvalidOperationException($"DataLoader \"{name}\" is already registered with other key or value types ({loader.GetType()}).");
    }

    /// <summary>Every loader of the request.</summary>
    public IEnumerable<IDataLoaderDispatcher> Loaders => _loaders.Values;

    /// <summary>Holds automatic dispatch of every loader of the request until the handle is disposed
    /// (see <see cref="DataLoader{TKey, TValue}.HoldDispatch"/>).</summary>
    public IDisposable HoldDispatch() => Scope.Hold();

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
        return DataLoaderRegistry.For(context).GetOrAdd(name, () => new DataLoader<TKey, TValue>(batch, options, token));
    }
}
