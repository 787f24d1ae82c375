using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.7.3 Directives Are Unique Per Location: a non-repeatable directive appears at most once where it is used
/// (for SDL: once per schema, per type across its definition and extensions).</summary>
public sealed class UniqueDirectivesPerLocationRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly Dictionary<string, bool> _unique = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DirectiveNode> _schemaDirectives = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, DirectiveNode>> _typeDirectives = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, DirectiveNode>> _directiveDirectives = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context)
        {
            _context = context;
            foreach (var d in context.SchemaOrNull?.Directives ?? SpecifiedDirectives.All) _unique[d.Name] = !d.IsRepeatable;
            foreach (var def in context.Document.Definitions)
                if (def is DirectiveDefinitionNode dd) _unique[dd.Name.Value] = !dd.Repeatable;
        }

        public override void EnterNode(SyntaxNode node)
        {
            var directives = ValidationHelpers.GetDirectives(node);
            if (directives is null || directives.Count == 0) return;
            Dictionary<string, DirectiveNode> seen;
            switch (node)
            {
                case SchemaDefinitionNode or SchemaExtensionNode: seen = _schemaDirectives; break;
                case TypeDefinitionNode t:
                    if (!_typeDirectives.TryGetValue(t.Name.Value, out seen!)) _typeDirectives[t.Name.Value] = seen = new(StringComparer.Ordinal);
                    break;
                case DirectiveDefinitionNode dd:
                    if (!_directiveDirectives.TryGetValue(dd.Name.Value, out seen!)) _directiveDirectives[dd.Name.Value] = seen = new(StringComparer.Ordinal);
                    break;
                default: seen = new(StringComparer.Ordinal); break;
            }
            foreach (var directive in directives)
            {
                var name = directive.Name.Value;
                if (!_unique.TryGetValue(name, out var unique) || !unique) continue;
                if (seen.TryGetValue(name, out var first))
                    _context.ReportError($"The directive \"@{name}\" can only be used once at this location.", first, directive);
                else
                    seen[name] = directive;
            }
        }
    }
}
