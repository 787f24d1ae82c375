namespace Commissioning.Graph.Engine.Language;

/// <summary>The five forms of a schema coordinate (September 2025 edition, "Schema Coordinates").</summary>
public enum SchemaCoordinateKind
{
    /// <summary><c>Type</c></summary>
    Type,
    /// <summary><c>Type.member</c>: a field, an input field or an enum value.</summary>
    Member,
    /// <summary><c>Type.field(argument:)</c></summary>
    Argument,
    /// <summary><c>@directive</c></summary>
    Directive,
    /// <summary><c>@directive(argument:)</c></summary>
    DirectiveArgument,
}

/// <summary>
/// A schema coordinate: a name for one element of a schema — <c>Type</c>, <c>Type.field</c>,
/// <c>Type.field(arg:)</c>, <c>@directive</c> or <c>@directive(arg:)</c> (spec, "Schema Coordinates"). Parsed as
/// graphql-js 17's <c>parseSchemaCoordinate</c> parses it (no ignored tokens: a space is an invalid
/// character), printed back in the same canonical form. The platform names fields through
/// <see cref="Field"/>, so every message, disclosure record and report uses one spelling.
/// </summary>
public sealed record SchemaCoordinate
{
    private SchemaCoordinate(SchemaCoordinateKind kind, string name, string? memberName, string? argumentName)
    {
        Kind = kind; Name = name; MemberName = memberName; ArgumentName = argumentName;
    }

    public SchemaCoordinateKind Kind { get; }

    /// <summary>The type's name, or the directive's name (without <c>@</c>).</summary>
    public string Name { get; }

    /// <summary>The field, input field or enum value (<see cref="SchemaCoordinateKind.Member"/>, <see cref="SchemaCoordinateKind.Argument"/>).</summary>
    public string? MemberName { get; }

    /// <summary>The argument (<see cref="SchemaCoordinateKind.Argument"/>, <see cref="SchemaCoordinateKind.DirectiveArgument"/>).</summary>
    public string? ArgumentName { get; }

    public static SchemaCoordinate ForType(string type) => new(SchemaCoordinateKind.Type, CheckName(type), null, null);
    public static SchemaCoordinate ForMember(string type, string member) => new(SchemaCoordinateKind.Member, CheckName(type), CheckName(member), null);
    public static SchemaCoordinate ForArgument(string type, string field, string argument) =>
        new(SchemaCoordinateKind.Argument, CheckName(type), CheckName(field), CheckName(argument));
    public static SchemaCoordinate ForDirective(string directive) => new(SchemaCoordinateKind.Directive, CheckName(directive), null, null);
    public static SchemaCoordinate ForDirectiveArgument(string directive, string argument) =>
        new(SchemaCoordinateKind.DirectiveArgument, CheckName(directive), null, CheckName(argument));

    /// <summary>
    /// The coordinate of a field, <c>Type.field</c>, as a string: the one helper through which the
    /// platform names fields (authorisation errors, disclosure records, schema checks).
    /// </summary>
    public static string Field(string type, string field) => ForMember(type, field).ToString();

    /// <summary>Canonical text: <c>Type</c>, <c>Type.member</c>, <c>Type.field(arg:)</c>, <c>@d</c>, <c>@d(arg:)</c>.</summary>
    public override string ToString() => Kind switch
    {
        SchemaCoordinateKind.Type => Name,
        SchemaCoordinateKind.Member => Name + "." + MemberName,
        SchemaCoordinateKind.Argument => Name + "." + MemberName + "(" + ArgumentName + ":)",
        SchemaCoordinateKind.Directive => "@" + Name,
        _ => "@" + Name + "(" + ArgumentName + ":)",
    };

