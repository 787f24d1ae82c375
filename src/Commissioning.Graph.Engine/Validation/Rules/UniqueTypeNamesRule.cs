using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Unique type names — spec §3.4 "Types" (all types within a schema must have unique names).
/// <para>
/// SDL rule: each type is defined once, and never under the name of a type of the schema being
/// extended. Extensions are not definitions and are not counted.
/// </para>
/// </summary>
public sealed class UniqueTypeNamesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context) => _context = context;

        public override void EnterTypeDefinition(TypeDefinitionNode node)
        {
            if (node.IsExtension) return;
            var typeName = node.Name.Value;
            if (_context.SchemaOrNull?.GetType(typeName) is not null)
            {
                _context.ReportError(new GraphQLError(
                    $"Type \"{typeName}\" already exists in the schema. It cannot also be defined in this type definition.",
                    new SyntaxNode[] { node.Name }));
                return;
            }
            if (_known.TryGetValue(typeName, out var first))
                _context.ReportError(new GraphQLError($"There can be only one type named \"{typeName}\".", new SyntaxNode[] { first, node.Name }));
            else
                _known[typeName] = node.Name;
        }
    }
}
