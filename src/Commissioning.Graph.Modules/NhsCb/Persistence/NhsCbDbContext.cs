using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.NhsCb.Persistence;

/// <summary>The NhsCb module's tables (schema <c>nhs_cb</c>). Consortia appear by code only.</summary>
public class NhsCbDbContext : ModuleDbContext
{
    public NhsCbDbContext(DbContextOptions<NhsCbDbContext> options) : base(options) { }
    protected NhsCbDbContext(DbContextOptions options) : base(options) { }

    public override GraphModule Module => GraphModule.NhsCb;

    public DbSet<NhsCommissioningBoard> Boards => Set<NhsCommissioningBoard>();
    public DbSet<Allocation> Allocations => Set<Allocation>();
    public DbSet<AssuranceAssessment> AssuranceAssessments => Set<AssuranceAssessment>();
    public DbSet<Intervention> Interventions => Set<Intervention>();
    public DbSet<DutyFinding> DutyFindings => Set<DutyFinding>();
    public DbSet<AssuranceCheckpoint> AssuranceCheckpoints => Set<AssuranceCheckpoint>();
    public DbSet<DutyEvidence> DutyEvidence => Set<DutyEvidence>();
    public DbSet<AuthorisationDecision> AuthorisationDecisions => Set<AuthorisationDecision>();
    public DbSet<AuthorisationCondition> AuthorisationConditions => Set<AuthorisationCondition>();
    public DbSet<InformationRequest> InformationRequests => Set<InformationRequest>();
    public DbSet<OutcomeIndicator> OutcomeIndicators => Set<OutcomeIndicator>();
    public DbSet<OutcomeValue> OutcomeValues => Set<OutcomeValue>();
    public DbSet<QualityPremium> QualityPremiums => Set<QualityPremium>();
    public DbSet<QualityPremiumCriterion> QualityPremiumCriteria => Set<QualityPremiumCriterion>();
    public DbSet<QualityPremiumShare> QualityPremiumShares => Set<QualityPremiumShare>();

