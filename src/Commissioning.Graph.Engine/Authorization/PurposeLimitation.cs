namespace Commissioning.Graph.Engine.Authorization;

/// <summary>
/// Purpose limitation (the Caldicott principle of a justified purpose): restricted data may cross an
/// organisation boundary only for a purpose that covers it. The table is domain data handed to the
/// engine: <see cref="Covers"/> maps a schema coordinate (<c>Type.field</c>) or a type name (all of its
/// fields, and every field returning it) to the purposes that cover it; <see cref="Universal"/> names
/// purposes that cover everything for callers satisfying a policy rule (an audit by the regulator).
/// Reading one's own data needs no purpose and is not a disclosure: the check is made only when the
/// data's owner is not the caller.
/// </summary>
public sealed class PurposeLimitation
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _covers;

    public PurposeLimitation(IReadOnlyDictionary<string, IReadOnlyList<string>> covers,
        IReadOnlyDictionary<string, AuthorizationRules>? universal = null, string? howToState = null)
    {
        _covers = covers;
        Universal = universal ?? new Dictionary<string, AuthorizationRules>();
        HowToState = howToState;
    }

    /// <summary>The table: coordinate or type name → purposes covering it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Covers => _covers;

    /// <summary>Purposes that cover every coordinate, each for callers satisfying its rules on the data.</summary>
    public IReadOnlyDictionary<string, AuthorizationRules> Universal { get; }

    /// <summary>How a client states a purpose (appended to a <c>PURPOSE_REQUIRED</c> message), e.g. the header to send.</summary>
    public string? HowToState { get; }

    /// <summary>The purposes covering field <paramref name="field"/> of <paramref name="parentType"/> returning
    /// <paramref name="returnType"/>: the coordinate's own entry, else its type's, else the returned type's; null
    /// when the table says nothing (then any stated purpose will do).</summary>
    public IReadOnlyList<string>? PurposesFor(string parentType, string field, string returnType) =>
        _covers.TryGetValue(parentType + "." + field, out var p) ? p
        : _covers.TryGetValue(parentType, out p) ? p
        : _covers.TryGetValue(returnType, out p) ? p
        : null;
}

/// <summary>Why a request was refused: the value of <c>extensions.reason</c> on a <c>FORBIDDEN</c> or <c>UNAUTHENTICATED</c> error.</summary>
public static class DenialReasons
{
    public const string NotAuthenticated = "NOT_AUTHENTICATED";
    /// <summary>The token lacks a scope; <c>extensions.scopes</c> lists the sets of scopes that would do.</summary>
    public const string MissingScope = "MISSING_SCOPE";
    /// <summary>No policy alternative holds; <c>extensions.policies</c> lists the alternatives tried.</summary>
    public const string Policy = "POLICY";
    /// <summary>Another organisation's data was asked for without a purpose of use.</summary>
    public const string PurposeRequired = "PURPOSE_REQUIRED";
    /// <summary>The stated purpose does not cover the data; <c>extensions.purposes</c> lists those that would.</summary>
    public const string PurposeNotPermitted = "PURPOSE_NOT_PERMITTED";
    /// <summary>A small-number-suppressed field (<c>@suppressSmallNumbers</c>) filtered or sorted on by anyone but the author of every row.</summary>
    public const string SmallNumbers = "SMALL_NUMBERS";
}
