using Commissioning.Graph.Modules.Shared;
using Xunit.Abstractions;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>
/// Projections of the child lists and relations beyond the listed types: a practice's consortium, memberships, plans, and
/// the nhs-cb module's assurance (with its duty findings and checkpoints), duty evidence and interventions. Their SQL
/// names only the columns the selection needs (plus the key, the governed columns and what the loaders group by), and
/// every field of each such type, selected alone, answers exactly as with whole rows.
/// </summary>
public sealed class ChildProjectionTests(ITestOutputHelper output)
{
    private static async Task<CommissioningGraphHost> StartCommissioningAsync()
    {
        var host = await CommissioningGraphHost.StartAsync();
        host.Subject = new Engine.Authorization.AuthorizationSubject(Shared.Policies.PolicyRules.DefaultNhsCommissioningBoardCode, new HashSet<string>(), "COMMISSIONING", true);
        return host;
    }

    private string StatementOf(IEnumerable<string> statements, string table, string? alsoContaining = null)
    {
        var sql = Assert.Single(statements, s => s.Contains($"\"{table}\"", StringComparison.Ordinal)
                                                && (alsoContaining is null || s.Contains(alsoContaining, StringComparison.Ordinal)));
        output.WriteLine(sql);
        return sql;
    }

    [Fact]
    public async Task A_practice_s_consortium_reads_only_the_consortium_columns_selected()
    {
        await using var host = await StartCommissioningAsync();
        const string Query = """{ gpPractice(code: "A01001") { consortium { name } } }""";
        var before = host.StatementTexts.Count;
        var data = await host.DataAsync(Query);
        Assert.False(string.IsNullOrEmpty(data.GetProperty("gpPractice").GetProperty("consortium").GetProperty("name").GetString()));
        var sql = StatementOf(host.StatementTexts.Skip(before), "ConsortiumMemberships");
        Assert.Contains("\"Name\"", sql);
        foreach (var unneeded in new[] { "\"Area\"", "Constitution_", "\"RegisteredPopulation\"", "\"RowVersion\"" }) Assert.DoesNotContain(unneeded, sql);

        before = host.StatementTexts.Count;
        await host.DataAsync(Query, projections: false);
        Assert.Contains("\"Area\"", StatementOf(host.StatementTexts.Skip(before), "ConsortiumMemberships"));
    }

    [Fact]
    public async Task Memberships_and_plans_read_only_the_columns_selected_and_what_their_loaders_need()
    {
        await using var host = await StartCommissioningAsync();
        var before = host.StatementTexts.Count;
        await host.DataAsync("""{ consortia { nodes { practiceMemberships(includeEnded: false) { practice { code } } commissioningPlans(year: "2013-14") { title } } } }""");
        var statements = host.StatementTexts.Skip(before).ToList();
        var memberships = StatementOf(statements, "ConsortiumMemberships");
        foreach (var needed in new[] { "\"ConsortiumCode\"", "\"PracticeCode\"", "\"From\"", "\"To\"" }) Assert.Contains(needed, memberships);
        Assert.DoesNotContain("\"Reason\"", memberships);
        var plans = StatementOf(statements, "CommissioningPlans");
        foreach (var needed in new[] { "\"Title\"", "\"Year\"", "\"ConsortiumCode\"" }) Assert.Contains(needed, plans);
        foreach (var unneeded in new[] { "\"Summary\"", "\"Url\"", "\"PublishedOn\"" }) Assert.DoesNotContain(unneeded, plans);
    }

    [Fact]
    public async Task Each_field_of_a_practice_s_consortium_memberships_and_plans_selected_alone_answers_as_with_whole_rows()
    {
        await using var host = await StartCommissioningAsync();
        var ran = await AnswersAlikeAsync(host.Engine.Schema, (q, p) => host.ExecuteAsync(q, projections: p),
        [
            ("Consortium", "{ consortia { nodes { practices { consortium { # } } } } }"),
            ("PracticeMembership", "{ consortia { nodes { practiceMemberships { # } } } }"),
            ("PracticeMembership", "{ gpPractice(code: \"A01001\") { memberships { # } } }"),
            ("CommissioningPlan", "{ consortia { nodes { commissioningPlans { # } } } }"),
        ]);
        Assert.True(ran > 40, $"only {ran} queries ran");
    }

