using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation;

/// <summary>
/// Validates a document against a schema (spec §5 "Validation", graphql-js <c>validate</c>): one
/// walk of the document runs every rule's visitor in parallel, with type information tracked.
/// </summary>
public static class DocumentValidator
{
    /// <summary>Returns the validation errors (empty when the document is valid), each with
    /// <c>extensions.code = GRAPHQL_VALIDATION_FAILED</c>. <paramref name="rules"/> defaults to
    /// <see cref="SpecifiedRules.All"/>.</summary>
    public static IReadOnlyList<GraphQLError> Validate(Schema schema, DocumentNode document,
        IReadOnlyList<IValidationRule>? rules = null, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        var context = new ValidationContext(schema, document, options ?? ValidationOptions.Default);
        return Run(context, rules ?? SpecifiedRules.All);
    }

    /// <summary>Validates an SDL document (graphql-js <c>validateSDL</c>), optionally as an extension of
    /// <paramref name="schemaToExtend"/>. <paramref name="rules"/> defaults to <see cref="SpecifiedRules.Sdl"/>.
    /// The context has no TypeInfo (its getters return null) and the error limit does not apply.</summary>
    public static IReadOnlyList<GraphQLError> ValidateSdl(DocumentNode document, Schema? schemaToExtend = null,
        IReadOnlyList<IValidationRule>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var options = new ValidationOptions { MaxErrors = int.MaxValue, FieldSuggestions = true };
        var context = new ValidationContext(schemaToExtend, document, options) { IsSdlValidation = true };
        return Run(context, rules ?? SpecifiedRules.Sdl);
    }

    private static IReadOnlyList<GraphQLError> Run(ValidationContext context, IReadOnlyList<IValidationRule> rules)
    {
        // One array, owned by the walker; rules that cannot apply (ValidationVisitor.None) are left out of it.
        var visitors = new ValidationVisitor[rules.Count];
        var count = 0;
        try
        {
            for (var i = 0; i < rules.Count; i++)
                if (rules[i].CreateVisitor(context) is var visitor && !ReferenceEquals(visitor, ValidationVisitor.None)) visitors[count++] = visitor;
            var walker = new DocumentWalker(context.IsSdlValidation ? null : context.TypeInfo, visitors, count);
            context.AttachWalker(walker);
            walker.Walk(context.Document);
        }
        catch (ValidationAbortedException)
        {
        }
        return context.Errors;
    }
}
