using System.Data.Common;
using System.Text;
using Commissioning.Graph.Modules.Governance.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Commissioning.Graph.Modules.Governance;

/// <summary>Appends disclosure records. The only write the register has: there is no update or delete.</summary>
public interface IDisclosureRegister
{
    /// <summary>Writes every record or none (one transaction). Throws when they could not be written.</summary>
    Task AppendAsync(IReadOnlyCollection<DisclosureRecord> records, CancellationToken cancellationToken = default);
}

/// <summary>
/// The register in the governance database. A response's records are written as one multi-row
/// <c>INSERT … VALUES (…), (…)</c> on every provider — EF Core's SQLite provider would send one command per
/// row, so a response disclosing data of 300 organisations would cost 300 statements. The statement is built
/// from EF's own model (table, columns, type mappings and value converters), so the mapping stays in
/// <see cref="GovernanceDbContext"/>. At most <see cref="MaxRowsPerStatement"/> rows go in one statement (fewer
/// where the provider's parameter limit demands: SQL Server's 2,100); more rows take more statements, in one
/// transaction. The generated <see cref="DisclosureRecord.Id"/> is not read back (nothing uses it after writing).
/// </summary>
public sealed class DatabaseDisclosureRegister(IDbContextFactory<GovernanceDbContext> contexts) : IDisclosureRegister
{
    /// <summary>The most rows one INSERT carries (a response discloses at most a few hundred owners at seed scale 100).</summary>
    public const int MaxRowsPerStatement = 500;

    public async Task AppendAsync(IReadOnlyCollection<DisclosureRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var insert = RecordInsert.For(db);
        var chunks = records.Chunk(insert.RowsPerStatement).ToList();
        if (chunks.Count == 1)
        {
            // One statement is atomic by itself (and EF runs it in the context's execution strategy).
            await insert.ExecuteAsync(db, chunks[0], cancellationToken);
            return;
        }
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var chunk in chunks) await insert.ExecuteAsync(db, chunk, ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }

    /// <summary>The INSERT's shape, read from the context's model: the table and every column the database does not generate.</summary>
    private sealed class RecordInsert
    {
        private readonly string _table;
        private readonly IReadOnlyList<(IProperty Property, string Column, RelationalTypeMapping Mapping)> _columns;
        private readonly ISqlGenerationHelper _sql;
        public int RowsPerStatement { get; }

        private RecordInsert(DbContext db)
        {
            var entity = db.Model.FindEntityType(typeof(DisclosureRecord))
                         ?? throw new InvalidOperationException("The governance model has no disclosure records.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            _sql = db.GetService<ISqlGenerationHelper>();
            _table = _sql.DelimitIdentifier(table.Name, table.Schema);
            _columns = entity.GetProperties()
                .Where(p => p.ValueGenerated == ValueGenerated.Never)
                .Select(p => (p, p.GetColumnName(table) ?? throw new InvalidOperationException($"{p.Name} has no column."), (RelationalTypeMapping)p.GetTypeMapping()))
                .ToList();
            // SQL Server takes at most 2,100 parameters a command; SQLite 32,766, PostgreSQL 65,535.
            var maxParameters = db.Database.IsSqlServer() ? 2_000 : 30_000;
            RowsPerStatement = Math.Min(MaxRowsPerStatement, maxParameters / _columns.Count);
        }

        public static RecordInsert For(DbContext db) => new(db);

        public async Task ExecuteAsync(DbContext db, IReadOnlyList<DisclosureRecord> rows, CancellationToken cancellationToken)
        {
            var text = new StringBuilder("INSERT INTO ").Append(_table).Append(" (")
                .AppendJoin(", ", _columns.Select(c => _sql.DelimitIdentifier(c.Column))).Append(") VALUES ");
            var parameters = new List<DbParameter>(rows.Count * _columns.Count);
            // A command only to make the provider's parameters; ExecuteSqlRaw sends them on its own command.
            using var factory = db.Database.GetDbConnection().CreateCommand();
            for (var r = 0; r < rows.Count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < _columns.Count; c++)
                {
                    var (property, _, mapping) = _columns[c];
                    var name = _sql.GenerateParameterName($"p{parameters.Count}");
                    // The mapping applies the property's value converter (the JSON columns), as SaveChanges would.
                    var value = property.GetGetter().GetClrValue(rows[r]);
                    parameters.Add(mapping.CreateParameter(factory, name, value, property.IsNullable));
                    text.Append(c == 0 ? "" : ", ").Append(_sql.GenerateParameterNamePlaceholder($"p{parameters.Count - 1}"));
                }
                text.Append(')');
            }
            await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, cancellationToken);
        }
    }
}
