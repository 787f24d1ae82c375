namespace Commissioning.Graph.Server;

/// <summary>
/// How the GraphQL endpoint behaves. Bound from configuration section <c>GraphQL</c>; every
/// default is documented here and in README ("Limits").
/// </summary>
public sealed class GraphQLServerOptions
{
    public const string SectionName = "GraphQL";

    /// <summary>@defer and @stream are in the schema and honoured over multipart/mixed, Server-Sent Events and
    /// graphql-transport-ws (a plain JSON response executes them as ordinary fragments and lists). Default true.</summary>
    public bool IncrementalDelivery { get; set; } = true;

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

    /// <summary>Most values a list input may hold, in arguments and in variables (nested lists and input
    /// objects included). Default 1,000; longer lists are refused with <c>BAD_USER_INPUT</c> before anything
    /// runs. 0 = no limit.</summary>
    public int MaxListInputLength { get; set; } = 1_000;

    /// <summary>The <c>Retry-After</c> of a 503 sent when a dependency (a database) is unavailable. Default 5 s.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

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

    /// <summary>Most bytes the engine's parsed and validated documents may hold (least recently used evicted first). Default 32 MiB.</summary>
    public long DocumentCacheBytes { get; set; } = 32L * 1024 * 1024;

    public PersistedDocumentOptions PersistedDocuments { get; set; } = new();

    public WebSocketOptions WebSockets { get; set; } = new();

    public FederationOptions Federation { get; set; } = new();
}

/// <summary>Configuration section <c>GraphQL:Federation</c>: how a subgraph serves and trusts its gateway.</summary>
public sealed class FederationOptions
{
    /// <summary>The scope a caller needs to read a subgraph's <c>_service { sdl }</c> (the gateway's client
    /// application is granted it). Default <c>federation:sdl</c>.</summary>
    public string ServiceSdlScope { get; set; } = "federation:sdl";

    /// <summary>Whether <c>_service</c> needs <see cref="ServiceSdlScope"/>. Default: null, meaning "outside Development".</summary>
    public bool? RestrictServiceSdl { get; set; }

    /// <summary>
    /// A secret shared with the gateway (infra/gateway: GATEWAY_SECRET). When set, the GraphQL endpoint answers only
    /// requests that carry <see cref="Federation.GatewaySignature.HeaderName"/>: HMAC-SHA256 of the request body (POST), or of
    /// <c>"GET " + path and query</c> (GET, WebSocket upgrade), keyed with this secret. The caller's token is still
    /// validated as always. Null or empty: no signature is required (the one process, development).
    /// </summary>
    public string? GatewaySecret { get; set; }
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
    /// <summary>A folder of published documents, one file per document named by its hex SHA-256
    /// (e.g. <c>ab12….graphql</c>), or a JSON manifest <c>{"sha256:…": "query …"}</c> (the <c>persist</c> verb writes
    /// them). Read at start, never evicted. Null = none.</summary>
    public string? Directory { get; set; }
    /// <summary>Largest document a client may register at run time (APQ), in UTF-8 bytes; a larger one still runs
    /// but is not registered. Default 64 KiB.</summary>
    public int MaxDocumentBytes { get; set; } = 64 * 1024;
    /// <summary>Most bytes the registrations of one caller (organisation and client application) may hold; its least
    /// recently used are evicted first. Default 1 MiB.</summary>
    public long MaxBytesPerCaller { get; set; } = 1024 * 1024;
    /// <summary>Most bytes all registrations may hold (in this process, or in Redis); least recently used evicted first. Default 16 MiB.</summary>
    public long MaxBytes { get; set; } = 16L * 1024 * 1024;
    /// <summary>Most registered documents. Default 10,000.</summary>
    public int MaxDocuments { get; set; } = 10_000;
    /// <summary>With Redis: bytes of documents kept in this process for reads (and while Redis is down). Default 8 MiB.</summary>
    public long LocalCacheBytes { get; set; } = 8L * 1024 * 1024;
}

public sealed class WebSocketOptions
{
    /// <summary>How long a client has to send <c>connection_init</c> before the socket closes with 4408. Default 3 s.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(3);
    /// <summary>Interval of keep-alive pings from the server; zero disables them. Default 12 s.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(12);
    /// <summary>Operations one socket may run at once; one more gets an error message. Default 100.</summary>
    public int MaxOperationsPerSocket { get; set; } = 100;
    /// <summary>Sockets one caller (organisation, application and subject) may hold open; one more closes with 4429. Default 20.</summary>
    public int MaxSocketsPerCaller { get; set; } = 20;
}
