namespace Commissioning.Graph.Modules.Shared.Policies;

/// <summary>Configuration section <c>Organisations</c>: the organisation codes the policies name.</summary>
public sealed class OrganisationOptions
{
    public const string SectionName = "Organisations";

    /// <summary>The NHS Commissioning Board's code (<c>Organisations:NhsCommissioningBoard</c>): it reads what the
    /// <c>nhscb</c> policy allows and every disclosure, and the demonstration data seeds the board under it.</summary>
    public string NhsCommissioningBoard { get; set; } = PolicyRules.DefaultNhsCommissioningBoardCode;
}
