using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Authorization;

/// <summary>A field whose authorisation is not what the schema's rules demand.</summary>
public sealed record AuthorizationFinding(string SchemaCoordinate, string Problem)
{
    public override string ToString() => $"{SchemaCoordinate}: {Problem}";
}

/// <summary>
/// Walks a schema and reports every field that nobody decided about: "nothing is visible by
/// accident". A field passes when it, an interface declaring it, or the type it returns (the
/// rules <see cref="AuthorizationTransform"/> enforces on it) carries <c>@authenticated</c>, <c>@requiresScopes</c> or <c>@policy</c>. Introspection
/// and the federation plumbing (<c>_service</c>, <c>_entities</c>, <c>_Service.sdl</c>) are left
/// out. A field of an interface passes when every implementation's field does (they are what executes).
/// It also reports policy names no registered policy answers to.
/// </summary>
public static class AuthorizationSchemaWalker
{
    /// <summary>Fields the federation gateway itself calls; the subgraph's own authorisation does not apply to them.</summary>
    public static readonly IReadOnlySet<string> FederationCoordinates = new HashSet<string>(StringComparer.Ordinal)
    {
        "Query._service", "Query._entities", "_Service.sdl",
    };

    /// <summary>Every field of <paramref name="schema"/> without an explicit rule, and (when
    /// <paramref name="knownPolicies"/> is given) every rule naming an unknown policy.</summary>
    public static IReadOnlyList<AuthorizationFinding> FindProblems(Schema schema, IReadOnlyCollection<string>? knownPolicies = null)
    {
        var findings = new List<AuthorizationFinding>();
        foreach (var type in schema.Types)
        {
            if (type is not IComplexOutputType complex || type.Name.StartsWith("__", StringComparison.Ordinal)) continue;
            var typeRules = AuthorizationRules.OfType(type);
            foreach (var field in complex.Fields.Values)
            {
                var coordinate = SchemaCoordinate.Field(type.Name, field.Name);
                if (FederationCoordinates.Contains(coordinate)) continue;
                var fieldRules = AuthorizationRules.OfField(complex, field);
                var returnRules = AuthorizationRules.OfType(Schema.GetNamedType(field.Type));
                if (fieldRules.IsEmpty && returnRules.IsEmpty && !EveryImplementationRuled(schema, type, field.Name))
                    findings.Add(new(coordinate, "no @authenticated, @requiresScopes or @policy on the field or on the type it returns"));
                if (knownPolicies is not null)
                    foreach (var name in fieldRules.PolicyRequirements.SelectMany(r => r).SelectMany(a => a).Distinct())
                        if (!knownPolicies.Contains(name)) findings.Add(new(coordinate, $"names the policy \"{name}\", which no registered policy answers to"));
            }
            if (knownPolicies is not null)
                foreach (var name in typeRules.PolicyRequirements.SelectMany(r => r).SelectMany(a => a).Distinct())
                    if (!knownPolicies.Contains(name)) findings.Add(new(type.Name, $"names the policy \"{name}\", which no registered policy answers to"));
        }
        return findings;
    }

    // An interface's field never resolves itself: each implementation's field does, and is wrapped with its own
    // rules. (Federation 2.9 forbids the authorisation directives on interfaces and their fields, so there they
    // live on the implementations.) It passes when the interface has implementations and every one rules the field.
    private static bool EveryImplementationRuled(Schema schema, NamedType type, string fieldName)
    {
        if (type is not InterfaceType iface) return false;
        var implementations = schema.GetPossibleTypes(iface);
        return implementations.Count > 0 && implementations.All(o =>
            o.Fields.TryGetValue(fieldName, out var f)
            && (!AuthorizationRules.OfField(o, f).IsEmpty || !AuthorizationRules.OfType(Schema.GetNamedType(f.Type)).IsEmpty));
    }
}
