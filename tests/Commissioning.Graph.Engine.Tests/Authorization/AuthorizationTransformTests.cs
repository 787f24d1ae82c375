using System.Collections.Concurrent;
using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Authorization;

public class AuthorizationTransformTests
{
    private const string Sdl = AuthorizationDirectives.Definitions + """

        type Query {
          consortia: [Consortium!]! @authenticated
          consortium: Consortium @authenticated
          returns: [Return!]! @authenticated
          latestReturn: Return @authenticated
          node: Node @authenticated
          indicators: [Indicator!]! @authenticated
          scoped: String @requiresScopes(scopes: [["a", "b"], ["c"]])
          ownConsortia: [Consortium!]! @authenticated @policy(policies: [["self"], ["nhscb"]])
        }
        type Mutation { submitReturn: Return @authenticated }
        interface Node { id: ID! @authenticated }
        type Consortium implements Node {
          id: ID! @authenticated
          code: ID! @authenticated
          finance: Int @policy(policies: [["self"], ["nhscb"]])
          jointly: Int @policy(policies: [["self", "partner"]])
          unknown: Int @policy(policies: [["noSuchPolicy"]])
        }
        type Return implements Node @policy(policies: [["self"], ["nhscb"]]) {
          id: ID! @authenticated
          amount: Int @authenticated
        }
        type Indicator {
          name: String @authenticated
          numerator: Int @authenticated @suppressSmallNumbers
        }
        """;

    private const string Data = """
        {
          "consortia": [
            {"id": "C1", "code": "01A", "owner": "01A", "finance": 100, "jointly": 5, "unknown": 1, "partner": true},
            {"id": "C2", "code": "02B", "owner": "02B", "finance": 200, "jointly": 6, "unknown": 2, "partner": false}
          ],
          "ownConsortia": [{"code": "01A", "owner": "01A"}, {"code": "02B", "owner": "02B"}],
          "consortium": {"id": "C2", "code": "02B", "owner": "02B", "finance": 200},
          "returns": [
            {"__typename": "Return", "id": "R1", "owner": "01A", "amount": 10},
            {"__typename": "Return", "id": "R2", "owner": "02B", "amount": 20},
            {"__typename": "Return", "id": "R3", "owner": "01A", "amount": 30}
          ],
          "latestReturn": {"__typename": "Return", "id": "R2", "owner": "02B", "amount": 20},
          "node": {"__typename": "Return", "id": "R2", "owner": "02B", "amount": 20},
          "submitReturn": {"__typename": "Return", "id": "R2", "owner": "02B", "amount": 20},
          "indicators": [
            {"name": "zero", "owner": "01A", "numerator": 0},
            {"name": "one", "owner": "01A", "numerator": 1},
            {"name": "seven", "owner": "01A", "numerator": 7},
            {"name": "eight", "owner": "01A", "numerator": 8},
            {"name": "twelve", "owner": "01A", "numerator": 12}
          ],
          "scoped": "scoped value"
        }
        """;

    /// <summary>Policies that decide from the target's "owner" (and "partner") entries and count their calls.</summary>
    private sealed class FakePolicies
    {
        public readonly ConcurrentQueue<(string Policy, int Targets)> Calls = new();

        public IAuthorizationPolicy[] All => new IAuthorizationPolicy[]
        {
            new Counting(this, "self", (s, t) => Owner(t) == s.Organisation),
            new Counting(this, "nhscb", (s, _) => s.Organisation == "X24"),
            new Counting(this, "partner", (_, t) => t is IReadOnlyDictionary<string, object?> d && d.TryGetValue("partner", out var p) && p is true),
        };

        public int CallsOf(string policy) => Calls.Count(c => c.Policy == policy);

        private sealed class Counting(FakePolicies owner, string name, Func<AuthorizationSubject, object?, bool> decide) : IAuthorizationPolicy
        {
            public string Name => name;
            public ValueTask<bool[]> EvaluateAsync(AuthorizationSubject subject, IReadOnlyList<object?> targets, IResolveContext context)
            {
                owner.Calls.Enqueue((name, targets.Count));
                return new(targets.Select(t => decide(subject, t)).ToArray());
            }
        }
    }

    private sealed class OwnerEntry : IDataOwnership
    {
        public ValueTask<string?[]> GetOwnersAsync(IReadOnlyList<object?> targets, IResolveContext context) => new(targets.Select(Owner).ToArray());
    }

    private static string? Owner(object? target) =>
        target is IReadOnlyDictionary<string, object?> d && d.TryGetValue("owner", out var o) ? o as string : null;

