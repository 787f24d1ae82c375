using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Server.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Server.Federation;

/// <summary>
/// A subgraph's <c>_service { sdl }</c> is its whole schema, restricted fields and directives included: outside
/// Development (or when <see cref="FederationOptions.RestrictServiceSdl"/> says so) only a caller granted
/// <see cref="FederationOptions.ServiceSdlScope"/> — the gateway's client application — may select it; anyone
/// else gets <c>FORBIDDEN</c> with the reason, before anything executes.
/// </summary>
public sealed class ServiceSdlAccessInterceptor(IOptions<GraphQLServerOptions> options, IHostEnvironment environment) : IGraphQLRequestInterceptor
{
    private readonly FederationOptions _options = options.Value.Federation;
    private readonly bool _restricted = options.Value.Federation.RestrictServiceSdl ?? !environment.IsDevelopment();

    /// <summary>Whether <c>_service</c> needs the scope here.</summary>
    public bool IsRestricted => _restricted;

    public ValueTask<IReadOnlyList<GraphQLError>?> OnExecutingAsync(GraphQLRequestContext context)
    {
        if (!_restricted || context.Operation.Operation != OperationType.Query) return new((IReadOnlyList<GraphQLError>?)null);
        if (!SelectsServiceField(context.Operation.SelectionSet, context.Document.Document!, new HashSet<string>(StringComparer.Ordinal)))
            return new((IReadOnlyList<GraphQLError>?)null);
        var caller = context.Caller;
        if (caller is not null && caller.HasScope(_options.ServiceSdlScope)) return new((IReadOnlyList<GraphQLError>?)null);
        return new(new[]
        {
            new GraphQLError("Not authorised to read Query._service.")
            {
                Extensions = new Dictionary<string, object?>
                {
                    ["code"] = ErrorCodes.Forbidden,
                    ["reason"] = $"The subgraph's SDL is served only to callers granted the scope \"{_options.ServiceSdlScope}\" (the gateway).",
                },
            },
        });
    }

    /// <summary>Whether the root selection set, through fragments, selects <c>_service</c>.</summary>
    private static bool SelectsServiceField(SelectionSetNode set, DocumentNode document, HashSet<string> visited)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode { Name.Value: "_service" }:
                    return true;
                case InlineFragmentNode inline when SelectsServiceField(inline.SelectionSet, document, visited):
                    return true;
                case FragmentSpreadNode spread when visited.Add(spread.Name.Value):
                    var fragment = document.Definitions.OfType<FragmentDefinitionNode>().FirstOrDefault(f => f.Name.Value == spread.Name.Value);
                    if (fragment is not null && SelectsServiceField(fragment.SelectionSet, document, visited)) return true;
                    break;
            }
        }
        return false;
    }
}

public static class ServiceSdlAccessExtensions
{
    /// <summary>Restricts a subgraph's <c>_service</c> to the gateway (see <see cref="ServiceSdlAccessInterceptor"/>).
    /// Register after identity, so that the caller is known.</summary>
    public static IServiceCollection AddServiceSdlAccess(this IServiceCollection services) =>
        services.AddSingleton<IGraphQLRequestInterceptor, ServiceSdlAccessInterceptor>();
}
