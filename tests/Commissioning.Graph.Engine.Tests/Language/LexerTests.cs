using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Tests.Language;

public class LexerTests
{
    private static Token Single(string source)
    {
        var lexer = new Lexer(source);
        return lexer.Advance();
    }

    [Fact]
    public void Every_punctuator_is_its_own_token_including_spread()
    {
        var kinds = Lexer.Tokenize("! $ & ( ) ... : = @ [ ] { | }").Select(t => t.Kind).ToArray();
        Assert.Equal(new[]
        {
            TokenKind.Bang, TokenKind.Dollar, TokenKind.Amp, TokenKind.ParenL, TokenKind.ParenR, TokenKind.Spread,
            TokenKind.Colon, TokenKind.Equals, TokenKind.At, TokenKind.BracketL, TokenKind.BracketR, TokenKind.BraceL,
            TokenKind.Pipe, TokenKind.BraceR, TokenKind.EndOfFile,
        }, kinds);
    }

    [Fact]
    public void Bom_whitespace_commas_and_comments_are_ignored_but_lines_are_counted()
    {
        var lexer = new Lexer("\uFEFF ,,\t# a comment\r\n  # another\r\n\n\r  name");
        var token = lexer.Advance();
        Assert.Equal(TokenKind.Name, token.Kind);
        Assert.Equal("name", token.Value);
        Assert.Equal(5, token.Line);   // \r\n, \r\n, \n and \r each end one line
        Assert.Equal(3, token.Column);
        Assert.Equal(TokenKind.EndOfFile, lexer.Advance().Kind);
    }

    [Fact]
    public void Tokenize_reports_comments_with_their_text()
    {
        var tokens = Lexer.Tokenize("# hello\u0007 world\nx");
        Assert.Equal(TokenKind.Comment, tokens[0].Kind);
        Assert.Equal(" hello\u0007 world", tokens[0].Value);
        Assert.Equal(TokenKind.Name, tokens[1].Kind);
        Assert.Equal(2, tokens[1].Line);
    }

    [Theory]
    [InlineData("0", TokenKind.Int)]
    [InlineData("-0", TokenKind.Int)]
    [InlineData("1234567890123456789012345", TokenKind.Int)]
    [InlineData("-12", TokenKind.Int)]
    [InlineData("0.5", TokenKind.Float)]
    [InlineData("-1.5e10", TokenKind.Float)]
    [InlineData("1E+3", TokenKind.Float)]
    [InlineData("2e-3", TokenKind.Float)]
    public void Numbers_keep_their_text_and_are_int_or_float(string source, TokenKind kind)
    {
        var token = Single(source);
        Assert.Equal(kind, token.Kind);
        Assert.Equal(source, token.Value);
        Assert.Equal(source.Length, token.End);
    }

