using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Host.Commands;
using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Directory;
using Commissioning.Graph.Modules.Directory.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Server.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Commissioning.Graph.Host.Tests.Policies;

/// <summary>
/// Two instances of the commissioning subgraph (<c>serve --module commissioning</c> over TestServer) and the directory
/// subgraph on one shared database, none relaying outboxes in the background (<c>Directory:Outbox:Relay=false</c>),
/// so that what reaches the directory, and when, is decided by each test alone.
/// </summary>
public abstract class OutboxSubgraphs(DatabaseProvider provider) : IAsyncLifetime
{
    private GraphDatabase _database = null!;
    private readonly List<WebApplication> _apps = [];
    public WebApplication Writer { get; private set; } = null!;
    public WebApplication Reader { get; private set; } = null!;
    public WebApplication Directory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await GraphDatabase.CreateAsync(provider, "outbox");
        // Every module's tables and the demonstration data, as `seed` makes them, before any subgraph starts.
        await using (var seed = ServeCommand.BuildGraphServer(ServeCommand.WithDevelopmentDefault(
            [.. _database.ServeArguments, "--Database:PrepareOnStart=MigrateAndSeed"]), null, builder => builder.WebHost.UseTestServer()))
            await ServeCommand.PrepareDatabaseAsync(seed);
        Writer = await StartAsync("commissioning", relay: false);
        Reader = await StartAsync("commissioning", relay: false);
        Directory = await StartAsync("directory", relay: false);
    }

    /// <summary>Another instance of <paramref name="module"/> on the same database (a restart, when <paramref name="relay"/>).</summary>
    public async Task<WebApplication> StartAsync(string module, bool relay)
    {
        var app = ServeCommand.BuildGraphServer(ServeCommand.WithDevelopmentDefault(
            [.. _database.ServeArguments, $"--Directory:Outbox:Relay={relay}", "--Directory:Outbox:PollIntervalMs=50", "--Database:PrepareOnStart=None"]),
            module, builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        _apps.Add(app);
        return app;
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        await _database.DisposeAsync();
    }

    public static async Task<JsonElement> PostAsync(WebApplication app, string caller, string query, object? variables = null, string purpose = "COMMISSIONING")
    {
        using var client = app.GetTestClient();
        var token = app.Services.GetRequiredService<DevelopmentTokenAuthority>().Mint(new DevelopmentTokenRequest { Organisation = caller });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Purpose-Of-Use", purpose);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>
/// A relationship fact changed through one subgraph instance reaches every instance's policies through the directory:
/// at once once the writer's delivery is acknowledged (policies read the directory per request, nothing cached), and —
/// when the writer crashed between its commit and the delivery — through the next relay, exactly once (the outbox
/// message id is applied once however often it is delivered). The observed latencies are printed, not asserted.
/// </summary>
public abstract class DirectoryOutboxTests<TSubgraphs>(TSubgraphs subgraphs, ITestOutputHelper output) : IClassFixture<TSubgraphs>
    where TSubgraphs : OutboxSubgraphs
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>Whether <paramref name="caller"/> may read the practice's <c>prescribingSpend</c> (policy
    /// <c>memberConsortium | nhscb</c>): null when allowed, else the refusal's code.</summary>
    private static async Task<string?> RefusalAsync(Microsoft.AspNetCore.Builder.WebApplication instance, string caller, string practice)
    {
        var body = await OutboxSubgraphs.PostAsync(instance, caller, $$"""{ gpPractice(code: "{{practice}}") { code prescribingSpend } }""");
        if (!body.TryGetProperty("errors", out var errors)) return null;
        return errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()).FirstOrDefault();
    }

    /// <summary>A current member practice of <paramref name="consortium"/> not used by another test.</summary>
    private async Task<string> PracticeOfAsync(string consortium, int index)
    {
        await using var scope = subgraphs.Writer.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommissioningDbContext>();
        var practices = await db.ConsortiumMemberships.Where(m => m.ConsortiumCode == consortium && m.To == null)
            .OrderBy(m => m.PracticeCode).Select(m => m.PracticeCode).ToListAsync();
        Assert.True(practices.Count > index, $"{consortium} has {practices.Count} practices");
        return practices[index];
    }

    private static async Task<int> PendingAsync(Microsoft.AspNetCore.Builder.WebApplication instance) =>
        await instance.Services.GetRequiredService<DirectoryOutboxRelay>().PendingAsync();

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_membership_written_through_one_instance_is_seen_by_the_other_instances_policy_when_the_write_returns()
    {
        var practice = await PracticeOfAsync("01A", 0);
        Assert.Equal("FORBIDDEN", await RefusalAsync(subgraphs.Reader, "02B", practice));

        var watch = Stopwatch.StartNew();
        await PracticeMemberships.MoveAndDeliverAsync(subgraphs.Writer.Services, practice, "02B", Today, "test: moves consortium");
        var acknowledged = watch.Elapsed;

        // The delivery was acknowledged before the write returned: the very next request of any instance sees it, the writer's too.
        Assert.Null(await RefusalAsync(subgraphs.Reader, "02B", practice));
        var seen = watch.Elapsed;
        Assert.Null(await RefusalAsync(subgraphs.Writer, "02B", practice));
        Assert.Equal(0, await PendingAsync(subgraphs.Writer));
        output.WriteLine($"write + outbox + delivery acknowledged in {acknowledged.TotalMilliseconds:F0} ms; the other instance's policy flipped by {seen.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task A_change_committed_before_a_crash_is_delivered_once_by_the_next_relay_and_a_redelivery_changes_nothing()
    {
        var practice = await PracticeOfAsync("03C", 0);
        Assert.Equal("FORBIDDEN", await RefusalAsync(subgraphs.Reader, "02B", practice));

        // The writer commits the membership and its outbox message, then "crashes" before delivering it.
        await using (var scope = subgraphs.Writer.Services.CreateAsyncScope())
            await PracticeMemberships.MoveAsync(scope.ServiceProvider.GetRequiredService<CommissioningDbContext>(), practice, "02B", Today, "test: crash before relay");
        Assert.Equal(1, await PendingAsync(subgraphs.Writer));
        DirectoryOutboxMessage message;
        await using (var scope = subgraphs.Writer.Services.CreateAsyncScope())
            message = await scope.ServiceProvider.GetRequiredService<CommissioningDbContext>().DirectoryOutbox.AsNoTracking().SingleAsync();
        // Committed in the module, not yet in the directory: no policy anywhere sees it.
        Assert.Equal("FORBIDDEN", await RefusalAsync(subgraphs.Reader, "02B", practice));
        Assert.Equal("FORBIDDEN", await RefusalAsync(subgraphs.Writer, "02B", practice));

        // A restarted instance relays at start: poll the other instance's decision, up to a deadline.
        var watch = Stopwatch.StartNew();
        await subgraphs.StartAsync("commissioning", relay: true);
        while (await RefusalAsync(subgraphs.Reader, "02B", practice) is not null)
        {
            Assert.True(watch.Elapsed < Deadline, $"the restarted relay did not deliver within {Deadline}");
            await Task.Delay(20);
        }
        output.WriteLine($"restart to the other instance's policy flipping: {watch.Elapsed.TotalMilliseconds:F0} ms (start-up included)");
        while (await PendingAsync(subgraphs.Writer) > 0) Assert.True(watch.Elapsed < Deadline, "the outbox was not emptied");

        var directory = subgraphs.Writer.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
        async Task<int> AppliedAsync() { await using var db = await directory.CreateDbContextAsync(); return await db.Inbox.CountAsync(m => m.MessageId == message.MessageId); }
        Assert.Equal(1, await AppliedAsync());

        // The relay crashed after the directory applied the message but before deleting it: delivered again, applied not again.
        await using (var scope = subgraphs.Writer.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommissioningDbContext>();
            db.DirectoryOutbox.Add(new DirectoryOutboxMessage { MessageId = message.MessageId, CreatedAt = message.CreatedAt, Facts = message.Facts });
            await db.SaveChangesAsync();
        }
        Assert.Equal(0, await subgraphs.Writer.Services.GetRequiredService<DirectoryOutboxRelay>().DeliverPendingAsync());
        Assert.Equal(0, await PendingAsync(subgraphs.Writer));
        Assert.Equal(1, await AppliedAsync());
        Assert.Null(await RefusalAsync(subgraphs.Reader, "02B", practice));
    }

    [Fact]
    public async Task A_change_one_instance_left_undelivered_reaches_the_directory_before_a_later_change_another_instance_delivers()
    {
        // Instance A moves a practice to 02B and "crashes" before delivering; instance B then moves it on to 01A and delivers.
        // B's delivery takes the module's whole outbox in commit order, so A's change is applied first and B's is the one
        // the directory keeps: applied the other way round, A's facts would reopen the 02B membership B had just ended.
        var practice = await PracticeOfAsync("03C", 1);
        await using (var scope = subgraphs.Writer.Services.CreateAsyncScope())
            await PracticeMemberships.MoveAsync(scope.ServiceProvider.GetRequiredService<CommissioningDbContext>(), practice, "02B", Today.AddDays(-1), "test: undelivered");
        Assert.Equal(1, await PendingAsync(subgraphs.Writer));
        await PracticeMemberships.MoveAndDeliverAsync(subgraphs.Reader.Services, practice, "01A", Today, "test: delivered by another instance");
        Assert.Equal(0, await PendingAsync(subgraphs.Writer));

        await using var directory = await subgraphs.Writer.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync();
        var memberships = await directory.Relationships.AsNoTracking()
            .Where(r => r.SubjectCode == practice && r.Kind == RelationshipKind.PracticeConsortium).ToListAsync();
        Assert.Equal(Today.AddDays(-1), Assert.Single(memberships, r => r.PartyCode == "02B" && r.From == Today.AddDays(-1)).To);
        Assert.Null(Assert.Single(memberships, r => r.PartyCode == "01A" && r.From == Today).To);
        Assert.Single(memberships, r => r.To is null);
        // The writer's relay, run later, finds nothing left to apply.
        Assert.Equal(0, await subgraphs.Writer.Services.GetRequiredService<DirectoryOutboxRelay>().DeliverPendingAsync());
    }

    [Fact]
    public async Task A_fact_change_and_its_outbox_message_are_committed_together_or_not_at_all()
    {
        var practice = await PracticeOfAsync("02B", 0);
        var before = await PendingAsync(subgraphs.Writer);
        await using var scope = subgraphs.Writer.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommissioningDbContext>();
        var membership = await db.ConsortiumMemberships.SingleAsync(m => m.PracticeCode == practice && m.To == null);
        membership.To = Today;
        // The facts cannot be computed (a failure after the module's first save): the transaction rolls back both.
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            db.SaveChangesWithFactsAsync(() => throw new InvalidOperationException("facts failed")));
        await using var check = subgraphs.Writer.Services.GetRequiredService<IDbContextFactory<CommissioningDbContext>>().CreateDbContext();
        Assert.Null((await check.ConsortiumMemberships.SingleAsync(m => m.Id == membership.Id)).To);
        Assert.Equal(before, await PendingAsync(subgraphs.Writer));
    }

    [Fact]
    public async Task The_directory_answers_node_of_a_return_as_its_owner_would_from_what_the_owner_published()
    {
        int returnId;
        await using (var db = subgraphs.Writer.Services.GetRequiredService<IDbContextFactory<CommissioningDbContext>>().CreateDbContext())
            returnId = await db.FinancialReturns.Where(r => r.ConsortiumCode == "01A").Select(r => r.Id).FirstAsync();
        var id = GlobalId.Encode("FinancialReturn", returnId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        const string Node = "query($id: ID!) { node(id: $id) { __typename id } }";

        var own = await OutboxSubgraphs.PostAsync(subgraphs.Directory, "01A", Node, new { id });
        var other = await OutboxSubgraphs.PostAsync(subgraphs.Directory, "02B", Node, new { id });
        var unknown = await OutboxSubgraphs.PostAsync(subgraphs.Directory, "01A", Node, new { id = GlobalId.Encode("FinancialReturn", "999999") });

        Assert.Equal("FinancialReturn", own.GetProperty("data").GetProperty("node").GetProperty("__typename").GetString());
        Assert.Equal(id, own.GetProperty("data").GetProperty("node").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, other.GetProperty("data").GetProperty("node").ValueKind);   // self | nhscb: not 02B's
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("data").GetProperty("node").ValueKind);
    }
}

public sealed class SqliteOutboxSubgraphs() : OutboxSubgraphs(DatabaseProvider.Sqlite);

/// <summary>PostgreSQL when COMMISSIONING_TEST_POSTGRES is set (scripts/test.sh starts one), as in a deployment of several
/// instances; SQLite otherwise.</summary>
public sealed class ServerOutboxSubgraphs() : OutboxSubgraphs(GraphDatabase.Providers[^1]);

public sealed class DirectoryOutboxTestsOnSqlite(SqliteOutboxSubgraphs subgraphs, ITestOutputHelper output)
    : DirectoryOutboxTests<SqliteOutboxSubgraphs>(subgraphs, output);

public sealed class DirectoryOutboxTestsOnPostgreSqlWhenConfigured(ServerOutboxSubgraphs subgraphs, ITestOutputHelper output)
    : DirectoryOutboxTests<ServerOutboxSubgraphs>(subgraphs, output);
