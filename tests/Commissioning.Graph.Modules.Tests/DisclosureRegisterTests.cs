using Commissioning.Graph.Modules.Governance;
using Commissioning.Graph.Modules.Governance.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Tests;

/// <summary>The disclosure register: append-only in code and in the database, and read per organisation.</summary>
public sealed class DisclosureRegisterTests
{
    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers();

    private static readonly DateTime Noon = new(2013, 10, 1, 12, 0, 0, DateTimeKind.Utc);

    internal static DisclosureRecord Record(string owner, string caller = "X24", DateTime? at = null, params (string Coordinate, int Records)[] disclosed) =>
        DisclosureRecord.Create(at ?? Noon,
            new DisclosureCaller(caller, "app-" + caller, "user-1", "FINANCIAL_ASSURANCE"),
            new DisclosureOperation("Returns", "query", "sha256:" + new string('a', 64)),
            owner,
            (disclosed.Length == 0 ? [("FinancialReturn.lines", 1)] : disclosed).Select(d => new DisclosedCoordinate(d.Coordinate, d.Records)));

    private static async Task AppendAsync(TestDatabase test, params DisclosureRecord[] records) =>
        await test.Services.GetRequiredService<IDisclosureRegister>().AppendAsync(records);

    [Fact]
    public void A_record_sorts_its_coordinates_and_sums_their_records()
    {
        var record = Record("01A", disclosed: [("FinancialReturn.lines", 6), ("Allocation.programmeBudget", 1), ("FinancialReturn.lines", 2), ("FinancialReturn.duties", 0)]);
        Assert.Equal(["Allocation.programmeBudget", "FinancialReturn.lines"], record.SchemaCoordinates);
        Assert.Equal([new DisclosedCoordinate("Allocation.programmeBudget", 1), new DisclosedCoordinate("FinancialReturn.lines", 8)], record.Disclosed);
        Assert.Equal(9, record.Records);
    }

    [Fact]
    public void A_record_needs_a_utc_time_and_something_disclosed()
    {
        Assert.Throws<ArgumentException>(() => Record("01A", at: new DateTime(2013, 10, 1, 12, 0, 0, DateTimeKind.Unspecified)));
        Assert.Throws<ArgumentException>(() => Record("01A", disclosed: [("FinancialReturn.lines", 0)]));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Appended_records_read_back_as_written(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await AppendAsync(test, Record("01A", disclosed: [("FinancialReturn.lines", 6), ("FinancialReturn.duties", 6)]), Record("02B"));

        await using var db = test.Governance();
        var stored = await db.DisclosureRecords.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(["01A", "02B"], stored.Select(r => r.OwningOrganisation));
        var first = stored[0];
        Assert.Equal(Noon, first.OccurredAt);
        Assert.Equal(DateTimeKind.Utc, first.OccurredAt.Kind);
        Assert.Equal(("X24", "app-X24", "user-1", "FINANCIAL_ASSURANCE"), (first.CallerOrganisation, first.ClientApplicationId, first.Subject, first.PurposeOfUse));
        Assert.Equal(("Returns", "query"), (first.OperationName, first.OperationType));
        Assert.StartsWith("sha256:", first.DocumentHash);
        Assert.Equal(["FinancialReturn.duties", "FinancialReturn.lines"], first.SchemaCoordinates);
        Assert.Equal(12, first.Records);
        Assert.Equal(6, first.Disclosed.Single(d => d.Coordinate == "FinancialReturn.lines").Records);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_context_refuses_to_update_or_delete_a_record(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await AppendAsync(test, Record("01A"));

        await using (var db = test.Governance())
        {
            var record = await db.DisclosureRecords.SingleAsync();
            db.Entry(record).Property(r => r.CallerOrganisation).CurrentValue = "03C";
            var e = await Assert.ThrowsAsync<DomainRuleException>(() => db.SaveChangesAsync());
            Assert.Equal("DISCLOSURE_REGISTER_APPEND_ONLY", e.Code);
        }
        await using (var db = test.Governance())
        {
            db.DisclosureRecords.Remove(await db.DisclosureRecords.SingleAsync());
            Assert.Throws<DomainRuleException>(() => db.SaveChanges());
        }
        await using (var db = test.Governance())
            Assert.Equal("X24", (await db.DisclosureRecords.SingleAsync()).CallerOrganisation);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_database_refuses_update_and_delete_issued_in_raw_sql(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await AppendAsync(test, Record("01A"));
        var table = provider == DatabaseProvider.Sqlite ? "\"DisclosureRecords\"" : "governance.\"DisclosureRecords\"";

        await using var db = test.Governance();
        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync($"UPDATE {table} SET \"CallerOrganisation\" = '03C'"));
        Assert.Contains("append-only", update.Message);
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync($"DELETE FROM {table}"));
        Assert.Contains("append-only", delete.Message);
        if (provider == DatabaseProvider.PostgreSql)
            Assert.Contains("append-only", (await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync($"TRUNCATE {table}"))).Message);

        var still = await db.DisclosureRecords.AsNoTracking().SingleAsync();
        Assert.Equal("X24", still.CallerOrganisation);
        // Appending goes on working.
        await AppendAsync(test, Record("02B"));
        Assert.Equal(2, await db.DisclosureRecords.CountAsync());
    }

