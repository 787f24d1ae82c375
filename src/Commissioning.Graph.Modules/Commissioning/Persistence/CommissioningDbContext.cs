using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Commissioning.Graph.Modules.Commissioning.Persistence;

/// <summary>
/// The Commissioning module's tables (schema <c>commissioning</c>). Other modules' organisations
/// (HWBs, the NHS CB, local authorities) appear here by code only.
/// Each provider has a subclass (<see cref="SqliteCommissioningDbContext"/> …) that owns that
/// provider's migrations; code depends on this type.
/// </summary>
public class CommissioningDbContext : ModuleDbContext
{
    public CommissioningDbContext(DbContextOptions<CommissioningDbContext> options) : base(options) { }
    protected CommissioningDbContext(DbContextOptions options) : base(options) { }

    public override GraphModule Module => GraphModule.Commissioning;

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Consortium> Consortia => Set<Consortium>();
    public DbSet<GpPractice> GpPractices => Set<GpPractice>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<ConsortiumMembership> ConsortiumMemberships => Set<ConsortiumMembership>();
    public DbSet<FinancialReturn> FinancialReturns => Set<FinancialReturn>();
    public DbSet<FinancialReturnLine> FinancialReturnLines => Set<FinancialReturnLine>();
    public DbSet<PracticeBreakdownLine> PracticeBreakdownLines => Set<PracticeBreakdownLine>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<ContractPerformance> ContractPerformance => Set<ContractPerformance>();
    public DbSet<LeadCommissioningArrangement> LeadCommissioningArrangements => Set<LeadCommissioningArrangement>();
    public DbSet<ArrangementAssociate> ArrangementAssociates => Set<ArrangementAssociate>();
    public DbSet<ArrangementContract> ArrangementContracts => Set<ArrangementContract>();
    public DbSet<ArrangementStatement> ArrangementStatements => Set<ArrangementStatement>();
    public DbSet<ContractActivitySubmission> ContractActivitySubmissions => Set<ContractActivitySubmission>();
    public DbSet<ContractActivityLine> ContractActivityLines => Set<ContractActivityLine>();
    public DbSet<CommissioningPlan> CommissioningPlans => Set<CommissioningPlan>();
    public DbSet<PlanResponse> PlanResponses => Set<PlanResponse>();
    public DbSet<ConflictOfInterestDeclaration> ConflictOfInterestDeclarations => Set<ConflictOfInterestDeclaration>();
    public DbSet<CommissioningDecision> CommissioningDecisions => Set<CommissioningDecision>();
    public DbSet<DecisionWithdrawal> DecisionWithdrawals => Set<DecisionWithdrawal>();
    public DbSet<Engagement> Engagements => Set<Engagement>();
    public DbSet<AnnualReport> AnnualReports => Set<AnnualReport>();
    public DbSet<AnnualAccounts> AnnualAccounts => Set<AnnualAccounts>();

