using System.Runtime.CompilerServices;

namespace Commissioning.Graph.Engine.Language;

/// <summary>Limits and switches for <see cref="Parser"/>.</summary>
public sealed class ParserOptions
{
    public static readonly ParserOptions Default = new();

    /// <summary>
    /// Most tokens (ignored tokens not counted) a document may contain before parsing is aborted
    /// with a syntax error whose <c>extensions.code</c> is <c>DOCUMENT_LIMIT_EXCEEDED</c>.
    /// Default 15000; 0 means unlimited.
    /// </summary>
    public int MaxTokens { get; init; } = 15000;

    /// <summary>
    /// Deepest nesting of selection sets, list values, object values and list types the parser
    /// accepts; deeper documents are rejected with <c>DOCUMENT_LIMIT_EXCEEDED</c> instead of
    /// exhausting the stack. Default 200; 0 means no fixed limit (the parser still refuses to
    /// recurse once the thread's stack runs low).
    /// </summary>
    public int MaxDepth { get; init; } = 200;

    /// <summary>When true, nodes carry no <see cref="SourceLocation"/>. Default false.</summary>
    public bool NoLocation { get; init; }
}

/// <summary>
/// A recursive-descent parser for GraphQL documents (§2 executable definitions, §3 type system
/// definitions and extensions). Syntax errors carry graphql-js 16's messages and positions.
/// </summary>
public sealed class Parser
{
    private readonly Lexer _lexer;
    private readonly ParserOptions _options;
    private readonly string _source;
    private int _tokenCount;
    private int _depth;
    // Nodes of lists under construction; each list is copied out to an exact-size array.
    private readonly List<SyntaxNode> _pending = new();

