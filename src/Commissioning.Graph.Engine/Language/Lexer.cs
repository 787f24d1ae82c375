using System.Runtime.CompilerServices;
using System.Text;

namespace Commissioning.Graph.Engine.Language;

// §2.1 Source Text — the lexical tokens of a GraphQL document.

/// <summary>The kinds of lexical token (§2.1.6 Lexical Tokens), plus start and end of file.</summary>
public enum TokenKind
{
    StartOfFile,
    EndOfFile,
    // §2.1.8 Punctuators
    Bang, Dollar, Amp, ParenL, ParenR, Spread, Colon, Equals, At, BracketL, BracketR, BraceL, Pipe, BraceR,
    Name,
    Int,
    Float,
    String,
    BlockString,
    Comment,
}

/// <summary>
/// One lexical token: its kind, the source span [Start, End), the 1-based line and column of its
/// first character, and its value (names, numbers as written, strings after escape processing and
/// block-string dedent, comment text); null for punctuators and end of file.
/// </summary>
public readonly record struct Token(TokenKind Kind, int Start, int End, int Line, int Column, string? Value)
{
    /// <summary>How syntax errors describe this token, e.g. <c>Name "x"</c>, <c>"{"</c> or <c>&lt;EOF&gt;</c>.</summary>
    public string Describe() => Value is null ? DescribeKind(Kind) : DescribeKind(Kind) + " \"" + Value + "\"";

    /// <summary>How syntax errors name a token kind: punctuators quoted, others by name.</summary>
    public static string DescribeKind(TokenKind kind) => kind switch
    {
        TokenKind.StartOfFile => "<SOF>",
        TokenKind.EndOfFile => "<EOF>",
        TokenKind.Bang => "\"!\"",
        TokenKind.Dollar => "\"$\"",
        TokenKind.Amp => "\"&\"",
        TokenKind.ParenL => "\"(\"",
        TokenKind.ParenR => "\")\"",
        TokenKind.Spread => "\"...\"",
        TokenKind.Colon => "\":\"",
        TokenKind.Equals => "\"=\"",
        TokenKind.At => "\"@\"",
        TokenKind.BracketL => "\"[\"",
        TokenKind.BracketR => "\"]\"",
        TokenKind.BraceL => "\"{\"",
        TokenKind.Pipe => "\"|\"",
        TokenKind.BraceR => "\"}\"",
        TokenKind.Name => "Name",
        TokenKind.Int => "Int",
        TokenKind.Float => "Float",
        TokenKind.String => "String",
        TokenKind.BlockString => "BlockString",
        TokenKind.Comment => "Comment",
        _ => kind.ToString(),
    };
}

/// <summary>
/// Turns GraphQL source text into tokens, one at a time (§2.1). Ignored tokens (§2.1.7: BOM,
/// white space, line terminators, commas, comments) are skipped by <see cref="Advance"/>.
/// Works directly over the source string; the only allocations are token values.
/// </summary>
public sealed class Lexer
{
    private readonly string _source;
    private int _line = 1;          // line of the next character to read
    private int _lineStart;         // offset at which that line begins
    private bool _hasLookahead;
    private Token _lookahead;
    private int _lookaheadLine, _lookaheadLineStart;

