using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// §5.2.3.1 Single root field: a subscription selects exactly one root field (after collecting fields through
/// fragments, with <c>@skip</c>/<c>@include</c> evaluated without variables), and that field is not an
/// introspection field.
/// <para>graphql-js 16 throws out of <c>validate</c> when such a directive's <c>if</c> is a variable or not a
/// boolean literal; we report that message as a validation error instead.</para>
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
            try
            {
                Collect(schema, subscriptionType, node.SelectionSet, fields, new HashSet<string>(StringComparer.Ordinal));
            }
            catch (DirectiveValueException e)
            {
                context.ReportError(e.Message, e.Node);
                return;
            }

            if (fields.Count > 1)
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

        // Spec CollectFields (§6.3.2) with no variable values; each fragment is expanded at most once.
        private void Collect(Schema schema, ObjectType runtimeType, SelectionSetNode selectionSet,
            List<(string Key, List<FieldNode> Nodes)> fields, HashSet<string> visitedFragments)
        {
            if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) context.AbortValidation();
            ReserveWork(selectionSet);
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case FieldNode f:
                    {
                        if (!ShouldInclude(f)) continue;
                        var key = f.ResponseKey;
                        var entry = fields.FindIndex(e => e.Key == key);
                        if (entry >= 0) fields[entry].Nodes.Add(f);
                        else fields.Add((key, new List<FieldNode> { f }));
                        break;
                    }
                    case InlineFragmentNode inl:
                        if (!ShouldInclude(inl) || !ConditionMatches(schema, inl.TypeCondition, runtimeType)) continue;
                        Collect(schema, runtimeType, inl.SelectionSet, fields, visitedFragments);
                        break;
                    case FragmentSpreadNode spread:
                    {
                        var name = spread.Name.Value;
                        if (visitedFragments.Contains(name) || !ShouldInclude(spread)) continue;
                        visitedFragments.Add(name);
                        if (!_fragments!.TryGetValue(name, out var fragment) || !ConditionMatches(schema, fragment.TypeCondition, runtimeType)) continue;
                        Collect(schema, runtimeType, fragment.SelectionSet, fields, visitedFragments);
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
                    if (d.Name.Value is "skip" or "include") context.SpendFragmentWork(d.Arguments.Count);
            }
        }

        private static bool ConditionMatches(Schema schema, NamedTypeNode? condition, ObjectType type)
        {
            if (condition is null) return true;
            var conditional = schema.TypeFromAst(condition);
            if (ReferenceEquals(conditional, type)) return true;
            return conditional is IAbstractType abs && schema.IsSubType(abs, type);
        }

        private static bool ShouldInclude(SelectionNode node)
        {
            if (IfValue(node, "skip") == true) return false;
            if (IfValue(node, "include") == false) return false;
            return true;
        }

        // The `if` argument of the first @skip/@include on the node, with no variables (graphql-js getDirectiveValues).
        private static bool? IfValue(SelectionNode node, string directiveName)
        {
            var directive = node.Directives.FirstOrDefault(d => d.Name.Value == directiveName);
            if (directive is null) return null;
            var arg = directive.Arguments.LastOrDefault(a => a.Name.Value == "if");
            if (arg is null)
                throw new DirectiveValueException("Argument \"if\" of required type \"Boolean!\" was not provided.", directive);
            return arg.Value switch
            {
                BooleanValueNode b => b.Value,
                VariableNode v => throw new DirectiveValueException(
                    $"Argument \"if\" of required type \"Boolean!\" was provided the variable \"${v.Name.Value}\" which was not provided a runtime value.", v),
                _ => throw new DirectiveValueException("Argument \"if\" has invalid value.", arg.Value),
            };
        }
    }

    private sealed class DirectiveValueException(string message, SyntaxNode node) : Exception(message)
    {
        public SyntaxNode Node { get; } = node;
    }
}
