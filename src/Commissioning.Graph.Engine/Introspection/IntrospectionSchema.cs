using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Introspection;

/// <summary>
/// The introspection types of spec §4.5 (<c>__Schema</c>, <c>__Type</c>, ...) and the meta-fields
/// <c>__schema</c>, <c>__type</c> and <c>__typename</c> (spec §4.5.1–4.5.2), shaped exactly as
/// graphql-js 17.1 exposes them (September 2025 edition): same fields in the same order, same
/// descriptions, same arguments (every <c>includeDeprecated</c> is <c>Boolean! = false</c>; directive
/// deprecation; <c>DIRECTIVE_DEFINITION</c> and <c>FRAGMENT_VARIABLE_DEFINITION</c> locations).
/// </summary>
/// <remarks>
/// Everything is built in the static constructor, in dependency order, because
/// <see cref="Schema"/>'s constructor reads <see cref="Types"/> and must never see a null.
/// Source values: <c>__Schema</c> ← <see cref="Schema"/>; <c>__Type</c> ← any <see cref="IGraphQLType"/>
/// (named, <see cref="ListType"/> or <see cref="NonNullType"/>); <c>__Field</c> ← <see cref="FieldDefinition"/>;
/// <c>__InputValue</c> ← <see cref="InputValueDefinition"/>; <c>__EnumValue</c> ← <see cref="EnumValueDefinition"/>;
/// <c>__Directive</c> ← <see cref="DirectiveDefinition"/>.
/// </remarks>
public static class IntrospectionSchema
{
    public static readonly ObjectType SchemaType;
    public static readonly ObjectType TypeType;
    public static readonly EnumType TypeKindType;
    public static readonly ObjectType FieldType;
    public static readonly ObjectType InputValueType;
    public static readonly ObjectType EnumValueType;
    public static readonly ObjectType DirectiveType;
    public static readonly EnumType DirectiveLocationType;

    /// <summary>The eight introspection types in the order graphql-js's type map adds them (it
    /// collects <c>__Schema</c> and everything reachable from it depth first).</summary>
    public static readonly IReadOnlyList<NamedType> Types;

    /// <summary><c>__schema: __Schema!</c>, available on the query root only (spec §4.5.2).</summary>
    public static readonly FieldDefinition SchemaMetaField;
    /// <summary><c>__type(name: String!): __Type</c>, available on the query root only (spec §4.5.2).</summary>
    public static readonly FieldDefinition TypeMetaField;
    /// <summary><c>__typename: String!</c>, available on every object, interface and union (spec §4.5.1).</summary>
    public static readonly FieldDefinition TypeNameMetaField;

    /// <summary>True for <c>__schema</c>, <c>__type</c> and <c>__typename</c>, which belong to no type.</summary>
    public static bool IsMetaField(FieldDefinition field) =>
        ReferenceEquals(field, SchemaMetaField) || ReferenceEquals(field, TypeMetaField) || ReferenceEquals(field, TypeNameMetaField);

    /// <summary>True for the names of the eight introspection types.</summary>
    public static bool IsIntrospectionType(string name) => name is "__Schema" or "__Type" or "__TypeKind" or "__Field"
        or "__InputValue" or "__EnumValue" or "__Directive" or "__DirectiveLocation";