    public Lexer(string source)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _token = new Token(TokenKind.StartOfFile, 0, 0, 0, 0, null);
        _lastToken = _token;
    }

    public string Source => _source;

    private Token _token;
    private Token _lastToken;

    /// <summary>The current (non-ignored) token.</summary>
    public ref readonly Token Token => ref _token;

    /// <summary>The token before <see cref="Token"/>.</summary>
    public ref readonly Token LastToken => ref _lastToken;

    /// <summary>Moves to the next non-ignored token and returns it. At end of file it stays on EndOfFile.</summary>
    public Token Advance()
    {
        _lastToken = _token;
        if (_hasLookahead)
        {
            _hasLookahead = false;
            _token = _lookahead;
            _line = _lookaheadLine;
            _lineStart = _lookaheadLineStart;
        }
        else if (_token.Kind != TokenKind.EndOfFile)
        {
            _token = ReadNonCommentToken(_token.End);
        }
        return _token;
    }

    /// <summary>Returns the token after <see cref="Token"/> without moving.</summary>
    public Token Lookahead()
    {
        if (Token.Kind == TokenKind.EndOfFile) return Token;
        if (!_hasLookahead)
        {
            int line = _line, lineStart = _lineStart;
            _lookahead = ReadNonCommentToken(Token.End);
            _lookaheadLine = _line; _lookaheadLineStart = _lineStart;
            _line = line; _lineStart = lineStart;
            _hasLookahead = true;
        }
        return _lookahead;
    }

    /// <summary>All tokens of a source, comments included, ending with EndOfFile (for tooling and tests).</summary>
    public static List<Token> Tokenize(string source)
    {
        var lexer = new Lexer(source);
        var tokens = new List<Token>();
        int position = 0;
        while (true)
        {
            var token = lexer.ReadToken(position);
            tokens.Add(token);
            if (token.Kind == TokenKind.EndOfFile) return tokens;
            position = token.End;
        }
    }

    private Token ReadNonCommentToken(int position)
    {
        Token token;
        do
        {
            token = ReadToken(position);
            position = token.End;
        } while (token.Kind == TokenKind.Comment);
        return token;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Token Create(TokenKind kind, int start, int end, string? value = null)
        => new(kind, start, end, _line, 1 + start - _lineStart, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CharAt(int position) => (uint)position < (uint)_source.Length ? _source[position] : -1;

    // §2.1 — skip ignored characters, then read one token starting at `position`.
    private Token ReadToken(int position)
    {
        string body = _source;
        int length = body.Length;
        while (position < length)
        {
            char code = body[position];
            switch (code)
            {
                // §2.1.1 Unicode BOM, §2.1.2 White space, §2.1.5 Commas
                case '\uFEFF':
                case '\t':
                case ' ':
                case ',':
                    ++position;
                    continue;
                // §2.1.3 Line terminators (\r\n counts as one)
                case '\n':
                    ++position;
                    ++_line;
                    _lineStart = position;
                    continue;
                case '\r':
                    position += CharAt(position + 1) == '\n' ? 2 : 1;
                    ++_line;
                    _lineStart = position;
                    continue;
                // §2.1.4 Comments
                case '#':
                    return ReadComment(position);
                // §2.1.8 Punctuators
                case '!': return Create(TokenKind.Bang, position, position + 1);
                case '$': return Create(TokenKind.Dollar, position, position + 1);
                case '&': return Create(TokenKind.Amp, position, position + 1);
                case '(': return Create(TokenKind.ParenL, position, position + 1);
                case ')': return Create(TokenKind.ParenR, position, position + 1);
                case '.':
                    if (CharAt(position + 1) == '.' && CharAt(position + 2) == '.')
                        return Create(TokenKind.Spread, position, position + 3);
                    break;
                case ':': return Create(TokenKind.Colon, position, position + 1);
                case '=': return Create(TokenKind.Equals, position, position + 1);
                case '@': return Create(TokenKind.At, position, position + 1);
                case '[': return Create(TokenKind.BracketL, position, position + 1);
                case ']': return Create(TokenKind.BracketR, position, position + 1);
                case '{': return Create(TokenKind.BraceL, position, position + 1);
                case '|': return Create(TokenKind.Pipe, position, position + 1);
                case '}': return Create(TokenKind.BraceR, position, position + 1);
                // §2.9.4 String values
                case '"':
                    if (CharAt(position + 1) == '"' && CharAt(position + 2) == '"')
                        return ReadBlockString(position);
                    return ReadString(position);
            }

            // §2.9.1–2 Int and Float values
            if (IsDigit(code) || code == '-') return ReadNumber(position, code);
            // §2.1.9 Names
            if (IsNameStart(code)) return ReadName(position);

            throw Error(position, code == '\''
                ? "Unexpected single quote character ('), did you mean to use a double quote (\")?"
                : !char.IsSurrogate(code) || IsSupplementaryCodePoint(position)
                    ? "Unexpected character: " + PrintCodePointAt(position) + "."
                    : "Invalid character: " + PrintCodePointAt(position) + ".");
        }
        return Create(TokenKind.EndOfFile, length, length);
    }

    // §2.1.4 Comment :: # CommentChar*  (stops at a line terminator or an invalid character)
    private Token ReadComment(int start)
    {
        string body = _source;
        int position = start + 1;
        while (position < body.Length)
        {
            char code = body[position];
            if (code == '\n' || code == '\r') break;
            if (!char.IsSurrogate(code)) ++position;
            else if (IsSupplementaryCodePoint(position)) position += 2;
            else break;
        }
        return Create(TokenKind.Comment, start, position, body.Substring(start + 1, position - start - 1));
    }

    // §2.1.9 Name :: NameStart NameContinue*
    private Token ReadName(int start)
    {
        string body = _source;
        int position = start + 1;
        while (position < body.Length && IsNameContinue(body[position])) ++position;
        return Create(TokenKind.Name, start, position, body.Substring(start, position - start));
    }

    // §2.9.1 IntValue, §2.9.2 FloatValue: IntegerPart FractionalPart? ExponentPart?,
    // never followed by a digit, `.` or a NameStart.
    private Token ReadNumber(int start, int code)
    {
        int position = start;
        bool isFloat = false;

        if (code == '-') code = CharAt(++position);

        if (code == '0')
        {
            code = CharAt(++position);
            if (IsDigit(code))
                throw Error(position, "Invalid number, unexpected digit after 0: " + PrintCodePointAt(position) + ".");
        }
        else
        {
            position = ReadDigits(position, code);
            code = CharAt(position);
        }

        if (code == '.')
        {
            isFloat = true;
            code = CharAt(++position);
            position = ReadDigits(position, code);
            code = CharAt(position);
        }

        if (code == 'E' || code == 'e')
        {
            isFloat = true;
            code = CharAt(++position);
            if (code == '+' || code == '-') code = CharAt(++position);
            position = ReadDigits(position, code);
            code = CharAt(position);
        }

        if (code == '.' || IsNameStart(code))
            throw Error(position, "Invalid number, expected digit but got: " + PrintCodePointAt(position) + ".");

        return Create(isFloat ? TokenKind.Float : TokenKind.Int, start, position, _source.Substring(start, position - start));
    }

    private int ReadDigits(int start, int firstCode)
    {
        if (!IsDigit(firstCode))
            throw Error(start, "Invalid number, expected digit but got: " + PrintCodePointAt(start) + ".");
        int position = start + 1;
        while (IsDigit(CharAt(position))) ++position;
        return position;
    }

    // §2.9.4 StringValue :: " StringCharacter* "
    private Token ReadString(int start)
    {
        string body = _source;
        int length = body.Length;
        int position = start + 1;
        int chunkStart = position;
        StringBuilder? value = null; // only needed once an escape sequence appears

        while (position < length)
        {
            char code = body[position];

            if (code == '"')
            {
                string text = value is null
                    ? body.Substring(chunkStart, position - chunkStart)
                    : value.Append(body, chunkStart, position - chunkStart).ToString();
                return Create(TokenKind.String, start, position + 1, text);
            }

            if (code == '\\')
            {
                value ??= new StringBuilder(Math.Max(16, position - chunkStart + 16));
                value.Append(body, chunkStart, position - chunkStart);
                int size = CharAt(position + 1) == 'u'
                    ? CharAt(position + 2) == '{'
                        ? ReadEscapedUnicodeVariableWidth(position, value)
                        : ReadEscapedUnicodeFixedWidth(position, value)
                    : ReadEscapedCharacter(position, value);
                position += size;
                chunkStart = position;
                continue;
            }

            if (code == '\n' || code == '\r') break;

            // SourceCharacter: any Unicode scalar value (a surrogate only as part of a pair)
            if (!char.IsSurrogate(code)) ++position;
            else if (IsSupplementaryCodePoint(position)) position += 2;
            else throw Error(position, "Invalid character within String: " + PrintCodePointAt(position) + ".");
        }

        throw Error(position, "Unterminated string.");
    }

    // EscapedUnicode :: { HexDigit+ }  — at most \u{00000000}, must be a Unicode scalar value.
    private int ReadEscapedUnicodeVariableWidth(int position, StringBuilder value)
    {
        int point = 0;
        int size = 3;
        while (size < 12)
        {
            int code = CharAt(position + size++);
            if (code == '}')
            {
                if (size < 5 || !IsUnicodeScalarValue(point)) break;
                AppendCodePoint(value, point);
                return size;
            }
            point = (point << 4) | ReadHexDigit(code);
            if (point < 0) break;
        }
        throw Error(position, "Invalid Unicode escape sequence: \"" + Slice(position, position + size) + "\".");
    }

    // EscapedUnicode :: HexDigit{4} — a surrogate is accepted only as a valid \uD8xx\uDCxx pair.
    private int ReadEscapedUnicodeFixedWidth(int position, StringBuilder value)
    {
        int code = Read16BitHexCode(position + 2);
        if (IsUnicodeScalarValue(code))
        {
            value.Append((char)code);
            return 6;
        }
        if (code >= 0xD800 && code <= 0xDBFF && CharAt(position + 6) == '\\' && CharAt(position + 7) == 'u')
        {
            int trailing = Read16BitHexCode(position + 8);
            if (trailing >= 0xDC00 && trailing <= 0xDFFF)
            {
                value.Append((char)code).Append((char)trailing);
                return 12;
            }
        }
        throw Error(position, "Invalid Unicode escape sequence: \"" + Slice(position, position + 6) + "\".");
    }

    // EscapedCharacter :: one of " \ / b f n r t
    private int ReadEscapedCharacter(int position, StringBuilder value)
    {
        char escaped;
        switch (CharAt(position + 1))
        {
            case '"': escaped = '"'; break;
            case '\\': escaped = '\\'; break;
            case '/': escaped = '/'; break;
            case 'b': escaped = '\b'; break;
            case 'f': escaped = '\f'; break;
            case 'n': escaped = '\n'; break;
            case 'r': escaped = '\r'; break;
            case 't': escaped = '\t'; break;
            default:
                throw Error(position, "Invalid character escape sequence: \"" + Slice(position, position + 2) + "\".");
        }
        value.Append(escaped);
        return 2;
    }

    // §2.9.4 Block strings: """ BlockStringCharacter* """ with \""" as the only escape;
    // the value is BlockStringValue(raw) — common indentation and blank edge lines removed.
    private Token ReadBlockString(int start)
    {
        string body = _source;
        int length = body.Length;
        int lineStart = _lineStart;
        int position = start + 3;
        int chunkStart = position;
        var lines = new List<string>();
        StringBuilder? currentLine = null; // only when the line holds an escaped triple quote

        while (position < length)
        {
            char code = body[position];

            if (code == '"' && CharAt(position + 1) == '"' && CharAt(position + 2) == '"')
            {
                lines.Add(TakeLine(ref currentLine, chunkStart, position));
                var token = Create(TokenKind.BlockString, start, position + 3, BlockString.DedentLines(lines));
                _line += lines.Count - 1;
                _lineStart = lineStart;
                return token;
            }

            if (code == '\\' && CharAt(position + 1) == '"' && CharAt(position + 2) == '"' && CharAt(position + 3) == '"')
            {
                currentLine ??= new StringBuilder();
                currentLine.Append(body, chunkStart, position - chunkStart);
                chunkStart = position + 1; // drop only the backslash
                position += 4;
                continue;
            }

            if (code == '\n' || code == '\r')
            {
                lines.Add(TakeLine(ref currentLine, chunkStart, position));
                position += code == '\r' && CharAt(position + 1) == '\n' ? 2 : 1;
                chunkStart = position;
                lineStart = position;
                continue;
            }

            if (!char.IsSurrogate(code)) ++position;
            else if (IsSupplementaryCodePoint(position)) position += 2;
            else throw Error(position, "Invalid character within String: " + PrintCodePointAt(position) + ".");
        }

        throw Error(position, "Unterminated string.");
    }

    private string TakeLine(ref StringBuilder? currentLine, int chunkStart, int end)
    {
        if (currentLine is null) return _source.Substring(chunkStart, end - chunkStart);
        string line = currentLine.Append(_source, chunkStart, end - chunkStart).ToString();
        currentLine = null;
        return line;
    }

    // ---- character classes (§2.1.9, §2.9) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsDigit(int code) => (uint)(code - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsLetter(int code) => (uint)((code | 0x20) - 'a') <= 'z' - 'a';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsNameStart(int code) => IsLetter(code) || code == '_';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsNameContinue(int code) => IsLetter(code) || IsDigit(code) || code == '_';

    private static bool IsUnicodeScalarValue(int code) => (code >= 0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0x10FFFF);

    private bool IsSupplementaryCodePoint(int position)
        => char.IsHighSurrogate(_source[position]) && position + 1 < _source.Length && char.IsLowSurrogate(_source[position + 1]);

    private static int ReadHexDigit(int code)
        => code >= '0' && code <= '9' ? code - '0'
         : code >= 'A' && code <= 'F' ? code - 'A' + 10
         : code >= 'a' && code <= 'f' ? code - 'a' + 10
         : -1;

    // Negative when any of the four characters is not a hex digit.
    private int Read16BitHexCode(int position)
        => (ReadHexDigit(CharAt(position)) << 12) | (ReadHexDigit(CharAt(position + 1)) << 8)
         | (ReadHexDigit(CharAt(position + 2)) << 4) | ReadHexDigit(CharAt(position + 3));

    private static void AppendCodePoint(StringBuilder value, int point)
    {
        if (point < 0x10000) value.Append((char)point);
        else
        {
            point -= 0x10000;
            value.Append((char)(0xD800 + (point >> 10))).Append((char)(0xDC00 + (point & 0x3FF)));
        }
    }

    private string Slice(int start, int end) => _source.Substring(start, Math.Min(end, _source.Length) - start);

    // Printable ASCII quoted ("x", or '"' for a double quote), anything else as U+XXXX, end of file as <EOF>.
    private string PrintCodePointAt(int position)
    {
        if (position >= _source.Length) return "<EOF>";
        int code = _source[position];
        if (IsSupplementaryCodePoint(position)) code = char.ConvertToUtf32(_source[position], _source[position + 1]);
        if (code >= 0x20 && code <= 0x7E) return code == '"' ? "'\"'" : "\"" + (char)code + "\"";
        return "U+" + code.ToString("X4");
    }

    private GraphQLSyntaxException Error(int position, string message) => SyntaxError(_source, position, message);

    /// <summary>A syntax error at a source offset, located as graphql-js locates it.</summary>
    internal static GraphQLSyntaxException SyntaxError(string source, int position, string message, string? code = null)
    {
        var (line, column) = GetLocation(source, position);
        return code is null
            ? new GraphQLSyntaxException(message, line, column)
            : new GraphQLSyntaxException(message, line, column, code);
    }

    /// <summary>The 1-based line and column of a source offset; \r\n, \n and \r each end a line.</summary>
    public static (int Line, int Column) GetLocation(string source, int position)
    {
        int lastLineStart = 0;
        int line = 1;
        int limit = Math.Min(position, source.Length);
        for (int i = 0; i < limit; i++)
        {
            char c = source[i];
            if (c == '\n') { lastLineStart = i + 1; line++; }
            else if (c == '\r')
            {
                if (i + 1 < source.Length && source[i + 1] == '\n') { lastLineStart = i + 2; line++; i++; }
                else { lastLineStart = i + 1; line++; }
            }
        }
        return (line, position + 1 - lastLineStart);
    }
}
