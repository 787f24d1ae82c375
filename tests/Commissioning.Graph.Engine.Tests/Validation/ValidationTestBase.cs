using System.Collections.Concurrent;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Engine.Validation;

namespace Commissioning.Graph.Engine.Tests.Validation;

/// <summary>Helpers of the validation tests: the shared test schema, and assertions on error counts and locations.</summary>
public abstract class ValidationTestBase
{
    private static readonly ConcurrentDictionary<string, Schema> Schemas = new();

    public static string TestSchemaSdl { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Validation", "TestSchema.graphql"));

    public static Schema GetSchema(string? sdl = null) => Schemas.GetOrAdd(sdl ?? TestSchemaSdl, s => SdlSchemaBuilder.Build(s));

    public static IReadOnlyList<GraphQLError> Validate(string query, IValidationRule? rule = null, string? schema = null, ValidationOptions? options = null) =>
        DocumentValidator.Validate(GetSchema(schema), Parser.Parse(query), rule is null ? null : new[] { rule }, options);

    /// <summary>Errors as "line:col,line:col|line:col" (errors separated by '|', each error's locations by ',').</summary>
    public static string Format(IEnumerable<GraphQLError> errors) =>
        string.Join("|", errors.Select(e => string.Join(",", (e.Locations ?? Array.Empty<ErrorLocation>()).Select(l => $"{l.Line}:{l.Column}"))));

    protected static void AssertErrors(IValidationRule rule, string query, string expected, string? schema = null)
    {
        var errors = Validate(query, rule, schema);
        Assert.Equal(expected, Format(errors));
        Assert.All(errors, e => Assert.Equal(ErrorCodes.ValidationFailed, e.Code));
        Assert.All(errors, e => Assert.Null(e.Path));
    }

    protected static void AssertValid(IValidationRule rule, string query, string? schema = null) => AssertErrors(rule, query, "", schema);
}