    /// <summary>
    /// Parses a schema coordinate. Throws <see cref="GraphQLSyntaxException"/> with graphql-js 17's
    /// messages and locations, e.g. <c>Syntax Error: Expected ":", found ")".</c> for <c>Type.f(a)</c>.
    /// </summary>
    public static SchemaCoordinate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new CoordinateParser(source).Parse();
    }

    private static string CheckName(string name)
    {
        if (!IsName(name)) throw new ArgumentException($"\"{name}\" is not a GraphQL name.", nameof(name));
        return name;
    }

    private static bool IsName(string s)
    {
        if (s.Length == 0 || !IsNameStart(s[0])) return false;
        foreach (var c in s) if (!IsNameContinue(c)) return false;
        return true;
    }

    private static bool IsNameStart(char c) => c == '_' || c is >= 'A' and <= 'Z' or >= 'a' and <= 'z';
    private static bool IsNameContinue(char c) => IsNameStart(c) || c is >= '0' and <= '9';

    // The grammar of the edition over its own token set: Name and the punctuators . ( ) : @ only, with no
    // ignored tokens. Tokens are read one at a time, as the parser consumes them, so the first
    // problem found reading left to right is the one reported (as graphql-js reports it).
    private sealed class CoordinateParser(string source)
    {
        private enum Kind { Name, Dot, ParenL, ParenR, Colon, At, Eof }
        private readonly record struct Token(Kind Kind, int Start, int End, string? Value);

        private Token _token;

        public SchemaCoordinate Parse()
        {
            _token = Read(0);
            bool ofDirective = Optional(Kind.At);
            string name = ExpectName();
            string? member = null, argument = null;
            if (!ofDirective && Optional(Kind.Dot)) member = ExpectName();
            if ((ofDirective || member is not null) && Optional(Kind.ParenL))
            {
                argument = ExpectName();
                Expect(Kind.Colon);
                Expect(Kind.ParenR);
            }
            Expect(Kind.Eof);
            if (ofDirective)
                return argument is null ? ForDirective(name) : ForDirectiveArgument(name, argument);
            if (member is null) return ForType(name);
            return argument is null ? ForMember(name, member) : ForArgument(name, member, argument);
        }

        private bool Optional(Kind kind)
        {
            if (_token.Kind != kind) return false;
            _token = Read(_token.End);
            return true;
        }

        private void Expect(Kind kind)
        {
            if (!Optional(kind)) throw Error(_token.Start, $"Expected {Describe(kind)}, found {Describe(_token)}.");
        }

        private string ExpectName()
        {
            var token = _token;
            Expect(Kind.Name);
            return token.Value!;
        }

        private Token Read(int position)
        {
            if (position >= source.Length) return new Token(Kind.Eof, source.Length, source.Length, null);
            char c = source[position];
            switch (c)
            {
                case '.': return new Token(Kind.Dot, position, position + 1, null);
                case '(': return new Token(Kind.ParenL, position, position + 1, null);
                case ')': return new Token(Kind.ParenR, position, position + 1, null);
                case ':': return new Token(Kind.Colon, position, position + 1, null);
                case '@': return new Token(Kind.At, position, position + 1, null);
            }
            if (IsNameStart(c))
            {
                int end = position + 1;
                while (end < source.Length && IsNameContinue(source[end])) end++;
                return new Token(Kind.Name, position, end, source[position..end]);
            }
            throw Error(position, $"Invalid character: {PrintCodePointAt(position)}.");
        }

        private string PrintCodePointAt(int position)
        {
            int code = source[position];
            if (char.IsHighSurrogate(source[position]) && position + 1 < source.Length && char.IsLowSurrogate(source[position + 1]))
                code = char.ConvertToUtf32(source[position], source[position + 1]);
            if (code is >= 0x20 and <= 0x7E) return code == '"' ? "'\"'" : "\"" + (char)code + "\"";
            return "U+" + code.ToString("X4");
        }

        private static string Describe(Kind kind) => kind switch
        {
            Kind.Name => "Name",
            Kind.Dot => "\".\"",
            Kind.ParenL => "\"(\"",
            Kind.ParenR => "\")\"",
            Kind.Colon => "\":\"",
            Kind.At => "\"@\"",
            _ => "<EOF>",
        };

        private static string Describe(Token token) =>
            token.Kind == Kind.Name ? $"Name \"{token.Value}\"" : Describe(token.Kind);

        private GraphQLSyntaxException Error(int position, string message) => Lexer.SyntaxError(source, position, message);
    }
}
