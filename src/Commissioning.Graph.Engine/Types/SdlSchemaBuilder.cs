using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Types;

/// <summary>
/// Builds a schema from SDL (spec §3 "Type System", §3.1 "Type System Extensions"), with the
/// semantics of graphql-js 16's buildASTSchema (which applies extendSchema to an empty schema):
/// type definitions and their extensions merged in document order, root types from the schema
/// definition (and its extensions) or else the types named Query / Mutation / Subscription,
/// custom directives before the specified ones, built-in scalars shared.
/// </summary>
/// <remarks>
/// Custom scalars pass values through unchanged (serialize / parseValue identity, parseLiteral =
/// <see cref="ValueConversion.ValueFromAstUntyped"/>); enum values' internal values are their names;
/// default values are coerced with <see cref="ValueConversion.TryValueFromAst"/> (an invalid default
/// leaves the argument without a default, as graphql-js does) and also kept as written in
/// <see cref="InputValueDefinition.DefaultValueLiteral"/>. Every directive applied in the SDL is
/// recorded in the element's <c>AppliedDirectives</c>, in document order, definition before extensions.
/// The schema is not validated here: call <see cref="SchemaValidator.Validate"/>.
/// </remarks>
public static class SdlSchemaBuilder
{
    /// <summary>Parses and builds. Throws <see cref="GraphQLSyntaxException"/> or <see cref="GraphQLException"/>.</summary>
    public static Schema Build(string sdl) => Build(Parser.Parse(sdl, SchemaParserOptions));

    // A schema is trusted input from the service itself, not from a client: no token limit
    // (graphql-js has none), so large schemas build; the nesting bound still applies.
    private static readonly ParserOptions SchemaParserOptions = new() { MaxTokens = 0 };

    /// <summary>Builds a schema from a parsed SDL document. Throws <see cref="GraphQLException"/> when the
    /// document does not describe a schema (unknown types, duplicate definitions, ...).</summary>
    public static Schema Build(DocumentNode document)
    {
        AssertValidSdl(document);
        return new Builder(document).Build();
    }

    // graphql-js buildASTSchema runs assertValidSDL (the SDL validation rules) first.
    private static void AssertValidSdl(DocumentNode document)
    {
        Validation.SdlValidator.AssertValid(document);
    }

    private sealed class Builder
    {
        private readonly DocumentNode _document;
        private readonly List<TypeDefinitionNode> _typeDefs = new();
        private readonly Dictionary<string, List<TypeDefinitionNode>> _extensions = new(StringComparer.Ordinal);
        private readonly List<DirectiveDefinitionNode> _directiveDefs = new();
        private SchemaDefinitionNode? _schemaDef;
        private readonly List<SchemaExtensionNode> _schemaExtensions = new();
        private readonly Dictionary<string, NamedType> _typeMap = new(StringComparer.Ordinal);
        private readonly List<NamedType> _types = new();
        // Arguments and input fields whose default is computed once every type is complete.
        private readonly List<InputValueDefinition> _pendingDefaults = new();
        private readonly Dictionary<string, bool> _inputDefaultsDone = new(StringComparer.Ordinal);

        public Builder(DocumentNode document) => _document = document;

