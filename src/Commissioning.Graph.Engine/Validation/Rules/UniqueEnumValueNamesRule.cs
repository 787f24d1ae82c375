using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Unique enum value names — spec §3.9 "Enums" (type validation: values must be unique).
/// <para>
/// SDL rule: across an enum's definition and extensions each value is defined once, and an
/// extension never redefines a value of the enum in the schema being extended.
/// </para>
/// </summary>
public sealed class UniqueEnumValueNamesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly Dictionary<string, Dictionary<string, NameNode>> _known = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context) => _context = context;

        public override void EnterEnumTypeDefinition(EnumTypeDefinitionNode node)
        {
            var typeName = node.Name.Value;
            if (!_known.TryGetValue(typeName, out var valueNames)) _known[typeName] = valueNames = new(StringComparer.Ordinal);
            var existing = _context.SchemaOrNull?.GetType(typeName) as EnumType;
            foreach (var valueDef in node.Values)
            {
                var valueName = valueDef.Name.Value;
                if (existing is not null && existing.Values.ContainsKey(valueName))
                {
                    _context.ReportError(new GraphQLError(
                        $"Enum value \"{typeName}.{valueName}\" already exists in the schema. It cannot also be defined in this type extension.",
                        new SyntaxNode[] { valueDef.Name }));
                }
                else if (valueNames.TryGetValue(valueName, out var first))
                {
                    _context.ReportError(new GraphQLError(
                        $"Enum value \"{typeName}.{valueName}\" can only be defined once.", new SyntaxNode[] { first, valueDef.Name }));
                }
                else
                {
                    valueNames[valueName] = valueDef.Name;
                }
            }
        }
    }
}
