using System.Text;
using System.Text.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Server;
using Commissioning.Graph.Server.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// The leak suite (issue 13 "No leaks"): filtering or sorting on a field must not disclose what reading it would not.
/// Generated from the executing schema, so every list that gains a <c>where</c>/<c>order</c> is covered: for every list
/// field with a filter or sort input, every restricted term of it (a field, or a path through fields, with
/// <c>@policy</c> — on the field or its type — or <c>@suppressSmallNumbers</c>), and every demonstration organisation,
/// over HTTP with real tokens:
/// <list type="bullet">
/// <item>a filter on a value that matches rows and on one that matches none give byte-identical <c>errors</c>, and so do
/// sorts ascending and descending;</item>
/// <item>a list the filter or sort is refused on is null with <c>FORBIDDEN</c> at the list's path, and is refused exactly where
/// reading the term's field would be refused (the caller selecting it without a filter, same purpose): never allowed where
/// reading is not; refused where reading is allowed only for small-number-suppressed counts (their author only);</item>
/// <item>where it is allowed, <c>totalCount</c> counts exactly the rows the caller can read that match (none for the value that
/// matches nothing).</item>
/// </list>
/// The NHS CB states AUDIT; everyone else COMMISSIONING (own data needs no purpose). The list is reached from the query root
/// by the shortest path of argument-free fields (a parent list or connection covers every parent at once).
/// Those requests read whole lists under every parent (far above the default cost limit): they run on a server without
/// it; the cost refusals run on the default one (<c>limited</c>).
/// </summary>
public sealed class FilterLeakTests(AuthorizedGraphWithoutCostLimitFixture graph, AuthorizedGraphFixture limited, ITestOutputHelper output)
    : IClassFixture<AuthorizedGraphWithoutCostLimitFixture>, IClassFixture<AuthorizedGraphFixture>
{
    private const string Board = "X24";
    private const int Page = 100;

    private Schema Schema => graph.App.Services.GetRequiredService<GraphQLEndpointSchema>().Engine.Schema;

    // The support unit states the purpose that covers its clients' returns, so that their filters are judged on their rows.
    private static string PurposeOf(string caller) => caller == Board ? PurposeCoverage.Audit
        : caller == AuthorizationMatrixTests.SupportUnit ? PurposeOfUse.FinancialAssurance : PurposeOfUse.Commissioning;

    // ---- what the schema lists ----

    /// <summary>A list field with a filter and/or sort input, and how to reach it from the query root.</summary>
    private sealed record ListField(ObjectType Parent, FieldDefinition Field, IComplexOutputType Row, IReadOnlyList<Step> Route)
    {
        public override string ToString() => Parent.Name + "." + Field.Name;
    }

    /// <summary>One field on the way to a list: through a connection's <c>nodes</c>, or a plain (list of) object.</summary>
    private sealed record Step(string Field, bool ThroughNodes, string Arguments = "");

    // Required arguments the demonstration data answers for every parent (a financial year).
    private static readonly Dictionary<string, string> KnownArguments = new(StringComparer.Ordinal) { ["year"] = "\"2013-14\"" };

    /// <summary>A restricted term: the fields it goes through (object, list, leaf), how it is written, how it is read.</summary>
    private sealed record Term(IReadOnlyList<string> Path, IReadOnlyList<bool> Lists, string? EqType, bool Suppressed, string? InType = null)
    {
        public string Filter(string variable) => Nest(0, $"{{eq: ${variable}}}");
        public string Sort(string direction) => Nest(0, direction);
        private string Nest(int i, string leaf) => i == Path.Count ? leaf
            : Lists[i] && EqType is not null ? $"{{{Path[i]}: {{some: {Nest(i + 1, leaf)}}}}}" : $"{{{Path[i]}: {Nest(i + 1, leaf)}}}";
        public string Selection => Path.Reverse().Aggregate("", (inner, f) => inner.Length == 0 ? f : $"{f} {{ {inner} }}");
        public override string ToString() => string.Join(".", Path);
    }

    private IReadOnlyList<ListField> Lists()
    {
        var found = new List<ListField>();
        foreach (var type in Schema.Types.OfType<ObjectType>().Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal)))
        foreach (var field in type.Fields.Values)
        {
            var input = field.Arguments.Values.Select(a => Schema.GetNamedType(a.Type)).OfType<InputObjectType>()
                .FirstOrDefault(i => i.Name.EndsWith("FilterInput", StringComparison.Ordinal) || i.Name.EndsWith("SortInput", StringComparison.Ordinal));
            if (input is null) continue;
            var rowName = input.Name.EndsWith("FilterInput", StringComparison.Ordinal) ? input.Name[..^"FilterInput".Length] : input.Name[..^"SortInput".Length];
            // An object type, or an interface (organisations of every kind).
            var row = Assert.IsAssignableFrom<IComplexOutputType>(Schema.GetType(rowName));
            var route = RouteTo(type) ?? throw new Xunit.Sdk.XunitException($"{type.Name}.{field.Name}: no argument-free path from the query root reaches {type.Name}; teach the leak suite a route.");
            found.Add(new ListField(type, field, row, route));
        }
        return found;
    }

    // Breadth first from the query root through fields without required arguments, lists and connections first.
    private IReadOnlyList<Step>? RouteTo(ObjectType target)
    {
        if (ReferenceEquals(target, Schema.QueryType)) return [];
        var queue = new Queue<(ObjectType Type, IReadOnlyList<Step> Route)>([(Schema.QueryType!, [])]);
        var seen = new HashSet<string> { Schema.QueryType!.Name };
        while (queue.Count > 0)
        {
            var (type, route) = queue.Dequeue();
            if (route.Count >= 3) continue;
            var candidates = type.Fields.Values
                .Where(f => !f.Name.StartsWith('_') && f.Arguments.Values.All(a => a.Type is not NonNullType || a.DefaultValue is not null || KnownArguments.ContainsKey(a.Name)))
                .Select(f => (Field: f, Next: Schema.GetNamedType(f.Type) as ObjectType))
                .Where(c => c.Next is not null)
                .Select(c => c.Next!.Fields.TryGetValue("nodes", out var nodes) && Schema.GetNamedType(nodes.Type) is ObjectType element
                    ? (c.Field, Next: element, Nodes: true) : (c.Field, Next: c.Next!, Nodes: false))
                .OrderBy(c => c.Nodes || Schema.GetNullableType(c.Field.Type) is ListType ? 0 : 1);
            foreach (var (field, next, nodes) in candidates)
            {
                var required = field.Arguments.Values.Where(a => a.Type is NonNullType && a.DefaultValue is null).Select(a => $"{a.Name}: {KnownArguments[a.Name]}").ToList();
                IReadOnlyList<Step> here = [.. route, new Step(field.Name, nodes, required.Count == 0 ? "" : $"({string.Join(", ", required)})")];
                if (ReferenceEquals(next, target)) return here;
                if (seen.Add(next.Name)) queue.Enqueue((next, here));
            }
        }
        return null;
    }

    private bool IsRestricted(IComplexOutputType type, FieldDefinition field) =>
        AuthorizationRules.OfType((NamedType)type).And(AuthorizationRules.OfField(type, field)).HasPolicies || AuthorizationDirectives.SuppressesSmallNumbers(field);

    /// <summary>The restricted filter terms of <paramref name="input"/> over <paramref name="type"/>: leaves, through nested objects and lists (some).</summary>
    private IEnumerable<Term> FilterTerms(IComplexOutputType type, InputObjectType input, IReadOnlyList<string> path, IReadOnlyList<bool> lists, bool restricted, bool suppressed, int depth)
    {
        foreach (var member in input.Fields.Values)
        {
            if (member.Name is "and" or "or" || !type.Fields.TryGetValue(member.Name, out var field)) continue;
            var named = Schema.GetNamedType(member.Type);
            var isRestricted = restricted || IsRestricted(type, field);
            var isSuppressed = suppressed || AuthorizationDirectives.SuppressesSmallNumbers(field);
            if (named is not InputObjectType operations) continue;
            if (operations.Fields.TryGetValue("eq", out var eq))
            {
                if (isRestricted) yield return new Term([.. path, member.Name], [.. lists, false], Print(eq.Type), isSuppressed,
                    operations.Fields.TryGetValue("in", out var @in) ? Print(@in.Type, nonNull: true) : null);
            }
            else if (depth < 2 && Schema.GetNamedType(field.Type) is IComplexOutputType related)
            {
                var isList = operations.Fields.TryGetValue("some", out var some);
                var inner = isList ? (InputObjectType)Schema.GetNamedType(some!.Type) : operations;
                foreach (var t in FilterTerms(related, inner, [.. path, member.Name], [.. lists, isList], isRestricted, isSuppressed, depth + 1)) yield return t;
            }
        }
    }

    /// <summary>The restricted sort terms of <paramref name="input"/> over <paramref name="type"/>: leaves and nested objects.</summary>
    private IEnumerable<Term> SortTerms(IComplexOutputType type, InputObjectType input, IReadOnlyList<string> path, bool restricted, bool suppressed, int depth)
    {
        foreach (var member in input.Fields.Values)
        {
            if (!type.Fields.TryGetValue(member.Name, out var field)) continue;
            var isRestricted = restricted || IsRestricted(type, field);
            var isSuppressed = suppressed || AuthorizationDirectives.SuppressesSmallNumbers(field);
            var named = Schema.GetNamedType(member.Type);
            if (named is EnumType) { if (isRestricted) yield return new Term([.. path, member.Name], [.. path.Select(_ => false), false], null, isSuppressed); }
            else if (named is InputObjectType nested && depth < 2 && Schema.GetNamedType(field.Type) is IComplexOutputType related)
                foreach (var t in SortTerms(related, nested, [.. path, member.Name], isRestricted, isSuppressed, depth + 1)) yield return t;
        }
    }

    private static string Print(IGraphQLType type, bool nonNull = false) => type switch
    {
        NonNullType n => nonNull ? Print(n.OfType, nonNull) + "!" : Print(n.OfType),
        ListType l => $"[{Print(l.OfType, nonNull)}]",
        NamedType t => t.Name,
        _ => throw new InvalidOperationException(),
    };

    // ---- requests ----

    private static string Query(ListField list, string arguments, string selection, string? variables = null)
    {
        var inner = $"{list.Field.Name}({arguments}first: {Page}) {{ {selection} }}";
        foreach (var step in list.Route.Reverse())
            inner = step.ThroughNodes ? $"{step.Field}{step.Arguments} {{ nodes {{ {inner} }} }}" : $"{step.Field}{step.Arguments} {{ {inner} }}";
        return $"query Leak{(variables is null ? "" : $"({variables})")} {{ {inner} }}";
    }

    /// <summary>Every occurrence of the list in a response: its path (as errors give it) and value.</summary>
    private static List<(string Path, JsonElement Value)> Occurrences(ListField list, JsonElement data)
    {
        var found = new List<(string, JsonElement)>();
        void Walk(JsonElement at, int step, string path)
        {
            if (at.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in at.EnumerateArray()) Walk(item, step, $"{path}.{i++}");
                return;
            }
            if (at.ValueKind != JsonValueKind.Object) return;
            if (step == list.Route.Count)
            {
                found.Add(($"{path}.{list.Field.Name}".TrimStart('.'), at.TryGetProperty(list.Field.Name, out var v) ? v : default));
                return;
            }
            var s = list.Route[step];
            if (!at.TryGetProperty(s.Field, out var next) || next.ValueKind == JsonValueKind.Null) return;
            if (s.ThroughNodes) Walk(next.GetProperty("nodes"), step + 1, $"{path}.{s.Field}.nodes");
            else Walk(next, step + 1, $"{path}.{s.Field}");
        }
        Walk(data, 0, "");
        return found;
    }

    private static IEnumerable<JsonElement> Leaves(JsonElement node, IReadOnlyList<string> path, int i = 0)
    {
        if (node.ValueKind == JsonValueKind.Array) return node.EnumerateArray().SelectMany(n => Leaves(n, path, i));
        if (i == path.Count) return [node];
        return node.ValueKind == JsonValueKind.Object && node.TryGetProperty(path[i], out var next) ? Leaves(next, path, i + 1) : [];
    }

    /// <summary>The response's errors, in a canonical order: sibling list items complete concurrently, so the order errors
    /// are raised in depends on timing (as in graphql-js), never on the data; the errors themselves must be identical.</summary>
    private static string ErrorsJson(GraphResponse r) =>
        r.Body.ValueKind == JsonValueKind.Object && r.Body.TryGetProperty("errors", out var e)
            ? "[" + string.Join(",", e.EnumerateArray().Select(x => x.GetRawText()).Order(StringComparer.Ordinal)) + "]"
            : "";

    private static bool RefusedAt(GraphResponse r, string path, bool orBelow) => r.Errors.Any(e =>
        GraphResponse.CodeOf(e) is ErrorCodes.Forbidden or ErrorCodes.Unauthenticated && e.TryGetProperty("path", out var p)
        && string.Join(".", p.EnumerateArray().Select(s => s.ToString())) is var at && (at == path || (orBelow && at.StartsWith(path + ".", StringComparison.Ordinal))));

    /// <summary>A value of the leaf's type that no row holds: absent from <paramref name="seen"/>; null when there is none.</summary>
    private object? Absent(string eqType, IReadOnlyList<JsonElement> seen)
    {
        var texts = seen.Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()).ToHashSet();
        return eqType switch
        {
            "Int" => (seen.Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetInt64()).DefaultIfEmpty(0).Max() + 1000),
            "Decimal" or "Float" => 987654321.25m,
            "Date" => "1900-01-02",
            "DateTime" => "1900-01-02T03:04:05Z",
            "Boolean" => texts.Contains("true") ? (texts.Contains("false") ? null : false) : true,
            _ when Schema.GetType(eqType) is EnumType e => e.Values.Keys.FirstOrDefault(v => !texts.Contains(v)),
            _ => "no such value 7f3a",
        };
    }

    // ---- the suite ----

    /// <summary>What one list, term and caller showed: the failures found, and how many lists were refused, allowed, counted.</summary>
    private sealed class Tally
    {
        public readonly List<string> Failures = [];
        public int Refused, Allowed, Counted;

        public void Add(Tally other)
        {
            Failures.AddRange(other.Failures);
            Refused += other.Refused; Allowed += other.Allowed; Counted += other.Counted;
        }
    }

    // A term is refused to a reader when the list is, or any error falls under the term's first field of an item.
    private static bool ReadRefused(GraphResponse read, string path, Term term) =>
        RefusedAt(read, path, orBelow: false) || read.Errors.Any(e =>
            GraphResponse.CodeOf(e) is ErrorCodes.Forbidden or ErrorCodes.Unauthenticated && e.TryGetProperty("path", out var p)
            && p.EnumerateArray().Select(x => x.ToString()).ToList() is var at && string.Join(".", at).StartsWith(path + ".nodes.", StringComparison.Ordinal)
            && at.Count > path.Split('.').Length + 2 && at[path.Split('.').Length + 2] == term.Path[0]);

    /// <summary>Refused and allowed lists of one request against the read of the same caller.</summary>
    private static void Judge(Tally tally, ListField list, Term term, string at, GraphResponse response, GraphResponse read)
    {
        foreach (var (path, value) in Occurrences(list, DataOf(response)))
        {
            var isRefused = RefusedAt(response, path, orBelow: false);
            var readRefused = ReadRefused(read, path, term);
            if (isRefused) tally.Refused++; else tally.Allowed++;
            if (isRefused && value.ValueKind != JsonValueKind.Null) tally.Failures.Add($"{at} at {path}: refused but not null");
            if (!isRefused && readRefused) tally.Failures.Add($"{at} at {path}: allowed, but reading {term} there is refused: a leak");
            if (isRefused && !readRefused && !term.Suppressed) tally.Failures.Add($"{at} at {path}: refused, but reading {term} there is allowed");
        }
    }

    private static JsonElement DataOf(GraphResponse r) =>
        r.Body.ValueKind == JsonValueKind.Object && r.Body.TryGetProperty("data", out var d) ? d : throw new Xunit.Sdk.XunitException($"No data: {r}");

    [Fact]
    public async Task Filters_and_sorts_on_restricted_fields_are_refused_identically_whatever_the_rows_and_exactly_where_reading_is()
    {
        var callers = AuthorizationMatrixTests.Callers;
        var lists = Lists();
        Assert.NotEmpty(lists);
        // Every list is found from the schema, the organisations (an interface's rows) and the register among them.
        foreach (var expected in new[] { "Query.organisations", "Query.disclosures", "Consortium.practicesConnection", "Consortium.financialReturns" })
            Assert.Contains(lists, l => l.ToString() == expected);
        int filterCases = 0, sortCases = 0;
        var total = new Tally();
        foreach (var list in lists)
        {
            var where = list.Field.Arguments.GetValueOrDefault("where") is { } w ? Schema.GetNamedType(w.Type) as InputObjectType : null;
            var order = list.Field.Arguments.GetValueOrDefault("order") is { } o ? Schema.GetNamedType(o.Type) as InputObjectType : null;
            var filterTerms = where is null ? [] : FilterTerms(list.Row, where, [], [], false, false, 0).ToList();
            var sortTerms = order is null ? [] : SortTerms(list.Row, order, [], false, false, 0).ToList();
            output.WriteLine($"{list}: {filterTerms.Count} restricted filter terms, {sortTerms.Count} restricted sort terms");
            if (filterTerms.Count + sortTerms.Count == 0) continue;

            // What each caller reads of every term's fields without a filter (the oracle), and the values the rows hold,
            // as the NHS CB reads them (AUDIT).
            var selection = "totalCount nodes { " + string.Join(" ", filterTerms.Concat(sortTerms).Select(t => t.Selection).Distinct()) + " }";
            var reads = (await Task.WhenAll(callers.Select(c => graph.PostAsync(c, Query(list, "", selection), purpose: PurposeOf(c)))))
                .Select((r, i) => (Caller: callers[i], Read: r)).ToDictionary(x => x.Caller, x => x.Read);
            var census = reads[Board];

            foreach (var term in filterTerms)
            {
                var seen = Occurrences(list, DataOf(census)).Where(o => o.Value.ValueKind == JsonValueKind.Object)
                    .SelectMany(o => Leaves(o.Value.GetProperty("nodes"), term.Path)).Where(v => v.ValueKind != JsonValueKind.Null).ToList();
                if (seen.Count == 0) { total.Failures.Add($"{list} where {term}: no row holds a value to filter on"); continue; }
                var present = seen[0];
                // A value no row holds; when every value of the type is held (an enum), an empty "in" matches none instead.
                // "Held" is what any caller reads, not only the census: the NHS CB never reads drafts, which their authors and
                // the HWB's local authority do, so a status absent from its read (DRAFT) is not absent from theirs.
                var held = reads.Values.SelectMany(r => Occurrences(list, DataOf(r)).Where(o => o.Value.ValueKind == JsonValueKind.Object))
                    .SelectMany(o => Leaves(o.Value.GetProperty("nodes"), term.Path)).Where(v => v.ValueKind != JsonValueKind.Null).ToList();
                var absent = Absent(term.EqType!, held);
                if (absent is null && term.InType is null) { output.WriteLine($"  {term}: every value of its type is held and it has no in; skipped"); continue; }
                var (query, matchingValue, nonMatchingValue) = absent is not null
                    ? (Query(list, $"where: {term.Filter("v")}, ", "totalCount nodes { __typename }", $"$v: {term.EqType}"), (object)present, absent)
                    : (Query(list, $"where: {term.Filter("v").Replace("{eq: $v}", "{in: $v}")}, ", "totalCount nodes { __typename }", $"$v: {term.InType}"),
                        new[] { present }, Array.Empty<JsonElement>());
                var tallies = await Task.WhenAll(callers.Select(async caller =>
                {
                    var tally = new Tally();
                    var purpose = PurposeOf(caller);
                    var matching = await graph.PostAsync(caller, query, new Dictionary<string, object?> { ["v"] = matchingValue }, purpose: purpose);
                    var nonMatching = await graph.PostAsync(caller, query, new Dictionary<string, object?> { ["v"] = nonMatchingValue }, purpose: purpose);
                    var at = $"{list} where {term} as {caller}";
                    if (ErrorsJson(matching) != ErrorsJson(nonMatching))
                        tally.Failures.Add($"{at}: errors differ with and without matching rows:\n  {ErrorsJson(matching)}\n  {ErrorsJson(nonMatching)}");
                    var read = reads[caller];
                    Judge(tally, list, term, at, matching, read);
                    var readLists = Occurrences(list, DataOf(read)).ToDictionary(x => x.Path, x => x.Value);
                    foreach (var (path, value) in Occurrences(list, DataOf(matching)))
                    {
                        if (RefusedAt(matching, path, orBelow: false) || ReadRefused(read, path, term)
                            || !readLists.TryGetValue(path, out var readList) || readList.ValueKind != JsonValueKind.Object) continue;
                        // totalCount counts the readable rows that match, and none for a value no row holds.
                        if (readList.GetProperty("totalCount").GetInt32() != readList.GetProperty("nodes").GetArrayLength())
                            tally.Failures.Add($"{at} at {path}: more rows than one page of {Page}; the count cannot be checked");
                        var expected = readList.GetProperty("nodes").EnumerateArray()
                            .Count(n => Leaves(n, term.Path).Any(v => v.GetRawText() == present.GetRawText()));
                        var other = Occurrences(list, DataOf(nonMatching)).Single(x => x.Path == path).Value;
                        if (value.GetProperty("totalCount").GetInt32() != expected || other.GetProperty("totalCount").GetInt32() != 0)
                            tally.Failures.Add($"{at} at {path}: totalCount {value.GetProperty("totalCount")} (expected {expected}) with $v = "
                                + $"{JsonSerializer.Serialize(matchingValue)} and {other.GetProperty("totalCount")} (expected 0) with $v = {JsonSerializer.Serialize(nonMatchingValue)}");
                        tally.Counted++;
                    }
                    return tally;
                }));
                foreach (var t in tallies) total.Add(t);
                filterCases += callers.Length;
            }

            foreach (var term in sortTerms)
            {
                var tallies = await Task.WhenAll(callers.Select(async caller =>
                {
                    var tally = new Tally();
                    var purpose = PurposeOf(caller);
                    var ascending = await graph.PostAsync(caller, Query(list, $"order: [{term.Sort("ASC")}], ", "totalCount"), purpose: purpose);
                    var descending = await graph.PostAsync(caller, Query(list, $"order: [{term.Sort("DESC")}], ", "totalCount"), purpose: purpose);
                    var at = $"{list} order {term} as {caller}";
                    if (ErrorsJson(ascending) != ErrorsJson(descending))
                        tally.Failures.Add($"{at}: errors differ ascending and descending:\n  {ErrorsJson(ascending)}\n  {ErrorsJson(descending)}");
                    Judge(tally, list, term, at, ascending, reads[caller]);
                    return tally;
                }));
                foreach (var t in tallies) total.Add(t);
                sortCases += callers.Length;
            }
        }
        output.WriteLine($"{filterCases} filter cases and {sortCases} sort cases (two requests each): {total.Refused} lists refused, {total.Allowed} allowed, {total.Counted} totalCounts checked");
        Assert.True(total.Failures.Count == 0, string.Join("\n", total.Failures.Take(30)) + (total.Failures.Count > 30 ? $"\n… {total.Failures.Count - 30} more" : ""));
        Assert.True(filterCases > 0 && sortCases > 0 && total.Refused > 0 && total.Allowed > 0 && total.Counted > 0,
            $"The suite tested nothing of substance: {filterCases} filter cases, {sortCases} sort cases, {total.Refused} refused, {total.Allowed} allowed, {total.Counted} counts.");
    }

    [Fact]
    public async Task The_NHS_CB_may_filter_and_sort_every_consortiums_returns_and_a_consortium_its_own_only()
    {
        const string query = """
            query Leak($status: FinancialReturnStatus) { consortia(first: 100) { nodes { code
              financialReturns(where: {status: {eq: $status}}, order: [{month: DESC}], first: 100) { totalCount } } } }
            """;
        var board = await graph.PostAsync(Board, query, new { status = "SUBMITTED" }, purpose: PurposeCoverage.Audit);
        Assert.Empty(board.Errors);
        var consortia = board.Data.GetProperty("consortia").GetProperty("nodes").EnumerateArray().ToList();
        Assert.True(consortia.Count >= 3);
        Assert.All(consortia, c => Assert.Equal(JsonValueKind.Object, c.GetProperty("financialReturns").ValueKind));
        foreach (var code in consortia.Select(c => c.GetProperty("code").GetString()!))
        {
            var own = await graph.PostAsync(code, query, new { status = "SUBMITTED" }, purpose: null);
            foreach (var (node, i) in own.Data.GetProperty("consortia").GetProperty("nodes").EnumerateArray().Select((n, i) => (n, i)))
            {
                var mine = node.GetProperty("code").GetString() == code;
                Assert.Equal(mine, node.GetProperty("financialReturns").ValueKind == JsonValueKind.Object);
                Assert.Equal(!mine, own.ErrorsAt($"consortia.nodes.{i}.financialReturns").Any(e => GraphResponse.CodeOf(e) == ErrorCodes.Forbidden));
            }
        }
    }

    [Fact]
    public async Task Hostile_filters_are_refused_by_the_cost_limit_before_anything_runs()
    {
        var deep = Enumerable.Range(0, 14).Aggregate("{status: {eq: SUBMITTED}}", (w, _) => $"{{or: [{w}]}}");
        var nested = await limited.PostAsync(Board, $"{{ consortium(code: \"01A\") {{ financialReturns(where: {deep}) {{ totalCount }} }} }}", purpose: PurposeCoverage.Audit);
        var longIn = await limited.PostAsync(Board, """
            query Leak($m: [Int!]) { consortium(code: "01A") {
              financialReturns(where: {and: [{or: [{month: {in: $m}}, {version: {in: $m}}, {rowVersion: {in: $m}}]}]}) { totalCount } } }
            """, new { m = Enumerable.Range(1, 1000).ToArray() }, purpose: PurposeCoverage.Audit);
        foreach (var refused in new[] { nested, longIn })
        {
            Assert.True(refused.Errors.Count == 1 && GraphResponse.CodeOf(refused.Errors[0]) == ErrorCodes.CostLimitExceeded, refused.ToString());
            Assert.False(refused.Body.TryGetProperty("data", out _), refused.ToString());
            Assert.True(refused.Body.GetProperty("extensions").GetProperty("cost").GetProperty("requested").GetDouble() > 10_000, refused.ToString());
        }
        // The same filter, flat, is cheap.
        var flat = await limited.PostAsync(Board, """{ consortium(code: "01A") { financialReturns(where: {status: {eq: SUBMITTED}}) { totalCount } } }""", purpose: PurposeCoverage.Audit);
        Assert.Empty(flat.Errors);
    }

    [Fact]
    public async Task Without_a_purpose_the_NHS_CB_filtering_anothers_returns_is_refused_for_its_purpose_whatever_the_rows()
    {
        const string query = """
            query Leak($status: FinancialReturnStatus) { consortium(code: "01A") {
              financialReturns(where: {status: {eq: $status}}, first: 100) { totalCount } } }
            """;
        var matching = await graph.PostAsync(Board, query, new { status = "SUBMITTED" }, purpose: null);
        var nonMatching = await graph.PostAsync(Board, query, new { status = "QUERIED" }, purpose: null);
        Assert.Equal(ErrorsJson(matching), ErrorsJson(nonMatching));
        var error = Assert.Single(matching.ErrorsAt("consortium.financialReturns"));
        Assert.Equal(ErrorCodes.Forbidden, GraphResponse.CodeOf(error));
        Assert.Equal(DenialReasons.PurposeRequired, error.GetProperty("extensions").GetProperty("reason").GetString());
    }
}
