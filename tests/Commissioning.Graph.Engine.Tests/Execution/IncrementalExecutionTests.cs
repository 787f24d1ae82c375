using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Execution;

/// <summary>@defer and @stream with what plain JSON cannot show (the differential corpus covers the payload
/// format): asynchronous sources, DataLoader batching across deferred work, cancellation, and the ordinary
/// path left alone.</summary>
public class IncrementalExecutionTests
{
    private static async Task<(JsonElement Initial, List<JsonElement> Later)> Run(Schema schema, string query,
        object? root = null, CancellationToken cancellationToken = default)
    {
        var result = await Executor.ExecuteIncrementallyAsync(new ExecutionRequest
        {
            Schema = schema, Document = Parser.Parse(query), RootValue = root, CancellationToken = cancellationToken,
        });
        var initial = Json(w => ResultJsonWriter.WriteInitial(w, result));
        var rest = new List<JsonElement>();
        if (result.Subsequent is { } payloads)
            await foreach (var payload in payloads.WithCancellation(cancellationToken)) rest.Add(Json(w => ResultJsonWriter.WriteSubsequent(w, payload)));
        return (initial, rest);
    }

    private static JsonElement Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, ResultJsonWriter.WriterOptions)) write(w);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    private static List<int> StreamedInts(List<JsonElement> payloads) => payloads
        .SelectMany(p => p.TryGetProperty("incremental", out var inc) ? inc.EnumerateArray() : Enumerable.Empty<JsonElement>())
        .SelectMany(e => e.GetProperty("items").EnumerateArray()).Select(i => i.GetInt32()).ToList();

    private static async IAsyncEnumerable<object?> Numbers(int count, Exception? failAfter = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 1; i <= count; i++)
        {
            await Task.Yield();
            yield return i;
        }
        if (failAfter is not null) throw failAfter;
    }

    private static Schema NumbersSchema(Func<IAsyncEnumerable<object?>> source) => new SchemaBuilder()
        .Query("Query", q => q.Field("numbers", "[Int]", f => f.Resolve(_ => source())).Field("hello", "String", f => f.Resolve(_ => "hi")))
        .Build().WithIncrementalDelivery();

    [Fact]
    public async Task A_stream_fed_by_an_async_enumerable_sends_initialCount_items_first_then_the_rest()
    {
        var (initial, rest) = await Run(NumbersSchema(() => Numbers(5)), "{ numbers @stream(initialCount: 2, label: \"n\") }");
        Assert.Equal("{\"numbers\":[1,2]}", initial.GetProperty("data").GetRawText());
        Assert.Equal("[{\"id\":\"0\",\"path\":[\"numbers\"],\"label\":\"n\"}]", initial.GetProperty("pending").GetRawText());
        Assert.Equal(new[] { 3, 4, 5 }, StreamedInts(rest));
        Assert.False(rest[^1].GetProperty("hasNext").GetBoolean());
        Assert.Equal("[{\"id\":\"0\"}]", rest[^1].GetProperty("completed").GetRawText());
    }

    [Fact]
    public async Task An_async_enumerable_without_stream_is_completed_as_a_whole_list()
    {
        var (initial, rest) = await Run(NumbersSchema(() => Numbers(3)), "{ numbers }");
        Assert.Equal("{\"data\":{\"numbers\":[1,2,3]}}", initial.GetRawText());
        Assert.Empty(rest);
    }

    [Fact]
    public async Task A_source_that_fails_mid_stream_completes_the_stream_with_an_error_located_at_the_field()
    {
        var (_, rest) = await Run(NumbersSchema(() => Numbers(3, new InvalidOperationException("ledger unavailable"))), "{ numbers @stream(initialCount: 1) }");
        Assert.Equal(new[] { 2, 3 }, StreamedInts(rest));
        var completed = rest[^1].GetProperty("completed")[0];
        var error = completed.GetProperty("errors")[0];
        Assert.Equal("ledger unavailable", error.GetProperty("message").GetString());
        Assert.Equal("[\"numbers\"]", error.GetProperty("path").GetRawText());
        Assert.Equal(1, error.GetProperty("locations")[0].GetProperty("line").GetInt32());
    }

    private sealed class Calls
    {
        private readonly ConcurrentDictionary<string, int> _calls = new();
        public void Add(string loader) => _calls.AddOrUpdate(loader, 1, (_, n) => n + 1);
        public int this[string loader] => _calls.GetValueOrDefault(loader);
    }

    // Lines whose detail is read through a DataLoader, as a return's lines are read from the database.
    private static Schema LinesSchema(Calls calls, int count) => new SchemaBuilder()
        .Query("Query", q => q.Field("lines", "[Line!]!", f => f.Resolve(_ => Enumerable.Range(0, count).ToList())))
        .Object("Line", o => o
            .Field("id", "Int!", f => f.Resolve<int>(i => i))
            .Field("amount", "Int", f => f.ResolveAsync(async ctx =>
                (object?)await ctx.GetDataLoader<int, int>("amount", async (keys, ct) =>
                {
                    calls.Add("amount");
                    await Task.Yield();
                    return keys.ToDictionary(k => k, k => k * 10);
                }).LoadAsync((int)ctx.Source!))))
        .Build().WithIncrementalDelivery();

    [Fact]
    public async Task A_streamed_list_loads_through_a_DataLoader_once_per_payload_not_once_per_item()
    {
        var calls = new Calls();
        var (initial, rest) = await Run(LinesSchema(calls, 250), "{ lines @stream(initialCount: 10) { id amount } }");
        var items = rest.SelectMany(p => p.TryGetProperty("incremental", out var inc) ? inc.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .SelectMany(e => e.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(10, initial.GetProperty("data").GetProperty("lines").GetArrayLength());
        Assert.Equal(240, items.Count);
        Assert.Equal(2490, items[^1].GetProperty("amount").GetInt32());
        // The initial 10 items, then batches of 100, 100 and 40 items: four batch calls for 250 lines.
        Assert.Equal(4, calls["amount"]);
    }

    [Fact]
    public async Task Deferred_fragments_of_every_list_item_load_in_one_batch()
    {
        var calls = new Calls();
        var (initial, rest) = await Run(LinesSchema(calls, 30), "{ lines { id ... @defer { amount } } }");
        Assert.Equal(30, initial.GetProperty("pending").GetArrayLength());
        // How many payloads carry them depends on when the batch returns; every fragment arrives once.
        Assert.Equal(30, rest.Sum(p => p.TryGetProperty("incremental", out var inc) ? inc.GetArrayLength() : 0));
        Assert.Equal(30, rest.Sum(p => p.TryGetProperty("completed", out var done) ? done.GetArrayLength() : 0));
        Assert.Equal(1, calls["amount"]);
    }

    [Fact]
    public async Task A_schema_without_defer_and_stream_executes_the_document_as_an_ordinary_one()
    {
        var schema = new SchemaBuilder().Query("Query", q => q.Field("hello", "String", f => f.Resolve(_ => "hi"))).Build();
        var (initial, rest) = await Run(schema, "{ ... @defer { hello } }");
        Assert.Equal("{\"data\":{\"hello\":\"hi\"}}", initial.GetRawText());
        Assert.Empty(rest);
    }

    [Fact]
    public async Task Cancelling_the_request_ends_a_waiting_stream_with_cancellation_not_a_hang()
    {
        using var cts = new CancellationTokenSource();
        var schema = NumbersSchema(() => Forever(cts));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run(schema, "{ numbers @stream(initialCount: 1) }", cancellationToken: cts.Token));

        static async IAsyncEnumerable<object?> Forever(CancellationTokenSource cts, [EnumeratorCancellation] CancellationToken ct = default)
        {
            yield return 1;
            cts.Cancel();
            await Task.Delay(Timeout.Infinite, ct);
            yield return 2;
        }
    }
}
