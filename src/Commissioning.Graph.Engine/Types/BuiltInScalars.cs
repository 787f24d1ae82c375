using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Types;

/// <summary>The built-in scalars (spec §3.5): Int, Float, String, Boolean, ID, with the spec's
/// input and result coercion as graphql-js 16 applies it.</summary>
/// <remarks>
/// Values are judged as JavaScript would judge them: every .NET number is a JS number (a double),
/// <see cref="System.Text.Json.JsonElement"/>s are unwrapped first, lists and dictionaries are objects.
/// Results: Int gives <c>int</c>, Float gives <c>double</c>, String and ID give <c>string</c>, Boolean gives <c>bool</c>.
/// </remarks>
public static class BuiltInScalars
{
    public static readonly ScalarType Int = new("Int")
    {
        IsBuiltIn = true,
        Description = "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.",
        Serialize = SerializeInt, ParseValue = ParseIntValue, ParseLiteral = ParseIntLiteral,
    };
    public static readonly ScalarType Float = new("Float")
    {
        IsBuiltIn = true,
        Description = "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).",
        Serialize = SerializeFloat, ParseValue = ParseFloatValue, ParseLiteral = ParseFloatLiteral,
    };
    public static readonly ScalarType String = new("String")
    {
        IsBuiltIn = true,
        Description = "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.",
        Serialize = SerializeString, ParseValue = ParseStringValue, ParseLiteral = ParseStringLiteral,
    };
    public static readonly ScalarType Boolean = new("Boolean")
    {
        IsBuiltIn = true,
        Description = "The `Boolean` scalar type represents `true` or `false`.",
        Serialize = SerializeBoolean, ParseValue = ParseBooleanValue, ParseLiteral = ParseBooleanLiteral,
    };
    public static readonly ScalarType ID = new("ID")
    {
        IsBuiltIn = true,
        Description = "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.",
        Serialize = SerializeId, ParseValue = ParseIdValue, ParseLiteral = ParseIdLiteral,
    };

    public static readonly IReadOnlyList<ScalarType> All = new[] { String, Int, Float, Boolean, ID };

    public static ScalarType? Find(string name) => name switch
    {
        "Int" => Int, "Float" => Float, "String" => String, "Boolean" => Boolean, "ID" => ID, _ => null,
    };

    /// <summary>True for the five specified scalars (graphql-js isSpecifiedScalarType compares by name).</summary>
    public static bool IsSpecified(NamedType type) => type is ScalarType && Find(type.Name) is not null;

    // Spec §3.5.1: Int is a signed 32-bit integer.
    private const double MaxInt = int.MaxValue;
    private const double MinInt = int.MinValue;

    // ---- Int (spec §3.5.1) ----

    // Result coercion: booleans become 1/0, numeric strings are converted as JavaScript's Number() does.
    private static object? SerializeInt(object? outputValue)
    {
        var value = JsValues.Unwrap(outputValue);
        double num;
        if (value is bool b) return b ? 1 : 0;
        if (value is string s && s.Length > 0) num = JsNumber.Parse(s);
        else if (!JsNumber.TryGetNumber(value, out num)) throw new CoercionException($"Int cannot represent non-integer value: {JsValues.Inspect(value)}");
        if (!JsNumber.IsInteger(num)) throw new CoercionException($"Int cannot represent non-integer value: {JsValues.Inspect(value)}");
        if (num > MaxInt || num < MinInt) throw new CoercionException($"Int cannot represent non 32-bit signed integer value: {JsValues.Inspect(value)}");
        return (int)num;
    }

    // Input coercion of a variable value: only an integral number in range.
    private static object? ParseIntValue(object? inputValue)
    {
        var value = JsValues.Unwrap(inputValue);
        if (!JsNumber.TryGetNumber(value, out var num) || !JsNumber.IsInteger(num))
            throw new CoercionException($"Int cannot represent non-integer value: {JsValues.Inspect(value)}");
        if (num > MaxInt || num < MinInt)
            throw new CoercionException($"Int cannot represent non 32-bit signed integer value: {JsNumber.ToString(num)}");
        return (int)num;
    }

