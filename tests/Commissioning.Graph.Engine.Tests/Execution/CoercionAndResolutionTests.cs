using System.Text.Json;
using System.Threading.Channels;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using static Commissioning.Graph.Engine.Tests.Execution.ExecutionTestHelpers;

namespace Commissioning.Graph.Engine.Tests.Execution;

public class VariableCoercionTests
{
    private const string Sdl = """
        type Query { echo(i: Int, l: [Int], o: In, one: One, c: Color, r: Int): String }
        input In { a: Int! b: String = "dflt" }
        input One @oneOf { x: Int y: String }
        enum Color { RED GREEN }
        """;

    private static async Task<ExecutionResult> Echo(string query, string variables)
    {
        var schema = SdlSchemaBuilder.Build(Sdl);
        string? seen = null;
        schema.Field("Query.echo").Resolver = c => { seen = JsonSerializer.Serialize(c.Arguments); return new ValueTask<object?>(seen); };
        return await Execute(schema, query, null, Vars(variables));
    }

    [Fact]
    public async Task MissingRequiredVariableIsRequestError()
    {
        var result = await Echo("query ($v: Int!) { echo(r: $v) }", "{}");
        Assert.Equal("""{"errors":[{"message":"Variable \"$v\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":8}]}]}""", result.ToJson());
    }

    [Fact]
    public async Task NullForNonNullVariable()
    {
        var result = await Echo("query ($v: Int!) { echo(r: $v) }", """{"v":null}""");
        Assert.False(result.HasData);
        Assert.Equal("Variable \"$v\" of non-null type \"Int!\" must not be null.", Assert.Single(result.Errors!).Message);
    }

    [Fact]
    public async Task SingleValueBecomesList()
    {
        var result = await Echo("query ($v: [Int]) { echo(l: $v) }", """{"v":7}""");
        Assert.Equal("""{"data":{"echo":"{\"l\":[7]}"}}""", result.ToJson());
    }

    [Fact]
    public async Task InvalidListItemReportsItsPath()
    {
        var result = await Echo("query ($v: [Int]) { echo(l: $v) }", """{"v":[1,"x"]}""");
        Assert.Equal("Variable \"$v\" got invalid value \"x\" at \"v[1]\"; Int cannot represent non-integer value: \"x\"", Assert.Single(result.Errors!).Message);
    }

    [Fact]
    public async Task InputObjectDefaultsUnknownAndMissingFields()
    {
        var ok = await Echo("query ($v: In) { echo(o: $v) }", """{"v":{"a":1}}""");
        Assert.Equal("""{"data":{"echo":"{\"o\":{\"a\":1,\"b\":\"dflt\"}}"}}""", ok.ToJson());
        var bad = await Echo("query ($v: In) { echo(o: $v) }", """{"v":{"z":1}}""");
        Assert.False(bad.HasData);
        Assert.Equal(2, bad.Errors!.Count);
        Assert.Contains(bad.Errors, e => e.Message.EndsWith("Field \"a\" of required type \"Int!\" was not provided."));
        Assert.Contains(bad.Errors, e => e.Message.EndsWith("Field \"z\" is not defined by type \"In\". Did you mean \"a\" or \"b\"?"));
    }

    [Fact]
    public async Task OneOfNeedsExactlyOneNonNullField()
    {
        var two = await Echo("query ($v: One) { echo(one: $v) }", """{"v":{"x":1,"y":"a"}}""");
        Assert.EndsWith("Exactly one key must be specified for OneOf type \"One\".", Assert.Single(two.Errors!).Message);
        var nul = await Echo("query ($v: One) { echo(one: $v) }", """{"v":{"x":null}}""");
        Assert.EndsWith("Field \"x\" must be non-null.", Assert.Single(nul.Errors!).Message);
        var ok = await Echo("query ($v: One) { echo(one: $v) }", """{"v":{"y":"a"}}""");
        Assert.True(ok.HasData);
        Assert.Null(ok.Errors);
    }

