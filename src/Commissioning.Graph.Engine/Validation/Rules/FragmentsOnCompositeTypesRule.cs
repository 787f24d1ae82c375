using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.5.1.3 Fragments On Composite Types: fragments and inline fragments condition on objects, interfaces or unions.</summary>
public sealed class FragmentsOnCompositeTypesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override void EnterInlineFragment(InlineFragmentNode node)
        {
            if (node.TypeCondition is not { } tc) return;
            var type = context.Schema.TypeFromAst(tc);
            if (type is not null && type is not ICompositeType)
                context.ReportError($"Fragment cannot condition on non composite type \"{ValidationHelpers.PrintType(tc)}\".", tc);
        }

        public override void EnterFragmentDefinition(FragmentDefinitionNode node)
        {
            var type = context.Schema.TypeFromAst(node.TypeCondition);
            if (type is not null && type is not ICompositeType)
                context.ReportError($"Fragment \"{node.Name.Value}\" cannot condition on non composite type \"{ValidationHelpers.PrintType(node.TypeCondition)}\".", node.TypeCondition);
        }
    }
}
