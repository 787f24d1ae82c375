using System.Linq.Expressions;

namespace Commissioning.Graph.Modules.Shared.Lists;

/// <summary>How a listed field's values are compared: picks its operation input (<c>StringOperationFilterInput</c> …).</summary>
public enum ValueKind { String, Id, Int, Decimal, Date, DateTime, Boolean, Enum }

/// <summary>A GraphQL field of a listed type, as filters and sorts see it.</summary>
public abstract class ListMember
{
    /// <summary>The GraphQL field name.</summary>
    public required string Name { get; init; }
}

/// <summary>A leaf field read from one column (or an expression over the row's own columns).</summary>
public sealed class ValueMember : ListMember
{
    public required ValueKind Kind { get; init; }
    /// <summary>The GraphQL enum type, for <see cref="ValueKind.Enum"/>.</summary>
    public string? EnumType { get; init; }
    /// <summary><c>row => row.Column</c>.</summary>
    public required LambdaExpression Column { get; init; }
    public bool Filterable { get; init; } = true;
    public bool Sortable { get; init; } = true;
    /// <summary>A GraphQL input value (as the engine coerced it) to the column's CLR type (non-nullable); throws <see cref="ArgumentException"/>.</summary>
    public required Func<object?, object> Parse { get; init; }
    /// <summary>The CLR type of the column without <see cref="Nullable{T}"/>.</summary>
    public Type ValueType => Nullable.GetUnderlyingType(Column.ReturnType) ?? Column.ReturnType;
    /// <summary>Whether the column can hold null: a nullable value type, or a reference-type property annotated nullable
    /// (<c>string?</c>); an expression other than a property read is taken to be nullable.</summary>
    public bool IsNullable => _nullable ??= Column.ReturnType.IsValueType
        ? Nullable.GetUnderlyingType(Column.ReturnType) is not null
        : Column.Body is not MemberExpression { Member: System.Reflection.PropertyInfo property }
          || new System.Reflection.NullabilityInfoContext().Create(property).ReadState != System.Reflection.NullabilityState.NotNull;

    private bool? _nullable;
}

/// <summary>A to-one object in the same DbContext: <c>(db, row) => db.Consortia.FirstOrDefault(c => c.Code == row.ConsortiumCode)</c>
/// (a correlated subquery; <c>db</c> is bound to the request's context when the SQL is built) or a navigation.</summary>
public sealed class ObjectMember : ListMember
{
    public required IListShape Shape { get; init; }
    /// <summary>Two parameters: the DbContext and the row.</summary>
    public required LambdaExpression Related { get; init; }
    public bool Sortable { get; init; } = true;
}

/// <summary>A list of objects in the same DbContext (<c>some</c>/<c>all</c>/<c>none</c>/<c>any</c>), e.g. a return's lines.</summary>
public sealed class CollectionMember : ListMember
{
    public required IListShape Shape { get; init; }
    /// <summary>Two parameters: the DbContext and the row; returns an <c>IEnumerable&lt;TOther&gt;</c> (navigation or correlated query).</summary>
    public required LambdaExpression Items { get; init; }
}

/// <summary>A field computed in memory (or from another context): neither filterable nor sortable; <see cref="Needs"/> names the
/// entity members it reads (for projections).</summary>
public sealed class ComputedMember : ListMember
{
    public IReadOnlyList<string> Needs { get; init; } = [];
}

/// <summary>What the SDL generator and the translator know of a shape, whatever its row type.</summary>
public interface IListShape
{
    /// <summary>The GraphQL object type listed.</summary>
    string TypeName { get; }
    Type RowType { get; }
    /// <summary>The unique key, appended to every order as the final tie-breaker: <c>r => r.Id</c>.</summary>
    LambdaExpression Key { get; }
    IReadOnlyList<ListMember> Members { get; }
    ListMember? Member(string name);
    string FilterInputName => TypeName + "FilterInput";
    string SortInputName => TypeName + "SortInput";
}

