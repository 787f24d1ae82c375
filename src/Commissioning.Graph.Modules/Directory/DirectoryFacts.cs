using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.Directory;

/// <summary>An organisation as the directory knows it: code (ODS or ONS), name and kind (the GraphQL
/// <c>OrganisationKind</c> name, e.g. <c>CONSORTIUM</c>) and the object type that represents it.</summary>
public sealed class DirectoryOrganisation
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    /// <summary>The GraphQL object type (<c>Consortium</c>, <c>LocalAuthority</c>, …), owned by the module that registered it.</summary>
    public required string TypeName { get; set; }
}

/// <summary>
/// The relationships policies read (DOMAIN.md "Who may see what"). A fact says that its party holds the
/// relationship over its subject: the consortium (party) of a practice (subject), the local authority of
/// an HWB, a partner of a pool …
/// </summary>
public enum RelationshipKind
{
    /// <summary>Subject: a GP practice; party: the consortium it is a member of (<c>memberConsortium</c>).</summary>
    PracticeConsortium,
    /// <summary>Subject: an HWB; party: a consortium that is a member of it (<c>hwbPartner</c>).</summary>
    HwbMemberConsortium,
    /// <summary>Subject: an HWB; party: its local authority (<c>hwbPartner</c>, <c>hwbLocalAuthority</c>).</summary>
    HwbLocalAuthority,
    /// <summary>Subject: a pooled budget; party: a partner (<c>poolPartner</c>).</summary>
    PoolPartner,
    /// <summary>Subject: a pooled budget; party: its host (<c>poolHost</c>).</summary>
    PoolHost,
    /// <summary>Subject: a lead-commissioning arrangement; party: its lead (<c>arrangementParty</c>).</summary>
    ArrangementLead,
    /// <summary>Subject: a lead-commissioning arrangement; party: an associate (<c>arrangementParty</c>).</summary>
    ArrangementAssociate,
    /// <summary>Subject: a contract; party: an arrangement that covers it (its parties are <c>arrangementParty</c> of the contract).</summary>
    ContractArrangement,
    /// <summary>Subject: a contract; party: its commissioner (<c>contractParty</c>).</summary>
    ContractCommissioner,
    /// <summary>Subject: a contract; party: its provider (<c>contractParty</c>).</summary>
    ContractProvider,
    /// <summary>Subject: a consortium; party: a commissioning support organisation acting for it (<c>supportFor</c>).</summary>
    SupportSupplier,
    /// <summary>Subject: a JSNA (<see cref="DirectoryKeys.Jsna"/>); party: the HWB whose JSNA it is.</summary>
    JsnaBoard,
    /// <summary>Subject: a priority of a published joint health and wellbeing strategy (its code); party: the HWB whose strategy
    /// it is, held in the strategy's financial year (what a commissioning plan may address).</summary>
    StrategyPriorityBoard,
}

/// <summary>
/// One relationship with its dates. <see cref="FromYear"/>/<see cref="ToYear"/> are the financial years of
/// <see cref="From"/>/<see cref="To"/> (<c>2012-13</c>): policies judge a relationship at the financial year of
/// the data, and compare these strings in memory and in SQL alike.
/// </summary>
public sealed class Relationship
{
    public long Id { get; set; }
    public RelationshipKind Kind { get; set; }
    public required string SubjectCode { get; set; }
    public required string PartyCode { get; set; }
    public DateOnly? From { get; set; }
    /// <summary>The last day; null while current.</summary>
    public DateOnly? To { get; set; }
    public string? FromYear { get; set; }
    public string? ToYear { get; set; }

    /// <summary>Whether the relationship held in financial year <paramref name="year"/>.</summary>
    public bool HeldIn(string year) =>
        (FromYear is null || string.CompareOrdinal(FromYear, year) <= 0) && (ToYear is null || string.CompareOrdinal(ToYear, year) >= 0);

    public static Relationship Of(RelationshipKind kind, string subject, string party, DateOnly? from = null, DateOnly? to = null) => new()
    {
        Kind = kind, SubjectCode = subject, PartyCode = party, From = from, To = to,
        FromYear = from is { } f ? DirectoryKeys.YearOf(f) : null,
        ToYear = to is { } t ? DirectoryKeys.YearOf(t) : null,
    };

    /// <summary>What makes two facts the same fact (writing one twice changes nothing).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public (RelationshipKind, string, string, DateOnly?) Identity => (Kind, SubjectCode, PartyCode, From);
}

/// <summary>An NHS CB allocation's limits, published by the nhs-cb module for the statutory financial duties that
/// other subgraphs judge (a return's <c>duties</c>).</summary>
public sealed class AllocationLimit
{
    public required string ConsortiumCode { get; set; }
    public required string Year { get; set; }
    public decimal ProgrammeBudget { get; set; }
    public decimal RunningCostsAllowance { get; set; }
    public decimal RevenueResourceLimit { get; set; }
    public decimal CapitalResourceLimit { get; set; }
}

/// <summary>An outbox message the directory has applied (by its id): a message delivered again is not applied again.</summary>
public sealed class DirectoryInboxMessage
{
    public Guid MessageId { get; set; }
    public DateTime AppliedAt { get; set; }
}