    protected override void ConfigureModel(ModelBuilder b)
    {
        b.Entity<Organisation>(e =>
        {
            e.ToTable("Organisations");
            e.HasKey(o => o.Code);
            e.Property(o => o.Code).HasMaxLength(20);
            e.Property(o => o.Name).HasMaxLength(200);
            e.HasIndex(o => o.Kind);
            // Lists sort by name (consortia, organisations).
            e.HasIndex(o => o.Name);
            e.UseTptMappingStrategy();
        });
        b.Entity<Consortium>(e =>
        {
            e.ToTable("Consortia");
            e.Property(c => c.Area).HasMaxLength(200);
            e.OwnsOne(c => c.Constitution, c =>
            {
                c.Property(x => x.AccountableOfficer).HasMaxLength(200);
                c.Property(x => x.ChiefFinanceOfficer).HasMaxLength(200);
                c.Property(x => x.CaldicottGuardian).HasMaxLength(200);
                c.Property(x => x.SeniorInformationRiskOwner).HasMaxLength(200);
                c.Property(x => x.DecisionMaking).HasMaxLength(2000);
                c.Property(x => x.ConflictsOfInterestPolicy).HasMaxLength(2000);
            });
            e.Navigation(c => c.Constitution).IsRequired();
            // The consortia list filters by authorisation status and sorts by population.
            e.HasIndex(c => c.AuthorisationStatus);
            e.HasIndex(c => c.RegisteredPopulation);
        });
        b.Entity<GpPractice>(e =>
        {
            e.ToTable("GpPractices");
            e.Property(p => p.Postcode).HasMaxLength(10);
        });
        b.Entity<Provider>().ToTable("Providers");

        b.Entity<ConsortiumMembership>(e =>
        {
            e.Property(m => m.ConsortiumCode).HasMaxLength(20);
            e.Property(m => m.PracticeCode).HasMaxLength(20);
            e.Property(m => m.Reason).HasMaxLength(200);
            // Membership history outlives nothing it refers to: no cascades (SQL Server also refuses the
            // two cascade paths Organisations→Consortia/GpPractices→memberships).
            e.HasOne(m => m.Consortium).WithMany(c => c.Memberships).HasForeignKey(m => m.ConsortiumCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(m => m.Practice).WithMany(p => p.Memberships).HasForeignKey(m => m.PracticeCode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(m => new { m.PracticeCode, m.From }).IsUnique();
            // A consortium's practices on a day, and its membership history ordered by start.
            e.HasIndex(m => new { m.ConsortiumCode, m.From });
        });

        b.Entity<FinancialReturn>(e =>
        {
            e.Property(r => r.ConsortiumCode).HasMaxLength(20);
            e.Property(r => r.Year).HasMaxLength(7);
            e.Property(r => r.QueryReason).HasMaxLength(2000);
            e.HasIndex(r => new { r.ConsortiumCode, r.Year, r.Month, r.Version }).IsUnique();
            // Lists of returns filter by status and sort by period; the NHS CB's scan reads a year's latest returns.
            e.HasIndex(r => new { r.Status, r.Year, r.Month });
            // A consortium's page of returns filtered by status: both equalities in one index, so the rows read stay
            // that consortium's whatever the number of consortia (the status index alone reads every consortium's).
            e.HasIndex(r => new { r.ConsortiumCode, r.Status, r.Year, r.Month });
            e.HasIndex(r => new { r.Year, r.ConsortiumCode, r.Month, r.Version });
            e.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.FinancialReturnId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.PracticeBreakdown).WithOne().HasForeignKey(l => l.FinancialReturnId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(r => r.TotalPlan);
            e.Ignore(r => r.TotalYearToDateActual);
            e.Ignore(r => r.TotalForecastOutturn);
            e.Ignore(r => r.IsEditable);
            e.ToTable(t => t.HasCheckConstraint("CK_FinancialReturns_Month", "\"Month\" BETWEEN 1 AND 12"));
        });
        b.Entity<FinancialReturnLine>(e => e.HasIndex(l => new { l.FinancialReturnId, l.Category }).IsUnique());
        b.Entity<PracticeBreakdownLine>(e =>
        {
            e.Property(l => l.PracticeCode).HasMaxLength(20);
            e.HasIndex(l => new { l.FinancialReturnId, l.PracticeCode }).IsUnique();
            e.HasIndex(l => l.PracticeCode);
        });

        b.Entity<Contract>(e =>
        {
            e.HasKey(c => c.Code);
            e.Property(c => c.Code).HasMaxLength(40);
            e.Property(c => c.CommissionerCode).HasMaxLength(20);
            e.Property(c => c.ProviderCode).HasMaxLength(20);
            e.Property(c => c.ServiceArea).HasMaxLength(200);
            e.Property(c => c.ActivityUnit).HasMaxLength(40);
            e.Property(c => c.CquinSharePercent).HasPrecision(5, 2);
            e.HasOne(c => c.Provider).WithMany().HasForeignKey(c => c.ProviderCode).OnDelete(DeleteBehavior.Restrict);
            // Each commissioner's and provider's contracts, in code order.
            e.HasIndex(c => new { c.CommissionerCode, c.Code });
            e.HasIndex(c => new { c.ProviderCode, c.Code });
            e.HasMany(c => c.Performance).WithOne().HasForeignKey(p => p.ContractCode).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ContractPerformance>(e =>
        {
            e.ToTable("ContractPerformance");
            e.Property(p => p.ContractCode).HasMaxLength(40);
            e.Property(p => p.Year).HasMaxLength(7);
            e.Property(p => p.CquinAchievedPercent).HasPrecision(5, 2);
            e.HasIndex(p => new { p.ContractCode, p.Year, p.Month }).IsUnique();
        });

        b.Entity<LeadCommissioningArrangement>(e =>
        {
            e.HasKey(a => a.Code);
            e.Property(a => a.Code).HasMaxLength(40);
            e.Property(a => a.Name).HasMaxLength(200);
            e.Property(a => a.LeadCode).HasMaxLength(20);
            e.Property(a => a.Kind).HasMaxLength(40);
            e.Property(a => a.ProviderCode).HasMaxLength(20);
            e.Property(a => a.ServiceAreas).HasMaxLength(500);
            e.Ignore(a => a.LeadSharePercent);
            e.HasIndex(a => a.LeadCode);
            e.HasOne<Provider>().WithMany().HasForeignKey(a => a.ProviderCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(a => a.Associates).WithOne().HasForeignKey(x => x.ArrangementCode).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Contracts).WithOne().HasForeignKey(x => x.ArrangementCode).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ArrangementAssociate>(e =>
        {
            e.Property(a => a.ArrangementCode).HasMaxLength(40);
            e.Property(a => a.ConsortiumCode).HasMaxLength(20);
            e.Property(a => a.SharePercent).HasPrecision(5, 2);
            e.HasIndex(a => new { a.ArrangementCode, a.ConsortiumCode }).IsUnique();
            e.HasIndex(a => a.ConsortiumCode);
        });
        b.Entity<ArrangementContract>(e =>
        {
            e.HasKey(a => new { a.ArrangementCode, a.ContractCode });
            e.Property(a => a.ArrangementCode).HasMaxLength(40);
            e.Property(a => a.ContractCode).HasMaxLength(40);
            e.HasOne(a => a.Contract).WithMany().HasForeignKey(a => a.ContractCode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => a.ContractCode);
        });

        b.Entity<ArrangementStatement>(e =>
        {
            e.Property(s => s.ArrangementCode).HasMaxLength(40);
            e.Property(s => s.AssociateCode).HasMaxLength(20);
            e.Property(s => s.Year).HasMaxLength(7);
            e.Property(s => s.SharePercent).HasPrecision(5, 2);
            e.Property(s => s.DisputeReason).HasMaxLength(2000);
            // One statement per associate and month; an arrangement's statements are read by arrangement and year.
            e.HasIndex(s => new { s.ArrangementCode, s.Year, s.Month, s.AssociateCode }).IsUnique();
            e.HasIndex(s => new { s.AssociateCode, s.Year });
            e.HasOne<LeadCommissioningArrangement>().WithMany().HasForeignKey(s => s.ArrangementCode).OnDelete(DeleteBehavior.Restrict);
            e.ToTable(t => t.HasCheckConstraint("CK_ArrangementStatements_Month", "\"Month\" BETWEEN 1 AND 12"));
        });

        b.Entity<ContractActivitySubmission>(e =>
        {
            e.Property(s => s.ContractCode).HasMaxLength(40);
            e.Property(s => s.Year).HasMaxLength(7);
            e.Property(s => s.ProviderCode).HasMaxLength(20);
            e.Ignore(s => s.TotalActivity);
            e.Ignore(s => s.TotalCost);
            // One submission per contract and month (a resubmission replaces its lines).
            e.HasIndex(s => new { s.ContractCode, s.Year, s.Month }).IsUnique();
            e.HasOne<Contract>().WithMany().HasForeignKey(s => s.ContractCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.SubmissionId).OnDelete(DeleteBehavior.Cascade);
            e.ToTable(t => t.HasCheckConstraint("CK_ContractActivitySubmissions_Month", "\"Month\" BETWEEN 1 AND 12"));
        });
        b.Entity<ContractActivityLine>(e =>
        {
            e.Property(l => l.CommissionerCode).HasMaxLength(20);
            e.HasIndex(l => new { l.SubmissionId, l.CommissionerCode }).IsUnique();
        });

        b.Entity<CommissioningPlan>(e =>
        {
            e.Property(p => p.ConsortiumCode).HasMaxLength(20);
            e.Property(p => p.Year).HasMaxLength(7);
            e.Property(p => p.Title).HasMaxLength(300);
            e.Property(p => p.Url).HasMaxLength(500);
            // (The migration adding Status gives plans made before statuses existed the value Published: they were published.)
            e.Property(p => p.StrategyPriorityCodes).HasMaxLength(2000);
            e.HasIndex(p => new { p.ConsortiumCode, p.Year }).IsUnique();
            e.HasMany(p => p.Responses).WithOne(r => r.Plan).HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PlanResponse>(e =>
        {
            e.Property(r => r.BoardCode).HasMaxLength(20);
            e.Property(r => r.Statement).HasMaxLength(4000);
            // One opinion per board on a plan.
            e.HasIndex(r => new { r.PlanId, r.BoardCode }).IsUnique();
        });
        b.Entity<ConflictOfInterestDeclaration>(e =>
        {
            e.Property(d => d.ConsortiumCode).HasMaxLength(20);
            e.Property(d => d.PersonName).HasMaxLength(200);
            e.Property(d => d.Role).HasMaxLength(200);
            e.Property(d => d.InterestInCode).HasMaxLength(20);
            // A consortium's declarations in date order.
            e.HasIndex(d => new { d.ConsortiumCode, d.DeclaredOn });
        });
        b.Entity<CommissioningDecision>(e =>
        {
            e.Property(d => d.ConsortiumCode).HasMaxLength(20);
            e.Property(d => d.Reference).HasMaxLength(40);
            e.Property(d => d.Title).HasMaxLength(300);
            e.Property(d => d.ProviderCode).HasMaxLength(20);
            e.HasIndex(d => d.Reference).IsUnique();
            // A consortium's decisions, newest first.
            e.HasIndex(d => new { d.ConsortiumCode, d.DecidedOn });
            e.HasMany(d => d.Withdrawals).WithOne().HasForeignKey(w => w.DecisionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<DecisionWithdrawal>(e =>
        {
            e.HasKey(w => new { w.DecisionId, w.DeclarationId });
            e.HasOne<ConflictOfInterestDeclaration>().WithMany().HasForeignKey(w => w.DeclarationId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Engagement>(e =>
        {
            e.Property(x => x.ConsortiumCode).HasMaxLength(20);
            e.Property(x => x.Proposal).HasMaxLength(1000);
            e.Property(x => x.Outcome).HasMaxLength(4000);
            // A consortium's engagements, newest first; a decision's.
            e.HasIndex(x => new { x.ConsortiumCode, x.From });
            e.HasIndex(x => x.DecisionId);
            e.HasOne<CommissioningDecision>().WithMany().HasForeignKey(x => x.DecisionId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<AnnualReport>(e =>
        {
            e.Property(r => r.ConsortiumCode).HasMaxLength(20);
            e.Property(r => r.Year).HasMaxLength(7);
            e.Property(r => r.Url).HasMaxLength(500);
            e.HasIndex(r => new { r.ConsortiumCode, r.Year }).IsUnique();
            // publicationsOverdue reads a year's reports of every consortium.
            e.HasIndex(r => r.Year);
        });
        b.Entity<AnnualAccounts>(e =>
        {
            e.Property(a => a.ConsortiumCode).HasMaxLength(20);
            e.Property(a => a.Year).HasMaxLength(7);
            e.HasIndex(a => new { a.ConsortiumCode, a.Year }).IsUnique();
            e.HasIndex(a => a.Year);
        });
    }

    /// <summary>
    /// A submitted (or accepted, or queried) return is immutable: whatever code path changed it, its
    /// figures and lines are refused here, checked against the status as stored.
    /// </summary>
    protected override void EnforceDomainRules(IReadOnlyList<EntityEntry> changes)
    {
        foreach (var entry in changes)
        {
            switch (entry.Entity)
            {
                case FinancialReturn r when entry.State == EntityState.Modified:
                    var storedStatus = StoredStatus(entry);
                    if (storedStatus != FinancialReturnStatus.Draft)
                    {
                        var allowed = new HashSet<string> { nameof(FinancialReturn.Status), nameof(FinancialReturn.ReviewedAt), nameof(FinancialReturn.QueryReason), nameof(FinancialReturn.UpdatedAt), nameof(IVersioned.RowVersion) };
                        var changed = entry.Properties.Where(p => p.IsModified && !allowed.Contains(p.Metadata.Name)).Select(p => p.Metadata.Name).ToList();
                        if (changed.Count > 0)
                            throw Immutable(r, storedStatus);
                    }
                    break;
                case FinancialReturn r when entry.State == EntityState.Deleted && StoredStatus(entry) != FinancialReturnStatus.Draft:
                    throw Immutable(r, StoredStatus(entry));
                case FinancialReturnLine l:
                    CheckParentEditable(l.FinancialReturnId, entry);
                    break;
                case PracticeBreakdownLine p:
                    CheckParentEditable(p.FinancialReturnId, entry);
                    break;
            }
        }
    }

    private static FinancialReturnStatus StoredStatus(EntityEntry entry) =>
        (FinancialReturnStatus)entry.Property(nameof(FinancialReturn.Status)).OriginalValue!;

    private void CheckParentEditable(int returnId, EntityEntry lineEntry)
    {
        if (returnId <= 0 && lineEntry.State == EntityState.Added) return; // parent is new too, hence a draft
        var parent = ChangeTracker.Entries<FinancialReturn>().FirstOrDefault(e => e.Entity.Id == returnId)
                     ?? Entry(FinancialReturns.AsNoTracking().First(r => r.Id == returnId));
        if (parent.State == EntityState.Added) return;
        var storedStatus = parent.State == EntityState.Detached ? parent.Entity.Status : parent.Property(x => x.Status).OriginalValue;
        if (storedStatus != FinancialReturnStatus.Draft)
            throw Immutable(parent.Entity, storedStatus);
    }

    private static DomainRuleException Immutable(FinancialReturn r, FinancialReturnStatus status) =>
        new("RETURN_IMMUTABLE", $"Return {r.ConsortiumCode} {r.Year} month {r.Month} version {r.Version} is {status} and cannot be changed; submit a new version instead.");
}
