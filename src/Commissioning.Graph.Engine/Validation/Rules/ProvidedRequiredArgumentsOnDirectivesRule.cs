using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Provided required arguments on directives — spec §5.4.2.1 "Required Arguments", applied to
/// directives in SDL documents.
/// <para>
/// SDL rule: every directive used in the document gives each required (non-null, no default)
/// argument of its definition — from the schema being extended (or the specified directives) or
/// from a directive definition in the document. Located at the directive.
/// </para>
/// </summary>
public sealed class ProvidedRequiredArgumentsOnDirectivesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly RequiredDirectiveArguments _directives;

        public Visitor(ValidationContext context)
        {
            _context = context;
            _directives = new RequiredDirectiveArguments(context.SchemaOrNull, context.Document);
        }

        public override void LeaveDirective(DirectiveNode node)
        {
            foreach (var error in _directives.Check(node)) _context.ReportError(error);
        }
    }
}
