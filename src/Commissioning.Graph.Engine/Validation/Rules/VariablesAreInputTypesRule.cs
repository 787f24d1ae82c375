using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.8.2 Variables Are Input Types: variables are declared with scalar, enum or input object types.</summary>
public sealed class VariablesAreInputTypesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override void EnterVariableDefinition(VariableDefinitionNode node)
        {
            var type = context.Schema.TypeFromAst(node.Type);
            if (type is not null && !Schema.IsInputType(type))
                context.ReportError($"Variable \"${node.Variable.Name.Value}\" cannot be non-input type \"{ValidationHelpers.PrintType(node.Type)}\".", node.Type);
        }
    }
}
