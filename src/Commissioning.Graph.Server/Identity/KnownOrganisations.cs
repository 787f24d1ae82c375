namespace Commissioning.Graph.Server.Identity;

/// <summary>
/// The organisations a token may name. The host implements it over its organisation directory (the
/// modules' registries); a token naming any other code is refused with 401.
/// </summary>
public interface IKnownOrganisations
{
    /// <summary>True when <paramref name="code"/> (upper case) names an organisation of the directory.</summary>
    ValueTask<bool> IsKnownAsync(string code, CancellationToken cancellationToken);
}

/// <summary>Until a directory is wired: every well-formed code.</summary>
internal sealed class AnyOrganisation : IKnownOrganisations
{
    public ValueTask<bool> IsKnownAsync(string code, CancellationToken cancellationToken) => new(true);
}

/// <summary>A fixed list of codes (configuration, tests).</summary>
public sealed class FixedOrganisations(IEnumerable<string> codes) : IKnownOrganisations
{
    private readonly HashSet<string> _codes = new(codes, StringComparer.OrdinalIgnoreCase);
    public ValueTask<bool> IsKnownAsync(string code, CancellationToken cancellationToken) => new(_codes.Contains(code));
}
