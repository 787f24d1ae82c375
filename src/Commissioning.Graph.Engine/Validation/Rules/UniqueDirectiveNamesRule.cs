using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Unique directive names — spec §3.13 "Directives" (directive definitions must have unique names).
/// <para>
/// SDL rule: each directive is defined once, and never under the name of a directive of the
/// schema being extended.
/// </para>
/// </summary>
public sealed class UniqueDirectiveNamesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context) => _context = context;

        public override void EnterDirectiveDefinition(DirectiveDefinitionNode node)
        {
            var name = node.Name.Value;
            if (_context.SchemaOrNull?.GetDirective(name) is not null)
            {
                _context.ReportError(new GraphQLError(
                    $"Directive \"@{name}\" already exists in the schema. It cannot be redefined.", new SyntaxNode[] { node.Name }));
                return;
            }
            if (_known.TryGetValue(name, out var first))
                _context.ReportError(new GraphQLError($"There can be only one directive named \"@{name}\".", new SyntaxNode[] { first, node.Name }));
            else
                _known[name] = node.Name;
        }
    }
}
