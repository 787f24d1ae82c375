using Commissioning.Graph.Engine.Validation;

namespace Commissioning.Graph.Engine.Tests.Validation;

/// <summary>SDL validation (graphql-js validateSDL, run by buildASTSchema): LoneSchemaDefinition (§3.3), UniqueOperationTypes (§3.3.1),
/// UniqueTypeNames (§3.4), UniqueEnumValueNames (§3.9), UniqueFieldDefinitionNames (§3.6), UniqueArgumentDefinitionNames (§3.6.1),
/// UniqueDirectiveNames (§3.13), PossibleTypeExtensions (§3.4.3), ProvidedRequiredArgumentsOnDirectives (§5.4.2.1).
/// Expected messages are graphql-js 16.15's, in its order.</summary>
public class SdlValidatorTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { @"LoneSchemaTwice", @"type Query { a: Int } schema { query: Query } schema { query: Query }", @"Must provide only one schema definition.

There can be only one query type in schema." },
        { @"DuplicateOperationType", @"type Query { a: Int } schema { query: Query query: Query }", @"There can be only one query type in schema." },
        { @"DuplicateTypeNames", @"type Query { a: Int } type A { a: Int } type A { b: Int } scalar A", @"There can be only one type named ""A"".

There can be only one type named ""A""." },
        { @"DuplicateEnumValues", @"type Query { a: E } enum E { X Y X } extend enum E { Y }", @"Enum value ""E.X"" can only be defined once.

Enum value ""E.Y"" can only be defined once." },
        { @"DuplicateFieldDefs", @"type Query { a: Int a: String } extend type Query { a: Int } input I { x: Int x: Int }", @"Field ""Query.a"" can only be defined once.

Field ""Query.a"" can only be defined once.

Field ""I.x"" can only be defined once." },
        { @"DuplicateArgDefs", @"type Query { a(x: Int, y: Int, x: String, x: Int): Int } directive @d(a: Int, a: Int) on FIELD", @"Argument ""Query.a(x:)"" can only be defined once.

Argument ""@d(a:)"" can only be defined once." },
        { @"DuplicateDirectives", @"type Query { a: Int } directive @d on FIELD directive @d on QUERY", @"There can be only one directive named ""@d""." },
        { @"ExtendUnknown", @"type Query { a: Int } extend type Foo { a: Int }", @"Cannot extend type ""Foo"" because it is not defined." },
        { @"ExtendWrongKind", @"type Query { a: Int } scalar S extend type S { a: Int }", @"Cannot extend non-object type ""S""." },
        { @"DirectiveMissingArg", @"directive @d(a: Int!) on OBJECT type Query @d { a: Int @deprecated }", @"Directive ""@d"" argument ""a"" of type ""Int!"" is required, but it was not provided." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReferenceMessages(string name, string sdl, string expected)
    {
        _ = name;
        var errors = RuleTestHarness.ValidateSdl(sdl);
        Assert.Equal(expected, string.Join("\n\n", errors.Select(e => e.Message)));
    }

    [Theory]
    [InlineData("type Query { a: Int } type A { a: Int } type A { b: Int }", "1:28,1:46")]
    [InlineData("type Query { a: Int } schema { query: Query } schema { query: Query }", "1:47 | 1:32,1:56")]
    [InlineData("type Query { a(x: Int, x: Int): Int }", "1:16,1:24")]
    [InlineData("type Query { a: Int } scalar S extend type S { a: Int }", "1:23,1:32")]
    [InlineData("type Query { a: Int } extend type Foo { a: Int }", "1:35")]
    [InlineData("directive @d(a: Int!) on OBJECT type Query @d { a: Int }", "1:44")]
    public void Locations(string sdl, string expected)
        => Assert.Equal(expected, RuleTestHarness.Locations(RuleTestHarness.ValidateSdl(sdl)));

    [Fact]
    public void ExtensionOfExistingSchema()
    {
        var existing = "type Query { a: Int } enum E { X }";
        var errors = RuleTestHarness.ValidateSdl("type Query { b: Int } extend type Query { a: Int } extend enum E { X } schema { query: Query } directive @include on FIELD", existing);
        Assert.Equal(new[]
        {
            "Cannot define a new schema within a schema extension.",
            "Type \"Query\" already exists in the schema. It cannot also be defined in this type definition.",
            "Field \"Query.a\" already exists in the schema. It cannot also be defined in this type extension.",
            "Enum value \"E.X\" already exists in the schema. It cannot also be defined in this type extension.",
            "Type for query already defined in the schema. It cannot be redefined.",
            "Directive \"@include\" already exists in the schema. It cannot be redefined.",
        }.OrderBy(x => x), errors.Select(e => e.Message).OrderBy(x => x));
    }
}
