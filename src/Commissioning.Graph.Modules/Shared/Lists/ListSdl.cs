using System.Text;

namespace Commissioning.Graph.Modules.Shared.Lists;

/// <summary>
/// The SDL of the list inputs, generated from <see cref="ListShape{T}"/>s in HotChocolate.Data's vocabulary:
/// <c>&lt;Type&gt;FilterInput</c> (<c>and</c>, <c>or</c>, one operation input per filterable field), <c>&lt;Type&gt;SortInput</c>
/// (<c>SortEnumType</c> or a nested sort input per sortable field), <c>List&lt;Type&gt;FilterInput</c>, the operation inputs
/// and <c>SortEnumType</c>. A module appends it to its embedded SDL, so schema files and the supergraph show it. The
/// operation inputs are printed identically by every module that uses them: the composer keeps one of identical
/// definitions, and the gateway's composition merges input types defined alike by several subgraphs.
/// </summary>
public static class ListSdl
{
    /// <summary>The inputs of <paramref name="shapes"/> and of every shape they reach, and the operation inputs they use.</summary>
    public static string For(params IListShape[] shapes)
    {
        var ordered = new List<IListShape>();
        void Visit(IListShape s)
        {
            if (ordered.Any(o => o.TypeName == s.TypeName)) return;
            ordered.Add(s);
            foreach (var m in s.Members)
                if (m is ObjectMember o) Visit(o.Shape);
                else if (m is CollectionMember c) Visit(c.Shape);
        }
        foreach (var s in shapes) Visit(s);

        var sb = new StringBuilder();
        var operations = new SortedSet<string>(StringComparer.Ordinal);
        var enums = new SortedSet<string>(StringComparer.Ordinal);
        var lists = new SortedSet<string>(StringComparer.Ordinal);
        var sorted = false;
        foreach (var shape in ordered)
        {
            sb.Append('\n').Append($"\"Filter of `{shape.TypeName}` lists: every field given must hold; `and`/`or` combine filters; an empty filter is no condition.\"\n");
            sb.Append($"input {shape.FilterInputName} {{\n");
            sb.Append($"  \"Every one of these filters holds.\"\n  and: [{shape.FilterInputName}!]\n");
            sb.Append($"  \"At least one of these filters holds (an empty list is no condition).\"\n  or: [{shape.FilterInputName}!]\n");
            foreach (var m in shape.Members)
            {
                switch (m)
                {
                    case ValueMember { Filterable: true } v:
                        var op = OperationInputName(v);
                        if (v.Kind == ValueKind.Enum) enums.Add(v.EnumType!); else operations.Add(op);
                        sb.Append($"  \"Condition on `{m.Name}`.\"\n  {m.Name}: {op}\n");
                        break;
                    case ObjectMember o:
                        sb.Append($"  \"Condition on `{m.Name}`.\"\n  {m.Name}: {o.Shape.FilterInputName}\n");
                        break;
                    case CollectionMember c:
                        lists.Add(c.Shape.TypeName);
                        sb.Append($"  \"Condition on the items of `{m.Name}`.\"\n  {m.Name}: List{c.Shape.FilterInputName}\n");
                        break;
                }
            }
            sb.Append("}\n");

            var sortable = shape.Members.Where(m => m is ValueMember { Sortable: true } or ObjectMember { Sortable: true }).ToList();
            if (sortable.Count == 0) continue;
            sorted = true;
            sb.Append('\n').Append($"\"One sort key of `{shape.TypeName}` lists: set exactly one field per element of `order`.\"\n");
            sb.Append($"input {shape.SortInputName} {{\n");
            foreach (var m in sortable)
                sb.Append($"  \"Sort by `{m.Name}`.\"\n  {m.Name}: {(m is ObjectMember o ? o.Shape.SortInputName : "SortEnumType")}\n");
            sb.Append("}\n");
        }

        foreach (var typeName in lists)
        {
            var filter = typeName + "FilterInput";
            sb.Append('\n').Append($"\"Condition on a list of `{typeName}`.\"\n");
            sb.Append($"input List{filter} {{\n");
            sb.Append($"  \"Every item matches (true for an empty list).\"\n  all: {filter}\n");
            sb.Append($"  \"No item matches.\"\n  none: {filter}\n");
            sb.Append($"  \"At least one item matches.\"\n  some: {filter}\n");
            sb.Append("  \"The list has items (true) or is empty (false).\"\n  any: Boolean\n");
            sb.Append("}\n");
        }
        foreach (var e in enums) sb.Append(EnumOperationInput(e));
        foreach (var op in operations) sb.Append(StandardOperationInputs[op]);
        if (sorted) sb.Append(SortEnum);
        return sb.ToString();
    }

