using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Not a rule of the spec: refuses <c>__schema</c> and <c>__type</c> where a service turns
/// introspection off (the server does so in Production unless configured). <c>__typename</c>
/// stays allowed: clients need it to resolve abstract types.
/// </summary>
public sealed class NoIntrospectionRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override void EnterField(FieldNode node)
        {
            if (node.Name.Value is "__schema" or "__type")
                context.ReportError($"GraphQL introspection is not allowed here, but the query contained {node.Name.Value}.", node);
        }
    }
}
