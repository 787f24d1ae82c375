using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Engine.Validation;
using Commissioning.Graph.Engine.Validation.Rules;

namespace Commissioning.Graph.Engine;

/// <summary>Limits and switches of the engine. Every default is written here and tested.</summary>
public sealed class EngineOptions
{
    /// <summary>Most tokens a document may have (parser limit). Default 15,000.</summary>
    public int MaxTokens { get; init; } = 15_000;
    /// <summary>Deepest nesting the parser accepts (selection sets, list and object values). Default 200.</summary>
    public int MaxParserDepth { get; init; } = 200;
    /// <summary>Deepest field nesting an operation may select, fragments expanded; 0 = unlimited. Default 0 (the server sets its own).</summary>
    public int MaxDepth { get; init; }
    /// <summary>Most fields (aliases included, fragments expanded) an operation may select; 0 = unlimited.</summary>
    public int MaxFields { get; init; }
    /// <summary>Most errors one response carries. Default 100.</summary>
    public int MaxErrors { get; init; } = 100;
    /// <summary>When false, documents selecting <c>__schema</c> or <c>__type</c> are refused.</summary>
    public bool AllowIntrospection { get; init; } = true;
    /// <summary>When false, validation errors carry no "Did you mean …?" suggestions.</summary>
    public bool FieldSuggestions { get; init; } = true;
    /// <summary>Most distinct documents kept parsed and validated. Default 1,000.</summary>
    public int DocumentCacheSize { get; init; } = 1_000;
    /// <summary>Most bytes the parsed and validated documents may hold, estimated by <see cref="PreparedDocument.EstimatedBytes"/>;
    /// least recently used documents are evicted first. Default 32 MiB.</summary>
    public long DocumentCacheBytes { get; init; } = 32L * 1024 * 1024;
    /// <summary>Validation rules run after the specified rules (cost analysis, authorisation checks, ...).</summary>
    public IReadOnlyList<IValidationRule> AdditionalRules { get; init; } = Array.Empty<IValidationRule>();
}

/// <summary>A document parsed and validated against one schema, reusable across requests.</summary>
public sealed class PreparedDocument
{
    private string? _hash;

    internal PreparedDocument(string text, DocumentNode? document, IReadOnlyList<GraphQLError> errors, bool syntaxError, int tokenCount = 0)
    {
        Text = text; Document = document; Errors = errors; IsSyntaxError = syntaxError; TokenCount = tokenCount;
    }

    /// <summary>Tokens the parser read (0 when it did not finish).</summary>
    public int TokenCount { get; }

    public string Text { get; }
    /// <summary>Null when the text does not parse.</summary>
    public DocumentNode? Document { get; }
    /// <summary>Syntax or validation errors; empty when the document may be executed.</summary>
    public IReadOnlyList<GraphQLError> Errors { get; }
    public bool IsValid => Errors.Count == 0;
    public bool IsSyntaxError { get; }
    /// <summary>
    /// What the document holds in memory, roughly: its text (UTF-16), and once parsed its syntax tree (about
    /// <see cref="BytesPerToken"/> per token: nodes, names, locations) and its errors; the bound of the document cache
    /// counts this figure (DocumentCacheTests measures it against the heap).
    /// </summary>
    public long EstimatedBytes => 2L * Text.Length + (long)TokenCount * BytesPerToken + 200L * Errors.Count + 256;

    /// <summary>Syntax-tree bytes per token: field-dense documents measure about 61 (DocumentCacheTests), rounded up.</summary>
    public const int BytesPerToken = 80;

    /// <summary>"sha256:" and the lower-case hex SHA-256 of the text (the persisted-document id form).</summary>
    public string Hash => _hash ??= ComputeHash(Text);

