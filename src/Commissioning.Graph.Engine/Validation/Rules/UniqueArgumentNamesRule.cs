using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.4.2 Argument Uniqueness: a field or directive is given each argument once. One error per repeated name.</summary>
public sealed class UniqueArgumentNamesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override void EnterField(FieldNode node) => Check(node.Arguments);
        public override void EnterDirective(DirectiveNode node) => Check(node.Arguments);

        private void Check(IReadOnlyList<ArgumentNode> arguments)
        {
            if (arguments.Count < 2) return;
            foreach (var group in arguments.GroupBy(a => a.Name.Value, StringComparer.Ordinal))
            {
                var nodes = group.ToList();
                if (nodes.Count > 1)
                    context.ReportError($"There can be only one argument named \"{group.Key}\".", nodes.Select(n => (SyntaxNode)n.Name).ToArray());
            }
        }
    }
}