/// <summary>
/// One definition per listed GraphQL type: its key, and each GraphQL field that lists may filter or sort on mapped to the
/// EF expression that reads it. The module's SDL gets its <c>…FilterInput</c>/<c>…SortInput</c> from here
/// (<see cref="ListSdl"/>) and the translator its expressions (<see cref="FilterTranslator"/>): the SDL and the SQL come
/// from the same definition. Fields of another DbContext are not declared (contexts never join each other's tables).
/// </summary>
public sealed class ListShape<T> : IListShape
{
    private readonly List<ListMember> _members = [];

    public ListShape(string typeName, LambdaExpression key)
    {
        TypeName = typeName;
        Key = key;
    }

    public string TypeName { get; }
    public Type RowType => typeof(T);
    public LambdaExpression Key { get; }
    public IReadOnlyList<ListMember> Members => _members;
    public ListMember? Member(string name) => _members.FirstOrDefault(m => m.Name == name);

    /// <summary>A shape keyed by <paramref name="key"/> (a string or an int column, unique among the rows).</summary>
    public static ListShape<T> Keyed<TKey>(string typeName, Expression<Func<T, TKey>> key) => new(typeName, key);

    public ListShape<T> String(string name, Expression<Func<T, string?>> column, bool sortable = true) =>
        Add(name, ValueKind.String, column, sortable, v => v as string ?? throw new ArgumentException("expects a String"));

    public ListShape<T> Id(string name, Expression<Func<T, string?>> column, bool sortable = true) =>
        Add(name, ValueKind.Id, column, sortable, v => GraphValues.ToStringValue(v) ?? throw new ArgumentException("expects an ID"));

