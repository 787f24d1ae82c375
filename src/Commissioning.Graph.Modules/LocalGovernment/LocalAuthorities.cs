using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.LocalGovernment;

public enum LocalAuthorityType
{
    County,
    Unitary,
    MetropolitanDistrict,
    LondonBorough,
}

/// <summary>A council with public-health and social-care functions (ONS code).</summary>
public sealed class LocalAuthority
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public LocalAuthorityType Type { get; set; }
    public string? DirectorOfPublicHealth { get; set; }

    public HealthAndWellbeingBoard? HealthAndWellbeingBoard { get; set; }
}

/// <summary>
/// A local authority's Health and Wellbeing Board: it leads the JSNA and the joint health and
/// wellbeing strategy.
/// </summary>
public sealed class HealthAndWellbeingBoard
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string LocalAuthorityCode { get; set; }
    public string? Chair { get; set; }

    public LocalAuthority? LocalAuthority { get; set; }
    public List<HwbMember> Members { get; } = [];
}

public enum HwbMemberRole
{
    Consortium,
    DirectorOfPublicHealth,
    DirectorOfAdultSocialServices,
    DirectorOfChildrensServices,
    LocalHealthWatch,
    Councillor,
    NhsCommissioningBoard,
}

/// <summary>
/// A seat on the board. Consortium seats name the consortium by code (the Commissioning module
/// keeps the consortium's side of the membership, with its own dates).
/// </summary>
public sealed class HwbMember
{
    public int Id { get; set; }
    public required string HwbCode { get; set; }
    public HwbMemberRole Role { get; set; }
    public required string Name { get; set; }
    public string? OrganisationCode { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
}
