using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Introspection;

/// <summary><see cref="SampleSchemaReference.Sdl"/>, declared with the code-first <see cref="SchemaBuilder"/>.</summary>
internal static class SampleSchema
{
    public static Schema Build() => new SchemaBuilder()
        .Description("Commissioning data shared between NHS bodies.")
        .Interface("Organisation", i => i
            .Description("An organisation in the commissioning system.")
            .Field("code", "ID!")
            .Field("name", "String!"))
        .Object("Consortium", o => o
            .Implements("Organisation")
            .Directive("audit")
            .Field("code", "ID!")
            .Field("name", "String!")
            .Field("status", "Status!")
            .Field("practices", "[Practice!]!", f => f
                .Description("Member practices.")
                .Argument("first", "Int", 10)
                .Argument("status", "Status", "ACTIVE")
                .Argument("filter", "PracticeFilter", a => a.DefaultValue(new Dictionary<string, object?>
                {
                    // The coerced default: the fields' own defaults are filled in, as graphql-js does;
                    // introspection shows the literal as written (graphql-js 17).
                    ["nameContains"] = "Surgery", ["minListSize"] = 0, ["ratio"] = 1.5,
                    ["tags"] = new List<object?> { "gp", "urban" }, ["label"] = "a \"quoted\"\nline", ["status"] = "DISSOLVED",
                }, "{nameContains: \"Surgery\"}")))
            .Field("legacyCode", "String", f => f.Deprecated("Use `code`."))
            .Field("oldName", "String", f => f.Deprecated()))
        .Object("Practice", o => o
            .Implements("Organisation")
            .Field("code", "ID!")
            .Field("name", "String!")
            .Field("listSize", "Int")
            .Field("consortium", "Consortium", f => f
                .Argument("include", "Boolean", true)
                .Argument("legacy", "Boolean", a => a.Deprecated("Ignored."))))
        .Union("Body", "Consortium", "Practice")
        .Enum("Status", e => e
            .Value("ACTIVE")
            .Value("DISSOLVED", v => v.Description("No longer commissioning."))
            .Value("SHADOW", v => v.Deprecated("Shadow consortia were authorised in 2013.")))
        .Scalar("Date", s => s.SpecifiedBy("https://tools.ietf.org/html/rfc3339"))
        .InputObject("PracticeFilter", i => i
            .Field("nameContains", "String")
            .Field("minListSize", "Int", 0)
            .Field("ratio", "Float", 1.5)
            .Field("tags", "[String!]", new List<object?> { "gp", "urban" })
            .Field("label", "String", "a \"quoted\"\nline")
            .Field("status", "Status", "DISSOLVED")
            .Field("old", "String", f => f.Deprecated("Gone.")))
        .InputObject("BodyRef", i => i.OneOf().Field("consortium", "ID").Field("practice", "ID"))
        .Directive("audit", d => d
            .Description("Records disclosure of a field.")
            .Argument("level", "Int", 1)
            .Repeatable()
            .Locations(DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT))
        .Directive("legacy", d => d
            .Argument("reason", "String", a => a.Deprecated())
            .Locations(DirectiveLocation.FIELD))
        .Query("Query", q => q
            .Field("consortium", "Consortium", f => f.Argument("code", "ID!"))
            .Field("consortia", "[Consortium!]!", f => f.Argument("filter", "PracticeFilter"))
            .Field("body", "Body", f => f.Argument("ref", "BodyRef!"))
            .Field("organisations", "[Organisation]")
            .Field("today", "Date")
            .Field("matrix", "[[Int!]]!"))
        .Mutation("Mutation", m => m
            .Field("rename", "Consortium", f => f.Argument("code", "ID!").Argument("name", "String!")))
        .Build();
}