    public static string ComputeHash(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The operation a request names (spec §6.1 GetOperation), or null when it cannot be chosen.</summary>
    public OperationDefinitionNode? GetOperation(string? operationName)
    {
        if (Document is null) return null;
        OperationDefinitionNode? found = null;
        foreach (var d in Document.Definitions)
        {
            if (d is not OperationDefinitionNode op) continue;
            if (operationName is null)
            {
                if (found is not null) return null;
                found = op;
            }
            else if (op.Name?.Value == operationName) return op;
        }
        return found;
    }
}

/// <summary>
/// The engine's front door: parses and validates a document once (cached by its text),
/// then executes it as often as asked. Thread-safe; one instance per schema.
/// </summary>
public sealed class GraphQLEngine
{
    private readonly Caching.BoundedLruCache<PreparedDocument> _documents;
    private readonly IReadOnlyList<IValidationRule> _rules;
    private readonly ValidationOptions _validationOptions;
    private readonly ParserOptions _parserOptions;

    public GraphQLEngine(Schema schema, EngineOptions? options = null)
    {
        Schema = schema;
        Options = options ?? new EngineOptions();
        var rules = new List<IValidationRule>(SpecifiedRules.All);
        if (!Options.AllowIntrospection) rules.Add(new NoIntrospectionRule());
        if (Options.MaxDepth > 0 || Options.MaxFields > 0) rules.Add(new DocumentLimitsRule(Options.MaxDepth, Options.MaxFields));
        rules.AddRange(Options.AdditionalRules);
        _rules = rules;
        _validationOptions = new ValidationOptions { FieldSuggestions = Options.FieldSuggestions, MaxErrors = Options.MaxErrors };
        _parserOptions = new ParserOptions { MaxTokens = Options.MaxTokens, MaxDepth = Options.MaxParserDepth };
        _documents = new Caching.BoundedLruCache<PreparedDocument>(Options.DocumentCacheBytes, maxEntries: Options.DocumentCacheSize);
        EngineTelemetry.Track(_documents);
    }

    /// <summary>The parsed and validated documents kept for reuse (bounded by <see cref="EngineOptions.DocumentCacheBytes"/>).</summary>
    public Caching.BoundedLruCache<PreparedDocument> DocumentCache => _documents;

    public Schema Schema { get; }
    public EngineOptions Options { get; }

    /// <summary>Parses and validates <paramref name="text"/>, or returns the cached result.</summary>
    public PreparedDocument Prepare(string text)
    {
        if (_documents.TryGet(text, out var cached)) return cached;
        var prepared = PrepareUncached(text);
        // Bounded by bytes and count, least recently used out first: a flood of distinct (or huge)
        // documents cannot grow the heap past the bound, and popular documents stay parsed.
        _documents.Set(text, prepared, prepared.EstimatedBytes);
        return prepared;
    }

    private PreparedDocument PrepareUncached(string text)
    {
        DocumentNode document;
        int tokenCount;
        using (var activity = EngineTelemetry.Source.StartActivity("graphql.parse"))
        {
            try
            {
                document = Parser.Parse(text, _parserOptions, out tokenCount);
            }
            catch (GraphQLSyntaxException e)
            {
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
                return new PreparedDocument(text, null, e.Errors, syntaxError: true);
            }
        }
        using (EngineTelemetry.Source.StartActivity("graphql.validate"))
        {
            var errors = DocumentValidator.Validate(Schema, document, _rules, _validationOptions);
            return new PreparedDocument(text, document, errors, syntaxError: false, tokenCount);
        }
    }

    /// <summary>Executes a prepared, valid document (spec §6).</summary>
    public Task<ExecutionResult> ExecuteAsync(PreparedDocument document, string? operationName,
        IReadOnlyDictionary<string, object?>? variables, object? rootValue = null, IServiceProvider? services = null,
        RequestScope? scope = null, CancellationToken cancellationToken = default)
    {
        if (!document.IsValid) return Task.FromResult(ExecutionResult.FromErrors(document.Errors));
        return Executor.ExecuteAsync(Request(document, operationName, variables, rootValue, services, scope, cancellationToken), ExecutionOptions);
    }

