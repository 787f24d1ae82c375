using System.Buffers.Text;
using System.Globalization;
using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.Shared.Lists;

/// <summary>
/// An opaque keyset cursor: the sort key values of one row (the unique key last) and a fingerprint of the order they were
/// taken in, base64url of a JSON array. A page starts strictly after (or before) those values, so rows inserted or deleted
/// elsewhere never make a page skip or repeat a row; a cursor used with another order is refused.
/// </summary>
public sealed record Cursor(string Text, IReadOnlyList<object?> Values)
{
    public static string Encode(IReadOnlyList<SortTerm> order, string typeName, IReadOnlyList<object?> values)
    {
        var items = new List<string?> { Fingerprint(order, typeName) };
        items.AddRange(values.Select(Write));
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(items));
    }

    internal static Cursor Parse(string text, string argument, IReadOnlyList<SortTerm> order, IListShape shape, Func<string, Exception> fail)
    {
        List<string?>? items = null;
        try { items = JsonSerializer.Deserialize<List<string?>>(Base64Url.DecodeFromChars(text)); }
        catch (Exception e) when (e is FormatException or JsonException) { }
        if (items is null || items.Count == 0)
            throw fail($"\"{argument}\" is not a cursor this list returned.");
        if (items[0] != Fingerprint(order, shape.TypeName) || items.Count != order.Count + 1)
            throw fail($"\"{argument}\" is a cursor of another order or list: use a cursor returned with the same \"order\".");
        var values = new object?[order.Count];
        for (var i = 0; i < order.Count; i++)
        {
            var raw = items[i + 1];
            if (raw is null)
            {
                if (!order[i].Leaf.IsNullable || i == order.Count - 1) throw fail($"\"{argument}\" is not a cursor this list returned.");
                continue;
            }
            try { values[i] = Read(raw, order[i].Leaf.ValueType); }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                throw fail($"\"{argument}\" is not a cursor this list returned.");
            }
        }
        return new Cursor(text, values);
    }

    private static string Fingerprint(IReadOnlyList<SortTerm> order, string typeName)
    {
        var text = typeName + ":" + string.Join(",", order.Select(t => t.Term + (t.Descending ? "-" : "+")));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 6);
    }

    private static string? Write(object? value) => value switch
    {
        null => null,
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.Ticks.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static object Read(string raw, Type type) =>
        type == typeof(string) ? raw
        : type == typeof(int) ? int.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
        : type == typeof(long) ? long.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
        : type == typeof(decimal) ? decimal.Parse(raw, NumberStyles.Number, CultureInfo.InvariantCulture)
        : type == typeof(DateOnly) ? DateOnly.ParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture)
        : type == typeof(DateTime) ? new DateTime(long.Parse(raw, NumberStyles.None, CultureInfo.InvariantCulture), DateTimeKind.Utc)
        : type == typeof(bool) ? bool.Parse(raw)
        : type.IsEnum ? Enum.Parse(type, raw, ignoreCase: false)
        : throw new ArgumentException("Unsupported sort key type " + type.Name);
}

/// <summary>A row and the values of its sort keys, read by the same statement (a sort key may come from a related row).</summary>
public sealed class SortedRow<T>
{
    public required T Row { get; init; }
    public object? K0 { get; init; }
    public object? K1 { get; init; }
    public object? K2 { get; init; }
    public object? K3 { get; init; }
    public object? K4 { get; init; }
    public object? K5 { get; init; }
    public object? K6 { get; init; }

    public const int MaxKeys = 7;

    public object?[] Keys(int count) => new[] { K0, K1, K2, K3, K4, K5, K6 }[..count];
}