    static IntrospectionSchema()
    {
        var str = BuiltInScalars.String;
        var boolean = BuiltInScalars.Boolean;
        IGraphQLType NN(IGraphQLType t) => new NonNullType(t);
        IGraphQLType ListOfNN(IGraphQLType t) => new ListType(new NonNullType(t));

        // Types are created first (empty), then given their fields, so that the cycles between
        // them (__Type.fields -> __Field.type -> __Type) need no lazy references.
        SchemaType = new ObjectType("__Schema")
        {
            Description = "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations.",
        };
        TypeType = new ObjectType("__Type")
        {
            Description = "The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum.\n\nDepending on the kind of a type, certain fields describe information about that type. Scalar types provide no information beyond a name, description and optional `specifiedByURL`, while Enum types provide their values. Object and Interface types provide the fields they describe. Abstract types, Union and Interface, provide the Object types possible at runtime. List and NonNull types compose other types.",
        };
        TypeKindType = new EnumType("__TypeKind") { Description = "An enum describing what kind of type a given `__Type` is." };
        FieldType = new ObjectType("__Field")
        {
            Description = "Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type.",
        };
        InputValueType = new ObjectType("__InputValue")
        {
            Description = "Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value.",
        };
        EnumValueType = new ObjectType("__EnumValue")
        {
            Description = "One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string.",
        };
        DirectiveType = new ObjectType("__Directive")
        {
            Description = "A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document.\n\nIn some cases, you need to provide options to alter GraphQL's execution behavior in ways field arguments will not suffice, such as conditionally including or skipping a field. Directives provide this by describing additional information to the executor.",
        };
        DirectiveLocationType = new EnumType("__DirectiveLocation")
        {
            Description = "A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies.",
        };

        // ---- __Schema (spec §4.5.3 "The __Schema Type") ----
        Add(SchemaType, "description", str, null, (s, a, schema) => ((Schema)s!).Description);
        Add(SchemaType, "types", NN(ListOfNN(TypeType)), "A list of all types supported by this server.", (s, a, schema) => ((Schema)s!).Types);
        Add(SchemaType, "queryType", NN(TypeType), "The type that query operations will be rooted at.", (s, a, schema) => ((Schema)s!).QueryType);
        Add(SchemaType, "mutationType", TypeType, "If this server supports mutation, the type that mutation operations will be rooted at.", (s, a, schema) => ((Schema)s!).MutationType);
        Add(SchemaType, "subscriptionType", TypeType, "If this server support subscription, the type that subscription operations will be rooted at.", (s, a, schema) => ((Schema)s!).SubscriptionType);
        var directives = Add(SchemaType, "directives", NN(ListOfNN(DirectiveType)), "A list of all directives supported by this server.",
            (s, a, schema) => FilterDeprecated(((Schema)s!).Directives, d => d.DeprecationReason, IncludeDeprecated(a)));
        directives.Arguments.Add(IncludeDeprecatedArgument());

        // ---- __Type (spec §4.5.4 "The __Type Type") ----
        Add(TypeType, "kind", NN(TypeKindType), null, (s, a, schema) => KindOf(((IGraphQLType)s!)));
        Add(TypeType, "name", str, null, (s, a, schema) => (s as NamedType)?.Name);
        Add(TypeType, "description", str, null, (s, a, schema) => (s as NamedType)?.Description);
        Add(TypeType, "specifiedByURL", str, null, (s, a, schema) => (s as ScalarType)?.SpecifiedByUrl);
        var fields = Add(TypeType, "fields", ListOfNN(FieldType), null, (s, a, schema) => s switch
        {
            ObjectType o => FilterDeprecated(o.Fields.List, f => f.DeprecationReason, IncludeDeprecated(a)),
            InterfaceType i => FilterDeprecated(i.Fields.List, f => f.DeprecationReason, IncludeDeprecated(a)),
            _ => null,
        });
        fields.Arguments.Add(IncludeDeprecatedArgument());
        Add(TypeType, "interfaces", ListOfNN(TypeType), null, (s, a, schema) => (s as IComplexOutputType)?.Interfaces);
        Add(TypeType, "possibleTypes", ListOfNN(TypeType), null, (s, a, schema) => s is IAbstractType abs ? schema.GetPossibleTypes(abs) : null);
        var enumValues = Add(TypeType, "enumValues", ListOfNN(EnumValueType), null, (s, a, schema) => s is EnumType e
            ? FilterDeprecated(e.Values.List, v => v.DeprecationReason, IncludeDeprecated(a))
            : null);
        enumValues.Arguments.Add(IncludeDeprecatedArgument());
        var inputFields = Add(TypeType, "inputFields", ListOfNN(InputValueType), null, (s, a, schema) => s is InputObjectType io
            ? FilterDeprecated(io.Fields.List, f => f.DeprecationReason, IncludeDeprecated(a))
            : null);
        inputFields.Arguments.Add(IncludeDeprecatedArgument());
        Add(TypeType, "ofType", TypeType, null, (s, a, schema) => s switch { ListType l => l.OfType, NonNullType n => n.OfType, _ => null });
        Add(TypeType, "isOneOf", boolean, null, (s, a, schema) => s is InputObjectType io ? Box(io.IsOneOf) : null);

        // ---- __TypeKind (spec §4.5.4.1); internal values are the names ----
        AddValue(TypeKindType, "SCALAR", "Indicates this type is a scalar.");
        AddValue(TypeKindType, "OBJECT", "Indicates this type is an object. `fields` and `interfaces` are valid fields.");
        AddValue(TypeKindType, "INTERFACE", "Indicates this type is an interface. `fields`, `interfaces`, and `possibleTypes` are valid fields.");
        AddValue(TypeKindType, "UNION", "Indicates this type is a union. `possibleTypes` is a valid field.");
        AddValue(TypeKindType, "ENUM", "Indicates this type is an enum. `enumValues` is a valid field.");
        AddValue(TypeKindType, "INPUT_OBJECT", "Indicates this type is an input object. `inputFields` is a valid field.");
        AddValue(TypeKindType, "LIST", "Indicates this type is a list. `ofType` is a valid field.");
        AddValue(TypeKindType, "NON_NULL", "Indicates this type is a non-null. `ofType` is a valid field.");

        // ---- __Field (spec §4.5.5 "The __Field Type") ----
        Add(FieldType, "name", NN(str), null, (s, a, schema) => ((FieldDefinition)s!).Name);
        Add(FieldType, "description", str, null, (s, a, schema) => ((FieldDefinition)s!).Description);
        var fieldArgs = Add(FieldType, "args", NN(ListOfNN(InputValueType)), null,
            (s, a, schema) => FilterDeprecated(((FieldDefinition)s!).Arguments.List, a => a.DeprecationReason, IncludeDeprecated(a)));
        fieldArgs.Arguments.Add(IncludeDeprecatedArgument());
        Add(FieldType, "type", NN(TypeType), null, (s, a, schema) => ((FieldDefinition)s!).Type);
        Add(FieldType, "isDeprecated", NN(boolean), null, (s, a, schema) => Box(((FieldDefinition)s!).DeprecationReason is not null));
        Add(FieldType, "deprecationReason", str, null, (s, a, schema) => ((FieldDefinition)s!).DeprecationReason);

        // ---- __InputValue (spec §4.5.6 "The __InputValue Type") ----
        Add(InputValueType, "name", NN(str), null, (s, a, schema) => ((InputValueDefinition)s!).Name);
        Add(InputValueType, "description", str, null, (s, a, schema) => ((InputValueDefinition)s!).Description);
        Add(InputValueType, "type", NN(TypeType), null, (s, a, schema) => ((InputValueDefinition)s!).Type);
        Add(InputValueType, "defaultValue", str, "A GraphQL-formatted string representing the default value for this input value.",
            (s, a, schema) => PrintDefaultValue(((InputValueDefinition)s!)));
        Add(InputValueType, "isDeprecated", NN(boolean), null, (s, a, schema) => Box(((InputValueDefinition)s!).DeprecationReason is not null));
        Add(InputValueType, "deprecationReason", str, null, (s, a, schema) => ((InputValueDefinition)s!).DeprecationReason);

        // ---- __EnumValue (spec §4.5.7 "The __EnumValue Type") ----
        Add(EnumValueType, "name", NN(str), null, (s, a, schema) => ((EnumValueDefinition)s!).Name);
        Add(EnumValueType, "description", str, null, (s, a, schema) => ((EnumValueDefinition)s!).Description);
        Add(EnumValueType, "isDeprecated", NN(boolean), null, (s, a, schema) => Box(((EnumValueDefinition)s!).DeprecationReason is not null));
        Add(EnumValueType, "deprecationReason", str, null, (s, a, schema) => ((EnumValueDefinition)s!).DeprecationReason);

        // ---- __Directive (spec §4.5.8 "The __Directive Type") ----
        Add(DirectiveType, "name", NN(str), null, (s, a, schema) => ((DirectiveDefinition)s!).Name);
        Add(DirectiveType, "description", str, null, (s, a, schema) => ((DirectiveDefinition)s!).Description);
        Add(DirectiveType, "isRepeatable", NN(boolean), null, (s, a, schema) => Box(((DirectiveDefinition)s!).IsRepeatable));
        Add(DirectiveType, "locations", NN(ListOfNN(DirectiveLocationType)), null, (s, a, schema) => ((DirectiveDefinition)s!).Locations);
        var directiveArgs = Add(DirectiveType, "args", NN(ListOfNN(InputValueType)), null,
            (s, a, schema) => FilterDeprecated(((DirectiveDefinition)s!).Arguments.List, a => a.DeprecationReason, IncludeDeprecated(a)));
        directiveArgs.Arguments.Add(IncludeDeprecatedArgument());
        Add(DirectiveType, "isDeprecated", NN(boolean), null, (s, a, schema) => Box(((DirectiveDefinition)s!).DeprecationReason is not null));
        Add(DirectiveType, "deprecationReason", str, null, (s, a, schema) => ((DirectiveDefinition)s!).DeprecationReason);

        // ---- __DirectiveLocation (spec §4.5.8.1); internal values are the DirectiveLocation members ----
        AddLocation(DirectiveLocation.QUERY, "Location adjacent to a query operation.");
        AddLocation(DirectiveLocation.MUTATION, "Location adjacent to a mutation operation.");
        AddLocation(DirectiveLocation.SUBSCRIPTION, "Location adjacent to a subscription operation.");
        AddLocation(DirectiveLocation.FIELD, "Location adjacent to a field.");
        AddLocation(DirectiveLocation.FRAGMENT_DEFINITION, "Location adjacent to a fragment definition.");
        AddLocation(DirectiveLocation.FRAGMENT_SPREAD, "Location adjacent to a fragment spread.");
        AddLocation(DirectiveLocation.INLINE_FRAGMENT, "Location adjacent to an inline fragment.");
        AddLocation(DirectiveLocation.VARIABLE_DEFINITION, "Location adjacent to an operation variable definition.");
        AddLocation(DirectiveLocation.FRAGMENT_VARIABLE_DEFINITION, "Location adjacent to a fragment variable definition.");
        AddLocation(DirectiveLocation.SCHEMA, "Location adjacent to a schema definition.");
        AddLocation(DirectiveLocation.SCALAR, "Location adjacent to a scalar definition.");
        AddLocation(DirectiveLocation.OBJECT, "Location adjacent to an object type definition.");
        AddLocation(DirectiveLocation.FIELD_DEFINITION, "Location adjacent to a field definition.");
        AddLocation(DirectiveLocation.ARGUMENT_DEFINITION, "Location adjacent to an argument definition.");
        AddLocation(DirectiveLocation.INTERFACE, "Location adjacent to an interface definition.");
        AddLocation(DirectiveLocation.UNION, "Location adjacent to a union definition.");
        AddLocation(DirectiveLocation.ENUM, "Location adjacent to an enum definition.");
        AddLocation(DirectiveLocation.ENUM_VALUE, "Location adjacent to an enum value definition.");
        AddLocation(DirectiveLocation.INPUT_OBJECT, "Location adjacent to an input object type definition.");
        AddLocation(DirectiveLocation.INPUT_FIELD_DEFINITION, "Location adjacent to an input object field definition.");
        AddLocation(DirectiveLocation.DIRECTIVE_DEFINITION, "Location adjacent to a directive definition.");

        // Depth-first from __Schema: __Schema.types -> __Type -> kind (__TypeKind), fields (__Field ->
        // args (__InputValue)), enumValues (__EnumValue); then __Schema.directives -> __Directive ->
        // locations (__DirectiveLocation).
        Types = new NamedType[] { SchemaType, TypeType, TypeKindType, FieldType, InputValueType, EnumValueType, DirectiveType, DirectiveLocationType };

        // ---- Meta-fields (spec §4.5.1, §4.5.2) ----
        SchemaMetaField = new FieldDefinition("__schema", NN(SchemaType))
        {
            Description = "Access the current type schema of this server.",
            Resolver = static c => new ValueTask<object?>(c.Schema),
        };
        SchemaMetaField.SourceResolver = static (_, _, schema) => schema;
        TypeMetaField = new FieldDefinition("__type", TypeType)
        {
            Description = "Request the type information of a single type.",
            Resolver = static c => new ValueTask<object?>(
                c.Arguments.TryGetValue("name", out var n) && n is string name ? c.Schema.GetType(name) : null),
        };
        TypeMetaField.SourceResolver = static (_, arguments, schema) =>
            arguments.TryGetValue("name", out var n) && n is string name ? schema.GetType(name) : null;
        TypeMetaField.Arguments.Add(new InputValueDefinition("name", NN(str)));
        TypeNameMetaField = new FieldDefinition("__typename", NN(str))
        {
            Description = "The name of the current Object type at runtime.",
            Resolver = static c => new ValueTask<object?>(c.ParentType.Name),
        };
    }

