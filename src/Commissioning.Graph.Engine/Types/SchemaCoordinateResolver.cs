using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Validation;

namespace Commissioning.Graph.Engine.Types;

/// <summary>What a schema coordinate names (graphql-js 17's <c>ResolvedSchemaElement</c> kinds).</summary>
public enum SchemaElementKind { NamedType, Field, InputField, EnumValue, FieldArgument, Directive, DirectiveArgument }

/// <summary>
/// The schema element a coordinate names. <see cref="Type"/> is set for the type-based kinds,
/// <see cref="Directive"/> for the directive ones; <see cref="Field"/>, <see cref="InputField"/>,
/// <see cref="EnumValue"/> and <see cref="Argument"/> as the kind says.
/// </summary>
public sealed record SchemaElement(SchemaElementKind Kind)
{
    public NamedType? Type { get; init; }
    public FieldDefinition? Field { get; init; }
    public InputValueDefinition? InputField { get; init; }
    public EnumValueDefinition? EnumValue { get; init; }
    /// <summary>The field's argument (<see cref="SchemaElementKind.FieldArgument"/>) or the directive's (<see cref="SchemaElementKind.DirectiveArgument"/>).</summary>
    public InputValueDefinition? Argument { get; init; }
    public DirectiveDefinition? Directive { get; init; }
}

/// <summary>
/// Resolves a schema coordinate against a schema as graphql-js 17's <c>resolveSchemaCoordinate</c> does
/// (September 2025 edition, "Schema Coordinates"): null when the last part names nothing (an unknown
/// type, member, argument or directive), and <see cref="SchemaCoordinateException"/> when a part before
/// the last is missing or of the wrong kind (e.g. <c>Nope.f</c>, <c>Scalar.x</c>, <c>Enum.V(a:)</c>).
/// Meta-fields resolve as in a query: <c>__typename</c> on any object or interface, <c>__schema</c> and
/// <c>__type</c> on the query type.
/// </summary>
public static class SchemaCoordinateResolver
{
    /// <summary>Parses (<see cref="SchemaCoordinate.Parse"/>, which may throw a syntax error) and resolves.</summary>
    public static SchemaElement? Resolve(Schema schema, string coordinate) => Resolve(schema, SchemaCoordinate.Parse(coordinate));

    public static SchemaElement? Resolve(Schema schema, SchemaCoordinate coordinate)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(coordinate);
        return coordinate.Kind switch
        {
            SchemaCoordinateKind.Type => schema.GetType(coordinate.Name) is { } type ? new SchemaElement(SchemaElementKind.NamedType) { Type = type } : null,
            SchemaCoordinateKind.Member => ResolveMember(schema, coordinate),
            SchemaCoordinateKind.Argument => ResolveArgument(schema, coordinate),
            SchemaCoordinateKind.Directive => schema.GetDirective(coordinate.Name) is { } d ? new SchemaElement(SchemaElementKind.Directive) { Directive = d } : null,
            _ => ResolveDirectiveArgument(schema, coordinate),
        };
    }

    private static SchemaElement? ResolveMember(Schema schema, SchemaCoordinate coordinate)
    {
        var type = schema.GetType(coordinate.Name)
            ?? throw new SchemaCoordinateException($"Expected \"{coordinate.Name}\" to be defined as a type in the schema.");
        var member = coordinate.MemberName!;
        switch (type)
        {
            case EnumType e:
                return e.Values.TryGetValue(member, out var value) ? new SchemaElement(SchemaElementKind.EnumValue) { Type = e, EnumValue = value } : null;
            case InputObjectType io:
                return io.Fields.TryGetValue(member, out var inputField) ? new SchemaElement(SchemaElementKind.InputField) { Type = io, InputField = inputField } : null;
            case ObjectType or InterfaceType:
                var field = TypeInfo.GetFieldDef(schema, (ICompositeType)type, member);
                return field is null ? null : new SchemaElement(SchemaElementKind.Field) { Type = type, Field = field };
            default:
                throw new SchemaCoordinateException($"Expected \"{coordinate.Name}\" to be an Enum, Input Object, Object or Interface type.");
        }
    }

    private static SchemaElement? ResolveArgument(Schema schema, SchemaCoordinate coordinate)
    {
        var type = schema.GetType(coordinate.Name)
            ?? throw new SchemaCoordinateException($"Expected \"{coordinate.Name}\" to be defined as a type in the schema.");
        if (type is not (ObjectType or InterfaceType))
            throw new SchemaCoordinateException($"Expected \"{coordinate.Name}\" to be an object type or interface type.");
        var field = TypeInfo.GetFieldDef(schema, (ICompositeType)type, coordinate.MemberName!)
            ?? throw new SchemaCoordinateException($"Expected \"{coordinate.MemberName}\" to exist as a field of type \"{coordinate.Name}\" in the schema.");
        return field.Arguments.TryGetValue(coordinate.ArgumentName!, out var argument)
            ? new SchemaElement(SchemaElementKind.FieldArgument) { Type = type, Field = field, Argument = argument }
            : null;
    }

    private static SchemaElement? ResolveDirectiveArgument(Schema schema, SchemaCoordinate coordinate)
    {
        var directive = schema.GetDirective(coordinate.Name)
            ?? throw new SchemaCoordinateException($"Expected \"{coordinate.Name}\" to be defined as a directive in the schema.");
        return directive.Arguments.TryGetValue(coordinate.ArgumentName!, out var argument)
            ? new SchemaElement(SchemaElementKind.DirectiveArgument) { Directive = directive, Argument = argument }
            : null;
    }
}

/// <summary>A schema coordinate whose leading part names nothing, or something of the wrong kind.</summary>
public sealed class SchemaCoordinateException(string message) : Exception(message);