    private static (Schema Schema, FakePolicies Policies) Build(string? data = null)
    {
        var schema = SdlSchemaBuilder.Build(Sdl);
        var policies = new FakePolicies();
        AuthorizationTransform.Apply(schema, new AuthorizationService(policies.All, new OwnerEntry()));
        return (schema, policies);
    }

    private static async Task<(JsonElement Response, DisclosureLedger Ledger)> Run(Schema schema, string query, AuthorizationSubject? subject, string data = Data)
    {
        var scope = new RequestScope(subject);
        var result = await Executor.ExecuteAsync(new ExecutionRequest
        {
            Schema = schema,
            Document = Parser.Parse(query),
            RootValue = JsonInput.ToValue(JsonDocument.Parse(data).RootElement),
            Scope = scope,
        });
        return (JsonDocument.Parse(result.ToJson()).RootElement, scope.Disclosures);
    }

    private static AuthorizationSubject As(string org, params string[] scopes) => AuthorizationSubject.For(org, scopes, "COMMISSIONING");

    private static string[] Codes(JsonElement response) =>
        response.TryGetProperty("errors", out var errors) ? errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()!).ToArray() : Array.Empty<string>();

    private static string Path(JsonElement error) => string.Join('.', error.GetProperty("path").EnumerateArray().Select(p => p.ToString()));

    [Theory]
    [InlineData(new[] { "a", "b" }, true)]
    [InlineData(new[] { "c" }, true)]
    [InlineData(new[] { "a", "b", "c" }, true)]
    [InlineData(new[] { "a" }, false)]
    [InlineData(new[] { "b", "d" }, false)]
    [InlineData(new string[0], false)]
    public async Task Scopes_are_satisfied_when_every_scope_of_any_inner_list_is_held(string[] held, bool allowed)
    {
        var (schema, _) = Build();
        var (response, _) = await Run(schema, "{ scoped }", As("01A", held));
        if (allowed)
        {
            Assert.Equal("scoped value", response.GetProperty("data").GetProperty("scoped").GetString());
            Assert.Empty(Codes(response));
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, response.GetProperty("data").GetProperty("scoped").ValueKind);
            Assert.Equal(new[] { "FORBIDDEN" }, Codes(response));
        }
    }

    [Theory]
    [InlineData("01A", "100", "FORBIDDEN")]   // self for its own row only
    [InlineData("X24", "100", null)]           // nhscb: both rows
    [InlineData("03C", null, "FORBIDDEN")]     // neither
    public async Task Policies_are_satisfied_by_any_alternative(string caller, string? first, string? secondError)
    {
        var (schema, _) = Build();
        var (response, _) = await Run(schema, "{ consortia { code finance } }", As(caller));
        var rows = response.GetProperty("data").GetProperty("consortia");
        Assert.Equal(first ?? "null", rows[0].GetProperty("finance").GetRawText());
        Assert.Equal(secondError is null ? JsonValueKind.Number : JsonValueKind.Null, rows[1].GetProperty("finance").ValueKind);
        Assert.Equal("01A", rows[0].GetProperty("code").GetString());
        Assert.Equal("02B", rows[1].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_policy_alternative_needs_every_policy_in_it()
    {
        var (schema, _) = Build();
        // 01A is self and partner of row 0; row 1 is 02B's and not a partner.
        var (response, _) = await Run(schema, "{ consortia { jointly } }", As("01A"));
        var rows = response.GetProperty("data").GetProperty("consortia");
        Assert.Equal(5, rows[0].GetProperty("jointly").GetInt32());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("jointly").ValueKind);
        // 02B is self of row 1, but row 1 fails "partner".
        (response, _) = await Run(schema, "{ consortia { jointly } }", As("02B"));
        rows = response.GetProperty("data").GetProperty("consortia");
        Assert.All(rows.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("jointly").ValueKind));
    }

    [Fact]
    public async Task A_denied_field_is_null_with_FORBIDDEN_at_its_path_and_its_siblings_intact()
    {
        var (schema, _) = Build();
        var (response, _) = await Run(schema, "{ consortia { id code finance } scoped: consortium { code } }", As("01A"));
        var data = response.GetProperty("data");
        Assert.Equal(100, data.GetProperty("consortia")[0].GetProperty("finance").GetInt32());
        Assert.Equal("C2", data.GetProperty("consortia")[1].GetProperty("id").GetString());
        Assert.Equal("02B", data.GetProperty("consortia")[1].GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("consortia")[1].GetProperty("finance").ValueKind);
        Assert.Equal("02B", data.GetProperty("scoped").GetProperty("code").GetString());
        var error = Assert.Single(response.GetProperty("errors").EnumerateArray());
        Assert.Equal("consortia.1.finance", Path(error));
        Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("200", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_anonymous_caller_gets_UNAUTHENTICATED()
    {
        var (schema, _) = Build();
        var (response, _) = await Run(schema, "{ consortium { code } }", subject: null);
        Assert.Equal(JsonValueKind.Null, response.GetProperty("data").GetProperty("consortium").ValueKind);
        Assert.Equal(new[] { "UNAUTHENTICATED" }, Codes(response));
    }

    [Fact]
    public async Task A_policy_no_one_registered_denies()
    {
        var (schema, _) = Build();
        var (response, _) = await Run(schema, "{ consortia { unknown } }", As("X24"));
        Assert.Equal(new[] { "FORBIDDEN", "FORBIDDEN" }, Codes(response));
    }

    [Theory]
    [InlineData("01A", new[] { "R1", "R3" })]
    [InlineData("02B", new[] { "R2" })]
    [InlineData("X24", new[] { "R1", "R2", "R3" })]
    [InlineData("03C", new string[0])]
    public async Task A_list_of_a_type_with_rules_is_filtered_to_the_items_the_caller_may_read(string caller, string[] expected)
    {
        var (schema, _) = Build();
        var (response, _) = await Run(schema, "{ returns { id amount } }", As(caller));
        var ids = response.GetProperty("data").GetProperty("returns").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToArray();
        Assert.Equal(expected, ids);
        Assert.Empty(Codes(response));
    }

    [Theory]
    // A lookup on the query type withholds an object the caller may not read as if it did not exist: null, no error
    // (so node(id:) cannot tell a restricted object from a made-up id); anywhere else the denial is FORBIDDEN.
    [InlineData("{ latestReturn { amount } }", "latestReturn", false)]
    [InlineData("{ node { id ... on Return { amount } } }", "node", false)]
    [InlineData("mutation { submitReturn { amount } }", "submitReturn", true)]
    public async Task Rules_on_a_type_apply_to_every_field_returning_it(string query, string key, bool reportsDenial)
    {
        var (schema, _) = Build();
        var (denied, _) = await Run(schema, query, As("01A"));
        Assert.Equal(JsonValueKind.Null, denied.GetProperty("data").GetProperty(key).ValueKind);
        Assert.Equal(reportsDenial ? new[] { "FORBIDDEN" } : [], Codes(denied));
        var (allowed, _) = await Run(schema, query, As("02B"));
        Assert.Equal(JsonValueKind.Object, allowed.GetProperty("data").GetProperty(key).ValueKind);
        Assert.Empty(Codes(allowed));
    }

    [Theory]
    [InlineData("01A", new[] { "01A" })]
    [InlineData("X24", new[] { "01A", "02B" })]
    public async Task A_root_field_policy_is_checked_against_what_it_returns(string caller, string[] expected)
    {
        var (schema, _) = Build();
        var (response, ledger) = await Run(schema, "{ ownConsortia { code } }", As(caller));
        Assert.Equal(expected, response.GetProperty("data").GetProperty("ownConsortia").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToArray());
        Assert.Equal(expected, ledger.OwningOrganisations);
    }

    [Fact]
    public async Task Lineage_leads_from_a_value_to_the_entity_it_came_from()
    {
        var (schema, _) = Build();
        var scope = new RequestScope(As("X24"));
        var root = JsonInput.ToValue(JsonDocument.Parse(Data).RootElement);
        await Executor.ExecuteAsync(new ExecutionRequest { Schema = schema, Document = Parser.Parse("{ consortia { code } }"), RootValue = root, Scope = scope });
        var consortia = (IEnumerable<object?>)((IReadOnlyDictionary<string, object?>)root!)["consortia"]!;
        Assert.Same(root, scope.Lineage.ParentOf(consortia.First()!));
    }

    [Fact]
    public async Task Small_numbers_are_suppressed_and_others_rounded_for_anyone_but_the_author()
    {
        var (schema, _) = Build();
        var (response, _) = await Run(schema, "{ indicators { name numerator } }", As("02B"));
        var values = response.GetProperty("data").GetProperty("indicators").EnumerateArray()
            .Select(i => i.GetProperty("numerator").ValueKind == JsonValueKind.Null ? (int?)null : i.GetProperty("numerator").GetInt32()).ToArray();
        Assert.Equal(new int?[] { 0, null, null, 10, 10 }, values);
        var errors = response.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal(new[] { "indicators.1.numerator", "indicators.2.numerator" }, errors.Select(Path).Order().ToArray());
        Assert.All(errors, e => Assert.Equal("SUPPRESSED", e.GetProperty("extensions").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task The_author_sees_exact_small_numbers()
    {
        var (schema, _) = Build();
        var (response, _) = await Run(schema, "{ indicators { numerator } }", As("01A"));
        var values = response.GetProperty("data").GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("numerator").GetInt32()).ToArray();
        Assert.Equal(new[] { 0, 1, 7, 8, 12 }, values);
        Assert.Empty(Codes(response));
    }

    [Theory]
    [InlineData(0, 0L)]
    [InlineData(1, null)]
    [InlineData(7, null)]
    [InlineData(8, 10L)]
    [InlineData(12, 10L)]
    [InlineData(13, 15L)]
    [InlineData(1234, 1235L)]
    public void Disclose_rounds_to_the_nearest_five_and_suppresses_one_to_seven(long count, long? expected) =>
        Assert.Equal(expected, SmallNumberSuppression.Disclose(count));

    [Fact]
    public async Task The_ledger_counts_restricted_records_disclosed_per_owner()
    {
        var (schema, _) = Build();
        var (_, ledger) = await Run(schema, "{ consortia { code finance } returns { amount } }", As("X24"));
        Assert.Equal(new[]
        {
            new DisclosureEntry("Consortium.finance", "01A", 1),
            new DisclosureEntry("Query.returns", "01A", 2),
            new DisclosureEntry("Consortium.finance", "02B", 1),
            new DisclosureEntry("Query.returns", "02B", 1),
        }, ledger.Entries);
        Assert.Equal(new[] { "01A", "02B" }, ledger.OwningOrganisations);
    }

    [Fact]
    public async Task The_ledger_records_nothing_denied_nothing_unselected_and_nothing_unrestricted()
    {
        var (schema, _) = Build();
        var (_, ledger) = await Run(schema, "{ consortia { code finance } }", As("01A"));
        Assert.Equal(new[] { new DisclosureEntry("Consortium.finance", "01A", 1) }, ledger.Entries);
        (_, ledger) = await Run(schema, "{ consortia { code } indicators { numerator } }", As("X24"));
        Assert.True(ledger.IsEmpty);
    }

    [Fact]
    public async Task Policies_are_evaluated_in_one_batch_not_once_per_item()
    {
        var rows = Enumerable.Range(0, 50).Select(i => $$"""{"code": "C{{i}}", "owner": "{{(i % 2 == 0 ? "01A" : "02B")}}", "finance": {{i}}}""");
        var data = $$"""{"consortia": [{{string.Join(",", rows)}}]}""";
        var (schema, policies) = Build();
        var (response, _) = await Run(schema, "{ consortia { finance again: finance } }", As("02B"), data);
        Assert.Equal(50, response.GetProperty("data").GetProperty("consortia").GetArrayLength());
        Assert.Equal(25 * 2, Codes(response).Length);
        Assert.Equal(1, policies.CallsOf("self"));
        Assert.Equal(50, policies.Calls.Single(c => c.Policy == "self").Targets);
        Assert.Equal(1, policies.CallsOf("nhscb"));   // only for the 25 rows "self" denied
        Assert.Equal(25, policies.Calls.Single(c => c.Policy == "nhscb").Targets);
    }

    [Fact]
    public async Task List_filtering_evaluates_items_in_one_batch()
    {
        var (schema, policies) = Build();
        await Run(schema, "{ returns { id } }", As("X24"));
        Assert.Equal(1, policies.CallsOf("self"));
        Assert.Equal(3, policies.Calls.Single(c => c.Policy == "self").Targets);
    }

    [Fact]
    public void Applying_twice_wraps_once()
    {
        var schema = SdlSchemaBuilder.Build(Sdl);
        var service = new AuthorizationService(new FakePolicies().All, new OwnerEntry());
        AuthorizationTransform.Apply(schema, service);
        var resolver = ((ObjectType)schema.GetType("Consortium")!).Fields["finance"].Resolver;
        AuthorizationTransform.Apply(schema, service);
        Assert.Same(resolver, ((ObjectType)schema.GetType("Consortium")!).Fields["finance"].Resolver);
        Assert.True(AuthorizationTransform.IsEnforced(((ObjectType)schema.GetType("Query")!).Fields["consortia"]));
    }
}
