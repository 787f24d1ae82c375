using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Incremental Delivery RFC, validation "Defer And Stream Directives Are Used On Valid Operations": a
/// subscription may not use <c>@defer</c> or <c>@stream</c> unless their <c>if</c> can be false (a variable or
/// the literal false), since each event has one response. Selections that <c>@skip</c>/<c>@include</c> can leave
/// out are not looked at. The error also locates the fragment spreads that led to the directive.
/// </summary>
public sealed class DeferStreamDirectiveOnValidOperationsRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) =>
        (context.DocumentUsesDirective("defer") || context.DocumentUsesDirective("stream")) ? new Visitor(context) : ValidationVisitor.None;

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly HashSet<string> _checked = new(StringComparer.Ordinal);

        public override void EnterOperationDefinition(OperationDefinitionNode node)
        {
            if (node.Operation != OperationType.Subscription) return;
            var visited = new HashSet<string>(StringComparer.Ordinal);
            if (Check(node.SelectionSet, new List<SyntaxNode>(), visited)) _checked.UnionWith(visited);
        }

        private bool Check(SelectionSetNode selectionSet, List<SyntaxNode> spreads, HashSet<string> visited)
        {
            var valid = true;
            foreach (var selection in selectionSet.Selections)
            {
                if (Find(selection, "skip") is { } skip && CanSkip(skip)) continue;
                if (Find(selection, "include") is { } include && CanExclude(include)) continue;
                foreach (var directive in selection.Directives)
                {
                    if (directive.Name.Value is not ("defer" or "stream") || IfCanBeFalse(directive)) continue;
                    valid = false;
                    var nodes = new List<SyntaxNode> { directive };
                    for (var i = spreads.Count - 1; i >= 0; i--) nodes.Add(spreads[i]);
                    context.ReportError(directive.Name.Value == "defer"
                        ? "Defer directive not supported on subscription operations. Disable `@defer` by setting the `if` argument to `false`."
                        : "Stream directive not supported on subscription operations. Disable `@stream` by setting the `if` argument to `false`.",
                        nodes.ToArray());
                }
                switch (selection)
                {
                    case FragmentSpreadNode spread:
                    {
                        var name = spread.Name.Value;
                        if (visited.Contains(name) || _checked.Contains(name)) continue;
                        visited.Add(name);
                        if (context.GetFragment(name) is not { } fragment) continue;
                        spreads.Add(spread);
                        valid = Check(fragment.SelectionSet, spreads, visited) && valid;
                        spreads.RemoveAt(spreads.Count - 1);
                        break;
                    }
                    case FieldNode { SelectionSet: { } set }:
                        valid = Check(set, spreads, visited) && valid;
                        break;
                    case InlineFragmentNode inline:
                        valid = Check(inline.SelectionSet, spreads, visited) && valid;
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

        private static ValueNode? If(DirectiveNode directive)
        {
            foreach (var a in directive.Arguments) if (a.Name.Value == "if") return a.Value;
            return null;
        }

        // if: false or a variable; absent or any other literal cannot be false.
        private static bool IfCanBeFalse(DirectiveNode directive) => If(directive) switch
        {
            BooleanValueNode b => !b.Value,
            VariableNode => true,
            _ => false,
        };

        // @skip without if, with if: true, or with anything but the literal false may skip.
        private static bool CanSkip(DirectiveNode skip) => If(skip) is not BooleanValueNode { Value: false };

        // @include with if: false or anything not a boolean literal may exclude; absent cannot.
        private static bool CanExclude(DirectiveNode include) => If(include) switch
        {
            null => false,
            BooleanValueNode b => !b.Value,
            _ => true,
        };
    }
}
