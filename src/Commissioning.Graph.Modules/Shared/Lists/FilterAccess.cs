using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Modules.Shared.Lists;

/// <summary>What every row of a list is already known to pass: the policies its SQL filters rows by (<see cref="RuleFilter"/>),
/// and/or the organisation that owns every row (a consortium's own returns under <c>Consortium.financialReturns</c>).</summary>
public sealed record ListVisibility(IReadOnlyList<string> RowPolicies, string? FixedOwner);

/// <summary>
/// Whether the caller may filter or sort a list on the fields it names (issue 13 "No leaks"). A client that may not read a
/// field must not learn its value one comparison at a time, so a term is accepted only when the caller may read the field
/// on every row the list can contain, decided from the schema's directives, the caller and the list's construction —
/// never from the rows, so the refusal is the same whether or not any row matches. For each step of a term's path:
/// <list type="bullet">
/// <item>the rules the transform enforces on reading it (<see cref="AuthorizationRules"/>: of the field, of its parent type, and
/// of a leaf's returned type) must hold: authentication; every <c>@requiresScopes</c> by the token's scopes; every
/// <c>@policy</c> requirement by an alternative each of whose policies either the list's rows are filtered by
/// (<see cref="ListVisibility.RowPolicies"/>, for a field of the row itself) or holds for every row whatever it holds
/// (<see cref="RuleFilter.HoldsForEveryRowAsync"/>: the constant-true predicate — the NHS CB under <c>nhscb</c>; the owner
/// rule when the caller owns every row);</item>
/// <item>a <c>@suppressSmallNumbers</c> field only when the caller is the author of every row (<see cref="ListVisibility.FixedOwner"/>,
/// or rows filtered by the owner rule alone);</item>
/// <item>restricted data (<c>@policy</c>) of rows that may be another organisation's needs a purpose covering it, as reading
/// it does (<see cref="PurposeLimitation"/>, decided by <see cref="AuthorizationRefusal.PurposeAsync"/>).</item>
/// </list>
/// A refusal is the engine's (<see cref="AuthorizationRefusal"/>): <c>FORBIDDEN</c> (or <c>UNAUTHENTICATED</c>) with
/// <c>extensions.reason</c>, <c>extensions.coordinate</c> of the field refused and <c>extensions.argument</c>, at the list field's path.
/// </summary>
public static class FilterAccess
{
    /// <summary>Throws the refusal of the first term of <paramref name="terms"/> the caller may not use in
    /// <paramref name="argument"/> (<c>where</c> or <c>order</c>); returns when every term is allowed.</summary>
    public static async ValueTask EnsureAllowedAsync(IResolveContext ctx, string argument, IReadOnlyList<FieldTerm> terms, ListVisibility visibility)
    {
        if (terms.Count == 0) return;
        var action = argument == "order" ? "sort by" : "filter by";
        var context = new Dictionary<string, object?> { ["argument"] = argument };
        var subject = AuthorizationSubject.Of(ctx);
        var decider = new Decider(ctx, subject, visibility);
        foreach (var term in terms)
            if (await decider.RefusalAsync(term, action, context) is { } refusal)
                throw refusal;
    }

    private sealed class Decider(IResolveContext ctx, AuthorizationSubject subject, ListVisibility visibility)
    {
        private readonly Dictionary<(string Policy, GovernedShape Shape, bool Owns), bool?> _decided = [];
        private readonly PurposeLimitation? _limitation = (ctx.Services?.GetService<IAuthorizationService>())?.Purposes;
        private IReadOnlyList<string>? _parts;
        private bool _ownsEveryRow;

        // The row policies that can let a row through for this caller (one that lets none through adds no row), and whether
        // the caller is the author of every row: the list belongs to it, or its rows are filtered by the owner rule alone.
        private async ValueTask PrepareAsync(GovernedShape rowShape)
        {
            if (_parts is not null) return;
            var parts = new List<string>();
            foreach (var policy in visibility.RowPolicies)
            {
                var decided = await DecideAsync(policy, rowShape, owns: false);
                // A policy that lets every row through is the one part (the others' rows are among its own): the rest are
                // not decided, so the NHS CB's list of returns makes no directory look-up for supportFor.
                if (decided == true) { parts = [policy]; break; }
                if (decided != false) parts.Add(policy);
            }
            _parts = parts;
            _ownsEveryRow = subject.Organisation is { } caller
                && (visibility.FixedOwner == caller || (parts.Count > 0 && parts.All(p => PolicyRules.ByName.GetValueOrDefault(p) is OwnerGrant)));
        }

