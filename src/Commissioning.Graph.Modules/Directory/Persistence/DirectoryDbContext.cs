using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Directory.Persistence;

/// <summary>
/// The directory (schema <c>directory</c>): organisations, the relationship facts every policy reads, and
/// the allocation limits other subgraphs judge duties against. The one source of truth for them; each
/// module publishes the facts it owns (<see cref="DirectoryWriter"/>). Every subgraph registers it
/// (<see cref="DirectoryServiceCollectionExtensions.AddDirectoryPersistence(Microsoft.Extensions.DependencyInjection.IServiceCollection, Shared.DatabaseOptions, string?)"/>).
/// </summary>
public class DirectoryDbContext : DbContext
{
    public const string Schema = "directory";

    public DirectoryDbContext(DbContextOptions<DirectoryDbContext> options) : base(options) { }
    protected DirectoryDbContext(DbContextOptions options) : base(options) { }

    public DbSet<DirectoryOrganisation> Organisations => Set<DirectoryOrganisation>();
    public DbSet<Relationship> Relationships => Set<Relationship>();
    public DbSet<AllocationLimit> AllocationLimits => Set<AllocationLimit>();
    public DbSet<DirectoryEntity> Entities => Set<DirectoryEntity>();
    public DbSet<DirectoryInboxMessage> Inbox => Set<DirectoryInboxMessage>();
    public DbSet<CommissioningSupportArrangement> SupportArrangements => Set<CommissioningSupportArrangement>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.Entity<DirectoryOrganisation>(e =>
        {
            // SQLite keeps every context in one file: table names are unique across modules.
            e.ToTable("DirectoryOrganisations");
            e.HasKey(o => o.Code);
            e.Property(o => o.Code).HasMaxLength(20);
            e.Property(o => o.Name).HasMaxLength(200);
            e.Property(o => o.Kind).HasMaxLength(40);
            e.Property(o => o.TypeName).HasMaxLength(60);
            e.HasIndex(o => new { o.Kind, o.Code });
        });
        b.Entity<Relationship>(e =>
        {
            e.ToTable("DirectoryRelationships");
            e.HasKey(r => r.Id);
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(40);
            e.Property(r => r.SubjectCode).HasMaxLength(40);
            e.Property(r => r.PartyCode).HasMaxLength(40);
            e.Property(r => r.FromYear).HasMaxLength(7);
            e.Property(r => r.ToYear).HasMaxLength(7);
            // Lookups go both ways: by subject (an entity's parties) and by party (what a caller holds, for list filters).
            e.HasIndex(r => new { r.SubjectCode, r.Kind });
            e.HasIndex(r => new { r.PartyCode, r.Kind });
        });
        b.Entity<AllocationLimit>(e =>
        {
            e.ToTable("DirectoryAllocationLimits");
            e.HasKey(a => new { a.ConsortiumCode, a.Year });
            e.Property(a => a.ConsortiumCode).HasMaxLength(20);
            e.Property(a => a.Year).HasMaxLength(7);
            foreach (var p in new[] { nameof(AllocationLimit.ProgrammeBudget), nameof(AllocationLimit.RunningCostsAllowance),
                         nameof(AllocationLimit.RevenueResourceLimit), nameof(AllocationLimit.CapitalResourceLimit) })
                e.Property(p).HasPrecision(18, 2);
        });
        b.Entity<DirectoryEntity>(e =>
        {
            e.ToTable("DirectoryEntities");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(120);
            e.Property(x => x.TypeName).HasMaxLength(60);
            e.Property(x => x.OwnerCode).HasMaxLength(20);
            e.Property(x => x.Year).HasMaxLength(7);
            e.Property(x => x.Subjects).HasMaxLength(400);
            e.Ignore(x => x.__typename);
        });
        b.Entity<CommissioningSupportArrangement>(e =>
        {
            e.ToTable("DirectorySupportArrangements");
            // One arrangement per consortium, supplier and start; a renewed arrangement starts again.
            e.HasKey(a => new { a.ConsortiumCode, a.SupplierCode, a.From });
            e.Property(a => a.ConsortiumCode).HasMaxLength(20);
            e.Property(a => a.SupplierCode).HasMaxLength(20);
            // The functions as their names, comma-separated (a short descriptive list, never queried by element).
            e.Property(a => a.Functions).HasMaxLength(200).HasConversion(
                f => string.Join(',', f),
                s => s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<CommissioningSupportFunction>).ToList(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<CommissioningSupportFunction>>(
                    (a, b) => a!.SequenceEqual(b!), f => f.Aggregate(0, (h, x) => HashCode.Combine(h, x)), f => f.ToList()));
            e.HasIndex(a => a.SupplierCode);
        });
        b.Entity<DirectoryInboxMessage>(e =>
        {
            e.ToTable("DirectoryInbox");
            e.HasKey(x => x.MessageId);
        });
    }
}
