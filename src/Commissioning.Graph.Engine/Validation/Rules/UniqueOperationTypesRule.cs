using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Unique operation types — spec §3.3.1 "Root Operation Types" (each operation type is defined at most once).
/// <para>
/// SDL rule: across schema definitions and extensions each of query, mutation and subscription
/// names its root type once, and never one the schema being extended already has.
/// </para>
/// </summary>
public sealed class UniqueOperationTypesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly Dictionary<OperationType, OperationTypeDefinitionNode> _defined = new();

        public Visitor(ValidationContext context) => _context = context;

        public override void EnterSchemaDefinition(SchemaDefinitionNode node) => Check(node.OperationTypes);
        public override void EnterSchemaExtension(SchemaExtensionNode node) => Check(node.OperationTypes);

        private void Check(IReadOnlyList<OperationTypeDefinitionNode> operationTypes)
        {
            var schema = _context.SchemaOrNull;
            foreach (var opType in operationTypes)
            {
                var operation = opType.Operation;
                var name = operation.ToString().ToLowerInvariant();
                if (schema?.GetRootType(operation) is not null)
                {
                    _context.ReportError(new GraphQLError(
                        $"Type for {name} already defined in the schema. It cannot be redefined.", new SyntaxNode[] { opType }));
                }
                else if (_defined.TryGetValue(operation, out var existing))
                {
                    _context.ReportError(new GraphQLError(
                        $"There can be only one {name} type in schema.", new SyntaxNode[] { existing, opType }));
                }
                else
                {
                    _defined[operation] = opType;
                }
            }
        }
    }
}
