using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.NhsCb;

/// <summary>Where the NHS CB's authorisation decision leaves a consortium (the GraphQL <c>ConsortiumAuthorisationStatus</c>).</summary>
public enum AuthorisationStatus
{
    Shadow,
    AuthorisedWithConditions,
    Authorised,
    UnderDirection,
    Dissolved,
}

/// <summary>
/// The NHS CB's decision on a consortium's authorisation: one per consortium, revised in place (at the version the
/// client read) as conditions are set or lifted. Public to any registered organisation, as authorisation is.
/// </summary>
public sealed class AuthorisationDecision : IVersioned
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public DateOnly DecidedOn { get; set; }
    public AuthorisationStatus Status { get; set; }
    /// <summary>The functions the NHS CB keeps until the consortium is fully authorised, one a line, in the order given.</summary>
    public string FunctionsRetained { get; set; } = "";
    public IReadOnlyList<string> FunctionsRetainedByNhsCb => FunctionsRetained.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public DateTime RecordedAt { get; set; }
    public int RowVersion { get; set; }
    public List<AuthorisationCondition> Conditions { get; set; } = [];
}

/// <summary>A condition attached to an authorisation: on which function, what it requires, and when the NHS CB lifted it.</summary>
public sealed class AuthorisationCondition
{
    public int Id { get; set; }
    public int DecisionId { get; set; }
    /// <summary>Its order within the decision (conditions are listed as the NHS CB gave them).</summary>
    public int Position { get; set; }
    public required string Function { get; set; }
    public required string Description { get; set; }
    public DateOnly? LiftedOn { get; set; }
}

/// <summary>The statutory ground of an intervention (the Bill: a consortium failing, or at significant risk of failing, to discharge its functions).</summary>
public enum InterventionGround
{
    Failing,
    SignificantRiskOfFailing,
}

/// <summary>The NHS CB's request to a consortium for information (its power to require information for assurance), and the answer.</summary>
public sealed class InformationRequest : IVersioned
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Question { get; set; }
    public DateOnly RequestedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public string? Response { get; set; }
    public DateOnly? RespondedOn { get; set; }
    public int RowVersion { get; set; }
}
