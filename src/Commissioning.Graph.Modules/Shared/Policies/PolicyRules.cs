using Commissioning.Graph.Modules.Directory;

namespace Commissioning.Graph.Modules.Shared.Policies;

/// <summary>
/// A policy's rule, written once over the caller, the entity's <see cref="GovernedShape"/> and the directory. Two
/// interpreters read the same definition: <see cref="RuleEvaluator"/> decides for an entity in memory (loaded, or a
/// reference by key), <see cref="RuleFilter"/> turns it into the SQL predicate of a restricted list.
/// </summary>
public abstract record Grant
{
    public static readonly Grant Owner = new OwnerGrant();
    public static readonly Grant Board = new BoardGrant();
    public static Grant Party(SubjectRole role, RelationshipKind kind) => new PartyGrant(role, kind);
    public static Grant Any(params Grant[] grants) => new AnyGrant(grants);
    public static Grant UnlessDraft(Grant grant) => new DraftGrant(false, grant);
    public static Grant OnlyDraft(Grant grant) => new DraftGrant(true, grant);
    public static Grant OnlyFor(string typeName, Grant grant) => new TypeGrant(typeName, grant);
    public static readonly Grant Published = new PublishedGrant();
}

/// <summary>The entity is published (its shape's <see cref="GovernedShape.Published"/>): any registered organisation reads it.</summary>
public sealed record PublishedGrant : Grant;

/// <summary>The caller is the entity's owner.</summary>
public sealed record OwnerGrant : Grant;

/// <summary>The caller is the NHS Commissioning Board.</summary>
public sealed record BoardGrant : Grant;

/// <summary>The caller is a party of a <paramref name="Kind"/> fact over the entity's subject of role <paramref name="Role"/>,
/// held in the financial year of the data.</summary>
public sealed record PartyGrant(SubjectRole Role, RelationshipKind Kind) : Grant;

/// <summary>The reverse of <see cref="PartyGrant"/>: the caller is the subject of a <paramref name="Kind"/> fact whose party is
/// the entity's subject of role <paramref name="Role"/>, held in the financial year of the data (a member practice of a consortium).</summary>
public sealed record SubjectOfGrant(SubjectRole Role, RelationshipKind Kind) : Grant;

/// <summary>The caller is the entity's subject of role <paramref name="Role"/> itself (the practice a quality premium share is paid to).</summary>
public sealed record SubjectGrant(SubjectRole Role) : Grant;

public sealed record AnyGrant(IReadOnlyList<Grant> Grants) : Grant;

/// <summary><paramref name="Grant"/> holds only for entities that are (<paramref name="Draft"/>) or are not drafts.</summary>
public sealed record DraftGrant(bool Draft, Grant Grant) : Grant;

/// <summary><paramref name="Grant"/> holds only for entities of type <paramref name="TypeName"/>.</summary>
public sealed record TypeGrant(string TypeName, Grant Grant) : Grant;

/// <summary>DOMAIN.md "Who may see what": every named policy's rule.</summary>
public static class PolicyRules
{
    public const string DefaultNhsCommissioningBoardCode = "X24";

    /// <summary>The NHS Commissioning Board's code: the one setting <c>Organisations:NhsCommissioningBoard</c>
    /// (<see cref="OrganisationOptions"/>, default <c>X24</c>), applied once at start by every verb of the host
    /// (<see cref="Use(OrganisationOptions)"/>). The policies, the disclosure register and the demonstration data read it here.</summary>
    public static string NhsCommissioningBoardCode { get; private set; } = DefaultNhsCommissioningBoardCode;

    /// <summary>Applies the configured organisation codes (a blank code keeps the default).</summary>
    public static void Use(OrganisationOptions options) =>
        NhsCommissioningBoardCode = string.IsNullOrWhiteSpace(options.NhsCommissioningBoard)
            ? DefaultNhsCommissioningBoardCode : options.NhsCommissioningBoard.Trim().ToUpperInvariant();

    public static bool IsNhsCommissioningBoard(string? organisation) => string.Equals(organisation, NhsCommissioningBoardCode, StringComparison.Ordinal);

    private static readonly Grant HwbLocalAuthority = Grant.Party(SubjectRole.Hwb, RelationshipKind.HwbLocalAuthority);

