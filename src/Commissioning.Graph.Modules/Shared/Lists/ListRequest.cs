using System.Linq.Expressions;
using System.Text;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Shared.Lists;

/// <summary>A field of a listed type, by GraphQL coordinate.</summary>
public sealed record FieldCoordinate(string TypeName, string FieldName)
{
    public override string ToString() => TypeName + "." + FieldName;
}

/// <summary>A field a filter or sort uses, with the path that reaches it: <c>(FinancialReturn.consortium, Consortium.name)</c>.</summary>
public sealed record FieldTerm(IReadOnlyList<FieldCoordinate> Path)
{
    public FieldCoordinate Field => Path[^1];
    public override string ToString() => string.Join(" → ", Path);
    public bool Equals(FieldTerm? other) => other is not null && Path.SequenceEqual(other.Path);
    public override int GetHashCode() => Path.Aggregate(0, (h, c) => HashCode.Combine(h, c));
}

/// <summary>One sort key: the value it sorts by (a lambda over the row, possibly reading other rows of the same context) and its direction.</summary>
public sealed record SortTerm(FieldTerm Term, LambdaExpression Column, ValueMember Leaf, bool Descending);

/// <summary>Which page: <c>first</c>/<c>after</c> (forward) or <c>last</c>/<c>before</c> (backward), size capped.</summary>
public sealed record Window(int Size, bool Backward, Cursor? After, Cursor? Before)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 100;
}

/// <summary>
/// A list field's <c>where</c>, <c>order</c> and paging arguments, parsed and checked once, before any SQL runs: bad input is
/// <c>BAD_USER_INPUT</c> with a message saying what to change; every field used is in <see cref="FilterTerms"/> and
/// <see cref="SortTerms"/>, for the access check (<see cref="FilterAccess"/>).
/// </summary>
public sealed class ListRequest<T>
{
    internal ListRequest(LambdaExpression? where, IReadOnlyList<SortTerm> order, Window window,
        IReadOnlyList<FieldTerm> filterTerms, IReadOnlyList<FieldTerm> sortTerms, IReadOnlyList<ParameterExpression> contextSlots, string signature)
    {
        _where = where;
        Order = order;
        Window = window;
        FilterTerms = filterTerms;
        SortTerms = sortTerms;
        _contextSlots = contextSlots;
        Signature = signature;
    }

    private readonly LambdaExpression? _where;
    private readonly IReadOnlyList<ParameterExpression> _contextSlots;

    /// <summary>The sort keys, the shape's unique key last.</summary>
    public IReadOnlyList<SortTerm> Order { get; }
    public Window Window { get; }
    /// <summary>Every field <c>where</c> uses (each once).</summary>
    public IReadOnlyList<FieldTerm> FilterTerms { get; }
    /// <summary>Every field <c>order</c> uses (the unique key, added by the server, not among them).</summary>
    public IReadOnlyList<FieldTerm> SortTerms { get; }
    public IReadOnlyList<FieldTerm> Terms => [.. FilterTerms, .. SortTerms.Where(t => !FilterTerms.Contains(t))];
    /// <summary>A canonical text of the arguments: requests with equal signatures read the same rows (DataLoader names).</summary>
    public string Signature { get; }
    public bool HasFilter => _where is not null;

    /// <summary>The filter over rows of <paramref name="db"/> (related rows of the same context read through it); null when there is no condition.</summary>
    public Expression<Func<T, bool>>? Where(DbContext? db) => _where is null ? null : (Expression<Func<T, bool>>)BindContext(_where, db);

    /// <summary><paramref name="lambda"/> with the context slots bound to <paramref name="db"/>.</summary>
    internal LambdaExpression BindContext(LambdaExpression lambda, DbContext? db) =>
        (LambdaExpression)new ContextBinder(_contextSlots, db).Visit(lambda);

