using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Introspection;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Introspection;

public class SchemaBuilderTests
{
    private sealed record Consortium(string Code, string Name);
    private sealed record Practice(string Code, string Name);
    private enum CommissioningRole { LeadCommissioner, Associate, HTTPPartner }

    private static readonly Consortium[] Consortia = { new("02X", "Leeds North"), new("03A", "Leeds South") };

    private static Schema Build() => new SchemaBuilder()
        .Query("Query", q => q
            .Field("consortium", "Consortium", f => f
                .Argument("code", "ID!")
                .Resolve(ctx => Consortia.FirstOrDefault(c => c.Code == (string?)ctx.Arguments["code"])))
            .Field("consortia", "[Consortium!]!", f => f
                .Argument("first", "Int", 10)
                .ResolveAsync(async ctx => { await Task.Yield(); return Consortia.Take((int)ctx.Arguments["first"]!).ToList(); }))
            .Field("count", "Int!", f => f.ResolveAsync(ctx => new ValueTask<object?>(Consortia.Length)))
            .Field("bodies", "[Body!]!", f => f.Resolve(_ => new object[] { Consortia[0], new Practice("B1", "Bramley") })))
        .Interface("Organisation", i => i.Field("code", "ID!").Field("name", "String!"))
        .Object("Consortium", o => o
            .Description("A clinical commissioning consortium.")
            .Implements("Organisation")
            .IsTypeOf<Consortium>()
            .Field("code", "ID!", f => f.Resolve<Consortium>(c => c.Code).Metadata("cost", 1))
            .Field("name", "String!", f => f.Resolve<Consortium>(c => c.Name).Directive("policy", ("policies", new[] { "nhs-cb" }))))
        .Object("Practice", o => o.Implements("Organisation").IsTypeOf<Practice>().Field("code", "ID!").Field("name", "String!"))
        .Union("Body", u => u.Types("Consortium", "Practice").ResolveType(v => v is Consortium ? "Consortium" : "Practice"))
        .Enum<CommissioningRole>("CommissioningRole")
        .Build();

    [Fact]
    public void Types_fields_and_type_references_are_built_in_any_declaration_order()
    {
        var schema = Build();
        var query = schema.QueryType!;
        Assert.Equal(new[] { "consortium", "consortia", "count", "bodies" }, query.Fields.Keys);
        Assert.Equal("[Consortium!]!", query.Fields["consortia"].Type.ToString());
        Assert.Same(schema.GetType("Consortium"), Schema.GetNamedType(query.Fields["consortium"].Type));
        Assert.Equal("A clinical commissioning consortium.", schema.GetType("Consortium")!.Description);
        Assert.Equal(new[] { "Consortium", "Practice" }, schema.GetPossibleTypes((InterfaceType)schema.GetType("Organisation")!).Select(t => t.Name));
        Assert.Equal(new[] { "Consortium", "Practice" }, ((UnionType)schema.GetType("Body")!).Types.Select(t => t.Name));
    }

    [Fact]
    public void Argument_defaults_are_recorded_and_introspected()
    {
        var first = Build().QueryType!.Fields["consortia"].Arguments["first"];
        Assert.True(first.HasDefaultValue);
        Assert.Equal(10, first.DefaultValue);
        Assert.Equal("10", IntrospectionSchema.PrintDefaultValue(first));
        Assert.False(Build().QueryType!.Fields["consortium"].Arguments["code"].HasDefaultValue);
    }

    [Fact]
    public async Task Sync_async_and_source_resolvers_are_adapted_to_field_resolvers()
    {
        var schema = Build();
        var query = schema.QueryType!;
        var byCode = await query.Fields["consortium"].Resolver!(new FakeResolveContext(schema, null, new Dictionary<string, object?> { ["code"] = "03A" }));
        Assert.Equal(Consortia[1], byCode);
        var list = await query.Fields["consortia"].Resolver!(new FakeResolveContext(schema, null, new Dictionary<string, object?> { ["first"] = 1 }));
        Assert.Single((List<Consortium>)list!);
        Assert.Equal(2, await query.Fields["count"].Resolver!(new FakeResolveContext(schema, null)));
        var name = ((ObjectType)schema.GetType("Consortium")!).Fields["name"];
        Assert.Equal("Leeds North", await name.Resolver!(new FakeResolveContext(schema, Consortia[0])));
    }

    [Fact]
    public async Task Typed_resolvers_read_their_parent_as_its_type_and_fail_the_field_when_bound_to_another()
    {
        var schema = new SchemaBuilder()
            .Query("Query", q => q
                .Field("consortium", "Consortium", f => f.Resolve(_ => Consortia[0]))
                .Field("mislabelled", "Consortium", f => f.Resolve(_ => new Practice("B1", "Bramley"))))
            .Object("Consortium", o => o.Field("code", "ID!").Field("label", "String!", f => f.Argument("prefix", "String!")).Field("size", "Int!"))
            .ResolveAsync<Consortium>("Consortium.label", async (consortium, ctx) => { await Task.Yield(); return $"{ctx.Arguments["prefix"]}{consortium.Name}"; })
            .Resolve<Consortium>("Consortium.size", (consortium, _) => consortium.Name.Length)
            .Build();

        var result = await TestExecutor.ExecuteAsync(schema, """{ consortium { label(prefix: "CCG ") size } mislabelled { label(prefix: "x") } }""");

        var json = System.Text.Json.JsonSerializer.Serialize(result.Data);
        Assert.Contains("\"label\":\"CCG Leeds North\"", json);
        Assert.Contains("\"size\":11", json);
        var error = Assert.Single(result.Errors!);
        Assert.Equal("Consortium.label expects a parent Consortium, not Practice.", error.Message);
        Assert.Equal(new object[] { "mislabelled", "label" }, error.Path!);
    }

