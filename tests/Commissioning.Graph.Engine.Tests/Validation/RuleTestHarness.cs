using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Engine.Validation;

namespace Commissioning.Graph.Engine.Tests.Validation;

/// <summary>Runs one validation rule over a document and renders the errors' locations compactly:
/// errors separated by " | ", each error's locations "line:column" separated by ",". Expected
/// strings in the tests come from graphql-js 16.15 (the reference tool).</summary>
internal static class RuleTestHarness
{
    /// <summary>The schema of the input-value rules' reference cases (arguments, variables, literals, fragments).</summary>
    internal const string InputValuesSdl = @"
enum Color { RED GREEN BLUE }
input Point { x: Int! y: Int! label: String = ""p"" }
input Nested { p: Point list: [Point!] color: Color }
input OneOf @oneOf { a: Int b: String }
scalar Custom
directive @need(arg: Int!, opt: Int = 1) on FIELD | QUERY
type Query {
  int(v: Int): Int
  nnInt(v: Int!): Int
  nnDefault(v: Int! = 3): Int
  float(v: Float): Int
  str(v: String): Int
  bool(v: Boolean): Int
  id(v: ID): Int
  color(v: Color): Int
  list(v: [Int]): Int
  nnList(v: [Int!]!): Int
  point(p: Point): Int
  nested(n: Nested): Int
  oneOf(o: OneOf): Int
  custom(c: Custom): Int
  req(a: Int!, b: String!, c: Int = 1, d: Int): Int
  q: Query
}
";

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
