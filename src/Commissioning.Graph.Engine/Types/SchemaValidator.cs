using Commissioning.Graph.Engine.Execution;
using System.Runtime.CompilerServices;
using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Types;

/// <summary>
/// Type system validation (spec §3 "Type Validation" sub-sections; graphql-js validateSchema):
/// root types, directive definitions, reserved names, fields and arguments, interface
/// implementation, union members, enum values, input objects (including non-null cycles and @oneOf).
/// </summary>
public static class SchemaValidator
{
    private static readonly ConditionalWeakTable<Schema, IReadOnlyList<GraphQLError>> Cache = new();

    /// <summary>The schema's validation errors, empty when it is valid. Computed once per schema and cached.</summary>
    public static IReadOnlyList<GraphQLError> Validate(Schema schema) =>
        Cache.GetValue(schema, static s => new Context(s).Run());

    /// <summary>Throws a <see cref="GraphQLException"/> carrying the errors when the schema is invalid.</summary>
    public static void AssertValid(Schema schema)
    {
        var errors = Validate(schema);
        if (errors.Count > 0) throw new GraphQLException(errors);
    }

    private sealed class Context
    {
        private readonly Schema _schema;
        private readonly List<GraphQLError> _errors = new();

        public Context(Schema schema) => _schema = schema;

        private void Report(string message, params SyntaxNode?[] nodes) => _errors.Add(new GraphQLError(message, nodes));
        private void Report(string message, IEnumerable<SyntaxNode?> nodes) => _errors.Add(new GraphQLError(message, nodes));

        public IReadOnlyList<GraphQLError> Run()
        {
            ValidateRootTypes();
            ValidateDirectives();
            ValidateTypes();
            return _errors.ToArray();
        }

        // Spec §3.3.1 Root Operation Types: a query root type must exist. (SchemaConfig holds object
        // types only, so "must be Object type" is reported by the SDL builder.)
        private void ValidateRootTypes()
        {
            if (_schema.QueryType is null) Report("Query root type must be provided.", _schema.AstNode);
        }

        // Spec §3.13 Directives: each definition is named properly, has locations, and input arguments.
        private void ValidateDirectives()
        {
            foreach (var directive in _schema.Directives)
            {
                ValidateName(directive.Name, directive.AstNode);
                if (directive.Locations.Count == 0)
                    Report($"Directive @{directive.Name} must include 1 or more locations.", directive.AstNode);
                foreach (var arg in directive.Arguments.List)
                {
                    ValidateName(arg.Name, arg.AstNode);
                    if (!Schema.IsInputType(arg.Type))
                        Report($"The type of @{directive.Name}({arg.Name}:) must be Input Type but got: {arg.Type}.", arg.AstNode);
                    if (IsRequired(arg) && arg.DeprecationReason is not null)
                        Report($"Required argument @{directive.Name}({arg.Name}:) cannot be deprecated.", DeprecatedDirectiveNode(arg.AstNode), arg.AstNode?.Type);
                    ValidateDefaultValue(SchemaCoordinate.ForDirectiveArgument(directive.Name, arg.Name), arg);
                }
            }
        }

        // Spec §4.1 (Reserved Names): "__" is reserved for introspection.
        private void ValidateName(string name, SyntaxNode? node)
        {
            if (name.StartsWith("__", StringComparison.Ordinal))
                Report($"Name \"{name}\" must not begin with \"__\", which is reserved by GraphQL introspection.", node);
        }

        private void ValidateTypes()
        {
            var finiteValues = new FiniteValueChecker(this);
            foreach (var type in _schema.Types)
            {
                if (!Introspection.IntrospectionSchema.Types.Contains(type)) ValidateName(type.Name, type.AstNode);
                switch (type)
                {
                    case ObjectType o:
                        ValidateFields(o, o.Fields);
                        ValidateInterfaces(o, o.Interfaces);
                        break;
                    case InterfaceType i:
                        ValidateFields(i, i.Fields);
                        ValidateInterfaces(i, i.Interfaces);
                        break;
                    case UnionType u: ValidateUnionMembers(u); break;
                    case EnumType e: ValidateEnumValues(e); break;
                    case InputObjectType io:
                        ValidateInputFields(io);
                        finiteValues.Add(io);
                        break;
                }
            }
            finiteValues.Check();
        }

