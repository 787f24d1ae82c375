using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Unique argument definition names — spec §3.6.1 "Field Arguments" and §3.13 "Directives"
/// (argument names must be unique within a field or directive definition).
/// <para>
/// SDL rule: one error per repeated argument name of a field (of an object or interface
/// definition or extension) or of a directive definition, located at every definition of that name.
/// </para>
/// </summary>
public sealed class UniqueArgumentDefinitionNamesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;

        public Visitor(ValidationContext context) => _context = context;

        public override void EnterDirectiveDefinition(DirectiveDefinitionNode node) => Check("@" + node.Name.Value, node.Arguments);
        public override void EnterObjectTypeDefinition(ObjectTypeDefinitionNode node) => CheckFields(node.Name.Value, node.Fields);
        public override void EnterInterfaceTypeDefinition(InterfaceTypeDefinitionNode node) => CheckFields(node.Name.Value, node.Fields);

        private void CheckFields(string typeName, IReadOnlyList<FieldDefinitionNode> fields)
        {
            foreach (var field in fields) Check($"{typeName}.{field.Name.Value}", field.Arguments);
        }

        private void Check(string parentName, IReadOnlyList<InputValueDefinitionNode> arguments)
        {
            if (arguments.Count < 2) return;
            var groups = new Dictionary<string, List<NameNode>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var arg in arguments)
            {
                if (!groups.TryGetValue(arg.Name.Value, out var list))
                {
                    groups[arg.Name.Value] = list = new List<NameNode>();
                    order.Add(arg.Name.Value);
                }
                list.Add(arg.Name);
            }
            foreach (var argName in order)
            {
                var nodes = groups[argName];
                if (nodes.Count > 1)
                    _context.ReportError(new GraphQLError($"Argument \"{parentName}({argName}:)\" can only be defined once.", nodes));
            }
        }
    }
}
