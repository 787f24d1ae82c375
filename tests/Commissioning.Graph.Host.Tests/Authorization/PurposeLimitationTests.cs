using System.Text.Json;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// Purpose limitation (DOMAIN.md's purpose table) and why a denial happened (<c>extensions.reason</c>), over
/// HTTP with real tokens: for each purpose one coordinate it covers (read) and one it does not (refused with
/// <c>PURPOSE_NOT_PERMITTED</c> and the purposes that would be accepted); one's own data needs no purpose and
/// is no disclosure.
/// </summary>
[Collection(AuthorizedGraphCollection.Name)]
public sealed class PurposeLimitationTests(AuthorizedGraphFixture graph)
{
    // Probes: (caller, query, path of the restricted value). Every caller reads another organisation's data.
    private static readonly Dictionary<string, (string Caller, string Query, string Path)> Probes = new()
    {
        ["returns"] = ("X24", """{ consortium(code: "01A") { code financialReturns(year: "2013-14", first: 1) { totalCount } } }""", "consortium.financialReturns"),
        ["allocation"] = ("X24", """{ consortium(code: "01A") { code allocation(year: "2013-14") { programmeBudget } } }""", "consortium.allocation"),
        ["assurance"] = ("X24", """{ consortium(code: "02B") { code assurance(year: "2013-14") { rating } } }""", "consortium.assurance"),
        ["prescribing (X24)"] = ("X24", """{ gpPractice(code: "A01001") { code prescribingSpend } }""", "gpPractice.prescribingSpend"),
        ["prescribing (01A)"] = ("01A", """{ gpPractice(code: "A01001") { code prescribingSpend } }""", "gpPractice.prescribingSpend"),
        ["jsna"] = ("E10000001", """{ healthAndWellbeingBoard(code: "HWB-E10000001") { code jsna(year: "2013-14") { contributions { topic narrative } } } }""", "healthAndWellbeingBoard.jsna.contributions"),
        ["lead cost"] = ("03C", """{ leadCommissioningArrangement(code: "LCA-ACUTE-RNV") { code leadCost } }""", "leadCommissioningArrangement.leadCost"),
        ["associate share (01A)"] = ("01A", """{ leadCommissioningArrangement(code: "LCA-ACUTE-RNV") { code associates { share } } }""", "leadCommissioningArrangement.associates.0.share"),
        ["contract value"] = ("RNV", """{ contract(code: "CT-01A-RNV") { code annualValue } }""", "contract.annualValue"),
        ["pool risk share"] = ("01A", """{ pooledBudget(code: "POOL-LD-NV") { code riskShare } }""", "pooledBudget.riskShare"),
        ["pool contributions (02B)"] = ("02B", """{ pooledBudget(code: "POOL-LD-NV") { code contributions(year: "2013-14") { amount } } }""", "pooledBudget.contributions"),
        // A board's draft strategy read by a member consortium; a consortium's shared draft plan read by its board's council (the
        // plan's fields are non-null: a refusal nulls the consortium).
        ["draft strategy"] = ("01A", """{ healthAndWellbeingBoard(code: "HWB-E10000001") { code strategy(year: "2014-15") { priorities { title } } } }""", "healthAndWellbeingBoard.strategy"),
        ["shared plan"] = ("E10000001", """{ consortium(code: "01A") { code commissioningPlans(year: "2014-15") { title status hwbResponses { view } } } }""", "consortium"),
    };

