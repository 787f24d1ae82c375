using System.Text.Json;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using static Commissioning.Graph.Engine.Tests.Execution.ExecutionTestHelpers;

namespace Commissioning.Graph.Engine.Tests.Execution;

public class NullPropagationTests
{
    [Fact]
    public async Task NonNullRootFieldNullsData()
    {
        var json = await Run("type Query { a: Int! b: Int }", "{ a b }", """{"a":null,"b":1}""");
        Assert.Equal("""{"errors":[{"message":"Cannot return null for non-nullable field Query.a.","locations":[{"line":1,"column":3}],"path":["a"]}],"data":null}""", json);
    }

    [Fact]
    public async Task NonNullItemInListOfListsNullsInnerListOnly()
    {
        var json = await Run("type Query { l: [[Int!]] }", "{ l }", """{"l":[[1,null],[2]]}""");
        Assert.Equal("""{"errors":[{"message":"Cannot return null for non-nullable field Query.l.","locations":[{"line":1,"column":3}],"path":["l",0,1]}],"data":{"l":[null,[2]]}}""", json);
    }

    [Fact]
    public async Task NonNullInnerListsPropagateToTheField()
    {
        var json = await Run("type Query { l: [[Int!]!] x: Int }", "{ l x }", """{"l":[[1],[null]],"x":3}""");
        Assert.Equal("""{"errors":[{"message":"Cannot return null for non-nullable field Query.l.","locations":[{"line":1,"column":3}],"path":["l",1,0]}],"data":{"l":null,"x":3}}""", json);
    }

    [Fact]
    public async Task PropagatesToNearestNullableAncestor()
    {
        var json = await Run("type Query { a: A } type A { b: B! } type B { c: C! } type C { d: Int! }",
            "{ a { b { c { d } } } }", """{"a":{"b":{"c":{"d":null}}}}""");
        Assert.Equal("""{"errors":[{"message":"Cannot return null for non-nullable field C.d.","locations":[{"line":1,"column":15}],"path":["a","b","c","d"]}],"data":{"a":null}}""", json);
    }

    [Fact]
    public async Task SiblingsAfterAPropagatingFieldAreNotExecuted()
    {
        // graphql-js stops executing a selection set once a field has propagated null synchronously.
        var json = await Run("type Query { o: O } type O { x: Int! y: Int! z: Int }", "{ o { z x y } }", """{"o":{"z":"bad"}}""");
        var errors = JsonDocument.Parse(json).RootElement.GetProperty("errors");
        Assert.Equal(2, errors.GetArrayLength()); // z's serialization error and x's null, not y's
        Assert.Contains("\"data\":{\"o\":null}", json);
    }

    [Fact]
    public async Task OnlyTheFirstFailingNonNullItemIsReported()
    {
        var json = await Run("type Query { b: [Int!] }", "{ b }", """{"b":[1,null,null]}""");
        Assert.Equal("""{"errors":[{"message":"Cannot return null for non-nullable field Query.b.","locations":[{"line":1,"column":3}],"path":["b",1]}],"data":{"b":null}}""", json);
    }

    [Fact]
    public async Task AsyncNonNullErrorPropagates()
    {
        var schema = SdlSchemaBuilder.Build("type Query { a: A } type A { x: Int! y: Int }");
        schema.Field("A.x").Resolver = async _ => { await Task.Yield(); return null; };
        schema.Field("A.y").Resolver = async _ => { await Task.Yield(); return 2; };
        var result = await Execute(schema, "{ a { x y } }", Json("""{"a":{}}"""));
        Assert.Equal("""{"errors":[{"message":"Cannot return null for non-nullable field A.x.","locations":[{"line":1,"column":7}],"path":["a","x"]}],"data":{"a":null}}""", result.ToJson());
    }
}

public class FieldErrorTests
{
    [Fact]
    public async Task MergedFieldsGiveAllLocations()
    {
        var json = await Run("type Query { a: Int }", "{ a\n a }", """{"a":"x"}""");
        Assert.Equal("""{"errors":[{"message":"Int cannot represent non-integer value: \"x\"","locations":[{"line":1,"column":3},{"line":2,"column":2}],"path":["a"]}],"data":{"a":null}}""", json);
    }

    [Fact]
    public async Task PathsIncludeListIndices()
    {
        var json = await Run("type Query { l: [O] } type O { v: Int }", "{ l { v } }", """{"l":[{"v":1},{"v":"x"}]}""");
        Assert.Contains("\"path\":[\"l\",1,\"v\"]", json);
        Assert.Contains("\"data\":{\"l\":[{\"v\":1},{\"v\":null}]}", json);
    }

