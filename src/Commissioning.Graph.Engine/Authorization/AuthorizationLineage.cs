using System.Runtime.CompilerServices;
using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Engine.Authorization;

/// <summary>
/// Which object each resolved value came from, within one request: the authorisation wrapper
/// records child → parent for every value an enforced field returns. A policy whose target is a
/// value object (a connection, an edge, a set of figures, a payload) walks up to the entity that
/// owns it — the data belongs to whoever owns its nearest governed ancestor. It is the request's
/// <see cref="RequestScope.Lineage"/>; thread-safe; the first parent recorded for an object wins.
/// </summary>
public sealed class AuthorizationLineage
{
    private readonly ConditionalWeakTable<object, object> _parents = new();

    public void Record(object child, object parent)
    {
        if (ReferenceEquals(child, parent) || child is string || child.GetType().IsValueType) return;
        _parents.TryAdd(child, parent);
    }

    public object? ParentOf(object child) => _parents.TryGetValue(child, out var p) ? p : null;

    /// <summary>The target and its ancestors, nearest first (at most <paramref name="maxDepth"/>).</summary>
    public IEnumerable<object> SelfAndAncestors(object target, int maxDepth = 32)
    {
        for (object? current = target; current is not null && maxDepth-- > 0; current = ParentOf(current)) yield return current;
    }
}