        public Schema Build()
        {
            foreach (var def in _document.Definitions)
            {
                switch (def)
                {
                    case SchemaDefinitionNode s:
                        if (_schemaDef is not null) Fail("Must provide only one schema definition.", s);
                        _schemaDef = s;
                        break;
                    case SchemaExtensionNode se: _schemaExtensions.Add(se); break;
                    case TypeDefinitionNode t when t.IsExtension:
                        if (!_extensions.TryGetValue(t.Name.Value, out var list)) _extensions[t.Name.Value] = list = new();
                        list.Add(t);
                        break;
                    case TypeDefinitionNode t: _typeDefs.Add(t); break;
                    case DirectiveDefinitionNode d: _directiveDefs.Add(d); break;
                    // Executable definitions are not part of a schema; SDL validation reports them.
                }
            }

            // Phase 1: a shell for each named type, so that fields may refer to any of them.
            foreach (var def in _typeDefs)
            {
                var name = def.Name.Value;
                if (_typeMap.ContainsKey(name)) Fail($"There can be only one type named \"{name}\".", def);
                var type = StandardType(name) ?? CreateType(def);
                _typeMap[name] = type;
                _types.Add(type);
            }
            foreach (var (name, exts) in _extensions)
            {
                if (!_typeMap.TryGetValue(name, out var type) && StandardType(name) is null)
                    Fail($"Cannot extend type \"{name}\" because it is not defined.", exts[0]);
                var def = _typeDefs.FirstOrDefault(d => d.Name.Value == name);
                if (def is not null)
                    foreach (var ext in exts)
                        if (ext.GetType() != def.GetType())
                            Fail($"Cannot extend non-{KindName(def)} type \"{name}\".", ext);
            }

            // Phase 2: members.
            foreach (var def in _typeDefs)
            {
                var type = _typeMap[def.Name.Value];
                if (StandardType(def.Name.Value) is not null) continue; // the standard type is used as it is
                FillType(type, AllNodes(def));
            }
            var directives = new List<DirectiveDefinition>();
            foreach (var d in _directiveDefs)
            {
                if (directives.Any(x => x.Name == d.Name.Value)) Fail($"There can be only one directive named \"@{d.Name.Value}\".", d);
                directives.Add(BuildDirective(d));
            }

            // Phase 3: default values, now that every input type is complete.
            foreach (var t in _types)
                if (t is InputObjectType io) ComputeInputFieldDefaults(io);
            foreach (var arg in _pendingDefaults) ComputeDefault(arg);

            // Root operation types (spec §3.3.1).
            ObjectType? query = null, mutation = null, subscription = null;
            var schemaNodes = new List<TypeSystemDefinitionNode>();
            if (_schemaDef is not null) schemaNodes.Add(_schemaDef);
            schemaNodes.AddRange(_schemaExtensions);
            foreach (var node in schemaNodes)
            {
                var ops = node is SchemaDefinitionNode sd ? sd.OperationTypes : ((SchemaExtensionNode)node).OperationTypes;
                foreach (var op in ops)
                {
                    var root = RootType(GetNamedType(op.Type), op.Operation, op.Type);
                    switch (op.Operation)
                    {
                        case OperationType.Query: query = root; break;
                        case OperationType.Mutation: mutation = root; break;
                        default: subscription = root; break;
                    }
                }
            }
            if (_schemaDef is null)
            {
                foreach (var t in _types)
                {
                    switch (t.Name)
                    {
                        case "Query": query = RootType(t, OperationType.Query, null); break;
                        case "Mutation": mutation = RootType(t, OperationType.Mutation, null); break;
                        case "Subscription": subscription = RootType(t, OperationType.Subscription, null); break;
                    }
                }
            }

            // Custom directives first, then the specified ones not redefined (graphql-js order).
            foreach (var std in SpecifiedDirectives.All)
                if (directives.All(d => d.Name != std.Name)) directives.Add(std);

            var applied = new List<DirectiveNode>();
            foreach (var node in schemaNodes) applied.AddRange(node.Directives);

            try
            {
                return new Schema(new SchemaConfig
                {
                    Description = _schemaDef?.Description?.Value,
                    Query = query,
                    Mutation = mutation,
                    Subscription = subscription,
                    Types = _types,
                    Directives = directives,
                    AstNode = _schemaDef,
                    ExtensionAstNodes = _schemaExtensions,
                    AppliedDirectives = applied,
                });
            }
            catch (InvalidOperationException ex)
            {
                throw new GraphQLException(new GraphQLError(ex.Message));
            }
        }

