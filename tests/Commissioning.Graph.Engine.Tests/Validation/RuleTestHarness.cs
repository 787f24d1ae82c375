using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Engine.Validation;

namespace Commissioning.Graph.Engine.Tests.Validation;

/// <summary>Runs one validation rule over a document and renders the errors' locations compactly:
/// errors separated by " | ", each error's locations "line:column" separated by ",". Expected
/// strings in the tests come from graphql-js 16.15 (the reference tool).</summary>
internal static class RuleTestHarness
{
    private static readonly Dictionary<string, Schema> Schemas = new();

    public static Schema Schema(string sdl)
    {
        lock (Schemas)
        {
            if (!Schemas.TryGetValue(sdl, out var s)) Schemas[sdl] = s = SdlSchemaBuilder.Build(sdl);
            return s;
        }
    }

    public static IReadOnlyList<GraphQLError> Validate(IValidationRule rule, string sdl, string query)
        => DocumentValidator.Validate(Schema(sdl), Parser.Parse(query, Unlimited), new[] { rule });

    private static readonly ParserOptions Unlimited = new() { MaxTokens = 0 };

    public static string Locations(IReadOnlyList<GraphQLError> errors)
        => string.Join(" | ", errors.Select(e => e.Locations is null ? "-" : string.Join(",", e.Locations.Select(l => $"{l.Line}:{l.Column}"))));

    public static string Run(IValidationRule rule, string sdl, string query) => Locations(Validate(rule, sdl, query));

    public static IReadOnlyList<GraphQLError> ValidateSdl(string sdl, string? existingSdl = null)
        => SdlValidator.Validate(Parser.Parse(sdl), existingSdl is null ? null : Schema(existingSdl));
}
