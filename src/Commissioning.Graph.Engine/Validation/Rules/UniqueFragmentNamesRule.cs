using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.5.1.1 Fragment Name Uniqueness: each fragment's name is unique in the document.</summary>
public sealed class UniqueFragmentNamesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

        public override void EnterOperationDefinition(OperationDefinitionNode node) => SkipChildren();

        public override void EnterFragmentDefinition(FragmentDefinitionNode node)
        {
            var name = node.Name;
            if (_known.TryGetValue(name.Value, out var first))
                context.ReportError($"There can be only one fragment named \"{name.Value}\".", first, name);
            else
                _known[name.Value] = name;
            SkipChildren();
        }
    }
}
