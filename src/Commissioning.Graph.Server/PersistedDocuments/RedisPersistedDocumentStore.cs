using Commissioning.Graph.Engine.Caching;
using Commissioning.Graph.Server.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Commissioning.Graph.Server.PersistedDocuments;

/// <summary>
/// Persisted documents in Redis, shared by every instance. Published documents (<c>persist</c> verb) are kept
/// under <c>{prefix}pd:pub:{id}</c> for good; APQ registrations under <c>{prefix}pd:apq:{id}</c>, with their
/// bytes charged to their owner and to the total, and each use recorded in sorted sets so that a Lua script
/// evicts the least recently used (of the owner, then of all) in the same atomic step that adds one.
/// Reads go through a small bounded cache in this process (a document never changes under its id), which also
/// serves recently used documents while Redis is down; a miss then is <see cref="PersistedDocumentStoreUnavailableException"/>.
/// A folder of published documents, when configured, is read first and needs no Redis.
/// </summary>
public sealed class RedisPersistedDocumentStore : IPersistedDocumentStore
{
    // KEYS: none (the keys derive from ARGV[1], the prefix; one Redis, not a cluster).
    // ARGV: prefix, id, text, owner, now (ms, unused: recency is the pd:clock counter), max bytes per owner, max bytes in all, max documents.
    // Returns {kept (0/1), total bytes, documents}.
    private const string RegisterScript = """
        local p, id, text, owner = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        local maxOwner, maxAll, maxCount = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
        -- Recency is a counter, not a clock: two uses in one millisecond (or on two instances) still have an order.
        local now = redis.call('INCR', ARGV[1]..'pd:clock')
        local size = string.len(text) * 2 + 128
        local function evict(victim)
          local vsize = tonumber(redis.call('HGET', p..'pd:size', victim) or '0')
          local vowner = redis.call('HGET', p..'pd:owner', victim)
          redis.call('DEL', p..'pd:apq:'..victim)
          redis.call('HDEL', p..'pd:size', victim)
          redis.call('HDEL', p..'pd:owner', victim)
          redis.call('ZREM', p..'pd:lru', victim)
          if vowner then
            redis.call('ZREM', p..'pd:lru:'..vowner, victim)
            if redis.call('HINCRBY', p..'pd:bytes', vowner, -vsize) <= 0 then redis.call('HDEL', p..'pd:bytes', vowner) end
          end
          redis.call('DECRBY', p..'pd:total', vsize)
        end
        if redis.call('HEXISTS', p..'pd:size', id) == 1 then
          redis.call('ZADD', p..'pd:lru', now, id)
          local o = redis.call('HGET', p..'pd:owner', id)
          if o then redis.call('ZADD', p..'pd:lru:'..o, now, id) end
          return {1, tonumber(redis.call('GET', p..'pd:total') or '0'), redis.call('ZCARD', p..'pd:lru')}
        end
        if size > maxOwner or size > maxAll then
          return {0, tonumber(redis.call('GET', p..'pd:total') or '0'), redis.call('ZCARD', p..'pd:lru')}
        end
        while tonumber(redis.call('HGET', p..'pd:bytes', owner) or '0') + size > maxOwner do
          local oldest = redis.call('ZRANGE', p..'pd:lru:'..owner, 0, 0)[1]
          if not oldest then break end
          evict(oldest)
        end
        while tonumber(redis.call('GET', p..'pd:total') or '0') + size > maxAll or (maxCount > 0 and redis.call('ZCARD', p..'pd:lru') >= maxCount) do
          local oldest = redis.call('ZRANGE', p..'pd:lru', 0, 0)[1]
          if not oldest then break end
          evict(oldest)
        end
        redis.call('SET', p..'pd:apq:'..id, text)
        redis.call('HSET', p..'pd:size', id, size)
        redis.call('HSET', p..'pd:owner', id, owner)
        redis.call('ZADD', p..'pd:lru', now, id)
        redis.call('ZADD', p..'pd:lru:'..owner, now, id)
        redis.call('HINCRBY', p..'pd:bytes', owner, size)
        local total = redis.call('INCRBY', p..'pd:total', size)
        return {1, total, redis.call('ZCARD', p..'pd:lru')}
        """;

