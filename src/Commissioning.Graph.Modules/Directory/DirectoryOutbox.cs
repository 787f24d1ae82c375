using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commissioning.Graph.Modules.Directory;

/// <summary>
/// A fact change a module wrote, waiting for the directory: saved in the module's own database in the same transaction
/// as the change (<see cref="DirectoryOutbox.SaveChangesWithFactsAsync"/>), deleted once the directory has applied it.
/// <see cref="MessageId"/> makes a redelivery harmless: the directory applies each message once.
/// </summary>
public sealed class DirectoryOutboxMessage
{
    /// <summary>Delivery order.</summary>
    public long Id { get; set; }
    public Guid MessageId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The <see cref="DirectoryFacts"/> as JSON.</summary>
    public required string Facts { get; set; }
}

/// <summary>The transactional outbox of the modules that own directory facts (ARCHITECTURE.md "Authorisation in a federated graph").</summary>
public static class DirectoryOutbox
{
    /// <summary>
    /// Saves the context's changes and, in the same transaction, an outbox message with the facts they change — computed
    /// after the first save, so that new entities have their keys. Either both are committed or neither. Then
    /// <see cref="DirectoryOutboxRelay"/> delivers the message (the writer does at once; the relay of any instance of the
    /// module retries what was not delivered, after a crash too).
    /// </summary>
    public static async Task SaveChangesWithFactsAsync(this ModuleDbContext db, Func<DirectoryFacts> facts, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var changed = facts();
        if (!changed.IsEmpty)
        {
            db.DirectoryOutbox.Add(new DirectoryOutboxMessage { MessageId = Guid.NewGuid(), CreatedAt = DateTime.UtcNow, Facts = changed.ToJson() });
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>The writer's own delivery right after its commit, so that its next request (and every subgraph's) sees the
    /// change at once; a failure here is left to the relay's retries, never to the writer's caller.</summary>
    public static async Task DeliverNowAsync(IServiceProvider? services, CancellationToken ct = default)
    {
        if (services?.GetService<DirectoryOutboxRelay>() is not { } relay) return;
        try { await relay.DeliverPendingAsync(ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            services!.GetService<ILoggerFactory>()?.CreateLogger(typeof(DirectoryOutbox)).LogWarning(e, "Directory outbox: delivery after a write failed; the relay retries it.");
        }
    }
}

/// <summary>
/// Delivers the outbox messages of the modules this process serves to the directory, oldest first, each at least once:
/// a message is deleted only after the directory has applied it (<see cref="DirectoryWriter.ApplyAsync"/>, which
/// applies a message id once). A crash between the two means one more delivery, which changes nothing.
/// </summary>
public sealed class DirectoryOutboxRelay(IServiceProvider services, IEnumerable<RegisteredModule> modules, DirectoryWriter directory)
{
    private const int Batch = 100;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IReadOnlyList<RegisteredModule> _modules = modules.ToList();

    public bool HasModules => _modules.Count > 0;

    /// <summary>Delivers every pending message; returns how many the directory applied (redeliveries not counted).</summary>
    public async Task<int> DeliverPendingAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var applied = 0;
            foreach (var module in _modules)
            {
                await using var scope = services.CreateAsyncScope();
                var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
                while (true)
                {
                    var pending = await db.DirectoryOutbox.AsNoTracking().OrderBy(m => m.Id).Take(Batch).ToListAsync(ct);
                    foreach (var message in pending)
                    {
                        if (await directory.ApplyAsync(message.MessageId, DirectoryFacts.FromJson(message.Facts), ct)) applied++;
                        await db.DirectoryOutbox.Where(m => m.Id == message.Id).ExecuteDeleteAsync(ct);
                    }
                    if (pending.Count < Batch) break;
                }
            }
            return applied;
        }
        finally { _gate.Release(); }
    }

    /// <summary>How many messages wait (tests, health).</summary>
    public async Task<int> PendingAsync(CancellationToken ct = default)
    {
        var count = 0;
        foreach (var module in _modules)
        {
            await using var scope = services.CreateAsyncScope();
            count += await ((ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType)).DirectoryOutbox.CountAsync(ct);
        }
        return count;
    }
}

/// <summary>Configuration section <c>Directory:Outbox</c>.</summary>
public sealed class DirectoryOutboxOptions
{
    /// <summary>Whether this process relays in the background (at start, then every <see cref="PollInterval"/>); writers
    /// deliver their own messages at once either way.</summary>
    public bool Relay { get; set; } = true;
    /// <summary>How often the background relay looks for messages a writer did not deliver (a crash, the directory down).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>The longest wait between attempts while deliveries fail (the wait doubles from <see cref="PollInterval"/>).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>The background relay: delivers what is pending at start (what a crash left) and then polls, backing off while
/// the directory cannot be reached.</summary>
public sealed class DirectoryOutboxRelayService(DirectoryOutboxRelay relay, DirectoryOutboxOptions options, ILogger<DirectoryOutboxRelayService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Relay || !relay.HasModules) return;
        var wait = options.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await relay.DeliverPendingAsync(stoppingToken);
                if (applied > 0) log.LogInformation("Directory outbox: {Count} message(s) applied.", applied);
                wait = options.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogWarning(e, "Directory outbox: delivery failed; retrying in {Wait}.", wait);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, options.MaxBackoff.Ticks));
            }
            try { await Task.Delay(wait, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

public static class DirectoryOutboxServiceCollectionExtensions
{
    /// <summary>The relay of the modules' outboxes; options from configuration <c>Directory:Outbox:Relay</c> (true|false) and
    /// <c>Directory:Outbox:PollIntervalMs</c>.</summary>
    public static IServiceCollection AddDirectoryOutbox(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(DirectoryOutboxRelay))) return services;
        services.AddSingleton(sp =>
        {
            var options = new DirectoryOutboxOptions();
            var section = sp.GetService<IConfiguration>()?.GetSection("Directory:Outbox");
            if (bool.TryParse(section?["Relay"], out var relay)) options.Relay = relay;
            if (int.TryParse(section?["PollIntervalMs"], out var ms) && ms > 0) options.PollInterval = TimeSpan.FromMilliseconds(ms);
            return options;
        });
        services.AddSingleton<DirectoryOutboxRelay>();
        services.AddHostedService<DirectoryOutboxRelayService>();
        return services;
    }
}
