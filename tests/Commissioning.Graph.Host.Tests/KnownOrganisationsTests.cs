using Commissioning.Graph.Host.Graph;
using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Host.Tests;

/// <summary>
/// The organisations a token may name are looked up in the directory on demand, by key, and remembered in a bounded
/// cache (<see cref="DatabaseKnownOrganisations"/>): no statement reads every code, and a caller's requests add one
/// look-up per <c>KnownFor</c> at most, however many they are.
/// </summary>
public sealed class KnownOrganisationsTests(DemoGraphServers servers) : IClassFixture<DemoGraphServers>
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly KnownOrganisationsOptions Options = new() { KnownFor = TimeSpan.FromMinutes(5), UnknownFor = TimeSpan.FromSeconds(30) };

    private async Task<(DemoGraphServer Server, DatabaseKnownOrganisations Known, ManualClock Clock)> StartAsync()
    {
        var server = await servers.For(DatabaseProvider.Sqlite);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        return (server, new DatabaseKnownOrganisations(server.Services, clock, Microsoft.Extensions.Options.Options.Create(Options)), clock);
    }

    private static async Task<(bool Known, IReadOnlyList<string> Statements)> AskAsync(DemoGraphServer server, DatabaseKnownOrganisations known, string code)
    {
        var before = server.Statements.Count;
        var answer = await known.IsKnownAsync(code, CancellationToken.None);
        return (answer, server.Statements.Skip(before).ToList());
    }

    [Fact]
    public async Task A_code_is_looked_up_by_key_once_then_answered_from_memory_until_it_expires()
    {
        var (server, known, clock) = await StartAsync();
        using var _ = known;

        var first = await AskAsync(server, known, "01A");
        Assert.True(first.Known);
        var lookup = Assert.Single(first.Statements);
        Assert.Contains("DirectoryOrganisations", lookup);
        Assert.Contains("WHERE", lookup, StringComparison.OrdinalIgnoreCase);

        // Lower case names the same organisation; answered from memory for KnownFor.
        clock.Now += Options.KnownFor - TimeSpan.FromSeconds(1);
        var again = await AskAsync(server, known, "01a");
        Assert.True(again.Known);
        Assert.Empty(again.Statements);

        clock.Now += TimeSpan.FromSeconds(2);
        var expired = await AskAsync(server, known, "01A");
        Assert.True(expired.Known);
        Assert.Single(expired.Statements);
    }

    [Fact]
    public async Task An_unknown_code_is_refused_and_the_refusal_remembered_only_briefly()
    {
        var (server, known, clock) = await StartAsync();
        using var _ = known;

        var first = await AskAsync(server, known, "ZZZ99");
        Assert.False(first.Known);
        Assert.Single(first.Statements);

        var again = await AskAsync(server, known, "ZZZ99");
        Assert.False(again.Known);
        Assert.Empty(again.Statements);

        // A new organisation is seen once UnknownFor has passed.
        clock.Now += Options.UnknownFor + TimeSpan.FromSeconds(1);
        var later = await AskAsync(server, known, "ZZZ99");
        Assert.False(later.Known);
        Assert.Single(later.Statements);
    }

    [Fact]
    public async Task Concurrent_requests_naming_one_uncached_code_share_one_look_up()
    {
        var (server, known, _) = await StartAsync();
        using var __ = known;
        var before = server.Statements.Count;
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => known.IsKnownAsync("02B", CancellationToken.None).AsTask()));
        Assert.All(answers, Assert.True);
        Assert.Single(server.Statements.Skip(before));
    }

    [Fact]
    public async Task Priming_answers_many_codes_in_one_statement()
    {
        var (server, known, _) = await StartAsync();
        using var __ = known;
        var before = server.Statements.Count;
        await known.PrimeAsync(["01A", "02B", "X24", "ZZZ98"]);
        Assert.Single(server.Statements.Skip(before));

        var after = server.Statements.Count;
        Assert.True(await known.IsKnownAsync("X24", CancellationToken.None));
        Assert.False(await known.IsKnownAsync("ZZZ98", CancellationToken.None));
        Assert.Equal(after, server.Statements.Count);
    }

    [Fact]
    public async Task Requests_of_a_known_caller_run_no_look_up()
    {
        var server = await servers.For(DatabaseProvider.Sqlite);
        // Primed at start (DemoGraphServer) and then remembered: a request's statements are the query's only.
        var before = server.Statements.Count;
        await server.DataAsync("{ __typename }", caller: "03C");
        await server.DataAsync("{ __typename }", caller: "03C");
        Assert.Equal(before, server.Statements.Count);
    }
}