    [Fact]
    public async Task EnumsByName()
    {
        var ok = await Echo("query ($v: Color) { echo(c: $v) }", """{"v":"RED"}""");
        Assert.Equal("""{"data":{"echo":"{\"c\":\"RED\"}"}}""", ok.ToJson());
        var bad = await Echo("query ($v: Color) { echo(c: $v) }", """{"v":"BLUE"}""");
        Assert.EndsWith("Value \"BLUE\" does not exist in \"Color\" enum.", Assert.Single(bad.Errors!).Message);
        var notString = await Echo("query ($v: Color) { echo(c: $v) }", """{"v":1}""");
        Assert.Single(notString.Errors!);
    }

    [Fact]
    public async Task DefaultsForVariablesAndArguments()
    {
        var result = await Echo("query ($v: Int = 5, $w: Int) { echo(i: $v, l: $w) }", "{}");
        // $w is not provided and has no default: the argument is left out (not null).
        Assert.Equal("""{"data":{"echo":"{\"i\":5}"}}""", result.ToJson());
    }

    [Fact]
    public async Task TooManyVariableErrorsStops()
    {
        var defs = string.Join(", ", Enumerable.Range(0, 60).Select(i => $"$v{i}: Int!"));
        var result = await Echo($"query ({defs}) {{ echo }}", "{}");
        Assert.Equal(51, result.Errors!.Count);
        Assert.StartsWith("Too many errors processing variables", result.Errors[50].Message);
    }
}

public class DefaultResolverTests
{
    public sealed class Practice
    {
        public string Code { get; init; } = "P1";
        public int listSize = 42;
        public Practice? Parent { get; init; }
    }

    private const string Sdl = "type Query { p: P ps: [P] } type P { code: String listSize: Int parent: P missing: String }";

    [Fact]
    public async Task ReadsDictionaries()
    {
        var json = await Run(Sdl, "{ p { code listSize missing } }", """{"p":{"code":"A","listSize":3}}""");
        Assert.Equal("""{"data":{"p":{"code":"A","listSize":3,"missing":null}}}""", json);
    }

    [Fact]
    public async Task ReadsJsonElements()
    {
        var schema = SdlSchemaBuilder.Build(Sdl);
        var root = JsonDocument.Parse("""{"p":{"code":"A","listSize":3.0,"parent":{"code":"B"}},"ps":[{"code":"C"},null]}""").RootElement;
        var result = await Execute(schema, "{ p { code listSize missing parent { code } } ps { code } }", root);
        Assert.Equal("""{"data":{"p":{"code":"A","listSize":3,"missing":null,"parent":{"code":"B"}},"ps":[{"code":"C"},null]}}""", result.ToJson());
    }

    [Fact]
    public async Task ReadsClrObjectsCaseInsensitively()
    {
        var schema = SdlSchemaBuilder.Build(Sdl);
        var root = new Dictionary<string, object?> { ["p"] = new Practice { Code = "X", Parent = new Practice { Code = "Y" } } };
        var result = await Execute(schema, "{ p { code listSize missing parent { code parent { code } } } }", root);
        Assert.Equal("""{"data":{"p":{"code":"X","listSize":42,"missing":null,"parent":{"code":"Y","parent":null}}}}""", result.ToJson());
    }

    [Fact]
    public async Task NonObjectParentsGiveNull()
    {
        var json = await Run(Sdl, "{ p { code } ps { code } }", """{"p":"text","ps":[1,true,[1]]}""");
        Assert.Equal("""{"data":{"p":{"code":null},"ps":[{"code":null},{"code":null},{"code":null}]}}""", json);
    }

    [Fact]
    public void AccessorsAreCached()
    {
        var a = DefaultFieldResolver.GetAccessor(typeof(Practice), "code");
        Assert.Same(a, DefaultFieldResolver.GetAccessor(typeof(Practice), "code"));
        Assert.Null(DefaultFieldResolver.GetAccessor(typeof(Practice), "nothing"));
    }

    [Fact]
    public async Task CustomScalarsPassThrough()
    {
        var json = await Run("scalar JSON type Query { j: JSON k: [JSON] }", "{ j k }", """{"j":{"z":1,"a":[true,null,1.5]},"k":["s",2]}""");
        Assert.Equal("""{"data":{"j":{"z":1,"a":[true,null,1.5]},"k":["s",2]}}""", json);
    }
}

public class AbstractTypeTests
{
    private const string Sdl = """
        type Query { s: S i: I n: I }
        union S = A | B
        interface I { id: ID }
        type A implements I { id: ID a: Int }
        type B { b: Int }
        type C implements I { id: ID }
        input In { x: Int }
        """;

