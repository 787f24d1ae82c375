using Commissioning.Graph.Engine;

namespace Commissioning.Graph.Server.Identity;

/// <summary>
/// Hands the caller to the engine (resolvers and the authorisation layer read
/// <c>Items["caller"]</c>) and refuses any operation that reaches execution without one — a
/// second line behind <see cref="CallerGateMiddleware"/>, should an endpoint be mapped without
/// <c>RequireCaller()</c>.
/// </summary>
public sealed class CallerRequestInterceptor : IGraphQLRequestInterceptor
{
    /// <summary>The key of the <see cref="Caller"/> in the operation's items.</summary>
    public const string ItemKey = "caller";

    public ValueTask<IReadOnlyList<GraphQLError>?> OnExecutingAsync(GraphQLRequestContext context)
    {
        var caller = context.HttpContext.GetCaller();
        if (caller is null)
            return new(new[] { GraphQLRequestPipeline.Error("Authentication required: send a bearer token in the Authorization header.", ErrorCodes.Unauthenticated) });
        context.Items[ItemKey] = caller;
        return new((IReadOnlyList<GraphQLError>?)null);
    }
}