    /// <summary>Binds the context slots to the request's context, and writes <see cref="TextMatch"/> for its provider.</summary>
    private sealed class ContextBinder(IReadOnlyList<ParameterExpression> slots, DbContext? db) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(TextMatch)) return base.VisitMethodCall(node);
            var column = Visit(node.Arguments[0]);
            var text = (string)((ConstantExpression)node.Arguments[1]).Value!;
            var startsWith = node.Method.Name == nameof(TextMatch.StartsWith);
            if (db is not null && db.Database.IsSqlite())
            {
                // SQLite's LIKE ignores ASCII case; GLOB does not (its wildcards in the text escaped as [*] [?] [[]).
                var escaped = string.Concat(text.Select(c => c is '*' or '?' or '[' ? $"[{c}]" : c.ToString()));
                var pattern = startsWith ? escaped + "*" : "*" + escaped;
                return Expression.Call(typeof(SqliteDbFunctionsExtensions).GetMethod(nameof(SqliteDbFunctionsExtensions.Glob))!,
                    Expression.Constant(EF.Functions), column, ListRequest.Boxed(pattern, typeof(string)));
            }
            return Expression.Call(column, typeof(string).GetMethod(node.Method.Name, [typeof(string)])!, ListRequest.Boxed(text, typeof(string)));
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (!slots.Contains(node)) return node;
            if (db is null || !node.Type.IsInstanceOfType(db))
                throw new InvalidOperationException($"This filter reads related rows: it needs a {node.Type.Name}.");
            return Expression.Constant(db, node.Type);
        }
    }
}

/// <summary>Placeholders for text matches whose SQL depends on the provider (written out by the request's context binder).</summary>
public static class TextMatch
{
    public static bool StartsWith(string? column, string text) => column is not null && column.StartsWith(text, StringComparison.Ordinal);
    public static bool EndsWith(string? column, string text) => column is not null && column.EndsWith(text, StringComparison.Ordinal);
}

/// <summary>Parsing of list arguments (see <see cref="ListRequest{T}"/>).</summary>
public static class ListRequest
{
    /// <summary>Deepest nesting of filter objects (<c>and</c>/<c>or</c> elements, nested objects and lists each add a level).</summary>
    public const int MaxFilterDepth = 8;
    /// <summary>Most conditions one <c>where</c> may hold.</summary>
    public const int MaxConditions = 100;
    /// <summary>Most values of one <c>in</c>/<c>nin</c>.</summary>
    public const int MaxInValues = 500;
    /// <summary>Most elements of <c>order</c>.</summary>
    public const int MaxSortKeys = 6;

    /// <summary>Parses the field's <c>where</c>, <c>order</c>, <c>first</c>, <c>after</c>, <c>last</c>, <c>before</c>; <paramref name="defaultOrder"/>
    /// (e.g. <c>"year DESC, month DESC"</c>) applies when <c>order</c> is absent or empty.</summary>
    public static ListRequest<T> Parse<T>(IResolveContext ctx, ListShape<T> shape, string? defaultOrder = null) =>
        Parse(shape, ctx.Arguments, defaultOrder, message => BadInput(ctx, message));

    /// <summary>The same from plain arguments (tests, tools); <paramref name="fail"/> makes the exception for bad input.</summary>
    public static ListRequest<T> Parse<T>(ListShape<T> shape, IReadOnlyDictionary<string, object?> arguments, string? defaultOrder,
        Func<string, Exception> fail)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var builder = new Builder(fail, row);
        LambdaExpression? where = null;
        var signature = new StringBuilder();
        if (arguments.GetValueOrDefault("where") is { } w)
        {
            var body = builder.Filter(shape, row, AsObject(w, "where", fail), [], "where", 1);
            if (body is not null) where = Expression.Lambda<Func<T, bool>>(body, row);
            signature.Append("w=").Append(Canonical(w));
        }

        var order = new List<SortTerm>();
        var elements = arguments.GetValueOrDefault("order") is { } o ? AsList(o, "order", fail) : [];
        if (elements.Count > MaxSortKeys) throw fail($"\"order\" has {elements.Count} elements; at most {MaxSortKeys} sort keys are allowed.");
        // The server's default order is not the client's question: its fields are not checked as terms of "order".
        var clientOrder = elements.Count > 0;
        if (!clientOrder && defaultOrder is not null) elements = ParseDefault(defaultOrder);
        for (var i = 0; i < elements.Count; i++)
            order.Add(builder.Sort(shape, row, AsObject(elements[i], $"order[{i}]", fail), [], $"order[{i}]"));
        signature.Append("|o=").Append(string.Join(",", order.Select(t => t.Term + (t.Descending ? " DESC" : " ASC"))));
        var sortTerms = clientOrder ? order.Select(t => t.Term).Distinct().ToList() : [];
        // The unique key last: the order is total, so a cursor names one position.
        order.Add(new SortTerm(new FieldTerm([new FieldCoordinate(shape.TypeName, "(key)")]), shape.Key, KeyMember(shape), false));