    [Fact]
    public async Task ResolvesByTypeName()
    {
        var json = await Run(Sdl, "{ s { __typename ... on A { a } ... on B { b } } i { id ... on A { a } } }",
            """{"s":{"__typename":"B","b":2},"i":{"__typename":"A","id":"1","a":1}}""");
        Assert.Equal("""{"data":{"s":{"__typename":"B","b":2},"i":{"id":"1","a":1}}}""", json);
    }

    [Theory]
    [InlineData("""{"b":2}""", "Abstract type \"S\" must resolve to an Object type at runtime for field \"Query.s\". Either the \"S\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.")]
    [InlineData("""{"__typename":"Z"}""", "Abstract type \"S\" was resolved to a type \"Z\" that does not exist inside the schema.")]
    [InlineData("""{"__typename":"In"}""", "Abstract type \"S\" was resolved to a non-object type \"In\".")]
    [InlineData("""{"__typename":"C"}""", "Runtime Object type \"C\" is not a possible type for \"S\".")]
    [InlineData("""{"__typename":7}""", "Abstract type \"S\" must resolve to an Object type at runtime for field \"Query.s\". Either the \"S\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.")]
    public async Task ResolutionErrors(string value, string message)
    {
        var schema = SdlSchemaBuilder.Build(Sdl);
        var result = await Execute(schema, "{ s { __typename }\n s { ... on A { a } } }", Json($$"""{"s":{{value}}}"""));
        var error = Assert.Single(result.Errors!);
        Assert.Equal(message, error.Message);
        Assert.Equal(2, error.Locations!.Count);
        Assert.Equal("""{"s":null}""", JsonSerializer.Serialize(result.Data));
    }

    [Fact]
    public async Task CustomResolveTypeAndIsTypeOf()
    {
        var schema = SdlSchemaBuilder.Build(Sdl);
        ((UnionType)schema.GetType("S")!).ResolveType = (v, _) => v is Dictionary<string, object?> d && d.ContainsKey("a") ? "A" : "B";
        ((ObjectType)schema.GetType("A")!).IsTypeOf = (v, _) => v is Dictionary<string, object?> d && d.ContainsKey("id");
        var result = await Execute(schema, "{ s { ... on A { a } ... on B { b } } }", Json("""{"s":{"a":1}}"""));
        Assert.Equal("""{"errors":[{"message":"Expected value of type \"A\" but got: { a: 1 }.","locations":[{"line":1,"column":3}],"path":["s"]}],"data":{"s":null}}""", result.ToJson());
        var ok = await Execute(schema, "{ s { ... on A { a } ... on B { b } } }", Json("""{"s":{"b":1}}"""));
        Assert.Equal("""{"data":{"s":{"b":1}}}""", ok.ToJson());
    }
}

public class SubscriptionTests
{
    private static async IAsyncEnumerable<object?> Events(int count, Action onDispose)
    {
        try
        {
            for (var i = 1; i <= count; i++)
            {
                await Task.Yield();
                yield return new Dictionary<string, object?> { ["tick"] = i };
            }
        }
        finally { onDispose(); }
    }

    [Fact]
    public async Task ThreeEventsThenCompletion()
    {
        var schema = SdlSchemaBuilder.Build("type Query { a: Int } type Subscription { tick: Int }");
        var disposed = false;
        schema.Field("Subscription.tick").Subscriber = _ => new ValueTask<IAsyncEnumerable<object?>>(Events(3, () => disposed = true));
        var subscription = await Executor.SubscribeAsync(new ExecutionRequest { Schema = schema, Document = Parser.Parse("subscription { tick }") });
        Assert.True(subscription.IsStream);
        var results = new List<string>();
        await foreach (var r in subscription.Stream!) results.Add(r.ToJson());
        Assert.Equal(new[] { """{"data":{"tick":1}}""", """{"data":{"tick":2}}""", """{"data":{"tick":3}}""" }, results);
        Assert.True(disposed);
    }

