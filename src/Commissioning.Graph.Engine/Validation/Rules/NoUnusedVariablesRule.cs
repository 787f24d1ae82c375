using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.8.4 All Variables Used: every variable an operation declares is used by it or by the fragments it spreads.</summary>
public sealed class NoUnusedVariablesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly List<VariableDefinitionNode> _defs = new();

        public override void EnterOperationDefinition(OperationDefinitionNode node) => _defs.Clear();

        public override void EnterVariableDefinition(VariableDefinitionNode node) => _defs.Add(node);

        public override void LeaveOperationDefinition(OperationDefinitionNode operation)
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var usage in context.GetRecursiveVariableUsages(operation)) used.Add(usage.Node.Name.Value);
            foreach (var def in _defs)
            {
                var name = def.Variable.Name.Value;
                if (used.Contains(name)) continue;
                context.ReportError(operation.Name is { } opName
                    ? $"Variable \"${name}\" is never used in operation \"{opName.Value}\"."
                    : $"Variable \"${name}\" is never used.", def);
            }
        }
    }
}