        var window = ParseWindow(arguments, order, shape, fail);
        signature.Append("|p=").Append(window.Size).Append(window.Backward ? "b" : "f")
            .Append(window.After?.Text).Append('/').Append(window.Before?.Text);
        return new ListRequest<T>(where, order, window, builder.Terms, sortTerms, builder.Slots, signature.ToString());
    }

    internal static ValueMember KeyMember(IListShape shape) => new()
    {
        Name = "(key)",
        Kind = shape.Key.ReturnType == typeof(int) ? ValueKind.Int : ValueKind.String,
        Column = shape.Key,
        Parse = v => v!,
    };

    private static Window ParseWindow(IReadOnlyDictionary<string, object?> args, IReadOnlyList<SortTerm> order, IListShape shape, Func<string, Exception> fail)
    {
        var first = args.GetValueOrDefault("first") is { } f ? GraphValues.ToInt(f) : null;
        var last = args.GetValueOrDefault("last") is { } l ? GraphValues.ToInt(l) : null;
        if (first is not null && last is not null)
            throw fail("Give \"first\" or \"last\", not both: page forward with first/after, backward with last/before.");
        if (first < 0) throw fail("\"first\" cannot be negative.");
        if (last < 0) throw fail("\"last\" cannot be negative.");
        var size = Math.Min(first ?? last ?? Window.DefaultSize, Window.MaxSize);
        var after = args.GetValueOrDefault("after") is string a ? Cursor.Parse(a, "after", order, shape, fail) : null;
        var before = args.GetValueOrDefault("before") is string b ? Cursor.Parse(b, "before", order, shape, fail) : null;
        return new Window(size, last is not null, after, before);
    }

    /// <summary><c>"year DESC, month"</c> as the elements of an <c>order</c> argument.</summary>
    private static List<object?> ParseDefault(string order) =>
        order.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var direction = words.Length > 1 ? words[1].ToUpperInvariant() : "ASC";
            object? value = direction;
            var path = words[0].Split('.');
            for (var i = path.Length - 1; i >= 0; i--) value = new Dictionary<string, object?> { [path[i]] = value };
            return value;
        }).ToList();

    private static IReadOnlyDictionary<string, object?> AsObject(object? value, string at, Func<string, Exception> fail) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map,
        IDictionary<string, object?> dict => dict.AsReadOnly(),
        _ => throw fail($"\"{at}\" must be an input object."),
    };

    private static List<object?> AsList(object? value, string at, Func<string, Exception> fail) => value switch
    {
        string or IReadOnlyDictionary<string, object?> or IDictionary<string, object?> => [value],
        System.Collections.IEnumerable e => e.Cast<object?>().ToList(),
        _ => [value], // a single value stands for a list of one (input coercion, spec §3.11)
    };

    /// <summary>A deterministic text of an argument value (keys sorted), for loader names.</summary>
    private static string Canonical(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(",", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + Canonical(p.Value))) + "}",
        IDictionary<string, object?> dict => Canonical(dict.AsReadOnly()),
        System.Collections.IEnumerable e => "[" + string.Join(",", e.Cast<object?>().Select(Canonical)) + "]",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    internal static GraphQLException BadInput(IResolveContext ctx, string message) =>
        new(new GraphQLError(message, ctx.FieldNodes, ctx.Path, new Dictionary<string, object?> { ["code"] = ErrorCodes.BadUserInput }));

    /// <summary>Builds the filter and sort expressions, collecting the fields used and the context slots related rows need.</summary>
    private sealed class Builder(Func<string, Exception> fail, ParameterExpression rowParameter)
    {
        private readonly List<FieldTerm> _terms = [];
        private readonly Dictionary<Type, ParameterExpression> _slots = [];
        private int _conditions;

        public IReadOnlyList<FieldTerm> Terms => _terms;
        public IReadOnlyList<ParameterExpression> Slots => _slots.Values.ToList();

        private FieldTerm Use(IReadOnlyList<FieldCoordinate> path)
        {
            var term = new FieldTerm(path);
            if (!_terms.Contains(term)) _terms.Add(term);
            return term;
        }

        public Expression? Filter(IListShape shape, Expression row, IReadOnlyDictionary<string, object?> filter, IReadOnlyList<FieldCoordinate> path, string at, int depth)
        {
            if (depth > MaxFilterDepth)
                throw fail($"\"{at}\" nests filters deeper than {MaxFilterDepth} levels (each and/or element, nested object and list adds one); write a flatter filter.");
            Expression? result = null;
            foreach (var (name, value) in filter)
            {
                if (value is null) continue; // a field given as null is no condition (HotChocolate's reading)
                Expression? condition;
                switch (name)
                {
                    case "and":
                    {
                        condition = null;
                        var items = AsList(value, at + ".and", fail);
                        for (var i = 0; i < items.Count; i++)
                            condition = And(condition, Filter(shape, row, AsObject(items[i], $"{at}.and[{i}]", fail), path, $"{at}.and[{i}]", depth + 1));
                        break;
                    }
                    case "or":
                    {
                        var items = AsList(value, at + ".or", fail);
                        condition = null;
                        var any = false;
                        for (var i = 0; i < items.Count; i++)
                        {
                            var c = Filter(shape, row, AsObject(items[i], $"{at}.or[{i}]", fail), path, $"{at}.or[{i}]", depth + 1);
                            // An alternative without condition holds for every row: the whole "or" is no condition.
                            if (c is null) { any = false; condition = null; break; }
                            condition = condition is null ? c : Expression.OrElse(condition, c);
                            any = true;
                        }
                        if (!any) condition = null;
                        break;
                    }
                    default:
                        condition = Member(shape, row, name, value, path, $"{at}.{name}", depth);
                        break;
                }
                result = And(result, condition);
            }
            return result;
        }

        private Expression? Member(IListShape shape, Expression row, string name, object value, IReadOnlyList<FieldCoordinate> path, string at, int depth)
        {
            var member = shape.Member(name);
            IReadOnlyList<FieldCoordinate> here = [.. path, new FieldCoordinate(shape.TypeName, name)];
            switch (member)
            {
                case ValueMember { Filterable: true } v:
                    Use(here);
                    return Operations(v, Bind(v.Column, row), AsObject(value, at, fail), at);
                case ObjectMember o:
                {
                    var related = BindRelated(o.Related, row);
                    var inner = Filter(o.Shape, related, AsObject(value, at, fail), here, at, depth + 1);
                    return inner is null ? null : Expression.AndAlso(Expression.NotEqual(related, Expression.Constant(null, related.Type)), inner);
                }
                case CollectionMember c:
                    return Collection(c, BindRelated(c.Items, row), AsObject(value, at, fail), here, at, depth);
                default:
                    throw fail($"\"{at}\": {shape.TypeName}.{name} cannot be filtered on.");
            }
        }

        private Expression? Collection(CollectionMember c, Expression items, IReadOnlyDictionary<string, object?> ops, IReadOnlyList<FieldCoordinate> path, string at, int depth)
        {
            var itemType = c.Shape.RowType;
            Expression? result = null;
            foreach (var (op, value) in ops)
            {
                if (value is null) continue;
                Expression condition;
                if (op == "any")
                {
                    Count();
                    // Recorded as a use of the list field itself: whether it has items is its content too.
                    Use(path);
                    var any = Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [itemType], items);
                    condition = value is true ? any : Expression.Not(any);
                }
                else
                {
                    var item = Expression.Parameter(itemType, "item");
                    var inner = Filter(c.Shape, item, AsObject(value, $"{at}.{op}", fail), path, $"{at}.{op}", depth + 1);
                    if (inner is null && op != "none")
                    {
                        // some: {} is "has an item"; all: {} holds always.
                        if (op == "all") continue;
                        Use(path);
                    }
                    var predicate = Expression.Lambda(inner ?? Expression.Constant(true), item);
                    condition = op switch
                    {
                        "some" => Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [itemType], items, predicate),
                        "none" => Expression.Not(Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [itemType], items, predicate)),
                        "all" => Expression.Call(typeof(Enumerable), nameof(Enumerable.All), [itemType], items, predicate),
                        _ => throw fail($"\"{at}\": \"{op}\" is not a list condition (all, none, some, any)."),
                    };
                    if (op == "none" && inner is null) Use(path);
                }
                result = And(result, condition);
            }
            return result;
        }

        private Expression? Operations(ValueMember member, Expression column, IReadOnlyDictionary<string, object?> ops, string at)
        {
            Expression? result = null;
            var valueType = member.ValueType;
            var nullable = member.IsNullable;
            foreach (var (op, raw) in ops)
            {
                Count();
                var allowed = member.Kind switch
                {
                    ValueKind.String => ListSdl.StringOperations,
                    ValueKind.Int or ValueKind.Decimal or ValueKind.Date or ValueKind.DateTime => ListSdl.ComparableOperations,
                    ValueKind.Boolean => ListSdl.BooleanOperations,
                    _ => ListSdl.EqualityOperations,
                };
                if (!allowed.Contains(op)) throw fail($"\"{at}\": \"{op}\" is not an operation of {ListSdl.OperationInputName(member)}.");
                Expression condition;
                if (op is "eq" or "neq")
                {
                    if (raw is null)
                    {
                        // eq: null matches a null value; a column that cannot be null never matches it.
                        var isNull = nullable ? Expression.Equal(column, Expression.Constant(null, column.Type)) : (Expression)Expression.Constant(false);
                        condition = op == "eq" ? isNull : Not(isNull);
                    }
                    else
                    {
                        var value = Value(member, raw, column.Type, $"{at}.{op}");
                        condition = op == "eq" ? Expression.Equal(column, value) : Expression.NotEqual(column, value);
                    }
                }
                else if (raw is null)
                {
                    if (op is "in" or "nin") continue; // absent list: no condition
                    throw fail($"\"{at}.{op}\" cannot be null.");
                }
                else if (op is "in" or "nin")
                {
                    var items = AsList(raw, $"{at}.{op}", fail);
                    if (items.Count > MaxInValues) throw fail($"\"{at}.{op}\" has {items.Count} values; at most {MaxInValues} are allowed.");
                    var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(column.Type))!;
                    foreach (var item in items.Distinct())
                    {
                        if (item is null) throw fail($"\"{at}.{op}\" cannot hold null; use eq: null.");
                        list.Add(Parse(member, item, $"{at}.{op}"));
                    }
                    var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [column.Type], Boxed(list, list.GetType()), column);
                    condition = op == "in" ? contains : Expression.Not(contains);
                }
                else if (member.Kind == ValueKind.String)
                {
                    var value = Value(member, raw, typeof(string), $"{at}.{op}");
                    var method = op.TrimStart('n') switch
                    {
                        "contains" => nameof(string.Contains),
                        "startsWith" => nameof(string.StartsWith),
                        "endsWith" => nameof(string.EndsWith),
                        _ => throw fail($"\"{at}\": unknown operation \"{op}\"."),
                    };
                    // null never contains, starts or ends with anything: the n… operations match it.
                    Expression test = method == nameof(string.Contains)
                        ? Expression.Call(column, typeof(string).GetMethod(method, [typeof(string)])!, value)
                        : Expression.Call(typeof(TextMatch).GetMethod(method)!, column, Expression.Constant(raw as string ?? "", typeof(string)));
                    var notNull = Expression.NotEqual(column, Expression.Constant(null, typeof(string)));
                    condition = op.StartsWith('n') ? Expression.OrElse(Expression.Not(notNull), Expression.Not(test)) : Expression.AndAlso(notNull, test);
                }
                else
                {
                    var value = Value(member, raw, column.Type, $"{at}.{op}");
                    var negated = op.StartsWith('n');
                    Expression compare = op.TrimStart('n') switch
                    {
                        "gt" => Expression.GreaterThan(column, value),
                        "gte" => Expression.GreaterThanOrEqual(column, value),
                        "lt" => Expression.LessThan(column, value),
                        "lte" => Expression.LessThanOrEqual(column, value),
                        _ => throw fail($"\"{at}\": unknown operation \"{op}\"."),
                    };
                    // As in C#: a null is neither greater nor smaller than anything, so every negation matches it.
                    condition = !negated ? compare
                        : nullable ? Expression.OrElse(Expression.Equal(column, Expression.Constant(null, column.Type)), Expression.Not(compare))
                        : Expression.Not(compare);
                }
                result = And(result, condition);
            }
            return result;
        }

        private void Count()
        {
            if (++_conditions > MaxConditions) throw fail($"\"where\" has more than {MaxConditions} conditions; split the question into several requests.");
        }

        private object Parse(ValueMember member, object raw, string at)
        {
            try { return member.Parse(raw); }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw fail($"\"{at}\": {e.Message}.");
            }
        }

        /// <summary>The value as a query parameter (a member of a closure object, as C# closures are), typed as the column.</summary>
        private Expression Value(ValueMember member, object raw, Type columnType, string at)
        {
            var parsed = Parse(member, raw, at);
            var boxed = Boxed(parsed, parsed.GetType());
            return boxed.Type == columnType ? boxed : Expression.Convert(boxed, columnType);
        }

        public SortTerm Sort(IListShape shape, Expression row, IReadOnlyDictionary<string, object?> element, IReadOnlyList<FieldCoordinate> path, string at)
        {
            var set = element.Where(p => p.Value is not null).ToList();
            if (set.Count != 1)
                throw fail(set.Count == 0
                    ? $"\"{at}\" sets no field; set exactly one field per element of order (e.g. {{ name: ASC }})."
                    : $"\"{at}\" sets {set.Count} fields ({string.Join(", ", set.Select(p => p.Key))}); set exactly one per element and give the next sort key as the next element.");
            var (name, value) = set[0];
            IReadOnlyList<FieldCoordinate> here = [.. path, new FieldCoordinate(shape.TypeName, name)];
            switch (shape.Member(name))
            {
                case ValueMember { Sortable: true } v:
                {
                    var direction = value as string;
                    if (direction is not ("ASC" or "DESC")) throw fail($"\"{at}.{name}\" must be ASC or DESC.");
                    return new SortTerm(new FieldTerm(here), Expression.Lambda(Bind(v.Column, row), rowParameter), v, direction == "DESC");
                }
                case ObjectMember { Sortable: true } o:
                    return Sort(o.Shape, BindRelated(o.Related, row), AsObject(value, $"{at}.{name}", fail), here, $"{at}.{name}");
                default:
                    throw fail($"\"{at}\": {shape.TypeName}.{name} cannot be sorted on.");
            }
        }

        private static Expression Bind(LambdaExpression column, Expression row) =>
            new Rebinder(column.Parameters[0], row).Visit(column.Body);

        /// <summary>A two-parameter (context, row) lambda's body over <paramref name="row"/>, its context a slot bound when the SQL is built.</summary>
        private Expression BindRelated(LambdaExpression related, Expression row)
        {
            var contextType = related.Parameters[0].Type;
            if (!_slots.TryGetValue(contextType, out var slot)) _slots[contextType] = slot = Expression.Parameter(contextType, "db");
            var body = new Rebinder(related.Parameters[0], slot).Visit(related.Body);
            return new Rebinder(related.Parameters[1], row).Visit(body);
        }

        private static Expression? And(Expression? a, Expression? b) => a is null ? b : b is null ? a : Expression.AndAlso(a, b);
        private static Expression Not(Expression e) => e is ConstantExpression { Value: bool b } ? Expression.Constant(!b) : Expression.Not(e);
    }

    /// <summary>A value EF sends as a parameter: a member of a constant object, like a captured variable.</summary>
    internal static Expression Boxed(object value, Type type)
    {
        var box = Activator.CreateInstance(typeof(ValueBox<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(box), "Value");
    }

    private sealed class ValueBox<TValue>(TValue value)
    {
        public readonly TValue Value = value;
    }

    internal sealed class Rebinder(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
