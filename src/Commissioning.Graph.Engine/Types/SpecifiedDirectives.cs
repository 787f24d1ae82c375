namespace Commissioning.Graph.Engine.Types;

/// <summary>The directives every schema has (spec §3.13): @skip, @include, @deprecated, @specifiedBy, @oneOf.</summary>
public static class SpecifiedDirectives
{
    public static readonly DirectiveDefinition Include = Make("include",
        "Directs the executor to include this field or fragment only when the `if` argument is true.",
        new[] { DirectiveLocation.FIELD, DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT },
        new InputValueDefinition("if", new NonNullType(BuiltInScalars.Boolean)) { Description = "Included when true." });

    public static readonly DirectiveDefinition Skip = Make("skip",
        "Directs the executor to skip this field or fragment when the `if` argument is true.",
        new[] { DirectiveLocation.FIELD, DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT },
        new InputValueDefinition("if", new NonNullType(BuiltInScalars.Boolean)) { Description = "Skipped when true." });

    public const string DefaultDeprecationReason = "No longer supported";

    public static readonly DirectiveDefinition Deprecated = Make("deprecated",
        "Marks an element of a GraphQL schema as no longer supported.",
        new[] { DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.ARGUMENT_DEFINITION, DirectiveLocation.INPUT_FIELD_DEFINITION, DirectiveLocation.ENUM_VALUE, DirectiveLocation.DIRECTIVE_DEFINITION },
        // String! in graphql-js 17 (nullable before): @deprecated(reason: null) is invalid.
        new InputValueDefinition("reason", new NonNullType(BuiltInScalars.String))
        {
            Description = "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
            HasDefaultValue = true,
            DefaultValue = DefaultDeprecationReason,
            DefaultValueLiteral = new Language.StringValueNode(DefaultDeprecationReason),
        });

    public static readonly DirectiveDefinition SpecifiedBy = Make("specifiedBy",
        "Exposes a URL that specifies the behavior of this scalar.",
        new[] { DirectiveLocation.SCALAR },
        new InputValueDefinition("url", new NonNullType(BuiltInScalars.String)) { Description = "The URL that specifies the behavior of this scalar." });

    public static readonly DirectiveDefinition OneOf = Make("oneOf",
        "Indicates exactly one field must be supplied and this field must not be `null`.",
        new[] { DirectiveLocation.INPUT_OBJECT });

    /// <summary>@defer as graphql-js 17.1 defines it (Incremental Delivery RFC). Not part of every schema:
    /// a schema has it when its SDL declares it or the server enables incremental delivery.</summary>
    public static readonly DirectiveDefinition Defer = Make("defer",
        "Directs the executor to defer this fragment when the `if` argument is true or undefined.",
        new[] { DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT },
        new InputValueDefinition("if", new NonNullType(BuiltInScalars.Boolean))
        {
            Description = "Deferred when true or undefined.", HasDefaultValue = true, DefaultValue = true, DefaultValueLiteral = new Language.BooleanValueNode(true),
        },
        new InputValueDefinition("label", BuiltInScalars.String) { Description = "Unique name" });

    /// <summary>@stream as graphql-js 17.1 defines it (Incremental Delivery RFC); see <see cref="Defer"/>.</summary>
    public static readonly DirectiveDefinition Stream = Make("stream",
        "Directs the executor to stream plural fields when the `if` argument is true or undefined.",
        new[] { DirectiveLocation.FIELD },
        new InputValueDefinition("initialCount", new NonNullType(BuiltInScalars.Int))
        {
            Description = "Number of items to return immediately", HasDefaultValue = true, DefaultValue = 0, DefaultValueLiteral = new Language.IntValueNode("0"),
        },
        new InputValueDefinition("if", new NonNullType(BuiltInScalars.Boolean))
        {
            Description = "Stream when true or undefined.", HasDefaultValue = true, DefaultValue = true, DefaultValueLiteral = new Language.BooleanValueNode(true),
        },
        new InputValueDefinition("label", BuiltInScalars.String) { Description = "Unique name" });

    /// <summary>In graphql-js's order.</summary>
    public static readonly IReadOnlyList<DirectiveDefinition> All = new[] { Include, Skip, Deprecated, SpecifiedBy, OneOf };

    public static bool IsSpecified(string name) => name is "include" or "skip" or "deprecated" or "specifiedBy" or "oneOf";

    private static DirectiveDefinition Make(string name, string description, DirectiveLocation[] locations, params InputValueDefinition[] args)
    {
        var d = new DirectiveDefinition(name) { Description = description, IsBuiltIn = true };
        d.Locations.AddRange(locations);
        foreach (var a in args) d.Arguments.Add(a);
        return d;
    }
}
