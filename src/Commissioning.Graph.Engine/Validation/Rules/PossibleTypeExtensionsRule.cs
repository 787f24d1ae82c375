using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Possible type extensions — spec §3.4.3 "Type Extensions" (the named type must already be
/// defined and must be of the same kind as the extension).
/// <para>
/// SDL rule: an extension must extend a type defined in the document or in the schema being
/// extended, and of its own kind (an <c>extend enum</c> of an object type is an error, located
/// at the definition and the extension).
/// </para>
/// </summary>
public sealed class PossibleTypeExtensionsRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly Dictionary<string, TypeDefinitionNode> _definedTypes = new(StringComparer.Ordinal);
        private readonly List<string> _definedOrder = new();

        public Visitor(ValidationContext context)
        {
            _context = context;
            foreach (var def in context.Document.Definitions)
            {
                if (def is TypeDefinitionNode { IsExtension: false } t)
                {
                    if (!_definedTypes.ContainsKey(t.Name.Value)) _definedOrder.Add(t.Name.Value);
                    _definedTypes[t.Name.Value] = t; // the last definition wins
                }
            }
        }

        public override void EnterTypeDefinition(TypeDefinitionNode node)
        {
            if (!node.IsExtension) return;
            var typeName = node.Name.Value;
            var schema = _context.SchemaOrNull;
            _definedTypes.TryGetValue(typeName, out var defNode);
            string? expectedKind = defNode is not null ? KindOf(defNode) : schema?.GetType(typeName) is { } existing ? KindOf(existing) : null;

            if (expectedKind is not null)
            {
                var kind = KindOf(node);
                if (expectedKind != kind)
                {
                    _context.ReportError(new GraphQLError($"Cannot extend non-{kind} type \"{typeName}\".",
                        defNode is not null ? new SyntaxNode[] { defNode, node } : new SyntaxNode[] { node }));
                }
                return;
            }

            var allTypeNames = new List<string>(_definedOrder);
            if (schema is not null)
                foreach (var t in schema.Types)
                    if (!_definedTypes.ContainsKey(t.Name)) allTypeNames.Add(t.Name);
            var suggestions = Suggestions.SuggestionList(typeName, allTypeNames);
            _context.ReportError(new GraphQLError(
                $"Cannot extend type \"{typeName}\" because it is not defined." + _context.DidYouMean(suggestions),
                new SyntaxNode[] { node.Name }));
        }

        private static string KindOf(TypeDefinitionNode node) => node switch
        {
            ScalarTypeDefinitionNode => "scalar",
            ObjectTypeDefinitionNode => "object",
            InterfaceTypeDefinitionNode => "interface",
            UnionTypeDefinitionNode => "union",
            EnumTypeDefinitionNode => "enum",
            InputObjectTypeDefinitionNode => "input object",
            _ => "unknown",
        };

        private static string KindOf(NamedType type) => type switch
        {
            ScalarType => "scalar",
            ObjectType => "object",
            InterfaceType => "interface",
            UnionType => "union",
            EnumType => "enum",
            InputObjectType => "input object",
            _ => "unknown",
        };
    }
}
