namespace Commissioning.Graph.Engine.Authorization;

/// <summary>
/// The errors of the authorisation layer and the purpose decision, written once: the transform's field wrappers use them
/// for a field being read, and callers that decide before reading (a list's filter and sort terms) use them for the
/// fields a term names. Every refusal carries <c>extensions.code</c>, <c>extensions.reason</c> (<see cref="DenialReasons"/>)
/// and <c>extensions.coordinate</c>; <paramref name="action"/> is what was refused ("read", "perform", "filter by", "sort by").
/// </summary>
public static class AuthorizationRefusal
{
    /// <summary>The refusal of <paramref name="rules"/> on <paramref name="coordinate"/>: no authentication; a scope
    /// missing (with the sets of scopes that would do); or no policy alternative holding (with those tried).</summary>
    public static GraphQLException Denied(AuthorizationOutcome outcome, AuthorizationSubject subject, AuthorizationRules rules, string coordinate,
        string action, IReadOnlyDictionary<string, object?>? context = null)
    {
        if (outcome == AuthorizationOutcome.Unauthenticated)
            return Refusal($"Authentication is required to {action} {coordinate}.", coordinate, ErrorCodes.Unauthenticated, DenialReasons.NotAuthenticated, null, null, context);
        foreach (var requirement in rules.ScopeRequirements)
            if (!requirement.Any(alternative => alternative.All(subject.HasScope)))
                return Refusal($"Not authorised to {action} {coordinate}: the token lacks the scope {string.Join(" or ", requirement.Select(a => string.Join(" and ", a)))}.",
                    coordinate, ErrorCodes.Forbidden, DenialReasons.MissingScope, "scopes", requirement, context);
        return Refusal($"Not authorised to {action} {coordinate}.", coordinate, ErrorCodes.Forbidden, DenialReasons.Policy, "policies",
            rules.PolicyRequirements.SelectMany(r => r).ToArray(), context);
    }

    /// <summary>The refusal of a small-number-suppressed field (<c>@suppressSmallNumbers</c>) to anyone but its author.</summary>
    public static GraphQLException SmallNumbers(string coordinate, string action, IReadOnlyDictionary<string, object?>? context = null) =>
        Refusal($"Not authorised to {action} {coordinate}: its counts are disclosed exactly only to their author.", coordinate, ErrorCodes.Forbidden,
            DenialReasons.SmallNumbers, null, null, context);

    /// <summary>
    /// Purpose limitation for restricted data of another organisation: null when the stated purpose covers the coordinate
    /// (<paramref name="covering"/>; null: any stated purpose), or is a universal purpose whose rules the caller satisfies
    /// (<paramref name="satisfies"/>); else the refusal, listing the purposes that would be accepted.
    /// </summary>
    public static async ValueTask<GraphQLException?> PurposeAsync(PurposeLimitation limitation, AuthorizationSubject subject, string coordinate,
        IReadOnlyList<string>? covering, Func<AuthorizationRules, ValueTask<bool>> satisfies, string action, IReadOnlyDictionary<string, object?>? context = null)
    {
        var purpose = subject.Purpose;
        if (purpose is not null)
        {
            if (covering is null || covering.Contains(purpose)) return null;
            if (limitation.Universal.TryGetValue(purpose, out var universal) && await satisfies(universal).ConfigureAwait(false)) return null;
        }
        // What would be accepted: the purposes covering the coordinate, and the universal ones this caller may state.
        var accepted = new List<string>(covering ?? Array.Empty<string>());
        foreach (var (name, rules) in limitation.Universal)
            if (!accepted.Contains(name) && await satisfies(rules).ConfigureAwait(false))
                accepted.Add(name);
        if (purpose is null)
            return Refusal($"A purpose of use is required to {action} {coordinate}{(limitation.HowToState is { } how ? ": " + how : "")}.", coordinate, ErrorCodes.Forbidden,
                DenialReasons.PurposeRequired, "purposes", accepted, context);
        return Refusal($"The purpose {purpose} does not permit {Gerund(action)} {coordinate}; it may be {Participle(action)} for {string.Join(", ", accepted)}.", coordinate,
            ErrorCodes.Forbidden, DenialReasons.PurposeNotPermitted, "purposes", accepted, context);
    }

    // "read" → "reading", "filter by" → "filtering by"; "read" → "read", "filter by" → "filtered by".
    private static string Gerund(string action) => Inflect(action, "ing");
    private static string Participle(string action) => action == "read" ? "read" : Inflect(action, "ed");

    private static string Inflect(string action, string ending)
    {
        var space = action.IndexOf(' ');
        var verb = space < 0 ? action : action[..space];
        var rest = space < 0 ? "" : action[space..];
        if (ending == "ing" && verb.EndsWith('e') && verb != "be") verb = verb[..^1];
        return verb + ending + rest;
    }

    private static GraphQLException Refusal(string message, string coordinate, string code, string reason, string? detailName, object? detail,
        IReadOnlyDictionary<string, object?>? context)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code, ["reason"] = reason, ["coordinate"] = coordinate };
        if (context is not null) foreach (var (key, value) in context) extensions[key] = value;
        if (detailName is not null) extensions[detailName] = detail;
        return new GraphQLException(new GraphQLError(message) { Extensions = extensions });
    }
}
