using Commissioning.Graph.Engine.Language;
using System.Collections;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Authorization;

/// <summary>
/// Makes a schema enforce its authorisation directives. Run once at startup, it wraps the resolver
/// of every field that has a rule, returns a type with a rule, or carries
/// <c>@suppressSmallNumbers</c> — default-resolved fields included — so every execution path
/// (queries, <c>node(id:)</c>, connections' <c>totalCount</c>, mutation payloads, subscription
/// events) goes through the same check. A field the client did not select is never resolved, so
/// it is never disclosed. The wrapper:
/// <list type="number">
/// <item>checks the field's own rules against the parent object (for a field of a root operation
/// type, which has no parent entity: authentication and scopes first, its <c>@policy</c> against the
/// value it returns, like a rule on the returned type — for a mutation, against its arguments
/// (<see cref="MutationInput"/>) before it runs, so a refused mutation writes nothing); denied → the field is null with a
/// <c>FORBIDDEN</c> (or <c>UNAUTHENTICATED</c>) error at its path, its siblings unaffected;</item>
/// <item>resolves the field;</item>
/// <item>checks the rules of the returned type against the value: a single value denied → null with
/// <c>FORBIDDEN</c>; a list → the items the caller may not read are left out;</item>
/// <item>applies small-number suppression;</item>
/// <item>records restricted data (anything under <c>@policy</c>) actually disclosed in the request's
/// <see cref="DisclosureLedger"/>, against the owning organisation.</item>
/// </list>
/// The wrapper calls the field's own resolver, or <see cref="DefaultFieldResolver.Instance"/> when it
/// has none (an <see cref="ExecutionRequest.DefaultFieldResolver"/> is not consulted for wrapped fields).
/// </summary>
public static class AuthorizationTransform
{
    /// <summary>Set in a transformed schema's fields' <see cref="FieldDefinition.Metadata"/> so a second Apply is a no-op.</summary>
    public const string AppliedMetadataKey = "authorization.applied";

    /// <summary>Wraps the resolvers of <paramref name="schema"/> in place and returns it.</summary>
    public static Schema Apply(Schema schema, IAuthorizationService service)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(service);
        var subscriptionType = schema.SubscriptionType;
        foreach (var type in schema.Types)
        {
            if (type is not ObjectType objectType || type.Name.StartsWith("__", StringComparison.Ordinal)) continue;
            foreach (var field in objectType.Fields.Values)
            {
                if (field.Name.StartsWith("__", StringComparison.Ordinal) || field.Metadata.ContainsKey(AppliedMetadataKey)) continue;
                var plan = FieldAuthorization.Create(schema, objectType, field, service.Purposes);
                if (plan is null) continue;
                field.Metadata[AppliedMetadataKey] = plan;
                var inner = field.Resolver ?? DefaultFieldResolver.Instance;
                if (ReferenceEquals(objectType, subscriptionType))
                {
                    // The source stream is authorised by the field's own rules; each event then runs
                    // the (wrapped) resolver like any field. Without a subscriber, the stream is the root
                    // value's property (or what the original resolver returns), as the executor would do.
                    var subscriber = field.Subscriber;
                    var streamSource = field.Resolver;
                    field.Subscriber = async ctx =>
                    {
                        await plan.AuthorizeFieldAsync(service, ctx).ConfigureAwait(false);
                        if (subscriber is not null) return await subscriber(ctx).ConfigureAwait(false);
                        var stream = streamSource is not null ? await streamSource(ctx).ConfigureAwait(false) : DefaultFieldResolver.GetProperty(ctx.RootValue, field.Name);
                        return stream as IAsyncEnumerable<object?> ?? throw new InvalidOperationException($"Subscription field \"{field.Name}\" has no source stream.");
                    };
                }
                field.Resolver = plan.IsAuthenticationOnly ? plan.AuthenticatedOnlyResolver(inner) : ctx => plan.ResolveAsync(service, inner, ctx);
            }
        }
        return schema;
    }

    /// <summary>The refusal of the field being resolved for want of <paramref name="policies"/> (reason <c>POLICY</c>), for a
    /// resolver that decides on the field as a whole (a list only one body may read, where an empty list would mislead).</summary>
    public static GraphQLException PolicyRefusal(IResolveContext ctx, params IReadOnlyList<string>[] policies) =>
        FieldAuthorization.Denied(AuthorizationOutcome.Forbidden, ctx, new AuthorizationRules(false, [], [policies]));

    /// <summary>True when <paramref name="field"/> of <paramref name="schema"/> has been wrapped by <see cref="Apply"/>.</summary>
    public static bool IsEnforced(FieldDefinition field) => field.Metadata.ContainsKey(AppliedMetadataKey);
}

