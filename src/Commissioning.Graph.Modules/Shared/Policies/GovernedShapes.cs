using System.Linq.Expressions;
using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Modules.Governance;
using Commissioning.Graph.Modules.LocalGovernment;
using Commissioning.Graph.Modules.NhsCb;

namespace Commissioning.Graph.Modules.Shared.Policies;

/// <summary>The subjects a governed entity has in the directory: whose data it is, which practice, HWB, JSNA, pool,
/// arrangement or contract it belongs to. Policies name a role; each entity type says where its subject of that role is.</summary>
public enum SubjectRole { Consortium, Practice, Hwb, Jsna, Pool, Arrangement, Contract }

/// <summary>Where an entity type's owner or subject comes from.</summary>
public abstract record SubjectSource;

/// <summary>No owner or subject at all.</summary>
public sealed record NoSource : SubjectSource;

/// <summary>A column of the entity (<c>r => r.ConsortiumCode</c>): read in memory, compared in SQL.</summary>
public sealed record ColumnSource(LambdaExpression Column) : SubjectSource;

/// <summary>The party of a directory fact whose subject is the entity's subject of role <paramref name="From"/>
/// (a contribution's HWB: the <see cref="RelationshipKind.JsnaBoard"/> party of its JSNA).</summary>
public sealed record ViaSource(SubjectRole From, RelationshipKind Link) : SubjectSource;

/// <summary>The subjects of <paramref name="Link"/> facts whose party is the entity's subject of role <paramref name="From"/>
/// (the HWBs a plan's consortium sits on: the subjects of its <see cref="RelationshipKind.HwbMemberConsortium"/> facts).</summary>
public sealed record HeldBySource(SubjectRole From, RelationshipKind Link) : SubjectSource;

/// <summary>
/// How an entity type maps onto the directory, written as expressions so that the same description serves the
/// in-memory decision (compiled) and the SQL filter of a list (composed into the query): its owner, its subjects by
/// role, the financial year of its data (relationships are judged then; none: the current year) and whether it is a draft.
/// </summary>
public abstract class GovernedShape
{
    public abstract Type EntityType { get; }
    /// <summary>The GraphQL type name.</summary>
    public required string TypeName { get; init; }
    public required SubjectSource Owner { get; init; }
    public IReadOnlyDictionary<SubjectRole, SubjectSource> Subjects { get; init; } = new Dictionary<SubjectRole, SubjectSource>();
    public LambdaExpression? Year { get; init; }
    public LambdaExpression? Draft { get; init; }
    /// <summary>Whether the entity is published (<c>published</c>: anyone reads it, as public data); none: never.</summary>
    public LambdaExpression? Published { get; init; }

    private readonly Dictionary<LambdaExpression, Delegate> _compiled = new(ReferenceEqualityComparer.Instance);

    /// <summary>A column's value for an entity in memory (the compiled expression).</summary>
    public object? Read(LambdaExpression column, object entity)
    {
        Delegate compiled;
        lock (_compiled)
            if (!_compiled.TryGetValue(column, out compiled!)) _compiled[column] = compiled = column.Compile();
        return compiled.DynamicInvoke(entity);
    }
}

public sealed class GovernedShape<T> : GovernedShape
{
    public override Type EntityType => typeof(T);
}

/// <summary>The shapes of every governed entity type, and of entity references (<c>_entities</c>) by type name.</summary>
public static class GovernedShapes
{
    private static ColumnSource Col<T>(Expression<Func<T, string>> column) => new(column);
    private static LambdaExpression Year<T>(Expression<Func<T, string>> year) => year;

