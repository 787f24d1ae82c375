using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Modules.Shared.Lists;

/// <summary>What every row of a list is already known to pass: the policies its SQL filters rows by (<see cref="Policies.RuleFilter"/>),
/// and/or the organisation that owns every row (a consortium's own returns under <c>Consortium.financialReturns</c>).</summary>
public sealed record ListVisibility(IReadOnlyList<string> RowPolicies, string? FixedOwner);

/// <summary>
/// Whether the caller may filter or sort a list on the fields it names (LISTS.md "Access check").
/// PLACEHOLDER — ALLOWS EVERYTHING: engineer "leaks" owns this file and replaces the body with the real check
/// (FORBIDDEN at the argument's path, before any SQL). Until that lands, filters and sorts are not access-checked.
/// </summary>
public static class FilterAccess
{
    public static ValueTask EnsureAllowedAsync(IResolveContext ctx, string argument, IReadOnlyList<FieldTerm> terms, ListVisibility visibility) =>
        ValueTask.CompletedTask;
}
