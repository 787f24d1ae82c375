using System.Collections.Concurrent;
using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Authorization;

/// <summary>
/// Alternatives are decided cheapest first: a policy that can decide in memory (<see cref="IImmediateAuthorizationPolicy"/>)
/// is asked before any lookup, wherever it stands in the list, and a lookup runs only — in one batch — for the targets
/// no cheap alternative settled. The any-of-all-of result is unchanged.
/// </summary>
public class ImmediatePolicyTests
{
    private const string Sdl = AuthorizationDirectives.Definitions + """

        type Query { rows: [Row!]! @authenticated }
        interface Checked { twice: Int @policy(policies: [["lookup"]]) }
        type Row implements Checked {
          code: ID! @authenticated
          either: Int @policy(policies: [["lookup"], ["cheap"]])
          both: Int @policy(policies: [["lookup", "cheap"]])
          twice: Int @policy(policies: [["cheap"], ["lookup"]])
        }
        """;

    // "cheap" decides in memory from the row's "cheap" flag: true/false, or undecided (null) without one.
    // "lookup" must be evaluated: it allows rows whose "lookup" flag is true.
    private sealed class Policies
    {
        public readonly ConcurrentQueue<(string Policy, int Targets)> Calls = new();
        public IAuthorizationPolicy[] All => [new Cheap(this), new Lookup(this)];

        private static bool? Flag(object? target, string name) =>
            target is IReadOnlyDictionary<string, object?> d && d.TryGetValue(name, out var v) && v is bool b ? b : null;

        private sealed class Cheap(Policies owner) : IImmediateAuthorizationPolicy
        {
            public string Name => "cheap";
            public bool? TryDecide(AuthorizationSubject subject, object? target, IResolveContext context) => Flag(target, "cheap");
            public ValueTask<bool[]> EvaluateAsync(AuthorizationSubject subject, IReadOnlyList<object?> targets, IResolveContext context)
            {
                owner.Calls.Enqueue((Name, targets.Count));
                return new(targets.Select(t => Flag(t, "cheap") ?? Flag(t, "late") ?? false).ToArray());
            }
        }

        private sealed class Lookup(Policies owner) : IAuthorizationPolicy
        {
            public string Name => "lookup";
            public ValueTask<bool[]> EvaluateAsync(AuthorizationSubject subject, IReadOnlyList<object?> targets, IResolveContext context)
            {
                owner.Calls.Enqueue((Name, targets.Count));
                return new(targets.Select(t => Flag(t, "lookup") == true).ToArray());
            }
        }
    }

    private static async Task<(JsonElement Data, string[] ForbiddenPaths, Policies Policies)> Run(string query, string rows)
    {
        var schema = SdlSchemaBuilder.Build(Sdl);
        var policies = new Policies();
        AuthorizationTransform.Apply(schema, new AuthorizationService(policies.All));
        var result = await Executor.ExecuteAsync(new ExecutionRequest
        {
            Schema = schema,
            Document = Parser.Parse(query),
            RootValue = JsonInput.ToValue(JsonDocument.Parse($$"""{"rows": [{{rows}}]}""").RootElement),
            Scope = new RequestScope(AuthorizationSubject.For("01A")),
        });
        var response = JsonDocument.Parse(result.ToJson()).RootElement;
        var paths = response.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => string.Join('.', e.GetProperty("path").EnumerateArray().Select(p => p.ToString()))).Order().ToArray()
            : [];
        return (response.GetProperty("data"), paths, policies);
    }

    private static string Rows(int count, Func<int, string> flags) =>
        string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"code": "R{{i}}", "either": {{i}}, "both": {{i}}, "twice": {{i}}{{flags(i)}}}"""));

    [Fact]
    public async Task A_cheap_alternative_that_allows_spares_the_lookup_even_when_listed_last()
    {
        var (data, forbidden, policies) = await Run("{ rows { either } }", Rows(20, _ => """, "cheap": true"""));
        Assert.Equal(20, data.GetProperty("rows").GetArrayLength());
        Assert.Empty(forbidden);
        Assert.Empty(policies.Calls);
    }

    [Fact]
    public async Task The_lookup_runs_once_for_only_the_targets_left_open()
    {
        // Even rows: cheap allows. Odd rows: cheap undecided; "lookup" allows rows 1, 5, 9, … and denies 3, 7, ….
        var (_, forbidden, policies) = await Run("{ rows { either again: either } }",
            Rows(20, i => i % 2 == 0 ? """, "cheap": true""" : $$""", "lookup": {{(i % 4 == 1 ? "true" : "false")}}"""));
        var expected = Enumerable.Range(0, 20).Where(i => i % 4 == 3).SelectMany(i => new[] { $"rows.{i}.again", $"rows.{i}.either" }).Order().ToArray();
        Assert.Equal(expected, forbidden);
        Assert.Equal(new[] { ("lookup", 10) }, policies.Calls.Where(c => c.Policy == "lookup").ToArray());
        // An undecided cheap alternative is evaluated (in one batch) only for rows the lookup denied.
        Assert.Equal(new[] { ("cheap", 5) }, policies.Calls.Where(c => c.Policy == "cheap").ToArray());
    }

    [Fact]
    public async Task A_cheap_denial_of_every_alternative_needs_no_lookup()
    {
        var (_, forbidden, policies) = await Run("{ rows { both } }", Rows(4, _ => """, "cheap": false, "lookup": true"""));
        Assert.Equal(new[] { "rows.0.both", "rows.1.both", "rows.2.both", "rows.3.both" }, forbidden);
        Assert.Empty(policies.Calls);
    }

    [Fact]
    public async Task All_of_and_every_requirement_still_hold()
    {
        // Row 0: cheap true, lookup true → both and twice allowed. Row 1: cheap true, lookup false → both and twice denied
        // (twice's interface @policy needs lookup). Row 2: cheap false, lookup true → both denied, twice allowed (lookup alone).
        var (_, forbidden, _) = await Run("{ rows { both twice } }", """
            {"code": "R0", "both": 0, "twice": 0, "cheap": true, "lookup": true},
            {"code": "R1", "both": 1, "twice": 1, "cheap": true, "lookup": false},
            {"code": "R2", "both": 2, "twice": 2, "cheap": false, "lookup": true}
            """);
        Assert.Equal(new[] { "rows.1.both", "rows.1.twice", "rows.2.both" }, forbidden);
    }
}
