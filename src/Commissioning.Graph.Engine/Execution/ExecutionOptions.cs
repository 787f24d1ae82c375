namespace Commissioning.Graph.Engine.Execution;

/// <summary>Per-call switches of the executor. Defaults are those of graphql-js except where stated.</summary>
public sealed class ExecutionOptions
{
    public static readonly ExecutionOptions Default = new();

    /// <summary>Most field errors one response carries (default 100). Further field errors are dropped and
    /// a single "Too many errors" error is added in their place. Not a graphql-js feature: a limit of ours.</summary>
    public int MaxErrors { get; init; } = 100;

    /// <summary>Applied to every field error before it is recorded (for example to mask the message of
    /// an unexpected exception: <see cref="GraphQLError.OriginalException"/> tells what was thrown).</summary>
    public Func<GraphQLError, GraphQLError>? ErrorFilter { get; init; }
}
