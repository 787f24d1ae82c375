using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Lists;
using Commissioning.Graph.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Host.Tests.Policies;

/// <summary>
/// The access check of list filters and sorts (<see cref="FilterAccess"/>), called directly against the executing schema
/// of the whole graph and the demonstration directory: a term is allowed only when the caller may read the field on every
/// row the list can contain; otherwise FORBIDDEN with the reason, the field's coordinate and the argument.
/// </summary>
public sealed class FilterAccessTests(SeededServices seeded) : IClassFixture<SeededServices>
{
    private static readonly ListVisibility Unfiltered = new([], null);

    private static FieldTerm Term(params string[] coordinates) =>
        new(coordinates.Select(c => c.Split('.')).Select(p => new FieldCoordinate(p[0], p[1])).ToList());

    /// <summary>The refusal's extensions as JSON (null when allowed).</summary>
    private async Task<string?> CheckAsync(string? caller, string? purpose, ListVisibility visibility, string argument, params FieldTerm[] terms)
    {
        var schema = seeded.App.Services.GetRequiredService<GraphQLEndpointSchema>().Engine.Schema;
        await using var scope = seeded.App.Services.CreateAsyncScope();
        var ctx = new ListFieldContext(schema, scope.ServiceProvider, new RequestScope(caller is null ? null : AuthorizationSubject.For(caller, purpose: purpose)));
        try
        {
            await FilterAccess.EnsureAllowedAsync(ctx, argument, terms, visibility);
            return null;
        }
        catch (GraphQLException e)
        {
            var error = Assert.Single(e.Errors);
            return JsonSerializer.Serialize(new { error.Message, error.Extensions });
        }
    }

    private static void AssertRefused(string? refusal, string code, string reason, string coordinate, string argument)
    {
        Assert.NotNull(refusal);
        var extensions = JsonDocument.Parse(refusal).RootElement.GetProperty("Extensions");
        Assert.Equal(code, extensions.GetProperty("code").GetString());
        Assert.Equal(reason, extensions.GetProperty("reason").GetString());
        Assert.Equal(coordinate, extensions.GetProperty("coordinate").GetString());
        Assert.Equal(argument, extensions.GetProperty("argument").GetString());
    }

    [Fact]
    public async Task The_NHS_CB_may_filter_returns_on_any_field_nhscb_allows_because_its_rule_holds_for_every_row() =>
        Assert.Null(await CheckAsync("X24", PurposeCoverage.FinancialAssurance, Unfiltered, "where",
            Term("FinancialReturn.status"), Term("FinancialReturn.month"), Term("FinancialReturn.programmeTotals", "FinancialFigures.forecastOutturn")));

    [Fact]
    public async Task A_consortium_may_not_filter_or_sort_a_list_that_may_hold_others_returns()
    {
        AssertRefused(await CheckAsync("01A", PurposeCoverage.FinancialAssurance, Unfiltered, "where", Term("FinancialReturn.status")),
            ErrorCodes.Forbidden, DenialReasons.Policy, "FinancialReturn.status", "where");
        AssertRefused(await CheckAsync("01A", PurposeCoverage.FinancialAssurance, Unfiltered, "order", Term("FinancialReturn.month")),
            ErrorCodes.Forbidden, DenialReasons.Policy, "FinancialReturn.month", "order");
    }

    [Fact]
    public async Task A_consortium_may_filter_its_own_returns_without_a_purpose()
    {
        var own = new ListVisibility([], "01A");
        Assert.Null(await CheckAsync("01A", null, own, "where", Term("FinancialReturn.status"), Term("FinancialReturn.programmeTotals", "FinancialFigures.plan")));
        Assert.Null(await CheckAsync("01A", null, own, "order", Term("FinancialReturn.month")));
    }

    [Fact]
    public async Task Another_consortiums_returns_are_refused_at_the_first_field_of_the_path_it_may_not_read() =>
        AssertRefused(await CheckAsync("02B", PurposeCoverage.FinancialAssurance, new ListVisibility([], "01A"), "where",
                Term("FinancialReturn.programmeTotals", "FinancialFigures.plan")),
            ErrorCodes.Forbidden, DenialReasons.Policy, "FinancialReturn.programmeTotals", "where");

    [Fact]
    public async Task Rows_filtered_by_the_fields_own_rule_may_be_filtered_on_by_anyone_they_admit()
    {
        // Every row passes self or nhscb; for a consortium nhscb admits none, so every row is its own: no purpose needed.
        var byRule = new ListVisibility(["self", "nhscb"], null);
        Assert.Null(await CheckAsync("02B", null, byRule, "where", Term("FinancialReturn.status")));
        Assert.Null(await CheckAsync("X24", PurposeCoverage.Assurance, byRule, "order", Term("FinancialReturn.month")));
    }

