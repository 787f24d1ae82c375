using System.Globalization;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Host.Graph;

/// <summary>Coercion of the shared scalars: <c>Date</c> (yyyy-MM-dd), <c>DateTime</c> (UTC, ISO 8601) and
/// <c>Decimal</c> (a JSON string out; a string or a number in).</summary>
public static class SharedScalars
{
    public static void Configure(SchemaBuilder builder) => builder
        .ConfigureScalar("Date", s =>
        {
            s.Serialize = v => v switch
            {
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTimeOffset o => o.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                string text when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => text,
                _ => throw Invalid("Date", v),
            };
            s.ParseValue = v => v is string text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw Invalid("Date", v);
            s.ParseLiteral = (node, _) => node is StringValueNode str ? s.ParseValue(str.Value) : throw Invalid("Date", Printer.Print(node));
        })
        .ConfigureScalar("DateTime", s =>
        {
            s.Serialize = v => v switch
            {
                DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
                DateTime dt => (dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime())
                    .ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
                string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) => text,
                _ => throw Invalid("DateTime", v),
            };
            s.ParseValue = v => v is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var o)
                ? o : throw Invalid("DateTime", v);
            s.ParseLiteral = (node, _) => node is StringValueNode str ? s.ParseValue(str.Value) : throw Invalid("DateTime", Printer.Print(node));
        })
        .ConfigureScalar("Decimal", s =>
        {
            s.Serialize = v => ToDecimal(v) is { } d ? d.ToString(CultureInfo.InvariantCulture) : throw Invalid("Decimal", v);
            s.ParseValue = v => ToDecimal(v) ?? throw Invalid("Decimal", v);
            s.ParseLiteral = (node, _) => node switch
            {
                StringValueNode str => ToDecimal(str.Value) ?? throw Invalid("Decimal", str.Value),
                IntValueNode i => ToDecimal(i.Value) ?? throw Invalid("Decimal", i.Value),
                FloatValueNode f => ToDecimal(f.Value) ?? throw Invalid("Decimal", f.Value),
                _ => throw Invalid("Decimal", Printer.Print(node)),
            };
        });

    private static decimal? ToDecimal(object? value) => value switch
    {
        decimal d => d,
        int i => i,
        long l => l,
        double db when double.IsFinite(db) => (decimal)db,
        string s when decimal.TryParse(s, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static GraphQLException Invalid(string scalar, object? value) =>
        new(new GraphQLError($"{scalar} cannot represent value: {(value is string s ? Printer.PrintString(s) : value?.ToString() ?? "null")}"));
}