    // For each purpose of DOMAIN.md's table: a probe it covers, and one it does not. OUTCOMES_MONITORING covers outcomes
    // values and the quality premium, which the graph does not have yet: only its refusal is checked.
    public static TheoryData<string, string, bool> Cases => new()
    {
        { PurposeCoverage.FinancialAssurance, "allocation", true },
        { PurposeCoverage.FinancialAssurance, "pool risk share", false },
        { PurposeCoverage.Allocations, "allocation", true },
        { PurposeCoverage.Allocations, "returns", false },
        { PurposeCoverage.Assurance, "assurance", true },
        { PurposeCoverage.Assurance, "prescribing (01A)", false },
        { PurposeCoverage.Jsna, "jsna", true },
        { PurposeCoverage.Jsna, "returns", false },
        { PurposeCoverage.OutcomesMonitoring, "allocation", false },
        { PurposeCoverage.LeadCommissioning, "lead cost", true },
        { PurposeCoverage.LeadCommissioning, "pool contributions (02B)", false },
        { PurposeCoverage.ContractManagement, "contract value", true },
        { PurposeCoverage.ContractManagement, "lead cost", false },
        { PurposeCoverage.PooledBudgetManagement, "pool risk share", true },
        { PurposeCoverage.PooledBudgetManagement, "contract value", false },
        { PurposeCoverage.Jsna, "draft strategy", true },
        { PurposeCoverage.Jsna, "shared plan", false },
        { PurposeCoverage.Commissioning, "shared plan", true },
        { PurposeCoverage.Commissioning, "draft strategy", false },
        { PurposeCoverage.Commissioning, "prescribing (01A)", true },
        { PurposeCoverage.Commissioning, "returns", false },
        { PurposeCoverage.Audit, "returns", true },
        { PurposeCoverage.Audit, "prescribing (X24)", true },
        { PurposeCoverage.Audit, "associate share (01A)", false },   // AUDIT is the NHS CB's only
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_purpose_discloses_what_it_covers_and_nothing_else(string purpose, string probeName, bool covered)
    {
        var probe = Probes[probeName];

        var response = await graph.PostAsync(probe.Caller, probe.Query, purpose: purpose);

        if (covered)
        {
            Assert.True(response.Errors.Count == 0, response.ToString());
            Assert.NotEqual(JsonValueKind.Null, response.At(probe.Path).ValueKind);
            return;
        }
        Assert.Equal(JsonValueKind.Null, response.At(probe.Path).ValueKind);
        Assert.NotEmpty(response.Errors);   // one per associate for a list of associates
        Assert.All(response.Errors, e => Assert.Equal(DenialReasons.PurposeNotPermitted, ReasonOf(e)));
        var error = response.Errors[0];
        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(error));
        Assert.Equal(DenialReasons.PurposeNotPermitted, ReasonOf(error));
        var accepted = error.GetProperty("extensions").GetProperty("purposes").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.NotEmpty(accepted);
        Assert.DoesNotContain(purpose, accepted);
        Assert.Contains(purpose, error.GetProperty("message").GetString());
        // AUDIT is offered to the NHS CB, never to anyone else.
        Assert.Equal(probe.Caller == "X24", accepted.Contains(PurposeCoverage.Audit));
    }