    protected override void ConfigureModel(ModelBuilder b)
    {
        b.Entity<NhsCommissioningBoard>(e =>
        {
            e.ToTable("NhsCommissioningBoards");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(200);
        });
        b.Entity<Allocation>(e =>
        {
            e.Property(a => a.ConsortiumCode).HasMaxLength(20);
            e.Property(a => a.Year).HasMaxLength(7);
            e.HasIndex(a => new { a.ConsortiumCode, a.Year }).IsUnique();
            // The year's allocations in consortium order.
            e.HasIndex(a => new { a.Year, a.ConsortiumCode });
            e.Ignore(a => a.TotalAllocation);
        });
        b.Entity<AssuranceAssessment>(e =>
        {
            e.Property(a => a.ConsortiumCode).HasMaxLength(20);
            e.Property(a => a.Year).HasMaxLength(7);
            e.HasIndex(a => new { a.ConsortiumCode, a.Year }).IsUnique();
            e.HasMany(a => a.DutyFindings).WithOne().HasForeignKey(f => f.AssessmentId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Checkpoints).WithOne().HasForeignKey(c => c.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<DutyFinding>(e =>
        {
            e.Property(f => f.Finding).HasMaxLength(2000);
            e.Ignore(f => f.Of);
            e.HasIndex(f => new { f.AssessmentId, f.Duty }).IsUnique();
        });
        b.Entity<AssuranceCheckpoint>(e =>
        {
            e.Property(c => c.Finding).HasMaxLength(2000);
            e.HasIndex(c => new { c.AssessmentId, c.Quarter }).IsUnique();
        });
        b.Entity<DutyEvidence>(e =>
        {
            e.Property(d => d.ConsortiumCode).HasMaxLength(20);
            e.Property(d => d.Year).HasMaxLength(7);
            e.Property(d => d.Summary).HasMaxLength(4000);
            e.HasIndex(d => new { d.ConsortiumCode, d.Year, d.Duty }).IsUnique();
        });
        ConfigureOutcomes(b);
        b.Entity<Intervention>(e =>
        {
            e.Property(i => i.ConsortiumCode).HasMaxLength(20);
            e.Property(i => i.Reason).HasMaxLength(2000);
            // A consortium's interventions, newest first.
            e.HasIndex(i => new { i.ConsortiumCode, i.StartedOn });
            e.Property(i => i.TransferredToCode).HasMaxLength(20);
        });
        ConfigureAuthorisationAndInformation(b);
    }

    private static void ConfigureAuthorisationAndInformation(ModelBuilder b)
    {
        b.Entity<AuthorisationDecision>(e =>
        {
            e.Property(d => d.ConsortiumCode).HasMaxLength(20);
            // One decision per consortium, revised in place.
            e.HasIndex(d => d.ConsortiumCode).IsUnique();
            e.Property(d => d.FunctionsRetained).HasMaxLength(4000);
            e.Ignore(d => d.FunctionsRetainedByNhsCb);
            e.HasMany(d => d.Conditions).WithOne().HasForeignKey(c => c.DecisionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AuthorisationCondition>(e =>
        {
            e.Property(c => c.Function).HasMaxLength(200);
            e.Property(c => c.Description).HasMaxLength(2000);
            e.HasIndex(c => new { c.DecisionId, c.Position }).IsUnique();
        });
        b.Entity<InformationRequest>(e =>
        {
            e.Property(r => r.ConsortiumCode).HasMaxLength(20);
            e.Property(r => r.Question).HasMaxLength(4000);
            e.Property(r => r.Response).HasMaxLength(4000);
            // A consortium's requests, newest first.
            e.HasIndex(r => new { r.ConsortiumCode, r.RequestedOn });
        });
    }

    /// <summary>The Commissioning Outcomes Framework, consortia's outcomes values and quality premiums.</summary>
    private static void ConfigureOutcomes(ModelBuilder b)
    {
        b.Entity<OutcomeIndicator>(e =>
        {
            e.HasKey(i => new { i.Year, i.Code });
            e.Property(i => i.Year).HasMaxLength(7);
            e.Property(i => i.Code).HasMaxLength(20);
            e.Property(i => i.Name).HasMaxLength(300);
        });
        b.Entity<OutcomeValue>(e =>
        {
            e.Property(v => v.ConsortiumCode).HasMaxLength(20);
            e.Property(v => v.Year).HasMaxLength(7);
            e.Property(v => v.IndicatorCode).HasMaxLength(20);
            // A consortium's values of a year, one per indicator.
            e.HasIndex(v => new { v.ConsortiumCode, v.Year, v.IndicatorCode }).IsUnique();
        });
        b.Entity<QualityPremium>(e =>
        {
            e.Property(q => q.ConsortiumCode).HasMaxLength(20);
            e.Property(q => q.Year).HasMaxLength(7);
            e.HasIndex(q => new { q.ConsortiumCode, q.Year }).IsUnique();
            e.HasMany(q => q.Criteria).WithOne().HasForeignKey(c => c.QualityPremiumId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(q => q.PracticeShares).WithOne().HasForeignKey(s => s.QualityPremiumId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<QualityPremiumCriterion>(e =>
        {
            e.Property(c => c.IndicatorCode).HasMaxLength(20);
            e.Ignore(c => c.Year);
            e.HasIndex(c => new { c.QualityPremiumId, c.IndicatorCode }).IsUnique();
        });
        b.Entity<QualityPremiumShare>(e =>
        {
            e.Property(s => s.ConsortiumCode).HasMaxLength(20);
            e.Property(s => s.Year).HasMaxLength(7);
            e.Property(s => s.PracticeCode).HasMaxLength(20);
            e.HasIndex(s => new { s.QualityPremiumId, s.PracticeCode }).IsUnique();
        });
    }
}
