using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.NhsCb;

/// <summary>The facts the nhs-cb module owns and publishes to the directory: the board itself and the allocation
/// limits other subgraphs judge a return's duties against.</summary>
public static class NhsCbDirectoryFacts
{
    public static async Task<DirectoryFacts> ReadAsync(NhsCbDbContext db, CancellationToken ct = default)
    {
        var boards = (await db.Boards.AsNoTracking().Select(b => new { b.Code, b.Name }).ToListAsync(ct))
            .Select(b => new DirectoryOrganisation { Code = b.Code, Name = b.Name, Kind = "NHS_COMMISSIONING_BOARD", TypeName = "NhsCommissioningBoard" }).ToList();
        var allocations = (await db.Allocations.AsNoTracking().ToListAsync(ct)).Select(Limit).ToList();
        return new DirectoryFacts(boards, [], allocations);
    }

    public static AllocationLimit Limit(Allocation a) => new()
    {
        ConsortiumCode = a.ConsortiumCode, Year = a.Year, ProgrammeBudget = a.ProgrammeBudget, RunningCostsAllowance = a.RunningCostsAllowance,
        RevenueResourceLimit = a.RevenueResourceLimit, CapitalResourceLimit = a.CapitalResourceLimit,
    };
}