    [Fact]
    public void Abstract_types_get_type_resolvers_and_objects_IsTypeOf()
    {
        var schema = Build();
        var body = (UnionType)schema.GetType("Body")!;
        var ctx = new FakeResolveContext(schema, null);
        Assert.Equal("Practice", body.ResolveType!(new Practice("B1", "Bramley"), ctx));
        var consortium = (ObjectType)schema.GetType("Consortium")!;
        Assert.True(consortium.IsTypeOf!(Consortia[0], ctx));
        Assert.False(consortium.IsTypeOf!(new Practice("B1", "x"), ctx));
    }

    [Fact]
    public void Metadata_and_applied_directives_are_recorded()
    {
        var consortium = (ObjectType)Build().GetType("Consortium")!;
        Assert.Equal(1, consortium.Fields["code"].Metadata["cost"]);
        var policy = Assert.Single(consortium.Fields["name"].AppliedDirectives);
        Assert.Equal("policy", policy.Name.Value);
        Assert.Equal("[\"nhs-cb\"]", Commissioning.Graph.Engine.Language.Printer.Print(policy.Arguments[0].Value));
    }

    [Fact]
    public void Clr_enums_become_upper_snake_case_values_with_clr_internal_values()
    {
        var e = (EnumType)Build().GetType("CommissioningRole")!;
        Assert.Equal(new[] { "LEAD_COMMISSIONER", "ASSOCIATE", "HTTP_PARTNER" }, e.Values.Keys);
        Assert.Equal(CommissioningRole.Associate, e.Values["ASSOCIATE"].Value);
    }

    [Fact]
    public void Unknown_type_references_fail_the_build_with_a_GraphQL_error()
    {
        var ex = Assert.Throws<GraphQLException>(() => new SchemaBuilder()
            .Query("Query", q => q.Field("x", "[Missing!]")).Build());
        Assert.Contains("Unknown type \"Missing\" in field Query.x", ex.Message);
        Assert.Throws<GraphQLException>(() => new SchemaBuilder().Query("Query", q => q.Field("x", "[Int")).Build());
        Assert.Throws<GraphQLException>(() => new SchemaBuilder().Query("Query", q => q.Field("x", "Int!!")).Build());
    }

    [Fact]
    public void Resolvers_can_be_bound_by_coordinate_and_bad_coordinates_fail()
    {
        var schema = new SchemaBuilder()
            .Query("Query", q => q.Field("a", "Int"))
            .Resolve("Query.a", _ => 42)
            .Build();
        Assert.Equal(42, schema.QueryType!.Fields["a"].Resolver!(new FakeResolveContext(schema, null)).Result);
        Assert.Throws<GraphQLException>(() => new SchemaBuilder().Query("Query", q => q.Field("a", "Int")).Resolve("Query.b", _ => 1).Build());
    }

    [Fact]
    public async Task Subscription_fields_get_a_source_stream()
    {
        static async IAsyncEnumerable<int> Ticks() { for (var i = 0; i < 3; i++) { await Task.Yield(); yield return i; } }
        var schema = new SchemaBuilder()
            .Query("Query", q => q.Field("a", "Int"))
            .Subscription("Subscription", s => s.Field("tick", "Int!", f => f.Subscribe(_ => Ticks()).Resolve(c => c.Source)))
            .Build();
        var stream = await schema.SubscriptionType!.Fields["tick"].Subscriber!(new FakeResolveContext(schema, null));
        var seen = new List<object?>();
        await foreach (var e in stream) seen.Add(e);
        Assert.Equal(new object?[] { 0, 1, 2 }, seen);
    }

    // ---- Through the executor (Execution.Executor, merged separately) ----

    [Fact]
    public async Task Executes_sync_and_async_resolvers_and_abstract_types()
    {
        var result = await TestExecutor.ExecuteAsync(Build(),
            "{ consortium(code: \"02X\") { name } consortia(first: 2) { code } count bodies { __typename ... on Organisation { code } } }");
        Assert.Equal(
            """{"consortium":{"name":"Leeds North"},"consortia":[{"code":"02X"},{"code":"03A"}],"count":2,"bodies":[{"__typename":"Consortium","code":"02X"},{"__typename":"Practice","code":"B1"}]}""",
            TestExecutor.DataJson(result));
    }

