using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Introspection;

/// <summary>The introspection types of spec §4.5 (__Schema, __Type, ...) and the meta-fields
/// __schema, __type and __typename (spec §4.5.1–4.5.2).</summary>
public static class IntrospectionSchema
{
    // HELPER(introspection): build __Schema, __Type, __Field, __InputValue, __EnumValue, __Directive,
    // __TypeKind, __DirectiveLocation with resolvers, in graphql-js's order, and give the
    // meta-fields their types and resolvers.
    public static readonly IReadOnlyList<NamedType> Types = Array.Empty<NamedType>();

    /// <summary><c>__schema: __Schema!</c>, available on the query root only.</summary>
    public static readonly FieldDefinition SchemaMetaField = new("__schema", BuiltInScalars.String);
    /// <summary><c>__type(name: String!): __Type</c>, available on the query root only.</summary>
    public static readonly FieldDefinition TypeMetaField = new("__type", BuiltInScalars.String);
    /// <summary><c>__typename: String!</c>, available on every object, interface and union.</summary>
    public static readonly FieldDefinition TypeNameMetaField = new("__typename", new NonNullType(BuiltInScalars.String));
}