        public async ValueTask<GraphQLException?> RefusalAsync(FieldTerm term, string action, IReadOnlyDictionary<string, object?> context)
        {
            var governing = 0;   // the step whose object governs this one (a non-governed object is judged as its nearest governed ancestor)
            for (var step = 0; step < term.Path.Count; step++)
            {
                var (typeName, fieldName) = term.Path[step];
                var coordinate = typeName + "." + fieldName;
                if (ctx.Schema.GetType(typeName) is not IComplexOutputType parent || !parent.Fields.TryGetValue(fieldName, out var field))
                    // The list's shape names a field the schema lacks: nothing says it may be read, so it may not be used.
                    return AuthorizationRefusal.Denied(AuthorizationOutcome.Forbidden, subject, AuthorizationRules.None, coordinate, action, context);
                if (ShapeOf(typeName) is not null) governing = step;
                var shape = ShapeOf(term.Path[governing].TypeName) ?? GovernedShapes.Nothing;
                var ofRows = governing == 0;   // the object is the list's row: its construction (row policies, owner) applies
                await PrepareAsync(ShapeOf(term.Path[0].TypeName) ?? GovernedShapes.Nothing);

                var returned = Schema.GetNamedType(field.Type);
                var rules = AuthorizationRules.OfType((NamedType)parent).And(AuthorizationRules.OfField(parent, field));
                if (step == term.Path.Count - 1) rules = rules.And(AuthorizationRules.OfType(returned));

                var outcome = await OutcomeAsync(rules, shape, ofRows);
                if (outcome != AuthorizationOutcome.Allowed) return AuthorizationRefusal.Denied(outcome, subject, rules, coordinate, action, context);

                var ownsEveryRow = ofRows && _ownsEveryRow;
                if (AuthorizationDirectives.SuppressesSmallNumbers(field) && !ownsEveryRow)
                    return AuthorizationRefusal.SmallNumbers(coordinate, action, context);

                // Restricted data of rows that may be another organisation's: the stated purpose must cover it, as to read it.
                if (rules.HasPolicies && !ownsEveryRow && _limitation is { } limitation
                    && await AuthorizationRefusal.PurposeAsync(limitation, subject, coordinate, limitation.PurposesFor(typeName, fieldName, returned.Name),
                        async universal => await OutcomeAsync(universal, shape, ofRows) == AuthorizationOutcome.Allowed, action, context) is { } refusal)
                    return refusal;
            }
            return null;
        }

        /// <summary>Whether <paramref name="rules"/> hold for every row the list can contain (the same order of checks as the service's).</summary>
        private async ValueTask<AuthorizationOutcome> OutcomeAsync(AuthorizationRules rules, GovernedShape shape, bool ofRows)
        {
            if (rules.IsEmpty) return AuthorizationOutcome.Allowed;
            if (!subject.IsAuthenticated || subject.Organisation is null) return AuthorizationOutcome.Unauthenticated;
            foreach (var requirement in rules.ScopeRequirements)
                if (!requirement.Any(alternative => alternative.All(subject.HasScope))) return AuthorizationOutcome.Forbidden;
            foreach (var requirement in rules.PolicyRequirements)
                if (!await HoldsOnEveryRowAsync(requirement, shape, ofRows)) return AuthorizationOutcome.Forbidden;
            return AuthorizationOutcome.Allowed;
        }

        // The rows are the union of those each row policy lets through: the requirement must hold on each part, by an
        // alternative whose every policy is that row policy or holds whatever the row holds. Without row policies that
        // can admit a row, nothing is known of the rows.
        private async ValueTask<bool> HoldsOnEveryRowAsync(IReadOnlyList<IReadOnlyList<string>> requirement, GovernedShape shape, bool ofRows)
        {
            IReadOnlyList<string?> parts = ofRows && _parts is { Count: > 0 } known ? known : [null];
            var owns = ofRows && _ownsEveryRow;
            foreach (var rowPolicy in parts)
            {
                var held = false;
                foreach (var alternative in requirement)
                {
                    var all = true;
                    foreach (var policy in alternative)
                        if (policy != rowPolicy && await DecideAsync(policy, shape, owns) != true) { all = false; break; }
                    if (all) { held = true; break; }
                }
                if (!held) return false;
            }
            return true;
        }

        private async ValueTask<bool?> DecideAsync(string policy, GovernedShape shape, bool owns)
        {
            // An unknown name is a deployment error; it allows nothing (as the service decides it).
            if (PolicyRules.ByName.GetValueOrDefault(policy) is not { } grant || subject.Organisation is not { } caller) return false;
            if (_decided.TryGetValue((policy, shape, owns), out var known)) return known;
            return _decided[(policy, shape, owns)] = await RuleFilter.DecideWhateverTheRowAsync(grant, shape, caller, ctx, owns);
        }

        private static GovernedShape? ShapeOf(string typeName) => GovernedShapes.All.FirstOrDefault(s => s.TypeName == typeName);
    }
}
