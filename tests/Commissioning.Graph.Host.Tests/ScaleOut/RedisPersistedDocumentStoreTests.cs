using Commissioning.Graph.Server;
using Commissioning.Graph.Server.PersistedDocuments;
using Commissioning.Graph.Server.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Commissioning.Graph.Host.Tests.ScaleOut;

/// <summary>A Redis of the tests' own for the store's Lua scripts.</summary>
public sealed class RedisForStoreTests : IAsyncLifetime
{
    public RedisServerProcess Redis { get; private set; } = null!;
    public async Task InitializeAsync() => Redis = await RedisServerProcess.StartAsync();
    public async Task DisposeAsync() => await Redis.DisposeAsync();
}

/// <summary>The Redis store's bounds, enforced atomically by its scripts: bytes per caller and in all, least recently used out.</summary>
public sealed class RedisPersistedDocumentStoreTests(RedisForStoreTests fixture) : IClassFixture<RedisForStoreTests>
{
    // 314 characters: each registration costs 2 x 314 + 128 = 756 bytes in the store's accounting.
    private static string Doc(int i) => $"# {i:000} {new string('x', 298)}\n{{ hello }}";
    private static string Id(string doc) => Commissioning.Graph.Engine.PreparedDocument.ComputeHash(doc);

    private (RedisPersistedDocumentStore Store, RedisConnection Connection) Store(long perCaller, long total)
    {
        var connection = new RedisConnection(Options.Create(new RedisOptions { Configuration = fixture.Redis.Configuration, KeyPrefix = $"t{Guid.NewGuid():N}:" }),
            NullLogger<RedisConnection>.Instance);
        // No local cache to speak of, so every read goes to Redis.
        var options = new PersistedDocumentOptions { MaxBytesPerCaller = perCaller, MaxBytes = total, LocalCacheBytes = 1 };
        return (new RedisPersistedDocumentStore(connection, options, NullLogger<RedisPersistedDocumentStore>.Instance), connection);
    }

    [Fact]
    public async Task A_caller_past_its_bound_loses_its_own_least_recently_used_documents_not_others()
    {
        var (store, connection) = Store(perCaller: 3 * 756, total: 100 * 756);
        await using var _ = connection;
        Assert.True(await store.RegisterAsync(Id(Doc(900)), Doc(900), "other/app", default));
        for (var i = 0; i < 3; i++) Assert.True(await store.RegisterAsync(Id(Doc(i)), Doc(i), "flood/app", default));
        Assert.NotNull(await store.GetAsync(Id(Doc(0)), default));   // 0 used again: 1 is the flooder's least recently used
        Assert.True(await store.RegisterAsync(Id(Doc(3)), Doc(3), "flood/app", default));
        Assert.Null(await store.GetAsync(Id(Doc(1)), default));
        Assert.NotNull(await store.GetAsync(Id(Doc(0)), default));
        Assert.NotNull(await store.GetAsync(Id(Doc(3)), default));
        Assert.NotNull(await store.GetAsync(Id(Doc(900)), default));
        Assert.Equal(4 * 756, store.SharedBytes);
    }

    [Fact]
    public async Task The_total_bound_evicts_the_least_recently_used_of_all_callers()
    {
        var (store, connection) = Store(perCaller: 10 * 756, total: 3 * 756);
        await using var _ = connection;
        for (var i = 0; i < 3; i++) Assert.True(await store.RegisterAsync(Id(Doc(i)), Doc(i), $"caller{i}/app", default));
        Assert.True(await store.RegisterAsync(Id(Doc(3)), Doc(3), "caller3/app", default));
        Assert.Null(await store.GetAsync(Id(Doc(0)), default));
        Assert.Equal(3, store.SharedCount);
        Assert.Equal(3 * 756, store.SharedBytes);
    }

    [Fact]
    public async Task A_document_over_a_bound_is_not_registered_and_published_documents_are_never_evicted()
    {
        var (store, connection) = Store(perCaller: 500, total: 1000);
        await using var _ = connection;
        Assert.False(await store.RegisterAsync(Id(Doc(0)), Doc(0), "a/app", default));
        Assert.Null(await store.GetAsync(Id(Doc(0)), default));
        await store.PublishAsync(Id(Doc(1)), Doc(1));
        Assert.Equal(Doc(1), await store.GetAsync(Id(Doc(1)), default));
    }
}
