using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commissioning.Graph.Host.Graph;

/// <summary>Ready when every registered module's database answers (tagged "ready", so <c>/readyz</c> runs it).</summary>
public sealed class DatabaseHealthCheck(IServiceProvider services, IEnumerable<RegisteredModule> modules) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var module in modules)
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy($"The {module.Module} database does not answer.");
        }
        return HealthCheckResult.Healthy();
    }
}
