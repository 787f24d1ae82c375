using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.LocalGovernment.Persistence;

/// <summary>
/// The LocalGovernment module's tables (schema <c>local_government</c>): local authorities, HWBs,
/// JSNAs and pooled budgets. Consortia appear by code only.
/// </summary>
public class LocalGovernmentDbContext : ModuleDbContext
{
    public LocalGovernmentDbContext(DbContextOptions<LocalGovernmentDbContext> options) : base(options) { }
    protected LocalGovernmentDbContext(DbContextOptions options) : base(options) { }

    public override GraphModule Module => GraphModule.LocalGovernment;

    public DbSet<LocalAuthority> LocalAuthorities => Set<LocalAuthority>();
    public DbSet<HealthAndWellbeingBoard> HealthAndWellbeingBoards => Set<HealthAndWellbeingBoard>();
    public DbSet<HwbMember> HwbMembers => Set<HwbMember>();
    public DbSet<Jsna> Jsnas => Set<Jsna>();
    public DbSet<JsnaContribution> JsnaContributions => Set<JsnaContribution>();
    public DbSet<JsnaIndicator> JsnaIndicators => Set<JsnaIndicator>();
    public DbSet<PooledBudget> PooledBudgets => Set<PooledBudget>();
    public DbSet<PoolPartner> PoolPartners => Set<PoolPartner>();
    public DbSet<PoolContribution> PoolContributions => Set<PoolContribution>();
    public DbSet<PoolExpenditure> PoolExpenditure => Set<PoolExpenditure>();
    public DbSet<JointHealthAndWellbeingStrategy> Strategies => Set<JointHealthAndWellbeingStrategy>();
    public DbSet<StrategyPriority> StrategyPriorities => Set<StrategyPriority>();

    protected override void ConfigureModel(ModelBuilder b)
    {
        b.Entity<LocalAuthority>(e =>
        {
            e.HasKey(a => a.Code);
            e.Property(a => a.Code).HasMaxLength(20);
            e.Property(a => a.Name).HasMaxLength(200);
            e.Property(a => a.DirectorOfPublicHealth).HasMaxLength(200);
        });
        b.Entity<HealthAndWellbeingBoard>(e =>
        {
            e.HasKey(h => h.Code);
            e.Property(h => h.Code).HasMaxLength(20);
            e.Property(h => h.Name).HasMaxLength(200);
            e.Property(h => h.LocalAuthorityCode).HasMaxLength(20);
            e.Property(h => h.Chair).HasMaxLength(200);
            e.HasOne(h => h.LocalAuthority).WithOne(a => a.HealthAndWellbeingBoard)
                .HasForeignKey<HealthAndWellbeingBoard>(h => h.LocalAuthorityCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(h => h.Members).WithOne().HasForeignKey(m => m.HwbCode).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<HwbMember>(e =>
        {
            e.Property(m => m.HwbCode).HasMaxLength(20);
            e.Property(m => m.Name).HasMaxLength(200);
            e.Property(m => m.OrganisationCode).HasMaxLength(20);
            e.HasIndex(m => m.OrganisationCode);
        });

        b.Entity<Jsna>(e =>
        {
            e.Property(j => j.HwbCode).HasMaxLength(20);
            e.Property(j => j.Year).HasMaxLength(7);
            e.Property(j => j.Title).HasMaxLength(300);
            e.HasIndex(j => new { j.HwbCode, j.Year }).IsUnique();
            e.HasOne<HealthAndWellbeingBoard>().WithMany().HasForeignKey(j => j.HwbCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(j => j.Contributions).WithOne().HasForeignKey(c => c.JsnaId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<JsnaContribution>(e =>
        {
            e.Property(c => c.ConsortiumCode).HasMaxLength(20);
            e.Property(c => c.Topic).HasMaxLength(200);
            e.HasIndex(c => c.ConsortiumCode);
            e.HasIndex(c => new { c.JsnaId, c.ConsortiumCode, c.Topic }).IsUnique();
            e.HasMany(c => c.Indicators).WithOne().HasForeignKey(i => i.JsnaContributionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<JsnaIndicator>(e =>
        {
            e.Property(i => i.Name).HasMaxLength(200);
            e.HasIndex(i => new { i.JsnaContributionId, i.Name }).IsUnique();
        });

        b.Entity<JointHealthAndWellbeingStrategy>(e =>
        {
            e.ToTable("HwbStrategies");
            e.Property(s => s.HwbCode).HasMaxLength(20);
            e.Property(s => s.Year).HasMaxLength(7);
            // One strategy per board and year.
            e.HasIndex(s => new { s.HwbCode, s.Year }).IsUnique();
            e.HasOne<HealthAndWellbeingBoard>().WithMany().HasForeignKey(s => s.HwbCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(s => s.Priorities).WithOne().HasForeignKey(p => p.StrategyId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<StrategyPriority>(e =>
        {
            e.ToTable("HwbStrategyPriorities");
            e.Property(p => p.Code).HasMaxLength(40);
            e.Property(p => p.HwbCode).HasMaxLength(20);
            e.Property(p => p.Year).HasMaxLength(7);
            e.Property(p => p.Title).HasMaxLength(300);
            e.Property(p => p.JsnaTopics).HasMaxLength(2000);
            // The federation key: unique across boards and years.
            e.HasIndex(p => p.Code).IsUnique();
            e.HasIndex(p => new { p.StrategyId, p.Position });
        });

        b.Entity<PooledBudget>(e =>
        {
            e.HasKey(p => p.Code);
            e.Property(p => p.Code).HasMaxLength(40);
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.HostCode).HasMaxLength(20);
            e.Property(p => p.Scope).HasMaxLength(500);
            e.Property(p => p.RiskShare).HasMaxLength(2000);
            e.Property(p => p.GoverningBoard).HasMaxLength(200);
            e.HasIndex(p => p.HostCode);
            e.HasMany(p => p.Partners).WithOne().HasForeignKey(x => x.PoolCode).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Contributions).WithOne().HasForeignKey(x => x.PoolCode).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Expenditure).WithOne().HasForeignKey(x => x.PoolCode).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PoolPartner>(e =>
        {
            e.HasKey(p => new { p.PoolCode, p.PartnerCode });
            e.Property(p => p.PoolCode).HasMaxLength(40);
            e.Property(p => p.PartnerCode).HasMaxLength(20);
            e.Property(p => p.RiskSharePercent).HasPrecision(5, 2);
            e.HasIndex(p => p.PartnerCode);
        });
        b.Entity<PoolContribution>(e =>
        {
            e.Property(c => c.PoolCode).HasMaxLength(40);
            e.Property(c => c.PartnerCode).HasMaxLength(20);
            e.Property(c => c.Year).HasMaxLength(7);
            e.HasIndex(c => new { c.PoolCode, c.PartnerCode, c.Year }).IsUnique();
        });
        b.Entity<PoolExpenditure>(e =>
        {
            e.ToTable("PoolExpenditure");
            e.Property(x => x.PoolCode).HasMaxLength(40);
            e.Property(x => x.Year).HasMaxLength(7);
            e.Property(x => x.ServiceArea).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(500);
            e.HasIndex(x => new { x.PoolCode, x.Year, x.Month });
        });
    }
}
