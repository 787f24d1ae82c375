using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Modules.Governance;
using Commissioning.Graph.Server;
using Commissioning.Graph.Server.Identity;
using Microsoft.Extensions.Logging;

namespace Commissioning.Graph.Host.Governance;

/// <summary>
/// Writes the disclosure register before a response leaves: after execution it reads the request's
/// <see cref="DisclosureLedger"/> (what the authorisation layer let through) and appends one
/// <see cref="DisclosureRecord"/> per owning organisation, all in one save. If they cannot be
/// written the response is replaced by an <c>INTERNAL_SERVER_ERROR</c> — restricted data is never
/// disclosed unrecorded. A subscription is recorded event by event: each event records only what
/// it added to the ledger since the previous one.
/// </summary>
public sealed class DisclosureRegisterInterceptor(
    IDisclosureRegister register,
    ILogger<DisclosureRegisterInterceptor> logger,
    IEnumerable<Server.Resilience.IUnavailableDependencyDetector>? unavailableDependencies = null,
    TimeProvider? clock = null) : IGraphQLRequestInterceptor
{
    /// <summary>The message of the error that replaces a response whose disclosures could not be recorded.</summary>
    public const string NotRecordedMessage = "The disclosure could not be recorded.";

    /// <summary>Where a subscription keeps the totals it has already recorded (or withheld).</summary>
    private const string AccountedItemsKey = "Commissioning.Graph.DisclosureRegister.Accounted";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>An incremental response that has disclosed restricted data not yet recorded waits for
    /// <see cref="OnExecutedAsync"/>: the pipeline holds its payloads until the last is ready, this records
    /// one record per owning organisation for the whole request, and only then are they sent.</summary>
    public bool MustSeeBeforeSending(GraphQLRequestContext context)
    {
        var ledger = DisclosureLedger.Find(context.Items);
        if (ledger is null || ledger.IsEmpty) return false;
        Dictionary<(string, string), int> accounted;
        lock (context.Items)
            accounted = context.Items.TryGetValue(AccountedItemsKey, out var a) && a is Dictionary<(string, string), int> d ? d : [];
        return ledger.Entries.Any(e => e.Records > accounted.GetValueOrDefault((e.SchemaCoordinate, e.OwningOrganisation)));
    }

    public async ValueTask OnExecutedAsync(GraphQLRequestContext context, ExecutionResult result)
    {
        var ledger = DisclosureLedger.Find(context.Items);
        if (ledger is null || ledger.IsEmpty) return;
        var disclosed = TakeUnaccounted(ledger, context.Items);
        if (disclosed.Count == 0) return;

        try
        {
            var caller = context.HttpContext.GetCaller() ?? context.Items.GetValueOrDefault(CallerRequestInterceptor.ItemKey) as Caller
                ?? throw new InvalidOperationException("Restricted data was disclosed to a request without a caller.");
            var records = CreateRecords(context, caller, disclosed, _clock.GetUtcNow().UtcDateTime);
            await register.AppendAsync(records, context.HttpContext.RequestAborted);
        }
        catch (Exception e)
        {
            // Whatever went wrong (database down, constraint, timeout), the data must not leave unrecorded.
            logger.LogError(e, "The disclosure register could not record operation {OperationName} ({DocumentHash}); its response was withheld",
                context.Request.OperationName, context.Document.Hash);
            // A register that is down for now is the retryable SERVICE_UNAVAILABLE; anything else a server error.
            var unavailable = unavailableDependencies?.Any(d => d.IsUnavailable(e)) == true;
            context.Result = ExecutionResult.FromErrors([GraphQLRequestPipeline.Error(NotRecordedMessage,
                unavailable ? ErrorCodes.ServiceUnavailable : ErrorCodes.InternalServerError)]);
        }
    }

    /// <summary>One record per owning organisation, in organisation order.</summary>
    internal static IReadOnlyList<DisclosureRecord> CreateRecords(GraphQLRequestContext context, Caller caller,
        IReadOnlyList<DisclosureEntry> disclosed, DateTime occurredAt)
    {
        var who = new DisclosureCaller(caller.Organisation, caller.ClientApplicationId, caller.Subject, caller.Purpose);
        var client = ClientRequest.Of(context.HttpContext);
        var type = context.Operation.Operation.ToString().ToLowerInvariant();
        var operation = new DisclosureOperation(
            client.OperationName ?? context.Request.OperationName ?? context.Operation.Name?.Value,
            type,
            client.DocumentHash ?? context.Document.Hash,
            // Each subscription event is a disclosure of its own.
            type == "subscription" ? null : client.RequestId);
        return disclosed
            .GroupBy(e => e.OwningOrganisation, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => DisclosureRecord.Create(occurredAt, who, operation, g.Key,
                g.Select(e => new DisclosedCoordinate(e.SchemaCoordinate, e.Records))))
            .ToList();
    }

    /// <summary>
    /// The ledger's totals less what earlier results of this operation (earlier subscription events)
    /// already accounted for; marks the whole ledger accounted for. A query or mutation has one result,
    /// so it takes the ledger as it stands.
    /// </summary>
    private static IReadOnlyList<DisclosureEntry> TakeUnaccounted(DisclosureLedger ledger, IDictionary<string, object?> items)
    {
        var current = ledger.Entries;
        Dictionary<(string, string), int> accounted;
        lock (items)
        {
            accounted = items.TryGetValue(AccountedItemsKey, out var a) && a is Dictionary<(string, string), int> d ? d : [];
            items[AccountedItemsKey] = current.ToDictionary(e => (e.SchemaCoordinate, e.OwningOrganisation), e => e.Records);
        }
        return current
            .Select(e => e with { Records = e.Records - accounted.GetValueOrDefault((e.SchemaCoordinate, e.OwningOrganisation)) })
            .Where(e => e.Records > 0)
            .ToList();
    }
}

/// <summary>
/// The client request a disclosure answers, as the gateway forwards it to each subgraph (infra/gateway/README.md):
/// <c>X-Request-Id</c> (one per client request; generated here when absent — the one process, or a direct call),
/// <c>X-Client-Operation-Name</c> and <c>X-Client-Document-Hash</c> (the client's operation, not the gateway's
/// per-subgraph one). Records several subgraphs write for one client request so share its id and coordinates.
/// A value longer than its column, or with control characters, is ignored (the request id is then generated).
/// </summary>
public sealed record ClientRequest(string RequestId, string? OperationName, string? DocumentHash)
{
    public const string RequestIdHeader = "X-Request-Id";
    public const string OperationNameHeader = "X-Client-Operation-Name";
    public const string DocumentHashHeader = "X-Client-Document-Hash";
    private const string ItemKey = "Commissioning.Graph.ClientRequest";

    public static ClientRequest Of(Microsoft.AspNetCore.Http.HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var known) && known is ClientRequest k) return k;
        string? Header(string name, int max) =>
            http.Request.Headers.TryGetValue(name, out var v) && v.Count == 1 && v[0] is { Length: > 0 } s && s.Length <= max && !s.Any(char.IsControl) ? s : null;
        var request = new ClientRequest(
            Header(RequestIdHeader, 100) ?? Guid.NewGuid().ToString("N"),
            Header(OperationNameHeader, 200),
            Header(DocumentHashHeader, 80));
        http.Items[ItemKey] = request;
        return request;
    }
}
