using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Authorization;

/// <summary>
/// Public policies (<see cref="IPublicAuthorizationPolicy"/>): when an alternative made only of public policies holds,
/// the data is published — read by anyone authenticated with no purpose, nothing recorded — while the same field of an
/// unpublished object, allowed by another alternative, is restricted as ever (a purpose that covers it, a disclosure).
/// </summary>
public class PublishedDataTests
{
    private const string Sdl = AuthorizationDirectives.Definitions + """

        type Query { plans: [Plan!]! @authenticated }
        type Plan @policy(policies: [["published"], ["self"], ["partner"]]) {
          title: String @policy(policies: [["published"], ["self"], ["partner"]])
        }
        """;

    private const string Data = """
        { "plans": [{"title": "public plan", "owner": "C1", "published": true}, {"title": "draft plan", "owner": "C1", "published": false}] }
        """;

    private sealed class Public(string name, Func<AuthorizationSubject, object?, bool> decide) : IPublicAuthorizationPolicy
    {
        public string Name { get; } = name;
        public ValueTask<bool[]> EvaluateAsync(AuthorizationSubject subject, IReadOnlyList<object?> targets, IResolveContext context) =>
            new(targets.Select(t => decide(subject, t)).ToArray());
    }

    private sealed class OwnerEntry : IDataOwnership
    {
        public ValueTask<string?[]> GetOwnersAsync(IReadOnlyList<object?> targets, IResolveContext context) =>
            new(targets.Select(t => t is IReadOnlyDictionary<string, object?> d && d.TryGetValue("owner", out var o) ? o as string : null).ToArray());
    }

    private static bool Is(object? target, string key, object value) => target is IReadOnlyDictionary<string, object?> d && d.TryGetValue(key, out var v) && Equals(v, value);

    private static async Task<(JsonElement Response, DisclosureLedger Ledger)> Run(string org, string? purpose)
    {
        var policies = new IAuthorizationPolicy[]
        {
            new Public("published", (_, t) => Is(t, "published", true)),
            new DelegateAuthorizationPolicy("self", (s, t) => Is(t, "owner", s.Organisation!)),
            new DelegateAuthorizationPolicy("partner", (s, _) => s.Organisation == "P1"),
        };
        var limitation = new PurposeLimitation(new Dictionary<string, IReadOnlyList<string>> { ["Plan"] = ["PLANNING"] });
        var schema = AuthorizationTransform.Apply(SdlSchemaBuilder.Build(Sdl), new AuthorizationService(policies, new OwnerEntry(), limitation));
        var scope = new RequestScope(AuthorizationSubject.For(org, [], purpose));
        var result = await Executor.ExecuteAsync(new ExecutionRequest
        {
            Schema = schema, Document = Parser.Parse("{ plans { title } }"), RootValue = JsonInput.ToValue(JsonDocument.Parse(Data).RootElement), Scope = scope,
        });
        return (JsonDocument.Parse(result.ToJson()).RootElement, scope.Disclosures);
    }

    private static IEnumerable<string?> Titles(JsonElement response) =>
        response.GetProperty("data").GetProperty("plans").EnumerateArray().Select(p => p.GetProperty("title").GetString());

    [Fact]
    public async Task A_published_object_is_read_by_anyone_without_a_purpose_and_is_no_disclosure()
    {
        var (response, ledger) = await Run("X9", purpose: null);

        Assert.False(response.TryGetProperty("errors", out _), response.ToString());
        Assert.Equal(["public plan"], Titles(response));   // the draft is no one's but its owner's and the partner's
        Assert.True(ledger.IsEmpty);
    }

    [Fact]
    public async Task An_unpublished_object_allowed_by_another_alternative_still_needs_a_covering_purpose_and_is_recorded()
    {
        var (noPurpose, _) = await Run("P1", purpose: null);
        var (planning, ledger) = await Run("P1", purpose: "PLANNING");

        Assert.Equal(DenialReasons.PurposeRequired, noPurpose.GetProperty("errors")[0].GetProperty("extensions").GetProperty("reason").GetString());
        Assert.False(planning.TryGetProperty("errors", out _), planning.ToString());
        Assert.Equal(["public plan", "draft plan"], Titles(planning));
        // Only the draft is a disclosure (its item and its title); the published plan is not.
        Assert.Equal([new DisclosureEntry("Plan.title", "C1", 1), new DisclosureEntry("Query.plans", "C1", 1)], ledger.Entries.OrderBy(e => e.SchemaCoordinate, StringComparer.Ordinal));
    }
}