    public static readonly GovernedShape<Consortium> Consortium = new()
    { TypeName = "Consortium", Owner = Col<Consortium>(c => c.Code), Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Consortium] = Col<Consortium>(c => c.Code) } };
    public static readonly GovernedShape<GpPractice> GpPractice = new()
    { TypeName = "GpPractice", Owner = Col<GpPractice>(p => p.Code), Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Practice] = Col<GpPractice>(p => p.Code) } };
    public static readonly GovernedShape<Provider> Provider = new() { TypeName = "Provider", Owner = Col<Provider>(p => p.Code) };
    public static readonly GovernedShape<LocalAuthority> LocalAuthority = new() { TypeName = "LocalAuthority", Owner = Col<LocalAuthority>(l => l.Code) };
    public static readonly GovernedShape<HealthAndWellbeingBoard> HealthAndWellbeingBoard = new()
    { TypeName = "HealthAndWellbeingBoard", Owner = Col<HealthAndWellbeingBoard>(h => h.LocalAuthorityCode),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Hwb] = Col<HealthAndWellbeingBoard>(h => h.Code) } };
    public static readonly GovernedShape<FinancialReturn> FinancialReturn = new()
    { TypeName = "FinancialReturn", Owner = Col<FinancialReturn>(r => r.ConsortiumCode), Year = Year<FinancialReturn>(r => r.Year),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Consortium] = Col<FinancialReturn>(r => r.ConsortiumCode) } };
    public static readonly GovernedShape<Allocation> Allocation = new()
    { TypeName = "Allocation", Owner = Col<Allocation>(a => a.ConsortiumCode), Year = Year<Allocation>(a => a.Year),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Consortium] = Col<Allocation>(a => a.ConsortiumCode) } };
    public static readonly GovernedShape<AssuranceAssessment> AssuranceAssessment = new()
    { TypeName = "AssuranceAssessment", Owner = Col<AssuranceAssessment>(a => a.ConsortiumCode), Year = Year<AssuranceAssessment>(a => a.Year),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Consortium] = Col<AssuranceAssessment>(a => a.ConsortiumCode) } };
    public static readonly GovernedShape<DutyEvidence> DutyEvidence = new()
    { TypeName = "DutyEvidence", Owner = Col<DutyEvidence>(e => e.ConsortiumCode), Year = Year<DutyEvidence>(e => e.Year),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Consortium] = Col<DutyEvidence>(e => e.ConsortiumCode) } };
    /// <summary>A consortium's outcomes value: its own; published: public.</summary>
    public static readonly GovernedShape<OutcomeValue> OutcomeValue = new()
    { TypeName = "OutcomeValue", Owner = Col<OutcomeValue>(v => v.ConsortiumCode), Year = Year<OutcomeValue>(v => v.Year),
      Published = (Expression<Func<OutcomeValue, bool>>)(v => v.Published),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Consortium] = Col<OutcomeValue>(v => v.ConsortiumCode) } };
    /// <summary>A consortium's quality premium: its own; its member practices (in the premium's year) are <c>memberPractice</c>.</summary>
    public static readonly GovernedShape<QualityPremium> QualityPremium = new()
    { TypeName = "QualityPremium", Owner = Col<QualityPremium>(q => q.ConsortiumCode), Year = Year<QualityPremium>(q => q.Year),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Consortium] = Col<QualityPremium>(q => q.ConsortiumCode) } };
    /// <summary>A practice's share of its consortium's quality premium: the consortium's (the premium is paid to it); the practice
    /// is its <c>payee</c>.</summary>
    public static readonly GovernedShape<QualityPremiumShare> QualityPremiumShare = new()
    { TypeName = "QualityPremiumShare", Owner = Col<QualityPremiumShare>(s => s.ConsortiumCode), Year = Year<QualityPremiumShare>(s => s.Year),
      Subjects = new Dictionary<SubjectRole, SubjectSource>
      {
          [SubjectRole.Practice] = Col<QualityPremiumShare>(s => s.PracticeCode),
          [SubjectRole.Consortium] = Col<QualityPremiumShare>(s => s.ConsortiumCode),
      } };
    public static readonly GovernedShape<Intervention> Intervention = new()
    { TypeName = "Intervention", Owner = Col<Intervention>(i => i.ConsortiumCode),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Consortium] = Col<Intervention>(i => i.ConsortiumCode) } };
    /// <summary>The NHS CB's request for information is the consortium's it is addressed to (self; nhscb).</summary>
    public static readonly GovernedShape<InformationRequest> InformationRequest = new()
    { TypeName = "InformationRequest", Owner = Col<InformationRequest>(r => r.ConsortiumCode),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Consortium] = Col<InformationRequest>(r => r.ConsortiumCode) } };
    public static readonly GovernedShape<Jsna> Jsna = new()
    { TypeName = "Jsna", Owner = new ViaSource(SubjectRole.Hwb, RelationshipKind.HwbLocalAuthority), Year = Year<Jsna>(j => j.Year),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Hwb] = Col<Jsna>(j => j.HwbCode), [SubjectRole.Jsna] = Col<Jsna>(j => "jsna:" + j.Id) } };
    public static readonly GovernedShape<JsnaContribution> JsnaContribution = new()
    { TypeName = "JsnaContribution", Owner = Col<JsnaContribution>(c => c.ConsortiumCode),
      Draft = (Expression<Func<JsnaContribution, bool>>)(c => c.Status == JsnaContributionStatus.Draft),
      Subjects = new Dictionary<SubjectRole, SubjectSource>
      {
          [SubjectRole.Consortium] = Col<JsnaContribution>(c => c.ConsortiumCode),
          [SubjectRole.Jsna] = Col<JsnaContribution>(c => "jsna:" + c.JsnaId),
          [SubjectRole.Hwb] = new ViaSource(SubjectRole.Jsna, RelationshipKind.JsnaBoard),
      } };
    /// <summary>A strategy is its board's local authority's (the author); its partners are the board's; published: public.</summary>
    public static readonly GovernedShape<JointHealthAndWellbeingStrategy> Strategy = new()
    { TypeName = "JointHealthAndWellbeingStrategy", Owner = new ViaSource(SubjectRole.Hwb, RelationshipKind.HwbLocalAuthority), Year = Year<JointHealthAndWellbeingStrategy>(s => s.Year),
      Published = (Expression<Func<JointHealthAndWellbeingStrategy, bool>>)(s => s.PublishedOn != null),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Hwb] = Col<JointHealthAndWellbeingStrategy>(s => s.HwbCode) } };
    /// <summary>A priority is judged as its strategy, from its own columns (it may be reached by its key alone).</summary>
    public static readonly GovernedShape<StrategyPriority> StrategyPriority = new()
    { TypeName = "StrategyPriority", Owner = new ViaSource(SubjectRole.Hwb, RelationshipKind.HwbLocalAuthority), Year = Year<StrategyPriority>(p => p.Year),
      Published = (Expression<Func<StrategyPriority, bool>>)(p => p.Published),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Hwb] = Col<StrategyPriority>(p => p.HwbCode) } };
    /// <summary>A plan is its consortium's; its partners are those of every HWB the consortium sits on (in the plan's year); published: public.
    /// The HWBs' responses under it are judged as the plan.</summary>
    public static readonly GovernedShape<CommissioningPlan> CommissioningPlan = new()
    { TypeName = "CommissioningPlan", Owner = Col<CommissioningPlan>(p => p.ConsortiumCode), Year = Year<CommissioningPlan>(p => p.Year),
      Published = (Expression<Func<CommissioningPlan, bool>>)(p => p.Status == CommissioningPlanStatus.Published),
      Subjects = new Dictionary<SubjectRole, SubjectSource>
      {
          [SubjectRole.Consortium] = Col<CommissioningPlan>(p => p.ConsortiumCode),
          [SubjectRole.Hwb] = new HeldBySource(SubjectRole.Consortium, RelationshipKind.HwbMemberConsortium),
      } };
    /// <summary>An annual report is its consortium's; published: public (before that the consortium and the NHS CB).</summary>
    public static readonly GovernedShape<AnnualReport> AnnualReport = new()
    { TypeName = "AnnualReport", Owner = Col<AnnualReport>(r => r.ConsortiumCode), Year = Year<AnnualReport>(r => r.Year),
      Published = (Expression<Func<AnnualReport, bool>>)(r => r.PublishedOn != null),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Consortium] = Col<AnnualReport>(r => r.ConsortiumCode) } };
    /// <summary>Audited accounts are their consortium's; published: public, with the audited duties under them.</summary>
    public static readonly GovernedShape<AnnualAccounts> AnnualAccounts = new()
    { TypeName = "AnnualAccounts", Owner = Col<AnnualAccounts>(a => a.ConsortiumCode), Year = Year<AnnualAccounts>(a => a.Year),
      Published = (Expression<Func<AnnualAccounts, bool>>)(a => a.PublishedOn != null),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Consortium] = Col<AnnualAccounts>(a => a.ConsortiumCode) } };
    public static readonly GovernedShape<PooledBudget> PooledBudget = new()
    { TypeName = "PooledBudget", Owner = Col<PooledBudget>(p => p.HostCode),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Pool] = Col<PooledBudget>(p => p.Code) } };
    public static readonly GovernedShape<PoolContribution> PoolContribution = new()
    { TypeName = "PoolContribution", Owner = new ViaSource(SubjectRole.Pool, RelationshipKind.PoolHost), Year = Year<PoolContribution>(c => c.Year),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Pool] = Col<PoolContribution>(c => c.PoolCode) } };
    public static readonly GovernedShape<PoolExpenditure> PoolExpenditure = new()
    { TypeName = "PoolExpenditure", Owner = new ViaSource(SubjectRole.Pool, RelationshipKind.PoolHost), Year = Year<PoolExpenditure>(e => e.Year),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Pool] = Col<PoolExpenditure>(e => e.PoolCode) } };
    public static readonly GovernedShape<LeadCommissioningArrangement> LeadCommissioningArrangement = new()
    { TypeName = "LeadCommissioningArrangement", Owner = Col<LeadCommissioningArrangement>(a => a.LeadCode),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Arrangement] = Col<LeadCommissioningArrangement>(a => a.Code) } };
    public static readonly GovernedShape<ArrangementAssociate> ArrangementAssociate = new()
    { TypeName = "ArrangementAssociate", Owner = Col<ArrangementAssociate>(a => a.ConsortiumCode),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Arrangement] = Col<ArrangementAssociate>(a => a.ArrangementCode) } };
    /// <summary>A statement is its associate's (what it owes), judged as a part of its arrangement in the statement's year.</summary>
    public static readonly GovernedShape<ArrangementStatement> ArrangementStatement = new()
    { TypeName = "ArrangementStatement", Owner = Col<ArrangementStatement>(s => s.AssociateCode), Year = Year<ArrangementStatement>(s => s.Year),
      Subjects = new Dictionary<SubjectRole, SubjectSource>
      {
          [SubjectRole.Consortium] = Col<ArrangementStatement>(s => s.AssociateCode),
          [SubjectRole.Arrangement] = Col<ArrangementStatement>(s => s.ArrangementCode),
      } };
    public static readonly GovernedShape<Contract> Contract = new()
    { TypeName = "Contract", Owner = Col<Contract>(c => c.CommissionerCode),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Contract] = Col<Contract>(c => c.Code) } };
    public static readonly GovernedShape<ContractPerformance> ContractPerformance = new()
    { TypeName = "ContractPerformance", Owner = new ViaSource(SubjectRole.Contract, RelationshipKind.ContractCommissioner), Year = Year<ContractPerformance>(p => p.Year),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Contract] = Col<ContractPerformance>(p => p.ContractCode) } };
    /// <summary>A provider's monthly activity by responsible commissioner is the provider's own statement (its owner: it reads
    /// what it submitted without a purpose, and the commissioner's reading is a disclosure by the provider); it is read by the
    /// contract's parties and the parties of the arrangements covering the contract, as the contract's performance is.</summary>
    public static readonly GovernedShape<ContractActivitySubmission> ContractActivity = new()
    { TypeName = "ContractActivity", Owner = Col<ContractActivitySubmission>(a => a.ProviderCode), Year = Year<ContractActivitySubmission>(a => a.Year),
      Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Contract] = Col<ContractActivitySubmission>(a => a.ContractCode) } };
    public static readonly GovernedShape<MutationTarget> MutationTarget = new()
    { TypeName = "Mutation", Owner = Col<MutationTarget>(m => m.ConsortiumCode!), Year = Year<MutationTarget>(m => m.Year!),
      Subjects = new Dictionary<SubjectRole, SubjectSource>
      {
          [SubjectRole.Consortium] = Col<MutationTarget>(m => m.ConsortiumCode!),
          [SubjectRole.Pool] = Col<MutationTarget>(m => m.PooledBudgetCode!),
          [SubjectRole.Hwb] = Col<MutationTarget>(m => m.HwbCode!),
          [SubjectRole.Arrangement] = Col<MutationTarget>(m => m.ArrangementCode!),
          [SubjectRole.Contract] = Col<MutationTarget>(m => m.ContractCode!),
      } };

    /// <summary>A disclosure record is its owning organisation's: the register's rule (<c>self</c> or <c>nhscb</c>) filters its list in SQL.</summary>
    public static readonly GovernedShape<DisclosureRecord> DisclosureRecord = new()
    { TypeName = "DisclosureRecord", Owner = Col<DisclosureRecord>(r => r.OwningOrganisation) };

    /// <summary>For a target with no governed entity: no owner, no subject (only <c>nhscb</c> holds).</summary>
    public static readonly GovernedShape<object> Nothing = new() { TypeName = "", Owner = new NoSource() };

    public static readonly IReadOnlyList<GovernedShape> All =
    [
        Consortium, GpPractice, Provider, LocalAuthority, HealthAndWellbeingBoard, FinancialReturn, Allocation, AssuranceAssessment, DutyEvidence, Intervention, InformationRequest,
        OutcomeValue, QualityPremium, QualityPremiumShare,
        Jsna, JsnaContribution, Strategy, StrategyPriority, CommissioningPlan, AnnualReport, AnnualAccounts, PooledBudget, PoolContribution, PoolExpenditure, LeadCommissioningArrangement, ArrangementAssociate, ArrangementStatement,
        Contract, ContractPerformance, ContractActivity, MutationTarget,
    ];

    private static readonly Dictionary<Type, GovernedShape> ByType = All.ToDictionary(s => s.EntityType);

    /// <summary>The shape of a loaded entity, or null when its type is not governed.</summary>
    public static GovernedShape? Of(object entity) => ByType.GetValueOrDefault(entity.GetType());

    private static ColumnSource Key => new((Expression<Func<EntityReference, string>>)(r => r.Code));

    /// <summary>
    /// Entities keyed by their global id whose owners publish them to the directory (<see cref="DirectoryEntity"/>), so that
    /// <c>node(id:)</c>, served by the directory, judges them as their owner does. Their shapes over the published record
    /// are derived from the loaded entity's shape: owner, year, draft and column subjects read from the record, the rest
    /// (a contribution's HWB) through the directory as before.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, GovernedShape> Published =
        new GovernedShape[] { FinancialReturn, JsnaContribution }.ToDictionary(s => s.TypeName, PublishedShape, StringComparer.Ordinal);

    /// <summary>What the owning module publishes about <paramref name="entity"/> (of <paramref name="shape"/>, id <paramref name="globalId"/>).</summary>
    public static DirectoryEntity Publish(GovernedShape shape, object entity, string globalId) => new()
    {
        Id = globalId,
        TypeName = shape.TypeName,
        OwnerCode = shape.Owner is ColumnSource owner ? shape.Read(owner.Column, entity) as string : null,
        Year = shape.Year is { } year ? shape.Read(year, entity) as string : null,
        Draft = RuleEvaluator.IsDraft(shape, entity),
        Subjects = string.Join(';', shape.Subjects
            .Select(s => (Role: s.Key, Code: s.Value is ColumnSource c ? shape.Read(c.Column, entity) as string : null))
            .Where(s => s.Code is not null).OrderBy(s => s.Role).Select(s => $"{s.Role}={s.Code}")),
    };

    private static GovernedShape PublishedShape(GovernedShape loaded) => new GovernedShape<DirectoryEntity>
    {
        TypeName = loaded.TypeName,
        Owner = loaded.Owner is ColumnSource ? Col<DirectoryEntity>(e => e.OwnerCode!) : loaded.Owner,
        Year = loaded.Year is null ? null : Year<DirectoryEntity>(e => e.Year!),
        Draft = loaded.Draft is null ? null : (Expression<Func<DirectoryEntity, bool>>)(e => e.Draft),
        Subjects = loaded.Subjects.ToDictionary(s => s.Key, s => s.Value is ColumnSource ? SubjectColumn(s.Key.ToString()) : s.Value),
    };

    private static ColumnSource SubjectColumn(string role) => Col<DirectoryEntity>(e => e.SubjectOf(role)!);

    /// <summary>
    /// The shapes of entity references by type name: an entity that reaches a subgraph by its key (<c>_entities</c>, or
    /// another module's entity in one process) is judged by its key and the directory alone, exactly as a loaded one:
    /// its owner is the key itself or the directory's party of it (an HWB's local authority, a pool's host …).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, GovernedShape> References = new Dictionary<string, GovernedShape>(StringComparer.Ordinal)
    {
        ["Consortium"] = new GovernedShape<EntityReference> { TypeName = "Consortium", Owner = Key, Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Consortium] = Key } },
        ["GpPractice"] = new GovernedShape<EntityReference> { TypeName = "GpPractice", Owner = Key, Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Practice] = Key } },
        ["Provider"] = new GovernedShape<EntityReference> { TypeName = "Provider", Owner = Key },
        ["LocalAuthority"] = new GovernedShape<EntityReference> { TypeName = "LocalAuthority", Owner = Key },
        ["HealthAndWellbeingBoard"] = new GovernedShape<EntityReference> { TypeName = "HealthAndWellbeingBoard",
            Owner = new ViaSource(SubjectRole.Hwb, RelationshipKind.HwbLocalAuthority), Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Hwb] = Key } },
        ["PooledBudget"] = new GovernedShape<EntityReference> { TypeName = "PooledBudget",
            Owner = new ViaSource(SubjectRole.Pool, RelationshipKind.PoolHost), Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Pool] = Key } },
        ["LeadCommissioningArrangement"] = new GovernedShape<EntityReference> { TypeName = "LeadCommissioningArrangement",
            Owner = new ViaSource(SubjectRole.Arrangement, RelationshipKind.ArrangementLead), Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Arrangement] = Key } },
        ["Contract"] = new GovernedShape<EntityReference> { TypeName = "Contract",
            Owner = new ViaSource(SubjectRole.Contract, RelationshipKind.ContractCommissioner), Subjects = new Dictionary<SubjectRole, SubjectSource> { [SubjectRole.Contract] = Key } },
    };
}
