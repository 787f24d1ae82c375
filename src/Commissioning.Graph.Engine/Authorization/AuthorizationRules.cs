using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Authorization;

/// <summary>The names of the authorisation directives, as Apollo Federation 2.6 spells them.</summary>
public static class AuthorizationDirectives
{
    public const string Authenticated = "authenticated";
    public const string RequiresScopes = "requiresScopes";
    public const string Policy = "policy";
    /// <summary>Ours: integer counts 1–7 are suppressed and others rounded to 5 for anyone but the author.</summary>
    public const string SuppressSmallNumbers = "suppressSmallNumbers";

    /// <summary>SDL declaring the directives, for schemas (and tests) that do not import them from the federation prelude.</summary>
    public const string Definitions = """
        directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
        directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
        directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
        directive @suppressSmallNumbers on FIELD_DEFINITION
        """;

    /// <summary>True for a directive named <paramref name="wanted"/>, also when federation renamed it (<c>federation__policy</c>).</summary>
    public static bool Is(DirectiveNode node, string wanted) =>
        node.Name.Value == wanted || node.Name.Value == "federation__" + wanted;

    /// <summary>True when <paramref name="field"/> carries <c>@suppressSmallNumbers</c>.</summary>
    public static bool SuppressesSmallNumbers(FieldDefinition field) => field.AppliedDirectives.Any(d => Is(d, SuppressSmallNumbers));
}

/// <summary>
/// The authorisation requirements of one schema element (a field, or a type): every applied
/// directive is a requirement, and all must hold. <c>@requiresScopes</c> and <c>@policy</c> are
/// any-of-all-of: satisfied when every entry of at least one inner list is satisfied.
/// </summary>
public sealed class AuthorizationRules
{
    public static readonly AuthorizationRules None = new(false, Array.Empty<IReadOnlyList<IReadOnlyList<string>>>(), Array.Empty<IReadOnlyList<IReadOnlyList<string>>>());

    public AuthorizationRules(bool requiresAuthentication, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> scopeRequirements,
        IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> policyRequirements)
    {
        RequiresAuthentication = requiresAuthentication;
        ScopeRequirements = scopeRequirements;
        PolicyRequirements = policyRequirements;
    }

    /// <summary><c>@authenticated</c> (implied by any other rule: an anonymous caller satisfies none).</summary>
    public bool RequiresAuthentication { get; }
    /// <summary>One entry per <c>@requiresScopes</c>: its alternatives, each a set of scopes all required.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> ScopeRequirements { get; }
    /// <summary>One entry per <c>@policy</c>: its alternatives, each a set of policy names all required.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> PolicyRequirements { get; }

    public bool IsEmpty => !RequiresAuthentication && ScopeRequirements.Count == 0 && PolicyRequirements.Count == 0;
    /// <summary>True when the element is restricted data (it carries <c>@policy</c>): its disclosure is recorded.</summary>
    public bool HasPolicies => PolicyRequirements.Count > 0;

    /// <summary>The rules expressed by <paramref name="directives"/>; other directives are ignored.</summary>
    public static AuthorizationRules From(IEnumerable<DirectiveNode> directives)
    {
        var authenticated = false;
        List<IReadOnlyList<IReadOnlyList<string>>>? scopes = null, policies = null;
        foreach (var d in directives)
        {
            if (AuthorizationDirectives.Is(d, AuthorizationDirectives.Authenticated)) authenticated = true;
            else if (AuthorizationDirectives.Is(d, AuthorizationDirectives.RequiresScopes)) (scopes ??= new()).Add(ReadNestedList(d, "scopes"));
            else if (AuthorizationDirectives.Is(d, AuthorizationDirectives.Policy)) (policies ??= new()).Add(ReadNestedList(d, "policies"));
        }
        if (!authenticated && scopes is null && policies is null) return None;
        return new AuthorizationRules(authenticated,
            (IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>>?)scopes ?? Array.Empty<IReadOnlyList<IReadOnlyList<string>>>(),
            (IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>>?)policies ?? Array.Empty<IReadOnlyList<IReadOnlyList<string>>>());
    }

    /// <summary>Both sets of requirements: all of each must hold.</summary>
    public AuthorizationRules And(AuthorizationRules other)
    {
        if (other.IsEmpty) return this;
        if (IsEmpty) return other;
        return new AuthorizationRules(RequiresAuthentication || other.RequiresAuthentication,
            ScopeRequirements.Concat(other.ScopeRequirements).ToArray(), PolicyRequirements.Concat(other.PolicyRequirements).ToArray());
    }

    /// <summary>True when any directive in <paramref name="directives"/> is an authorisation rule.</summary>
    public static bool AnyIn(IEnumerable<DirectiveNode> directives) => !From(directives).IsEmpty;

    /// <summary>The rules of a field as declared: on the field itself and on the same field of every interface its type implements.</summary>
    public static AuthorizationRules OfField(IComplexOutputType parent, FieldDefinition field)
    {
        var rules = From(field.AppliedDirectives);
        foreach (var iface in parent.Interfaces)
            if (iface.Fields.TryGetValue(field.Name, out var inherited))
                rules = rules.And(From(inherited.AppliedDirectives));
        return rules;
    }

    /// <summary>The rules of a named type (object, interface, scalar, enum): they apply to every field returning it.</summary>
    public static AuthorizationRules OfType(NamedType type) => From(type.AppliedDirectives);

    // [["a", "b"], ["c"]]; a single list or a single string is read as one alternative, as graphql-js would coerce it.
    private static IReadOnlyList<IReadOnlyList<string>> ReadNestedList(DirectiveNode directive, string argument)
    {
        var arg = directive.Arguments.FirstOrDefault(a => a.Name.Value == argument)
            ?? throw new InvalidOperationException($"@{directive.Name.Value} needs its \"{argument}\" argument.");
        return arg.Value switch
        {
            ListValueNode outer => outer.Values.Select(v => v is ListValueNode inner ? (IReadOnlyList<string>)inner.Values.Select(ReadString).ToArray() : new[] { ReadString(v) }).ToArray(),
            var single => new IReadOnlyList<string>[] { new[] { ReadString(single) } },
        };
    }

    private static string ReadString(ValueNode value) => value switch
    {
        StringValueNode s => s.Value,
        EnumValueNode e => e.Value,
        _ => throw new InvalidOperationException("Authorisation directives take strings (scope and policy names)."),
    };
}
