using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.5.1.4 Fragments Must Be Used: every fragment is spread, directly or indirectly, by some operation.</summary>
public sealed class NoUnusedFragmentsRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly List<OperationDefinitionNode> _operations = new();
        private readonly List<FragmentDefinitionNode> _fragments = new();

        public override void EnterOperationDefinition(OperationDefinitionNode node) { _operations.Add(node); SkipChildren(); }
        public override void EnterFragmentDefinition(FragmentDefinitionNode node) { _fragments.Add(node); SkipChildren(); }

        public override void LeaveDocument(DocumentNode node)
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in context.GetRecursivelyReferencedFragmentsForOperations(_operations)) used.Add(f.Name.Value);
            foreach (var f in _fragments)
                if (!used.Contains(f.Name.Value))
                    context.ReportError($"Fragment \"{f.Name.Value}\" is never used.", f);
        }
    }
}
