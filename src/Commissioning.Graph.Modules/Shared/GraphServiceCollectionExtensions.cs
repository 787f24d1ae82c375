using Commissioning.Graph.Modules.LocalGovernment.Graph;
using Commissioning.Graph.Modules.NhsCb.Graph;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>Registers modules' parts of the graph (their <see cref="IGraphModule"/>s and the services they offer other modules).</summary>
public static class GraphServiceCollectionExtensions
{
    /// <summary>The local-government module (needs <c>AddCommissioningPersistence</c> with <see cref="GraphModule.LocalGovernment"/>).</summary>
    public static IServiceCollection AddLocalGovernmentGraph(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGraphModule, LocalGovernmentGraphModule>());
        return services;
    }

    /// <summary>
    /// The nhs-cb module and <see cref="IAllocationLookup"/>, which the commissioning module uses for
    /// the statutory financial duties (needs <c>AddCommissioningPersistence</c> with <see cref="GraphModule.NhsCb"/>).
    /// </summary>
    public static IServiceCollection AddNhsCbGraph(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGraphModule, NhsCbGraphModule>());
        services.TryAddSingleton<IAllocationLookup, NhsCbAllocationLookup>();
        return services;
    }
}
