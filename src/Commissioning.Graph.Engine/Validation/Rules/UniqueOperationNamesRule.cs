using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.2.1.1 Operation Name Uniqueness: each named operation's name is unique in the document.</summary>
public sealed class UniqueOperationNamesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

        public override void EnterOperationDefinition(OperationDefinitionNode node)
        {
            if (node.Name is { } name)
            {
                if (_known.TryGetValue(name.Value, out var first))
                    context.ReportError($"There can be only one operation named \"{name.Value}\".", first, name);
                else
                    _known[name.Value] = name;
            }
            SkipChildren();
        }

        public override void EnterFragmentDefinition(FragmentDefinitionNode node) => SkipChildren();
    }
}
