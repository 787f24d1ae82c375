using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Incremental Delivery RFC, validation "Stream Directives Are Used On List Fields": <c>@stream</c> only on a
/// field whose type is a list (or a non-null list).
/// </summary>
public sealed class StreamDirectiveOnListFieldRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) =>
        context.DocumentUsesDirective("stream") ? new Visitor(context) : ValidationVisitor.None;

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override void EnterDirective(DirectiveNode node)
        {
            if (node.Name.Value != "stream") return;
            var field = context.GetFieldDef();
            var parent = context.GetParentType();
            if (field is null || parent is null) return;
            var type = field.Type is NonNullType nonNull ? nonNull.OfType : field.Type;
            if (type is ListType) return;
            context.ReportError($"Directive \"@stream\" cannot be used on non-list field \"{parent}.{field.Name}\".", node);
        }
    }
}
