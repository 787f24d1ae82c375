using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Incremental Delivery RFC, validation "Defer And Stream Directive Labels Are Unique": a <c>label</c> of
/// <c>@defer</c> or <c>@stream</c> is a string literal (so a payload's label is known from the document) and no
/// two such directives in the document share one. A null label counts as none.
/// </summary>
public sealed class DeferStreamDirectiveLabelRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) =>
        (context.DocumentUsesDirective("defer") || context.DocumentUsesDirective("stream")) ? new Visitor(context) : ValidationVisitor.None;

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly Dictionary<string, DirectiveNode> _known = new(StringComparer.Ordinal);

        public override void EnterDirective(DirectiveNode node)
        {
            if (node.Name.Value is not ("defer" or "stream")) return;
            ValueNode? label = null;
            foreach (var argument in node.Arguments)
                if (argument.Name.Value == "label") { label = argument.Value; break; }
            if (label is null or NullValueNode) return;
            if (label is not StringValueNode text)
            {
                context.ReportError($"Argument \"@{node.Name.Value}(label:)\" must be a static string.", node);
                return;
            }
            if (_known.TryGetValue(text.Value, out var first))
                context.ReportError("Value for arguments \"defer(label:)\" and \"stream(label:)\" must be unique across all Defer/Stream directive usages.", first, node);
            else _known[text.Value] = node;
        }
    }
}