    [Fact]
    public async Task The_NHS_CB_s_loaders_read_only_the_columns_selected()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        host.ResetStatements();
        var response = await host.ExecuteAsync("""
            { allocations(year: "2013-14") { consortium { code
                assurance(year: "2013-14") { rating dutyFindings { duty evidence { submittedAt } } checkpoints { quarter } }
                interventions(activeOnly: true) { kind } } } }
            """);
        Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
        var statements = host.StatementTexts;
        var assessments = StatementOf(statements, "AssuranceAssessments");
        Assert.Contains("\"Rating\"", assessments);
        foreach (var unneeded in new[] { "\"FinanceFinding\"", "\"QualityFinding\"", "\"Summary\"" }) Assert.DoesNotContain(unneeded, assessments);
        var findings = StatementOf(statements, "DutyFindings");
        Assert.DoesNotContain("\"Finding\"", findings);
        var checkpoints = StatementOf(statements, "AssuranceCheckpoints");
        Assert.DoesNotContain("\"Finding\"", checkpoints);
        var evidence = StatementOf(statements, "DutyEvidence");
        Assert.Contains("\"SubmittedAt\"", evidence);
        Assert.DoesNotContain("\"Summary\"", evidence);
        var interventions = StatementOf(statements, "Interventions");
        foreach (var needed in new[] { "\"Kind\"", "\"EndedOn\"", "\"ConsortiumCode\"" }) Assert.Contains(needed, interventions);
        Assert.DoesNotContain("\"Reason\"", interventions);
    }

    [Fact]
    public async Task Each_field_of_the_NHS_CB_s_projected_types_selected_alone_answers_as_with_whole_rows()
    {
        await using var host = await ModuleGraphHost.CreateAsync();
        const string Consortium = "{ allocations(year: \"2013-14\") { consortium { code # } } }";
        var ran = await AnswersAlikeAsync(host.Engine.Schema, (q, p) => host.ExecuteAsync(q, projections: p),
        [
            ("AssuranceAssessment", Consortium.Replace("#", "assurance(year: \"2013-14\") { # }")),
            ("DutyFinding", Consortium.Replace("#", "assurance(year: \"2013-14\") { dutyFindings { # } }")),
            ("AssuranceCheckpoint", Consortium.Replace("#", "assurance(year: \"2013-14\") { checkpoints { # } }")),
            ("DutyEvidence", Consortium.Replace("#", "dutyEvidence(year: \"2013-14\") { # }")),
            ("DutyEvidence", Consortium.Replace("#", "assurance(year: \"2013-14\") { dutyFindings { evidence { # } } }")),
            ("Intervention", Consortium.Replace("#", "interventions { # }")),
            ("Intervention", Consortium.Replace("#", "interventions(activeOnly: true) { # }")),
        ]);
        Assert.True(ran > 30, $"only {ran} queries ran");
    }

    /// <summary>For each (type, template), every field of the type in place of <c>#</c>: the same response with and without projections.</summary>
    private async Task<int> AnswersAlikeAsync(Engine.Types.Schema schema, Func<string, bool, Task<System.Text.Json.JsonElement>> execute,
        IReadOnlyList<(string Type, string Template)> lists)
    {
        var ran = 0;
        foreach (var (typeName, template) in lists)
        {
            var type = (Engine.Types.ObjectType)schema.GetType(typeName)!;
            foreach (var field in type.Fields.Values)
            {
                var query = template.Replace("#", Selection(field));
                var projected = await execute(query, true);
                var whole = await execute(query, false);
                Assert.True(whole.GetRawText() == projected.GetRawText(), $"{typeName}.{field.Name}:\n{query}\nwhole:     {whole.GetRawText()}\nprojected: {projected.GetRawText()}");
                Assert.True(projected.TryGetProperty("data", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Object, $"{query}: {projected.GetRawText()}");
                ran++;
            }
        }
        output.WriteLine($"{ran} single-field queries answered alike.");
        return ran;
    }

    /// <summary><c>field</c>, with the required arguments the demo data answers, and for an object its leaf fields one level down.</summary>
    private static string Selection(Engine.Types.FieldDefinition field)
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
}