    public static readonly IReadOnlyDictionary<string, Grant> ByName = new Dictionary<string, Grant>(StringComparer.Ordinal)
    {
        ["self"] = Grant.Owner,
        // A draft JSNA contribution is for its author and the HWB's local authority only.
        ["nhscb"] = Grant.UnlessDraft(Grant.Board),
        ["memberConsortium"] = Grant.Party(SubjectRole.Practice, RelationshipKind.PracticeConsortium),
        // A GP practice that is a member of the consortium (in the year of the data): it reads its own quality premium share.
        ["memberPractice"] = new SubjectOfGrant(SubjectRole.Consortium, RelationshipKind.PracticeConsortium),
        // The GP practice a payment is made to (its share of its consortium's quality premium).
        ["payee"] = new SubjectGrant(SubjectRole.Practice),
        ["hwbPartner"] = Grant.UnlessDraft(Grant.Any(HwbLocalAuthority, Grant.Party(SubjectRole.Hwb, RelationshipKind.HwbMemberConsortium))),
        ["jsnaAuthor"] = Grant.OnlyFor("JsnaContribution", Grant.Any(Grant.Owner, Grant.OnlyDraft(HwbLocalAuthority))),
        ["hwbLocalAuthority"] = HwbLocalAuthority,
        ["poolPartner"] = Grant.Party(SubjectRole.Pool, RelationshipKind.PoolPartner),
        ["poolHost"] = Grant.Party(SubjectRole.Pool, RelationshipKind.PoolHost),
        // A contract's arrangement parties: the parties of every arrangement that covers it (a subject reached through the directory).
        ["arrangementParty"] = Grant.Any(
            Grant.Party(SubjectRole.Arrangement, RelationshipKind.ArrangementLead),
            Grant.Party(SubjectRole.Arrangement, RelationshipKind.ArrangementAssociate),
            new PartyViaGrant(SubjectRole.Contract, RelationshipKind.ContractArrangement, RelationshipKind.ArrangementLead),
            new PartyViaGrant(SubjectRole.Contract, RelationshipKind.ContractArrangement, RelationshipKind.ArrangementAssociate)),
        // Writes for an arrangement's lead only (issuing statements): the lead of the arrangement the input names.
        ["arrangementLead"] = Grant.Party(SubjectRole.Arrangement, RelationshipKind.ArrangementLead),
        ["contractParty"] = Grant.Any(
            Grant.Party(SubjectRole.Contract, RelationshipKind.ContractCommissioner),
            Grant.Party(SubjectRole.Contract, RelationshipKind.ContractProvider)),
        // Writes for a contract's provider only (submitting its activity by responsible commissioner): the provider of the
        // contract the input names. A provider is a contract party, never an arrangement party.
        ["contractProvider"] = Grant.Party(SubjectRole.Contract, RelationshipKind.ContractProvider),
        // A commissioning support organisation acting for the consortium whose data it is, under an arrangement held in the
        // financial year of the data (the directory's SupportSupplier fact, written with the arrangement). Read and draft only:
        // submitting, accepting and signing name other policies.
        ["supportFor"] = Grant.Party(SubjectRole.Consortium, RelationshipKind.SupportSupplier),
        // Published strategies and commissioning plans (and the HWBs' responses a published plan carries) are public.
        ["published"] = Grant.Published,
    };

    /// <summary>Policies that grant published data: reading what they allow needs no purpose and is no disclosure.</summary>
    public static readonly IReadOnlySet<string> Public = new HashSet<string>(StringComparer.Ordinal) { "published" };

    /// <summary>Policies under which the caller acts for the data's owner (its principal), as an agent: a disclosure they allow
    /// names the owner as the caller's principal (DOMAIN.md "Commissioning support").</summary>
    public static readonly IReadOnlySet<string> ActsForOwner = new HashSet<string>(StringComparer.Ordinal) { "supportFor" };

    /// <summary>The rule of any of several policies (a field's <c>@policy</c> alternatives, each a single name).</summary>
    public static Grant AnyOf(params string[] policies) => Grant.Any(policies.Select(p => ByName[p]).ToArray());
}

/// <summary>The caller is a party of a <paramref name="Kind"/> fact over whatever the entity's <paramref name="Role"/>
/// subject is linked to by <paramref name="Link"/> facts (a contract's arrangements).</summary>
public sealed record PartyViaGrant(SubjectRole Role, RelationshipKind Link, RelationshipKind Kind) : Grant;
