using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Server.Resilience;

namespace Commissioning.Graph.Host.Graph;

/// <summary>A module's database that is still unreachable after <see cref="DatabaseResilience"/>'s retries
/// is reported to clients as <c>SERVICE_UNAVAILABLE</c>.</summary>
public sealed class DatabaseUnavailableDetector : IUnavailableDependencyDetector
{
    public bool IsUnavailable(Exception exception) => DatabaseResilience.IsTransient(exception);
}
