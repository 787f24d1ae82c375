using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Types;

// Expected values and messages were checked against graphql-js 16 (shared/tools/graphql-reference).
public class BuiltInScalarTests
{
    private static string Fails(Func<object?, object?> f, object? value) => Assert.Throws<CoercionException>(() => f(value)).Message;
    private static string FailsLiteral(ScalarType t, string literal) =>
        Assert.Throws<CoercionException>(() => t.ParseLiteral(Parser.ParseValue(literal), null)).Message;

    [Theory]
    [InlineData(" 0x1A ", 26)]
    [InlineData("1e3", 1000)]
    [InlineData("  ", 0)]
    [InlineData("-12", -12)]
    public void Int_serializes_numeric_strings_as_javascript_Number_does(string input, int expected) =>
        Assert.Equal(expected, BuiltInScalars.Int.Serialize(input));

    [Fact]
    public void Int_serialize_accepts_booleans_and_integral_doubles()
    {
        Assert.Equal(1, BuiltInScalars.Int.Serialize(true));
        Assert.Equal(0, BuiltInScalars.Int.Serialize(false));
        Assert.Equal(3, BuiltInScalars.Int.Serialize(3.0));
        Assert.Equal(7, BuiltInScalars.Int.Serialize(7m));
    }

    [Fact]
    public void Int_serialize_rejects_empty_string_fractions_and_out_of_range_values()
    {
        Assert.Equal("Int cannot represent non-integer value: \"\"", Fails(BuiltInScalars.Int.Serialize, ""));
        Assert.Equal("Int cannot represent non-integer value: 1.5", Fails(BuiltInScalars.Int.Serialize, 1.5));
        Assert.Equal("Int cannot represent non 32-bit signed integer value: 3000000000", Fails(BuiltInScalars.Int.Serialize, 3000000000L));
        Assert.Equal("Int cannot represent non-integer value: \"abc\"", Fails(BuiltInScalars.Int.Serialize, "abc"));
        Assert.Equal("Int cannot represent non-integer value: [1, 2]", Fails(BuiltInScalars.Int.Serialize, new List<object?> { 1, 2 }));
    }

    [Fact]
    public void Int_parseValue_accepts_only_integral_numbers_in_range()
    {
        Assert.Equal(5, BuiltInScalars.Int.ParseValue(5L));
        Assert.Equal(5, BuiltInScalars.Int.ParseValue(5.0));
        Assert.Equal("Int cannot represent non-integer value: \"5\"", Fails(BuiltInScalars.Int.ParseValue, "5"));
        Assert.Equal("Int cannot represent non-integer value: true", Fails(BuiltInScalars.Int.ParseValue, true));
        Assert.Equal("Int cannot represent non 32-bit signed integer value: 2147483648", Fails(BuiltInScalars.Int.ParseValue, 2147483648L));
    }

    [Fact]
    public void Int_parseLiteral_accepts_only_int_literals_in_range()
    {
        Assert.Equal(-2147483648, BuiltInScalars.Int.ParseLiteral(new IntValueNode("-2147483648"), null));
        Assert.Equal("Int cannot represent non-integer value: 1.0", FailsLiteral(BuiltInScalars.Int, "1.0"));
        Assert.Equal("Int cannot represent non-integer value: \"1\"", FailsLiteral(BuiltInScalars.Int, "\"1\""));
        Assert.Equal("Int cannot represent non 32-bit signed integer value: 2147483648", FailsLiteral(BuiltInScalars.Int, "2147483648"));
    }