    /// <summary>The <c>__TypeKind</c> name of a type (spec §4.5.4.1).</summary>
    public static string KindOf(IGraphQLType type) => type switch
    {
        ScalarType => "SCALAR",
        ObjectType => "OBJECT",
        InterfaceType => "INTERFACE",
        UnionType => "UNION",
        EnumType => "ENUM",
        InputObjectType => "INPUT_OBJECT",
        ListType => "LIST",
        NonNullType => "NON_NULL",
        _ => throw new InvalidOperationException($"Unexpected type: \"{type}\"."),
    };

    /// <summary>
    /// <c>__InputValue.defaultValue</c>: as graphql-js 17 prints it, the default literal as the schema
    /// wrote it (so <c>1.50</c> stays <c>1.50</c> and omitted input fields stay omitted), or, for a
    /// default given as a value, that value converted to a literal of the input value's type; printed
    /// with 17's layout (<c>{ a: 1 }</c>). Null when there is no default or it cannot be represented.
    /// </summary>
    public static string? PrintDefaultValue(InputValueDefinition inputValue)
    {
        if (!inputValue.HasDefaultValue) return null;
        var literal = inputValue.DefaultValueLiteral ?? ValueConversion.AstFromValue(inputValue.DefaultValue, inputValue.Type);
        return literal is null ? null : Printer.Print(literal);
    }

