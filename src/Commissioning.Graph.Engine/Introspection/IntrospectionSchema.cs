using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Introspection;

/// <summary>The introspection types of spec §4.5 (__Schema, __Type, ...) and the meta-fields
/// __schema, __type and __typename.</summary>
public static class IntrospectionSchema
{
    // HELPER(types): build __Schema, __Type, __Field, __InputValue, __EnumValue, __Directive,
    // __TypeKind, __DirectiveLocation with resolvers, in graphql-js's order.
    public static readonly IReadOnlyList<NamedType> Types = Array.Empty<NamedType>();
}
