using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.7.1 Directives Are Defined and §5.7.2 Directives Are In Valid Locations: every directive is defined
/// (by the schema or the document's SDL) and used at one of its declared locations.</summary>
public sealed class KnownDirectivesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly Dictionary<string, HashSet<string>> _locations = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context)
        {
            _context = context;
            var defined = context.SchemaOrNull?.Directives ?? SpecifiedDirectives.All;
            foreach (var d in defined) _locations[d.Name] = d.Locations.Select(l => l.ToString()).ToHashSet(StringComparer.Ordinal);
            foreach (var def in context.Document.Definitions)
                if (def is DirectiveDefinitionNode dd)
                    _locations[dd.Name.Value] = dd.Locations.Select(l => l.Value).ToHashSet(StringComparer.Ordinal);
        }

        public override void EnterDirective(DirectiveNode node)
        {
            var name = node.Name.Value;
            if (!_locations.TryGetValue(name, out var locations))
            {
                _context.ReportError($"Unknown directive \"@{name}\".", node);
                return;
            }
            var ancestors = _context.Ancestors;
            if (ancestors.Count == 0) return;
            var candidate = ValidationHelpers.GetDirectiveLocation(ancestors[^1], ancestors.Count > 1 ? ancestors[^2] : null);
            if (candidate is { } loc && !locations.Contains(loc.ToString()))
                _context.ReportError($"Directive \"@{name}\" may not be used on {loc}.", node);
        }
    }
}
