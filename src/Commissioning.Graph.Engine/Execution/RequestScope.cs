using System.Collections.Concurrent;
using Commissioning.Graph.Engine.Authorization;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>
/// What every resolver of one execution of a GraphQL request shares, typed: who is asking
/// (<see cref="Subject"/>), what restricted data it disclosed (<see cref="Disclosures"/>), which object each
/// value came from (<see cref="Lineage"/>), its DataLoaders (<see cref="DataLoaders"/>), and whatever a host or
/// module adds by type (<see cref="Features"/>). The host creates one per request (and one per subscription
/// event, <see cref="ExecutionRequest.EventScope"/>); resolvers read it as <see cref="IResolveContext.Scope"/>.
/// Resolvers run concurrently: the subject is immutable, each member is created once on first use
/// (an interlocked exchange) and is itself thread-safe, so nothing here needs a lock.
/// </summary>
public sealed class RequestScope(AuthorizationSubject? subject = null)
{
    private DisclosureLedger? _disclosures;
    private AuthorizationLineage? _lineage;
    private DataLoaderRegistry? _dataLoaders;
    private RequestFeatures? _features;

    /// <summary>Who is asking; null when the execution has no caller at all (an in-process tool: lists are not
    /// filtered by caller), which the authorisation layer treats as <see cref="AuthorizationSubject.Anonymous"/>.</summary>
    public AuthorizationSubject? Subject { get; } = subject;

    /// <summary>The restricted data this execution disclosed, for the disclosure register.</summary>
    public DisclosureLedger Disclosures => _disclosures ?? Create(ref _disclosures);

    /// <summary>Child → parent for every value an enforced field returned in this execution.</summary>
    public AuthorizationLineage Lineage => _lineage ?? Create(ref _lineage);

    /// <summary>The DataLoaders of this execution: every resolver of it shares them, no other execution does.</summary>
    public DataLoaderRegistry DataLoaders => _dataLoaders ?? Create(ref _dataLoaders);

    /// <summary>Per-request state a host or module adds, one instance per type.</summary>
    public RequestFeatures Features => _features ?? Create(ref _features);

    /// <summary>True once something was recorded in <see cref="Disclosures"/> (without creating the ledger).</summary>
    public bool HasDisclosures => _disclosures is { IsEmpty: false };

    /// <summary>A scope for the next event of a subscription: the same subject, nothing else carried over
    /// (each event is read afresh, its DataLoaders' cache and its disclosures its own).</summary>
    public RequestScope ForEvent() => new(Subject);

    private static T Create<T>(ref T? field) where T : class, new()
    {
        Interlocked.CompareExchange(ref field, new T(), null);
        return field!;
    }
}

/// <summary>
/// Per-request state by type, as ASP.NET Core's feature collection keeps it: a module keeps its own request-wide
/// state here (a cache of loaders, a switch) under a type of its own, so nothing is keyed by string and every
/// reader gets the type it asked for. Thread-safe.
/// </summary>
public sealed class RequestFeatures
{
    private readonly ConcurrentDictionary<Type, object> _features = new();

    /// <summary>The feature of type <typeparamref name="T"/>, or null when none was set.</summary>
    public T? Get<T>() where T : class => _features.TryGetValue(typeof(T), out var f) ? (T)f : null;

    /// <summary>Sets (or replaces) the feature of type <typeparamref name="T"/>.</summary>
    public void Set<T>(T feature) where T : class => _features[typeof(T)] = feature ?? throw new ArgumentNullException(nameof(feature));

    /// <summary>The feature of type <typeparamref name="T"/>, created on first use; concurrent callers get the same instance.</summary>
    public T GetOrAdd<T>() where T : class, new() => (T)_features.GetOrAdd(typeof(T), static _ => new T());
}