/// <summary>
/// The SQL of keyset paging, the same on SQLite, PostgreSQL and SQL Server: ORDER BY each sort key (a nullable key sorts
/// its nulls first ascending and last descending, everywhere, by an explicit <c>IS NULL</c> key), and "after the cursor" as
/// <c>k1 &gt; v1 OR (k1 = v1 AND k2 &gt; v2) …</c>. Strings compare by the database's collation (ordinal on SQLite and on
/// PostgreSQL clusters created with the C locale, as infra/local/postgres.sh does); enums are stored and sorted by name;
/// decimals sort as REAL on SQLite (which stores them as text).
/// </summary>
internal static class Keyset
{
    /// <param name="project">Reads only some members of each row (<see cref="Projection{T}.Selector"/>); null: the whole row.</param>
    public static IQueryable<SortedRow<T>> Page<T>(IQueryable<T> rows, ListRequest<T> request, DbContext db, int take, Expression<Func<T, T>>? project = null)
    {
        var order = request.Order.Select(t => (Term: t, Column: request.BindContext(t.Column, db))).ToList();
        var backward = request.Window.Backward;
        if (request.Window.After is { } after) rows = rows.Where(Beyond<T>(order, after.Values, forward: true, db));
        if (request.Window.Before is { } before) rows = rows.Where(Beyond<T>(order, before.Values, forward: false, db));
        var sorted = OrderBy(rows, order, backward, db);
        return Select(sorted.Take(take), order, project);
    }

    /// <summary>The ordered rows (reversed for a backward page).</summary>
    public static IQueryable<T> OrderBy<T>(IQueryable<T> rows, IReadOnlyList<(SortTerm Term, LambdaExpression Column)> order, bool reverse, DbContext db)
    {
        var expression = rows.Expression;
        var first = true;
        foreach (var (term, column) in order)
        {
            var descending = term.Descending ^ reverse;
            var row = column.Parameters[0];
            var keys = new List<Expression>();
            if (term.Leaf.IsNullable)
                keys.Add(Expression.Condition(Expression.Equal(column.Body, Expression.Constant(null, column.ReturnType)), Expression.Constant(0), Expression.Constant(1)));
            keys.Add(SortValue(column.Body, term.Leaf, db));
            foreach (var key in keys)
            {
                var method = (first ? "OrderBy" : "ThenBy") + (descending ? "Descending" : "");
                expression = Expression.Call(typeof(Queryable), method, [typeof(T), key.Type], expression, Expression.Quote(Expression.Lambda(key, row)));
                first = false;
            }
        }
        return rows.Provider.CreateQuery<T>(expression);
    }

    private static IQueryable<SortedRow<T>> Select<T>(IQueryable<T> rows, IReadOnlyList<(SortTerm Term, LambdaExpression Column)> order, Expression<Func<T, T>>? project)
    {
        if (order.Count > SortedRow<T>.MaxKeys) throw new InvalidOperationException($"At most {SortedRow<T>.MaxKeys} sort keys.");
        var row = Expression.Parameter(typeof(T), "row");
        // The sort keys are read from the row's columns whether or not the projection keeps them.
        var read = project is null ? (Expression)row : new ListRequest.Rebinder(project.Parameters[0], row).Visit(project.Body);
        var bindings = new List<MemberBinding> { Expression.Bind(typeof(SortedRow<T>).GetProperty(nameof(SortedRow<T>.Row))!, read) };
        for (var i = 0; i < order.Count; i++)
        {
            var body = new ListRequest.Rebinder(order[i].Column.Parameters[0], row).Visit(order[i].Column.Body);
            bindings.Add(Expression.Bind(typeof(SortedRow<T>).GetProperty("K" + i)!, Expression.Convert(body, typeof(object))));
        }
        var selector = Expression.Lambda<Func<T, SortedRow<T>>>(Expression.MemberInit(Expression.New(typeof(SortedRow<T>)), bindings), row);
        return rows.Select(selector);
    }

    /// <summary>The value the database sorts by: decimals as REAL on SQLite (EF cannot order SQLite's text decimals).</summary>
    private static Expression SortValue(Expression column, ValueMember leaf, DbContext db) =>
        leaf.ValueType == typeof(decimal) && db.Database.IsSqlite()
            ? Expression.Convert(column, column.Type == typeof(decimal) ? typeof(double) : typeof(double?))
            : column;

