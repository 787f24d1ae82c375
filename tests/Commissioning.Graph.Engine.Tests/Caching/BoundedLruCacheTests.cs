using Commissioning.Graph.Engine.Caching;

namespace Commissioning.Graph.Engine.Tests.Caching;

public sealed class BoundedLruCacheTests
{
    [Fact]
    public void Adding_past_the_byte_bound_evicts_the_least_recently_used_first()
    {
        var cache = new BoundedLruCache<string>(maxBytes: 300);
        cache.Set("a", "A", 100);
        cache.Set("b", "B", 100);
        cache.Set("c", "C", 100);
        Assert.True(cache.TryGet("a", out _));   // a is now the most recently used; b the least
        cache.Set("d", "D", 100);
        Assert.False(cache.ContainsKey("b"));
        Assert.True(cache.ContainsKey("a") && cache.ContainsKey("c") && cache.ContainsKey("d"));
        Assert.Equal(300, cache.Bytes);
        Assert.Equal(1, cache.Evictions);
    }

    [Fact]
    public void An_entry_larger_than_the_bound_is_not_kept_and_evicts_nothing()
    {
        var cache = new BoundedLruCache<string>(maxBytes: 100);
        cache.Set("small", "s", 60);
        Assert.False(cache.Set("huge", "h", 101));
        Assert.False(cache.ContainsKey("huge"));
        Assert.True(cache.ContainsKey("small"));
    }

    [Fact]
    public void One_owner_past_its_own_bound_evicts_only_its_own_entries()
    {
        var cache = new BoundedLruCache<string>(maxBytes: 1000, maxBytesPerOwner: 200);
        cache.Set("other1", "o", 100, owner: "other");
        cache.Set("other2", "o", 100, owner: "other");
        for (var i = 0; i < 10; i++) cache.Set("flood" + i, "f", 100, owner: "flooder");
        Assert.Equal(200, cache.BytesOf("flooder"));
        Assert.True(cache.ContainsKey("flood9") && cache.ContainsKey("flood8"));
        Assert.False(cache.ContainsKey("flood7"));
        Assert.True(cache.ContainsKey("other1") && cache.ContainsKey("other2"));
        Assert.Equal(400, cache.Bytes);
    }

    [Fact]
    public void The_total_bound_evicts_across_owners_in_least_recently_used_order()
    {
        var cache = new BoundedLruCache<string>(maxBytes: 300, maxBytesPerOwner: 200);
        cache.Set("x1", "x", 100, owner: "x");
        cache.Set("y1", "y", 100, owner: "y");
        cache.Set("z1", "z", 100, owner: "z");
        cache.Set("x2", "x", 100, owner: "x");
        Assert.False(cache.ContainsKey("x1"));
        Assert.Equal(300, cache.Bytes);
        Assert.Equal(100, cache.BytesOf("x"));
    }

    [Fact]
    public void The_count_bound_evicts_the_least_recently_used()
    {
        var cache = new BoundedLruCache<int>(maxBytes: long.MaxValue, maxEntries: 2);
        cache.Set("1", 1, 1);
        cache.Set("2", 2, 1);
        cache.Set("3", 3, 1);
        Assert.Equal(2, cache.Count);
        Assert.False(cache.ContainsKey("1"));
    }

    [Fact]
    public void Replacing_an_entry_recounts_its_bytes()
    {
        var cache = new BoundedLruCache<string>(maxBytes: 1000);
        cache.Set("k", "v1", 400, owner: "o");
        cache.Set("k", "v2", 100, owner: "o");
        Assert.Equal(100, cache.Bytes);
        Assert.Equal(100, cache.BytesOf("o"));
        Assert.True(cache.TryGet("k", out var v) && v == "v2");
        Assert.True(cache.Remove("k"));
        Assert.Equal(0, cache.Bytes);
        Assert.Equal(0, cache.BytesOf("o"));
    }
}
