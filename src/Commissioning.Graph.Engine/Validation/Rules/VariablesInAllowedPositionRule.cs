using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Variables in allowed position — spec §5.8.5 "All Variable Usages Are Allowed".
/// <para>
/// Each use of a variable, in the operation or in any fragment it spreads (recursively), must be
/// in a position whose type accepts the variable's type. A nullable variable may feed a non-null
/// position only when the variable has a non-null default value or the position itself has a
/// default value (spec "IsVariableUsageAllowed"). A variable used as a field of a <c>@oneOf</c>
/// input object must be non-null. Errors are located at the variable definition and the usage.
/// </para>
/// </summary>
public sealed class VariablesInAllowedPositionRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private Dictionary<string, VariableDefinitionNode> _varDefs = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context) => _context = context;

        public override void EnterOperationDefinition(OperationDefinitionNode node)
            => _varDefs = new Dictionary<string, VariableDefinitionNode>(StringComparer.Ordinal);

        public override void EnterVariableDefinition(VariableDefinitionNode node)
            => _varDefs[node.Variable.Name.Value] = node;

        public override void LeaveOperationDefinition(OperationDefinitionNode operation)
        {
            var schema = _context.Schema;
            var usages = _context.GetRecursiveVariableUsages(operation);
            Dictionary<VariableNode, IGraphQLType?>? parentTypes = null;
            foreach (var usage in usages)
            {
                var varName = usage.Node.Name.Value;
                if (!_varDefs.TryGetValue(varName, out var varDef) || usage.Type is null) continue;

                var varType = schema.TypeFromAst(varDef.Type);
                if (varType is not null && !AllowedVariableUsage(schema, varType, varDef.DefaultValue, usage.Type, usage.HasDefault))
                {
                    _context.ReportError(new GraphQLError(
                        $"Variable \"${varName}\" of type \"{varType}\" used in position expecting type \"{usage.Type}\".",
                        new SyntaxNode[] { varDef, usage.Node }));
                }

                parentTypes ??= ParentTypes(operation);
                if (parentTypes.GetValueOrDefault(usage.Node) is InputObjectType { IsOneOf: true } oneOf && varType is not null and not NonNullType)
                {
                    _context.ReportError(new GraphQLError(
                        $"Variable \"${varName}\" is of type \"{varType}\" but must be non-nullable to be used for OneOf Input Object \"{oneOf.Name}\".",
                        new SyntaxNode[] { varDef, usage.Node }));
                }
            }
        }

        /// <summary>The input type enclosing each variable usage of the operation and the fragments it uses
        /// (an input object type when the variable is the value of one of its fields).</summary>
        private Dictionary<VariableNode, IGraphQLType?> ParentTypes(OperationDefinitionNode operation)
        {
            var map = new Dictionary<VariableNode, IGraphQLType?>(ReferenceEqualityComparer.Instance);
            foreach (var u in _context.GetVariableUsagesInternal(operation)) map[u.Node] = u.ParentType;
            foreach (var f in _context.GetRecursivelyReferencedFragments(operation))
                foreach (var u in _context.GetVariableUsagesInternal(f)) map[u.Node] = u.ParentType;
            return map;
        }
    }

    /// <summary>Spec "IsVariableUsageAllowed": a nullable variable may flow into a non-null position
    /// when the variable has a non-null default or the position has a default.</summary>
    private static bool AllowedVariableUsage(Schema schema, IGraphQLType varType, ValueNode? varDefaultValue,
        IGraphQLType locationType, bool hasLocationDefaultValue)
    {
        if (locationType is NonNullType nonNullLocation && varType is not NonNullType)
        {
            bool hasNonNullVariableDefaultValue = varDefaultValue is not null and not NullValueNode;
            if (!hasNonNullVariableDefaultValue && !hasLocationDefaultValue) return false;
            return schema.IsTypeSubTypeOf(varType, nonNullLocation.OfType);
        }
        return schema.IsTypeSubTypeOf(varType, locationType);
    }
}
