using System.Globalization;
using System.Text;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>A mutation's problem with its input, as the prelude's <c>UserError</c> type: a message, the input field's path, a stable code.</summary>
public sealed record UserError(string Message, IReadOnlyList<string>? Path, string Code)
{
    public const string Conflict = "CONFLICT";
    public const string NotFound = "NOT_FOUND";
    public const string Invalid = "INVALID";
    public const string Required = "REQUIRED";
}

/// <summary>Conversions between the CLR values modules store and the values the graph exchanges.</summary>
public static class GraphValues
{
    /// <summary>A CLR enum member as a GraphQL enum value: <c>AssuredWithSupport</c> → <c>ASSURED_WITH_SUPPORT</c>.</summary>
    public static string EnumName(Enum value)
    {
        var name = value.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                sb.Append('_');
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>
    /// A <c>Decimal</c> argument as the engine hands it over: already a decimal when the scalar
    /// parsed it, otherwise the JSON string or number the client sent (a string read with
    /// <paramref name="styles"/>). Null when it is not a number.
    /// </summary>
    public static decimal? ToDecimal(object? value, NumberStyles styles = NumberStyles.Number) => value switch
    {
        decimal d => d,
        int i => i,
        long l => l,
        double f when double.IsFinite(f) => (decimal)f,
        string s when decimal.TryParse(s, styles, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>A <c>Date</c> argument as the shared scalar may deliver it (coerced, or the JSON string); throws for anything else.</summary>
    public static DateOnly? ToDate(object? value) => value switch
    {
        null => null,
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        DateTimeOffset dto => DateOnly.FromDateTime(dto.UtcDateTime),
        string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        _ => throw new ArgumentException($"'{value}' is not a date like 2013-04-01."),
    };

    /// <summary>An <c>Int</c> argument (the engine coerces Int to int; tolerate long).</summary>
    public static int? ToInt(object? value) => value switch
    {
        int i => i,
        long l and >= int.MinValue and <= int.MaxValue => (int)l,
        _ => null,
    };

    public static string? ToStringValue(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The input object argument named <paramref name="name"/>.</summary>
    public static IReadOnlyDictionary<string, object?> InputObject(this Engine.Execution.IResolveContext context, string name = "input") =>
        context.Arguments.TryGetValue(name, out var v) && v is IReadOnlyDictionary<string, object?> map ? map
        : v is IDictionary<string, object?> dict ? dict.AsReadOnly()
        : new Dictionary<string, object?>();

    public static object? Get(this IReadOnlyDictionary<string, object?> input, string field) =>
        input.TryGetValue(field, out var v) ? v : null;
}

/// <summary>
/// GraphQL enum values for CLR enums, both ways: <c>AuthorisedWithConditions</c> ↔ <c>AUTHORISED_WITH_CONDITIONS</c>
/// (names as <see cref="GraphValues.EnumName"/> writes them, cached per enum type).
/// SDL-built enums carry their names as internal values, so resolvers hand the engine names.
/// </summary>
public static class GraphEnum
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => Names<TEnum>.ByValue[value];

    public static TEnum Parse<TEnum>(object? name) where TEnum : struct, Enum =>
        name is string s && Names<TEnum>.ByName.TryGetValue(s, out var v) ? v
        : name is TEnum e ? e
        : throw new ArgumentException($"'{name}' is not a value of {typeof(TEnum).Name}.");

    /// <summary>An enum-list argument as a set: each value once, so that a filter's SQL carries at most as
    /// many parameters as the enum has values, however many times a client repeats them. Null when absent.</summary>
    public static IReadOnlyList<TEnum>? ParseDistinct<TEnum>(object? names) where TEnum : struct, Enum =>
        (names as IEnumerable<object?>)?.Select(Parse<TEnum>).Distinct().ToList();

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>().ToDictionary(v => v, v => GraphValues.EnumName(v));
        public static readonly Dictionary<string, TEnum> ByName = ByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
