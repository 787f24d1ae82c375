using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.5.2.3 Fragment spread is possible: a fragment's type condition can apply to the parent type.</summary>
public sealed class PossibleFragmentSpreadsRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override void EnterInlineFragment(InlineFragmentNode node)
        {
            if (context.GetType() is ICompositeType fragType && context.GetParentType() is { } parentType
                && !ValidationHelpers.DoTypesOverlap(context.Schema, fragType, parentType))
                context.ReportError($"Fragment cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragType.Name}\".", node);
        }

        public override void EnterFragmentSpread(FragmentSpreadNode node)
        {
            var name = node.Name.Value;
            if (context.GetFragment(name) is { } frag && context.Schema.TypeFromAst(frag.TypeCondition) is ICompositeType fragType
                && context.GetParentType() is { } parentType
                && !ValidationHelpers.DoTypesOverlap(context.Schema, fragType, parentType))
                context.ReportError($"Fragment \"{name}\" cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragType.Name}\".", node);
        }
    }
}
