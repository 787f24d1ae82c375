using System.Globalization;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Events;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.NhsCb.Graph;

public sealed record RecordAuthorisationDecisionPayload(AuthorisationDecision? Authorisation, IReadOnlyList<UserError> UserErrors);
public sealed record RecordInterventionPayload(Intervention? Intervention, IReadOnlyList<UserError> UserErrors);
public sealed record RequestInformationPayload(InformationRequest? InformationRequest, IReadOnlyList<UserError> UserErrors);
public sealed record RespondToInformationRequestPayload(InformationRequest? InformationRequest, IReadOnlyList<UserError> UserErrors);

/// <summary>
/// DOMAIN.md second wave, "Authorisation, intervention, information": a consortium's authorisation (public to any
/// registered organisation), interventions' grounds and transfers, and the NHS CB's requests for information (the
/// consortium's and the NHS CB's only, filtered in SQL), with their writes and the <c>informationRequested</c> event.
/// </summary>
internal static class AuthorisationAndInformation
{
    /// <summary>The event topic of <c>Subscription.informationRequested</c> (scope: the consortium asked).</summary>
    public const string InformationRequested = "informationRequested";

    private static readonly string[] RequestPolicies = ["self", "nhscb"];
    private const int MaxFunction = 200, MaxDescription = 2000, MaxText = 4000;

    public static void Configure(SchemaBuilder builder) => builder
        .ResolveAsync("Consortium.authorisation", async ctx => await AuthorisationByConsortium(ctx).LoadAsync(EntityReference.CodeOf(ctx.Source)))
        .Resolve<AuthorisationDecision>("Authorisation.status", d => GraphEnum.Name(d.Status))
        .Resolve<AuthorisationDecision>("Authorisation.conditions", d => d.Conditions.OrderBy(c => c.Position).ToList())
        .ResolveAsync("Consortium.informationRequests", async ctx =>
        {
            // Only the requests the caller may read are loaded (the type's policies as SQL); the type's rules still check each.
            var visible = await RuleFilter.PredicateAsync(GovernedShapes.InformationRequest, ctx, RequestPolicies);
            var answered = ctx.Arguments.GetValueOrDefault("answered") as bool?;
            return (await VisibleRequestsByConsortium(ctx, answered, visible).LoadAsync(EntityReference.CodeOf(ctx.Source))).OrEmpty();
        })
        .Resolve<InformationRequest>("InformationRequest.id", r => GlobalId.Encode("InformationRequest", r.Id.ToString(CultureInfo.InvariantCulture)))
        .Resolve<InformationRequest>("InformationRequest.consortium", r => new EntityReference("Consortium", r.ConsortiumCode))
        .Resolve<Intervention>("Intervention.ground", i => i.Ground is { } g ? GraphEnum.Name(g) : null)
        .Resolve<Intervention>("Intervention.transferredTo", i => i.TransferredToCode is { } code ? OrganisationReference(code) : null)
        .ResolveAsync("Mutation.recordAuthorisationDecision", async ctx => await RecordAuthorisationDecisionAsync(ctx))
        .ResolveAsync("Mutation.recordIntervention", async ctx => await RecordInterventionAsync(ctx))
        .ResolveAsync("Mutation.requestInformation", async ctx => await RequestInformationAsync(ctx))
        .ResolveAsync("Mutation.respondToInformationRequest", async ctx => await RespondToInformationRequestAsync(ctx))
        .Subscribe("Subscription.informationRequested", InformationRequestedStream)
        .Resolve("Subscription.informationRequested", ctx => ctx.Source);

    /// <summary>The body functions are transferred to: the NHS CB, or (any other code) a consortium.</summary>
    private static EntityReference OrganisationReference(string code) =>
        new(PolicyRules.IsNhsCommissioningBoard(code) ? "NhsCommissioningBoard" : "Consortium", code);