    [Fact]
    public async Task DisposingTheResponseStreamDisposesTheSource()
    {
        var schema = SdlSchemaBuilder.Build("type Query { a: Int } type Subscription { tick: Int }");
        var disposed = false;
        schema.Field("Subscription.tick").Subscriber = _ => new ValueTask<IAsyncEnumerable<object?>>(Events(100, () => disposed = true));
        var subscription = await Executor.SubscribeAsync(new ExecutionRequest { Schema = schema, Document = Parser.Parse("subscription { tick }") });
        await foreach (var r in subscription.Stream!) break;
        Assert.True(disposed);
    }

    [Fact]
    public async Task ErrorsBeforeTheStreamAreAResult()
    {
        var noRoot = SdlSchemaBuilder.Build("type Query { a: Int }");
        var r1 = await Executor.SubscribeAsync(new ExecutionRequest { Schema = noRoot, Document = Parser.Parse("subscription { a }") });
        Assert.Equal("""{"errors":[{"message":"Schema is not configured to execute subscription operation.","locations":[{"line":1,"column":1}]}]}""", r1.ErrorResult!.ToJson());

        var schema = SdlSchemaBuilder.Build("type Query { a: Int } type Subscription { tick: Int }");
        schema.Field("Subscription.tick").Subscriber = _ => throw new GraphQLException(new GraphQLError("not allowed"));
        var r2 = await Executor.SubscribeAsync(new ExecutionRequest { Schema = schema, Document = Parser.Parse("subscription { tick }") });
        Assert.Equal("""{"errors":[{"message":"not allowed","locations":[{"line":1,"column":16}],"path":["tick"]}]}""", r2.ErrorResult!.ToJson());
    }
}

public class ResultJsonWriterTests
{
    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(-0.0, "0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(123.456, "123.456")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(-123.456, "-123.456")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "0.00001")]
    [InlineData(-1.5e-10, "-1.5e-10")]
    [InlineData(4503599627370495.5, "4503599627370495.5")]
    [InlineData(123456789012.345, "123456789012.345")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(double.NaN, "null")]
    [InlineData(double.PositiveInfinity, "null")]
    public void DoublesAsJavaScriptWritesThem(double value, string expected)
    {
        var map = new ResultMap();
        map.Set("v", value);
        Assert.Equal("{\"data\":{\"v\":" + expected + "}}", new ExecutionResult { HasData = true, Data = map }.ToJson());
    }

    [Fact]
    public void DoublesOfEveryMagnitudeAreWrittenAsJavaScriptStringDoes()
    {
        // The writer's stack fast path (plain notation) and its fallback (exponents) against JsNumber.
        var random = new Random(20121001);
        for (var i = 0; i < 20_000; i++)
        {
            var value = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
            if (i % 3 == 0) value = Math.Round(value, random.Next(0, 6));
            var map = new ResultMap();
            map.Set("v", value);
            Assert.Equal("{\"data\":{\"v\":" + JsNumber.ToString(value) + "}}", new ExecutionResult { HasData = true, Data = map }.ToJson());
        }
    }

    [Fact]
    public void ErrorsComeFirstAndOmitAbsentMembers()
    {
        var result = new ExecutionResult
        {
            HasData = true,
            Data = null,
            Errors = new[] { new GraphQLError("m") },
            Extensions = new Dictionary<string, object?> { ["cost"] = 3 },
        };
        Assert.Equal("""{"errors":[{"message":"m"}],"data":null,"extensions":{"cost":3}}""", result.ToJson());
    }

    [Fact]
    public void WritesResponsesNestedDeeperThanTheJsonWriterDefault()
    {
        // Utf8JsonWriter refuses more than 1000 levels by default; a 1500-deep selection is a valid response.
        var data = new ResultMap();
        var inner = data;
        for (var i = 0; i < 1500; i++)
        {
            var next = new ResultMap();
            inner.Set("q", next);
            inner = next;
        }
        inner.Set("a", 1);
        var json = new ExecutionResult { HasData = true, Data = data }.ToJson();
        Assert.EndsWith("{\"a\":1" + new string('}', 1502), json);
    }

    [Fact]
    public void ResultMapKeepsInsertionOrder()
    {
        var map = new ResultMap();
        map.Set("z", 1); map.Set("a", "<&>"); map.Set("z", 2);
        Assert.Equal(new[] { "z", "a" }, map.Keys);
        Assert.Equal("""{"data":{"z":2,"a":"<&>"}}""", new ExecutionResult { HasData = true, Data = map }.ToJson());
    }
}
