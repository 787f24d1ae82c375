using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Lone schema definition — spec §3.3 "Schema" (a document describes at most one schema).
/// <para>
/// SDL rule: a document may contain only one <c>schema { … }</c> definition, and none when it
/// extends a schema that already has one (or already has root operation types).
/// </para>
/// </summary>
public sealed class LoneSchemaDefinitionRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly bool _alreadyDefined;
        private int _count;

        public Visitor(ValidationContext context)
        {
            _context = context;
            var old = context.SchemaOrNull;
            _alreadyDefined = old is not null && (old.AstNode is not null || old.QueryType is not null || old.MutationType is not null || old.SubscriptionType is not null);
        }

        public override void EnterSchemaDefinition(SchemaDefinitionNode node)
        {
            if (_alreadyDefined)
            {
                _context.ReportError(new GraphQLError("Cannot define a new schema within a schema extension.", new SyntaxNode[] { node }));
                return;
            }
            if (_count > 0)
                _context.ReportError(new GraphQLError("Must provide only one schema definition.", new SyntaxNode[] { node }));
            _count++;
        }
    }
}
