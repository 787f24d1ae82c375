using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Incremental Delivery RFC, validation "Defer And Stream Directives Are Used On Valid Root Field": in a
/// mutation or subscription, no <c>@defer</c> on a fragment of the root selection set and no <c>@stream</c>
/// on a root field (the root of those operations is executed once per request or event, as a whole).
/// Fragments are followed once per operation; a fragment found clean is not walked again.
/// </summary>
public sealed class DeferStreamDirectiveOnRootFieldRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) =>
        (context.DocumentUsesDirective("defer") || context.DocumentUsesDirective("stream")) ? new Visitor(context) : ValidationVisitor.None;

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly HashSet<string> _checked = new(StringComparer.Ordinal);

        public override void EnterOperationDefinition(OperationDefinitionNode node)
        {
            if (node.Operation is not (OperationType.Mutation or OperationType.Subscription)) return;
            var root = context.Schema.GetRootType(node.Operation);
            if (root is null) return;
            var kind = node.Operation == OperationType.Mutation ? "mutation" : "subscription";
            var visited = new HashSet<string>(StringComparer.Ordinal);
            if (Check(node.SelectionSet, kind, root, visited)) _checked.UnionWith(visited);
        }

        private bool Check(SelectionSetNode selectionSet, string kind, ObjectType root, HashSet<string> visited)
        {
            var valid = true;
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case FieldNode field:
                        if (Find(field, "stream") is { } stream)
                        {
                            valid = false;
                            context.ReportError($"Stream directive cannot be used on root {kind} type \"{root.Name}\".", stream);
                        }
                        break;
                    case FragmentSpreadNode spread:
                    {
                        var name = spread.Name.Value;
                        if (!visited.Add(name)) continue;
                        if (context.GetFragment(name) is not { } fragment) continue;
                        if (Find(spread, "defer") is { } defer)
                        {
                            valid = false;
                            context.ReportError($"Defer directive cannot be used on root {kind} type \"{root.Name}\".", defer);
                        }
                        if (!_checked.Contains(name)) valid = Check(fragment.SelectionSet, kind, root, visited) && valid;
                        break;
                    }
                    case InlineFragmentNode inline:
                        if (Find(inline, "defer") is { } inlineDefer)
                        {
                            valid = false;
                            context.ReportError($"Defer directive cannot be used on root {kind} type \"{root.Name}\".", inlineDefer);
                        }
                        valid = Check(inline.SelectionSet, kind, root, visited) && valid;
                        break;
                }
            }
            return valid;
        }

        private static DirectiveNode? Find(SelectionNode node, string name)
        {
            foreach (var d in node.Directives) if (d.Name.Value == name) return d;
            return null;
        }
    }
}
