using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Not a rule of the spec (its §5 leaves limits to the service): bounds the size of each operation once its
/// fragments are expanded. Depth is the number of nested fields (<c>{ a { b } }</c> is 2 deep); the field count
/// counts every field selection, aliases included, with each fragment counted again at every spread. Expansion
/// is iterative, skips spreads that would re-enter a fragment already being expanded (a cycle, which
/// NoFragmentCycles reports), and stops as soon as a limit is passed, so its cost is bounded.
/// Errors carry <c>DEPTH_LIMIT_EXCEEDED</c> / <c>DOCUMENT_LIMIT_EXCEEDED</c>. Not in <see cref="SpecifiedRules.All"/>;
/// the server adds it.
/// </summary>
public sealed class DocumentLimitsRule : IValidationRule
{
    public DocumentLimitsRule(int maxDepth, int maxFields, bool countIntrospection = false)
    {
        MaxDepth = maxDepth;
        MaxFields = maxFields;
        CountIntrospection = countIntrospection;
    }

    public int MaxDepth { get; }
    public int MaxFields { get; }
    /// <summary>When false (the default), introspection fields (<c>__schema</c>, <c>__type</c>, <c>__typename</c>) and what
    /// they select are neither counted nor depth-checked (MaxIntrospectionDepthRule bounds introspection).</summary>
    public bool CountIntrospection { get; }

    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(this, context);

    private sealed class Visitor(DocumentLimitsRule rule, ValidationContext context) : ValidationVisitor
    {
        public override void EnterOperationDefinition(OperationDefinitionNode node)
        {
            SkipChildren();
            Measure(node);
        }

        public override void EnterFragmentDefinition(FragmentDefinitionNode node) => SkipChildren();

        private readonly record struct Frame(IReadOnlyList<SelectionNode> Selections, int Depth, string? Fragment)
        {
            public int Index { get; init; }
        }

        private void Measure(OperationDefinitionNode operation)
        {
            var fields = 0L;
            var work = 0L;
            // Selections visited (fields, spreads, inline fragments): bounds fragments that spread others many times
            // without selecting fields themselves.
            var maxWork = Math.Max(10_000L, (long)rule.MaxFields * 10);
            var depthReported = false;
            var active = new HashSet<string>(StringComparer.Ordinal);
            var stack = new List<Frame> { new(operation.SelectionSet.Selections, 0, null) };
            var label = operation.Name is { } n ? $"Operation \"{n.Value}\"" : "The operation";

            while (stack.Count > 0)
            {
                var top = stack[^1];
                if (top.Index >= top.Selections.Count)
                {
                    if (top.Fragment is not null) active.Remove(top.Fragment);
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                }
                stack[^1] = top with { Index = top.Index + 1 };
                var selection = top.Selections[top.Index];
                if (++work > maxWork)
                {
                    Report($"{label} is too complex: its fragments expand to more than {maxWork} selections.", ErrorCodes.DocumentLimitExceeded, operation);
                    return;
                }
                switch (selection)
                {
                    case FieldNode f:
                    {
                        if (!rule.CountIntrospection && f.Name.Value.StartsWith("__", StringComparison.Ordinal)) break;
                        var depth = top.Depth + 1;
                        if (depth > rule.MaxDepth && !depthReported)
                        {
                            depthReported = true;
                            Report($"{label} exceeds the maximum depth of {rule.MaxDepth}.", ErrorCodes.DepthLimitExceeded, f);
                        }
                        if (++fields > rule.MaxFields)
                        {
                            Report($"{label} selects more than the maximum of {rule.MaxFields} fields.", ErrorCodes.DocumentLimitExceeded, operation);
                            return;
                        }
                        if (f.SelectionSet is { } ss && !depthReported) stack.Add(new Frame(ss.Selections, depth, null));
                        break;
                    }
                    case InlineFragmentNode inl:
                        stack.Add(new Frame(inl.SelectionSet.Selections, top.Depth, null));
                        break;
                    case FragmentSpreadNode spread:
                    {
                        var name = spread.Name.Value;
                        if (active.Contains(name) || context.GetFragment(name) is not { } fragment) break;
                        active.Add(name);
                        stack.Add(new Frame(fragment.SelectionSet.Selections, top.Depth, name));
                        break;
                    }
                }
            }
        }

        private void Report(string message, string code, SyntaxNode node) =>
            context.ReportError(new GraphQLError(message, new[] { node }).WithCode(code));
    }
}
