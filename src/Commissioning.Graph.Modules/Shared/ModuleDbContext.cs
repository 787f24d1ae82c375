using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// What every module's DbContext shares: its own schema (ignored by SQLite, which has none, so
/// table names are unique across modules), money as decimal(18,2), enums stored as their names,
/// and the optimistic-concurrency version bump on save.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The module this context persists; fixes its schema and migrations history table.</summary>
    public abstract GraphModule Module { get; }

    /// <summary>The facts this module has written and the directory has not yet acknowledged (<see cref="Directory.DirectoryOutbox"/>).</summary>
    public DbSet<Directory.DirectoryOutboxMessage> DirectoryOutbox => Set<Directory.DirectoryOutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(DatabaseOptions.SchemaOf(Module));
        ConfigureModel(modelBuilder);
        modelBuilder.Entity<Directory.DirectoryOutboxMessage>(e =>
        {
            // SQLite keeps every context in one file: table names are unique across modules.
            e.ToTable($"{Module}DirectoryOutbox");
            e.HasKey(m => m.Id);
            e.HasIndex(m => m.MessageId).IsUnique();
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                // Money: explicit precision everywhere a module did not choose one (shares are decimal(5,2)).
                if (type == typeof(decimal) && property.GetPrecision() is null)
                {
                    property.SetPrecision(18);
                    property.SetScale(2);
                }
                // SQLite keeps a decimal as TEXT without its trailing zeros (8600000.00 is read back as 8600000.0):
                // read back, it gets its column's scale again, as on PostgreSQL and SQL Server, so that the Decimal
                // scalar serialises the same "8600000.00" whichever database serves it.
                if (type == typeof(decimal) && Database.IsSqlite() && property.GetValueConverter() is null)
                    property.SetValueConverter(DecimalScale.Converter(property.GetScale() ?? 2));
                // Enums as names: readable in the database and stable if members are reordered.
                if (type.IsEnum && property.GetProviderClrType() is null)
                {
                    property.SetProviderClrType(typeof(string));
                    property.SetMaxLength(40);
                }
                if (property.Name == nameof(IVersioned.RowVersion) && typeof(IVersioned).IsAssignableFrom(entity.ClrType))
                    property.IsConcurrencyToken = true;
            }
        }
    }

    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    private static class DecimalScale
    {
        public static ValueConverter<decimal, decimal> Converter(int scale) => new(v => v, v => Restore(v, scale));

        /// <summary><paramref name="value"/> rounded to <paramref name="scale"/> places and written with exactly that many.</summary>
        public static decimal Restore(decimal value, int scale) =>
            decimal.Round(value, scale, MidpointRounding.ToEven) + new decimal(0, 0, 0, false, (byte)scale);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BeforeSave()
    {
        ChangeTracker.DetectChanges();
        EnforceDomainRules(ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList());
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            // The original value stays in the WHERE clause; the stored value moves on by one, so a
            // writer that read the row before this update matches nothing and gets a
            // DbUpdateConcurrencyException.
            if (entry.State == EntityState.Modified)
                entry.Entity.RowVersion = entry.Property(e => e.RowVersion).OriginalValue + 1;
            else if (entry.State == EntityState.Added && entry.Entity.RowVersion == 0)
                entry.Entity.RowVersion = 1;
        }
    }

    /// <summary>Checks rules that must hold however an entity was changed (the last line of defence).</summary>
    protected virtual void EnforceDomainRules(IReadOnlyList<EntityEntry> changes) { }

    /// <summary>
    /// Makes the next save of <paramref name="entity"/> conditional on the version a client read
    /// (and sends back), not the one this context loaded.
    /// </summary>
    public void ExpectVersion<T>(T entity, int expectedRowVersion) where T : class, IVersioned =>
        Entry(entity).Property(e => e.RowVersion).OriginalValue = expectedRowVersion;

    /// <summary>
    /// The check of every mutation that edits a record in place: the client sends the version it read. None is
    /// <c>REQUIRED</c> (<paramref name="whenMissing"/> tells the client what to send), another is a <c>CONFLICT</c>; else the
    /// save is made conditional on it (<see cref="ExpectVersion{T}"/>), so a write in between still conflicts. Returns the
    /// user error (also added to <paramref name="errors"/>), or null when the edit may go ahead.
    /// </summary>
    public UserError? ExpectRevision<T>(T entity, int? expectedRowVersion, UserErrors errors, string whenMissing) where T : class, IVersioned
    {
        if (expectedRowVersion is not { } expected) return errors.Add(whenMissing, UserError.Required, "expectedRowVersion");
        if (expected != entity.RowVersion) return errors.Conflict();
        ExpectVersion(entity, expected);
        return null;
    }

    /// <summary>
    /// A mutation's save: a refusal by the database — a concurrent revision (the version check), a concurrent first record
    /// (a unique index) — is a <c>CONFLICT</c> for the client (returned, and added to <paramref name="errors"/>). A database
    /// that is down is not a conflict: its exception goes on, and the client is told <c>SERVICE_UNAVAILABLE</c>.
    /// Returns null when saved.
    /// </summary>
    public async Task<UserError?> SaveOrConflictAsync(UserErrors errors, CancellationToken ct = default)
    {
        try
        {
            await SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (!DatabaseResilience.IsTransient(e))
        {
            return errors.Conflict();
        }
    }
}
