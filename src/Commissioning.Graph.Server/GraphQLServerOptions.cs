namespace Commissioning.Graph.Server;

/// <summary>
/// How the GraphQL endpoint behaves. Bound from configuration section <c>GraphQL</c>; every
/// default is documented here and in README ("Limits").
/// </summary>
public sealed class GraphQLServerOptions
{
    public const string SectionName = "GraphQL";

    /// <summary>The endpoint path for HTTP, WebSocket and GraphiQL. Default <c>/graphql</c>.</summary>
    public string Path { get; set; } = "/graphql";

    /// <summary>Largest request body accepted, in bytes. Default 1 MiB; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most tokens in a document. Default 15,000.</summary>
    public int MaxTokens { get; set; } = 15_000;

    /// <summary>Deepest field nesting an operation may select (fragments expanded). Default 15.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>Most fields, aliases included, an operation may select. Default 1,000.</summary>
    public int MaxFields { get; set; } = 1_000;

    /// <summary>Most errors returned in one response. Default 100.</summary>
    public int MaxErrors { get; set; } = 100;

    /// <summary>Most operations in one batched (JSON array) request. Default 10; 1 disables batching.</summary>
    public int MaxOperationsPerRequest { get; set; } = 10;

    /// <summary>Longest an operation may execute before it is cancelled with <c>TIMEOUT</c>. Default 30 s.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Highest computed cost (IBM GraphQL cost spec) an operation may have. Default 10,000; 0 = no limit.</summary>
    public int MaxCost { get; set; } = 10_000;

    /// <summary>Assumed size of a list without <c>@listSize</c> or a slicing argument. Default 10.</summary>
    public int DefaultListSize { get; set; } = 10;

    /// <summary>Report the computed cost in <c>extensions.cost</c>. Default true.</summary>
    public bool ReportCost { get; set; } = true;

    /// <summary>Introspection allowed. Default: null, meaning "not in Production".</summary>
    public bool? AllowIntrospection { get; set; }

    /// <summary>"Did you mean" suggestions in validation errors. Default: null, meaning "not in Production".</summary>
    public bool? FieldSuggestions { get; set; }

    /// <summary>GraphiQL for browsers at <see cref="Path"/>. Default: null, meaning "in Development only".</summary>
    public bool? EnableGraphiQL { get; set; }

    /// <summary>Exception messages and stack traces in error extensions. Default: null, meaning "in Development only".</summary>
    public bool? IncludeExceptionDetails { get; set; }

    public PersistedDocumentOptions PersistedDocuments { get; set; } = new();

    public WebSocketOptions WebSockets { get; set; } = new();

    /// <summary>Section <c>GraphQL:Federation</c>: the gateway's shared secret (subgraphs behind a gateway).</summary>
    public Federation.FederationOptions Federation { get; set; } = new();
}

public enum PersistedDocumentMode
{
    /// <summary>Only inline documents; <c>documentId</c> is refused.</summary>
    Disabled,
    /// <summary>Inline documents and persisted ones by <c>documentId</c>.</summary>
    Allowed,
    /// <summary>Only persisted documents: an inline <c>query</c> is refused.</summary>
    Required,
}

public sealed class PersistedDocumentOptions
{
    public PersistedDocumentMode Mode { get; set; } = PersistedDocumentMode.Allowed;
    /// <summary>A folder of persisted documents, one file per document named by its hex SHA-256
    /// (e.g. <c>ab12….graphql</c>), or a JSON manifest <c>{"sha256:…": "query …"}</c>. Null = in memory only.</summary>
    public string? Directory { get; set; }
}

public sealed class WebSocketOptions
{
    /// <summary>How long a client has to send <c>connection_init</c> before the socket closes with 4408. Default 3 s.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(3);
    /// <summary>Interval of keep-alive pings from the server; zero disables them. Default 12 s.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(12);
}