    /// <summary>Executes a prepared, valid document with its @defer and @stream honoured (when the schema
    /// declares them): the initial result, then the later payloads.</summary>
    public Task<IncrementalExecutionResult> ExecuteIncrementallyAsync(PreparedDocument document, string? operationName,
        IReadOnlyDictionary<string, object?>? variables, object? rootValue = null, IServiceProvider? services = null,
        RequestScope? scope = null, CancellationToken cancellationToken = default)
    {
        if (!document.IsValid) return Task.FromResult(new IncrementalExecutionResult { Initial = ExecutionResult.FromErrors(document.Errors) });
        return Executor.ExecuteIncrementallyAsync(Request(document, operationName, variables, rootValue, services, scope, cancellationToken), ExecutionOptions);
    }

    private ExecutionRequest Request(PreparedDocument document, string? operationName, IReadOnlyDictionary<string, object?>? variables,
        object? rootValue, IServiceProvider? services, RequestScope? scope, CancellationToken cancellationToken) => new()
    {
        Schema = Schema,
        Document = document.Document!,
        OperationName = operationName,
        VariableValues = variables,
        RootValue = rootValue,
        Services = services,
        Scope = scope,
        CancellationToken = cancellationToken,
    };

    // Immutable (init-only): one for every execution of this engine.
    private ExecutionOptions ExecutionOptions => _executionOptions ??= new() { MaxErrors = Options.MaxErrors };
    private ExecutionOptions? _executionOptions;

    /// <summary>Parses, validates and executes in one call.</summary>
    public Task<ExecutionResult> ExecuteAsync(string query, string? operationName = null,
        IReadOnlyDictionary<string, object?>? variables = null, object? rootValue = null, CancellationToken cancellationToken = default)
        => ExecuteAsync(Prepare(query), operationName, variables, rootValue, cancellationToken: cancellationToken);
}

/// <summary>
/// The engine's trace source (spans for parse, validate, execute and DataLoader batches) and meter
/// (requests, errors by code, durations, DataLoader batch sizes, document cache size). Both are named
/// <see cref="SourceName"/>; OpenTelemetry (or any listener) subscribes by that name.
/// </summary>
public static class EngineTelemetry
{
    public const string SourceName = "Commissioning.Graph.Engine";
    public static readonly System.Diagnostics.ActivitySource Source = new(SourceName);

    /// <summary>The engine's metrics: <c>graphql.document_cache.size</c> (bytes) and <c>graphql.document_cache.entries</c>,
    /// summed over the live engines of the process.</summary>
    public static readonly System.Diagnostics.Metrics.Meter Meter = new(SourceName);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Caching.BoundedLruCache<PreparedDocument>, object> Caches = new();

    static EngineTelemetry()
    {
        Meter.CreateObservableGauge("graphql.document_cache.size", () => Caches.Sum(c => c.Key.Bytes), "By",
            "Estimated bytes held by parsed and validated documents");
        Meter.CreateObservableGauge("graphql.document_cache.entries", () => Caches.Sum(c => (long)c.Key.Count), "{document}",
            "Parsed and validated documents kept for reuse");
    }

    internal static void Track(Caching.BoundedLruCache<PreparedDocument> cache) => Caches.AddOrUpdate(cache, Tracked);
    private static readonly object Tracked = new();

    /// <summary>GraphQL operations answered, tagged <c>graphql.operation.type</c> and <c>graphql.transport</c>.</summary>
    public static readonly System.Diagnostics.Metrics.Counter<long> Requests =
        Meter.CreateCounter<long>("graphql.server.requests", "{request}", "GraphQL operations answered");
    /// <summary>Errors in responses, tagged <c>graphql.error.code</c> (the stable <c>extensions.code</c>).</summary>
    public static readonly System.Diagnostics.Metrics.Counter<long> Errors =
        Meter.CreateCounter<long>("graphql.server.errors", "{error}", "Errors in GraphQL responses, by code");
    /// <summary>Time from the request to its result, in seconds.</summary>
    public static readonly System.Diagnostics.Metrics.Histogram<double> Duration =
        Meter.CreateHistogram<double>("graphql.server.request.duration", "s", "Time to answer a GraphQL operation");
    /// <summary>Keys per call of a DataLoader's batch function.</summary>
    public static readonly System.Diagnostics.Metrics.Histogram<int> DataLoaderBatchSize =
        Meter.CreateHistogram<int>("graphql.dataloader.batch.size", "{key}", "Keys per DataLoader batch call");
}
