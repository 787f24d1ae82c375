using System.Text.Json;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Commissioning.Graph.Modules.Governance.Persistence;

/// <summary>
/// The governance tables (schema <c>governance</c>): the disclosure register. Not a graph module of
/// its own — every subgraph that serves restricted data writes to it — so it is registered with
/// <see cref="GovernanceServiceCollectionExtensions.AddGovernancePersistence(Microsoft.Extensions.DependencyInjection.IServiceCollection, DatabaseOptions, string?)"/>
/// and migrated with the modules by <see cref="CommissioningDatabase"/>.
/// </summary>
public class GovernanceDbContext : DbContext
{
    public const string Schema = "governance";
    public const string DisclosureRecordsTable = "DisclosureRecords";
    /// <summary>The database triggers that refuse UPDATE and DELETE (created by the migrations of every provider).</summary>
    public const string NoUpdateTrigger = "DisclosureRecords_NoUpdate";
    public const string NoDeleteTrigger = "DisclosureRecords_NoDelete";

    public GovernanceDbContext(DbContextOptions<GovernanceDbContext> options) : base(options) { }
    protected GovernanceDbContext(DbContextOptions options) : base(options) { }

    public DbSet<DisclosureRecord> DisclosureRecords => Set<DisclosureRecord>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.Entity<DisclosureRecord>(e =>
        {
            e.ToTable(DisclosureRecordsTable, t =>
            {
                // Declared so that EF Core does not use OUTPUT/RETURNING forms that triggers forbid (SQL Server).
                t.HasTrigger(NoUpdateTrigger);
                t.HasTrigger(NoDeleteTrigger);
            });
            e.HasKey(r => r.Id);
            e.Property(r => r.OccurredAt).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
            e.Property(r => r.CallerOrganisation).HasMaxLength(20);
            e.Property(r => r.ClientApplicationId).HasMaxLength(100);
            e.Property(r => r.Subject).HasMaxLength(200);
            e.Property(r => r.PurposeOfUse).HasMaxLength(40);
            e.Property(r => r.OperationName).HasMaxLength(200);
            e.Property(r => r.OperationType).HasMaxLength(20);
            e.Property(r => r.DocumentHash).HasMaxLength(80);
            e.Property(r => r.OwningOrganisation).HasMaxLength(20);
            e.Property(r => r.Principal).HasMaxLength(20);
            e.Property(r => r.RequestId).HasMaxLength(100);
            // The register reads one client request's records together (one disclosure per client request).
            e.HasIndex(r => r.RequestId);
            e.Property(r => r.SchemaCoordinates).HasConversion(
                v => JsonSerializer.Serialize(v, JsonOptions),
                v => JsonSerializer.Deserialize<List<string>>(v, JsonOptions) ?? new List<string>(),
                new ValueComparer<IReadOnlyList<string>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()));
            e.Property(r => r.Disclosed).HasConversion(
                v => JsonSerializer.Serialize(v, JsonOptions),
                v => JsonSerializer.Deserialize<List<DisclosedCoordinate>>(v, JsonOptions) ?? new List<DisclosedCoordinate>(),
                new ValueComparer<IReadOnlyList<DisclosedCoordinate>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, d) => HashCode.Combine(h, d)), v => v.ToList()));
            // The query API reads by owner and time, newest first.
            e.HasIndex(r => new { r.OwningOrganisation, r.OccurredAt });
            e.HasIndex(r => r.OccurredAt);
            // Disclosures made to a caller, by time.
            e.HasIndex(r => new { r.CallerOrganisation, r.OccurredAt });
        });
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseChangesToRecordedDisclosures();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseChangesToRecordedDisclosures();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The register is append-only: whatever code tries, a recorded disclosure is never updated or deleted.</summary>
    private void RefuseChangesToRecordedDisclosures()
    {
        ChangeTracker.DetectChanges();
        var changed = ChangeTracker.Entries<DisclosureRecord>().FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (changed is not null)
            throw new DomainRuleException("DISCLOSURE_REGISTER_APPEND_ONLY",
                $"The disclosure register is append-only: disclosure record {changed.Entity.Id} cannot be {(changed.State == EntityState.Deleted ? "deleted" : "updated")}.");
    }
}
