using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.3.3 Leaf Field Selections: scalar and enum fields have no selection set; other fields have one.</summary>
public sealed class ScalarLeafsRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override void EnterField(FieldNode node)
        {
            var type = context.GetType();
            if (type is null) return;
            var name = node.Name.Value;
            if (Schema.IsLeafType(Schema.GetNamedType(type)))
            {
                if (node.SelectionSet is { } ss)
                    context.ReportError($"Field \"{name}\" must not have a selection since type \"{type}\" has no subfields.", ss);
            }
            else if (node.SelectionSet is null)
                context.ReportError($"Field \"{name}\" of type \"{type}\" must have a selection of subfields. Did you mean \"{name} {{ ... }}\"?", node);
            else if (node.SelectionSet.Selections.Count == 0 && !context.Options.AllowEmptySelectionSets)
                context.ReportError($"Field \"{name}\" of type \"{type}\" must have at least one field selected.", node);
        }
    }
}