        // graphql-js types the roots loosely and lets validateSchema complain; our SchemaConfig holds
        // object types only, so the same complaint is raised here.
        private static ObjectType RootType(NamedType type, OperationType operation, SyntaxNode? node)
        {
            if (type is ObjectType o) return o;
            var message = operation == OperationType.Query
                ? $"Query root type must be Object type, it cannot be {type.Name}."
                : $"{operation} root type must be Object type if provided, it cannot be {type.Name}.";
            throw new GraphQLException(new GraphQLError(message, new[] { node ?? type.AstNode }));
        }

        private static NamedType? StandardType(string name) =>
            (NamedType?)BuiltInScalars.Find(name) ?? Introspection.IntrospectionSchema.Types.FirstOrDefault(t => t.Name == name);

        private List<TypeDefinitionNode> AllNodes(TypeDefinitionNode def)
        {
            var nodes = new List<TypeDefinitionNode> { def };
            if (_extensions.TryGetValue(def.Name.Value, out var exts)) nodes.AddRange(exts);
            return nodes;
        }

        private static string KindName(TypeDefinitionNode def) => def switch
        {
            ScalarTypeDefinitionNode => "scalar",
            ObjectTypeDefinitionNode => "object",
            InterfaceTypeDefinitionNode => "interface",
            UnionTypeDefinitionNode => "union",
            EnumTypeDefinitionNode => "enum",
            _ => "input object",
        };

        private NamedType CreateType(TypeDefinitionNode def)
        {
            var name = def.Name.Value;
            NamedType type = def switch
            {
                ScalarTypeDefinitionNode => new ScalarType(name),
                ObjectTypeDefinitionNode => new ObjectType(name),
                InterfaceTypeDefinitionNode => new InterfaceType(name),
                UnionTypeDefinitionNode => new UnionType(name),
                EnumTypeDefinitionNode => new EnumType(name),
                InputObjectTypeDefinitionNode => new InputObjectType(name),
                _ => throw new ArgumentException("Unexpected type definition " + def.GetType().Name),
            };
            type.Description = def.Description?.Value;
            type.AstNode = def;
            foreach (var node in AllNodes(def))
            {
                if (!ReferenceEquals(node, def)) type.ExtensionAstNodes.Add(node);
                type.AppliedDirectives.AddRange(node.Directives);
            }
            // @specifiedBy: the definition's, overridden by each extension that gives one (graphql-js 17);
            // @oneOf is read from the definition only.
            if (type is ScalarType scalar)
            {
                foreach (var node in AllNodes(def))
                    if (GetDirectiveValues(SpecifiedDirectives.SpecifiedBy, node.Directives)?["url"] is string url)
                        scalar.SpecifiedByUrl = url;
            }
            if (type is InputObjectType input)
                input.IsOneOf = GetDirectiveValues(SpecifiedDirectives.OneOf, def.Directives) is not null;
            return type;
        }

        private void FillType(NamedType type, List<TypeDefinitionNode> nodes)
        {
            switch (type)
            {
                case ObjectType o:
                    foreach (var node in nodes.Cast<ObjectTypeDefinitionNode>())
                    {
                        foreach (var i in node.Interfaces) o.Interfaces.Add(AsInterface(o, i));
                        foreach (var f in node.Fields) AddField(o.Name, o.Fields, f);
                    }
                    break;
                case InterfaceType it:
                    foreach (var node in nodes.Cast<InterfaceTypeDefinitionNode>())
                    {
                        foreach (var i in node.Interfaces) it.Interfaces.Add(AsInterface(it, i));
                        foreach (var f in node.Fields) AddField(it.Name, it.Fields, f);
                    }
                    break;
                case UnionType u:
                    foreach (var node in nodes.Cast<UnionTypeDefinitionNode>())
                        foreach (var m in node.Types)
                        {
                            var member = GetNamedType(m);
                            if (member is not ObjectType mo)
                                throw new GraphQLException(new GraphQLError(
                                    $"Union type {u.Name} can only include Object types, it cannot include {member.Name}.", new[] { m }));
                            u.Types.Add(mo);
                        }
                    break;
                case EnumType e:
                    foreach (var node in nodes.Cast<EnumTypeDefinitionNode>())
                        foreach (var v in node.Values)
                        {
                            if (e.Values.ContainsKey(v.Name.Value)) Fail($"Enum value \"{e.Name}.{v.Name.Value}\" can only be defined once.", v);
                            var value = new EnumValueDefinition(v.Name.Value)
                            {
                                Description = v.Description?.Value,
                                DeprecationReason = GetDeprecationReason(v.Directives),
                                AstNode = v,
                            };
                            value.AppliedDirectives.AddRange(v.Directives);
                            e.Values.Add(value);
                        }
                    break;
                case InputObjectType io:
                    foreach (var node in nodes.Cast<InputObjectTypeDefinitionNode>())
                        foreach (var f in node.Fields)
                        {
                            if (io.Fields.ContainsKey(f.Name.Value)) Fail($"Field \"{io.Name}.{f.Name.Value}\" can only be defined once.", f);
                            io.Fields.Add(BuildInputValue(f, pending: false));
                        }
                    break;
                case ScalarType:
                    break;
            }
        }