    [Fact]
    public void Float_coerces_numbers_and_rejects_non_finite_or_non_numeric_values()
    {
        Assert.Equal(1.5, BuiltInScalars.Float.Serialize("1.5"));
        Assert.Equal(1.0, BuiltInScalars.Float.Serialize(true));
        Assert.Equal(2.0, BuiltInScalars.Float.ParseValue(2));
        Assert.Equal("Float cannot represent non numeric value: \"abc\"", Fails(BuiltInScalars.Float.Serialize, "abc"));
        Assert.Equal("Float cannot represent non numeric value: NaN", Fails(BuiltInScalars.Float.Serialize, double.NaN));
        Assert.Equal("Float cannot represent non numeric value: \"1\"", Fails(BuiltInScalars.Float.ParseValue, "1"));
        Assert.Equal(3.0, BuiltInScalars.Float.ParseLiteral(new IntValueNode("3"), null));
        Assert.Equal("Float cannot represent non numeric value: true", FailsLiteral(BuiltInScalars.Float, "true"));
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(1e21d, "1e+21")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.1, "0.1")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(-0.000001, "-0.000001")]
    [InlineData(1.5e300, "1.5e+300")]
    public void String_serializes_numbers_with_javascript_formatting(double value, string expected) =>
        Assert.Equal(expected, BuiltInScalars.String.Serialize(value));

    [Fact]
    public void String_serializes_booleans_and_rejects_objects_with_inspected_message()
    {
        Assert.Equal("false", BuiltInScalars.String.Serialize(false));
        var nested = new List<object?> { 1, new Dictionary<string, object?> { ["x"] = new Dictionary<string, object?> { ["y"] = new Dictionary<string, object?> { ["z"] = 1 } } } };
        Assert.Equal("String cannot represent value: [1, { x: [Object] }]", Fails(BuiltInScalars.String.Serialize, nested));
        Assert.Equal("String cannot represent a non string value: 1", Fails(BuiltInScalars.String.ParseValue, 1));
        Assert.Equal("String cannot represent a non string value: ENUM", FailsLiteral(BuiltInScalars.String, "ENUM"));
    }

    [Fact]
    public void Boolean_serializes_finite_numbers_but_not_strings()
    {
        Assert.Equal(false, BuiltInScalars.Boolean.Serialize(0));
        Assert.Equal(true, BuiltInScalars.Boolean.Serialize(-2.5));
        Assert.Equal("Boolean cannot represent a non boolean value: \"true\"", Fails(BuiltInScalars.Boolean.Serialize, "true"));
        Assert.Equal("Boolean cannot represent a non boolean value: 1", Fails(BuiltInScalars.Boolean.ParseValue, 1));
        Assert.Equal(true, BuiltInScalars.Boolean.ParseLiteral(new BooleanValueNode(true), null));
    }

    [Fact]
    public void ID_accepts_strings_and_integral_numbers_only()
    {
        Assert.Equal("12", BuiltInScalars.ID.Serialize(12));
        Assert.Equal("12", BuiltInScalars.ID.ParseValue(12.0));
        Assert.Equal("ID cannot represent value: 1.5", Fails(BuiltInScalars.ID.Serialize, 1.5));
        Assert.Equal("ID cannot represent value: true", Fails(BuiltInScalars.ID.Serialize, true));
        Assert.Equal("007", BuiltInScalars.ID.ParseLiteral(new IntValueNode("007"), null));
        Assert.Equal("ID cannot represent a non-string and non-integer value: 1.5", FailsLiteral(BuiltInScalars.ID, "1.5"));
    }

    [Fact]
    public void Json_elements_are_unwrapped_before_coercion()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"n": 42, "s": "x", "l": [1]}""");
        Assert.Equal(42, BuiltInScalars.Int.Serialize(doc.RootElement.GetProperty("n")));
        Assert.Equal("x", BuiltInScalars.String.ParseValue(doc.RootElement.GetProperty("s")));
        Assert.Equal("Int cannot represent non-integer value: [1]", Fails(BuiltInScalars.Int.Serialize, doc.RootElement.GetProperty("l")));
    }

    [Theory]
    [InlineData("0b101", 5)]
    [InlineData("0o17", 15)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("\u00A01\n", 1)]
    public void JsNumber_parses_like_javascript_Number(string text, double expected) => Assert.Equal(expected, JsNumber.Parse(text));

    [Theory]
    [InlineData("1_000")]
    [InlineData("-0x1")]
    [InlineData("1e")]
    [InlineData("infinity")]
    [InlineData("12px")]
    public void JsNumber_gives_NaN_for_text_javascript_rejects(string text) => Assert.True(double.IsNaN(JsNumber.Parse(text)));

    // Expected: String(x) in Node.js.
    [Theory]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(100d, "100")]
    [InlineData(1e21d, "1e+21")]
    [InlineData(123e-20, "1.23e-18")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(9007199254740994d, "9007199254740994")]
    [InlineData(-1.5e-10, "-1.5e-10")]
    [InlineData(1e20d, "100000000000000000000")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    public void JsNumber_formats_like_javascript_String(double value, string expected) => Assert.Equal(expected, JsNumber.ToString(value));
}