    private Parser(string source, ParserOptions? options)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _lexer = new Lexer(source);
        _options = options ?? ParserOptions.Default;
    }

    /// <summary>Parses a whole document (§2.2); throws <see cref="GraphQLSyntaxException"/> on invalid input.</summary>
    public static DocumentNode Parse(string source, ParserOptions? options = null)
        => new Parser(source, options).ParseDocument();

    /// <summary>As <see cref="Parse(string, ParserOptions?)"/>, also giving the number of tokens read (what the syntax tree holds grows with it).</summary>
    internal static DocumentNode Parse(string source, ParserOptions? options, out int tokenCount)
    {
        var parser = new Parser(source, options);
        var document = parser.ParseDocument();
        tokenCount = parser._tokenCount;
        return document;
    }

    /// <summary>Parses a single value literal; variables are allowed (§2.9).</summary>
    public static ValueNode ParseValue(string source)
    {
        var parser = new Parser(source, null);
        parser.ExpectToken(TokenKind.StartOfFile);
        var value = parser.ParseValueLiteral(isConst: false);
        parser.ExpectToken(TokenKind.EndOfFile);
        return value;
    }

    /// <summary>Parses a single type reference such as <c>[String!]!</c> (§2.11).</summary>
    public static TypeNode ParseType(string source)
    {
        var parser = new Parser(source, null);
        parser.ExpectToken(TokenKind.StartOfFile);
        var type = parser.ParseTypeReference();
        parser.ExpectToken(TokenKind.EndOfFile);
        return type;
    }

    // ---- §2.2 Document ----

    private DocumentNode ParseDocument()
    {
        ExpectToken(TokenKind.StartOfFile);
        int mark = _pending.Count;
        do
        {
            _pending.Add(ParseDefinition());
        } while (!ExpectOptionalToken(TokenKind.EndOfFile));
        return new DocumentNode
        {
            Definitions = TakePending<DefinitionNode>(mark),
            Source = _source,
            Location = _options.NoLocation ? default : new SourceLocation(0, _source.Length, 1, 1),
        };
    }

    private DefinitionNode ParseDefinition()
    {
        if (Peek(TokenKind.BraceL)) return ParseOperationDefinition();

        // Type system definitions may begin with a description, so look past it for the keyword.
        bool hasDescription = PeekDescription();
        Token keywordToken = hasDescription ? _lexer.Lookahead() : _lexer.Token;

        if (hasDescription && keywordToken.Kind == TokenKind.BraceL)
            throw Error(_lexer.Token.Start, "Unexpected description, descriptions are not supported on shorthand queries.");

        if (keywordToken.Kind == TokenKind.Name)
        {
            switch (keywordToken.Value)
            {
                case "schema": return ParseSchemaDefinition();
                case "scalar": return ParseScalarTypeDefinition();
                case "type": return ParseObjectTypeDefinition();
                case "interface": return ParseInterfaceTypeDefinition();
                case "union": return ParseUnionTypeDefinition();
                case "enum": return ParseEnumTypeDefinition();
                case "input": return ParseInputObjectTypeDefinition();
                case "directive": return ParseDirectiveDefinition();
            }

            switch (keywordToken.Value)
            {
                case "query":
                case "mutation":
                case "subscription":
                    return ParseOperationDefinition();
                case "fragment": return ParseFragmentDefinition();
            }

            if (hasDescription)
                throw Error(_lexer.Token.Start, "Unexpected description, only GraphQL definitions support descriptions.");

            if (keywordToken.Value == "extend") return ParseTypeSystemExtension();
        }
        throw Unexpected(keywordToken);
    }

    // ---- §2.3 Operations (descriptions on operations, fragments and variables as graphql-js 16.15 accepts them) ----

    private OperationDefinitionNode ParseOperationDefinition()
    {
        Token start = _lexer.Token;
        if (Peek(TokenKind.BraceL))
        {
            // Query shorthand: { ... }
            var shorthandSelections = ParseSelectionSet();
            return new OperationDefinitionNode
            {
                Operation = OperationType.Query,
                SelectionSet = shorthandSelections,
                Location = Loc(start),
            };
        }

        var description = ParseDescription();
        var operation = ParseOperationType();
        NameNode? name = Peek(TokenKind.Name) ? ParseName() : null;
        var variableDefinitions = ParseVariableDefinitions();
        var directives = ParseDirectives(isConst: false);
        var selectionSet = ParseSelectionSet();
        return new OperationDefinitionNode
        {
            Description = description,
            Operation = operation,
            Name = name,
            VariableDefinitions = variableDefinitions,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    private OperationType ParseOperationType()
    {
        Token operationToken = ExpectToken(TokenKind.Name);
        switch (operationToken.Value)
        {
            case "query": return OperationType.Query;
            case "mutation": return OperationType.Mutation;
            case "subscription": return OperationType.Subscription;
        }
        throw Unexpected(operationToken);
    }

    // §2.10 VariableDefinitions : ( VariableDefinition+ )
    private IReadOnlyList<VariableDefinitionNode> ParseVariableDefinitions()
    {
        if (!ExpectOptionalToken(TokenKind.ParenL)) return Array.Empty<VariableDefinitionNode>();
        int mark = _pending.Count;
        do
        {
            _pending.Add(ParseVariableDefinition());
        } while (!ExpectOptionalToken(TokenKind.ParenR));
        return TakePending<VariableDefinitionNode>(mark);
    }

    private VariableDefinitionNode ParseVariableDefinition()
    {
        Token start = _lexer.Token;
        var description = ParseDescription();
        var variable = ParseVariable();
        ExpectToken(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? defaultValue = ExpectOptionalToken(TokenKind.Equals) ? ParseValueLiteral(isConst: true) : null;
        var directives = ParseDirectives(isConst: true);
        return new VariableDefinitionNode
        {
            Description = description,
            Variable = variable,
            Type = type,
            DefaultValue = defaultValue,
            Directives = directives,
            Location = Loc(start),
        };
    }

    private VariableNode ParseVariable()
    {
        Token start = _lexer.Token;
        ExpectToken(TokenKind.Dollar);
        var name = ParseName();
        return new VariableNode { Name = name, Location = Loc(start) };
    }

    // §2.4 SelectionSet : { Selection* } — graphql-js 17 accepts an empty selection set (its
    // allowEmptySelectionSets defaults to true), which selects nothing and answers {}.
    private SelectionSetNode ParseSelectionSet()
    {
        Token start = _lexer.Token;
        EnterNesting(start);
        ExpectToken(TokenKind.BraceL);
        int mark = _pending.Count;
        while (!ExpectOptionalToken(TokenKind.BraceR))
        {
            _pending.Add(Peek(TokenKind.Spread) ? ParseFragment() : ParseField());
        }
        _depth--;
        return new SelectionSetNode { Selections = TakePending<SelectionNode>(mark), Location = Loc(start) };
    }

    // §2.5 Field : Alias? Name Arguments? Directives? SelectionSet?
    private FieldNode ParseField()
    {
        Token start = _lexer.Token;
        var nameOrAlias = ParseName();
        NameNode? alias = null;
        NameNode name;
        if (ExpectOptionalToken(TokenKind.Colon))
        {
            alias = nameOrAlias;
            name = ParseName();
        }
        else
        {
            name = nameOrAlias;
        }
        var arguments = ParseArguments(isConst: false);
        var directives = ParseDirectives(isConst: false);
        var selectionSet = Peek(TokenKind.BraceL) ? ParseSelectionSet() : null;
        return new FieldNode
        {
            Alias = alias,
            Name = name,
            Arguments = arguments,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    // §2.6 Arguments : ( Argument+ )
    private IReadOnlyList<ArgumentNode> ParseArguments(bool isConst)
    {
        if (!ExpectOptionalToken(TokenKind.ParenL)) return Array.Empty<ArgumentNode>();
        int mark = _pending.Count;
        do
        {
            _pending.Add(ParseArgument(isConst));
        } while (!ExpectOptionalToken(TokenKind.ParenR));
        return TakePending<ArgumentNode>(mark);
    }

    private ArgumentNode ParseArgument(bool isConst)
    {
        Token start = _lexer.Token;
        var name = ParseName();
        ExpectToken(TokenKind.Colon);
        var value = ParseValueLiteral(isConst);
        return new ArgumentNode { Name = name, Value = value, Location = Loc(start) };
    }

    // ---- §2.8 Fragments ----

    private SelectionNode ParseFragment()
    {
        Token start = _lexer.Token;
        ExpectToken(TokenKind.Spread);
        bool hasTypeCondition = ExpectOptionalKeyword("on");
        if (!hasTypeCondition && Peek(TokenKind.Name))
        {
            var name = ParseFragmentName();
            var spreadDirectives = ParseDirectives(isConst: false);
            return new FragmentSpreadNode { Name = name, Directives = spreadDirectives, Location = Loc(start) };
        }
        var typeCondition = hasTypeCondition ? ParseNamedType() : null;
        var directives = ParseDirectives(isConst: false);
        var selectionSet = ParseSelectionSet();
        return new InlineFragmentNode
        {
            TypeCondition = typeCondition,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    private FragmentDefinitionNode ParseFragmentDefinition()
    {
        Token start = _lexer.Token;
        var description = ParseDescription();
        ExpectKeyword("fragment");
        var name = ParseFragmentName();
        ExpectKeyword("on");
        var typeCondition = ParseNamedType();
        var directives = ParseDirectives(isConst: false);
        var selectionSet = ParseSelectionSet();
        return new FragmentDefinitionNode
        {
            Description = description,
            Name = name,
            TypeCondition = typeCondition,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    // FragmentName : Name but not `on`
    private NameNode ParseFragmentName()
    {
        if (_lexer.Token.Value == "on") throw Unexpected(_lexer.Token);
        return ParseName();
    }

    // ---- §2.9 Input values ----

    private ValueNode ParseValueLiteral(bool isConst)
    {
        Token token = _lexer.Token;
        switch (token.Kind)
        {
            case TokenKind.BracketL:
                return ParseList(isConst);
            case TokenKind.BraceL:
                return ParseObject(isConst);
            case TokenKind.Int:
                AdvanceLexer();
                return new IntValueNode(token.Value!) { Location = Loc(token) };
            case TokenKind.Float:
                AdvanceLexer();
                return new FloatValueNode(token.Value!) { Location = Loc(token) };
            case TokenKind.String:
            case TokenKind.BlockString:
                return ParseStringLiteral();
            case TokenKind.Name:
                AdvanceLexer();
                return token.Value switch
                {
                    "true" => new BooleanValueNode(true) { Location = Loc(token) },
                    "false" => new BooleanValueNode(false) { Location = Loc(token) },
                    "null" => new NullValueNode { Location = Loc(token) },
                    _ => new EnumValueNode(token.Value!) { Location = Loc(token) },
                };
            case TokenKind.Dollar:
                if (isConst)
                {
                    ExpectToken(TokenKind.Dollar);
                    if (_lexer.Token.Kind == TokenKind.Name)
                        throw Error(token.Start, "Unexpected variable \"$" + _lexer.Token.Value + "\" in constant value.");
                    throw Unexpected(token);
                }
                return ParseVariable();
            default:
                throw Unexpected(token);
        }
    }

    private StringValueNode ParseStringLiteral()
    {
        Token token = _lexer.Token;
        AdvanceLexer();
        return new StringValueNode(token.Value!, token.Kind == TokenKind.BlockString) { Location = Loc(token) };
    }

    // ListValue : [ ] | [ Value+ ]
    private ListValueNode ParseList(bool isConst)
    {
        Token start = _lexer.Token;
        EnterNesting(start);
        ExpectToken(TokenKind.BracketL);
        int mark = _pending.Count;
        while (!ExpectOptionalToken(TokenKind.BracketR))
            _pending.Add(ParseValueLiteral(isConst));
        _depth--;
        return new ListValueNode { Values = TakePending<ValueNode>(mark), Location = Loc(start) };
    }

    // ObjectValue : { } | { ObjectField+ }
    private ObjectValueNode ParseObject(bool isConst)
    {
        Token start = _lexer.Token;
        EnterNesting(start);
        ExpectToken(TokenKind.BraceL);
        int mark = _pending.Count;
        while (!ExpectOptionalToken(TokenKind.BraceR))
            _pending.Add(ParseObjectField(isConst));
        _depth--;
        return new ObjectValueNode { Fields = TakePending<ObjectFieldNode>(mark), Location = Loc(start) };
    }

    private ObjectFieldNode ParseObjectField(bool isConst)
    {
        Token start = _lexer.Token;
        var name = ParseName();
        ExpectToken(TokenKind.Colon);
        var value = ParseValueLiteral(isConst);
        return new ObjectFieldNode { Name = name, Value = value, Location = Loc(start) };
    }

    // ---- §2.12 Directives ----

    private IReadOnlyList<DirectiveNode> ParseDirectives(bool isConst)
    {
        if (!Peek(TokenKind.At)) return Array.Empty<DirectiveNode>();
        int mark = _pending.Count;
        do
        {
            _pending.Add(ParseDirective(isConst));
        } while (Peek(TokenKind.At));
        return TakePending<DirectiveNode>(mark);
    }

    private DirectiveNode ParseDirective(bool isConst)
    {
        Token start = _lexer.Token;
        ExpectToken(TokenKind.At);
        var name = ParseName();
        var arguments = ParseArguments(isConst);
        return new DirectiveNode { Name = name, Arguments = arguments, Location = Loc(start) };
    }

    // ---- §2.11 Type references ----

    private TypeNode ParseTypeReference()
    {
        Token start = _lexer.Token;
        TypeNode type;
        if (Peek(TokenKind.BracketL))
        {
            EnterNesting(start);
            AdvanceLexer();
            var innerType = ParseTypeReference();
            ExpectToken(TokenKind.BracketR);
            _depth--;
            type = new ListTypeNode { Type = innerType, Location = Loc(start) };
        }
        else
        {
            type = ParseNamedType();
        }

        if (ExpectOptionalToken(TokenKind.Bang))
            return new NonNullTypeNode { Type = type, Location = Loc(start) };
        return type;
    }

    private NamedTypeNode ParseNamedType()
    {
        Token start = _lexer.Token;
        var name = ParseName();
        return new NamedTypeNode { Name = name, Location = Loc(start) };
    }

    private NameNode ParseName()
    {
        Token token = ExpectToken(TokenKind.Name);
        return new NameNode(token.Value!) { Location = Loc(token) };
    }

    // ---- §3 Type system definitions ----

    private bool PeekDescription() => Peek(TokenKind.String) || Peek(TokenKind.BlockString);

    // §3.3 Description : StringValue
    private StringValueNode? ParseDescription() => PeekDescription() ? ParseStringLiteral() : null;

    // §3.3 SchemaDefinition : Description? schema Directives? { RootOperationTypeDefinition+ }
    private SchemaDefinitionNode ParseSchemaDefinition()
    {
        Token start = _lexer.Token;
        var description = ParseDescription();
        ExpectKeyword("schema");
        var directives = ParseDirectives(isConst: true);
        ExpectToken(TokenKind.BraceL);
        int mark = _pending.Count;
        do
        {
            _pending.Add(ParseOperationTypeDefinition());
        } while (!ExpectOptionalToken(TokenKind.BraceR));
        return new SchemaDefinitionNode
        {
            Description = description,
            Directives = directives,
            OperationTypes = TakePending<OperationTypeDefinitionNode>(mark),
            Location = Loc(start),
        };
    }

    private OperationTypeDefinitionNode ParseOperationTypeDefinition()
    {
        Token start = _lexer.Token;
        var operation = ParseOperationType();
        ExpectToken(TokenKind.Colon);
        var type = ParseNamedType();
        return new OperationTypeDefinitionNode { Operation = operation, Type = type, Location = Loc(start) };
    }

    // §3.5 ScalarTypeDefinition : Description? scalar Name Directives?
    private ScalarTypeDefinitionNode ParseScalarTypeDefinition()
    {
        Token start = _lexer.Token;
        var description = ParseDescription();
        ExpectKeyword("scalar");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        return new ScalarTypeDefinitionNode { Description = description, Name = name, Directives = directives, Location = Loc(start) };
    }

    // §3.6 ObjectTypeDefinition : Description? type Name ImplementsInterfaces? Directives? FieldsDefinition?
    private ObjectTypeDefinitionNode ParseObjectTypeDefinition()
    {
        Token start = _lexer.Token;
        var description = ParseDescription();
        ExpectKeyword("type");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseFieldsDefinition();
        return new ObjectTypeDefinitionNode
        {
            Description = description,
            Name = name,
            Interfaces = interfaces,
            Directives = directives,
            Fields = fields,
            Location = Loc(start),
        };
    }

    // ImplementsInterfaces : implements &? NamedType (& NamedType)*
    private IReadOnlyList<NamedTypeNode> ParseImplementsInterfaces()
        => ExpectOptionalKeyword("implements") ? ParseDelimitedNamedTypes(TokenKind.Amp) : Array.Empty<NamedTypeNode>();

    private IReadOnlyList<NamedTypeNode> ParseDelimitedNamedTypes(TokenKind delimiter)
    {
        ExpectOptionalToken(delimiter);
        int mark = _pending.Count;
        do
        {
            _pending.Add(ParseNamedType());
        } while (ExpectOptionalToken(delimiter));
        return TakePending<NamedTypeNode>(mark);
    }

    // FieldsDefinition : { FieldDefinition+ }
    private IReadOnlyList<FieldDefinitionNode> ParseFieldsDefinition()
    {
        if (!ExpectOptionalToken(TokenKind.BraceL)) return Array.Empty<FieldDefinitionNode>();
        int mark = _pending.Count;
        do
        {
            _pending.Add(ParseFieldDefinition());
        } while (!ExpectOptionalToken(TokenKind.BraceR));
        return TakePending<FieldDefinitionNode>(mark);
    }

    private FieldDefinitionNode ParseFieldDefinition()
    {
        Token start = _lexer.Token;
        var description = ParseDescription();
        var name = ParseName();
        var arguments = ParseArgumentDefinitions();
        ExpectToken(TokenKind.Colon);
        var type = ParseTypeReference();
        var directives = ParseDirectives(isConst: true);
        return new FieldDefinitionNode
        {
            Description = description,
            Name = name,
            Arguments = arguments,
            Type = type,
            Directives = directives,
            Location = Loc(start),
        };
    }

    // ArgumentsDefinition : ( InputValueDefinition+ )
    private IReadOnlyList<InputValueDefinitionNode> ParseArgumentDefinitions()
        => ParseInputValueDefinitions(TokenKind.ParenL, TokenKind.ParenR);

    private IReadOnlyList<InputValueDefinitionNode> ParseInputValueDefinitions(TokenKind open, TokenKind close)
    {
        if (!ExpectOptionalToken(open)) return Array.Empty<InputValueDefinitionNode>();
        int mark = _pending.Count;
        do
        {
            _pending.Add(ParseInputValueDefinition());
        } while (!ExpectOptionalToken(close));
        return TakePending<InputValueDefinitionNode>(mark);
    }

    // InputValueDefinition : Description? Name : Type DefaultValue? Directives?
    private InputValueDefinitionNode ParseInputValueDefinition()
    {
        Token start = _lexer.Token;
        var description = ParseDescription();
        var name = ParseName();
        ExpectToken(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? defaultValue = ExpectOptionalToken(TokenKind.Equals) ? ParseValueLiteral(isConst: true) : null;
        var directives = ParseDirectives(isConst: true);
        return new InputValueDefinitionNode
        {
            Description = description,
            Name = name,
            Type = type,
            DefaultValue = defaultValue,
            Directives = directives,
            Location = Loc(start),
        };
    }

    // §3.7 InterfaceTypeDefinition : Description? interface Name ImplementsInterfaces? Directives? FieldsDefinition?
    private InterfaceTypeDefinitionNode ParseInterfaceTypeDefinition()
    {
        Token start = _lexer.Token;
        var description = ParseDescription();
        ExpectKeyword("interface");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseFieldsDefinition();
        return new InterfaceTypeDefinitionNode
        {
            Description = description,
            Name = name,
            Interfaces = interfaces,
            Directives = directives,
            Fields = fields,
            Location = Loc(start),
        };
    }

    // §3.8 UnionTypeDefinition : Description? union Name Directives? UnionMemberTypes?
    private UnionTypeDefinitionNode ParseUnionTypeDefinition()
    {
        Token start = _lexer.Token;
        var description = ParseDescription();
        ExpectKeyword("union");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var types = ParseUnionMemberTypes();
        return new UnionTypeDefinitionNode
        {
            Description = description,
            Name = name,
            Directives = directives,
            Types = types,
            Location = Loc(start),
        };
    }

    // UnionMemberTypes : = |? NamedType (| NamedType)*
    private IReadOnlyList<NamedTypeNode> ParseUnionMemberTypes()
        => ExpectOptionalToken(TokenKind.Equals) ? ParseDelimitedNamedTypes(TokenKind.Pipe) : Array.Empty<NamedTypeNode>();

    // §3.9 EnumTypeDefinition : Description? enum Name Directives? EnumValuesDefinition?
    private EnumTypeDefinitionNode ParseEnumTypeDefinition()
    {
        Token start = _lexer.Token;
        var description = ParseDescription();
        ExpectKeyword("enum");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var values = ParseEnumValuesDefinition();
        return new EnumTypeDefinitionNode
        {
            Description = description,
            Name = name,
            Directives = directives,
            Values = values,
            Location = Loc(start),
        };
    }

    private IReadOnlyList<EnumValueDefinitionNode> ParseEnumValuesDefinition()
    {
        if (!ExpectOptionalToken(TokenKind.BraceL)) return Array.Empty<EnumValueDefinitionNode>();
        int mark = _pending.Count;
        do
        {
            _pending.Add(ParseEnumValueDefinition());
        } while (!ExpectOptionalToken(TokenKind.BraceR));
        return TakePending<EnumValueDefinitionNode>(mark);
    }

    // EnumValueDefinition : Description? EnumValue Directives?  (EnumValue : Name but not true, false or null)
    private EnumValueDefinitionNode ParseEnumValueDefinition()
    {
        Token start = _lexer.Token;
        var description = ParseDescription();
        Token token = _lexer.Token;
        if (token.Value is "true" or "false" or "null")
            throw Error(token.Start, token.Describe() + " is reserved and cannot be used for an enum value.");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        return new EnumValueDefinitionNode { Description = description, Name = name, Directives = directives, Location = Loc(start) };
    }

    // §3.10 InputObjectTypeDefinition : Description? input Name Directives? InputFieldsDefinition?
    private InputObjectTypeDefinitionNode ParseInputObjectTypeDefinition()
    {
        Token start = _lexer.Token;
        var description = ParseDescription();
        ExpectKeyword("input");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseInputValueDefinitions(TokenKind.BraceL, TokenKind.BraceR);
        return new InputObjectTypeDefinitionNode
        {
            Description = description,
            Name = name,
            Directives = directives,
            Fields = fields,
            Location = Loc(start),
        };
    }

    // §3.13 DirectiveDefinition : Description? directive @ Name ArgumentsDefinition? repeatable? on DirectiveLocations
    private DirectiveDefinitionNode ParseDirectiveDefinition()
    {
        Token start = _lexer.Token;
        var description = ParseDescription();
        ExpectKeyword("directive");
        ExpectToken(TokenKind.At);
        var name = ParseName();
        var arguments = ParseArgumentDefinitions();
        bool repeatable = ExpectOptionalKeyword("repeatable");
        ExpectKeyword("on");
        ExpectOptionalToken(TokenKind.Pipe);
        int mark = _pending.Count;
        do
        {
            _pending.Add(ParseDirectiveLocation());
        } while (ExpectOptionalToken(TokenKind.Pipe));
        return new DirectiveDefinitionNode
        {
            Description = description,
            Name = name,
            Arguments = arguments,
            Repeatable = repeatable,
            Locations = TakePending<NameNode>(mark),
            Location = Loc(start),
        };
    }

    private NameNode ParseDirectiveLocation()
    {
        Token start = _lexer.Token;
        var name = ParseName();
        if (IsDirectiveLocation(name.Value)) return name;
        throw Unexpected(start);
    }

    // §3.13 ExecutableDirectiveLocation and TypeSystemDirectiveLocation
    private static bool IsDirectiveLocation(string name) => name switch
    {
        "QUERY" or "MUTATION" or "SUBSCRIPTION" or "FIELD" or "FRAGMENT_DEFINITION" or "FRAGMENT_SPREAD"
            or "INLINE_FRAGMENT" or "VARIABLE_DEFINITION" or "SCHEMA" or "SCALAR" or "OBJECT" or "FIELD_DEFINITION"
            or "ARGUMENT_DEFINITION" or "INTERFACE" or "UNION" or "ENUM" or "ENUM_VALUE" or "INPUT_OBJECT"
            or "INPUT_FIELD_DEFINITION"
            // graphql-js 17 accepts every DirectiveLocation it defines, these two included.
            or "FRAGMENT_VARIABLE_DEFINITION" or "DIRECTIVE_DEFINITION" => true,
        _ => false,
    };

    // ---- §3 Type system extensions ----

    private TypeSystemDefinitionNode ParseTypeSystemExtension()
    {
        Token keywordToken = _lexer.Lookahead();
        if (keywordToken.Kind == TokenKind.Name)
        {
            switch (keywordToken.Value)
            {
                case "schema": return ParseSchemaExtension();
                case "scalar": return ParseScalarTypeExtension();
                case "type": return ParseObjectTypeExtension();
                case "interface": return ParseInterfaceTypeExtension();
                case "union": return ParseUnionTypeExtension();
                case "enum": return ParseEnumTypeExtension();
                case "input": return ParseInputObjectTypeExtension();
            }
        }
        throw Unexpected(keywordToken);
    }

    // §3.4 SchemaExtension : extend schema Directives? { RootOperationTypeDefinition+ } | extend schema Directives
    private SchemaExtensionNode ParseSchemaExtension()
    {
        Token start = _lexer.Token;
        ExpectKeyword("extend");
        ExpectKeyword("schema");
        var directives = ParseDirectives(isConst: true);
        IReadOnlyList<OperationTypeDefinitionNode> operationTypes = Array.Empty<OperationTypeDefinitionNode>();
        if (ExpectOptionalToken(TokenKind.BraceL))
        {
            int mark = _pending.Count;
            do
            {
                _pending.Add(ParseOperationTypeDefinition());
            } while (!ExpectOptionalToken(TokenKind.BraceR));
            operationTypes = TakePending<OperationTypeDefinitionNode>(mark);
        }
        if (directives.Count == 0 && operationTypes.Count == 0) throw Unexpected(_lexer.Token);
        return new SchemaExtensionNode { Directives = directives, OperationTypes = operationTypes, Location = Loc(start) };
    }

    // §3.5.1 ScalarTypeExtension : extend scalar Name Directives
    private ScalarTypeDefinitionNode ParseScalarTypeExtension()
    {
        Token start = _lexer.Token;
        ExpectKeyword("extend");
        ExpectKeyword("scalar");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        if (directives.Count == 0) throw Unexpected(_lexer.Token);
        return new ScalarTypeDefinitionNode { Name = name, Directives = directives, IsExtension = true, Location = Loc(start) };
    }

    // §3.6.3 ObjectTypeExtension
    private ObjectTypeDefinitionNode ParseObjectTypeExtension()
    {
        Token start = _lexer.Token;
        ExpectKeyword("extend");
        ExpectKeyword("type");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseFieldsDefinition();
        if (interfaces.Count == 0 && directives.Count == 0 && fields.Count == 0) throw Unexpected(_lexer.Token);
        return new ObjectTypeDefinitionNode
        {
            Name = name,
            Interfaces = interfaces,
            Directives = directives,
            Fields = fields,
            IsExtension = true,
            Location = Loc(start),
        };
    }

    // §3.7.1 InterfaceTypeExtension
    private InterfaceTypeDefinitionNode ParseInterfaceTypeExtension()
    {
        Token start = _lexer.Token;
        ExpectKeyword("extend");
        ExpectKeyword("interface");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseFieldsDefinition();
        if (interfaces.Count == 0 && directives.Count == 0 && fields.Count == 0) throw Unexpected(_lexer.Token);
        return new InterfaceTypeDefinitionNode
        {
            Name = name,
            Interfaces = interfaces,
            Directives = directives,
            Fields = fields,
            IsExtension = true,
            Location = Loc(start),
        };
    }

    // §3.8.1 UnionTypeExtension
    private UnionTypeDefinitionNode ParseUnionTypeExtension()
    {
        Token start = _lexer.Token;
        ExpectKeyword("extend");
        ExpectKeyword("union");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var types = ParseUnionMemberTypes();
        if (directives.Count == 0 && types.Count == 0) throw Unexpected(_lexer.Token);
        return new UnionTypeDefinitionNode { Name = name, Directives = directives, Types = types, IsExtension = true, Location = Loc(start) };
    }

    // §3.9.1 EnumTypeExtension
    private EnumTypeDefinitionNode ParseEnumTypeExtension()
    {
        Token start = _lexer.Token;
        ExpectKeyword("extend");
        ExpectKeyword("enum");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var values = ParseEnumValuesDefinition();
        if (directives.Count == 0 && values.Count == 0) throw Unexpected(_lexer.Token);
        return new EnumTypeDefinitionNode { Name = name, Directives = directives, Values = values, IsExtension = true, Location = Loc(start) };
    }

    // §3.10.1 InputObjectTypeExtension
    private InputObjectTypeDefinitionNode ParseInputObjectTypeExtension()
    {
        Token start = _lexer.Token;
        ExpectKeyword("extend");
        ExpectKeyword("input");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseInputValueDefinitions(TokenKind.BraceL, TokenKind.BraceR);
        if (directives.Count == 0 && fields.Count == 0) throw Unexpected(_lexer.Token);
        return new InputObjectTypeDefinitionNode { Name = name, Directives = directives, Fields = fields, IsExtension = true, Location = Loc(start) };
    }

    // ---- Parsing utilities ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Peek(TokenKind kind) => _lexer.Token.Kind == kind;

    // The node spans from its first token to the last token consumed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SourceLocation Loc(in Token start)
        => _options.NoLocation ? default : new SourceLocation(start.Start, _lexer.LastToken.End, start.Line, start.Column);

    private Token ExpectToken(TokenKind kind)
    {
        Token token = _lexer.Token;
        if (token.Kind == kind)
        {
            AdvanceLexer();
            return token;
        }
        throw Error(token.Start, "Expected " + Token.DescribeKind(kind) + ", found " + token.Describe() + ".");
    }

    private bool ExpectOptionalToken(TokenKind kind)
    {
        if (_lexer.Token.Kind != kind) return false;
        AdvanceLexer();
        return true;
    }

    private void ExpectKeyword(string value)
    {
        Token token = _lexer.Token;
        if (token.Kind == TokenKind.Name && token.Value == value)
        {
            AdvanceLexer();
            return;
        }
        throw Error(token.Start, "Expected \"" + value + "\", found " + token.Describe() + ".");
    }

    private bool ExpectOptionalKeyword(string value)
    {
        Token token = _lexer.Token;
        if (token.Kind != TokenKind.Name || token.Value != value) return false;
        AdvanceLexer();
        return true;
    }

    private GraphQLSyntaxException Unexpected(in Token token) => Error(token.Start, "Unexpected " + token.Describe() + ".");

    private GraphQLSyntaxException Error(int position, string message) => Lexer.SyntaxError(_source, position, message);

    private void AdvanceLexer()
    {
        Token token = _lexer.Advance();
        if (token.Kind != TokenKind.EndOfFile && ++_tokenCount > _options.MaxTokens && _options.MaxTokens > 0)
        {
            throw Lexer.SyntaxError(_source, token.Start,
                "Document contains more than " + _options.MaxTokens + " tokens. Parsing aborted.",
                ErrorCodes.DocumentLimitExceeded);
        }
    }

    // Bounds recursion: selection sets, list and object values and list types each add a level.
    private void EnterNesting(in Token at)
    {
        ++_depth;
        if ((_options.MaxDepth > 0 && _depth > _options.MaxDepth) || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            string limit = _options.MaxDepth > 0 ? " of " + _options.MaxDepth : "";
            throw Lexer.SyntaxError(_source, at.Start,
                "Document exceeds the maximum nesting depth" + limit + ". Parsing aborted.",
                ErrorCodes.DocumentLimitExceeded);
        }
    }

    private T[] TakePending<T>(int mark) where T : SyntaxNode
    {
        int count = _pending.Count - mark;
        if (count == 0) return Array.Empty<T>();
        var items = new T[count];
        for (int i = 0; i < count; i++) items[i] = (T)_pending[mark + i];
        _pending.RemoveRange(mark, count);
        return items;
    }
}
