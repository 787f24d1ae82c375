using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine;

/// <summary>A line and column (both 1-based) in the request document (spec §7.1.2 "Errors").</summary>
public readonly record struct ErrorLocation(int Line, int Column);

/// <summary>
/// An error as the response carries it (spec §7.1.2): a message, the document locations it
/// refers to, the response path of the field that raised it, and extensions such as a stable
/// <c>code</c>.
/// </summary>
public sealed class GraphQLError
{
    public GraphQLError(string message) => Message = message;

    public GraphQLError(string message, IEnumerable<SyntaxNode?>? nodes, IReadOnlyList<object>? path = null,
        IReadOnlyDictionary<string, object?>? extensions = null, Exception? originalException = null)
    {
        Message = message;
        if (nodes is not null)
        {
            List<ErrorLocation>? list = null;
            foreach (var n in nodes)
            {
                if (n is null || n.Location == SourceLocation.None) continue;
                (list ??= new()).Add(new ErrorLocation(n.Location.Line, n.Location.Column));
            }
            Locations = list;
        }
        Path = path;
        Extensions = extensions;
        OriginalException = originalException;
    }

    public string Message { get; }
    /// <summary>Null when the error refers to no part of the document.</summary>
    public IReadOnlyList<ErrorLocation>? Locations { get; init; }
    /// <summary>Response keys (string) and list indices (int) from the root to the failed field.</summary>
    public IReadOnlyList<object>? Path { get; init; }
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }
    /// <summary>The exception a resolver threw, if any. Never serialised.</summary>
    public Exception? OriginalException { get; init; }

    /// <summary>The stable machine-readable code (<c>extensions.code</c>), when set.</summary>
    public string? Code => Extensions is not null && Extensions.TryGetValue("code", out var c) ? c as string : null;

    public GraphQLError WithCode(string code)
    {
        var ext = Extensions is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(Extensions);
        ext["code"] = code;
        return new GraphQLError(Message) { Locations = Locations, Path = Path, Extensions = ext, OriginalException = OriginalException };
    }

    public override string ToString() => Locations is { Count: > 0 } l ? $"{Message} ({l[0].Line}:{l[0].Column})" : Message;
}

/// <summary>Well-known values of <c>extensions.code</c>. Clients may rely on them; never rename one.</summary>
public static class ErrorCodes
{
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string CostLimitExceeded = "COST_LIMIT_EXCEEDED";
    public const string DepthLimitExceeded = "DEPTH_LIMIT_EXCEEDED";
    public const string DocumentLimitExceeded = "DOCUMENT_LIMIT_EXCEEDED";
    public const string PersistedDocumentNotFound = "PERSISTED_DOCUMENT_NOT_FOUND";
    /// <summary>The caller's organisation and client application are over their rate limit (HTTP 429 with Retry-After).</summary>
    public const string RateLimited = "RATE_LIMITED";
    public const string OperationNotFound = "OPERATION_RESOLUTION_FAILURE";
    public const string Timeout = "TIMEOUT";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
    /// <summary>A dependency (a database) is unavailable for now; the same request may succeed if retried later.</summary>
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string Suppressed = "SUPPRESSED";
}

/// <summary>Thrown by the engine for a request that cannot proceed; carries the errors to report.</summary>
public class GraphQLException : Exception
{
    public GraphQLException(GraphQLError error) : base(error.Message) => Errors = new[] { error };
    public GraphQLException(IReadOnlyList<GraphQLError> errors) : base(errors.Count > 0 ? errors[0].Message : "GraphQL error") => Errors = errors;
    public IReadOnlyList<GraphQLError> Errors { get; }
}

/// <summary>A syntax error: the message names the line:column and what was expected.</summary>
public sealed class GraphQLSyntaxException : GraphQLException
{
    public GraphQLSyntaxException(string message, int line, int column)
        : this(message, line, column, ErrorCodes.ParseFailed) { }

    /// <summary>A syntax error with another <c>extensions.code</c>, e.g. <see cref="ErrorCodes.DocumentLimitExceeded"/>.</summary>
    public GraphQLSyntaxException(string message, int line, int column, string code)
        : base(new GraphQLError("Syntax Error: " + message)
        {
            Locations = new[] { new ErrorLocation(line, column) },
            Extensions = new Dictionary<string, object?> { ["code"] = code },
        })
    {
        Line = line; Column = column;
    }
    public int Line { get; }
    public int Column { get; }
}
