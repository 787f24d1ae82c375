using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// §5.2.3.1 Single root field: a subscription selects exactly one root field (after collecting fields through
/// fragments), and that field is not an introspection field. As in graphql-js 17 (September 2025 edition),
/// <c>@skip</c> and <c>@include</c> may not be used anywhere in the top-level selection (fragments included):
/// each use is reported and the selection it is on is left out; a selection that collects no field is
/// reported as selecting none.
/// </summary>
public sealed class SingleFieldSubscriptionsRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private Dictionary<string, FragmentDefinitionNode>? _fragments;

        public override void EnterOperationDefinition(OperationDefinitionNode node)
        {
            if (node.Operation != OperationType.Subscription) return;
            var schema = context.Schema;
            if (schema.SubscriptionType is not { } subscriptionType) return;
            var operationName = node.Name?.Value;
            if (_fragments is null)
            {
                _fragments = new(StringComparer.Ordinal);
                context.SpendFragmentWork(context.Document.Definitions.Count);
                foreach (var d in context.Document.Definitions)
                    if (d is FragmentDefinitionNode f) _fragments[f.Name.Value] = f;
            }

            var fields = new List<(string Key, List<FieldNode> Nodes)>();
            var forbidden = new List<SyntaxNode>();
            Collect(schema, subscriptionType, node.SelectionSet, fields, new HashSet<string>(StringComparer.Ordinal), forbidden);

            if (forbidden.Count > 0)
            {
                context.ReportError(operationName is not null
                        ? $"Subscription \"{operationName}\" must not use `@skip` or `@include` directives in the top level selection."
                        : "Anonymous Subscription must not use `@skip` or `@include` directives in the top level selection.",
                    forbidden.ToArray());
                return;
            }

            if (fields.Count == 0)
                context.ReportError(operationName is not null
                        ? $"Subscription \"{operationName}\" must select one top level field."
                        : "Anonymous Subscription must select one top level field.",
                    node.SelectionSet);
            else if (fields.Count > 1)
                context.ReportError(operationName is not null
                        ? $"Subscription \"{operationName}\" must select only one top level field."
                        : "Anonymous Subscription must select only one top level field.",
                    fields.Skip(1).SelectMany(f => f.Nodes).Cast<SyntaxNode>().ToArray());

            foreach (var (_, nodes) in fields)
            {
                if (!nodes[0].Name.Value.StartsWith("__", StringComparison.Ordinal)) continue;
                context.ReportError(operationName is not null
                        ? $"Subscription \"{operationName}\" must not select an introspection top level field."
                        : "Anonymous Subscription must not select an introspection top level field.",
                    nodes.Cast<SyntaxNode>().ToArray());
            }
        }

        // Spec CollectFields (§6.3.2) for the top level, where @skip/@include are forbidden: a selection
        // carrying either is recorded and left out. Each fragment is expanded at most once.
        private void Collect(Schema schema, ObjectType runtimeType, SelectionSetNode selectionSet,
            List<(string Key, List<FieldNode> Nodes)> fields, HashSet<string> visitedFragments, List<SyntaxNode> forbidden)
        {
            if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) context.AbortValidation();
            ReserveWork(selectionSet);
            foreach (var selection in selectionSet.Selections)
            {
                if (ForbiddenConditional(selection) is { } conditional)
                {
                    forbidden.Add(conditional);
                    continue;
                }
                switch (selection)
                {
                    case FieldNode f:
                    {
                        var key = f.ResponseKey;
                        var entry = fields.FindIndex(e => e.Key == key);
                        if (entry >= 0) fields[entry].Nodes.Add(f);
                        else fields.Add((key, new List<FieldNode> { f }));
                        break;
                    }
                    case InlineFragmentNode inl:
                        if (!ConditionMatches(schema, inl.TypeCondition, runtimeType)) continue;
                        Collect(schema, runtimeType, inl.SelectionSet, fields, visitedFragments, forbidden);
                        break;
                    case FragmentSpreadNode spread:
                    {
                        var name = spread.Name.Value;
                        if (!_fragments!.TryGetValue(name, out var fragment) || !ConditionMatches(schema, fragment.TypeCondition, runtimeType)) continue;
                        if (!visitedFragments.Add(name)) continue;
                        Collect(schema, runtimeType, fragment.SelectionSet, fields, visitedFragments, forbidden);
                        break;
                    }
                }
            }
        }

        private void ReserveWork(SelectionSetNode selectionSet)
        {
            context.SpendFragmentWork(selectionSet.Selections.Count);
            foreach (var s in selectionSet.Selections)
            {
                context.SpendFragmentWork(s.Directives.Count);
                foreach (var d in s.Directives)
                    if (d.Name.Value == "defer") context.SpendFragmentWork(d.Arguments.Count);
            }
        }

        private static bool ConditionMatches(Schema schema, NamedTypeNode? condition, ObjectType type)
        {
            if (condition is null) return true;
            var conditional = schema.TypeFromAst(condition);
            if (ReferenceEquals(conditional, type)) return true;
            return conditional is IAbstractType abs && schema.IsSubType(abs, type);
        }

        // The first @skip on the selection, else its first @include (graphql-js looks at @skip first).
        private static DirectiveNode? ForbiddenConditional(SelectionNode node) =>
            node.Directives.FirstOrDefault(d => d.Name.Value == "skip")
            ?? node.Directives.FirstOrDefault(d => d.Name.Value == "include");
    }
}
