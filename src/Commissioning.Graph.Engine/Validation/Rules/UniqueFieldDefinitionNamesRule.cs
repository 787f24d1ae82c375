using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Unique field definition names — spec §3.6 "Objects", §3.7 "Interfaces", §3.10 "Input Objects"
/// (type validation: field names must be unique within the type).
/// <para>
/// SDL rule: across a type's definition and extensions each field is defined once, and an
/// extension never redefines a field of the type in the schema being extended.
/// </para>
/// </summary>
public sealed class UniqueFieldDefinitionNamesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly Dictionary<string, Dictionary<string, NameNode>> _known = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context) => _context = context;

        public override void EnterObjectTypeDefinition(ObjectTypeDefinitionNode node) => Check(node, node.Fields.Select(f => f.Name));
        public override void EnterInterfaceTypeDefinition(InterfaceTypeDefinitionNode node) => Check(node, node.Fields.Select(f => f.Name));
        public override void EnterInputObjectTypeDefinition(InputObjectTypeDefinitionNode node) => Check(node, node.Fields.Select(f => f.Name));

        private void Check(TypeDefinitionNode node, IEnumerable<NameNode> fieldNames)
        {
            var typeName = node.Name.Value;
            if (!_known.TryGetValue(typeName, out var known)) _known[typeName] = known = new(StringComparer.Ordinal);
            var existing = _context.SchemaOrNull?.GetType(typeName);
            foreach (var name in fieldNames)
            {
                var fieldName = name.Value;
                if (HasField(existing, fieldName))
                {
                    _context.ReportError(new GraphQLError(
                        $"Field \"{typeName}.{fieldName}\" already exists in the schema. It cannot also be defined in this type extension.",
                        new SyntaxNode[] { name }));
                }
                else if (known.TryGetValue(fieldName, out var first))
                {
                    _context.ReportError(new GraphQLError(
                        $"Field \"{typeName}.{fieldName}\" can only be defined once.", new SyntaxNode[] { first, name }));
                }
                else
                {
                    known[fieldName] = name;
                }
            }
        }

        private static bool HasField(NamedType? type, string fieldName) => type switch
        {
            ObjectType o => o.Fields.ContainsKey(fieldName),
            InterfaceType i => i.Fields.ContainsKey(fieldName),
            InputObjectType io => io.Fields.ContainsKey(fieldName),
            _ => false,
        };
    }
}
