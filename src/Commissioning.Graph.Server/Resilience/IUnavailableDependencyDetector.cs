namespace Commissioning.Graph.Server.Resilience;

/// <summary>
/// Recognises an exception that means a dependency (a database) is unavailable for now, after whatever
/// retries its client made: the pipeline then answers <c>SERVICE_UNAVAILABLE</c>, which a client may
/// retry, rather than <c>INTERNAL_SERVER_ERROR</c>, which reports a bug. The server knows no database;
/// the host registers one detector per kind of dependency.
/// </summary>
public interface IUnavailableDependencyDetector
{
    bool IsUnavailable(Exception exception);
}