        private static IEnumerable<SyntaxNode?> AllNodes(NamedType type) => new SyntaxNode?[] { type.AstNode }.Concat(type.ExtensionAstNodes);

        // Spec §3.6 Objects / §3.7 Interfaces "Type Validation" 1–2: at least one field; unreserved
        // names; output field types; input argument types.
        private void ValidateFields(NamedType type, OrderedFields<FieldDefinition> fields)
        {
            if (fields.Count == 0) Report($"Type {type.Name} must define one or more fields.", AllNodes(type));
            foreach (var field in fields.List)
            {
                ValidateName(field.Name, field.AstNode);
                if (!Schema.IsOutputType(field.Type))
                    Report($"The type of {type.Name}.{field.Name} must be Output Type but got: {field.Type}.", field.AstNode?.Type);
                foreach (var arg in field.Arguments.List)
                {
                    ValidateName(arg.Name, arg.AstNode);
                    if (!Schema.IsInputType(arg.Type))
                        Report($"The type of {type.Name}.{field.Name}({arg.Name}:) must be Input Type but got: {arg.Type}.", arg.AstNode?.Type);
                    if (IsRequired(arg) && arg.DeprecationReason is not null)
                        Report($"Required argument {type.Name}.{field.Name}({arg.Name}:) cannot be deprecated.", DeprecatedDirectiveNode(arg.AstNode), arg.AstNode?.Type);
                    ValidateDefaultValue(SchemaCoordinate.ForArgument(type.Name, field.Name, arg.Name), arg);
                }
            }
        }

        // graphql-js 17 validates default values with the schema: a default literal must be a valid
        // value of its input type (before 17 an invalid one was silently dropped).
        private void ValidateDefaultValue(SchemaCoordinate coordinate, InputValueDefinition value)
        {
            if (value.DefaultValueLiteral is { } literal && !ValueConversion.TryValueFromAst(literal, value.Type, null, out _))
                Report($"{coordinate} has invalid default value: {Printer.Print(literal)}.", literal);
        }

