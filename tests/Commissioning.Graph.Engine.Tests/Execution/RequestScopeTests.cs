using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Xunit;

namespace Commissioning.Graph.Engine.Tests.Execution;

/// <summary>The request's typed scope: what concurrent resolvers share within one request, and never across two.</summary>
public class RequestScopeTests
{
    private const string Sdl = "type Query { rows: [Row!]! } type Row { caller: String! } type Subscription { tick: String! }";

    // Each row's field hops to the thread pool before it reads the scope and records into its ledger, so the
    // resolvers of one request really run on several threads at once.
    private static Schema Build(int rows)
    {
        var schema = SdlSchemaBuilder.Build(Sdl);
        schema.Field("Query.rows").Resolver = _ => new ValueTask<object?>(Enumerable.Range(0, rows).ToList());
        schema.Field("Row.caller").Resolver = async ctx =>
        {
            var row = (int)ctx.Source!;
            return await Task.Run(() =>
            {
                var caller = AuthorizationSubject.Of(ctx).Organisation!;
                ctx.Scope.Disclosures.Record("Row.caller", caller + "/" + (row % 7));
                return caller;
            });
        };
        return schema;
    }

    [Fact]
    public async Task Concurrent_resolvers_recording_into_one_request_ledger_lose_nothing()
    {
        const int rows = 4000;
        var scope = new RequestScope(AuthorizationSubject.For("01A"));
        var result = await Executor.ExecuteAsync(new ExecutionRequest { Schema = Build(rows), Document = Parser.Parse("{ rows { caller } }"), Scope = scope });

        Assert.Null(result.Errors);
        var entries = scope.Disclosures.Entries;
        Assert.Equal(7, entries.Count);
        Assert.Equal(rows, entries.Sum(e => e.Records));
        // Rows 0..3999 by remainder mod 7: 572 for remainders 0..3, 571 for 4..6.
        Assert.Equal(Enumerable.Range(0, 7).Select(r => rows / 7 + (r < rows % 7 ? 1 : 0)), entries.OrderBy(e => e.OwningOrganisation).Select(e => e.Records));
    }

    [Fact]
    public async Task Concurrent_requests_never_see_each_others_caller_or_disclosures()
    {
        const int requests = 40, rows = 50;
        var schema = Build(rows);
        var scopes = Enumerable.Range(0, requests).Select(i => new RequestScope(AuthorizationSubject.For($"ORG{i:00}"))).ToArray();
        var results = await Task.WhenAll(scopes.Select(scope =>
            Executor.ExecuteAsync(new ExecutionRequest { Schema = schema, Document = Parser.Parse("{ rows { caller } }"), Scope = scope })));

        for (var i = 0; i < requests; i++)
        {
            var own = $"ORG{i:00}";
            var data = (IReadOnlyDictionary<string, object?>)results[i].Data!;
            var callers = ((IEnumerable<object?>)data["rows"]!).Select(r => (string)((IReadOnlyDictionary<string, object?>)r!)["caller"]!).ToList();
            Assert.Equal(Enumerable.Repeat(own, rows), callers);
            Assert.All(scopes[i].Disclosures.Entries, e => Assert.StartsWith(own + "/", e.OwningOrganisation));
            Assert.Equal(rows, scopes[i].Disclosures.Entries.Sum(e => e.Records));
        }
    }

    [Fact]
    public async Task Each_subscription_event_executes_as_the_subscriber_in_a_scope_of_its_own()
    {
        var schema = SdlSchemaBuilder.Build(Sdl);
        var seen = new ConcurrentQueue<RequestScope>();
        schema.Field("Subscription.tick").Subscriber = _ => new ValueTask<IAsyncEnumerable<object?>>(Events(3));
        schema.Field("Subscription.tick").Resolver = ctx =>
        {
            seen.Enqueue(ctx.Scope);
            ctx.Scope.Disclosures.Record("Subscription.tick", "OWNER");
            return new ValueTask<object?>($"{AuthorizationSubject.Of(ctx).Organisation}:{ctx.Source}");
        };
        var subscriber = AuthorizationSubject.For("X24", purpose: "AUDIT");
        var subscription = new RequestScope(subscriber);
        var made = new List<RequestScope>();
        var stream = (await Executor.SubscribeAsync(new ExecutionRequest
        {
            Schema = schema, Document = Parser.Parse("subscription { tick }"), Scope = subscription,
            EventScope = () => { var s = subscription.ForEvent(); made.Add(s); return s; },
        })).Stream!;

        var results = new List<string>();
        await foreach (var r in stream) results.Add(r.ToJson());

        Assert.Equal(new[] { """{"data":{"tick":"X24:1"}}""", """{"data":{"tick":"X24:2"}}""", """{"data":{"tick":"X24:3"}}""" }, results);
        Assert.Equal(made, seen);
        Assert.Equal(3, made.Distinct().Count());
        Assert.All(made, s => Assert.Same(subscriber, s.Subject));
        // Each event's ledger holds its own disclosure only; the subscription's scope recorded none.
        Assert.All(made, s => Assert.Equal(1, Assert.Single(s.Disclosures.Entries).Records));
        Assert.False(subscription.HasDisclosures);
    }

    [Fact]
    public async Task Without_an_event_scope_each_event_gets_a_fresh_scope_for_the_same_subscriber()
    {
        var schema = SdlSchemaBuilder.Build(Sdl);
        var seen = new ConcurrentQueue<RequestScope>();
        schema.Field("Subscription.tick").Subscriber = _ => new ValueTask<IAsyncEnumerable<object?>>(Events(2));
        schema.Field("Subscription.tick").Resolver = ctx =>
        {
            seen.Enqueue(ctx.Scope);
            return new ValueTask<object?>(AuthorizationSubject.Of(ctx).Organisation);
        };
        var subscription = new RequestScope(AuthorizationSubject.For("01A"));
        var stream = (await Executor.SubscribeAsync(new ExecutionRequest { Schema = schema, Document = Parser.Parse("subscription { tick }"), Scope = subscription })).Stream!;
        var results = new List<string>();
        await foreach (var r in stream) results.Add(r.ToJson());

        Assert.Equal(new[] { """{"data":{"tick":"01A"}}""", """{"data":{"tick":"01A"}}""" }, results);
        Assert.Equal(2, seen.Distinct().Count());
        Assert.DoesNotContain(subscription, seen);
        Assert.NotSame(seen.First().DataLoaders, seen.Last().DataLoaders);
    }

    private sealed class Tally { public int Count; }

    [Fact]
    public void A_feature_is_created_once_per_request_whoever_asks_first()
    {
        var scope = new RequestScope();
        Assert.Null(scope.Features.Get<Tally>());
        var got = new ConcurrentBag<Tally>();
        Parallel.For(0, 1000, _ => got.Add(scope.Features.GetOrAdd<Tally>()));
        Assert.Single(got.Distinct());
        Assert.Same(got.First(), scope.Features.Get<Tally>());
        Assert.NotSame(got.First(), new RequestScope().Features.GetOrAdd<Tally>());
    }

    [Fact]
    public void A_scope_without_a_caller_is_anonymous_to_the_authorisation_layer()
    {
        var ctx = new Introspection.FakeResolveContext(Introspection.SampleSchema.Build(), null);
        Assert.Null(ctx.Scope.Subject);
        Assert.Same(AuthorizationSubject.Anonymous, AuthorizationSubject.Of(ctx));
    }

    private static async IAsyncEnumerable<object?> Events(int count, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 1; i <= count; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }
}