/// <summary>
/// The target of a mutation field's <c>@policy</c>: the field (<c>Mutation.submitFinancialReturn</c>) and its
/// coerced arguments, decided before the mutation runs. A policy finds the entity the input names (the
/// consortium of <c>input.consortiumCode</c>, the pool of <c>input.pooledBudgetCode</c>, …).
/// </summary>
public sealed record MutationInput(string SchemaCoordinate, IReadOnlyDictionary<string, object?> Arguments);

/// <summary>What the wrapper of one field must do, worked out once from the schema.</summary>
internal sealed class FieldAuthorization
{
    private readonly string _coordinate;
    private readonly AuthorizationRules _fieldRules;
    private readonly AuthorizationRules _returnTypeRules;          // on the declared named type (interface, object, scalar, enum)
    private readonly IAbstractType? _abstractReturnType;           // runtime object types' rules also apply
    private readonly Dictionary<string, AuthorizationRules>? _runtimeTypeRules;
    private readonly Schema _schema;
    private readonly bool _suppress;
    private readonly bool _isRootField;
    private readonly bool _isMutationField;
    private readonly bool _isSubscriptionField;          // an event the subscriber may not read is skipped, not reported
    private readonly AuthorizationRules? _valueRules;   // a query or subscription root field's policies, checked on its value
    private readonly AuthorizationRules? _inputRules;   // a mutation field's policies, checked on its arguments before it runs
    private readonly bool _withholdQuietly;             // a root query lookup: an object the caller may not read is as absent as one that does not exist
    private readonly bool _keepPositions;               // Query._entities: a withheld item is null in its place (the gateway matches by position)
    private readonly bool _recordsLineage;              // the field returns objects (a leaf value is nobody's parent)
    private readonly AuthorizationRules _checkedFieldRules;   // what AuthorizeFieldAsync checks before the field resolves
    private readonly AuthorizationRules _itemRules;           // the returned type's rules and a root field's policies, for every item
    private readonly Dictionary<string, AuthorizationRules>? _itemRulesByType;   // … and a runtime object type's own
    private readonly PurposeLimitation? _limitation;          // null: purposes are not limited (nor is one's own data exempt from the ledger)
    private readonly IReadOnlyList<string>? _purposes;        // the purposes that cover this coordinate (null: any stated purpose)

    /// <summary>True when the field's only rule is <c>@authenticated</c> (nothing on its type, no policy, no suppression,
    /// not a root field): its wrapper checks that the caller is authenticated and records lineage, without a state machine.</summary>
    public bool IsAuthenticationOnly { get; }

    private FieldAuthorization(Schema schema, string coordinate, AuthorizationRules fieldRules, AuthorizationRules returnTypeRules,
        IAbstractType? abstractReturnType, Dictionary<string, AuthorizationRules>? runtimeTypeRules, bool suppress, bool isRootField, bool isMutationField,
        bool withholdQuietly, bool keepPositions, bool recordsLineage, PurposeLimitation? limitation, IReadOnlyList<string>? purposes)
    {
        _limitation = limitation;
        _purposes = purposes;
        _withholdQuietly = withholdQuietly;
        _keepPositions = keepPositions;
        _schema = schema; _coordinate = coordinate; _fieldRules = fieldRules; _returnTypeRules = returnTypeRules;
        _abstractReturnType = abstractReturnType; _runtimeTypeRules = runtimeTypeRules; _suppress = suppress;
        _isRootField = isRootField;
        _isMutationField = isMutationField;
        _isSubscriptionField = isRootField && schema.SubscriptionType is { } subscription && coordinate.StartsWith(subscription.Name + ".", StringComparison.Ordinal);
        var policies = new AuthorizationRules(false, Array.Empty<IReadOnlyList<IReadOnlyList<string>>>(), fieldRules.PolicyRequirements);
        // A mutation's policies cannot wait for its value: by then it has written. They are checked against its
        // arguments (a MutationInput) before it runs; what it returns is guarded by the rules of the payload's fields.
        if (isMutationField) { if (fieldRules.HasPolicies) _inputRules = policies; }
        else if (isRootField) _valueRules = policies;
        _checkedFieldRules = isRootField
            ? new AuthorizationRules(fieldRules.RequiresAuthentication, fieldRules.ScopeRequirements, Array.Empty<IReadOnlyList<IReadOnlyList<string>>>())
            : fieldRules;
        _itemRules = _valueRules is not null ? returnTypeRules.And(_valueRules) : returnTypeRules;
        if (runtimeTypeRules is not null)
        {
            _itemRulesByType = new Dictionary<string, AuthorizationRules>(StringComparer.Ordinal);
            foreach (var (name, r) in runtimeTypeRules) _itemRulesByType[name] = _itemRules.And(r);
        }
        _recordsLineage = recordsLineage;
        IsAuthenticationOnly = !isRootField && !suppress && fieldRules.RequiresAuthentication && fieldRules.ScopeRequirements.Count == 0
            && !fieldRules.HasPolicies && !HasTypeRules;
    }

