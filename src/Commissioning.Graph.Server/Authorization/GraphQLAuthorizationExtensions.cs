using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Server.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Server.Authorization;

/// <summary>
/// Refuses, before execution, an operation that selects restricted data (any field under
/// <c>@policy</c>, directly or through the type it returns) when the caller stated no purpose of
/// use: <c>FORBIDDEN</c>, "a purpose of use is required". The engine's authorisation layer sees the
/// caller through the operation's <see cref="GraphQLRequestContext.Scope"/> (its
/// <see cref="AuthorizationSubject"/>, and the <see cref="DisclosureLedger"/> the disclosure register
/// reads after execution). A request without a caller is left to <see cref="CallerRequestInterceptor"/>.
/// When the authorisation service limits purposes (<see cref="IAuthorizationService.Purposes"/>), the
/// engine checks the purpose field by field instead (own data needs none).
/// </summary>
public sealed class AuthorizationRequestInterceptor(GraphQLEndpointSchema endpoint) : IGraphQLRequestInterceptor
{
    public const string PurposeRequiredMessage = "A purpose of use is required to read restricted data: send the X-Purpose-Of-Use header.";

    public ValueTask<IReadOnlyList<GraphQLError>?> OnExecutingAsync(GraphQLRequestContext context)
    {
        var caller = context.Caller;
        if (caller is null) return new((IReadOnlyList<GraphQLError>?)null);
        // Where purposes are limited, the engine asks for one per field, only for another organisation's data
        // (one's own needs none); otherwise any restricted selection needs one, decided here before execution.
        if (caller.Purpose is null && context.HttpContext.RequestServices.GetService<IAuthorizationService>()?.Purposes is null
            && context.Document.Document is { } document
            && RestrictedSelection.SelectsRestrictedData(endpoint.Engine.Schema, document, context.Operation))
            return new(new[] { GraphQLRequestPipeline.Error(PurposeRequiredMessage, ErrorCodes.Forbidden) });
        return new((IReadOnlyList<GraphQLError>?)null);
    }
}

public static class GraphQLAuthorizationExtensions
{
    /// <summary>
    /// Field-level authorisation for the served schema: registers <see cref="AuthorizationRequestInterceptor"/>.
    /// The policies and <see cref="IAuthorizationService"/> come from elsewhere (the domain's
    /// <c>AddCommissioningPolicies</c>); wrap the schema factory given to <c>AddGraphQLServer</c>
    /// with <see cref="Authorized"/> so the schema enforces its directives.
    /// </summary>
    public static IServiceCollection AddGraphQLAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<IGraphQLRequestInterceptor, AuthorizationRequestInterceptor>();
        return services;
    }

    /// <summary>A schema factory whose schema enforces <c>@authenticated</c>, <c>@requiresScopes</c>,
    /// <c>@policy</c> and <c>@suppressSmallNumbers</c> (<see cref="AuthorizationTransform.Apply"/>).</summary>
    public static Func<IServiceProvider, Schema> Authorized(Func<IServiceProvider, Schema> schemaFactory) =>
        sp => AuthorizationTransform.Apply(schemaFactory(sp), sp.GetRequiredService<IAuthorizationService>());
}
