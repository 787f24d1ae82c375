using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.Commissioning;

/// <summary>The kinds of organisation this module registers (others are registered by their own modules).</summary>
public enum OrganisationKind
{
    Consortium,
    GpPractice,
    Provider,
}

/// <summary>
/// The commissioning module's organisation registry: one row per code (ODS code), with the
/// kind-specific data in a table per kind (table-per-type).
/// </summary>
public abstract class Organisation
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public OrganisationKind Kind { get; protected set; }
}

public enum ConsortiumAuthorisationStatus
{
    Shadow,
    AuthorisedWithConditions,
    Authorised,
    UnderDirection,
    Dissolved,
}

/// <summary>A consortium's constitution: the officers and arrangements the Bill requires it to publish.</summary>
public sealed class Constitution
{
    public string? AccountableOfficer { get; set; }
    public string? ChiefFinanceOfficer { get; set; }
    public string? CaldicottGuardian { get; set; }
    public string? SeniorInformationRiskOwner { get; set; }
    public string? DecisionMaking { get; set; }
    public string? ConflictsOfInterestPolicy { get; set; }
}

/// <summary>A statutory GP commissioning consortium.</summary>
public sealed class Consortium : Organisation, IVersioned
{
    public Consortium() => Kind = OrganisationKind.Consortium;

    public string? Area { get; set; }
    public Constitution Constitution { get; set; } = new();
    public ConsortiumAuthorisationStatus AuthorisationStatus { get; set; } = ConsortiumAuthorisationStatus.Shadow;
    public DateOnly? EstablishedOn { get; set; }
    public int RegisteredPopulation { get; set; }
    /// <summary>People in the area not registered with any practice, for whom the consortium is also responsible.</summary>
    public int UnregisteredPopulation { get; set; }
    public int RowVersion { get; set; }

    public List<ConsortiumMembership> Memberships { get; } = [];
}

/// <summary>A holder of a primary medical contract.</summary>
public sealed class GpPractice : Organisation, IVersioned
{
    public GpPractice() => Kind = OrganisationKind.GpPractice;

    public string? Postcode { get; set; }
    public int ListSize { get; set; }
    /// <summary>Year-to-date prescribing spend; restricted to the member consortium and the NHS CB.</summary>
    public decimal PrescribingSpend { get; set; }
    public int RowVersion { get; set; }

    public List<ConsortiumMembership> Memberships { get; } = [];
}

public enum ProviderType
{
    NhsTrust,
    NhsFoundationTrust,
    IndependentSector,
}

/// <summary>An NHS trust, foundation trust or independent provider.</summary>
public sealed class Provider : Organisation
{
    public Provider() => Kind = OrganisationKind.Provider;

    public ProviderType ProviderType { get; set; }
}

/// <summary>
/// A practice's membership of a consortium over a period. Consortia expand, contract, merge and
/// dissolve, so a membership is ended (<see cref="To"/>) rather than deleted, and history is kept.
/// </summary>
public sealed class ConsortiumMembership
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string PracticeCode { get; set; }
    public DateOnly From { get; set; }
    /// <summary>The last day of membership; null while current.</summary>
    public DateOnly? To { get; set; }
    public string? Reason { get; set; }

    public Consortium? Consortium { get; set; }
    public GpPractice? Practice { get; set; }

    public bool IsCurrentOn(DateOnly day) => From <= day && (To is null || To >= day);
}
