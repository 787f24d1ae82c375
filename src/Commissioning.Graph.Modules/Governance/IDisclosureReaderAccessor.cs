using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Modules.Governance;

/// <summary>
/// Who is reading the disclosure register in this request. The modules know nothing of tokens or
/// HTTP: the server supplies the implementation (from the request's caller).
/// </summary>
public interface IDisclosureReaderAccessor
{
    /// <summary>The reader, or null when the request has no authenticated caller.</summary>
    DisclosureReader? ReaderFor(IResolveContext context);
}
