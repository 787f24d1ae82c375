using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Caching;

namespace Commissioning.Graph.Server.PersistedDocuments;

/// <summary>
/// Documents requested by id (<c>sha256:&lt;hex&gt;</c>, GraphQL over HTTP's persisted-documents appendix): those
/// published ahead of time (the <c>persist</c> verb, a folder or manifest), never evicted, and those registered
/// by clients at run time (automatic persisted queries), bounded in bytes per caller and in all, least recently
/// used out first. Implementations: in memory (one instance) and Redis (shared by every instance).
/// </summary>
public interface IPersistedDocumentStore
{
    /// <summary>The text of a document, or null when no document has that id.</summary>
    /// <exception cref="PersistedDocumentStoreUnavailableException">The store cannot be reached now.</exception>
    ValueTask<string?> GetAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Registers a document a client sent with its hash (APQ). The caller has already checked that the text hashes
    /// to the id, is within <see cref="PersistedDocumentOptions.MaxDocumentBytes"/>, parses and validates.
    /// <paramref name="owner"/> (organisation and client application) is charged for its bytes. Returns false when
    /// it was not kept (larger than a bound, or the store is unreachable: registration is best effort).
    /// </summary>
    ValueTask<bool> RegisterAsync(string documentId, string document, string owner, CancellationToken cancellationToken);
}

/// <summary>The persisted-document store (Redis) cannot be reached; the request gets a clear error, not a 500.</summary>
public sealed class PersistedDocumentStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Ids and sizes as the stores count them.</summary>
public static class PersistedDocumentIds
{
    /// <summary><c>sha256:&lt;lower-case hex&gt;</c> for either form a client may send (with or without the prefix).</summary>
    public static string Normalise(string id) => id.Contains(':') ? id.ToLowerInvariant() : "sha256:" + id.ToLowerInvariant();

    /// <summary>What a registered document costs in memory: its UTF-16 text and the entry around it.</summary>
    public static long BytesOf(string document) => 2L * document.Length + 128;
}

/// <summary>
/// Persisted documents held in this process: published documents (<see cref="Add"/>, or a folder) kept for good,
/// and APQ registrations in a <see cref="BoundedLruCache{TValue}"/> (bytes per caller and in all).
/// </summary>
public sealed class InMemoryPersistedDocumentStore : IPersistedDocumentStore
{
    private readonly Dictionary<string, string> _published;
    private readonly Lock _publishLock = new();

    public InMemoryPersistedDocumentStore(PersistedDocumentOptions? options = null, FilePersistedDocumentStore? published = null)
    {
        options ??= new PersistedDocumentOptions();
        Registered = new BoundedLruCache<string>(options.MaxBytes, options.MaxBytesPerCaller, options.MaxDocuments);
        _published = published is null ? new(StringComparer.Ordinal) : new(published.Documents, StringComparer.Ordinal);
        PersistedDocumentTelemetry.Track(Registered);
    }

    /// <summary>The APQ registrations (their size is reported as metrics).</summary>
    public BoundedLruCache<string> Registered { get; }

    /// <summary>Publishes a document (kept for good, as a folder's are) and returns its id.</summary>
    public string Add(string document)
    {
        var id = PreparedDocument.ComputeHash(document);
        lock (_publishLock) _published[id] = document;
        return id;
    }

    public ValueTask<string?> GetAsync(string documentId, CancellationToken cancellationToken)
    {
        var id = PersistedDocumentIds.Normalise(documentId);
        lock (_publishLock) if (_published.TryGetValue(id, out var d)) return new(d);
        return new(Registered.TryGet(id, out var r) ? r : null);
    }

    public ValueTask<bool> RegisterAsync(string documentId, string document, string owner, CancellationToken cancellationToken) =>
        new(Registered.Set(PersistedDocumentIds.Normalise(documentId), document, PersistedDocumentIds.BytesOf(document), owner));
}

/// <summary>
/// Published documents from a folder: each <c>&lt;hex&gt;.graphql</c> file holds one document, and any
/// <c>*.json</c> manifest maps ids to documents (the <c>persist</c> verb writes both forms). Files are read once,
/// at start, and checked: a file whose content does not hash to its name is refused, so an id always means one text.
/// </summary>
public sealed class FilePersistedDocumentStore : IPersistedDocumentStore
{
    private readonly Dictionary<string, string> _documents = new(StringComparer.Ordinal);

    public FilePersistedDocumentStore(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Persisted documents folder not found: {directory}");
        foreach (var file in Directory.EnumerateFiles(directory, "*.graphql"))
        {
            var text = File.ReadAllText(file);
            var id = PreparedDocument.ComputeHash(text);
            var expected = "sha256:" + Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
            if (id != expected) throw new InvalidDataException($"{file}: its content hashes to {id}, not to its name.");
            _documents[id] = text;
        }
        foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var text = p.Value.GetString() ?? "";
                var id = PreparedDocument.ComputeHash(text);
                if (id != PersistedDocumentIds.Normalise(p.Name))
                    throw new InvalidDataException($"{file}: the document of {p.Name} hashes to {id}.");
                _documents[id] = text;
            }
        }
    }

    public int Count => _documents.Count;

    public IReadOnlyDictionary<string, string> Documents => _documents;

    public ValueTask<string?> GetAsync(string documentId, CancellationToken cancellationToken) =>
        new(_documents.TryGetValue(PersistedDocumentIds.Normalise(documentId), out var d) ? d : null);

    /// <summary>A folder is read-only: run-time registrations are not kept.</summary>
    public ValueTask<bool> RegisterAsync(string documentId, string document, string owner, CancellationToken cancellationToken) => new(false);
}

/// <summary>Metrics of the persisted-document stores: <c>graphql.persisted_documents.size</c> (bytes) and <c>.entries</c>.</summary>
public static class PersistedDocumentTelemetry
{
    public const string MeterName = "Commissioning.Graph.Server";
    public static readonly System.Diagnostics.Metrics.Meter Meter = new(MeterName);
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BoundedLruCache<string>, object> Caches = new();
    private static readonly object Tracked = new();

    static PersistedDocumentTelemetry()
    {
        Meter.CreateObservableGauge("graphql.persisted_documents.size", () => Caches.Sum(c => c.Key.Bytes), "By",
            "Bytes held in this process by persisted documents registered at run time (APQ)");
        Meter.CreateObservableGauge("graphql.persisted_documents.entries", () => Caches.Sum(c => (long)c.Key.Count), "{document}",
            "Persisted documents registered at run time held in this process");
    }

    internal static void Track(BoundedLruCache<string> cache) => Caches.AddOrUpdate(cache, Tracked);
}