    /// <summary>The database id in a request's global id; null when it is not one.</summary>
    public static int? RequestIdOf(string? globalId) =>
        int.TryParse(GlobalId.KeyOf(globalId, "InformationRequest"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    // ---------------------------------------------------------------- loaders

    /// <summary>Each consortium's decision with its conditions: one statement for every consortium of the level.</summary>
    private static DataLoader<string, AuthorisationDecision> AuthorisationByConsortium(IResolveContext ctx) =>
        ctx.DbLoader<NhsCbDbContext, string, AuthorisationDecision>(ctx.DbFactory<NhsCbDbContext>(), "nhscb.authorisationByConsortium", async (db, codes, ct) =>
            (await db.AuthorisationDecisions.Include(d => d.Conditions).Where(d => codes.Contains(d.ConsortiumCode)).ToListAsync(ct))
            .ToDictionary(d => d.ConsortiumCode));

    /// <summary>The requests to each consortium that the caller may read (<paramref name="visible"/>, in SQL), latest first:
    /// one statement for every consortium of the level.</summary>
    private static DataLoader<string, IReadOnlyList<InformationRequest>> VisibleRequestsByConsortium(IResolveContext ctx, bool? answered,
        System.Linq.Expressions.Expression<Func<InformationRequest, bool>>? visible) =>
        ctx.DbLoader<NhsCbDbContext, string, IReadOnlyList<InformationRequest>>(ctx.DbFactory<NhsCbDbContext>(), $"nhscb.informationRequestsByConsortium:{answered}", async (db, codes, ct) =>
        {
            var rows = db.InformationRequests.Where(r => codes.Contains(r.ConsortiumCode));
            if (answered is { } a) rows = a ? rows.Where(r => r.RespondedOn != null) : rows.Where(r => r.RespondedOn == null);
            if (visible is not null) rows = rows.Where(visible);
            return (await rows.OrderBy(r => r.ConsortiumCode).ThenByDescending(r => r.RequestedOn).ThenByDescending(r => r.Id).ToListAsync(ct))
                .GroupByKey(r => r.ConsortiumCode);
        });

    // ---------------------------------------------------------------- the event

    /// <summary>
    /// <c>Subscription.informationRequested(consortium:)</c>: refused at once to a subscriber who could not read the
    /// consortium's requests (its own, or the NHS CB), as the query would refuse the list; then each request made to it,
    /// read afresh and checked per delivery like any field.
    /// </summary>
    private static IAsyncEnumerable<object?> InformationRequestedStream(IResolveContext ctx)
    {
        var consortium = (string)ctx.Arguments["consortium"]!;
        // Decided on the consortium's key alone (self: it is the caller; nhscb: the caller is the board), before anything streams.
        if (RuleFilter.Subject(ctx) is { } subject
            && (subject.Organisation is not { } caller
                || RuleEvaluator.TryDecide(PolicyRules.AnyOf(RequestPolicies), GovernedShapes.References["Consortium"], new EntityReference("Consortium", consortium), caller) != true))
            throw AuthorizationTransform.PolicyRefusal(ctx, ["self"], ["nhscb"]);
        return GraphEventResolving.EventStream(ctx, InformationRequested, scope => scope == consortium, async (c, id, ct) =>
        {
            // Read outside the executor's batching (an event arrives on its own): one query per event and subscriber.
            await using var db = await c.DbFactory<NhsCbDbContext>().CreateDbContextAsync(ct);
            return await db.InformationRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        });
    }

    // ---------------------------------------------------------------- checks

    private static string? CheckText(UserErrors errors, object? value, int max, string what, params string[] path)
    {
        var text = (GraphValues.ToStringValue(value) ?? "").Trim();
        if (text.Length == 0) errors.Add($"{what} is required.", UserError.Required, path);
        else if (text.Length > max) errors.Add($"{what} has at most {max} characters.", UserError.Invalid, path);
        else return text;
        return null;
    }

    private static DateOnly? CheckDate(UserErrors errors, object? value, string what, string field)
    {
        var date = GraphValues.ToDate(value);
        if (date is null) errors.Add($"{what} is required.", UserError.Required, field);
        return date;
    }

    /// <summary>The consortium named, as the directory knows it (it belongs to another module); a user error otherwise.</summary>
    private static async ValueTask<string?> CheckConsortiumAsync(IResolveContext ctx, UserErrors errors, object? value, string field = "consortiumCode")
    {
        var code = (GraphValues.ToStringValue(value) ?? "").Trim();
        if (!errors.CheckConsortiumCode(code, field)) return null;
        if (await DirectoryLookups.OrganisationByCode(ctx).LoadAsync(code) is not { TypeName: "Consortium" })
        {
            errors.Add($"There is no consortium {code}.", UserError.NotFound, field);
            return null;
        }
        return code;
    }

    private static string At(int index) => index.ToString(CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------- writes

    private static async Task<RecordAuthorisationDecisionPayload> RecordAuthorisationDecisionAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var consortiumCode = await CheckConsortiumAsync(ctx, errors, input.Get("consortiumCode"));
        var decidedOn = CheckDate(errors, input.Get("decidedOn"), "The day of the decision", "decidedOn");
        var status = GraphEnum.Parse<AuthorisationStatus>(input.Get("status"));
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));

        var conditions = new List<AuthorisationCondition>();
        var index = 0;
        foreach (var item in input.Get("conditions") as IEnumerable<object?> ?? [])
        {
            var at = At(index++);
            var c = item as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
            var function = CheckText(errors, c.Get("function"), MaxFunction, "A condition's function", "conditions", at, "function");
            var description = CheckText(errors, c.Get("description"), MaxDescription, "A condition's description", "conditions", at, "description");
            if (function is not null && description is not null)
                conditions.Add(new AuthorisationCondition { Position = index, Function = function, Description = description, LiftedOn = GraphValues.ToDate(c.Get("liftedOn")) });
        }
        var functions = new List<string>();
        index = 0;
        foreach (var item in input.Get("functionsRetainedByNhsCb") as IEnumerable<object?> ?? [])
        {
            var at = At(index++);
            var function = CheckText(errors, item, MaxFunction, "A retained function", "functionsRetainedByNhsCb", at);
            if (function is null) continue;
            if (function.Contains('\n') || function.Contains('\r')) errors.Add("A retained function is one line.", UserError.Invalid, "functionsRetainedByNhsCb", at);
            else if (functions.Contains(function, StringComparer.OrdinalIgnoreCase)) errors.Add($"\"{function}\" is given twice.", UserError.Invalid, "functionsRetainedByNhsCb", at);
            else functions.Add(function);
        }
        // The status and the conditions standing must tell the same story.
        var standing = conditions.Count(c => c.LiftedOn is null);
        if (status == AuthorisationStatus.AuthorisedWithConditions && standing == 0 && !errors.Any)
            errors.Add("AUTHORISED_WITH_CONDITIONS needs at least one condition that has not been lifted.", UserError.Invalid, "conditions");
        if (status == AuthorisationStatus.Authorised && standing > 0)
            errors.Add("A consortium AUTHORISED without conditions has none standing: lift them (liftedOn) or decide AUTHORISED_WITH_CONDITIONS.", UserError.Invalid, "status");
        if (errors.Any) return new(null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await ctx.DbFactory<NhsCbDbContext>().CreateDbContextAsync(ct);
        var decision = await db.AuthorisationDecisions.Include(d => d.Conditions).FirstOrDefaultAsync(d => d.ConsortiumCode == consortiumCode, ct);
        if (decision is null)
            db.AuthorisationDecisions.Add(decision = new AuthorisationDecision { ConsortiumCode = consortiumCode! });
        else
        {
            // One decision per consortium, revised in place; the client must show which version it read.
            if (db.ExpectRevision(decision, expectedRowVersion, errors, $"{consortiumCode} has an authorisation decision: send its rowVersion as expectedRowVersion to revise it.") is { } stale)
                return new(null, [stale]);
            db.AuthorisationConditions.RemoveRange(decision.Conditions);
            decision.Conditions.Clear();
            // The decision row itself changes (its version), even when only its conditions do.
            db.Entry(decision).State = EntityState.Modified;
        }
        decision.DecidedOn = decidedOn!.Value;
        decision.Status = status;
        decision.FunctionsRetained = string.Join('\n', functions);
        decision.RecordedAt = ctx.Clock().GetUtcNow().UtcDateTime;
        decision.Conditions.AddRange(conditions);
        // One SaveChanges: the decision and its conditions in one transaction.
        return await db.SaveOrConflictAsync(errors, ct) is { } conflict ? new(null, [conflict]) : new(decision, []);
    }

    private static async Task<RecordInterventionPayload> RecordInterventionAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var consortiumCode = await CheckConsortiumAsync(ctx, errors, input.Get("consortiumCode"));
        var kind = GraphEnum.Parse<InterventionKind>(input.Get("kind"));
        var ground = GraphEnum.Parse<InterventionGround>(input.Get("ground"));
        var reason = CheckText(errors, input.Get("reason"), MaxDescription, "A reason", "reason");
        var startedOn = CheckDate(errors, input.Get("startedOn"), "The day it starts", "startedOn");
        var transferredTo = (GraphValues.ToStringValue(input.Get("transferredToCode")) ?? "").Trim();
        if (kind == InterventionKind.FunctionsTransferred)
        {
            if (transferredTo.Length == 0)
                errors.Add("FUNCTIONS_TRANSFERRED names the body they go to (transferredToCode).", UserError.Required, "transferredToCode");
            else if (transferredTo == consortiumCode)
                errors.Add("Functions are transferred to another body than the consortium.", UserError.Invalid, "transferredToCode");
            else if (!PolicyRules.IsNhsCommissioningBoard(transferredTo)
                     && await DirectoryLookups.OrganisationByCode(ctx).LoadAsync(transferredTo) is not { TypeName: "Consortium" })
                errors.Add($"Functions go to another consortium or the NHS CB; {transferredTo} is neither.", UserError.NotFound, "transferredToCode");
        }
        else if (transferredTo.Length > 0)
            errors.Add($"Only FUNCTIONS_TRANSFERRED transfers functions; this one is {GraphEnum.Name(kind)}.", UserError.Invalid, "transferredToCode");
        if (errors.Any) return new(null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await ctx.DbFactory<NhsCbDbContext>().CreateDbContextAsync(ct);
        var intervention = new Intervention
        {
            ConsortiumCode = consortiumCode!, Kind = kind, Ground = ground, Reason = reason!, StartedOn = startedOn!.Value,
            TransferredToCode = transferredTo.Length > 0 ? transferredTo : null,
        };
        db.Interventions.Add(intervention);
        await db.SaveChangesAsync(ct);
        return new(intervention, []);
    }

    private static async Task<RequestInformationPayload> RequestInformationAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var consortiumCode = await CheckConsortiumAsync(ctx, errors, input.Get("consortiumCode"));
        var question = CheckText(errors, input.Get("question"), MaxText, "A question", "question");
        var requestedOn = CheckDate(errors, input.Get("requestedOn"), "The day of the request", "requestedOn");
        var dueOn = CheckDate(errors, input.Get("dueOn"), "The day the answer is due", "dueOn");
        if (requestedOn is not null && dueOn < requestedOn) errors.Add("An answer is due on or after the day of the request.", UserError.Invalid, "dueOn");
        if (errors.Any) return new(null, errors.List);

        var ct = ctx.CancellationToken;
        InformationRequest request;
        await using (var db = await ctx.DbFactory<NhsCbDbContext>().CreateDbContextAsync(ct))
        {
            db.InformationRequests.Add(request = new InformationRequest
            {
                ConsortiumCode = consortiumCode!, Question = question!, RequestedOn = requestedOn!.Value, DueOn = dueOn!.Value,
            });
            await db.SaveChangesAsync(ct);
        }
        // After the commit: the consortium's (and the NHS CB's) subscribers hear of it on every instance.
        await ctx.PublishEventAsync(InformationRequested, request.Id, request.ConsortiumCode);
        return new(request, []);
    }