    /// <summary>The wrapper of an <see cref="IsAuthenticationOnly"/> field: no async state machine, no lookups.</summary>
    public FieldResolver AuthenticatedOnlyResolver(FieldResolver inner)
    {
        if (!_recordsLineage)
            return ctx => ctx.Scope.Subject is { IsAuthenticated: true } ? inner(ctx) : throw Denied(AuthorizationOutcome.Unauthenticated, ctx, _fieldRules);
        return ctx =>
        {
            if (ctx.Scope.Subject is not { IsAuthenticated: true }) throw Denied(AuthorizationOutcome.Unauthenticated, ctx, _fieldRules);
            var pending = inner(ctx);
            if (!pending.IsCompletedSuccessfully) return AwaitThenRecord(pending, ctx);
            var value = pending.Result;
            if (value is not null && ctx.Source is { } parent) RecordLineage(value, parent, ctx);
            return new ValueTask<object?>(value);
        };

        static async ValueTask<object?> AwaitThenRecord(ValueTask<object?> pending, IResolveContext ctx)
        {
            var value = await pending.ConfigureAwait(false);
            if (value is not null && ctx.Source is { } parent) RecordLineage(value, parent, ctx);
            return value;
        }
    }

    public static FieldAuthorization? Create(Schema schema, ObjectType parent, FieldDefinition field, PurposeLimitation? purposes = null)
    {
        var fieldRules = AuthorizationRules.OfField(parent, field);
        var named = Schema.GetNamedType(field.Type);
        var returnRules = AuthorizationRules.OfType(named);
        IAbstractType? abstractType = null;
        Dictionary<string, AuthorizationRules>? runtimeRules = null;
        if (named is IAbstractType at)
        {
            foreach (var possible in schema.GetPossibleTypes(at))
            {
                var r = AuthorizationRules.OfType(possible);
                if (!r.IsEmpty) (runtimeRules ??= new(StringComparer.Ordinal))[possible.Name] = r;
            }
            if (runtimeRules is not null) abstractType = at;
        }
        var suppress = AuthorizationDirectives.SuppressesSmallNumbers(field);
        if (fieldRules.IsEmpty && returnRules.IsEmpty && runtimeRules is null && !suppress) return null;
        var isMutation = ReferenceEquals(parent, schema.MutationType);
        var isRoot = ReferenceEquals(parent, schema.QueryType) || isMutation || ReferenceEquals(parent, schema.SubscriptionType);
        // A lookup on the query type (node(id:), financialReturn(id:), _entities) must not tell an object the caller
        // may not read from one that does not exist: the first is withheld as null without an error, like the second.
        var isQueryField = ReferenceEquals(parent, schema.QueryType);
        var withholdQuietly = isQueryField && field.Type is not (ListType or NonNullType);   // a nullable single object
        var keepPositions = isQueryField && field.Name == "_entities";
        return new FieldAuthorization(schema, SchemaCoordinate.Field(parent.Name, field.Name), fieldRules, returnRules, abstractType, runtimeRules, suppress, isRoot, isMutation,
            withholdQuietly, keepPositions, recordsLineage: named is not (ScalarType or EnumType), purposes, purposes?.PurposesFor(parent.Name, field.Name, named.Name));
    }

    private bool HasTypeRules => !_returnTypeRules.IsEmpty || _runtimeTypeRules is not null || _valueRules is not null;

    private static void RecordLineage(object value, object parent, IResolveContext ctx)
    {
        var lineage = ctx.Scope.Lineage;
        if (value is IEnumerable list && value is not string && value is not IDictionary && value is not IReadOnlyDictionary<string, object?>)
        {
            foreach (var item in list) if (item is not null) lineage.Record(item, parent);
        }
        else lineage.Record(value, parent);
    }