    private static object? ParseIntLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables)
    {
        if (node is not IntValueNode i)
            throw new CoercionException($"Int cannot represent non-integer value: {AstValuePrinter.Print(node)}");
        // parseInt(text, 10) of a lexically valid IntValue is its exact decimal value (as a double).
        var num = double.Parse(i.Value, System.Globalization.CultureInfo.InvariantCulture);
        if (num > MaxInt || num < MinInt)
            throw new CoercionException($"Int cannot represent non 32-bit signed integer value: {i.Value}");
        return (int)num;
    }

    // ---- Float (spec §3.5.2) ----

    private static object? SerializeFloat(object? outputValue)
    {
        var value = JsValues.Unwrap(outputValue);
        double num;
        if (value is bool b) return b ? 1.0 : 0.0;
        if (value is string s && s.Length > 0) num = JsNumber.Parse(s);
        else if (!JsNumber.TryGetNumber(value, out num)) throw new CoercionException($"Float cannot represent non numeric value: {JsValues.Inspect(value)}");
        if (!double.IsFinite(num)) throw new CoercionException($"Float cannot represent non numeric value: {JsValues.Inspect(value)}");
        return num;
    }

    private static object? ParseFloatValue(object? inputValue)
    {
        var value = JsValues.Unwrap(inputValue);
        if (!JsNumber.TryGetNumber(value, out var num) || !double.IsFinite(num))
            throw new CoercionException($"Float cannot represent non numeric value: {JsValues.Inspect(value)}");
        return num;
    }

    private static object? ParseFloatLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables) => node switch
    {
        // parseFloat: a literal too large for a double becomes Infinity, as in JavaScript.
        IntValueNode i => double.Parse(i.Value, System.Globalization.CultureInfo.InvariantCulture),
        FloatValueNode f => double.Parse(f.Value, System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new CoercionException($"Float cannot represent non numeric value: {AstValuePrinter.Print(node)}"),
    };

    // ---- String (spec §3.5.3) ----

    private static object? SerializeString(object? outputValue)
    {
        var value = JsValues.Unwrap(outputValue);
        if (value is string s) return s;
        if (value is bool b) return b ? "true" : "false";
        if (JsNumber.TryGetNumber(value, out var num) && double.IsFinite(num)) return JsNumber.ToString(num);
        throw new CoercionException($"String cannot represent value: {JsValues.Inspect(value)}");
    }

    private static object? ParseStringValue(object? inputValue)
    {
        var value = JsValues.Unwrap(inputValue);
        if (value is string s) return s;
        throw new CoercionException($"String cannot represent a non string value: {JsValues.Inspect(value)}");
    }

    private static object? ParseStringLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables) =>
        node is StringValueNode s ? s.Value
            : throw new CoercionException($"String cannot represent a non string value: {AstValuePrinter.Print(node)}");

    // ---- Boolean (spec §3.5.4) ----

    private static object? SerializeBoolean(object? outputValue)
    {
        var value = JsValues.Unwrap(outputValue);
        if (value is bool b) return b;
        if (JsNumber.TryGetNumber(value, out var num) && double.IsFinite(num)) return num != 0;
        throw new CoercionException($"Boolean cannot represent a non boolean value: {JsValues.Inspect(value)}");
    }

    private static object? ParseBooleanValue(object? inputValue)
    {
        var value = JsValues.Unwrap(inputValue);
        if (value is bool b) return b;
        throw new CoercionException($"Boolean cannot represent a non boolean value: {JsValues.Inspect(value)}");
    }

    private static object? ParseBooleanLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables) =>
        node is BooleanValueNode b ? b.Value
            : throw new CoercionException($"Boolean cannot represent a non boolean value: {AstValuePrinter.Print(node)}");

    // ---- ID (spec §3.5.5) ----

    private static object? SerializeId(object? outputValue)
    {
        var value = JsValues.Unwrap(outputValue);
        if (value is string s) return s;
        if (JsNumber.TryGetNumber(value, out var num) && JsNumber.IsInteger(num)) return JsNumber.ToString(num);
        throw new CoercionException($"ID cannot represent value: {JsValues.Inspect(value)}");
    }

    private static object? ParseIdValue(object? inputValue)
    {
        var value = JsValues.Unwrap(inputValue);
        if (value is string s) return s;
        if (JsNumber.TryGetNumber(value, out var num) && JsNumber.IsInteger(num)) return JsNumber.ToString(num);
        throw new CoercionException($"ID cannot represent value: {JsValues.Inspect(value)}");
    }

    private static object? ParseIdLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables) => node switch
    {
        StringValueNode s => s.Value,
        IntValueNode i => i.Value,
        _ => throw new CoercionException($"ID cannot represent a non-string and non-integer value: {AstValuePrinter.Print(node)}"),
    };
}
