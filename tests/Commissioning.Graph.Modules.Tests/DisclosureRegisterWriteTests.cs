using System.Data.Common;
using System.Diagnostics;
using Commissioning.Graph.Modules.Governance;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Tests;

/// <summary>
/// The register's write: one statement per response whatever the number of owning organisations disclosed
/// (EF's SQLite provider would send one INSERT per row), writing exactly the rows SaveChanges would.
/// </summary>
public sealed class DisclosureRegisterWriteTests
{
    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers();

    private static readonly DateTime Noon = new(2013, 10, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>One response's records: one per owner, with nulls and several coordinates among them (times to the microsecond, PostgreSQL's precision).</summary>
    private static List<DisclosureRecord> Response(int owners, string requestId = "request-1") =>
        Enumerable.Range(0, owners).Select(i => DisclosureRecord.Create(
                Noon.AddTicks(1234560),
                new DisclosureCaller("X24", i % 3 == 0 ? null : "app-X24", i % 5 == 0 ? null : "user-1", i % 2 == 0 ? "FINANCIAL_ASSURANCE" : null),
                new DisclosureOperation(i % 7 == 0 ? null : "AtRisk", "query", "sha256:" + new string('b', 64), i % 4 == 0 ? null : requestId),
                $"{i:D3}X",
                [new DisclosedCoordinate("FinancialReturn.lines", i + 1), new DisclosedCoordinate("Allocation.programmeBudget", i % 3)]))
            .ToList();

    [Theory, MemberData(nameof(Providers))]
    public async Task A_response_disclosing_many_owners_is_written_in_one_statement(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var statements = new StatementCounter(test.ConnectionMarker);

        await test.Services.GetRequiredService<IDisclosureRegister>().AppendAsync(Response(300));

        var writes = statements.Texts.Where(t => t.Contains("DisclosureRecords", StringComparison.Ordinal)).ToList();
        Assert.Single(writes);
        Assert.StartsWith("INSERT", writes[0], StringComparison.OrdinalIgnoreCase);
        await using var db = test.Governance();
        Assert.Equal(300, await db.DisclosureRecords.CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task More_rows_than_one_statement_carries_are_written_in_a_constant_number_of_statements(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var statements = new StatementCounter(test.ConnectionMarker);
        var records = Response(DatabaseDisclosureRegister.MaxRowsPerStatement * 2 + 1);

        await test.Services.GetRequiredService<IDisclosureRegister>().AppendAsync(records);

        Assert.Equal(3, statements.Texts.Count(t => t.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) && t.Contains("DisclosureRecords", StringComparison.Ordinal)));
        await using var db = test.Governance();
        Assert.Equal(records.Select(r => r.OwningOrganisation), await db.DisclosureRecords.OrderBy(r => r.Id).Select(r => r.OwningOrganisation).ToListAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_rows_written_equal_in_every_column_those_SaveChanges_writes(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        const int owners = 120;
        await test.Services.GetRequiredService<IDisclosureRegister>().AppendAsync(Response(owners));
        await using (var db = test.Governance())
        {
            db.DisclosureRecords.AddRange(Response(owners));
            await db.SaveChangesAsync();
        }

        // The stored values themselves (what the database holds, before any converter reads them back).
        await using var read = test.Governance();
        var connection = read.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var table = provider == DatabaseProvider.Sqlite ? "\"DisclosureRecords\"" : "governance.\"DisclosureRecords\"";
        command.CommandText = $"SELECT * FROM {table} ORDER BY \"Id\"";
        var rows = new List<Dictionary<string, object?>>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));

        Assert.Equal(2 * owners, rows.Count);
        Assert.True(rows[0].Count >= 13, "every column is compared");
        for (var i = 0; i < owners; i++)
        {
            var (batched, saved) = (rows[i], rows[owners + i]);
            foreach (var column in saved.Keys.Where(k => k != "Id"))
                Assert.True(Equals(saved[column], batched[column]), $"row {i}, {column}: SaveChanges wrote {saved[column]}, the register {batched[column]}");
        }
        // And they read back through EF as created.
        var first = await read.DisclosureRecords.OrderBy(r => r.Id).FirstAsync();
        Assert.Equal((Noon.AddTicks(1234560), DateTimeKind.Utc), (first.OccurredAt, first.OccurredAt.Kind));
        Assert.Equal([new DisclosedCoordinate("FinancialReturn.lines", 1)], first.Disclosed);
    }

    /// <summary>The statements EF sent on this test's database (SQLite file or PostgreSQL database).</summary>
    private sealed class StatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _marker;
        private readonly IDisposable _all;
        private readonly List<IDisposable> _subscriptions = [];
        private readonly List<string> _texts = [];

        public StatementCounter(string marker)
        {
            _marker = marker;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public IReadOnlyList<string> Texts { get { lock (_texts) return _texts.ToList(); } }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if ((e.Key == RelationalEventId.CommandExecuted.Name || e.Key == RelationalEventId.CommandError.Name)
                && e.Value is CommandEndEventData data
                && (data.Command.Connection?.ConnectionString.Contains(_marker, StringComparison.Ordinal) == true || data.Command.Connection?.Database == _marker))
                lock (_texts) _texts.Add(data.Command.CommandText.TrimStart());
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            _all.Dispose();
            lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
