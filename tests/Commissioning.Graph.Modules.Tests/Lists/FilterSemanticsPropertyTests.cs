using System.Globalization;
using Commissioning.Graph.Modules.Commissioning;
using Commissioning.Graph.Modules.Commissioning.Graph;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Lists;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Commissioning.Graph.Modules.Tests.Lists;

/// <summary>
/// Property-based: random <c>where</c> filters and <c>order</c>s over random financial returns, run as SQL by the list translator
/// and keyset pager, must give exactly the rows, in exactly the order, that an independent LINQ-to-objects reading of the same
/// filter gives over the same rows (read back from the database). The seed is printed; set LISTS_SEED to replay another.
/// On SQL Server (no server here) every generated query must translate (<c>ToQueryString</c>).
/// </summary>
public sealed class FilterSemanticsPropertyTests(ITestOutputHelper output)
{
    private const int Cases = 500;
    internal static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("LISTS_SEED"), out var s) ? s : 20261203;

    /// <summary>The production shape's fields plus a decimal and a nullable decimal-free string to sort on (the translator is what is tested).</summary>
    private static readonly ListShape<FinancialReturn> Shape = ListShape<FinancialReturn>.Keyed("FinancialReturn", r => r.Id)
        .String("year", r => r.Year)
        .Int("month", r => r.Month)
        .Int("version", r => r.Version)
        .Enum("status", "FinancialReturnStatus", r => r.Status)
        .DateTime("createdAt", r => r.CreatedAt)
        .DateTime("submittedAt", r => r.SubmittedAt)
        .String("queryReason", r => r.QueryReason)
        .Decimal("runningCostsPlan", r => r.RunningCostsPlan)
        .Object("consortium", CommissioningLists.Consortium, (CommissioningDbContext db, FinancialReturn r) => db.Consortia.FirstOrDefault(c => c.Code == r.ConsortiumCode))
        .List("lines", CommissioningLists.FinancialReturnLine, (CommissioningDbContext db, FinancialReturn r) => r.Lines);

    private static readonly string[] Years = ["2012-13", "2013-14", "2014-15"];
    private static readonly string[] Reasons = ["Late", "late figures", "LATE", "Missing lines", "missing", "Query: capital", "a%b_c"];
    private static readonly string[] Fragments = ["", "late", "Late", "LATE", "miss", "ing", "%", "_", "a%b", "13", "2013-", "-14", "x", "Query"];
    private static readonly string[] ConsortiumNames = ["Alder Vale", "alder vale", "Birch", "Cedar Ridge", "cedar", "Elm %Park"];
    private static readonly DateTime Epoch = new(2013, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<DatabaseProvider> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Random_filters_and_orders_select_and_order_exactly_the_rows_LINQ_to_objects_does(DatabaseProvider provider)
    {
        output.WriteLine($"Seed {Seed} ({Cases} cases on {provider}); replay with LISTS_SEED={Seed}.");
        await using var database = await TestDatabase.CreateAsync(provider);
        var random = new Random(Seed);
        await SeedAsync(database, random);

        await using var db = database.Commissioning();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        // One connection for every case (the test databases do not pool connections).
        await db.Database.OpenConnectionAsync();
        var rows = await db.FinancialReturns.Include(r => r.Lines).OrderBy(r => r.Id).ToListAsync();
        var consortia = await db.Consortia.ToDictionaryAsync(c => c.Code);
        var nonEmpty = 0;
        for (var i = 0; i < Cases; i++)
        {
            var where = Filter(random, 0);
            var order = Order(random);
            var arguments = new Dictionary<string, object?> { ["where"] = where, ["order"] = order, ["first"] = 100 };
            var context = $"case {i} (seed {Seed}): where {Show(where)} order {Show(order)}";
            var request = Parse(arguments, context);

            var expected = rows.Where(r => Holds(where, r, consortia)).ToList();
            expected.Sort(Comparer(order, consortia));
            var matching = db.FinancialReturns.AsQueryable();
            if (request.Where(db) is { } predicate) matching = matching.Where(predicate);
            var actual = await Keyset.Page(matching, request, db, 101).Select(r => r.Row.Id).ToListAsync();
            Assert.True(expected.Select(r => r.Id).SequenceEqual(actual),
                $"{context}\n expected {string.Join(",", expected.Select(r => r.Id))}\n actual   {string.Join(",", actual)}");
            if (expected.Count > 0) nonEmpty++;

            // Every tenth case also pages through, forward and backward, with a random page size.
            if (i % 10 == 0) await PageThroughAsync(db, arguments, expected.Select(r => r.Id).ToList(), random.Next(1, 7), context);
        }
        output.WriteLine($"{nonEmpty} of {Cases} cases matched at least one row.");
        // The generator is worth something only if it finds rows as well as excludes them.
        Assert.InRange(nonEmpty, Cases / 5, Cases - Cases / 10);
    }

    internal static ListRequest<FinancialReturn> Parse(Dictionary<string, object?> arguments, string context) =>
        ListRequest.Parse(Shape, arguments, null, message => new InvalidOperationException($"{context}: {message}"));

    private static async Task PageThroughAsync(CommissioningDbContext db, Dictionary<string, object?> arguments, List<int> expected, int size, string context)
    {
        foreach (var backward in new[] { false, true })
        {
            var seen = new List<int>();
            string? cursor = null;
            for (var guard = 0; guard <= expected.Count + 1; guard++)
            {
                var args = new Dictionary<string, object?>(arguments) { ["first"] = null };
                args[backward ? "last" : "first"] = size;
                args[backward ? "before" : "after"] = cursor;
                var request = Parse(args, context);
                var matching = db.FinancialReturns.AsQueryable();
                if (request.Where(db) is { } predicate) matching = matching.Where(predicate);
                var page = await Keyset.Page(matching, request, db, size + 1).ToListAsync();
                var taken = page.Take(size).ToList();
                if (backward) taken.Reverse();
                var ids = taken.Select(r => r.Row.Id).ToList();
                if (backward) seen.InsertRange(0, ids); else seen.AddRange(ids);
                if (page.Count <= size) break;
                var edge = backward ? taken[0] : taken[^1];
                cursor = Cursor.Encode(request.Order, Shape.TypeName, edge.Keys(request.Order.Count));
            }
            Assert.True(expected.SequenceEqual(seen), $"{context} paged {(backward ? "backward" : "forward")} by {size}\n expected {string.Join(",", expected)}\n seen     {string.Join(",", seen)}");
        }
    }

    // ---- Data

    private static async Task SeedAsync(TestDatabase database, Random random)
    {
        await using var db = database.Commissioning();
        var codes = new List<string>();
        for (var i = 0; i < ConsortiumNames.Length; i++)
        {
            var code = $"P{i:00}";
            codes.Add(code);
            db.Consortia.Add(new Consortium { Code = code, Name = ConsortiumNames[i], RegisteredPopulation = random.Next(0, 5) * 1000, Area = random.Next(3) == 0 ? null : "Area " + i });
        }
        var periods = new HashSet<(string, string, int, int)>();
        while (periods.Count < 80)
            periods.Add((codes[random.Next(codes.Count)], Years[random.Next(Years.Length)], random.Next(1, 13), random.Next(1, 4)));
        foreach (var (code, year, month, version) in periods)
        {
            var r = new FinancialReturn { ConsortiumCode = code, Year = year, Month = month, Version = version, CreatedAt = Epoch.AddHours(random.Next(0, 24 * 40)) };
            foreach (var category in Enum.GetValues<ProgrammeBudgetCategory>().OrderBy(_ => random.Next()).Take(random.Next(0, 4)))
                r.SetLine(category, Money(random), Money(random), Money(random));
            r.SetRunningCosts(Money(random), Money(random), Money(random));
            db.FinancialReturns.Add(r);
            var status = Enum.GetValues<FinancialReturnStatus>()[random.Next(4)];
            db.Entry(r).Property(x => x.Status).CurrentValue = status;
            if (status != FinancialReturnStatus.Draft || random.Next(4) == 0)
                db.Entry(r).Property(x => x.SubmittedAt).CurrentValue = r.CreatedAt.AddHours(random.Next(0, 24 * 5));
            if (random.Next(3) == 0) db.Entry(r).Property(x => x.QueryReason).CurrentValue = Reasons[random.Next(Reasons.Length)];
        }
        await db.SaveChangesAsync();
    }

    private static decimal Money(Random random) => random.Next(0, 6) == 0 ? 0m : random.Next(0, 2000) * 12.5m + random.Next(0, 100) / 100m;

    // ---- Generators

    internal static Dictionary<string, object?> Filter(Random random, int depth)
    {
        var filter = new Dictionary<string, object?>();
        var count = random.Next(depth == 0 ? 1 : 0, 3);
        for (var i = 0; i < count; i++)
        {
            var choice = random.Next(depth < 2 ? 14 : 11);
            switch (choice)
            {
                case 0: filter["year"] = StringOps(random, Years.Concat(["2013"]).ToArray()); break;
                case 1: filter["month"] = Comparable(random, () => random.Next(0, 14)); break;
                case 2: filter["version"] = Comparable(random, () => random.Next(0, 5)); break;
                case 3: filter["status"] = EnumOps(random, ["DRAFT", "SUBMITTED", "ACCEPTED", "QUERIED"]); break;
                case 4: filter["createdAt"] = Comparable(random, () => Epoch.AddHours(random.Next(0, 24 * 40)).ToString("o", CultureInfo.InvariantCulture)); break;
                case 5: filter["submittedAt"] = Comparable(random, () => Epoch.AddHours(random.Next(0, 24 * 45)).ToString("o", CultureInfo.InvariantCulture), nullable: true); break;
                case 6: filter["queryReason"] = StringOps(random, Reasons, nullable: true); break;
                case 7: filter["runningCostsPlan"] = Comparable(random, () => Money(random).ToString(CultureInfo.InvariantCulture)); break;
                case 8:
                    filter["consortium"] = random.Next(3) switch
                    {
                        0 => new Dictionary<string, object?> { ["name"] = StringOps(random, ConsortiumNames) },
                        1 => new Dictionary<string, object?> { ["code"] = EnumOps(random, ["P00", "P01", "P02", "P03", "P09"]) },
                        _ => new Dictionary<string, object?> { ["registeredPopulation"] = Comparable(random, () => random.Next(0, 5) * 1000) },
                    };
                    break;
                case 9:
                case 10:
                {
                    var line = new Dictionary<string, object?>();
                    if (random.Next(2) == 0) line["category"] = EnumOps(random, ["ACUTE", "MENTAL_HEALTH", "COMMUNITY", "PRESCRIBING", "OTHER"]);
                    if (random.Next(2) == 0) line["plan"] = Comparable(random, () => Money(random).ToString(CultureInfo.InvariantCulture));
                    var op = new[] { "some", "all", "none", "any" }[random.Next(4)];
                    filter["lines"] = new Dictionary<string, object?> { [op] = op == "any" ? random.Next(2) == 0 : line };
                    break;
                }
                case 11 or 12: filter["and"] = Enumerable.Range(0, random.Next(0, 3)).Select(_ => (object?)Filter(random, depth + 1)).ToList(); break;
                default: filter["or"] = Enumerable.Range(0, random.Next(0, 3)).Select(_ => (object?)Filter(random, depth + 1)).ToList(); break;
            }
        }
        return filter;
    }

    private static Dictionary<string, object?> StringOps(Random random, string[] values, bool nullable = false)
    {
        var ops = new Dictionary<string, object?>();
        string Pick() => random.Next(2) == 0 ? values[random.Next(values.Length)] : Fragments[random.Next(Fragments.Length)];
        var op = ListSdl.StringOperations[random.Next(ListSdl.StringOperations.Count)];
        ops[op] = op switch
        {
            "in" or "nin" => Enumerable.Range(0, random.Next(0, 4)).Select(_ => (object?)Pick()).ToList(),
            "eq" or "neq" when nullable && random.Next(3) == 0 => null,
            _ => Pick(),
        };
        return ops;
    }

    private static Dictionary<string, object?> EnumOps(Random random, string[] values)
    {
        var op = ListSdl.EqualityOperations[random.Next(4)];
        return new Dictionary<string, object?>
        {
            [op] = op is "in" or "nin" ? Enumerable.Range(0, random.Next(0, 3)).Select(_ => (object?)values[random.Next(values.Length)]).ToList() : values[random.Next(values.Length)],
        };
    }

    private static Dictionary<string, object?> Comparable(Random random, Func<object> value, bool nullable = false)
    {
        var ops = new Dictionary<string, object?>();
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            var op = ListSdl.ComparableOperations[random.Next(ListSdl.ComparableOperations.Count)];
            ops[op] = op switch
            {
                "in" or "nin" => Enumerable.Range(0, random.Next(0, 4)).Select(_ => (object?)value()).ToList(),
                "eq" or "neq" when nullable && random.Next(3) == 0 => null,
                _ => value(),
            };
        }
        return ops;
    }

    private static readonly string[] SortFields = ["year", "month", "version", "status", "createdAt", "submittedAt", "queryReason", "runningCostsPlan", "consortium.name", "consortium.area"];

    internal static List<object?> Order(Random random) =>
        Enumerable.Range(0, random.Next(0, 4)).Select(_ =>
        {
            var field = SortFields[random.Next(SortFields.Length)];
            object? value = random.Next(2) == 0 ? "ASC" : "DESC";
            foreach (var part in field.Split('.').Reverse()) value = new Dictionary<string, object?> { [part] = value };
            return value;
        }).ToList();

    // ---- The reference: the same filter read by LINQ to objects (C# null semantics, ordinal strings)

    private static bool Holds(IReadOnlyDictionary<string, object?> filter, FinancialReturn r, IReadOnlyDictionary<string, Consortium> consortia) =>
        filter.All(p => p.Value is null || p.Key switch
        {
            "and" => ((List<object?>)p.Value).All(f => Holds((Dictionary<string, object?>)f!, r, consortia)),
            "or" => ((List<object?>)p.Value).Count == 0 || ((List<object?>)p.Value).Any(f => Holds((Dictionary<string, object?>)f!, r, consortia)),
            "year" => Ops(p.Value, r.Year),
            "month" => Ops(p.Value, r.Month),
            "version" => Ops(p.Value, r.Version),
            "status" => Ops(p.Value, GraphEnum.Name(r.Status)),
            "createdAt" => Ops(p.Value, r.CreatedAt),
            "submittedAt" => Ops(p.Value, r.SubmittedAt),
            "queryReason" => Ops(p.Value, r.QueryReason),
            "runningCostsPlan" => Ops(p.Value, r.RunningCostsPlan),
            "consortium" => consortia.TryGetValue(r.ConsortiumCode, out var c) && ((Dictionary<string, object?>)p.Value).All(q => q.Value is null || q.Key switch
            {
                "name" => Ops(q.Value, c.Name),
                "code" => Ops(q.Value, c.Code),
                "registeredPopulation" => Ops(q.Value, c.RegisteredPopulation),
                _ => throw new InvalidOperationException(q.Key),
            }),
            "lines" => ((Dictionary<string, object?>)p.Value).All(q => q.Value is null || q.Key switch
            {
                "any" => r.Lines.Any() == (bool)q.Value,
                "some" => r.Lines.Any(l => LineHolds(q.Value, l)),
                "all" => r.Lines.All(l => LineHolds(q.Value, l)),
                "none" => !r.Lines.Any(l => LineHolds(q.Value, l)),
                _ => throw new InvalidOperationException(q.Key),
            }),
            _ => throw new InvalidOperationException(p.Key),
        });

    private static bool LineHolds(object? filter, FinancialReturnLine l) =>
        ((Dictionary<string, object?>)filter!).All(p => p.Value is null || p.Key switch
        {
            "category" => Ops(p.Value, GraphEnum.Name(l.Category)),
            "plan" => Ops(p.Value, l.Plan),
            _ => throw new InvalidOperationException(p.Key),
        });

    private static bool Ops<TValue>(object? ops, TValue value) =>
        ((Dictionary<string, object?>)ops!).All(p =>
        {
            if (p.Value is null) return p.Key switch { "eq" => value is null, "neq" => value is not null, _ => true };
            if (p.Key is "in" or "nin") return ((List<object?>)p.Value).Any(v => Same(value, v)) == (p.Key == "in");
            if (value is string s && p.Value is string t)
            {
                return p.Key switch
                {
                    "eq" => s == t,
                    "neq" => s != t,
                    "contains" => s.Contains(t, StringComparison.Ordinal),
                    "ncontains" => !s.Contains(t, StringComparison.Ordinal),
                    "startsWith" => s.StartsWith(t, StringComparison.Ordinal),
                    "nstartsWith" => !s.StartsWith(t, StringComparison.Ordinal),
                    "endsWith" => s.EndsWith(t, StringComparison.Ordinal),
                    "nendsWith" => !s.EndsWith(t, StringComparison.Ordinal),
                    _ => throw new InvalidOperationException(p.Key),
                };
            }
            if (value is null) return p.Key is "neq" or "ncontains" or "nstartsWith" or "nendsWith" or "ngt" or "ngte" or "nlt" or "nlte";
            var cmp = Compare(value, p.Value);
            return p.Key switch
            {
                "eq" => cmp == 0, "neq" => cmp != 0,
                "gt" => cmp > 0, "ngt" => !(cmp > 0), "gte" => cmp >= 0, "ngte" => !(cmp >= 0),
                "lt" => cmp < 0, "nlt" => !(cmp < 0), "lte" => cmp <= 0, "nlte" => !(cmp <= 0),
                _ => throw new InvalidOperationException(p.Key),
            };
        });

    private static bool Same<TValue>(TValue value, object? other) => value is not null && other is not null && Compare(value, other) == 0;

    private static int Compare(object value, object other) => value switch
    {
        string s => string.CompareOrdinal(s, (string)other),
        int i => i.CompareTo(Convert.ToInt32(other, CultureInfo.InvariantCulture)),
        decimal d => d.CompareTo(decimal.Parse((string)other, CultureInfo.InvariantCulture)),
        DateTime t => t.CompareTo(DateTimeOffset.Parse((string)other, CultureInfo.InvariantCulture).UtcDateTime),
        _ => throw new InvalidOperationException(value.GetType().Name),
    };

    private static Comparer<FinancialReturn> Comparer(List<object?> order, IReadOnlyDictionary<string, Consortium> consortia) => Comparer<FinancialReturn>.Create((a, b) =>
    {
        foreach (var element in order)
        {
            var (field, descending) = Flatten((Dictionary<string, object?>)element!);
            var c = CompareNullsFirst(Key(field, a, consortia), Key(field, b, consortia));
            if (c != 0) return descending ? -c : c;
        }
        return a.Id.CompareTo(b.Id);
    });

    private static (string Field, bool Descending) Flatten(Dictionary<string, object?> element)
    {
        var (key, value) = element.Single();
        if (value is string direction) return (key, direction == "DESC");
        var (inner, descending) = Flatten((Dictionary<string, object?>)value!);
        return (key + "." + inner, descending);
    }

    private static object? Key(string field, FinancialReturn r, IReadOnlyDictionary<string, Consortium> consortia) => field switch
    {
        "year" => r.Year,
        "month" => r.Month,
        "version" => r.Version,
        "status" => r.Status.ToString(), // stored, and so sorted, by name
        "createdAt" => r.CreatedAt,
        "submittedAt" => r.SubmittedAt,
        "queryReason" => r.QueryReason,
        "runningCostsPlan" => r.RunningCostsPlan,
        "consortium.name" => consortia.GetValueOrDefault(r.ConsortiumCode)?.Name,
        "consortium.area" => consortia.GetValueOrDefault(r.ConsortiumCode)?.Area,
        _ => throw new InvalidOperationException(field),
    };

    private static int CompareNullsFirst(object? a, object? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1
        : a is string s ? string.CompareOrdinal(s, (string)b) : ((IComparable)a).CompareTo(b);

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        Dictionary<string, object?> map => "{" + string.Join(", ", map.Select(p => p.Key + ": " + Show(p.Value))) + "}",
        List<object?> list => "[" + string.Join(", ", list.Select(Show)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>On SQL Server (no server here) the generated queries must translate: <c>ToQueryString</c> of each (the same generator
/// and seed as <see cref="FilterSemanticsPropertyTests"/>); a class of its own so that it runs beside the other providers.</summary>
public sealed class SqlServerTranslationTests(ITestOutputHelper output)
{
    private const int SqlServerCases = 250;
    private static int Seed => FilterSemanticsPropertyTests.Seed;
    private static Dictionary<string, object?> Filter(Random random, int depth) => FilterSemanticsPropertyTests.Filter(random, depth);
    private static List<object?> Order(Random random) => FilterSemanticsPropertyTests.Order(random);
    private static ListRequest<FinancialReturn> Parse(Dictionary<string, object?> arguments, string context) => FilterSemanticsPropertyTests.Parse(arguments, context);

    [Fact]
    public async Task Every_generated_query_translates_to_SQL_Server_SQL()
    {
        await using var services = new ServiceCollection()
            .AddCommissioningPersistence(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = "Server=127.0.0.1,1;Database=none;User Id=none;Password=none;TrustServerCertificate=True" })
            .BuildServiceProvider();
        await using var db = services.GetRequiredService<IDbContextFactory<CommissioningDbContext>>().CreateDbContext();
        var random = new Random(Seed);
        var texts = new List<string>();
        for (var i = 0; i < SqlServerCases; i++)
        {
            var where = Filter(random, 0);
            var order = Order(random);
            var arguments = new Dictionary<string, object?> { ["where"] = where, ["order"] = order, ["first"] = 10 };
            var request = Parse(arguments, $"case {i}");
            var matching = db.FinancialReturns.AsQueryable();
            if (request.Where(db) is { } predicate) matching = matching.Where(predicate);
            texts.Add(Keyset.Page(matching, request, db, 11).ToQueryString());
        }
        Assert.All(texts, t => Assert.Contains("SELECT", t));
        // String operations became SQL, not client evaluation.
        Assert.Contains(texts, t => t.Contains("LIKE", StringComparison.Ordinal) || t.Contains("CHARINDEX", StringComparison.Ordinal));
        output.WriteLine(texts.First(t => t.Contains("EXISTS", StringComparison.Ordinal)));
    }
}
