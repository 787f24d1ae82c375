using System.Text.Json.Nodes;
using Commissioning.Graph.Engine.Introspection;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Introspection;

/// <summary>The introspection types themselves (spec §4.5), checked without the executor by calling their resolvers.</summary>
public class IntrospectionSchemaTests
{
    private static readonly Schema Sample = SampleSchema.Build();
    private static JsonNode Expected => JsonNode.Parse(SampleSchemaReference.ExpectedIntrospectionResponse)!;

    private static JsonObject ExpectedType(string name) =>
        Expected["data"]!["__schema"]!["types"]!.AsArray().Single(t => (string?)t!["name"] == name)!.AsObject();

    [Fact]
    public void Introspection_types_are_listed_in_graphql_js_type_map_order()
    {
        Assert.Equal(
            new[] { "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation" },
            IntrospectionSchema.Types.Select(t => t.Name));
    }

    [Fact]
    public void Schema_type_map_matches_the_reference_order()
    {
        var expected = Expected["data"]!["__schema"]!["types"]!.AsArray().Select(t => (string)t!["name"]!);
        Assert.Equal(expected, Sample.Types.Select(t => t.Name));
    }

    [Theory]
    [InlineData("__Schema")]
    [InlineData("__Type")]
    [InlineData("__Field")]
    [InlineData("__InputValue")]
    [InlineData("__EnumValue")]
    [InlineData("__Directive")]
    public void Introspection_object_fields_descriptions_and_args_match_the_reference(string typeName)
    {
        var expected = ExpectedType(typeName);
        var actual = (ObjectType)Sample.GetType(typeName)!;
        Assert.Equal((string?)expected["description"], actual.Description);
        var expectedFields = expected["fields"]!.AsArray();
        Assert.Equal(expectedFields.Select(f => (string)f!["name"]!), actual.Fields.Keys);
        foreach (var ef in expectedFields)
        {
            var f = actual.Fields[(string)ef!["name"]!];
            Assert.Equal((string?)ef["description"], f.Description);
            Assert.Equal(ef["args"]!.AsArray().Select(a => (string)a!["name"]!), f.Arguments.Keys);
            Assert.Equal(TypeRef(ef["type"]!), f.Type.ToString());
            foreach (var ea in ef["args"]!.AsArray())
                Assert.Equal((string?)ea!["defaultValue"], IntrospectionSchema.PrintDefaultValue(f.Arguments[(string)ea["name"]!]));
        }
    }

    [Theory]
    [InlineData("__TypeKind")]
    [InlineData("__DirectiveLocation")]
    public void Introspection_enums_values_and_descriptions_match_the_reference(string typeName)
    {
        var expected = ExpectedType(typeName);
        var actual = (EnumType)Sample.GetType(typeName)!;
        Assert.Equal((string?)expected["description"], actual.Description);
        Assert.Equal(expected["enumValues"]!.AsArray().Select(v => ((string)v!["name"]!, (string?)v["description"])),
            actual.Values.List.Select(v => (v.Name, v.Description)));
    }

    [Fact]
    public void Built_in_scalar_descriptions_match_the_reference()
    {
        foreach (var s in new[] { "String", "Int", "Float", "Boolean", "ID" })
            Assert.Equal((string?)ExpectedType(s)["description"], Sample.GetType(s)!.Description);
    }

    [Fact]
    public void Specified_directives_match_the_reference()
    {
        var expected = Expected["data"]!["__schema"]!["directives"]!.AsArray();
        foreach (var d in SpecifiedDirectives.All)
        {
            var e = expected.Single(x => (string?)x!["name"] == d.Name)!;
            Assert.Equal((string?)e["description"], d.Description);
            Assert.Equal(e["locations"]!.AsArray().Select(l => (string)l!), d.Locations.Select(l => l.ToString()));
            Assert.Equal(e["args"]!.AsArray().Select(a => ((string)a!["name"]!, (string?)a["description"], (string?)a["defaultValue"])),
                d.Arguments.List.Select(a => (a.Name, a.Description, IntrospectionSchema.PrintDefaultValue(a))));
        }
    }

    [Fact]
    public void Type_fields_hide_deprecated_fields_unless_includeDeprecated()
    {
        var consortium = Sample.GetType("Consortium");
        var withoutDeprecated = Resolve.Names(Resolve.Field(Sample, IntrospectionSchema.TypeType, "fields", consortium));
        var all = Resolve.Names(Resolve.Field(Sample, IntrospectionSchema.TypeType, "fields", consortium, ("includeDeprecated", true)));
        Assert.Equal(new[] { "code", "name", "status", "practices" }, withoutDeprecated);
        Assert.Equal(new[] { "code", "name", "status", "practices", "legacyCode", "oldName" }, all);
    }