    /// <summary>Rows strictly after (<paramref name="forward"/>) or before the position <paramref name="values"/> name in the order.</summary>
    public static Expression<Func<T, bool>> Beyond<T>(IReadOnlyList<(SortTerm Term, LambdaExpression Column)> order, IReadOnlyList<object?> values, bool forward, DbContext db)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression? result = null;
        Expression prefix = Expression.Constant(true);
        for (var i = 0; i < order.Count; i++)
        {
            var (term, column) = order[i];
            var body = new ListRequest.Rebinder(column.Parameters[0], row).Visit(column.Body);
            var later = Later(body, term.Leaf, values[i], term.Descending ^ !forward, db);
            var clause = AndAlso(prefix, later);
            result = result is null ? clause : OrElse(result, clause);
            prefix = AndAlso(prefix, EqualTo(body, values[i]));
        }
        return Expression.Lambda<Func<T, bool>>(result ?? Expression.Constant(false), row);
    }

    /// <summary>The column comes after the value in the order (nulls smallest).</summary>
    private static Expression Later(Expression column, ValueMember leaf, object? value, bool descending, DbContext db)
    {
        var nullable = leaf.IsNullable;
        var isNull = nullable ? Expression.Equal(column, Expression.Constant(null, column.Type)) : null;
        if (value is null)
            // Ascending, everything not null follows a null; descending, nothing does (ties are broken by later keys).
            return descending ? Expression.Constant(false) : Expression.Not(isNull!);
        var greater = Compare(column, leaf, value, descending ? ExpressionType.LessThan : ExpressionType.GreaterThan, db);
        return descending && nullable ? Expression.OrElse(greater, isNull!) : greater;
    }

    private static Expression Compare(Expression column, ValueMember leaf, object value, ExpressionType comparison, DbContext db)
    {
        var type = leaf.ValueType;
        if (type == typeof(string))
        {
            var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, column, Param(value, typeof(string)));
            return Expression.MakeBinary(comparison, compare, Expression.Constant(0));
        }
        if (type.IsEnum)
        {
            // Stored by name: the names that sort after (or before) this one, ordinally.
            var name = value.ToString()!;
            var names = Enum.GetValues(type).Cast<object>()
                .Where(v => comparison == ExpressionType.GreaterThan ? string.CompareOrdinal(v.ToString(), name) > 0 : string.CompareOrdinal(v.ToString(), name) < 0)
                .ToList();
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(column.Type))!;
            foreach (var n in names) list.Add(n);
            return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [column.Type], ListRequest.Boxed(list, list.GetType()), column);
        }
        if (type == typeof(bool))
        {
            // false < true
            var target = comparison == ExpressionType.GreaterThan ? (bool)value ? (bool?)null : true : (bool)value ? false : null;
            return target is null ? Expression.Constant(false) : Expression.Equal(column, Expression.Convert(Expression.Constant(target.Value), column.Type));
        }
        var sortColumn = SortValue(column, leaf, db);
        var parameter = Param(sortColumn.Type == typeof(double) || sortColumn.Type == typeof(double?) ? (double)(decimal)value : value, sortColumn.Type);
        return Expression.MakeBinary(comparison, sortColumn, parameter);
    }

    private static Expression EqualTo(Expression column, object? value) =>
        value is null ? Expression.Equal(column, Expression.Constant(null, column.Type)) : Expression.Equal(column, Param(value, column.Type));

    private static Expression Param(object value, Type type)
    {
        var boxed = ListRequest.Boxed(value, value.GetType());
        return boxed.Type == type ? boxed : Expression.Convert(boxed, type);
    }

    private static Expression AndAlso(Expression a, Expression b) =>
        a is ConstantExpression { Value: true } ? b : b is ConstantExpression { Value: true } ? a : Expression.AndAlso(a, b);

    private static Expression OrElse(Expression a, Expression b) =>
        a is ConstantExpression { Value: false } ? b : b is ConstantExpression { Value: false } ? a : Expression.OrElse(a, b);
}
