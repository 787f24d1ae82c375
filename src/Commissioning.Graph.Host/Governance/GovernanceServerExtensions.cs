using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Modules.Governance;
using Commissioning.Graph.Server;
using Commissioning.Graph.Server.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commissioning.Graph.Host.Governance;

/// <summary>Configuration section <c>Governance</c>.</summary>
public sealed class GovernanceOptions
{
    public const string SectionName = "Governance";

}

/// <summary>Who reads the register: the request's caller (its <see cref="RequestScope.Subject"/>, from the <see cref="Caller"/>).</summary>
internal sealed class CallerDisclosureReaderAccessor : IDisclosureReaderAccessor
{
    public DisclosureReader? ReaderFor(IResolveContext context) =>
        context.Scope.Subject is { IsAuthenticated: true, Organisation: { } organisation }
            ? new DisclosureReader(organisation, Modules.Shared.Policies.PolicyRules.IsNhsCommissioningBoard(organisation))
            : null;
}

public static class GovernanceServerExtensions
{
    /// <summary>
    /// The disclosure register: its database (<see cref="GovernanceServiceCollectionExtensions.AddGovernancePersistence(IServiceCollection, IConfiguration)"/>),
    /// the interceptor that records each response's disclosures before it is sent, and what the
    /// <see cref="GovernanceGraphModule"/>'s <c>disclosures</c> query needs to know who is reading.
    /// The graph module itself is added to the graph with the other modules.
    /// </summary>
    public static IServiceCollection AddGovernance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGovernancePersistence(configuration);
        return services.AddDisclosureRegister(configuration);
    }

    /// <summary>The interceptor and the reader accessor alone, for a host that registers the governance database itself
    /// (or a test that supplies its own <see cref="IDisclosureRegister"/>).</summary>
    public static IServiceCollection AddDisclosureRegister(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = new GovernanceOptions();
        configuration?.GetSection(GovernanceOptions.SectionName).Bind(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton<IDisclosureReaderAccessor, CallerDisclosureReaderAccessor>();
        if (!services.Any(d => d.ServiceType == typeof(IGraphQLRequestInterceptor) && d.ImplementationType == typeof(DisclosureRegisterInterceptor)))
            services.AddSingleton<IGraphQLRequestInterceptor, DisclosureRegisterInterceptor>();
        return services;
    }
}
