using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Introspection;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Engine.Validation;

namespace Commissioning.Graph.Benchmarks;

/// <summary>Shared plumbing: a reusable JSON sink (as a server reuses its response buffer) and a guard
/// that every benchmarked execution succeeds, so no benchmark measures an error path.</summary>
public abstract class BenchmarkBase
{
    private readonly ArrayBufferWriter<byte> _buffer = new(128 * 1024);
    private Utf8JsonWriter? _writer;

    protected int WriteJson(ExecutionResult result)
    {
        _buffer.ResetWrittenCount();
        if (_writer is null) _writer = new Utf8JsonWriter(_buffer, ResultJsonWriter.WriterOptions);
        else _writer.Reset(_buffer);
        ResultJsonWriter.Write(_writer, result);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    protected static ExecutionResult Check(ExecutionResult result, string what)
    {
        if (result.Errors is { Count: > 0 } errors) throw new InvalidOperationException($"{what}: {errors[0].Message}");
        if (result.Data is null) throw new InvalidOperationException($"{what}: no data");
        return result;
    }

    protected static void CheckValid(IReadOnlyList<GraphQLError> errors, string what)
    {
        if (errors.Count > 0) throw new InvalidOperationException($"{what} is invalid: {errors[0].Message}");
    }
}

/// <summary>The full introspection query (what GraphiQL and code generators send) against the commissioning schema.</summary>
[MemoryDiagnoser]
[BenchmarkCategory("Introspection")]
public class IntrospectionBenchmarks : BenchmarkBase
{
    private Schema _schema = null!;
    private DocumentNode _document = null!;

    [GlobalSetup]
    public void Setup()
    {
        _schema = Fixtures.BuildSdlSchema();
        _document = Parser.Parse(IntrospectionQuery.Text);
        CheckValid(DocumentValidator.Validate(_schema, _document), "introspection query");
        var json = WriteJson(Check(Execute().GetAwaiter().GetResult(), "introspection"));
        Console.WriteLine($"// introspection response: {json:N0} bytes of JSON");
    }

    [Benchmark(Description = "Introspection: parse")]
    public DocumentNode Parse() => Parser.Parse(IntrospectionQuery.Text);

    [Benchmark(Description = "Introspection: validate")]
    public IReadOnlyList<GraphQLError> Validate() => DocumentValidator.Validate(_schema, _document);

    [Benchmark(Description = "Introspection: execute")]
    public Task<ExecutionResult> Execute() => Executor.ExecuteAsync(new ExecutionRequest { Schema = _schema, Document = _document });

    [Benchmark(Description = "Introspection: execute + write JSON")]
    public async Task<int> ExecuteAndWrite() => WriteJson(await Execute());
}

/// <summary>The realistic 30-field query (Fixtures/query30.graphql) over JSON-like root data, default resolvers.</summary>
[MemoryDiagnoser]
[BenchmarkCategory("Query30")]
public class Query30Benchmarks : BenchmarkBase
{
    private Schema _schema = null!;
    private DocumentNode _document = null!;
    private object _root = null!;
    private IReadOnlyDictionary<string, object?> _variables = null!;

    [GlobalSetup]
    public void Setup()
    {
        _schema = Fixtures.BuildSdlSchema();
        _root = Fixtures.RootData();
        _variables = Fixtures.Query30Variables();
        _document = Parser.Parse(Fixtures.Query30);
        CheckValid(DocumentValidator.Validate(_schema, _document), "30-field query");
        var json = WriteJson(Check(Execute().GetAwaiter().GetResult(), "30-field query"));
        Console.WriteLine($"// 30-field query response: {json:N0} bytes of JSON");
    }

    [Benchmark(Description = "30-field query: parse")]
    public DocumentNode Parse() => Parser.Parse(Fixtures.Query30);

    [Benchmark(Description = "30-field query: validate")]
    public IReadOnlyList<GraphQLError> Validate() => DocumentValidator.Validate(_schema, _document);