    [Fact]
    public async Task Full_introspection_of_a_code_first_schema_equals_graphql_js_output_for_the_same_SDL()
    {
        var result = await TestExecutor.ExecuteAsync(SampleSchema.Build(), IntrospectionQuery.Text);
        Assert.Equal(TestExecutor.Normalize(SampleSchemaReference.ExpectedIntrospectionResponse), TestExecutor.ToJson(result));
    }

    [Fact]
    public async Task Type_meta_field_of_an_unknown_name_is_null_and_wrappers_have_kinds()
    {
        var result = await TestExecutor.ExecuteAsync(SampleSchema.Build(),
            "{ __type(name: \"Nope\") { name } q: __type(name: \"Query\") { fields(includeDeprecated: true) { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }");
        var json = TestExecutor.DataJson(result);
        Assert.StartsWith("{\"__type\":null,", json);
        Assert.Contains("{\"name\":\"matrix\",\"type\":{\"kind\":\"NON_NULL\",\"name\":null,\"ofType\":{\"kind\":\"LIST\",\"name\":null,\"ofType\":{\"kind\":\"LIST\",\"name\":null,\"ofType\":{\"kind\":\"NON_NULL\",\"name\":null}}}}}", json);
    }

    [Fact]
    public async Task IncludeDeprecated_filters_through_the_executor()
    {
        var result = await TestExecutor.ExecuteAsync(SampleSchema.Build(),
            "{ __type(name: \"Consortium\") { a: fields { name } b: fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }");
        var json = TestExecutor.DataJson(result);
        Assert.Contains("\"a\":[{\"name\":\"code\"},{\"name\":\"name\"},{\"name\":\"status\"},{\"name\":\"practices\"}]", json);
        Assert.Contains("{\"name\":\"legacyCode\",\"isDeprecated\":true,\"deprecationReason\":\"Use `code`.\"}", json);
    }

    [Fact]
    public async Task DataLoader_batches_a_list_of_child_fields_in_one_call()
    {
        var batches = 0;
        var schema = new SchemaBuilder()
            .Query("Query", q => q.Field("consortia", "[Consortium!]!", f => f.Resolve(_ => Enumerable.Range(0, 30).Select(i => new Consortium("C" + i, "n")).ToList())))
            .Object("Consortium", o => o
                .Field("code", "ID!", f => f.Resolve<Consortium>(c => c.Code))
                .Field("practiceCount", "Int", f => f.ResolveAsync(async ctx =>
                {
                    var loader = ctx.GetDataLoader<string, int>("practiceCount", (keys, ct) =>
                    {
                        Interlocked.Increment(ref batches);
                        return Task.FromResult<IReadOnlyDictionary<string, int>>(keys.ToDictionary(k => k, k => k.Length));
                    });
                    return await loader.LoadAsync(((Consortium)ctx.Source!).Code, ctx.CancellationToken);
                })))
            .Build();
        var result = await TestExecutor.ExecuteAsync(schema, "{ consortia { code practiceCount } }");
        Assert.Contains("{\"code\":\"C10\",\"practiceCount\":3}", TestExecutor.DataJson(result));
        Assert.Equal(1, batches);
    }

    [Fact]
    public async Task Full_introspection_of_the_SDL_built_schema_equals_graphql_js_output()
    {
        var result = await TestExecutor.ExecuteAsync(SdlSchemaBuilder.Build(SampleSchemaReference.Sdl), IntrospectionQuery.Text);
        Assert.Equal(TestExecutor.Normalize(SampleSchemaReference.ExpectedIntrospectionResponse), TestExecutor.ToJson(result));
    }

    [Fact]
    public async Task FromSdl_binds_resolvers_and_type_resolvers_by_coordinate()
    {
        var schema = SchemaBuilder.FromSdl("""
            type Query { consortium(code: ID!): Consortium bodies: [Body!]! }
            type Consortium { code: ID! name: String! }
            type Practice { code: ID! }
            union Body = Consortium | Practice
            """)
            .Resolve("Query.consortium", ctx => Consortia.FirstOrDefault(c => c.Code == (string?)ctx.Arguments["code"]))
            .ResolveAsync("Query.bodies", async _ => { await Task.Yield(); return new object[] { Consortia[1], new Practice("B1", "x") }; })
            .Resolve<Consortium>("Consortium.name", c => c.Name.ToUpperInvariant())
            .ResolveType("Body", (v, _) => v is Consortium ? "Consortium" : "Practice")
            .Build();
        var result = await TestExecutor.ExecuteAsync(schema, "{ consortium(code: \"02X\") { code name } bodies { __typename } }");
        Assert.Equal("""{"consortium":{"code":"02X","name":"LEEDS NORTH"},"bodies":[{"__typename":"Consortium"},{"__typename":"Practice"}]}""",
            TestExecutor.DataJson(result));
    }

    [Fact]
    public void Build_runs_schema_validation()
    {
        var ex = Assert.Throws<GraphQLException>(() => new SchemaBuilder()
            .Query("Query", q => q.Field("a", "Int"))
            .Interface("Named", i => i.Field("name", "String!"))
            .Object("Thing", o => o.Implements("Named").Field("id", "ID"))
            .Build());
        Assert.Contains("Named.name", ex.Errors[0].Message);
    }
}
