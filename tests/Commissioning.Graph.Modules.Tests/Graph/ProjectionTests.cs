using System.Text.Json;
using System.Text.RegularExpressions;
using Commissioning.Graph.Modules.Shared;
using Xunit.Abstractions;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>
/// Projections: EF reads only the columns a selection needs (plus the key, the governed columns and what loaders
/// read), and the answers are exactly those of whole-row reads.
/// </summary>
public sealed class ProjectionTests(ITestOutputHelper output)
{
    /// <summary>The commissioning host, every request made by the NHS CB (who may read, filter and sort on every field).</summary>
    private static async Task<CommissioningGraphHost> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var host = await CommissioningGraphHost.StartAsync(provider: provider);
        host.Subject = new Engine.Authorization.AuthorizationSubject(Shared.Policies.PolicyRules.DefaultNhsCommissioningBoardCode, new HashSet<string>(), "COMMISSIONING", true);
        return host;
    }

    private static string ConsortiaStatement(IEnumerable<string> statements) =>
        Assert.Single(statements, s => s.Contains("\"Consortia\"", StringComparison.Ordinal) && !s.Contains("Memberships", StringComparison.Ordinal));

    [Fact]
    public async Task A_list_selecting_names_reads_the_key_and_the_name_but_not_the_constitution_or_the_area()
    {
        await using var host = await StartAsync();
        var before = host.StatementTexts.Count;
        var data = await host.DataAsync("{ consortia { nodes { name } } }");
        Assert.Equal("Northvale North Commissioning Consortium", data.GetProperty("consortia").GetProperty("nodes")[0].GetProperty("name").GetString());
        var sql = ConsortiaStatement(host.StatementTexts.Skip(before));
        output.WriteLine(sql);
        Assert.Contains("\"Code\"", sql);   // the key, and the consortium's governed owner and subject
        Assert.Contains("\"Name\"", sql);
        Assert.DoesNotContain("\"Area\"", sql);
        Assert.DoesNotContain("Constitution_", sql);
        Assert.DoesNotContain("\"RegisteredPopulation\"", sql);
        Assert.DoesNotContain("\"AuthorisationStatus\"", sql);
        Assert.DoesNotContain("\"RowVersion\"", sql);
    }

    [Fact]
    public async Task Without_projections_the_same_list_reads_every_column()
    {
        await using var host = await StartAsync();
        var before = host.StatementTexts.Count;
        await host.DataAsync("{ consortia { nodes { name } } }", projections: false);
        var sql = ConsortiaStatement(host.StatementTexts.Skip(before));
        Assert.Contains("\"Area\"", sql);
        Assert.Contains("Constitution_", sql);
        Assert.Contains("\"RegisteredPopulation\"", sql);
    }

    [Fact]
    public async Task An_owned_constitution_is_read_whole_when_any_of_its_fields_is_selected()
    {
        await using var host = await StartAsync();
        var before = host.StatementTexts.Count;
        var data = await host.DataAsync("{ consortia { edges { node { constitution { accountableOfficer } } } } }");
        Assert.False(string.IsNullOrEmpty(data.GetProperty("consortia").GetProperty("edges")[0].GetProperty("node")
            .GetProperty("constitution").GetProperty("accountableOfficer").GetString()));
        var sql = ConsortiaStatement(host.StatementTexts.Skip(before));
        Assert.Contains("AccountableOfficer", sql);
        Assert.Contains("ConflictsOfInterestPolicy", sql);
        Assert.DoesNotContain("\"Name\"", sql);
        Assert.DoesNotContain("\"Area\"", sql);
    }

    [Fact]
    public async Task A_page_of_returns_reads_the_governed_columns_and_what_its_fields_need()
    {
        await using var host = await StartAsync();
        var before = host.StatementTexts.Count;
        await host.DataAsync("""{ consortium(code: "01A") { financialReturns(year: "2013-14", first: 3) { nodes { month } } } }""");
        var sql = Assert.Single(host.StatementTexts.Skip(before), s => s.Contains("FROM \"FinancialReturns\"", StringComparison.Ordinal) && s.Contains("ROW_NUMBER", StringComparison.Ordinal));
        output.WriteLine(sql);
        foreach (var needed in new[] { "\"Month\"", "\"ConsortiumCode\"", "\"Year\"", "\"Id\"" }) Assert.Contains(needed, sql);
        foreach (var unneeded in new[] { "\"RunningCostsPlan\"", "\"CapitalPlan\"", "\"QueryReason\"", "\"SubmittedAt\"" }) Assert.DoesNotContain(unneeded, sql);
    }

    [Fact]
    public async Task Fields_selected_only_under_a_skipped_fragment_are_not_read_and_included_ones_are()
    {
        await using var host = await StartAsync();
        const string Query = """
            query($more: Boolean!) { consortia { nodes { name ...More @include(if: $more) ... on Consortium @skip(if: $more) { code } } } }
            fragment More on Consortium { area registeredPopulation }
            """;
        var before = host.StatementTexts.Count;
        await host.DataAsync(Query, new Dictionary<string, object?> { ["more"] = false });
        Assert.DoesNotContain("\"Area\"", ConsortiaStatement(host.StatementTexts.Skip(before)));
        before = host.StatementTexts.Count;
        var data = await host.DataAsync(Query, new Dictionary<string, object?> { ["more"] = true });
        var sql = ConsortiaStatement(host.StatementTexts.Skip(before));
        Assert.Contains("\"Area\"", sql);
        Assert.Contains("\"RegisteredPopulation\"", sql);
        Assert.Equal(312_400, data.GetProperty("consortia").GetProperty("nodes")[0].GetProperty("registeredPopulation").GetInt32());
    }

    /// <summary>The list reads few columns and primes its rows; the same consortia reached elsewhere with more fields
    /// selected (an aliased root field, a return's consortium, an arrangement's lead) must get every value.</summary>
    [Fact]
    public async Task The_same_entity_read_partially_in_a_list_and_wholly_elsewhere_gets_every_value_right()
    {
        await using var host = await StartAsync();
        const string Query = """
            {
              consortia { nodes { code name financialReturns(year: "2013-14", first: 1) { nodes { consortium { code area registeredPopulation constitution { chiefFinanceOfficer } } } } } }
              one: consortium(code: "02B") { code name area unregisteredPopulation authorisationStatus establishedOn }
              leadCommissioningArrangement(code: "LCA-ACUTE-RNV") { lead { code area constitution { caldicottGuardian } } }
              consortiaAtRisk(year: "2013-14") { month }
              returnsAgain: consortia { nodes { latestFinancialReturn(year: "2013-14") { month capital { plan } runningCosts { forecastOutturn } queryReason status } } }
            }
            """;
        var projected = await host.DataAsync(Query);
        var whole = await host.DataAsync(Query, projections: false);
        Assert.Equal(whole.GetRawText(), projected.GetRawText());
        // And the values really are there (not nulls on both sides).
        var nested = projected.GetProperty("consortia").GetProperty("nodes")[0].GetProperty("financialReturns").GetProperty("nodes")[0].GetProperty("consortium");
        Assert.Equal("Northvale (north)", nested.GetProperty("area").GetString());
        Assert.Equal(312_400, nested.GetProperty("registeredPopulation").GetInt32());
        Assert.False(string.IsNullOrEmpty(nested.GetProperty("constitution").GetProperty("chiefFinanceOfficer").GetString()));
        Assert.False(string.IsNullOrEmpty(projected.GetProperty("one").GetProperty("area").GetString()));
        Assert.False(string.IsNullOrEmpty(projected.GetProperty("leadCommissioningArrangement").GetProperty("lead").GetProperty("area").GetString()));
    }

    [Fact]
    public async Task A_narrower_reader_of_rows_a_list_primed_finds_them_without_another_statement()
    {
        await using var host = await StartAsync();
        var before = host.StatementCount;
        await host.DataAsync("{ consortia { nodes { code name area leadCommissioningArrangements { lead { code name } } } } }");
        // Consortia page, arrangements; the leads (code, name) are covered by the primed rows (code, name, area).
        Assert.Equal(2, host.StatementCount - before);
        before = host.StatementCount;
        await host.DataAsync("{ consortia { nodes { code name leadCommissioningArrangements { lead { code name area registeredPopulation } } } } }");
        // The leads need more than the list read: they are read again, not served partial.
        Assert.Equal(3, host.StatementCount - before);
    }

    [Fact]
    public async Task A_JSNA_s_contributions_read_the_narrative_only_when_it_is_selected_and_answer_alike()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        const string Topics = """{ healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2013-14") { contributions { topic status consortium { code } } } } }""";
        const string Narratives = """{ healthAndWellbeingBoard(code: "HWB-E10000001") { jsna(year: "2013-14") { contributions { id topic narrative submittedAt } } } }""";
        static string ContributionsStatement(IEnumerable<string> statements) =>
            Assert.Single(statements, s => s.Contains("\"JsnaContributions\"", StringComparison.Ordinal));

        host.ResetStatements();
        var topics = await host.ExecuteAsync(Topics);
        var sql = ContributionsStatement(host.StatementTexts);
        output.WriteLine(sql);
        Assert.DoesNotContain("\"Narrative\"", sql);
        Assert.Contains("\"Topic\"", sql);
        Assert.Contains("\"ConsortiumCode\"", sql);
        Assert.Contains("\"JsnaId\"", sql);   // the loader's parent key and the governed JSNA
        Assert.True(topics.GetProperty("data").GetProperty("healthAndWellbeingBoard").GetProperty("jsna").GetProperty("contributions").GetArrayLength() > 0);
        Assert.Equal((await host.ExecuteAsync(Topics, projections: false)).GetRawText(), topics.GetRawText());

        host.ResetStatements();
        var narratives = await host.ExecuteAsync(Narratives);
        Assert.Contains("\"Narrative\"", ContributionsStatement(host.StatementTexts));
        Assert.Equal((await host.ExecuteAsync(Narratives, projections: false)).GetRawText(), narratives.GetRawText());
    }

    /// <summary>Every field of each projected type, selected alone in a list (objects with their leaf fields), answers exactly as
    /// with whole rows: a field whose declared needs miss a member it reads (a computed field, a relation's key) fails here.</summary>
    [Fact]
    public async Task Each_field_of_the_projected_types_selected_alone_answers_as_with_whole_rows()
    {
        await using var host = await StartAsync();
        var schema = host.Engine.Schema;
        var lists = new (string Type, string Template)[]
        {
            ("Consortium", "{ consortia { nodes { # } } }"),
            ("FinancialReturn", "{ consortia { nodes { financialReturns(year: \"2013-14\") { nodes { # } } } } }"),
            ("FinancialReturn", "{ consortiaAtRisk(year: \"2013-14\") { # } }"),
            ("FinancialReturn", "{ consortia { nodes { latestFinancialReturn(year: \"2013-14\") { # } } } }"),
            ("GpPractice", "{ consortia { nodes { practices { # } } } }"),
            ("Contract", "{ consortia { nodes { contracts { # } } } }"),
            ("Consortium", "{ leadCommissioningArrangement(code: \"LCA-ACUTE-RNV\") { lead { # } associates { consortium { # } } } }"),
        };
        var ran = 0;
        foreach (var (typeName, template) in lists)
        {
            var type = (Engine.Types.ObjectType)schema.GetType(typeName)!;
            foreach (var field in type.Fields.Values)
            {
                var query = template.Replace("#", Selection(schema, field));
                var projected = await host.ExecuteAsync(query);
                var whole = await host.ExecuteAsync(query, projections: false);
                Assert.True(whole.GetRawText() == projected.GetRawText(), $"{typeName}.{field.Name}:\n{query}\nwhole:     {whole.GetRawText()}\nprojected: {projected.GetRawText()}");
                ran++;
            }
        }
        output.WriteLine($"{ran} single-field queries answered alike.");
        Assert.True(ran > 60);
    }

    /// <summary><c>field</c>, with the required arguments the demo data answers, and for an object its leaf fields one level down.</summary>
    private static string Selection(Engine.Types.Schema schema, Engine.Types.FieldDefinition field)
    {
        static string Arguments(Engine.Types.FieldDefinition f)
        {
            var required = f.Arguments.List.Where(a => a.Type is Engine.Types.NonNullType && !a.HasDefaultValue).ToList();
            return required.Count == 0 ? "" : "(" + string.Join(", ", required.Select(a => $"{a.Name}: \"2013-14\"")) + ")";
        }
        var named = Engine.Types.Schema.GetNamedType(field.Type);
        if (named is not Engine.Types.ObjectType objectType) return named is Engine.Types.IAbstractType ? $"{field.Name}{Arguments(field)} {{ __typename }}" : field.Name + Arguments(field);
        var leaves = objectType.Fields.Values
            .Where(f => Engine.Types.Schema.GetNamedType(f.Type) is Engine.Types.ScalarType or Engine.Types.EnumType && !f.Arguments.List.Any(a => a.Type is Engine.Types.NonNullType && !a.HasDefaultValue))
            .Select(f => f.Name).ToList();
        return $"{field.Name}{Arguments(field)} {{ __typename {string.Join(' ', leaves)} }}";
    }

    public static TheoryData<DatabaseProvider> Providers() => TestDatabase.Providers();

    /// <summary>Every query of the corpus the commissioning module answers alone, with and without projections: identical responses.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_corpus_query_answers_the_same_with_and_without_projections(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var ran = 0;
        foreach (var (name, query, variables) in Corpus())
        {
            if (!host.Engine.Prepare(query).IsValid) continue; // a field of another module
            var projected = await host.ExecuteAsync(query, variables);
            var whole = await host.ExecuteAsync(query, variables, projections: false);
            Assert.True(whole.GetRawText() == projected.GetRawText(), $"{name}:\n{query}\nwhole:     {whole.GetRawText()}\nprojected: {projected.GetRawText()}");
            // Requests the corpus makes to fail (a missing variable, several operations) fail alike; the rest answer.
            if (projected.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object) ran++;
        }
        output.WriteLine($"{ran} corpus queries answered alike on {provider}.");
        Assert.True(ran >= 25, $"only {ran} corpus queries ran");
    }

    /// <summary>The federation corpus's queries (tests/federation/corpus.mjs, those without interpolations) and the module's own.</summary>
    private static IEnumerable<(string Name, string Query, IReadOnlyDictionary<string, object?>? Variables)> Corpus()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Commissioning.Graph.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        var corpus = File.ReadAllText(Path.Combine(root, "tests", "federation", "corpus.mjs"));
        // ['name', `query`, { a: '01A', … }?]: string-valued variables are all the corpus uses.
        foreach (Match m in Regex.Matches(corpus, @"\[\s*'([^']+)',\s*`([^`]*)`(?:,\s*\{([^}]*)\})?"))
        {
            if (m.Groups[2].Value.Contains("${", StringComparison.Ordinal)) continue;
            var variables = Regex.Matches(m.Groups[3].Value, @"(\w+):\s*'([^']*)'").ToDictionary(v => v.Groups[1].Value, v => (object?)v.Groups[2].Value);
            yield return (m.Groups[1].Value, m.Groups[2].Value, variables);
        }
        foreach (var q in OwnQueries) yield return ("own", q, null);
    }

    private static readonly string[] OwnQueries =
    [
        "{ consortia { nodes { name } } }",
        "{ consortia { nodes { __typename id kind } } }",
        "{ consortia(orderBy: NAME, first: 2) { totalCount edges { cursor node { name area establishedOn } } nodes { code registeredPopulation } pageInfo { hasNextPage } } }",
        "{ consortia { nodes { ... on Consortium { a: name b: area } ... F } } } fragment F on Consortium { constitution { decisionMaking } unregisteredPopulation }",
        "{ consortia { nodes { code practices { name listSize postcode consortium { name area } } } } }",
        "{ consortia { nodes { practiceMemberships { from to practice { name prescribingSpend } consortium { area } } } } }",
        "{ consortia { nodes { contracts { code serviceArea annualValue cquinShare activityPlan activityUnit startDate endDate provider { name providerType } commissioner { name } } } } }",
        "{ consortia { nodes { financialReturns(year: \"2013-14\") { nodes { id month version status createdAt submittedAt reviewedAt queryReason rowVersion runningCosts { plan yearToDateActual forecastOutturn } capital { plan } duties { atRisk breached } consortium { name } } } } } }",
        "{ consortia { nodes { financialReturns(year: \"2013-14\", first: 2) { edges { node { month lines { category plan } practiceBreakdown { practice { name listSize } } } } } } } }",
        "{ consortia { nodes { latestFinancialReturn(year: \"2013-14\") { month duties { breakEven { met headroom } } programmeTotals { plan } } } } }",
        "{ consortiaAtRisk(year: \"2013-14\") { id month version status consortium { name area } } }",
        "{ consortiaAtRisk(year: \"2013-14\") { capital { plan } runningCosts { plan } duties { atRisk } } }",
        "{ gpPractice(code: \"A01001\") { name listSize consortium { name constitution { accountableOfficer } } memberships { from consortium { name } } } }",
        "{ contract(code: \"CT-01A-RNV\") { code commissionerCode annualValue commissioner { name area } provider { name } arrangements { code lead { name } } } }",
        "{ leadCommissioningArrangement(code: \"LCA-ACUTE-RNV\") { name lead { name area } associates { consortium { name registeredPopulation } share } contracts { code serviceArea } } }",
        "{ provider(code: \"RNV\") { name contracts { code annualValue commissioner { name } } } }",
        "{ consortia(where: { name: { contains: \"North\" } }, order: [{ registeredPopulation: DESC }]) { totalCount edges { cursor node { name } } pageInfo { endCursor } } }",
        "{ consortia(last: 2, order: [{ area: ASC }]) { edges { cursor node { code } } pageInfo { hasPreviousPage startCursor } } }",
        "{ consortia(order: [{ unregisteredPopulation: ASC }], first: 2) { nodes { name financialReturns(year: \"2013-14\", order: [{ month: ASC }], where: { status: { neq: DRAFT } }, first: 3) { totalCount edges { cursor node { month status capital { forecastOutturn } } } } } } }",
        "{ consortia { nodes { financialReturns(year: \"2013-14\", last: 2, where: { lines: { some: { plan: { gt: \"0\" } } } }) { nodes { id month consortium { name } } pageInfo { hasPreviousPage } } } } }",
    ];
}