    [Fact]
    public void Enum_values_input_fields_and_args_hide_deprecated_members_unless_includeDeprecated()
    {
        var status = Sample.GetType("Status");
        Assert.Equal(new[] { "ACTIVE", "DISSOLVED" }, Resolve.Names(Resolve.Field(Sample, IntrospectionSchema.TypeType, "enumValues", status)));
        Assert.Equal(3, Resolve.Names(Resolve.Field(Sample, IntrospectionSchema.TypeType, "enumValues", status, ("includeDeprecated", true))).Count);

        var filter = Sample.GetType("PracticeFilter");
        Assert.DoesNotContain("old", Resolve.Names(Resolve.Field(Sample, IntrospectionSchema.TypeType, "inputFields", filter)));
        Assert.Contains("old", Resolve.Names(Resolve.Field(Sample, IntrospectionSchema.TypeType, "inputFields", filter, ("includeDeprecated", true))));

        var consortiumField = ((ObjectType)Sample.GetType("Practice")!).Fields["consortium"];
        Assert.Equal(new[] { "include" }, Resolve.Names(Resolve.Field(Sample, IntrospectionSchema.FieldType, "args", consortiumField)));
        Assert.Equal(new[] { "include", "legacy" }, Resolve.Names(Resolve.Field(Sample, IntrospectionSchema.FieldType, "args", consortiumField, ("includeDeprecated", true))));
    }

    [Fact]
    public void Deprecated_directives_are_hidden_unless_includeDeprecated()
    {
        var deprecatedDirective = new DirectiveDefinition("old") { DeprecationReason = "Use @new." };
        deprecatedDirective.Locations.Add(DirectiveLocation.FIELD);
        var query = new ObjectType("Query");
        query.Fields.Add(new FieldDefinition("a", BuiltInScalars.Int));
        var schema = new Schema(new SchemaConfig { Query = query, Directives = SpecifiedDirectives.All.Append(deprecatedDirective).ToList() });

        Assert.DoesNotContain("old", Resolve.Names(Resolve.Field(schema, IntrospectionSchema.SchemaType, "directives", schema)));
        Assert.Contains("old", Resolve.Names(Resolve.Field(schema, IntrospectionSchema.SchemaType, "directives", schema, ("includeDeprecated", true))));
        Assert.Equal(true, Resolve.Field(schema, IntrospectionSchema.DirectiveType, "isDeprecated", deprecatedDirective));
        Assert.Equal("Use @new.", Resolve.Field(schema, IntrospectionSchema.DirectiveType, "deprecationReason", deprecatedDirective));
    }

    [Fact]
    public void Wrapper_types_report_LIST_and_NON_NULL_with_ofType_and_no_name()
    {
        var matrix = ((ObjectType)Sample.GetType("Query")!).Fields["matrix"].Type; // [[Int!]]!
        Assert.Equal("NON_NULL", Resolve.Field(Sample, IntrospectionSchema.TypeType, "kind", matrix));
        Assert.Null(Resolve.Field(Sample, IntrospectionSchema.TypeType, "name", matrix));
        Assert.Null(Resolve.Field(Sample, IntrospectionSchema.TypeType, "fields", matrix));
        var outer = Resolve.Field(Sample, IntrospectionSchema.TypeType, "ofType", matrix)!;
        Assert.Equal("LIST", Resolve.Field(Sample, IntrospectionSchema.TypeType, "kind", outer));
        var inner = Resolve.Field(Sample, IntrospectionSchema.TypeType, "ofType", outer)!;
        Assert.Equal("LIST", Resolve.Field(Sample, IntrospectionSchema.TypeType, "kind", inner));
        var nonNullInt = Resolve.Field(Sample, IntrospectionSchema.TypeType, "ofType", inner)!;
        Assert.Equal("NON_NULL", Resolve.Field(Sample, IntrospectionSchema.TypeType, "kind", nonNullInt));
        var scalar = Resolve.Field(Sample, IntrospectionSchema.TypeType, "ofType", nonNullInt);
        Assert.Same(BuiltInScalars.Int, scalar);
        Assert.Null(Resolve.Field(Sample, IntrospectionSchema.TypeType, "ofType", scalar));
    }

