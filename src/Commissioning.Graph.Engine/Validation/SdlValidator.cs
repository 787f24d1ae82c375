using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation;

/// <summary>
/// Validation of type system documents (graphql-js <c>validateSDL</c>, which <c>buildASTSchema</c>
/// and <c>extendSchema</c> run first): unique names of types, fields, arguments, enum values and
/// directives, at most one schema definition, possible type extensions, known types and
/// directives, and directive arguments (spec §3). Schema builders call it before building and
/// refuse a document with errors.
/// </summary>
public static class SdlValidator
{
    /// <summary>The errors of an SDL document, empty when it is valid. With <paramref name="existing"/>,
    /// the document is validated as an extension of that schema.</summary>
    public static IReadOnlyList<GraphQLError> Validate(DocumentNode sdl, Schema? existing = null)
        => DocumentValidator.ValidateSdl(sdl, existing);

    /// <summary>Throws a <see cref="GraphQLException"/> carrying the errors when the SDL document is invalid.</summary>
    public static void AssertValid(DocumentNode sdl, Schema? existing = null)
    {
        var errors = Validate(sdl, existing);
        if (errors.Count > 0) throw new GraphQLException(errors);
    }
}
