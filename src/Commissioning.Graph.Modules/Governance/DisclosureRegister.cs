using Commissioning.Graph.Modules.Governance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Governance;

/// <summary>Appends disclosure records. The only write the register has: there is no update or delete.</summary>
public interface IDisclosureRegister
{
    /// <summary>Writes every record or none (one SaveChanges, one transaction). Throws when they could not be written.</summary>
    Task AppendAsync(IReadOnlyCollection<DisclosureRecord> records, CancellationToken cancellationToken = default);
}

/// <summary>The register in the governance database.</summary>
public sealed class DatabaseDisclosureRegister(IDbContextFactory<GovernanceDbContext> contexts) : IDisclosureRegister
{
    public async Task AppendAsync(IReadOnlyCollection<DisclosureRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.DisclosureRecords.AddRange(records);
        await db.SaveChangesAsync(cancellationToken);
    }
}
