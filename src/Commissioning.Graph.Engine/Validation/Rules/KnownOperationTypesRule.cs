using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Operation type existence (September 2025 edition, §5.2.1.1 "Operation Type Existence"): a
/// mutation or subscription is only valid when the schema has that root type. Before graphql-js 17
/// this was found at execution time (with <c>data: null</c>); now it is a validation error, so the
/// response has no <c>data</c>.
/// </summary>
public sealed class KnownOperationTypesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        // Only the operation's keyword matters: the walker need not bring this visitor any node inside a definition.
        public override void EnterFragmentDefinition(FragmentDefinitionNode node) => SkipChildren();

        public override void EnterOperationDefinition(OperationDefinitionNode node)
        {
            SkipChildren();
            if (context.Schema.GetRootType(node.Operation) is not null) return;
            var keyword = node.Operation switch
            {
                OperationType.Query => "query",
                OperationType.Mutation => "mutation",
                _ => "subscription",
            };
            context.ReportError($"The {keyword} operation is not supported by the schema.", node);
        }
    }
}
