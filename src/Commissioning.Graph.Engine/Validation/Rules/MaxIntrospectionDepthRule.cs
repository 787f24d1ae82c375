using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Recommended (not in the spec; graphql-js 16.15 runs it with the specified rules): an introspection query
/// (<c>__schema</c> / <c>__type</c>) may nest the list fields <c>fields</c>, <c>interfaces</c>,
/// <c>possibleTypes</c> and <c>inputFields</c> at most 3 deep, following fragment spreads.
/// </summary>
public sealed class MaxIntrospectionDepthRule : IValidationRule
{
    private const int MaxListsDepth = 3;

    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        // Per fragment: the greatest entry depth at which a check completed below the limit, and the smallest
        // entry depth at which one reached it. Shared by all root checks.
        private readonly Dictionary<string, int> _checked = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _exceeded = new(StringComparer.Ordinal);

        public override void EnterField(FieldNode node)
        {
            if (node.Name.Value is not ("__schema" or "__type")) return;
            if (CheckDepth(node, new Dictionary<string, int>(StringComparer.Ordinal), 0))
            {
                context.ReportError("Maximum introspection depth exceeded", node);
                SkipChildren();
            }
        }

        private bool CheckDepth(SelectionNode node, Dictionary<string, int> visited, int depth)
        {
            // A very long chain of fragments counts as too deep rather than overflowing the stack.
            if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) return true;
            if (node is FragmentSpreadNode spread)
            {
                var name = spread.Name.Value;
                if (_exceeded.TryGetValue(name, out var ex) && ex <= depth) return true;
                if ((visited.TryGetValue(name, out var v) && v >= depth) || (_checked.TryGetValue(name, out var c) && c >= depth)) return false;
                var fragment = context.GetFragment(name);
                if (fragment is null) return false;
                visited[name] = depth;
                if (CheckSelections(fragment.SelectionSet, visited, depth))
                {
                    _exceeded[name] = depth;
                    return true;
                }
                _checked[name] = depth;
                return false;
            }
            if (node is FieldNode f && f.Name.Value is "fields" or "interfaces" or "possibleTypes" or "inputFields")
            {
                depth++;
                if (depth >= MaxListsDepth) return true;
            }
            var set = node switch { FieldNode fn => fn.SelectionSet, InlineFragmentNode i => i.SelectionSet, _ => null };
            return set is not null && CheckSelections(set, visited, depth);
        }

        private bool CheckSelections(SelectionSetNode set, Dictionary<string, int> visited, int depth)
        {
            foreach (var child in set.Selections)
                if (CheckDepth(child, visited, depth)) return true;
            return false;
        }
    }
}
