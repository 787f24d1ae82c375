using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.Extensions.Configuration;

namespace Commissioning.Graph.Host.Graph;

public static class OrganisationCodesExtensions
{
    /// <summary>Applies <c>Organisations</c> (<see cref="OrganisationOptions"/>: the NHS CB's code) before anything reads it:
    /// every verb that serves or seeds calls this first, so the policies and the demonstration data name the same board.</summary>
    public static IConfiguration UseOrganisationCodes(this IConfiguration configuration)
    {
        var options = new OrganisationOptions();
        configuration.GetSection(OrganisationOptions.SectionName).Bind(options);
        PolicyRules.Use(options);
        return configuration;
    }
}