    public async ValueTask AuthorizeFieldAsync(IAuthorizationService service, IResolveContext ctx)
    {
        var outcome = await service.AuthorizeAsync(_checkedFieldRules, ctx.Source, ctx).ConfigureAwait(false);
        if (outcome != AuthorizationOutcome.Allowed) throw Denied(outcome, ctx, _checkedFieldRules);
        if (_inputRules is not null)
        {
            outcome = await service.AuthorizeAsync(_inputRules, new MutationInput(_coordinate, ctx.Arguments), ctx).ConfigureAwait(false);
            if (outcome != AuthorizationOutcome.Allowed) throw Denied(outcome, ctx, _inputRules);
        }
    }

    public async ValueTask<object?> ResolveAsync(IAuthorizationService service, FieldResolver inner, IResolveContext ctx)
    {
        // A root field has no parent entity: its authentication and scopes are checked first, and its
        // policies against what it returns (each item of a list, which is filtered) — a mutation's against
        // its arguments, before it runs.
        if (!_fieldRules.IsEmpty) await AuthorizeFieldAsync(service, ctx).ConfigureAwait(false);

        // Restricted data of another organisation needs a purpose that covers it; one's own needs none and is no disclosure.
        string? owner = null;
        var disclosed = false;
        // Published data (a public policy's alternative holds) is not restricted: no purpose, no disclosure.
        if (_fieldRules.HasPolicies && !_isRootField && !await service.IsPublishedAsync(_fieldRules, ctx.Source, ctx).ConfigureAwait(false))
        {
            owner = await service.GetOwnerAsync(ctx.Source, ctx).ConfigureAwait(false);
            if (!IsOwnData(owner, ctx))
            {
                await CheckPurposeAsync(service, ctx.Source, ctx, _purposes).ConfigureAwait(false);
                disclosed = owner is not null;
            }
        }

        var value = await inner(ctx).ConfigureAwait(false);
        if (value is null) return null;
        if (_recordsLineage && ctx.Source is { } parent) RecordLineage(value, parent, ctx);

        if (HasTypeRules) value = await AuthorizeValueAsync(service, value, ctx).ConfigureAwait(false);
        if (value is null) return null;

        if (_suppress) value = await SmallNumberSuppression.ApplyAsync(service, value, ctx).ConfigureAwait(false);
        if (value is null) return null;

        if (disclosed) ctx.Scope.Disclosures.Record(_coordinate, owner!, CountRecords(value));
        return value;
    }

