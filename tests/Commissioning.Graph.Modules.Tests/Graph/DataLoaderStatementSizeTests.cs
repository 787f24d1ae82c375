using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>Issue 10, finding 5: however many keys a DataLoader batch gathers, no SQL statement carries more
/// than <see cref="GraphModuleResources.MaxKeysPerStatement"/> of them as parameters.</summary>
public sealed class DataLoaderStatementSizeTests
{
    [Fact]
    public async Task A_batch_larger_than_a_statement_allows_is_read_in_bounded_chunks_and_merged()
    {
        var keys = Enumerable.Range(0, 1_201).ToList();
        var statements = new List<int>();
        var result = await GraphModuleResources.InChunksAsync(keys, GraphModuleResources.MaxKeysPerStatement, chunk =>
        {
            statements.Add(chunk.Count);
            return Task.FromResult<IReadOnlyDictionary<int, string>>(chunk.ToDictionary(k => k, k => $"row {k}"));
        });
        Assert.Equal([500, 500, 201], statements);
        Assert.Equal(keys, result.Keys.Order());
        Assert.Equal("row 1200", result[1200]);
    }

    [Fact]
    public async Task A_batch_within_the_bound_is_one_statement()
    {
        var statements = 0;
        await GraphModuleResources.InChunksAsync(Enumerable.Range(0, 500).ToList(), GraphModuleResources.MaxKeysPerStatement, chunk =>
        {
            statements++;
            return Task.FromResult<IReadOnlyDictionary<int, int>>(new Dictionary<int, int>());
        });
        Assert.Equal(1, statements);
    }
}
