using Microsoft.Extensions.DependencyInjection;
using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.LocalGovernment;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Tests;

/// <summary>Migrate, seed, concurrency and immutability against a real database (SQLite; PostgreSQL when configured).</summary>
public sealed class PersistenceTests
{
    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers();

    [Theory, MemberData(nameof(Providers))]
    public async Task Migrate_and_seed_load_the_demonstration_codes_and_relations(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await test.SeedAsync();

        await using (var db = test.Commissioning())
        {
            var consortia = await db.Consortia.OrderBy(c => c.Code).Select(c => c.Code).ToListAsync();
            Assert.Equal(["01A", "02B", "03C"], consortia);
            Assert.Equal(["NQ1", "RNV", "RRC"], await db.Providers.OrderBy(p => p.Code).Select(p => p.Code).ToListAsync());
            Assert.Equal(OrganisationKind.Consortium, (await db.Organisations.SingleAsync(o => o.Code == "01A")).Kind);
            var today = new DateOnly(2013, 10, 1);
            var current = await db.ConsortiumMemberships.Where(m => m.From <= today && (m.To == null || m.To >= today))
                .OrderBy(m => m.PracticeCode).Select(m => new { m.ConsortiumCode, m.PracticeCode }).ToListAsync();
            Assert.Equal(12, current.Count);
            Assert.Equal(["A01001", "A01002", "A01003", "A01004"], current.Where(m => m.ConsortiumCode == "01A").Select(m => m.PracticeCode));
            Assert.Equal(["A02001", "A02002", "A02003", "A02004"], current.Where(m => m.ConsortiumCode == "02B").Select(m => m.PracticeCode));
            Assert.Equal(["A03001", "A03002", "A03003", "A03004"], current.Where(m => m.ConsortiumCode == "03C").Select(m => m.PracticeCode));
            // History is kept: A02004 used to be in 01A.
            Assert.Contains(await db.ConsortiumMemberships.Where(m => m.PracticeCode == "A02004").ToListAsync(), m => m.ConsortiumCode == "01A" && m.To != null);
            // HWB memberships live in the directory alone (its one source of truth), with their dates.
            await using (var directory = test.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Directory.Persistence.DirectoryDbContext>>().CreateDbContext())
                Assert.Equal(["HWB-E06000002", "HWB-E10000001"],
                    await directory.Relationships.Where(r => r.Kind == Directory.RelationshipKind.HwbMemberConsortium && r.PartyCode == "02B")
                        .OrderBy(r => r.SubjectCode).Select(r => r.SubjectCode).ToListAsync());

            var returns = await db.FinancialReturns.Include(r => r.Lines).Include(r => r.PracticeBreakdown).Where(r => r.Year == "2013-14").ToListAsync();
            foreach (var code in consortia)
            {
                var mine = returns.Where(r => r.ConsortiumCode == code).ToList();
                Assert.Equal([1, 2, 3, 4, 5, 6], mine.Select(r => r.Month).Distinct().Order());
                Assert.Equal(FinancialReturnStatus.Draft, mine.Single(r => r.Month == 6).Status);
                Assert.Contains(mine, r => r.Status == FinancialReturnStatus.Submitted);
                Assert.Contains(mine, r => r.Status == FinancialReturnStatus.Accepted);
                Assert.All(mine, r => Assert.Equal(7, r.Lines.Count));
                Assert.All(mine, r => Assert.Equal(r.TotalForecastOutturn, r.PracticeBreakdown.Sum(p => p.ForecastOutturn)));
            }
            Assert.Contains(returns, r => r.ConsortiumCode == "02B" && r.Month == 3 && r.Version == 2 && r.Status == FinancialReturnStatus.Accepted);
            Assert.Contains(returns, r => r.ConsortiumCode == "02B" && r.Month == 3 && r.Version == 1 && r.Status == FinancialReturnStatus.Queried);

            var contracts = await db.Contracts.OrderBy(c => c.Code).Select(c => new { c.CommissionerCode, c.ProviderCode }).ToListAsync();
            Assert.Contains(contracts, c => c.CommissionerCode == "01A" && c.ProviderCode == "RNV");
            Assert.Contains(contracts, c => c.CommissionerCode == "03C" && c.ProviderCode == "RRC");
            Assert.Contains(contracts, c => c.CommissionerCode == "02B" && c.ProviderCode == "NQ1");

            var lca = await db.LeadCommissioningArrangements.Include(a => a.Associates).Include(a => a.Contracts).SingleAsync(a => a.Code == "LCA-ACUTE-RNV");
            Assert.Equal(("01A", "RNV"), (lca.LeadCode, lca.ProviderCode));
            Assert.Equal(30m, lca.Associates.Single(a => a.ConsortiumCode == "02B").SharePercent);
            Assert.Equal(20m, lca.Associates.Single(a => a.ConsortiumCode == "03C").SharePercent);
            Assert.Equal(50m, lca.LeadSharePercent);
            Assert.Equal("CT-01A-RNV", Assert.Single(lca.Contracts).ContractCode);
        }

        await using (var lg = test.LocalGovernment())
        {
            var boards = await lg.HealthAndWellbeingBoards.OrderBy(h => h.Code).Select(h => new { h.Code, h.LocalAuthorityCode }).ToListAsync();
            Assert.Equal(["HWB-E06000002", "HWB-E10000001"], boards.Select(b => b.Code));
            Assert.Equal("E10000001", boards.Single(b => b.Code == "HWB-E10000001").LocalAuthorityCode);
            Assert.Equal("Northvale County Council", (await lg.LocalAuthorities.SingleAsync(a => a.Code == "E10000001")).Name);
            Assert.Equal("Riverside City Council", (await lg.LocalAuthorities.SingleAsync(a => a.Code == "E06000002")).Name);

            var jsnas = await lg.Jsnas.Include(j => j.Contributions).ThenInclude(c => c.Indicators).ToListAsync();
            Assert.Equal(2, jsnas.Count);
            var contributions = jsnas.SelectMany(j => j.Contributions).ToList();
            Assert.Contains(contributions, c => c.Status == JsnaContributionStatus.Draft);
            Assert.Contains(contributions, c => c.Status == JsnaContributionStatus.Submitted);
            Assert.Contains(contributions, c => c.Indicators.Any(i => i.Numerator is >= 1 and <= 7));
            Assert.Contains(jsnas.Single(j => j.HwbCode == "HWB-E06000002").Contributions, c => c.ConsortiumCode == "02B");

            var ld = await lg.PooledBudgets.Include(p => p.Partners).Include(p => p.Contributions).SingleAsync(p => p.Code == "POOL-LD-NV");
            Assert.Equal("E10000001", ld.HostCode);
            Assert.Equal(["01A", "02B", "E10000001"], ld.Partners.Select(p => p.PartnerCode).Order());
            var ic = await lg.PooledBudgets.Include(p => p.Partners).Include(p => p.Expenditure).SingleAsync(p => p.Code == "POOL-IC-RS");
            Assert.Equal("03C", ic.HostCode);
            Assert.Equal(["03C", "E06000002"], ic.Partners.Select(p => p.PartnerCode).Order());
            Assert.NotEmpty(ic.Expenditure);
        }

        await using (var cb = test.NhsCb())
        {
            Assert.Equal("NHS Commissioning Board", (await cb.Boards.SingleAsync(b => b.Code == "X24")).Name);
            Assert.Equal(["01A", "02B", "03C"], await cb.Allocations.Where(a => a.Year == "2013-14").OrderBy(a => a.ConsortiumCode).Select(a => a.ConsortiumCode).ToListAsync());
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Seeded_duties_fail_for_the_over_spending_consortium_only(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await test.SeedAsync();
        await using var db = test.Commissioning();
        await using var cb = test.NhsCb();
        foreach (var code in new[] { "01A", "02B", "03C" })
        {
            var latest = await db.FinancialReturns.Include(r => r.Lines)
                .Where(r => r.ConsortiumCode == code && r.Year == "2013-14").OrderByDescending(r => r.Month).ThenByDescending(r => r.Version).FirstAsync();
            var allocation = await cb.Allocations.SingleAsync(a => a.ConsortiumCode == code && a.Year == "2013-14");
            var duties = FinancialDuties.Assess(latest, allocation.Figures);
            Assert.Equal(code != "03C", duties.AllMet);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Seeding_twice_changes_nothing(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await test.SeedAsync();
        var before = await CountsAsync(test);
        await test.SeedAsync();
        Assert.Equal(before, await CountsAsync(test));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Scale_ten_has_ten_times_the_consortia_practices_and_returns(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await test.SeedAsync();
        var demo = await CountsAsync(test);
        await test.SeedAsync(scale: 10); // grows the demo set in place
        var large = await CountsAsync(test);
        Assert.Equal(3, demo.Consortia);
        Assert.Equal(30, large.Consortia);
        Assert.Equal(10 * demo.Practices, large.Practices);
        Assert.Equal(30 * 6 + 1, large.Returns); // months 1–6 each, plus the demo's one corrected version
        Assert.Equal(30, large.Allocations);
        await test.SeedAsync(scale: 10);
        Assert.Equal(large, await CountsAsync(test));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_writers_of_the_same_return_the_second_gets_a_concurrency_exception(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await test.SeedAsync();
        await using var first = test.Commissioning();
        await using var second = test.Commissioning();
        var a = await first.FinancialReturns.Include(r => r.Lines).SingleAsync(r => r.ConsortiumCode == "01A" && r.Month == 6);
        var b = await second.FinancialReturns.Include(r => r.Lines).SingleAsync(r => r.ConsortiumCode == "01A" && r.Month == 6);
        Assert.Equal(a.RowVersion, b.RowVersion);

        a.SetLine(ProgrammeBudgetCategory.Acute, 200_000_000m, 100_000_000m, 201_000_000m);
        await first.SaveChangesAsync();
        b.SetLine(ProgrammeBudgetCategory.Acute, 200_000_000m, 100_000_000m, 199_000_000m);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = test.Commissioning();
        var stored = await check.FinancialReturns.Include(r => r.Lines).SingleAsync(r => r.ConsortiumCode == "01A" && r.Month == 6);
        Assert.Equal(201_000_000m, stored.Lines.Single(l => l.Category == ProgrammeBudgetCategory.Acute).ForecastOutturn);
        Assert.Equal(a.RowVersion, stored.RowVersion);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_client_sending_back_a_stale_version_is_refused(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await test.SeedAsync();
        await using var db = test.Commissioning();
        var r = await db.FinancialReturns.Include(x => x.Lines).SingleAsync(x => x.ConsortiumCode == "02B" && x.Month == 6);
        var clientVersion = r.RowVersion - 1;
        r.SetCapital(1_000_000m, 400_000m, 1_000_000m);
        db.ExpectVersion(r, clientVersion);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_submitted_returns_lines_cannot_be_changed(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await test.SeedAsync();
        await using (var db = test.Commissioning())
        {
            var submitted = await db.FinancialReturns.Include(r => r.Lines).SingleAsync(r => r.ConsortiumCode == "01A" && r.Month == 5);
            Assert.Equal(FinancialReturnStatus.Submitted, submitted.Status);
            // Through the entity: refused at once.
            var e = Assert.Throws<DomainRuleException>(() => submitted.SetLine(ProgrammeBudgetCategory.Acute, 1m, 1m, 1m));
            Assert.Equal("RETURN_IMMUTABLE", e.Code);
        }
        await using (var db = test.Commissioning())
        {
            // Around the entity, on the line alone: refused on save.
            var line = await db.FinancialReturnLines.FirstAsync(l => db.FinancialReturns.Any(r => r.Id == l.FinancialReturnId && r.ConsortiumCode == "01A" && r.Month == 5));
            line.ForecastOutturn += 1_000m;
            Assert.Equal("RETURN_IMMUTABLE", (await Assert.ThrowsAsync<DomainRuleException>(() => db.SaveChangesAsync())).Code);
        }
        await using (var db = test.Commissioning())
        {
            // A correction is a new version, which can be edited and submitted.
            var submitted = await db.FinancialReturns.Include(r => r.Lines).Include(r => r.PracticeBreakdown).SingleAsync(r => r.ConsortiumCode == "01A" && r.Month == 5);
            var correction = submitted.CreateCorrection(DateTime.UtcNow);
            correction.SetLine(ProgrammeBudgetCategory.Acute, 1m, 1m, 1m);
            db.FinancialReturns.Add(correction);
            await db.SaveChangesAsync();
            Assert.Equal(2, correction.Version);
        }
    }

    private sealed record Counts(int Consortia, int Practices, int Memberships, int Returns, int Lines, int Contracts, int Contributions, int Pools, int Allocations);

    private static async Task<Counts> CountsAsync(TestDatabase test)
    {
        await using var db = test.Commissioning();
        await using var lg = test.LocalGovernment();
        await using var cb = test.NhsCb();
        return new Counts(
            await db.Consortia.CountAsync(), await db.GpPractices.CountAsync(), await db.ConsortiumMemberships.CountAsync(),
            await db.FinancialReturns.CountAsync(), await db.FinancialReturnLines.CountAsync(), await db.Contracts.CountAsync(),
            await lg.JsnaContributions.CountAsync(), await lg.PooledBudgets.CountAsync(), await cb.Allocations.CountAsync());
    }
}