    // The rules of the returned type, applied to the value (each item of a list).
    private async ValueTask<object?> AuthorizeValueAsync(IAuthorizationService service, object value, IResolveContext ctx)
    {
        if (IsList(value))
        {
            var items = value as IReadOnlyList<object?> ?? ((IEnumerable)value).Cast<object?>().ToList();
            // Start every item's check before awaiting any, so the policies see them in one batch.
            var checks = new ValueTask<(AuthorizationOutcome, bool)>[items.Count];
            for (var i = 0; i < checks.Length; i++) checks[i] = CheckItemAsync(service, items[i], ctx);
            var kept = new List<object?>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var (outcome, restricted) = await checks[i].ConfigureAwait(false);
                if (outcome != AuthorizationOutcome.Allowed)
                {
                    if (_keepPositions) kept.Add(null);
                    continue;
                }
                kept.Add(items[i]);
                if (restricted && !await service.IsPublishedAsync(RulesFor(items[i]!, ctx), items[i], ctx).ConfigureAwait(false))
                    await RecordItemAsync(service, items[i], ctx).ConfigureAwait(false);
            }
            return kept;
        }
        var (single, isRestricted) = await CheckItemAsync(service, value, ctx).ConfigureAwait(false);
        if (single == AuthorizationOutcome.Forbidden && _withholdQuietly) return null;
        if (single != AuthorizationOutcome.Allowed && _isSubscriptionField) throw new SubscriptionEventWithheldException();
        if (single != AuthorizationOutcome.Allowed) throw Denied(single, ctx, RulesFor(value, ctx));
        if (isRestricted && !await service.IsPublishedAsync(RulesFor(value, ctx), value, ctx).ConfigureAwait(false))
            await RecordItemAsync(service, value, ctx).ConfigureAwait(false);
        return value;
    }

    private async ValueTask<(AuthorizationOutcome, bool Restricted)> CheckItemAsync(IAuthorizationService service, object? item, IResolveContext ctx)
    {
        if (item is null) return (AuthorizationOutcome.Allowed, false);
        if (IsList(item))
        {
            // A list of lists: the inner lists are not filtered (the executor needs their shape); each
            // inner item must be readable, else the whole inner list is withheld.
            foreach (var inner in ((IEnumerable)item).Cast<object?>())
            {
                var (o, _) = await CheckItemAsync(service, inner, ctx).ConfigureAwait(false);
                if (o != AuthorizationOutcome.Allowed) return (o, false);
            }
            return (AuthorizationOutcome.Allowed, false);
        }
        var rules = RulesFor(item, ctx);
        var outcome = await service.AuthorizeAsync(rules, item, ctx).ConfigureAwait(false);
        return (outcome, rules.HasPolicies);
    }

    private AuthorizationRules RulesFor(object item, IResolveContext ctx)
    {
        if (_itemRulesByType is not null && ResolveTypeName(item, ctx) is { } typeName && _itemRulesByType.TryGetValue(typeName, out var r))
            return r;
        return _itemRules;
    }

    private string? ResolveTypeName(object item, IResolveContext ctx)
    {
        if (_abstractReturnType!.ResolveType is { } resolve && resolve(item, ctx) is { } name) return name;
        if (DefaultFieldResolver.GetProperty(item, "__typename") is string typename) return typename;
        foreach (var possible in _schema.GetPossibleTypes(_abstractReturnType))
            if (possible.IsTypeOf?.Invoke(item, ctx) == true) return possible.Name;
        return null;
    }

    private async ValueTask RecordItemAsync(IAuthorizationService service, object? item, IResolveContext ctx)
    {
        var owner = await service.GetOwnerAsync(item, ctx).ConfigureAwait(false);
        if (IsOwnData(owner, ctx)) return;
        // Behind an interface or union (node(id:)), the purposes are those of the object's own type.
        var purposes = _limitation is not null && _abstractReturnType is not null && item is not null && ResolveTypeName(item, ctx) is { } typeName
            ? _limitation.PurposesFor(ctx.ParentType.Name, ctx.FieldDefinition.Name, typeName)
            : _purposes;
        await CheckPurposeAsync(service, item, ctx, purposes).ConfigureAwait(false);
        // _entities is the gateway's plumbing, not a coordinate the client asked for: the field that returned the
        // reference is recorded where it was resolved (node(id:) in the directory, judged by the type's own rules).
        if (owner is not null && _coordinate != "Query._entities") ctx.Scope.Disclosures.Record(_coordinate, owner, 1);
    }

    // One's own data (when purposes are limited): no purpose needed, nothing disclosed.
    private bool IsOwnData(string? owner, IResolveContext ctx) =>
        _limitation is not null && owner is not null && AuthorizationSubject.Of(ctx).Organisation == owner;

    // The stated purpose must cover this coordinate, or be a universal purpose whose rules the caller satisfies.
    private async ValueTask CheckPurposeAsync(IAuthorizationService service, object? target, IResolveContext ctx, IReadOnlyList<string>? covering)
    {
        if (_limitation is not { } limitation) return;
        var field = SchemaCoordinate.Field(ctx.ParentType.Name, ctx.FieldDefinition.Name);
        if (await AuthorizationRefusal.PurposeAsync(limitation, AuthorizationSubject.Of(ctx), field, covering,
                async rules => await service.AuthorizeAsync(rules, target, ctx).ConfigureAwait(false) == AuthorizationOutcome.Allowed, "read").ConfigureAwait(false) is { } refusal)
            throw refusal;
    }


    private static bool IsList(object value) => value is IEnumerable and not string and not IDictionary and not IReadOnlyDictionary<string, object?>;

    private static int CountRecords(object value)
    {
        if (!IsList(value)) return 1;
        var count = 0;
        foreach (var item in (IEnumerable)value) if (item is not null) count++;
        return count;
    }

    /// <summary>The error for a refusal, saying why (<see cref="AuthorizationRefusal.Denied"/>). A mutation is "performed", anything else "read".</summary>
    internal static GraphQLException Denied(AuthorizationOutcome outcome, IResolveContext ctx, AuthorizationRules rules)
    {
        var field = SchemaCoordinate.Field(ctx.ParentType.Name, ctx.FieldDefinition.Name);
        var verb = ctx.ParentType.Name == ctx.Schema.MutationType?.Name ? "perform" : "read";
        return AuthorizationRefusal.Denied(outcome, AuthorizationSubject.Of(ctx), rules, field, verb);
    }
}