    private static async Task<RespondToInformationRequestPayload> RespondToInformationRequestAsync(IResolveContext ctx)
    {
        var input = ctx.InputObject();
        var errors = new UserErrors();
        var consortiumCode = (GraphValues.ToStringValue(input.Get("consortiumCode")) ?? "").Trim();
        var requestId = RequestIdOf(GraphValues.ToStringValue(input.Get("informationRequestId")));
        var response = CheckText(errors, input.Get("response"), MaxText, "A response", "response");
        var respondedOn = CheckDate(errors, input.Get("respondedOn"), "The day of the answer", "respondedOn");
        var expectedRowVersion = GraphValues.ToInt(input.Get("expectedRowVersion"));
        if (requestId is null) errors.Add("That is not an information request's id.", UserError.Invalid, "informationRequestId");
        if (errors.Any) return new(null, errors.List);

        var ct = ctx.CancellationToken;
        await using var db = await ctx.DbFactory<NhsCbDbContext>().CreateDbContextAsync(ct);
        // Another consortium's request is as absent as one that does not exist: the policy (self) held for the consortium named.
        var request = await db.InformationRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.ConsortiumCode == consortiumCode, ct);
        if (request is null) return new(null, [errors.Add($"{consortiumCode} has no such information request.", UserError.NotFound, "informationRequestId")]);
        if (respondedOn < request.RequestedOn)
            return new(null, [errors.Add($"An answer comes on or after the day of the request ({request.RequestedOn:yyyy-MM-dd}).", UserError.Invalid, "respondedOn")]);
        if (expectedRowVersion != request.RowVersion) return new(null, [errors.Conflict()]);
        db.ExpectVersion(request, expectedRowVersion.Value);
        request.Response = response;
        request.RespondedOn = respondedOn;
        return await db.SaveOrConflictAsync(errors, ct) is { } conflict ? new(null, [conflict]) : new(request, []);
    }
}