    [Theory]
    [InlineData("01", "Invalid number, unexpected digit after 0: \"1\".", 2)]
    [InlineData("-01", "Invalid number, unexpected digit after 0: \"1\".", 3)]
    [InlineData("1.", "Invalid number, expected digit but got: <EOF>.", 3)]
    [InlineData("1.)", "Invalid number, expected digit but got: \")\".", 3)]
    [InlineData("1a", "Invalid number, expected digit but got: \"a\".", 2)]
    [InlineData("1.5.", "Invalid number, expected digit but got: \".\".", 4)]
    [InlineData("1e", "Invalid number, expected digit but got: <EOF>.", 3)]
    [InlineData("0x1", "Invalid number, expected digit but got: \"x\".", 2)]
    [InlineData("-", "Invalid number, expected digit but got: <EOF>.", 2)]
    public void Malformed_numbers_are_rejected_at_the_offending_character(string source, string message, int column)
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Lexer.Tokenize(source));
        Assert.Equal("Syntax Error: " + message, error.Errors[0].Message);
        Assert.Equal((1, column), (error.Line, error.Column));
        Assert.Equal(ErrorCodes.ParseFailed, error.Errors[0].Code);
    }

    [Fact]
    public void String_escapes_are_decoded()
    {
        var token = Single("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\u{1F600} \\u{41}\"");
        Assert.Equal(TokenKind.String, token.Kind);
        Assert.Equal("q\" b\\ s/ \b\f\n\r\t \u00e9 \U0001F600 A", token.Value);
    }

    [Fact]
    public void Escaped_surrogate_pair_forms_one_code_point()
    {
        Assert.Equal("\U0001F600", Single("\"\\uD83D\\uDE00\"").Value);
        Assert.Equal("\U0001F600", Single("\"\U0001F600\"").Value); // a literal pair is fine too
    }

    [Theory]
    [InlineData("\"\\uD800\"", "Invalid Unicode escape sequence: \"\\uD800\".", 2)]
    [InlineData("\"\\uDE00\"", "Invalid Unicode escape sequence: \"\\uDE00\".", 2)]
    [InlineData("\"\\uD83D\\u0041\"", "Invalid Unicode escape sequence: \"\\uD83D\".", 2)]
    [InlineData("\"\\u{D800}\"", "Invalid Unicode escape sequence: \"\\u{D800}\".", 2)]
    [InlineData("\"\\u{110000}\"", "Invalid Unicode escape sequence: \"\\u{110000}\".", 2)]
    [InlineData("\"\\u{}\"", "Invalid Unicode escape sequence: \"\\u{}\".", 2)]
    [InlineData("\"\\u{FFFFFFFFF}\"", "Invalid Unicode escape sequence: \"\\u{FFFFFFFF\".", 2)]
    [InlineData("\"\\u12G4\"", "Invalid Unicode escape sequence: \"\\u12G4\".", 2)]
    [InlineData("\"a\\qb\"", "Invalid character escape sequence: \"\\q\".", 3)]
    [InlineData("\"abc", "Unterminated string.", 5)]
    [InlineData("\"abc\ndef\"", "Unterminated string.", 5)]
    [InlineData("\"\"\"abc", "Unterminated string.", 7)]
    public void Invalid_strings_are_rejected_like_graphql_js(string source, string message, int column)
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Lexer.Tokenize(source));
        Assert.Equal("Syntax Error: " + message, error.Errors[0].Message);
        Assert.Equal(column, error.Column);
    }

    [Theory]
    [InlineData("?", "Unexpected character: \"?\".")]
    [InlineData("'", "Unexpected single quote character ('), did you mean to use a double quote (\")?")]
    [InlineData("\u0007", "Unexpected character: U+0007.")]
    [InlineData("\u00e9", "Unexpected character: U+00E9.")]
    [InlineData("\U0001F600", "Unexpected character: U+1F600.")]
    [InlineData("..", "Unexpected character: \".\".")]
    public void Unexpected_characters_are_named_as_graphql_js_names_them(string source, string message)
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Lexer.Tokenize(source));
        Assert.Equal("Syntax Error: " + message, error.Errors[0].Message);
    }

    [Fact]
    public void Block_string_value_is_dedented_and_keeps_escaped_triple_quotes()
    {
        var token = Single("\"\"\"\n    first\n      second \\\"\"\" quoted\n\n    third\n  \n\"\"\"");
        Assert.Equal(TokenKind.BlockString, token.Kind);
        Assert.Equal("first\n  second \"\"\" quoted\n\nthird", token.Value);
    }

    [Fact]
    public void Block_string_advances_line_count_for_following_tokens()
    {
        var lexer = new Lexer("\"\"\"a\r\nb\rc\n\"\"\" next");
        Assert.Equal("a\nb\nc", lexer.Advance().Value);
        var next = lexer.Advance();
        Assert.Equal((4, 5), (next.Line, next.Column));
    }

    [Fact]
    public void Columns_count_utf16_code_units_like_graphql_js()
    {
        var lexer = new Lexer("\"\U0001F600\" x");
        lexer.Advance();
        Assert.Equal(6, lexer.Advance().Column);
    }

    [Fact]
    public void Lookahead_does_not_move_the_lexer()
    {
        var lexer = new Lexer("a\nb c");
        lexer.Advance();
        Assert.Equal("b", lexer.Lookahead().Value);
        Assert.Equal("a", lexer.Token.Value);
        var b = lexer.Advance();
        Assert.Equal(("b", 2, 1), (b.Value, b.Line, b.Column));
        Assert.Equal(("c", 2, 3), (lexer.Advance().Value, lexer.Token.Line, lexer.Token.Column));
    }

    [Fact]
    public void Lone_surrogates_are_invalid_characters()
    {
        // Built from chars: attribute arguments cannot carry lone surrogates intact.
        string lone = ((char)0xD800).ToString();
        var inString = Assert.Throws<GraphQLSyntaxException>(() => Lexer.Tokenize("\"" + lone + "\""));
        Assert.Equal("Syntax Error: Invalid character within String: U+D800.", inString.Errors[0].Message);
        Assert.Equal(2, inString.Column);

        var bare = Assert.Throws<GraphQLSyntaxException>(() => Lexer.Tokenize("a " + (char)0xDC00));
        Assert.Equal("Syntax Error: Invalid character: U+DC00.", bare.Errors[0].Message);

        // A comment ends at an invalid character, which is then rejected.
        var inComment = Assert.Throws<GraphQLSyntaxException>(() => Lexer.Tokenize("# x " + lone + "\n"));
        Assert.Equal("Syntax Error: Invalid character: U+D800.", inComment.Errors[0].Message);
        Assert.Equal(5, inComment.Column);
    }
}