        // Spec §3.6 "Type Validation" 4 / §3.7 "Type Validation" 3: each interface is implemented
        // once, never by itself, and together with the interfaces it implements.
        private void ValidateInterfaces(NamedType type, IReadOnlyList<InterfaceType> interfaces)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var iface in interfaces)
            {
                if (ReferenceEquals(type, iface))
                {
                    Report($"Type {type.Name} cannot implement itself because it would create a circular reference.", ImplementsNodes(type, iface));
                    continue;
                }
                if (!seen.Add(iface.Name))
                {
                    Report($"Type {type.Name} can only implement {iface.Name} once.", ImplementsNodes(type, iface));
                    continue;
                }
                ValidateImplementsAncestors(type, interfaces, iface);
                ValidateImplementsInterface(type, (IComplexOutputType)type, iface);
            }
        }

        // Spec §3.6.1 IsValidImplementation: every interface field present, with a covariant type,
        // the same arguments of equal types, and any extra arguments optional.
        private void ValidateImplementsInterface(NamedType type, IComplexOutputType complex, InterfaceType iface)
        {
            foreach (var ifaceField in iface.Fields.List)
            {
                var fieldName = ifaceField.Name;
                if (!complex.Fields.TryGetValue(fieldName, out var typeField))
                {
                    Report($"Interface field {iface.Name}.{fieldName} expected but {type.Name} does not provide it.",
                        new SyntaxNode?[] { ifaceField.AstNode }.Concat(AllNodes(type)));
                    continue;
                }
                if (!_schema.IsTypeSubTypeOf(typeField.Type, ifaceField.Type))
                    Report($"Interface field {iface.Name}.{fieldName} expects type {ifaceField.Type} but {type.Name}.{fieldName} is type {typeField.Type}.",
                        ifaceField.AstNode?.Type, typeField.AstNode?.Type);

                foreach (var ifaceArg in ifaceField.Arguments.List)
                {
                    var argName = ifaceArg.Name;
                    if (!typeField.Arguments.TryGetValue(argName, out var typeArg))
                    {
                        Report($"Interface field argument {iface.Name}.{fieldName}({argName}:) expected but {type.Name}.{fieldName} does not provide it.",
                            ifaceArg.AstNode, typeField.AstNode);
                        continue;
                    }
                    if (!Schema.IsEqualType(ifaceArg.Type, typeArg.Type))
                        Report($"Interface field argument {iface.Name}.{fieldName}({argName}:) expects type {ifaceArg.Type} but {type.Name}.{fieldName}({argName}:) is type {typeArg.Type}.",
                            ifaceArg.AstNode?.Type, typeArg.AstNode?.Type);
                }

                foreach (var typeArg in typeField.Arguments.List)
                {
                    if (!ifaceField.Arguments.ContainsKey(typeArg.Name) && IsRequired(typeArg))
                        Report($"Object field {type.Name}.{fieldName} includes required argument {typeArg.Name} that is missing from the Interface field {iface.Name}.{fieldName}.",
                            typeArg.AstNode, ifaceField.AstNode);
                }
            }
        }

        private void ValidateImplementsAncestors(NamedType type, IReadOnlyList<InterfaceType> typeInterfaces, InterfaceType iface)
        {
            foreach (var transitive in iface.Interfaces)
            {
                if (typeInterfaces.Contains(transitive)) continue;
                var message = ReferenceEquals(transitive, type)
                    ? $"Type {type.Name} cannot implement {iface.Name} because it would create a circular reference."
                    : $"Type {type.Name} must implement {transitive.Name} because it is implemented by {iface.Name}.";
                Report(message, ImplementsNodes(iface, transitive).Concat(ImplementsNodes(type, iface)));
            }
        }

        private static IEnumerable<SyntaxNode> ImplementsNodes(NamedType type, InterfaceType iface)
        {
            var nodes = type.AstNode is null ? type.ExtensionAstNodes : new[] { type.AstNode }.Concat(type.ExtensionAstNodes);
            return nodes.SelectMany(n => n switch
            {
                ObjectTypeDefinitionNode o => o.Interfaces,
                InterfaceTypeDefinitionNode i => i.Interfaces,
                _ => Array.Empty<NamedTypeNode>(),
            }).Where(n => n.Name.Value == iface.Name).ToList();
        }

        // Spec §3.8 Unions "Type Validation": one or more members, each an object type, each once.
        private void ValidateUnionMembers(UnionType union)
        {
            if (union.Types.Count == 0) Report($"Union type {union.Name} must define one or more member types.", AllNodes(union));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in union.Types)
            {
                if (!seen.Add(member.Name))
                    Report($"Union type {union.Name} can only include type {member.Name} once.", UnionMemberNodes(union, member.Name));
            }
        }

        private static IEnumerable<SyntaxNode> UnionMemberNodes(UnionType union, string typeName)
        {
            var nodes = union.AstNode is null ? union.ExtensionAstNodes : new[] { union.AstNode }.Concat(union.ExtensionAstNodes);
            return nodes.OfType<UnionTypeDefinitionNode>().SelectMany(n => n.Types).Where(n => n.Name.Value == typeName).ToList();
        }

        // Spec §3.9 Enums "Type Validation": one or more values, none with a reserved name.
        private void ValidateEnumValues(EnumType type)
        {
            if (type.Values.Count == 0) Report($"Enum type {type.Name} must define one or more values.", AllNodes(type));
            foreach (var value in type.Values.List) ValidateName(value.Name, value.AstNode);
        }

        // Spec §3.10 Input Objects "Type Validation": one or more fields, input types, required fields
        // not deprecated, and for @oneOf (§3.10.1) nullable fields without defaults.
        private void ValidateInputFields(InputObjectType type)
        {
            if (type.Fields.Count == 0) Report($"Input Object type {type.Name} must define one or more fields.", AllNodes(type));
            foreach (var field in type.Fields.List)
            {
                ValidateName(field.Name, field.AstNode);
                if (!Schema.IsInputType(field.Type))
                    Report($"The type of {type.Name}.{field.Name} must be Input Type but got: {field.Type}.", field.AstNode?.Type);
                if (IsRequired(field) && field.DeprecationReason is not null)
                    Report($"Required input field {type.Name}.{field.Name} cannot be deprecated.", DeprecatedDirectiveNode(field.AstNode), field.AstNode?.Type);
                ValidateDefaultValue(SchemaCoordinate.ForMember(type.Name, field.Name), field);
                if (type.IsOneOf)
                {
                    if (field.Type is NonNullType)
                        Report($"OneOf input field {type.Name}.{field.Name} must be nullable.", field.AstNode?.Type);
                    if (field.HasDefaultValue || field.DefaultValueLiteral is not null)
                        Report($"OneOf input field {type.Name}.{field.Name} cannot have a default value.", field.AstNode);
                }
            }
        }

        private static bool IsRequired(InputValueDefinition value) =>
            value.Type is NonNullType && !value.HasDefaultValue && value.DefaultValueLiteral is null;

        private static DirectiveNode? DeprecatedDirectiveNode(InputValueDefinitionNode? node) =>
            node?.Directives.FirstOrDefault(d => d.Name.Value == SpecifiedDirectives.Deprecated.Name);

        // Spec §3.10 "Type Validation" 3, as graphql-js 17 checks it: every input object must admit a
        // finite value. One does when it has no non-null input-object field (a @oneOf one: when some
        // field is not an input object), or when all those fields' types (for @oneOf, any one) admit
        // one. The types left over after propagating that to a fixed point are reported, one error
        // per cycle found by a depth-first walk over their unresolved fields.
        private sealed class FiniteValueChecker(Context context)
        {
            private sealed class State(InputObjectType type)
            {
                public InputObjectType Type { get; } = type;
                public List<(InputValueDefinition Field, InputObjectType Target)> Targets { get; } = new();
                public List<State> Dependents { get; } = new();
                public int Unresolved;
                public bool Finite;
            }

            private readonly Dictionary<InputObjectType, State> _states = new();

            public void Add(InputObjectType type) => _states.TryAdd(type, new State(type));

            public void Check()
            {
                var finite = new Stack<State>();
                void MarkFinite(State s) { if (!s.Finite) { s.Finite = true; finite.Push(s); } }

                foreach (var state in _states.Values)
                {
                    var fields = state.Type.Fields.List;
                    foreach (var field in fields)
                    {
                        if (Target(state.Type, field.Type) is not { } target) continue;
                        state.Targets.Add((field, target));
                        if (_states.TryGetValue(target, out var targetState)) targetState.Dependents.Add(state);
                    }
                    if (state.Type.IsOneOf)
                    {
                        if (fields.Count == 0 || state.Targets.Count < fields.Count) MarkFinite(state);
                    }
                    else
                    {
                        state.Unresolved = state.Targets.Count;
                        if (state.Targets.Count == 0) MarkFinite(state);
                    }
                }
                while (finite.TryPop(out var done))
                {
                    foreach (var dependent in done.Dependents)
                    {
                        if (dependent.Finite) continue;
                        if (dependent.Type.IsOneOf || --dependent.Unresolved == 0) MarkFinite(dependent);
                    }
                }

                var visited = new HashSet<InputObjectType>();
                var path = new List<(InputObjectType Owner, InputValueDefinition Field)>();
                var pathIndex = new Dictionary<InputObjectType, int>();
                foreach (var state in _states.Values)
                    if (!state.Finite) ReportCycles(state, visited, path, pathIndex);
            }

            private void ReportCycles(State state, HashSet<InputObjectType> visited,
                List<(InputObjectType Owner, InputValueDefinition Field)> path, Dictionary<InputObjectType, int> pathIndex)
            {
                if (!visited.Add(state.Type)) return;
                pathIndex[state.Type] = path.Count;
                foreach (var (field, target) in state.Targets)
                {
                    if (!_states.TryGetValue(target, out var targetState) || targetState.Finite) continue;
                    path.Add((state.Type, field));
                    if (!pathIndex.TryGetValue(target, out var cycleStart))
                        ReportCycles(targetState, visited, path, pathIndex);
                    else
                    {
                        var cycle = path.Skip(cycleStart).ToList();
                        context.Report($"Input Object {target.Name} cannot be provided a finite value because it references itself through fields: "
                                       + string.Join(", ", cycle.Select(p => SchemaCoordinate.Field(p.Owner.Name, p.Field.Name))) + ".",
                            cycle.Select(p => (SyntaxNode?)p.Field.AstNode));
                    }
                    path.RemoveAt(path.Count - 1);
                }
                pathIndex.Remove(state.Type);
            }

            // The input object a field needs a finite value of: a non-null one's; for @oneOf, any one's.
            private static InputObjectType? Target(InputObjectType owner, IGraphQLType fieldType) => owner.IsOneOf
                ? fieldType as InputObjectType
                : fieldType is NonNullType { OfType: InputObjectType inner } ? inner : null;
        }
    }
}