    [Benchmark(Description = "30-field query: execute")]
    public Task<ExecutionResult> Execute() => Executor.ExecuteAsync(new ExecutionRequest
    {
        Schema = _schema, Document = _document, OperationName = Fixtures.Query30OperationName,
        VariableValues = _variables, RootValue = _root,
    });

    [Benchmark(Description = "30-field query: execute + write JSON")]
    public async Task<int> ExecuteAndWrite() => WriteJson(await Execute());
}

/// <summary>The same 30-field query on the code-first schema over POCOs: synchronous typed resolvers
/// for scalars, ValueTask resolvers reading arguments for the root and list fields.</summary>
[MemoryDiagnoser]
[BenchmarkCategory("CodeFirst")]
public class CodeFirstBenchmarks : BenchmarkBase
{
    private Schema _schema = null!;
    private DocumentNode _document = null!;
    private IReadOnlyDictionary<string, object?> _variables = null!;

    [GlobalSetup]
    public void Setup()
    {
        var consortium = Domain.Consortium03V();
        _schema = CodeFirstSchema.Build(new Dictionary<string, Consortium> { [consortium.Code] = consortium });
        _variables = Fixtures.Query30Variables();
        _document = Parser.Parse(Fixtures.Query30);
        CheckValid(DocumentValidator.Validate(_schema, _document), "30-field query (code-first)");
        var json = WriteJson(Check(Execute().GetAwaiter().GetResult(), "30-field query (code-first)"));
        Console.WriteLine($"// 30-field query (code-first) response: {json:N0} bytes of JSON");
    }

    [Benchmark(Description = "Code-first 30-field query: execute")]
    public Task<ExecutionResult> Execute() => Executor.ExecuteAsync(new ExecutionRequest
    {
        Schema = _schema, Document = _document, OperationName = Fixtures.Query30OperationName, VariableValues = _variables,
    });

    [Benchmark(Description = "Code-first 30-field query: execute + write JSON")]
    public async Task<int> ExecuteAndWrite() => WriteJson(await Execute());
}

/// <summary>What the server does per request once a document is known: <see cref="GraphQLEngine.Prepare"/>
/// (a cache hit: the text's lookup in the document cache), ExecuteAsync, and writing the response.</summary>
[MemoryDiagnoser]
[BenchmarkCategory("Engine")]
public class EngineRequestBenchmarks : BenchmarkBase
{
    private GraphQLEngine _engine = null!;
    private object _root = null!;
    private IReadOnlyDictionary<string, object?> _variables = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new GraphQLEngine(Fixtures.BuildSdlSchema());
        _root = Fixtures.RootData();
        _variables = Fixtures.Query30Variables();
        CheckValid(_engine.Prepare(Fixtures.Query30).Errors, "30-field query");
        CheckValid(_engine.Prepare(IntrospectionQuery.Text).Errors, "introspection query");
        Check(Query30().GetAwaiter().GetResult(), "engine 30-field query");
        Check(Introspection().GetAwaiter().GetResult(), "engine introspection");
    }

    [Benchmark(Description = "Engine: Prepare (cache hit) 30-field query")]
    public PreparedDocument PrepareHit() => _engine.Prepare(Fixtures.Query30);

    [Benchmark(Description = "Engine: Prepare (hit) + execute 30-field query")]
    public Task<ExecutionResult> Query30() =>
        _engine.ExecuteAsync(_engine.Prepare(Fixtures.Query30), Fixtures.Query30OperationName, _variables, _root);

    [Benchmark(Description = "Engine: Prepare (hit) + execute + JSON, 30-field query")]
    public async Task<int> Query30Json() => WriteJson(await Query30());

    [Benchmark(Description = "Engine: Prepare (hit) + execute introspection")]
    public Task<ExecutionResult> Introspection() =>
        _engine.ExecuteAsync(_engine.Prepare(IntrospectionQuery.Text), null, null);
}
