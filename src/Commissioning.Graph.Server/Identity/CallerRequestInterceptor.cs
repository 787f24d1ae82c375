using Commissioning.Graph.Engine;

namespace Commissioning.Graph.Server.Identity;

/// <summary>
/// Refuses any operation that reaches execution without a caller — a second line behind
/// <see cref="CallerGateMiddleware"/>, should an endpoint be mapped without <c>RequireCaller()</c>.
/// The caller itself reaches the engine through <see cref="GraphQLRequestContext.Scope"/>.
/// </summary>
public sealed class CallerRequestInterceptor : IGraphQLRequestInterceptor
{
    public ValueTask<IReadOnlyList<GraphQLError>?> OnExecutingAsync(GraphQLRequestContext context) =>
        context.Caller is null
            ? new(new[] { GraphQLRequestPipeline.Error("Authentication required: send a bearer token in the Authorization header.", ErrorCodes.Unauthenticated) })
            : new((IReadOnlyList<GraphQLError>?)null);
}
