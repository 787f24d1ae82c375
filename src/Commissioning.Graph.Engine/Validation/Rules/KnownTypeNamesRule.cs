using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.5.1.2 Fragment Spread Type Existence and §5.8.2 Variables Are Input Types (type existence): every named
/// type reference names a type of the schema (or, in SDL, one the document defines).</summary>
public sealed class KnownTypeNamesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly HashSet<string> _defined = new(StringComparer.Ordinal);
        private readonly List<string> _typeNames = new();

        public Visitor(ValidationContext context)
        {
            _context = context;
            if (context.SchemaOrNull is { } schema)
                foreach (var t in schema.Types) _typeNames.Add(t.Name);
            foreach (var def in context.Document.Definitions)
                if (def is TypeDefinitionNode { IsExtension: false } td && _defined.Add(td.Name.Value))
                    _typeNames.Add(td.Name.Value);
        }

        public override void EnterNamedType(NamedTypeNode node)
        {
            var typeName = node.Name.Value;
            if (_context.SchemaOrNull?.GetType(typeName) is not null || _defined.Contains(typeName)) return;

            // graphql-js looks at ancestors[2] (the top-level definition) or else the parent.
            var ancestors = _context.Ancestors;
            var definition = ancestors.Count > 1 ? ancestors[1] : ancestors.Count > 0 ? ancestors[^1] : null;
            var isSdl = definition is TypeSystemDefinitionNode;
            if (isSdl && ValidationHelpers.StandardTypeNames.Contains(typeName)) return;

            var suggestions = _context.Options.FieldSuggestions
                ? Suggestions.SuggestionList(typeName, isSdl ? ValidationHelpers.StandardTypeNames.Concat(_typeNames) : _typeNames)
                : Array.Empty<string>();
            _context.ReportError($"Unknown type \"{typeName}\"." + Suggestions.DidYouMean(suggestions), node);
        }
    }
}
