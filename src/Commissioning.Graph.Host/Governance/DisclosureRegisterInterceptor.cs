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
/// disclosed unrecorded. A subscription is recorded event by event: each event executes in a scope of
/// its own (<see cref="GraphQLRequestContext.BeginEvent"/>), so its ledger holds what that event disclosed.
/// </summary>
public sealed class DisclosureRegisterInterceptor(
    IDisclosureRegister register,
    ILogger<DisclosureRegisterInterceptor> logger,
    IEnumerable<Server.Resilience.IUnavailableDependencyDetector>? unavailableDependencies = null,
    TimeProvider? clock = null) : IGraphQLRequestInterceptor
{
    /// <summary>The message of the error that replaces a response whose disclosures could not be recorded.</summary>
    public const string NotRecordedMessage = "The disclosure could not be recorded.";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>An incremental response that has disclosed restricted data not yet recorded waits for
    /// <see cref="OnExecutedAsync"/>: the pipeline holds its payloads until the last is ready, this records
    /// one record per owning organisation for the whole request, and only then are they sent.</summary>
    public bool MustSeeBeforeSending(GraphQLRequestContext context) => context.Scope.HasDisclosures;

    public async ValueTask OnExecutedAsync(GraphQLRequestContext context, ExecutionResult result)
    {
        if (!context.Scope.HasDisclosures) return;
        var disclosed = context.Scope.Disclosures.Entries;

        try
        {
            var caller = context.Caller ?? throw new InvalidOperationException("Restricted data was disclosed to a request without a caller.");
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

    /// <summary>One record per owning organisation, in organisation order, each naming the principal the caller acted for (if any).</summary>
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
                g.Select(e => new DisclosedCoordinate(e.SchemaCoordinate, e.Records)),
                // A caller let through as acting for another (a support organisation for its client) names its principal.
                principal: context.Scope.Disclosures.PrincipalFor(g.Key)))
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
    /// <summary>The client request of <paramref name="http"/>, read from its headers once and kept as a feature of it.</summary>
    public static ClientRequest Of(Microsoft.AspNetCore.Http.HttpContext http)
    {
        if (http.Features.Get<ClientRequest>() is { } known) return known;
        string? Header(string name, int max) =>
            http.Request.Headers.TryGetValue(name, out var v) && v.Count == 1 && v[0] is { Length: > 0 } s && s.Length <= max && !s.Any(char.IsControl) ? s : null;
        var request = new ClientRequest(
            Header(RequestIdHeader, 100) ?? Guid.NewGuid().ToString("N"),
            Header(OperationNameHeader, 200),
            Header(DocumentHashHeader, 80));
        http.Features.Set(request);
        return request;
    }
}
