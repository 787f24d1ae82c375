using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.8.3 All Variable Uses Defined: every variable used by an operation, or by the fragments it spreads, is declared by it.</summary>
public sealed class NoUndefinedVariablesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly HashSet<string> _defined = new(StringComparer.Ordinal);

        public override void EnterOperationDefinition(OperationDefinitionNode node) => _defined.Clear();

        public override void EnterVariableDefinition(VariableDefinitionNode node) => _defined.Add(node.Variable.Name.Value);

        public override void LeaveOperationDefinition(OperationDefinitionNode operation)
        {
            foreach (var usage in context.GetRecursiveVariableUsages(operation))
            {
                var name = usage.Node.Name.Value;
                if (_defined.Contains(name)) continue;
                context.ReportError(operation.Name is { } opName
                    ? $"Variable \"${name}\" is not defined by operation \"{opName.Value}\"."
                    : $"Variable \"${name}\" is not defined.", usage.Node, operation);
            }
        }
    }
}
