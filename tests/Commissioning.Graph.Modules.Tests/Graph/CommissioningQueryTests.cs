using System.Text.Json;
using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.Shared;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Tests.Graph;

public sealed class CommissioningQueryTests : IAsyncLifetime
{
    private CommissioningGraphHost _host = null!;

    public async Task InitializeAsync() => _host = await CommissioningGraphHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_consortium_is_found_by_code_with_its_constitution_members_and_boards()
    {
        var data = await _host.DataAsync("""
            { consortium(code: "02B") { id code name kind authorisationStatus registeredPopulation
                constitution { accountableOfficer caldicottGuardian }
                practices { code name listSize }
                healthAndWellbeingBoardCodes } }
            """);
        var c = data.GetProperty("consortium");
        Assert.Equal("02B", c.GetProperty("code").GetString());
        Assert.Equal("Northvale South Commissioning Consortium", c.GetProperty("name").GetString());
        Assert.Equal("CONSORTIUM", c.GetProperty("kind").GetString());
        Assert.Equal("AUTHORISED_WITH_CONDITIONS", c.GetProperty("authorisationStatus").GetString());
        Assert.Equal(268_900, c.GetProperty("registeredPopulation").GetInt32());
        Assert.StartsWith("Dr ", c.GetProperty("constitution").GetProperty("accountableOfficer").GetString());
        Assert.Equal(["A02001", "A02002", "A02003", "A02004"], c.GetProperty("practices").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal(["HWB-E06000002", "HWB-E10000001"], c.GetProperty("healthAndWellbeingBoardCodes").EnumerateArray().Select(h => h.GetString()));
        Assert.NotEqual("02B", c.GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_unknown_code_gives_null()
    {
        var data = await _host.DataAsync("""{ consortium(code: "99Z") { code } gpPractice(code: "NOPE") { code } contract(code: "CT-NONE") { code } }""");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("consortium").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("gpPractice").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("contract").ValueKind);
    }

    [Fact]
    public async Task Practice_membership_history_answers_as_of_a_date()
    {
        // A02004 moved from 01A to 02B on 1 October 2012.
        var data = await _host.DataAsync("""
            { before: consortium(code: "01A") { practices(asOf: "2012-06-01") { code } }
              now: consortium(code: "01A") { practices { code } practiceMemberships { practice { code } from to reason current } }
              gpPractice(code: "A02004") { kind consortium { code } memberships { consortium { code } to } } }
            """);
        Assert.Contains("A02004", data.GetProperty("before").GetProperty("practices").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.DoesNotContain("A02004", data.GetProperty("now").GetProperty("practices").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        var ended = data.GetProperty("now").GetProperty("practiceMemberships").EnumerateArray().Single(m => m.GetProperty("practice").GetProperty("code").GetString() == "A02004");
        Assert.Equal("2012-09-30", ended.GetProperty("to").GetString());
        Assert.False(ended.GetProperty("current").GetBoolean());
        var practice = data.GetProperty("gpPractice");
        Assert.Equal("GP_PRACTICE", practice.GetProperty("kind").GetString());
        Assert.Equal("02B", practice.GetProperty("consortium").GetProperty("code").GetString());
        Assert.Equal(2, practice.GetProperty("memberships").GetArrayLength());
    }

    [Fact]
    public async Task Consortia_page_forward_with_opaque_cursors_and_a_total_count()
    {
        var first = (await _host.DataAsync("""{ consortia(first: 2) { totalCount edges { cursor node { code } } pageInfo { hasNextPage hasPreviousPage endCursor } } }""")).GetProperty("consortia");
        Assert.Equal(3, first.GetProperty("totalCount").GetInt32());
        Assert.Equal(["01A", "02B"], first.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("code").GetString()));
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(first.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        var after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        Assert.NotEqual("1", after); // opaque, not the bare position

        var second = (await _host.DataAsync("query($after: String) { consortia(first: 2, after: $after) { nodes { code } pageInfo { hasNextPage hasPreviousPage } } }",
            new Dictionary<string, object?> { ["after"] = after })).GetProperty("consortia");
        Assert.Equal(["03C"], second.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()));
        Assert.False(second.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.True(second.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
    }

    [Fact]
    public async Task Consortia_filter_by_authorisation_status_and_sort()
    {
        var data = await _host.DataAsync("""
            { conditional: consortia(authorisationStatus: [AUTHORISED_WITH_CONDITIONS]) { totalCount nodes { code } }
              biggest: consortia(orderBy: REGISTERED_POPULATION_DESC, first: 1) { nodes { code } } }
            """);
        Assert.Equal(2, data.GetProperty("conditional").GetProperty("totalCount").GetInt32());
        Assert.Equal(["02B", "03C"], data.GetProperty("conditional").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()));
        Assert.Equal("01A", data.GetProperty("biggest").GetProperty("nodes")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Financial_returns_filter_by_year_month_and_status_and_page_newest_first()
    {
        var data = await _host.DataAsync("""
            { consortium(code: "02B") {
                all: financialReturns(year: "2013-14", first: 3) { totalCount nodes { month version status } pageInfo { hasNextPage endCursor } }
                march: financialReturns(year: "2013-14", month: 3) { totalCount nodes { version status queryReason } }
                latest: financialReturns(year: "2013-14", latestVersionOnly: true) { totalCount }
                submitted: financialReturns(status: SUBMITTED) { nodes { month } } } }
            """);
        var c = data.GetProperty("consortium");
        var all = c.GetProperty("all");
        Assert.Equal(7, all.GetProperty("totalCount").GetInt32()); // months 1–6 and a second version of month 3
        Assert.Equal(["6/1/DRAFT", "5/1/SUBMITTED", "4/1/ACCEPTED"], all.GetProperty("nodes").EnumerateArray()
            .Select(n => $"{n.GetProperty("month").GetInt32()}/{n.GetProperty("version").GetInt32()}/{n.GetProperty("status").GetString()}"));
        Assert.True(all.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());

        var march = c.GetProperty("march").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(["2/ACCEPTED", "1/QUERIED"], march.Select(n => $"{n.GetProperty("version").GetInt32()}/{n.GetProperty("status").GetString()}"));
        Assert.Contains("does not reconcile", march[1].GetProperty("queryReason").GetString());
        Assert.Equal(6, c.GetProperty("latest").GetProperty("totalCount").GetInt32());
        Assert.Equal([5], c.GetProperty("submitted").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("month").GetInt32()));

        var next = await _host.DataAsync("query($after: String) { consortium(code: \"02B\") { financialReturns(year: \"2013-14\", first: 3, after: $after) { nodes { month version } } } }",
            new Dictionary<string, object?> { ["after"] = all.GetProperty("pageInfo").GetProperty("endCursor").GetString() });
        Assert.Equal(["3/2", "3/1", "2/1"], next.GetProperty("consortium").GetProperty("financialReturns").GetProperty("nodes").EnumerateArray()
            .Select(n => $"{n.GetProperty("month").GetInt32()}/{n.GetProperty("version").GetInt32()}"));
    }

    [Fact]
    public async Task A_return_has_lines_totals_and_a_practice_breakdown_that_adds_up()
    {
        var data = await _host.DataAsync("""
            { consortium(code: "01A") { latestFinancialReturn(year: "2013-14") { month lines { category plan forecastOutturn }
                programmeTotals { plan forecastOutturn } runningCosts { plan } capital { plan }
                practiceBreakdown { practice { code } forecastOutturn } rowVersion } } }
            """);
        var r = data.GetProperty("consortium").GetProperty("latestFinancialReturn");
        Assert.Equal(6, r.GetProperty("month").GetInt32());
        Assert.Equal(7, r.GetProperty("lines").GetArrayLength());
        Assert.Equal("ACUTE", r.GetProperty("lines")[0].GetProperty("category").GetString());
        // Decimal is an exact string.
        var forecast = r.GetProperty("lines").EnumerateArray().Sum(l => decimal.Parse(l.GetProperty("forecastOutturn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(forecast, decimal.Parse(r.GetProperty("programmeTotals").GetProperty("forecastOutturn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var breakdown = r.GetProperty("practiceBreakdown").EnumerateArray().Sum(p => decimal.Parse(p.GetProperty("forecastOutturn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(forecast, breakdown);
        Assert.Matches(@"^\d+\.\d\d$", r.GetProperty("runningCosts").GetProperty("plan").GetString());
    }

    [Fact]
    public async Task Duties_show_the_over_spending_consortium_breaching_and_the_other_meeting_them()
    {
        var data = await _host.DataAsync("""
            { over: consortium(code: "03C") { latestFinancialReturn(year: "2013-14") { ...duties } }
              within: consortium(code: "01A") { latestFinancialReturn(year: "2013-14") { ...duties } } }
            fragment duties on FinancialReturn { id duties { allMet atRisk breached
              breakEven { duty met limit outturn headroom } revenueWithinResourceLimit { met headroom }
              capitalWithinResourceLimit { met headroom } runningCostsWithinAllowance { met limit outturn headroom } } }
            """);
        var over = data.GetProperty("over").GetProperty("latestFinancialReturn").GetProperty("duties");
        Assert.True(over.GetProperty("atRisk").GetBoolean());
        Assert.Contains("BREAK_EVEN", over.GetProperty("breached").EnumerateArray().Select(b => b.GetString()));
        Assert.Contains("RUNNING_COSTS_WITHIN_ALLOWANCE", over.GetProperty("breached").EnumerateArray().Select(b => b.GetString()));
        Assert.False(over.GetProperty("breakEven").GetProperty("met").GetBoolean());
        Assert.StartsWith("-", over.GetProperty("breakEven").GetProperty("headroom").GetString());

        var within = data.GetProperty("within").GetProperty("latestFinancialReturn").GetProperty("duties");
        Assert.True(within.GetProperty("allMet").GetBoolean());
        Assert.Empty(within.GetProperty("breached").EnumerateArray());

        // The figures are FinancialDuties' own, against the NHS CB's allocation.
        foreach (var (code, json) in new[] { ("03C", over), ("01A", within) })
        {
            await using var db = _host.Database.Commissioning();
            var r = await db.FinancialReturns.Include(x => x.Lines)
                .Where(x => x.ConsortiumCode == code && x.Year == "2013-14" && x.Month == 6).SingleAsync();
            await using var nhsCb = _host.Database.NhsCb();
            var allocation = await nhsCb.Allocations.SingleAsync(a => a.ConsortiumCode == code && a.Year == "2013-14");
            var expected = FinancialDuties.Assess(r, allocation.Figures);
            var breakEven = json.GetProperty("breakEven");
            Assert.Equal(expected.BreakEven.Limit, decimal.Parse(breakEven.GetProperty("limit").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected.BreakEven.Outturn, decimal.Parse(breakEven.GetProperty("outturn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected.BreakEven.Headroom, decimal.Parse(breakEven.GetProperty("headroom").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected.RunningCostsWithinAllowance.Headroom,
                decimal.Parse(json.GetProperty("runningCostsWithinAllowance").GetProperty("headroom").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task The_NHS_CB_lists_every_consortium_at_risk_in_one_query()
    {
        var data = await _host.DataAsync("""
            { consortiaAtRisk(year: "2013-14") { consortium { code } month duties { breakEven { headroom } } }
              consortia { nodes { code latestFinancialReturn(year: "2013-14") { duties { atRisk } } } } }
            """);
        Assert.Equal(["03C"], data.GetProperty("consortiaAtRisk").EnumerateArray().Select(r => r.GetProperty("consortium").GetProperty("code").GetString()));
        Assert.Equal(["01A:False", "02B:False", "03C:True"], data.GetProperty("consortia").GetProperty("nodes").EnumerateArray()
            .Select(n => $"{n.GetProperty("code").GetString()}:{n.GetProperty("latestFinancialReturn").GetProperty("duties").GetProperty("atRisk").GetBoolean()}"));
    }

    [Fact]
    public async Task Contracts_and_the_lead_commissioning_arrangement_connect_commissioners_providers_and_associates()
    {
        var data = await _host.DataAsync("""
            { contract(code: "CT-01A-RNV") { code commissionerCode commissioner { code } provider { code name kind providerType } serviceArea
                annualValue activityPlan cquinShare performance(year: "2013-14") { month activityActual } arrangements { code } }
              leadCommissioningArrangement(code: "LCA-ACUTE-RNV") { name lead { code } provider { code } serviceAreas leadShare
                contracts { code } associates { consortium { code } share basis activity cost } }
              consortium(code: "03C") { contracts { code } leadCommissioningArrangements { code } commissioningPlans { year title }
                conflictOfInterestDeclarations { role } commissioningDecisions { reference provider { code } value } } }
            """);
        var contract = data.GetProperty("contract");
        Assert.Equal("01A", contract.GetProperty("commissioner").GetProperty("code").GetString());
        Assert.Equal("NHS_FOUNDATION_TRUST", contract.GetProperty("provider").GetProperty("providerType").GetString());
        Assert.Equal("PROVIDER", contract.GetProperty("provider").GetProperty("kind").GetString());
        Assert.Equal("312000000.00", contract.GetProperty("annualValue").GetString());
        Assert.Equal("2.50", contract.GetProperty("cquinShare").GetString());
        Assert.Equal(6, contract.GetProperty("performance").GetArrayLength());
        Assert.Equal("LCA-ACUTE-RNV", contract.GetProperty("arrangements")[0].GetProperty("code").GetString());

        var arrangement = data.GetProperty("leadCommissioningArrangement");
        Assert.Equal("01A", arrangement.GetProperty("lead").GetProperty("code").GetString());
        Assert.Equal("50.00", arrangement.GetProperty("leadShare").GetString());
        Assert.Equal(4, arrangement.GetProperty("serviceAreas").GetArrayLength());
        Assert.Equal(["02B:30.00:ACTUAL_ACTIVITY", "03C:20.00:ACTUAL_ACTIVITY"], arrangement.GetProperty("associates").EnumerateArray()
            .Select(a => $"{a.GetProperty("consortium").GetProperty("code").GetString()}:{a.GetProperty("share").GetString()}:{a.GetProperty("basis").GetString()}"));

        var c = data.GetProperty("consortium");
        Assert.Equal(["CT-03C-RRC"], c.GetProperty("contracts").EnumerateArray().Select(x => x.GetProperty("code").GetString()));
        Assert.Equal(["LCA-ACUTE-RNV"], c.GetProperty("leadCommissioningArrangements").EnumerateArray().Select(x => x.GetProperty("code").GetString()));
        Assert.Equal("RRC", c.GetProperty("commissioningDecisions")[0].GetProperty("provider").GetProperty("code").GetString());
        Assert.Single(c.GetProperty("commissioningPlans").EnumerateArray());
    }

    [Fact]
    public async Task Entity_resolvers_load_the_module_entities_from_their_keys()
    {
        var services = _host.Database.Services;
        var result = await _host.Engine.ExecuteAsync(_host.Engine.Prepare("{ consortium(code: \"01A\") { code } }"), null, null, services: services);
        Assert.Null(result.Errors);
        // Entity resolvers use the same loaders; resolve one of each through a resolve context of a real request.
        var found = new List<object?>();
        var schemaBuilder = global::Commissioning.Graph.Engine.Types.SchemaBuilder.FromSdl(global::Commissioning.Graph.Modules.Shared.GraphModuleResources.DefineKeyOnlyEntities(CommissioningGraphHost.Prelude + "\n" + _host.Module.Sdl + "\nextend type Query { probe: [String] @authenticated }"));
        _host.Module.Configure(schemaBuilder);
        schemaBuilder.ResolveAsync("Query.probe", async ctx =>
        {
            var r = _host.Module.EntityResolvers;
            found.AddRange(await Task.WhenAll(
                r["Consortium"](new Dictionary<string, object?> { ["__typename"] = "Consortium", ["code"] = "03C" }, ctx).AsTask(),
                r["GpPractice"](new Dictionary<string, object?> { ["code"] = "A01001" }, ctx).AsTask(),
                r["Provider"](new Dictionary<string, object?> { ["code"] = "RNV" }, ctx).AsTask(),
                r["Contract"](new Dictionary<string, object?> { ["code"] = "CT-02B-NQ1" }, ctx).AsTask(),
                r["LeadCommissioningArrangement"](new Dictionary<string, object?> { ["code"] = "LCA-ACUTE-RNV" }, ctx).AsTask(),
                r["Consortium"](new Dictionary<string, object?> { ["code"] = "NONE" }, ctx).AsTask()));
            return new[] { "ok" };
        });
        var engine = new global::Commissioning.Graph.Engine.GraphQLEngine(schemaBuilder.Build());
        var probe = await engine.ExecuteAsync(engine.Prepare("{ probe }"), null, null, services: services);
        Assert.Null(probe.Errors);
        Assert.IsType<Consortium>(found[0]);
        Assert.IsType<GpPractice>(found[1]);
        Assert.IsType<Provider>(found[2]);
        Assert.IsType<Contract>(found[3]);
        Assert.IsType<LeadCommissioningArrangement>(found[4]);
        Assert.Null(found[5]);
    }
}