        private InterfaceType AsInterface(NamedType implementer, NamedTypeNode node)
        {
            var type = GetNamedType(node);
            if (type is InterfaceType i) return i;
            throw new GraphQLException(new GraphQLError(
                $"Type {implementer.Name} must only implement Interface types, it cannot implement {type.Name}.", new[] { node }));
        }

        private void AddField(string typeName, OrderedFields<FieldDefinition> fields, FieldDefinitionNode node)
        {
            if (fields.ContainsKey(node.Name.Value)) Fail($"Field \"{typeName}.{node.Name.Value}\" can only be defined once.", node);
            var field = new FieldDefinition(node.Name.Value, GetWrappedType(node.Type))
            {
                Description = node.Description?.Value,
                DeprecationReason = GetDeprecationReason(node.Directives),
                AstNode = node,
            };
            field.AppliedDirectives.AddRange(node.Directives);
            AddArguments(field.Arguments, node.Arguments, $"{typeName}.{node.Name.Value}");
            fields.Add(field);
        }

        private void AddArguments(OrderedFields<InputValueDefinition> args, IReadOnlyList<InputValueDefinitionNode> nodes, string owner)
        {
            foreach (var a in nodes)
            {
                if (args.ContainsKey(a.Name.Value)) Fail($"Argument \"{owner}({a.Name.Value}:)\" can only be defined once.", a);
                args.Add(BuildInputValue(a, pending: true));
            }
        }

        private InputValueDefinition BuildInputValue(InputValueDefinitionNode node, bool pending)
        {
            var value = new InputValueDefinition(node.Name.Value, GetWrappedType(node.Type))
            {
                Description = node.Description?.Value,
                DeprecationReason = GetDeprecationReason(node.Directives),
                AstNode = node,
            };
            value.AppliedDirectives.AddRange(node.Directives);
            if (pending) _pendingDefaults.Add(value);
            return value;
        }

        private DirectiveDefinition BuildDirective(DirectiveDefinitionNode node)
        {
            var directive = new DirectiveDefinition(node.Name.Value)
            {
                Description = node.Description?.Value,
                IsRepeatable = node.Repeatable,
                AstNode = node,
            };
            foreach (var loc in node.Locations)
            {
                if (!Enum.TryParse<DirectiveLocation>(loc.Value, ignoreCase: false, out var location) || !Enum.IsDefined(location) || char.IsDigit(loc.Value[0]))
                    Fail($"Unexpected Name \"{loc.Value}\".", loc);
                directive.Locations.Add(location);
            }
            AddArguments(directive.Arguments, node.Arguments, "@" + node.Name.Value);
            return directive;
        }

