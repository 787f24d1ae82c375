using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.8.1 Variable Uniqueness: an operation declares each variable once. One error per repeated name, at every declaration.</summary>
public sealed class UniqueVariableNamesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override void EnterOperationDefinition(OperationDefinitionNode node)
        {
            foreach (var group in node.VariableDefinitions.GroupBy(v => v.Variable.Name.Value, StringComparer.Ordinal))
            {
                var defs = group.ToList();
                if (defs.Count > 1)
                    context.ReportError($"There can be only one variable named \"${group.Key}\".", defs.Select(d => (SyntaxNode)d.Variable.Name).ToArray());
            }
        }
    }
}