    [Fact]
    public async Task ResolverExceptionBecomesFieldError()
    {
        var schema = SdlSchemaBuilder.Build("type Query { a: Int b: Int }");
        schema.Field("Query.a").Resolver = _ => throw new InvalidOperationException("boom");
        var result = await Execute(schema, "{ a b }", Json("""{"b":2}"""));
        Assert.Equal("""{"errors":[{"message":"boom","locations":[{"line":1,"column":3}],"path":["a"]}],"data":{"a":null,"b":2}}""", result.ToJson());
        Assert.IsType<InvalidOperationException>(result.Errors![0].OriginalException);
    }

    [Fact]
    public async Task GraphQLExceptionKeepsExtensions()
    {
        var schema = SdlSchemaBuilder.Build("type Query { a: Int }");
        schema.Field("Query.a").Resolver = async _ =>
        {
            await Task.Yield();
            throw new GraphQLException(new GraphQLError("nope") { Extensions = new Dictionary<string, object?> { ["code"] = "FORBIDDEN" } });
        };
        var result = await Execute(schema, "{ a }");
        Assert.Equal("""{"errors":[{"message":"nope","locations":[{"line":1,"column":3}],"path":["a"],"extensions":{"code":"FORBIDDEN"}}],"data":{"a":null}}""", result.ToJson());
    }

    [Fact]
    public async Task ErrorFilterRewritesErrors()
    {
        var schema = SdlSchemaBuilder.Build("type Query { a: Int }");
        schema.Field("Query.a").Resolver = _ => throw new InvalidOperationException("secret");
        var options = new ExecutionOptions
        {
            ErrorFilter = e => e.OriginalException is GraphQLException ? e : new GraphQLError("Unexpected error.") { Locations = e.Locations, Path = e.Path },
        };
        var result = await Execute(schema, "{ a }", options: options);
        Assert.Equal("Unexpected error.", Assert.Single(result.Errors!).Message);
        Assert.Equal(new object[] { "a" }, result.Errors![0].Path);
    }

    [Fact]
    public async Task MaxErrorsDropsFurtherErrors()
    {
        var schema = SdlSchemaBuilder.Build("type Query { l: [Int] }");
        var result = await Execute(schema, "{ l }", Json("""{"l":["a","b","c","d","e"]}"""), options: new ExecutionOptions { MaxErrors = 2 });
        Assert.Equal(3, result.Errors!.Count);
        Assert.StartsWith("Too many errors", result.Errors[2].Message);
        Assert.Contains("\"data\":{\"l\":[null,null,null,null,null]}", result.ToJson());
    }

    [Fact]
    public async Task StringIsNotIterable()
    {
        var json = await Run("type Query { l: [String] }", "{ l }", """{"l":"abc"}""");
        Assert.Equal("""{"errors":[{"message":"Expected Iterable, but did not find one for field \"Query.l\".","locations":[{"line":1,"column":3}],"path":["l"]}],"data":{"l":null}}""", json);
    }

    [Fact]
    public async Task EnumSerializationFailureIsFieldError()
    {
        var json = await Run("type Query { c: Color } enum Color { RED GREEN }", "{ c }", """{"c":"BLUE"}""");
        Assert.Equal("""{"errors":[{"message":"Enum \"Color\" cannot represent value: \"BLUE\"","locations":[{"line":1,"column":3}],"path":["c"]}],"data":{"c":null}}""", json);
    }

    [Fact]
    public async Task ArgumentProvidedByMissingVariableForNonNullIsFieldError()
    {
        var schema = SdlSchemaBuilder.Build("type Query { a(x: Int!): Int }");
        var result = await Execute(schema, "query ($v: Int) { a(x: $v) }", Json("""{"a":1}"""));
        Assert.Equal("""{"errors":[{"message":"Argument \"x\" of required type \"Int!\" was provided the variable \"$v\" which was not provided a runtime value.","locations":[{"line":1,"column":24}],"path":["a"]}],"data":{"a":null}}""", result.ToJson());
    }
}

public class OperationTests
{
    [Fact]
    public async Task NoOperation()
    {
        var json = await Run("type Query { a: Int }", "fragment F on Query { a }");
        Assert.Equal("""{"errors":[{"message":"Must provide an operation."}]}""", json);
    }

    [Fact]
    public async Task SeveralOperationsNeedAName()
    {
        Assert.Equal("""{"errors":[{"message":"Must provide operation name if query contains multiple operations."}]}""",
            await Run("type Query { a: Int }", "query A { a } query B { a }"));
        Assert.Equal("""{"errors":[{"message":"Unknown operation named \"C\"."}]}""",
            await Run("type Query { a: Int }", "query A { a } query B { a }", operationName: "C"));
        Assert.Equal("""{"data":{"a":1}}""", await Run("type Query { a: Int }", "query A { a } query B { a }", """{"a":1}""", operationName: "B"));
    }

    [Fact]
    public async Task MissingMutationRootGivesNullData()
    {
        var json = await Run("type Query { a: Int }", "\n  mutation M { a }");
        Assert.Equal("""{"errors":[{"message":"Schema is not configured to execute mutation operation.","locations":[{"line":2,"column":3}]}],"data":null}""", json);
    }