    [Fact]
    public async Task Purpose_limitation_applies_to_filtered_fields_as_to_read_ones()
    {
        AssertRefused(await CheckAsync("X24", null, Unfiltered, "where", Term("FinancialReturn.status")),
            ErrorCodes.Forbidden, DenialReasons.PurposeRequired, "FinancialReturn.status", "where");
        AssertRefused(await CheckAsync("X24", PurposeCoverage.Jsna, Unfiltered, "order", Term("FinancialReturn.month")),
            ErrorCodes.Forbidden, DenialReasons.PurposeNotPermitted, "FinancialReturn.month", "order");
        // AUDIT is universal for the NHS CB.
        Assert.Null(await CheckAsync("X24", PurposeCoverage.Audit, Unfiltered, "where", Term("FinancialReturn.status")));
    }

    [Fact]
    public async Task The_NHS_CB_may_not_filter_contributions_on_restricted_fields_since_its_rule_excludes_drafts()
    {
        AssertRefused(await CheckAsync("X24", PurposeCoverage.Jsna, Unfiltered, "where", Term("JsnaContribution.topic")),
            ErrorCodes.Forbidden, DenialReasons.Policy, "JsnaContribution.topic", "where");
        // … but may when the list's rows are filtered by the rule.
        Assert.Null(await CheckAsync("X24", PurposeCoverage.Jsna, new ListVisibility(["hwbPartner", "nhscb", "jsnaAuthor"], null), "where",
            Term("JsnaContribution.topic")));
    }

    [Fact]
    public async Task Small_number_suppressed_counts_may_be_filtered_only_by_their_author()
    {
        var numerator = Term("JsnaContribution.indicators", "JsnaIndicator.numerator");
        var visible = new ListVisibility(["hwbPartner", "nhscb", "jsnaAuthor"], null);
        AssertRefused(await CheckAsync("X24", PurposeCoverage.Jsna, visible, "where", numerator),
            ErrorCodes.Forbidden, DenialReasons.SmallNumbers, "JsnaIndicator.numerator", "where");
        AssertRefused(await CheckAsync("E10000001", PurposeCoverage.Jsna, visible, "order", numerator),
            ErrorCodes.Forbidden, DenialReasons.SmallNumbers, "JsnaIndicator.numerator", "order");
        Assert.Null(await CheckAsync("02B", null, new ListVisibility([], "02B"), "where", numerator));
        Assert.Null(await CheckAsync("02B", null, new ListVisibility(["self"], null), "where", numerator));
    }

    [Fact]
    public async Task Fields_that_need_only_authentication_may_be_filtered_by_any_organisation_but_not_anonymously()
    {
        Assert.Null(await CheckAsync("RNV", null, Unfiltered, "where", Term("Consortium.name")));
        AssertRefused(await CheckAsync(null, null, Unfiltered, "where", Term("Consortium.name")),
            ErrorCodes.Unauthenticated, DenialReasons.NotAuthenticated, "Consortium.name", "where");
    }

    [Fact]
    public async Task A_field_the_schema_lacks_is_refused()
    {
        AssertRefused(await CheckAsync("X24", PurposeCoverage.Audit, Unfiltered, "where", Term("FinancialReturn.secret")),
            ErrorCodes.Forbidden, DenialReasons.Policy, "FinancialReturn.secret", "where");
    }

    [Fact]
    public async Task The_refusal_is_the_same_for_every_caller_who_may_not_and_depends_on_no_row()
    {
        // Nothing of the rows is an input: the same caller and term give byte-identical refusals, whatever the list holds.
        var first = await CheckAsync("03C", PurposeCoverage.FinancialAssurance, new ListVisibility([], "01A"), "where", Term("FinancialReturn.status"));
        var second = await CheckAsync("03C", PurposeCoverage.FinancialAssurance, new ListVisibility([], "02B"), "where", Term("FinancialReturn.status"));
        Assert.NotNull(first);
        Assert.Equal(first, second);
    }

    /// <summary>A list field's resolve context over the executing schema (what <see cref="FilterAccess"/> reads: schema, scope, services).</summary>
    private sealed class ListFieldContext(Schema schema, IServiceProvider services, RequestScope request) : IResolveContext
    {
        public object? Source => null;
        public IReadOnlyDictionary<string, object?> Arguments { get; } = new Dictionary<string, object?>();
        public FieldDefinition FieldDefinition => schema.QueryType!.Fields.Values.First();
        public ObjectType ParentType => schema.QueryType!;
        public IReadOnlyList<FieldNode> FieldNodes => [];
        public string ResponseKey => "list";
        public IReadOnlyList<object> Path => ["list"];
        public Schema Schema => schema;
        public OperationDefinitionNode Operation => throw new NotSupportedException();
        public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; } = new Dictionary<string, FragmentDefinitionNode>();
        public IReadOnlyDictionary<string, object?> VariableValues { get; } = new Dictionary<string, object?>();
        public object? RootValue => null;
        public IServiceProvider? Services => services;
        public RequestScope Scope => request;
        public CancellationToken CancellationToken => CancellationToken.None;
    }
}
