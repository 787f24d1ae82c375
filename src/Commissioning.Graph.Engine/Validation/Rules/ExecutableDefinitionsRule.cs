using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.1.1 Executable Definitions: a document submitted for execution holds only operations and fragments.</summary>
public sealed class ExecutableDefinitionsRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override void EnterDocument(DocumentNode node)
        {
            foreach (var def in node.Definitions)
            {
                if (def is ExecutableDefinitionNode) continue;
                var name = def switch
                {
                    SchemaDefinitionNode or SchemaExtensionNode => "schema",
                    TypeDefinitionNode t => "\"" + t.Name.Value + "\"",
                    DirectiveDefinitionNode d => "\"" + d.Name.Value + "\"",
                    _ => "\"?\"",
                };
                context.ReportError($"The {name} definition is not executable.", def);
            }
            SkipChildren();
        }
    }
}