    [Fact]
    public void Kind_specific_fields_are_null_for_other_kinds()
    {
        var date = Sample.GetType("Date");
        Assert.Equal("https://tools.ietf.org/html/rfc3339", Resolve.Field(Sample, IntrospectionSchema.TypeType, "specifiedByURL", date));
        Assert.Null(Resolve.Field(Sample, IntrospectionSchema.TypeType, "interfaces", date));
        Assert.Null(Resolve.Field(Sample, IntrospectionSchema.TypeType, "possibleTypes", date));
        Assert.Null(Resolve.Field(Sample, IntrospectionSchema.TypeType, "isOneOf", date));
        Assert.Equal(true, Resolve.Field(Sample, IntrospectionSchema.TypeType, "isOneOf", Sample.GetType("BodyRef")));
        Assert.Equal(false, Resolve.Field(Sample, IntrospectionSchema.TypeType, "isOneOf", Sample.GetType("PracticeFilter")));
        Assert.Equal(new[] { "Consortium", "Practice" },
            Resolve.Names(Resolve.Field(Sample, IntrospectionSchema.TypeType, "possibleTypes", Sample.GetType("Organisation"))));
    }

    [Fact]
    public void Type_meta_field_returns_null_for_an_unknown_name()
    {
        var ctx = new FakeResolveContext(Sample, null, new Dictionary<string, object?> { ["name"] = "Nope" });
        Assert.Null(IntrospectionSchema.TypeMetaField.Resolver!(ctx).Result);
        var known = new FakeResolveContext(Sample, null, new Dictionary<string, object?> { ["name"] = "Consortium" });
        Assert.Same(Sample.GetType("Consortium"), IntrospectionSchema.TypeMetaField.Resolver!(known).Result);
    }

    [Fact]
    public void Meta_fields_have_the_introspection_types_and_resolvers()
    {
        Assert.Equal("__Schema!", IntrospectionSchema.SchemaMetaField.Type.ToString());
        Assert.Equal("__Type", IntrospectionSchema.TypeMetaField.Type.ToString());
        Assert.Equal("String!", IntrospectionSchema.TypeMetaField.Arguments["name"].Type.ToString());
        Assert.Equal("String!", IntrospectionSchema.TypeNameMetaField.Type.ToString());
        var ctx = new FakeResolveContext(Sample, null, parentType: (ObjectType)Sample.GetType("Practice")!);
        Assert.Same(Sample, IntrospectionSchema.SchemaMetaField.Resolver!(ctx).Result);
        Assert.Equal("Practice", IntrospectionSchema.TypeNameMetaField.Resolver!(ctx).Result);
    }

    [Fact]
    public void Default_values_are_printed_as_written_else_from_the_value_like_graphql_js_17()
    {
        var practices = ((ObjectType)Sample.GetType("Consortium")!).Fields["practices"];
        Assert.Equal("10", IntrospectionSchema.PrintDefaultValue(practices.Arguments["first"]));
        Assert.Equal("ACTIVE", IntrospectionSchema.PrintDefaultValue(practices.Arguments["status"]));
        // The literal as the schema wrote it, in 17's layout; the coerced value is not shown.
        Assert.Equal("{ nameContains: \"Surgery\" }", IntrospectionSchema.PrintDefaultValue(practices.Arguments["filter"]));
        Assert.Null(IntrospectionSchema.PrintDefaultValue(((ObjectType)Sample.GetType("Query")!).Fields["consortium"].Arguments["code"]));
        Assert.Equal("null", IntrospectionSchema.PrintDefaultValue(new InputValueDefinition("x", BuiltInScalars.Int) { HasDefaultValue = true }));
        // Without a literal, the value is converted; an object longer than 80 characters prints as a block.
        var filterType = practices.Arguments["filter"].Type;
        var fromValue = new InputValueDefinition("f", filterType) { HasDefaultValue = true, DefaultValue = practices.Arguments["filter"].DefaultValue };
        Assert.Equal("{\n  nameContains: \"Surgery\"\n  minListSize: 0\n  ratio: 1.5\n  tags: [\"gp\", \"urban\"]\n  label: \"a \\\"quoted\\\"\\nline\"\n  status: DISSOLVED\n}",
            IntrospectionSchema.PrintDefaultValue(fromValue));
    }

    private static string TypeRef(JsonNode t) => (string)t["kind"]! switch
    {
        "NON_NULL" => TypeRef(t["ofType"]!) + "!",
        "LIST" => "[" + TypeRef(t["ofType"]!) + "]",
        _ => (string)t["name"]!,
    };
}