    /// <summary>An ID field over a numeric key column (<c>r => r.Id</c>, a <c>long</c>): values are its decimal text.</summary>
    public ListShape<T> Id(string name, Expression<Func<T, long>> column, bool sortable = true) =>
        Add(name, ValueKind.Id, column, sortable, v => long.TryParse(GraphValues.ToStringValue(v), System.Globalization.NumberStyles.AllowLeadingSign,
            System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : throw new ArgumentException("expects an ID of digits"));

    public ListShape<T> Int(string name, Expression<Func<T, int>> column, bool sortable = true) => Add(name, ValueKind.Int, column, sortable, ParseInt);
    public ListShape<T> Int(string name, Expression<Func<T, int?>> column, bool sortable = true) => Add(name, ValueKind.Int, column, sortable, ParseInt);

    public ListShape<T> Decimal(string name, Expression<Func<T, decimal>> column, bool sortable = true) => Add(name, ValueKind.Decimal, column, sortable, ParseDecimal);
    public ListShape<T> Decimal(string name, Expression<Func<T, decimal?>> column, bool sortable = true) => Add(name, ValueKind.Decimal, column, sortable, ParseDecimal);

    public ListShape<T> Date(string name, Expression<Func<T, DateOnly>> column, bool sortable = true) => Add(name, ValueKind.Date, column, sortable, ParseDate);
    public ListShape<T> Date(string name, Expression<Func<T, DateOnly?>> column, bool sortable = true) => Add(name, ValueKind.Date, column, sortable, ParseDate);

    public ListShape<T> DateTime(string name, Expression<Func<T, DateTime>> column, bool sortable = true) => Add(name, ValueKind.DateTime, column, sortable, ParseDateTime);
    public ListShape<T> DateTime(string name, Expression<Func<T, DateTime?>> column, bool sortable = true) => Add(name, ValueKind.DateTime, column, sortable, ParseDateTime);

    public ListShape<T> Boolean(string name, Expression<Func<T, bool>> column, bool sortable = true) =>
        Add(name, ValueKind.Boolean, column, sortable, v => v as bool? ?? throw new ArgumentException("expects a Boolean"));

    /// <summary>An enum field: values are the GraphQL names of <see cref="GraphEnum"/>; sorted by the stored name.</summary>
    public ListShape<T> Enum<TEnum>(string name, string enumType, Expression<Func<T, TEnum>> column, bool sortable = true) where TEnum : struct, System.Enum =>
        AddMember(new ValueMember { Name = name, Kind = ValueKind.Enum, EnumType = enumType, Column = column, Sortable = sortable, Parse = v => GraphEnum.Parse<TEnum>(v) });

    public ListShape<T> Enum<TEnum>(string name, string enumType, Expression<Func<T, TEnum?>> column, bool sortable = true) where TEnum : struct, System.Enum =>
        AddMember(new ValueMember { Name = name, Kind = ValueKind.Enum, EnumType = enumType, Column = column, Sortable = sortable, Parse = v => GraphEnum.Parse<TEnum>(v) });

    /// <summary>An enum field stored by its GraphQL name in a string column (the directory's organisation kind): the engine has
    /// already checked the value against the enum; sorted by the stored name.</summary>
    public ListShape<T> EnumName(string name, string enumType, Expression<Func<T, string>> column, bool sortable = true) =>
        AddMember(new ValueMember { Name = name, Kind = ValueKind.Enum, EnumType = enumType, Column = column, Sortable = sortable,
            Parse = v => v as string ?? throw new ArgumentException($"expects a value of {enumType}") });

    /// <summary>A to-one object of the same DbContext (see <see cref="ObjectMember"/>).</summary>
    public ListShape<T> Object<TContext, TOther>(string name, ListShape<TOther> shape, Expression<Func<TContext, T, TOther?>> related, bool sortable = true)
        where TContext : Microsoft.EntityFrameworkCore.DbContext where TOther : class =>
        AddMember(new ObjectMember { Name = name, Shape = shape, Related = related, Sortable = sortable });

    /// <summary>A list of objects of the same DbContext (see <see cref="CollectionMember"/>).</summary>
    public ListShape<T> List<TContext, TOther>(string name, ListShape<TOther> shape, Expression<Func<TContext, T, IEnumerable<TOther>>> items)
        where TContext : Microsoft.EntityFrameworkCore.DbContext =>
        AddMember(new CollectionMember { Name = name, Shape = shape, Items = items });

    /// <summary>A field neither filterable nor sortable (computed, or read from another context), with the members it reads.</summary>
    public ListShape<T> Computed(string name, params string[] needs) => AddMember(new ComputedMember { Name = name, Needs = needs });

    private ListShape<T> Add(string name, ValueKind kind, LambdaExpression column, bool sortable, Func<object?, object> parse) =>
        AddMember(new ValueMember { Name = name, Kind = kind, Column = column, Sortable = sortable, Parse = parse });

    private ListShape<T> AddMember(ListMember member)
    {
        if (Member(member.Name) is not null) throw new InvalidOperationException($"{TypeName}.{member.Name} is declared twice.");
        if (member.Name is "and" or "or") throw new InvalidOperationException($"{TypeName}.{member.Name}: \"and\" and \"or\" are the filter's own fields.");
        _members.Add(member);
        return this;
    }

    private static object ParseInt(object? v) => GraphValues.ToInt(v) ?? throw new ArgumentException("expects an Int");
    private static object ParseDecimal(object? v) => GraphValues.ToDecimal(v) ?? throw new ArgumentException("expects a Decimal");
    private static object ParseDate(object? v) => GraphValues.ToDate(v) ?? throw new ArgumentException("expects a Date");

    // Columns hold UTC instants without a kind (SQLite, SQL Server) or as timestamptz (PostgreSQL: needs Kind=Utc).
    private static object ParseDateTime(object? v) => v switch
    {
        DateTimeOffset o => o.UtcDateTime,
        System.DateTime d => d.Kind == DateTimeKind.Utc ? d : System.DateTime.SpecifyKind(d.ToUniversalTime(), DateTimeKind.Utc),
        string s when DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var o) => o.UtcDateTime,
        _ => throw new ArgumentException("expects a DateTime"),
    };
}
