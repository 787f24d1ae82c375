using System.Net.Sockets;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Commissioning.Graph.Modules.Tests;

/// <summary><see cref="ModuleDbContext.SaveOrConflictAsync"/>, the save of every mutation: what another writer got to
/// first is the client's CONFLICT; a database that cannot be reached is not, and its failure goes on (the Server answers
/// SERVICE_UNAVAILABLE, see Server.Tests' DatabaseOutageTests).</summary>
public sealed class SaveOrConflictTests
{
    private sealed class FailingSave(Exception failure) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) => throw failure;
    }

    private static NhsCbDbContext Context(TestDatabase test, Exception? failure = null)
    {
        var options = new DbContextOptionsBuilder<SqliteNhsCbDbContext>().UseSqlite($"Data Source={test.SqliteFile};Pooling=False");
        if (failure is not null) options.AddInterceptors(new FailingSave(failure));
        return new SqliteNhsCbDbContext(options.Options);
    }

    [Fact]
    public async Task A_revision_of_a_version_another_writer_moved_on_is_a_conflict_and_nothing_is_saved()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await test.SeedAsync();
        await using var db = Context(test);
        var allocation = await db.Allocations.OrderBy(a => a.Id).FirstAsync();
        var budget = allocation.ProgrammeBudget;
        allocation.ProgrammeBudget += 1;
        db.ExpectVersion(allocation, allocation.RowVersion + 1);   // the client read a version this row does not have
        var errors = new UserErrors();

        var conflict = await db.SaveOrConflictAsync(errors);

        Assert.Equal(UserError.Conflict, conflict?.Code);
        Assert.Equal([conflict!], errors.List);
        await using var check = Context(test);
        Assert.Equal(budget, (await check.Allocations.SingleAsync(a => a.Id == allocation.Id)).ProgrammeBudget);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_not_a_conflict_its_failure_goes_on()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await test.SeedAsync();
        var refused = new DbUpdateException("An error occurred while saving the entity changes.", new SocketException((int)SocketError.ConnectionRefused));
        await using var db = Context(test, refused);
        (await db.Allocations.OrderBy(a => a.Id).FirstAsync()).ProgrammeBudget += 1;
        var errors = new UserErrors();

        Assert.Same(refused, await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveOrConflictAsync(errors)));
        Assert.False(errors.Any);
    }
}