    private static readonly object True = true, False = false;

    // Booleans are returned boxed once, not once per field execution.
    private static object Box(bool value) => value ? True : False;

    private static bool IncludeDeprecated(IReadOnlyDictionary<string, object?> arguments) =>
        arguments.TryGetValue("includeDeprecated", out var v) && v is true;

    // The definitions' own list when nothing is left out (the usual case): no copy per execution.
    private static IReadOnlyList<T> FilterDeprecated<T>(IReadOnlyList<T> items, Func<T, string?> reason, bool includeDeprecated)
    {
        if (includeDeprecated) return items;
        for (var i = 0; i < items.Count; i++)
            if (reason(items[i]) is not null) return items.Where(x => reason(x) is null).ToList();
        return items;
    }

    // graphql-js 17: includeDeprecated: Boolean! = false on every field that has it.
    private static InputValueDefinition IncludeDeprecatedArgument() => new("includeDeprecated", new NonNullType(BuiltInScalars.Boolean))
    {
        HasDefaultValue = true,
        DefaultValue = false,
        DefaultValueLiteral = new BooleanValueNode(false),
    };

    // Each field resolves from its source, arguments and schema alone (SourceResolver), so the executor
    // runs it without a resolve context; Resolver does the same for callers that have a context.
    private static FieldDefinition Add(ObjectType owner, string name, IGraphQLType type, string? description, SourceResolver resolve)
    {
        var field = new FieldDefinition(name, type)
        {
            Description = description,
            Resolver = c => new ValueTask<object?>(resolve(c.Source, c.Arguments, c.Schema)),
        };
        field.SourceResolver = resolve; // after Resolver, whose setter clears it
        owner.Fields.Add(field);
        return field;
    }

    private static void AddValue(EnumType owner, string name, string description) =>
        owner.Values.Add(new EnumValueDefinition(name) { Description = description });

    private static void AddLocation(DirectiveLocation location, string description) =>
        DirectiveLocationType.Values.Add(new EnumValueDefinition(location.ToString(), location) { Description = description });
}