    [Fact]
    public void Every_restricted_coordinate_of_the_graph_has_its_purposes_in_the_table()
    {
        var schema = graph.App.Services.GetRequiredService<Commissioning.Graph.Server.GraphQLEndpointSchema>().Engine.Schema;
        var missing = new List<string>();
        foreach (var type in schema.Types.OfType<Commissioning.Graph.Engine.Types.ObjectType>())
        {
            if (type.Name.StartsWith("__", StringComparison.Ordinal) || type == schema.MutationType || type == schema.SubscriptionType) continue;
            foreach (var field in type.Fields.Values)
            {
                if (!RestrictedSelection.IsRestricted(schema, type, field)) continue;
                var named = Commissioning.Graph.Engine.Types.Schema.GetNamedType(field.Type);
                // Behind an interface (node(id:)), each restricted object type must be covered.
                var returned = named is Commissioning.Graph.Engine.Types.IAbstractType abstractType
                    ? schema.GetPossibleTypes(abstractType).Where(t => AuthorizationRules.OfType(t).HasPolicies).Select(t => t.Name).ToList()
                    : [named.Name];
                foreach (var name in returned)
                    if (PurposeCoverage.Limitation.PurposesFor(type.Name, field.Name, name) is null) missing.Add($"{type.Name}.{field.Name} ({name})");
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Another_organisations_data_without_a_purpose_is_refused_with_PURPOSE_REQUIRED()
    {
        var response = await graph.PostAsync("X24", Probes["allocation"].Query, purpose: null);

        var error = Assert.Single(response.ErrorsAt("consortium.allocation"));
        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(error));
        Assert.Equal(DenialReasons.PurposeRequired, ReasonOf(error));
        Assert.Contains("X-Purpose-Of-Use", error.GetProperty("message").GetString());
        Assert.Equal(["FINANCIAL_ASSURANCE", "ALLOCATIONS", "AUDIT"],
            error.GetProperty("extensions").GetProperty("purposes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("01A", response.At("consortium.code").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("JSNA")]   // a purpose that would not cover the returns of another consortium
    public async Task A_consortium_reads_its_own_returns_with_any_purpose_or_none_and_nothing_is_recorded(string? purpose)
    {
        var name = "OwnReturns_" + Guid.NewGuid().ToString("N")[..12];
        var response = await graph.PostAsync("01A",
            $$"""query {{name}} { consortium(code: "01A") { financialReturns(year: "2013-14") { totalCount nodes { month lines { plan } } } allocation(year: "2013-14") { programmeBudget } } }""",
            purpose: purpose);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.True(response.At("consortium.financialReturns.totalCount").GetInt32() > 0);
        var register = await graph.PostAsync("X24", """{ disclosures(first: 500) { nodes { operationName } } }""", purpose: null);
        Assert.True(register.Errors.Count == 0, register.ToString());
        Assert.DoesNotContain(register.At("disclosures.nodes").EnumerateArray(), n => n.GetProperty("operationName").GetString() == name);
    }

    [Fact]
    public async Task A_policy_denial_says_POLICY_and_lists_the_alternatives_tried()
    {
        var response = await graph.PostAsync("E10000001", Probes["returns"].Query, purpose: PurposeCoverage.FinancialAssurance);

        var error = Assert.Single(response.ErrorsAt("consortium.financialReturns"));
        Assert.Equal(DenialReasons.Policy, ReasonOf(error));
        Assert.Equal("Not authorised to read Consortium.financialReturns.", error.GetProperty("message").GetString());
        Assert.Equal([["self"], ["nhscb"], ["supportFor"]], Nested(error, "policies"));
    }

    private const string Submit = """
        mutation($input: SubmitFinancialReturnInput!) { submitFinancialReturn(input: $input) { financialReturn { month } userErrors { code } } }
        """;
    private static object SubmitInput(string consortium) => new
    {
        input = new
        {
            consortiumCode = consortium, year = "2013-14", month = 7, lines = Array.Empty<object>(),
            runningCosts = new { plan = "1.00", yearToDateActual = "1.00", forecastOutturn = "1.00" },
            capital = new { plan = "1.00", yearToDateActual = "1.00", forecastOutturn = "1.00" },
        },
    };

    [Fact]
    public async Task A_mutation_without_its_scope_is_not_performed_and_says_which_scope_would_do()
    {
        var response = await graph.PostAsync("01A", Submit, SubmitInput("01A"), scopes: []);

        var error = Assert.Single(response.Errors);
        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(error));
        Assert.Equal(DenialReasons.MissingScope, ReasonOf(error));
        Assert.StartsWith("Not authorised to perform Mutation.submitFinancialReturn", error.GetProperty("message").GetString());
        Assert.Equal([["returns:submit"]], Nested(error, "scopes"));
    }

    [Fact]
    public async Task A_mutation_for_another_organisation_is_not_performed_and_names_the_policy()
    {
        var response = await graph.PostAsync("02B", Submit, SubmitInput("01A"), scopes: ["returns:submit"]);

        var error = Assert.Single(response.Errors);
        Assert.Equal(DenialReasons.Policy, ReasonOf(error));
        Assert.Equal("Not authorised to perform Mutation.submitFinancialReturn.", error.GetProperty("message").GetString());
        Assert.Equal([["self"]], Nested(error, "policies"));
    }

    [Theory]
    [InlineData("01A")]
    [InlineData("E10000001")]
    [InlineData("RNV")]
    public async Task The_at_risk_list_is_refused_to_anyone_but_the_nhs_cb_rather_than_answered_empty(string caller)
    {
        var response = await graph.PostAsync(caller, """{ consortiaAtRisk(year: "2013-14") { consortium { code } } }""", purpose: PurposeCoverage.FinancialAssurance);

        var error = Assert.Single(response.Errors);
        Assert.Equal("FORBIDDEN", GraphResponse.CodeOf(error));
        Assert.Equal(DenialReasons.Policy, ReasonOf(error));
        Assert.Equal([["nhscb"]], Nested(error, "policies"));
        Assert.DoesNotContain("\"consortiaAtRisk\":[]", response.Text);
    }

    [Fact]
    public async Task The_nhs_cb_reads_the_at_risk_list()
    {
        var response = await graph.PostAsync("X24", """{ consortiaAtRisk(year: "2013-14") { consortium { code } } }""", purpose: PurposeCoverage.FinancialAssurance);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal(JsonValueKind.Array, response.At("consortiaAtRisk").ValueKind);
    }

    [Theory]
    [InlineData("""{ consortium(code: "01A") { financialReturns(year: "2013") { totalCount } } }""", "consortium.financialReturns")]
    [InlineData("""{ consortium(code: "01A") { latestFinancialReturn(year: "2013-15") { month } } }""", "consortium.latestFinancialReturn")]
    [InlineData("""{ consortium(code: "01A") { allocation(year: "13-14") { programmeBudget } } }""", "consortium.allocation")]
    [InlineData("""{ healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2013/14") { title } } }""", "healthAndWellbeingBoard.jsna")]
    [InlineData("""{ consortiaAtRisk(year: "2013") { month } }""", "consortiaAtRisk")]
    public async Task A_read_with_a_malformed_year_is_bad_user_input_not_an_empty_answer(string query, string path)
    {
        var response = await graph.PostAsync("X24", query, purpose: PurposeCoverage.Audit);

        var error = Assert.Single(response.ErrorsAt(path));
        Assert.Equal("BAD_USER_INPUT", GraphResponse.CodeOf(error));
        Assert.Contains("is not a financial year: a financial year is written like 2013-14", error.GetProperty("message").GetString());
    }

    private static string? ReasonOf(JsonElement error) =>
        error.GetProperty("extensions").TryGetProperty("reason", out var r) ? r.GetString() : null;

    private static string[][] Nested(JsonElement error, string name) =>
        error.GetProperty("extensions").GetProperty(name).EnumerateArray().Select(a => a.EnumerateArray().Select(s => s.GetString()!).ToArray()).ToArray();
}