    /// <summary><c>&lt;Type&gt;Connection</c> and <c>&lt;Type&gt;Edge</c> for a new connection field, every field under
    /// <paramref name="directives"/> (the authorisation of the listed type's own fields: <c>@authenticated</c>, <c>@policy(…)</c>).</summary>
    public static string ConnectionTypes(string typeName, string directives, string plural)
    {
        var sb = new StringBuilder();
        sb.Append('\n').Append($"\"A page of {plural} (Relay connection).\"\n");
        sb.Append($"type {typeName}Connection {{\n");
        sb.Append($"  \"The {plural} of this page with their cursors.\"\n  edges: [{typeName}Edge!]! {directives}\n");
        sb.Append($"  \"The {plural} of this page.\"\n  nodes: [{typeName}!]! {directives}\n");
        sb.Append($"  \"Whether there are more pages, and the cursors of this one.\"\n  pageInfo: PageInfo! {directives}\n");
        sb.Append($"  \"How many {plural} match, on all pages (counted only when selected).\"\n  totalCount: Int! {directives}\n");
        sb.Append("}\n\n");
        sb.Append($"\"A `{typeName}` and its cursor.\"\n");
        sb.Append($"type {typeName}Edge {{\n");
        sb.Append($"  \"Opaque keyset cursor of this item, for `after` or `before`.\"\n  cursor: String! {directives}\n");
        sb.Append($"  \"The item.\"\n  node: {typeName}! {directives}\n");
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>A connection field added to <paramref name="parentType"/> (an extension the composer merges into the type):
    /// its list arguments, its connection type and <paramref name="directives"/>, sized for cost analysis by <c>first</c>/<c>last</c>.</summary>
    public static string ConnectionField(string parentType, string field, string description, IListShape shape, string directives) =>
        $"\nextend type {parentType} {{\n  \"{description}\"\n  {field}(\n{Arguments(shape)}  ): {shape.TypeName}Connection! {directives} " +
        "@listSize(assumedSize: 50, slicingArguments: [\"first\", \"last\"], sizedFields: [\"edges\", \"nodes\"], requireOneSlicingArgument: false)\n}\n";

    /// <summary>The arguments every list field takes, for a field's SDL: <c>where</c>, <c>order</c>, <c>first</c>, <c>after</c>, <c>last</c>, <c>before</c>.</summary>
    public static string Arguments(IListShape shape, bool paging = true)
    {
        var sb = new StringBuilder();
        sb.Append($"    \"Only the items matching this filter.\"\n    where: {shape.FilterInputName}\n");
        if (shape.Members.Any(m => m is ValueMember { Sortable: true } or ObjectMember { Sortable: true }))
            sb.Append($"    \"The order: sort keys in turn, each element setting one field; the unique key is always the last tie-breaker.\"\n    order: [{shape.SortInputName}!]\n");
        if (paging)
            sb.Append("    \"How many items from the start (at most 100; 50 when neither `first` nor `last` is given).\"\n    first: Int\n")
              .Append("    \"Items after this cursor (an edge's `cursor`).\"\n    after: String\n")
              .Append("    \"How many items from the end (at most 100).\"\n    last: Int\n")
              .Append("    \"Items before this cursor.\"\n    before: String\n");
        return sb.ToString();
    }

    public static string OperationInputName(ValueMember v) => v.Kind switch
    {
        ValueKind.String => "StringOperationFilterInput",
        ValueKind.Id => "IdOperationFilterInput",
        ValueKind.Int => "IntOperationFilterInput",
        ValueKind.Decimal => "DecimalOperationFilterInput",
        ValueKind.Date => "DateOperationFilterInput",
        ValueKind.DateTime => "DateTimeOperationFilterInput",
        ValueKind.Boolean => "BooleanOperationFilterInput",
        ValueKind.Enum => v.EnumType + "OperationFilterInput",
        _ => throw new ArgumentOutOfRangeException(nameof(v)),
    };

    /// <summary>The operations each operation input offers (the translator accepts exactly these).</summary>
    public static readonly IReadOnlyList<string> StringOperations = ["eq", "neq", "in", "nin", "contains", "ncontains", "startsWith", "nstartsWith", "endsWith", "nendsWith"];
    public static readonly IReadOnlyList<string> ComparableOperations = ["eq", "neq", "in", "nin", "gt", "ngt", "gte", "ngte", "lt", "nlt", "lte", "nlte"];
    public static readonly IReadOnlyList<string> EqualityOperations = ["eq", "neq", "in", "nin"];
    public static readonly IReadOnlyList<string> BooleanOperations = ["eq", "neq"];

    /// <summary>What each operation means, for the SDL's descriptions.</summary>
    private static readonly Dictionary<string, string> Meaning = new(StringComparer.Ordinal)
    {
        ["eq"] = "Equal to (null: the value is null).",
        ["neq"] = "Not equal to (null: the value is not null).",
        ["in"] = "One of these values.",
        ["nin"] = "None of these values.",
        ["gt"] = "Greater than.",
        ["ngt"] = "Not greater than (null values match).",
        ["gte"] = "Greater than or equal to.",
        ["ngte"] = "Not greater than or equal to (null values match).",
        ["lt"] = "Less than.",
        ["nlt"] = "Not less than (null values match).",
        ["lte"] = "Less than or equal to.",
        ["nlte"] = "Not less than or equal to (null values match).",
        ["contains"] = "Contains this text.",
        ["ncontains"] = "Does not contain this text (null values match).",
        ["startsWith"] = "Starts with this text.",
        ["nstartsWith"] = "Does not start with this text (null values match).",
        ["endsWith"] = "Ends with this text.",
        ["nendsWith"] = "Does not end with this text (null values match).",
    };

    private static string OperationInput(string name, string scalar, string description, IReadOnlyList<string> operations)
    {
        var sb = new StringBuilder();
        sb.Append($"\n\"{description}\"\ninput {name} {{\n");
        foreach (var op in operations)
            sb.Append($"  \"{Meaning[op]}\"\n  {op}: {(op is "in" or "nin" ? $"[{scalar}!]" : scalar)}\n");
        return sb.Append("}\n").ToString();
    }

    private static string Comparable(string name, string scalar, string what) =>
        OperationInput(name, scalar, $"Conditions on {what}; every one given must hold.", ComparableOperations);

    private static readonly Dictionary<string, string> StandardOperationInputs = new(StringComparer.Ordinal)
    {
        ["StringOperationFilterInput"] = OperationInput("StringOperationFilterInput", "String",
            "Conditions on a String; every one given must hold. Comparisons are case-sensitive on SQLite and PostgreSQL and follow the column's collation on SQL Server (case-insensitive by default).",
            StringOperations),
        ["IdOperationFilterInput"] = OperationInput("IdOperationFilterInput", "ID", "Conditions on an ID; every one given must hold.", EqualityOperations),
        ["IntOperationFilterInput"] = Comparable("IntOperationFilterInput", "Int", "an Int"),
        ["DecimalOperationFilterInput"] = Comparable("DecimalOperationFilterInput", "Decimal", "a Decimal"),
        ["DateOperationFilterInput"] = Comparable("DateOperationFilterInput", "Date", "a Date"),
        ["DateTimeOperationFilterInput"] = Comparable("DateTimeOperationFilterInput", "DateTime", "a DateTime"),
        ["BooleanOperationFilterInput"] = OperationInput("BooleanOperationFilterInput", "Boolean", "Conditions on a Boolean.", BooleanOperations),
    };

    private static string EnumOperationInput(string enumType) =>
        OperationInput(enumType + "OperationFilterInput", enumType, $"Conditions on a `{enumType}`; every one given must hold.", EqualityOperations);

    private const string SortEnum =
        "\n\"A sort direction.\"\nenum SortEnumType {\n  \"Ascending (nulls first).\"\n  ASC\n  \"Descending (nulls last).\"\n  DESC\n}\n";
}
