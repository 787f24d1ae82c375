using System.Collections.Concurrent;
using System.Text.Json;
using Commissioning.Graph.Engine;

namespace Commissioning.Graph.Server.PersistedDocuments;

/// <summary>
/// Documents registered ahead of time and requested by id (<c>sha256:&lt;hex&gt;</c>, GraphQL over
/// HTTP's persisted-documents appendix). Implementations: in memory, a folder of files; Redis later.
/// </summary>
public interface IPersistedDocumentStore
{
    ValueTask<string?> GetAsync(string documentId, CancellationToken cancellationToken);
}

/// <summary>Persisted documents held in memory; <see cref="Add"/> computes the id from the text.</summary>
public sealed class InMemoryPersistedDocumentStore : IPersistedDocumentStore
{
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.Ordinal);

    /// <summary>Registers a document and returns its id.</summary>
    public string Add(string document)
    {
        var id = PreparedDocument.ComputeHash(document);
        _documents[id] = document;
        return id;
    }

    public ValueTask<string?> GetAsync(string documentId, CancellationToken cancellationToken) =>
        new(_documents.TryGetValue(Normalise(documentId), out var d) ? d : null);

    internal static string Normalise(string id) => id.Contains(':') ? id.ToLowerInvariant() : "sha256:" + id.ToLowerInvariant();
}

/// <summary>
/// Persisted documents from a folder: each <c>&lt;hex&gt;.graphql</c> file holds one document, and any
/// <c>*.json</c> manifest maps ids to documents. Files are read once, at start, and checked: a file
/// whose content does not hash to its name is refused, so an id always means one text.
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
                if (id != InMemoryPersistedDocumentStore.Normalise(p.Name))
                    throw new InvalidDataException($"{file}: the document of {p.Name} hashes to {id}.");
                _documents[id] = text;
            }
        }
    }

    public int Count => _documents.Count;

    public ValueTask<string?> GetAsync(string documentId, CancellationToken cancellationToken) =>
        new(_documents.TryGetValue(InMemoryPersistedDocumentStore.Normalise(documentId), out var d) ? d : null);
}