/// <summary>Subject codes of things that have no organisation code, and the financial year of a date.</summary>
public static class DirectoryKeys
{
    public static string Jsna(int id) => $"jsna:{id}";

    /// <summary>The first and last day of a financial year (<c>2013-14</c>: 2013-04-01 to 2014-03-31).</summary>
    public static (DateOnly From, DateOnly To) DaysOf(string year)
    {
        var start = int.Parse(year[..4], System.Globalization.CultureInfo.InvariantCulture);
        return (new DateOnly(start, 4, 1), new DateOnly(start + 1, 3, 31));
    }

    /// <summary>The financial year (<c>2013-14</c>) a day falls in.</summary>
    public static string YearOf(DateOnly day) => FinancialYear.Of(day.Month >= 4 ? day.Year : day.Year - 1);
}

/// <summary>
/// An entity keyed by its global id (<c>FinancialReturn</c>, <c>JsnaContribution</c>) as the directory knows it, so that
/// the subgraph serving <c>node(id:)</c> judges it by the same rules as its owner does, without its owner's tables: what
/// its <see cref="Shared.Policies.GovernedShape"/> reads — its owner, the financial year of its data, whether it is a draft,
/// and its subjects by role (<c>Consortium=01A;Jsna=jsna:3</c>). Published by the owning module whenever one is created
/// or one of these values changes.
/// </summary>
public sealed class DirectoryEntity
{
    /// <summary>The global id (the entity's federation key).</summary>
    public required string Id { get; set; }
    public required string TypeName { get; set; }
    public string? OwnerCode { get; set; }
    public string? Year { get; set; }
    public bool Draft { get; set; }
    /// <summary>The entity's subjects that its own columns hold, as <c>Role=code</c> pairs separated by <c>;</c>.</summary>
    public string Subjects { get; set; } = "";

    /// <summary>The subject of <paramref name="role"/> (a <see cref="Shared.Policies.SubjectRole"/> name), or null.</summary>
    public string? SubjectOf(string role)
    {
        foreach (var pair in Subjects.Split(';', StringSplitOptions.RemoveEmptyEntries))
            if (pair.Length > role.Length && pair[role.Length] == '=' && pair.StartsWith(role, StringComparison.Ordinal)) return pair[(role.Length + 1)..];
        return null;
    }

    /// <summary>Used by the engine's type resolution of <c>Node</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string __typename => TypeName;
}

/// <summary>What one module publishes to the directory: its organisations, relationships, allocation limits, the
/// global-id-keyed entities whose visibility another subgraph must judge (<see cref="DirectoryEntity"/>) and commissioning
/// support arrangements (<see cref="CommissioningSupportArrangement"/>, each also its <see cref="RelationshipKind.SupportSupplier"/> fact).</summary>
public sealed record DirectoryFacts(
    IReadOnlyList<DirectoryOrganisation> Organisations,
    IReadOnlyList<Relationship> Relationships,
    IReadOnlyList<AllocationLimit> Allocations,
    IReadOnlyList<DirectoryEntity>? Entities = null,
    IReadOnlyList<CommissioningSupportArrangement>? SupportArrangements = null)
{
    public static readonly DirectoryFacts None = new([], [], []);

    public bool IsEmpty => Organisations.Count == 0 && Relationships.Count == 0 && Allocations.Count == 0 && (Entities?.Count ?? 0) == 0
        && (SupportArrangements?.Count ?? 0) == 0;

    private static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The facts as an outbox message's body (JSON).</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    public static DirectoryFacts FromJson(string json) => System.Text.Json.JsonSerializer.Deserialize<DirectoryFacts>(json, Json)
        ?? throw new InvalidOperationException("An outbox message holds no directory facts.");
}

/// <summary>What a commissioning support organisation does for a consortium under an arrangement (descriptive: the
/// <c>supportFor</c> policy grants reading and drafting the consortium's returns and JSNA contributions whatever they are).</summary>
public enum CommissioningSupportFunction
{
    FinancialReporting,
    BusinessIntelligence,
    ContractManagement,
    JsnaAnalysis,
}

/// <summary>
/// A commissioning support arrangement (DOMAIN.md "Commissioning support"): <see cref="SupplierCode"/> acts for
/// <see cref="ConsortiumCode"/> from <see cref="From"/> to <see cref="To"/> (the last day; null while current). A relationship
/// fact, so it lives in the directory: writing one also writes its <see cref="RelationshipKind.SupportSupplier"/> fact with the
/// same dates, which the <c>supportFor</c> policy reads in the financial year of the data.
/// </summary>
public sealed class CommissioningSupportArrangement
{
    public required string ConsortiumCode { get; set; }
    public required string SupplierCode { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    /// <summary>What the supplier does for the consortium, in declaration order.</summary>
    public List<CommissioningSupportFunction> Functions { get; set; } = [];

    /// <summary>The arrangement's relationship fact (what the policies read).</summary>
    public Relationship Fact() => Relationship.Of(RelationshipKind.SupportSupplier, ConsortiumCode, SupplierCode, From, To);

    /// <summary>Whether the arrangement covers <paramref name="day"/>.</summary>
    public bool Covers(DateOnly day) => From <= day && (To is null || To >= day);
}
