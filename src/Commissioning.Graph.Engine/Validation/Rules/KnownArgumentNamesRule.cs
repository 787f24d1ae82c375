using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.4.1 Argument Names: every argument of a field or directive is defined by it.</summary>
public sealed class KnownArgumentNamesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : KnownArgumentNamesOnDirectivesRule.DirectiveVisitor(context)
    {
        public override void EnterArgument(ArgumentNode node)
        {
            if (Context.GetArgument() is not null || Context.GetFieldDef() is not { } fieldDef || Context.GetParentType() is not { } parentType) return;
            var argName = node.Name.Value;
            var suggestions = Context.Options.FieldSuggestions
                ? Suggestions.SuggestionList(argName, fieldDef.Arguments.Keys) : Array.Empty<string>();
            // graphql-js 17 names a meta-field (__type, __schema, __typename) "<meta>.__type": it has no parent type.
            var owner = Introspection.IntrospectionSchema.IsMetaField(fieldDef) ? "<meta>" : parentType.Name;
            Context.ReportError($"Unknown argument \"{argName}\" on field \"{owner}.{fieldDef.Name}\"." + Suggestions.DidYouMean(suggestions), node);
        }
    }
}