        // Input object defaults may use other input objects' defaults, so those are computed first.
        private void ComputeInputFieldDefaults(InputObjectType type)
        {
            if (_inputDefaultsDone.ContainsKey(type.Name) || !ReferenceEquals(_typeMap.GetValueOrDefault(type.Name), type)) return;
            _inputDefaultsDone[type.Name] = true;
            foreach (var f in type.Fields.List)
                if (Schema.GetNamedType(f.Type) is InputObjectType inner) ComputeInputFieldDefaults(inner);
            foreach (var f in type.Fields.List) ComputeDefault(f);
        }

        private void ComputeDefault(InputValueDefinition value)
        {
            var literal = value.AstNode?.DefaultValue;
            if (literal is null) return;
            if (Schema.GetNamedType(value.Type) is InputObjectType inner) ComputeInputFieldDefaults(inner);
            // graphql-js 17 keeps the literal as written; an invalid one gives no default value here and
            // is reported by SchemaValidator (validateSchema), so such a schema does not validate.
            value.DefaultValueLiteral = literal;
            if (ValueConversion.TryValueFromAst(literal, value.Type, null, out var coerced))
            {
                value.HasDefaultValue = true;
                value.DefaultValue = coerced;
            }
        }

        private NamedType GetNamedType(NamedTypeNode node)
        {
            var name = node.Name.Value;
            var type = StandardType(name) ?? _typeMap.GetValueOrDefault(name);
            if (type is null) Fail($"Unknown type: \"{name}\".", node);
            return type!;
        }

        private IGraphQLType GetWrappedType(TypeNode node) => node switch
        {
            ListTypeNode l => new ListType(GetWrappedType(l.Type)),
            NonNullTypeNode nn => new NonNullType(GetWrappedType(nn.Type)),
            NamedTypeNode n => GetNamedType(n),
            _ => throw new ArgumentException("Unexpected type node " + node.GetType().Name),
        };

        private static string? GetDeprecationReason(IReadOnlyList<DirectiveNode> directives) =>
            GetDirectiveValues(SpecifiedDirectives.Deprecated, directives)?["reason"] as string;

        // graphql-js getDirectiveValues: the arguments of the first use of the directive, coerced
        // like field arguments (getArgumentValues) with no variables; null when it is not used.
        private static Dictionary<string, object?>? GetDirectiveValues(DirectiveDefinition definition, IReadOnlyList<DirectiveNode> directives)
        {
            var node = directives.FirstOrDefault(d => d.Name.Value == definition.Name);
            if (node is null) return null;
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var arg in definition.Arguments.List)
            {
                var argNode = node.Arguments.FirstOrDefault(a => a.Name.Value == arg.Name);
                if (argNode is null || argNode.Value is VariableNode)
                {
                    if (arg.HasDefaultValue) values[arg.Name] = arg.DefaultValue;
                    else if (arg.Type is NonNullType)
                        throw new GraphQLException(new GraphQLError(argNode is null
                            ? $"Argument \"{arg.Name}\" of required type \"{arg.Type}\" was not provided."
                            : $"Argument \"{arg.Name}\" of required type \"{arg.Type}\" was provided the variable \"${((VariableNode)argNode.Value).Name.Value}\" which was not provided a runtime value.",
                            new SyntaxNode[] { argNode is null ? node : argNode.Value }));
                    continue;
                }
                if (argNode.Value is NullValueNode && arg.Type is NonNullType)
                    throw new GraphQLException(new GraphQLError($"Argument \"{arg.Name}\" of non-null type \"{arg.Type}\" must not be null.", new[] { argNode.Value }));
                if (!ValueConversion.TryValueFromAst(argNode.Value, arg.Type, null, out var coerced))
                    throw new GraphQLException(new GraphQLError($"Argument \"{arg.Name}\" has invalid value {AstValuePrinter.Print(argNode.Value)}.", new[] { argNode.Value }));
                values[arg.Name] = coerced;
            }
            return values;
        }

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private static void Fail(string message, SyntaxNode node) =>
            throw new GraphQLException(new GraphQLError(message, new[] { node }));
    }
}
