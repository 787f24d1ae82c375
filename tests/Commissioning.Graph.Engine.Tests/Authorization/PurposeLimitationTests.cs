using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Authorization;

/// <summary>
/// The engine's purpose limitation, domain-agnostic: a table of coordinate → purposes given to the
/// <see cref="AuthorizationService"/>; another organisation's restricted data needs a covering purpose (or a
/// universal one whose rules hold), one's own needs none and is not recorded; every refusal says why.
/// </summary>
public class PurposeLimitationTests
{
    private const string Sdl = AuthorizationDirectives.Definitions + """

        type Query { units: [Unit!]! @authenticated reports: [Report!]! @authenticated }
        type Mutation { file: Report @requiresScopes(scopes: [["report:file"]]) @policy(policies: [["self"]]) }
        type Unit {
          code: ID! @authenticated
          budget: Int @policy(policies: [["self"], ["regulator"]])
          survey: Int @policy(policies: [["self"], ["regulator"]])
        }
        type Report @policy(policies: [["self"], ["regulator"]]) { title: String @authenticated }
        """;

    private const string Data = """
        { "units": [{"code": "U1", "owner": "U1", "budget": 10, "survey": 3}, {"code": "U2", "owner": "U2", "budget": 20, "survey": 4}],
          "reports": [{"title": "r1", "owner": "U1"}, {"title": "r2", "owner": "U2"}] }
        """;

    private sealed class OwnerEntry : IDataOwnership
    {
        public ValueTask<string?[]> GetOwnersAsync(IReadOnlyList<object?> targets, IResolveContext context) =>
            new(targets.Select(t => t is IReadOnlyDictionary<string, object?> d && d.TryGetValue("owner", out var o) ? o as string : null).ToArray());
    }

    private static Schema Build()
    {
        var schema = SdlSchemaBuilder.Build(Sdl);
        var limitation = new PurposeLimitation(
            new Dictionary<string, IReadOnlyList<string>> { ["Unit.budget"] = ["FINANCE"], ["Unit.survey"] = ["RESEARCH", "FINANCE"], ["Report"] = ["REVIEW"] },
            new Dictionary<string, AuthorizationRules> { ["AUDIT"] = new(false, [], [[["regulator"]]]) },
            howToState: "say why");
        var policies = new IAuthorizationPolicy[]
        {
            new DelegateAuthorizationPolicy("self", (s, t) => t is IReadOnlyDictionary<string, object?> d && d.TryGetValue("owner", out var o) && (string?)o == s.Organisation),
            new DelegateAuthorizationPolicy("regulator", (s, _) => s.Organisation == "REG"),
        };
        return AuthorizationTransform.Apply(schema, new AuthorizationService(policies, new OwnerEntry(), limitation));
    }

    private static async Task<(JsonElement Response, DisclosureLedger Ledger)> Run(string query, string org, string? purpose, params string[] scopes)
    {
        var scope = new RequestScope(AuthorizationSubject.For(org, scopes, purpose));
        var result = await Executor.ExecuteAsync(new ExecutionRequest
        {
            Schema = Build(), Document = Parser.Parse(query), RootValue = JsonInput.ToValue(JsonDocument.Parse(Data).RootElement), Scope = scope,
        });
        return (JsonDocument.Parse(result.ToJson()).RootElement, scope.Disclosures);
    }

    private static JsonElement Extensions(JsonElement response, int i = 0) => response.GetProperty("errors")[i].GetProperty("extensions");

    [Fact]
    public async Task A_covering_purpose_discloses_another_organisations_data_and_records_it()
    {
        var (response, ledger) = await Run("{ units { budget } }", "REG", "FINANCE");

        Assert.False(response.TryGetProperty("errors", out _));
        Assert.Equal([new DisclosureEntry("Unit.budget", "U1", 1), new DisclosureEntry("Unit.budget", "U2", 1)], ledger.Entries);
    }

    [Fact]
    public async Task Another_purpose_is_refused_with_the_purposes_that_would_be_accepted()
    {
        var (response, ledger) = await Run("{ units { code budget } }", "REG", "RESEARCH");

        Assert.Equal(2, response.GetProperty("errors").GetArrayLength());
        Assert.Equal("FORBIDDEN", Extensions(response).GetProperty("code").GetString());
        Assert.Equal(DenialReasons.PurposeNotPermitted, Extensions(response).GetProperty("reason").GetString());
        Assert.Equal(["FINANCE", "AUDIT"], Extensions(response).GetProperty("purposes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("U1", response.GetProperty("data").GetProperty("units")[0].GetProperty("code").GetString());
        Assert.True(ledger.IsEmpty);
    }

    [Fact]
    public async Task A_universal_purpose_covers_everything_only_for_callers_satisfying_its_rules()
    {
        var (regulator, _) = await Run("{ units { budget survey } reports { title } }", "REG", "AUDIT");
        var (unit, _) = await Run("{ reports { title } }", "U1", "AUDIT");

        Assert.False(regulator.TryGetProperty("errors", out _));
        // U1 reads its own report (no purpose needed); U2's is filtered out by policy, not refused by purpose.
        Assert.False(unit.TryGetProperty("errors", out _));
        Assert.Equal(["r1"], unit.GetProperty("data").GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Ones_own_data_needs_no_purpose_and_is_no_disclosure()
    {
        var (response, ledger) = await Run("{ units { budget survey } reports { title } }", "U1", purpose: null);

        // U1's own figures are read; U2's are refused by policy (not for want of a purpose); nothing is recorded.
        Assert.Equal(10, response.GetProperty("data").GetProperty("units")[0].GetProperty("budget").GetInt32());
        Assert.All(response.GetProperty("errors").EnumerateArray(), e => Assert.Equal(DenialReasons.Policy, e.GetProperty("extensions").GetProperty("reason").GetString()));
        Assert.Equal(["r1"], response.GetProperty("data").GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("title").GetString()));
        Assert.True(ledger.IsEmpty);
    }

    [Fact]
    public async Task Without_a_purpose_another_organisations_data_is_refused_with_PURPOSE_REQUIRED()
    {
        var (response, _) = await Run("{ units { budget } }", "REG", purpose: null);

        Assert.Equal(DenialReasons.PurposeRequired, Extensions(response).GetProperty("reason").GetString());
        Assert.EndsWith(": say why.", response.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_policy_refusal_says_POLICY_and_a_mutation_is_not_performed_for_want_of_a_scope()
    {
        var (read, _) = await Run("{ units { budget } }", "U3", "FINANCE");
        var (write, _) = await Run("mutation { file { title } }", "U1", null);

        Assert.Equal(DenialReasons.Policy, Extensions(read).GetProperty("reason").GetString());
        Assert.Equal("Not authorised to read Unit.budget.", read.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(DenialReasons.MissingScope, Extensions(write).GetProperty("reason").GetString());
        Assert.StartsWith("Not authorised to perform Mutation.file", write.GetProperty("errors")[0].GetProperty("message").GetString());
    }
}