    [Fact]
    public void Every_provider_migration_creates_the_append_only_triggers()
    {
        foreach (var (factory, expected) in new (object Factory, string Expected)[]
                 {
                     (new SqliteGovernanceDesignTimeFactory(), "RAISE(ABORT"),
                     (new PostgreSqlGovernanceDesignTimeFactory(), "BEFORE TRUNCATE"),
                     (new SqlServerGovernanceDesignTimeFactory(), "INSTEAD OF DELETE"),
                 })
        {
            using var db = (DbContext)factory.GetType().GetMethod("CreateDbContext")!.Invoke(factory, [Array.Empty<string>()])!;
            var script = db.GetService<IMigrator>().GenerateScript();
            Assert.Contains(GovernanceDbContext.NoUpdateTrigger, script);
            Assert.Contains(GovernanceDbContext.NoDeleteTrigger, script);
            Assert.Contains(expected, script);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_organisation_reads_only_disclosures_about_itself_and_the_board_reads_all(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await AppendAsync(test,
            Record("01A", at: Noon), Record("02B", at: Noon.AddMinutes(1)), Record("01A", caller: "02B", at: Noon.AddMinutes(2)), Record("03C", at: Noon.AddDays(1)));
        var query = test.Services.GetRequiredService<DisclosureQuery>();

        var own = await query.ReadAsync(new DisclosureReader("01A", SeesAll: false), null, null, null, 10, null);
        Assert.Equal(2, own.TotalCount);
        Assert.All(own.Records, r => Assert.Equal("01A", r.OwningOrganisation));
        // Asking for another organisation's records gives none of them.
        Assert.Empty((await query.ReadAsync(new DisclosureReader("01A", false), "02B", null, null, 10, null)).Records);

        var all = await query.ReadAsync(new DisclosureReader("X24", SeesAll: true), null, null, null, 10, null);
        Assert.Equal(["03C", "01A", "02B", "01A"], all.Records.Select(r => r.OwningOrganisation)); // newest first
        Assert.Equal(["02B"], (await query.ReadAsync(new DisclosureReader("X24", true), "02B", null, null, 10, null)).Records.Select(r => r.OwningOrganisation));
        var window = await query.ReadAsync(new DisclosureReader("X24", true), null, Noon.AddMinutes(1), Noon.AddDays(1), 10, null);
        Assert.Equal(["01A", "02B"], window.Records.Select(r => r.OwningOrganisation));

        var page1 = await query.ReadAsync(new DisclosureReader("X24", true), null, null, null, 3, null);
        Assert.True(page1.HasNextPage);
        var page2 = await query.ReadAsync(new DisclosureReader("X24", true), null, null, null, 3, page1.Records[^1].Id);
        Assert.False(page2.HasNextPage);
        Assert.Equal(4, page2.TotalCount);
        Assert.Equal(all.Records.Select(r => r.Id), page1.Records.Concat(page2.Records).Select(r => r.Id));
    }
}