    // ARGV: prefix, id, now (unused: recency is the pd:clock counter). A published document first, else a registration (its use recorded). Returns the text or nil.
    private const string GetScript = """
        local p, id = ARGV[1], ARGV[2]
        local now = redis.call('INCR', p..'pd:clock')
        local text = redis.call('GET', p..'pd:pub:'..id)
        if text then return text end
        text = redis.call('GET', p..'pd:apq:'..id)
        if text then
          redis.call('ZADD', p..'pd:lru', 'XX', now, id)
          local o = redis.call('HGET', p..'pd:owner', id)
          if o then redis.call('ZADD', p..'pd:lru:'..o, 'XX', now, id) end
        end
        return text
        """;

    private readonly RedisConnection _redis;
    private readonly PersistedDocumentOptions _options;
    private readonly FilePersistedDocumentStore? _folder;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;

    public RedisPersistedDocumentStore(RedisConnection redis, PersistedDocumentOptions options, ILogger<RedisPersistedDocumentStore> logger,
        FilePersistedDocumentStore? folder = null, TimeProvider? clock = null)
    {
        (_redis, _options, _folder, _logger, _clock) = (redis, options, folder, logger, clock ?? TimeProvider.System);
        Local = new BoundedLruCache<string>(options.LocalCacheBytes);
        PersistedDocumentTelemetry.Track(Local);
    }

    /// <summary>Documents read or registered recently, kept in this process.</summary>
    public BoundedLruCache<string> Local { get; }

    /// <summary>The bytes of APQ registrations in Redis, as the last registration of this process reported them.</summary>
    public long SharedBytes { get; private set; }
    public long SharedCount { get; private set; }

    public async ValueTask<string?> GetAsync(string documentId, CancellationToken cancellationToken)
    {
        var id = PersistedDocumentIds.Normalise(documentId);
        if (_folder is not null && await _folder.GetAsync(id, cancellationToken) is { } published) return published;
        if (Local.TryGet(id, out var local)) return local;
        RedisResult result;
        try
        {
            result = await _redis.Database.ScriptEvaluateAsync(GetScript, values: [_redis.KeyPrefix, id, _clock.GetUtcNow().ToUnixTimeMilliseconds()]);
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e))
        {
            _logger.LogWarning("Persisted document {Id} could not be read: Redis is unavailable ({Error})", id, e.Message);
            throw new PersistedDocumentStoreUnavailableException("The persisted-document store is unavailable; send the document's text with its hash, or retry later.", e);
        }
        if (result.IsNull) return null;
        var text = (string)result!;
        Local.Set(id, text, PersistedDocumentIds.BytesOf(text));
        return text;
    }

    public async ValueTask<bool> RegisterAsync(string documentId, string document, string owner, CancellationToken cancellationToken)
    {
        var id = PersistedDocumentIds.Normalise(documentId);
        try
        {
            var r = (RedisResult[])(await _redis.Database.ScriptEvaluateAsync(RegisterScript, values:
                [_redis.KeyPrefix, id, document, owner, _clock.GetUtcNow().ToUnixTimeMilliseconds(),
                 _options.MaxBytesPerCaller, _options.MaxBytes, _options.MaxDocuments]))!;
            SharedBytes = (long)r[1];
            SharedCount = (long)r[2];
            var kept = (long)r[0] == 1;
            if (kept) Local.Set(id, document, PersistedDocumentIds.BytesOf(document));
            return kept;
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e))
        {
            // Registration is best effort: the request runs with the text it carries.
            _logger.LogWarning("Persisted document {Id} was not registered: Redis is unavailable ({Error})", id, e.Message);
            return false;
        }
    }

    /// <summary>Publishes a document for good (the <c>persist</c> verb): it is never evicted.</summary>
    public async Task PublishAsync(string id, string document) =>
        await _redis.Database.StringSetAsync(_redis.KeyPrefix + "pd:pub:" + PersistedDocumentIds.Normalise(id), document);
}
