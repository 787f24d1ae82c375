namespace Commissioning.Graph.Engine.Validation.Rules;

// OWNED BY validation-b: placeholder so that SpecifiedRules compiles; validation-b replaces this file.
public sealed class ProvidedRequiredArgumentsRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor();
    private sealed class Visitor : ValidationVisitor { }
}
