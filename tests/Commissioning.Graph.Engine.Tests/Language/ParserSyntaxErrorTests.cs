using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Tests.Language;

// Each malformed document and the message, line and column graphql-js 16.15 reports for it
// (captured from the reference tool).
public class ParserSyntaxErrorTests
{
    public static IEnumerable<object[]> MalformedDocuments => new[]
    {
        new object[] { "{ a ", "Syntax Error: Expected Name, found <EOF>.", 1, 5 },
        new object[] { "", "Syntax Error: Unexpected <EOF>.", 1, 1 },
        new object[] { "   ", "Syntax Error: Unexpected <EOF>.", 1, 4 },
        new object[] { "{", "Syntax Error: Expected Name, found <EOF>.", 1, 2 },
        new object[] { "query", "Syntax Error: Expected \"{\", found <EOF>.", 1, 6 },
        new object[] { "{ a(x: ) }", "Syntax Error: Unexpected \")\".", 1, 8 },
        new object[] { "{ a(x 1) }", "Syntax Error: Expected \":\", found Int \"1\".", 1, 7 },
        new object[] { "query Q($x Int) { a }", "Syntax Error: Expected \":\", found Name \"Int\".", 1, 12 },
        new object[] { "{ a(x: 01) }", "Syntax Error: Invalid number, unexpected digit after 0: \"1\".", 1, 9 },
        new object[] { "{ a(x: 1.) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 10 },
        new object[] { "{ a(x: 1a) }", "Syntax Error: Invalid number, expected digit but got: \"a\".", 1, 9 },
        new object[] { "{ a(x: 1.5.) }", "Syntax Error: Invalid number, expected digit but got: \".\".", 1, 11 },
        new object[] { "{ a(x: -) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 9 },
        new object[] { "{ a(x: 1e) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 10 },
        new object[] { "{ a(x: \"abc) }", "Syntax Error: Unterminated string.", 1, 15 },
        new object[] { "{ a(x: \"a\\qb\") }", "Syntax Error: Invalid character escape sequence: \"\\q\".", 1, 10 },
        new object[] { "{ a(x: \"\\u12G4\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u12G4\".", 1, 9 },
        new object[] { "{ a(x: \"\\uD800\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\".", 1, 9 },
        new object[] { "{ a(x: \"\\uD800\\u0041\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\".", 1, 9 },
        new object[] { "{ a(x: \"\\u{110000}\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\".", 1, 9 },
        new object[] { "{ a(x: \"\\u{}\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{}\".", 1, 9 },
        new object[] { "{ a(x: \"\"\"abc) }", "Syntax Error: Unterminated string.", 1, 17 },
        new object[] { "{ a(x: 'x') }", "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?", 1, 8 },
        new object[] { "{ a ? }", "Syntax Error: Unexpected character: \"?\".", 1, 5 },
        new object[] { "{ a \u0007 }", "Syntax Error: Unexpected character: U+0007.", 1, 5 },
        new object[] { "fragment on on T { a }", "Syntax Error: Unexpected Name \"on\".", 1, 10 },
        new object[] { "fragment F on T", "Syntax Error: Expected \"{\", found <EOF>.", 1, 16 },
        new object[] { "{ ...on }", "Syntax Error: Expected Name, found \"}\".", 1, 9 },
        new object[] { "query Q($x: Int = $y) { a }", "Syntax Error: Unexpected variable \"$y\" in constant value.", 1, 19 },
        new object[] { "extend foo", "Syntax Error: Unexpected Name \"foo\".", 1, 8 },
        new object[] { "extend type T", "Syntax Error: Unexpected <EOF>.", 1, 14 },
        new object[] { "extend schema", "Syntax Error: Unexpected <EOF>.", 1, 14 },
        new object[] { "type T { a: Int", "Syntax Error: Expected Name, found <EOF>.", 1, 16 },
        new object[] { "enum E { true }", "Syntax Error: Name \"true\" is reserved and cannot be used for an enum value.", 1, 10 },
        new object[] { "directive @d on FOO", "Syntax Error: Unexpected Name \"FOO\".", 1, 17 },
        new object[] { "{ a }\r\n{ b(x: 01) }", "Syntax Error: Invalid number, unexpected digit after 0: \"1\".", 2, 9 },
        new object[] { "{ a }\r{ b(x: ?) }", "Syntax Error: Unexpected character: \"?\".", 2, 8 },
        new object[] { "mutation { a } subscription", "Syntax Error: Expected \"{\", found <EOF>.", 1, 28 },
        new object[] { "{ a(x: {b: }) }", "Syntax Error: Unexpected \"}\".", 1, 12 },
        new object[] { "{ a @ }", "Syntax Error: Expected Name, found \"}\".", 1, 7 },
        new object[] { "type T implements { a: Int }", "Syntax Error: Expected Name, found \"{\".", 1, 19 },
        new object[] { "union U = | ", "Syntax Error: Expected Name, found <EOF>.", 1, 13 },
        new object[] { "{ a(x: \"\\\"\"\"\") }", "Syntax Error: Expected Name, found String \"\".", 1, 12 },
        new object[] { "schema { query }", "Syntax Error: Expected \":\", found \"}\".", 1, 16 },
        new object[] { "{ a(x: [1, 2) }", "Syntax Error: Unexpected \")\".", 1, 13 },
        new object[] { "query ($x: [Int!) { a }", "Syntax Error: Expected \"]\", found \")\".", 1, 17 },
        new object[] { "{ a(x: \"\\u{FFFFFFFFF}\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{FFFFFFFF\".", 1, 9 },
        new object[] { "{ a(x: \"\\u{80000000}\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{80000000\".", 1, 9 },
        new object[] { "{ a(x: \"\\", "Syntax Error: Invalid character escape sequence: \"\\\".", 1, 9 },
        new object[] { "{ a(x: 00) }", "Syntax Error: Invalid number, unexpected digit after 0: \"0\".", 1, 9 },
        new object[] { "#comment\n  ?", "Syntax Error: Unexpected character: \"?\".", 2, 3 },
        new object[] { "{ a(x: 0x1) }", "Syntax Error: Invalid number, expected digit but got: \"x\".", 1, 9 },
        new object[] { "{ a(x: -01) }", "Syntax Error: Invalid number, unexpected digit after 0: \"1\".", 1, 10 },
        new object[] { "\ufeff{ a ?", "Syntax Error: Unexpected character: \"?\".", 1, 6 },
        new object[] { "query Q @d($x: 1) { a }", "Syntax Error: Expected Name, found \"$\".", 1, 12 },
        new object[] { "query Q($x: Int @d($v: 1)) { a }", "Syntax Error: Expected Name, found \"$\".", 1, 20 },
        new object[] { "enum E { \"d\" null }", "Syntax Error: Name \"null\" is reserved and cannot be used for an enum value.", 1, 14 },
        new object[] { "\"\"\"d\"\"\" extend type T { a: Int }", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1 },
        new object[] { "\"\"\"\n  multi\n  line\n\"\"\"\ntype T { a: Int }\n  ?", "Syntax Error: Unexpected character: \"?\".", 6, 3 },
        new object[] { "\"d\" { a }", "Syntax Error: Unexpected description, descriptions are not supported on shorthand queries.", 1, 1 },
        new object[] { "\"d\" extend type T { a: Int }", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1 },
        new object[] { "\"d\" fragment F on T { a }  \"e\" query Q(\"v\" $x: Int) { a } \"x\" 12", "Syntax Error: Unexpected Int \"12\".", 1, 63 },
        new object[] { "query Q($a: Int = 1 $b: [String!]! = [\"x\"]) { a }\n\n{ b(x: \"\"\"\n  block\n    string\n\"\"\") }\n?", "Syntax Error: Unexpected character: \"?\".", 7, 1 },
        new object[] { "type Q { a(x: Int = $v): Int }", "Syntax Error: Unexpected variable \"$v\" in constant value.", 1, 21 },
        new object[] { "enum E { A B } extend enum E", "Syntax Error: Unexpected <EOF>.", 1, 29 },
        new object[] { "extend union U", "Syntax Error: Unexpected <EOF>.", 1, 15 },
        new object[] { "extend input I", "Syntax Error: Unexpected <EOF>.", 1, 15 },
        new object[] { "extend scalar S", "Syntax Error: Unexpected <EOF>.", 1, 16 },
        new object[] { "extend interface I", "Syntax Error: Unexpected <EOF>.", 1, 19 },
        new object[] { "interface I implements & A & B { a: Int } type T implements A B { a: Int }", "Syntax Error: Unexpected Name \"B\".", 1, 63 },
        new object[] { "union U = | A | B  union V = A |", "Syntax Error: Expected Name, found <EOF>.", 1, 33 },
        new object[] { "directive @d(a: Int) repeatable on | FIELD | QUERY directive @e on field", "Syntax Error: Unexpected Name \"field\".", 1, 68 },
        new object[] { "directive @d repeatable", "Syntax Error: Expected \"on\", found <EOF>.", 1, 24 },
        new object[] { "schema { foo: Q }", "Syntax Error: Unexpected Name \"foo\".", 1, 10 },
        new object[] { "{ a(x: $) }", "Syntax Error: Expected Name, found \")\".", 1, 9 },
        new object[] { "{ a(x: \"\\u{0000000041}\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{000000004\".", 1, 9 },
        new object[] { "{ a(x: \"\\uDE00\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\uDE00\".", 1, 9 },
        new object[] { "{ a(x: \"\\uD83D\\uD83D\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\".", 1, 9 },
        new object[] { "{ a(x: \"\\uD83D\\u{DE00}\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\".", 1, 9 },
        new object[] { "{ a(x: \"\\uD83Dx\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\".", 1, 9 },
        new object[] { "query { ... }", "Syntax Error: Expected \"{\", found \"}\".", 1, 13 },
        new object[] { "{ a }\n# comment\u0007\n ?", "Syntax Error: Unexpected character: \"?\".", 3, 2 },
        new object[] { "{ a }\n\t\t# comment\r\n\t?", "Syntax Error: Unexpected character: \"?\".", 3, 2 },
        new object[] { "subscription S { a } extend", "Syntax Error: Unexpected <EOF>.", 1, 28 },
        new object[] { "query Q ($x: Int!!) { a }", "Syntax Error: Expected \"$\", found \"!\".", 1, 18 },
        new object[] { "query Q ($x: [[Int]!]!) { a } ?", "Syntax Error: Unexpected character: \"?\".", 1, 31 },
        new object[] { "{ a: b: c }", "Syntax Error: Expected Name, found \":\".", 1, 7 },
        new object[] { "{ a(x: {a: 1, b: [1, {c: $v}]}) }  }", "Syntax Error: Unexpected \"}\".", 1, 36 },
        new object[] { "type T { f(\"d\" a: Int, \"\"\"e\"\"\" b: String = \"x\" @d): [T!]! @deprecated(reason: \"no\") }\n!", "Syntax Error: Unexpected \"!\".", 2, 1 },
        new object[] { "input I { a: Int = 1 @d, b: [I!] } ?", "Syntax Error: Unexpected character: \"?\".", 1, 36 },
        new object[] { "\"\"\"desc\"\"\" scalar S @specifiedBy(url: \"x\") ?", "Syntax Error: Unexpected character: \"?\".", 1, 44 },
        new object[] { "fragment F on T @d { a } fragment", "Syntax Error: Expected Name, found <EOF>.", 1, 34 },
        new object[] { "query ... { a }", "Syntax Error: Expected \"{\", found \"...\".", 1, 7 },
        new object[] { "{ a(x: TRUE, y: null, z: enumVal) } ?", "Syntax Error: Unexpected character: \"?\".", 1, 37 },
        new object[] { "{ a(x: 1) @include(if: $x) @skip(if: false) } ?", "Syntax Error: Unexpected character: \"?\".", 1, 47 },
        new object[] { "type T { a: Int } type", "Syntax Error: Expected Name, found <EOF>.", 1, 23 },
        new object[] { "type T implements I & { a: Int }", "Syntax Error: Expected Name, found \"{\".", 1, 23 },
        new object[] { "{ a(x: 1e+) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 11 },
        new object[] { "{ a(x: 1.e5) }", "Syntax Error: Invalid number, expected digit but got: \"e\".", 1, 10 },
        new object[] { "{ a(x: .5) }", "Syntax Error: Unexpected character: \".\".", 1, 8 },
        new object[] { "{ a(x: ..5) }", "Syntax Error: Unexpected character: \".\".", 1, 8 },
        new object[] { "{ a(x: 5_) }", "Syntax Error: Invalid number, expected digit but got: \"_\".", 1, 9 },
        new object[] { "{ a(x: 1.5e5e) }", "Syntax Error: Invalid number, expected digit but got: \"e\".", 1, 13 },
        new object[] { "\"unterminated\n", "Syntax Error: Unterminated string.", 1, 14 },
        new object[] { "\"\"\"\r\n  a\r\n  b\r\n\"\"\"\r\n scalar X\r\n?", "Syntax Error: Unexpected character: \"?\".", 6, 1 },
        new object[] { "{ a(x: \"\\u{ 41}\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{ \".", 1, 9 },
        new object[] { "{ a(x: \"\\u{41\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{41\"\".", 1, 9 },
        new object[] { "{ a(x: \"\\u004\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u004\"\".", 1, 9 },
        new object[] { "{ a(x: \"\\x\") }", "Syntax Error: Invalid character escape sequence: \"\\x\".", 1, 9 },
        new object[] { "\u00e9", "Syntax Error: Unexpected character: U+00E9.", 1, 1 },
        new object[] { "{ a(x: \"\u00e9\U0001f600\") } \U0001f600", "Syntax Error: Unexpected character: U+1F600.", 1, 17 },
        new object[] { "{ a(x: \"\"\" \\\"\"\" \\\"\" \"\"\") } ?", "Syntax Error: Unexpected character: \"?\".", 1, 28 },
        new object[] { "{ a(x: \"\"\"a\"\"\"\"\") }", "Syntax Error: Expected Name, found String \"\".", 1, 15 },
    };

    [Theory]
    [MemberData(nameof(MalformedDocuments))]
    public void Syntax_error_message_and_position_match_graphql_js(string source, string message, int line, int column)
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source));
        Assert.Equal(message, error.Errors[0].Message);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal(new ErrorLocation(line, column), Assert.Single(error.Errors[0].Locations!));
        Assert.Equal(ErrorCodes.ParseFailed, error.Errors[0].Code);
    }

    [Fact]
    public void Empty_document_is_rejected()
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(""));
        Assert.Equal("Syntax Error: Unexpected <EOF>.", error.Errors[0].Message);
    }

    [Fact]
    public void Fragment_named_on_is_rejected()
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("fragment on on T { a }"));
        Assert.Equal("Syntax Error: Unexpected Name \"on\".", error.Errors[0].Message);
        Assert.Equal(10, error.Column);
    }
}