    [Fact]
    public async Task SubscriptionOperationExecutesLikeAQuery()
    {
        var json = await Run("type Query { a: Int } type Subscription { s: Int }", "subscription { s }", """{"s":5}""");
        Assert.Equal("""{"data":{"s":5}}""", json);
    }

    [Fact]
    public async Task MutationsRunSerially()
    {
        var schema = SdlSchemaBuilder.Build("type Query { a: Int } type Mutation { m(n: Int!): Int }");
        var log = new List<string>();
        schema.Field("Mutation.m").Resolver = async c =>
        {
            var n = (int)c.Arguments["n"]!;
            lock (log) log.Add("start " + n);
            await Task.Delay(n == 1 ? 30 : 1);
            lock (log) log.Add("end " + n);
            return n;
        };
        var result = await Execute(schema, "mutation { a: m(n: 1) b: m(n: 2) c: m(n: 3) }");
        Assert.Equal("""{"data":{"a":1,"b":2,"c":3}}""", result.ToJson());
        Assert.Equal(new[] { "start 1", "end 1", "start 2", "end 2", "start 3", "end 3" }, log);
    }

    [Fact]
    public async Task QueryFieldsRunConcurrently()
    {
        var schema = SdlSchemaBuilder.Build("type Query { a: Int b: Int }");
        var aStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        schema.Field("Query.a").Resolver = async _ => { aStarted.SetResult(); await bStarted.Task.WaitAsync(TimeSpan.FromSeconds(5)); return 1; };
        schema.Field("Query.b").Resolver = async _ => { bStarted.SetResult(); await aStarted.Task.WaitAsync(TimeSpan.FromSeconds(5)); return 2; };
        var result = await Execute(schema, "{ a b }");
        Assert.Equal("""{"data":{"a":1,"b":2}}""", result.ToJson());
    }

    [Fact]
    public async Task CancellationStopsExecution()
    {
        var schema = SdlSchemaBuilder.Build("type Query { slow: Int other: [O] } type O { v: Int }");
        using var cts = new CancellationTokenSource();
        var calls = 0;
        schema.Field("Query.slow").Resolver = async c => { cts.Cancel(); await Task.Delay(Timeout.Infinite, c.CancellationToken); return 1; };
        schema.Field("O.v").Resolver = c => { Interlocked.Increment(ref calls); return new ValueTask<object?>(1); };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Execute(schema, "{ slow other { v } }", Json("""{"other":[{},{}]}"""), cancellationToken: cts.Token));
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task ResponseKeysInFirstOccurrenceOrder()
    {
        var json = await Run("type Query { a: Int b: Int c: Int }", "{ b ...F a c b } fragment F on Query { c a }", """{"a":1,"b":2,"c":3}""");
        Assert.Equal("""{"data":{"b":2,"c":3,"a":1}}""", json);
    }

    [Fact]
    public async Task SkipAndIncludeWithLiteralsAndVariables()
    {
        var schema = SdlSchemaBuilder.Build("type Query { a: Int b: Int c: Int }");
        var document = Parser.Parse("query ($s: Boolean!) { a @skip(if: $s) b @include(if: false) c @include(if: true) @skip(if: false) }");
        var root = Json("""{"a":1,"b":2,"c":3}""");
        async Task<string> Go(bool s) => (await Executor.ExecuteAsync(new ExecutionRequest
        {
            Schema = schema, Document = document, RootValue = root, VariableValues = new Dictionary<string, object?> { ["s"] = s },
        })).ToJson();
        // The same document twice: plans that read variables must not be reused across requests.
        Assert.Equal("""{"data":{"a":1,"c":3}}""", await Go(false));
        Assert.Equal("""{"data":{"c":3}}""", await Go(true));
        Assert.Equal("""{"data":{"a":1,"c":3}}""", await Go(false));
    }

    [Fact]
    public async Task TypeNameAndAliases()
    {
        var json = await Run("type Query { a: Int }", "{ __typename x: a y: __typename }", """{"a":1}""");
        Assert.Equal("""{"data":{"__typename":"Query","x":1,"y":"Query"}}""", json);
    }

    [Fact]
    public async Task PlansAreReusedAcrossRequests()
    {
        var schema = SdlSchemaBuilder.Build("type Query { o: O } type O { a: Int b(x: Int = 3): Int }");
        schema.Field("O.b").Resolver = c => new ValueTask<object?>(c.Arguments["x"]);
        var document = Parser.Parse("{ o { a b } }");
        for (var i = 0; i < 3; i++)
        {
            var result = await Executor.ExecuteAsync(new ExecutionRequest { Schema = schema, Document = document, RootValue = Json("""{"o":{"a":1}}""") });
            Assert.Equal("""{"data":{"o":{"a":1,"b":3}}}""", result.ToJson());
        }
    }
}
