using System.Collections;
using System.Text;
using System.Text.Json;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Engine.Validation;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>Input coercion of variables (spec §6.1.2 CoerceVariableValues) and of runtime input values
/// (spec §3.10 "Input Coercion", graphql-js coerceInputValue).</summary>
public static class VariableCoercion
{
    /// <summary>Most variable errors reported before coercion gives up (graphql-js uses 50).</summary>
    public const int MaxVariableErrors = 50;

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    /// <summary>Coerces the raw variable values of a request against the operation's variable definitions.
    /// Errors are appended to <paramref name="errors"/> (each located at its variable definition); the
    /// returned values are meaningful only when none were added.</summary>
    public static IReadOnlyDictionary<string, object?> CoerceVariableValues(Schema schema,
        IReadOnlyList<VariableDefinitionNode> definitions, IReadOnlyDictionary<string, object?>? inputs, List<GraphQLError> errors)
    {
        if (definitions.Count == 0) return Empty;
        var coerced = new Dictionary<string, object?>(definitions.Count, StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var name = definition.Variable.Name.Value;
            var type = schema.TypeFromAst(definition.Type);
            if (type is null || !Schema.IsInputType(type))
            {
                if (!Report(errors, new GraphQLError($"Variable \"${name}\" expected value of type \"{PrintType(definition.Type)}\" which cannot be used as an input type.", new SyntaxNode[] { definition.Type }))) break;
                continue;
            }
            object? value = null;
            if (inputs is null || !inputs.TryGetValue(name, out value))
            {
                if (definition.DefaultValue is not null)
                {
                    if (ValueConversion.TryValueFromAst(definition.DefaultValue, type, null, out var defaultValue))
                        coerced[name] = defaultValue;
                }
                else if (type is NonNullType)
                {
                    if (!Report(errors, new GraphQLError($"Variable \"${name}\" of required type \"{type}\" was not provided.", new SyntaxNode[] { definition }))) break;
                }
                continue;
            }
            if (value is JsonElement json) value = JsonInput.ToValue(json);
            if (value is null && type is NonNullType)
            {
                if (!Report(errors, new GraphQLError($"Variable \"${name}\" of non-null type \"{type}\" must not be null.", new SyntaxNode[] { definition }))) break;
                continue;
            }
            var stop = false;
            coerced[name] = CoerceInputValue(value, type, (path, invalid, message) =>
            {
                if (stop) return;
                var prefix = $"Variable \"${name}\" got invalid value {JsValues.Inspect(invalid)}";
                if (path.Count > 0) prefix += $" at \"{name}{PrintPath(path)}\"";
                if (!Report(errors, new GraphQLError(prefix + "; " + message, new SyntaxNode[] { definition }))) stop = true;
            });
            if (stop) break;
        }
        return coerced;
    }

    // Adds an error; past the limit adds graphql-js's "too many errors" error instead and says to stop.
    private static bool Report(List<GraphQLError> errors, GraphQLError error)
    {
        if (errors.Count >= MaxVariableErrors)
        {
            errors.Add(new GraphQLError("Too many errors processing variables, error limit reached. Execution aborted."));
            return false;
        }
        errors.Add(error);
        return true;
    }

    /// <summary>Reports an invalid input: the path inside the value, the offending value and the reason.</summary>
    public delegate void InputErrorHandler(IReadOnlyList<object> path, object? invalidValue, string message);

    /// <summary>Coerces a runtime value (decoded JSON) to an input type, graphql-js coerceInputValue semantics:
    /// a single value where a list is expected becomes a list of one; input objects reject unknown fields
    /// and fill defaults; @oneOf needs exactly one non-null field; scalars use <see cref="ScalarType.ParseValue"/>;
    /// enums accept their names only.</summary>
    public static object? CoerceInputValue(object? value, IGraphQLType type, InputErrorHandler onError)
        => Coerce(value, type, onError, new List<object>());

    private static object? Coerce(object? value, IGraphQLType type, InputErrorHandler onError, List<object> path)
    {
        if (value is JsonElement json) value = JsonInput.ToValue(json);
        if (type is NonNullType nonNull)
        {
            if (value is not null) return Coerce(value, nonNull.OfType, onError, path);
            onError(path.ToArray(), value, $"Expected non-nullable type \"{type}\" not to be null.");
            return null;
        }
        if (value is null) return null;

        switch (type)
        {
            case ListType list:
            {
                if (IsIterable(value))
                {
                    var result = new List<object?>();
                    var index = 0;
                    foreach (var item in (IEnumerable)value)
                    {
                        path.Add(index);
                        result.Add(Coerce(item, list.OfType, onError, path));
                        path.RemoveAt(path.Count - 1);
                        index++;
                    }
                    return result;
                }
                // Lists accept a single value as a list of one (spec §3.11 "Input Coercion").
                return new List<object?> { Coerce(value, list.OfType, onError, path) };
            }
            case InputObjectType inputObject:
                return CoerceInputObject(value, inputObject, onError, path);
            case EnumType enumType:
                if (value is not string name)
                {
                    var text = JsValues.Inspect(value);
                    onError(path.ToArray(), value, $"Enum \"{enumType.Name}\" cannot represent non-string value: {text}." + DidYouMeanEnumValue(enumType, text));
                    return null;
                }
                if (enumType.Values.TryGetValue(name, out var enumValue)) return enumValue.Value;
                onError(path.ToArray(), value, $"Value \"{name}\" does not exist in \"{enumType.Name}\" enum." + DidYouMeanEnumValue(enumType, name));
                return null;
            case ScalarType scalar:
                try
                {
                    return scalar.ParseValue(value);
                }
                catch (CoercionException e)
                {
                    onError(path.ToArray(), value, e.Message);
                }
                catch (GraphQLException e)
                {
                    onError(path.ToArray(), value, e.Message);
                }
                catch (Exception e)
                {
                    onError(path.ToArray(), value, $"Expected type \"{scalar.Name}\". {e.Message}");
                }
                return null;
            default:
                onError(path.ToArray(), value, $"Unexpected input type \"{type}\".");
                return null;
        }
    }

    private static object? CoerceInputObject(object value, InputObjectType type, InputErrorHandler onError, List<object> path)
    {
        IReadOnlyDictionary<string, object?>? fields = value switch
        {
            IReadOnlyDictionary<string, object?> d => d,
            IDictionary<string, object?> d2 => new Dictionary<string, object?>(d2),
            _ => null,
        };
        if (fields is null)
        {
            onError(path.ToArray(), value, $"Expected type \"{type.Name}\" to be an object.");
            return null;
        }
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in type.Fields.List)
        {
            if (!fields.TryGetValue(field.Name, out var fieldValue))
            {
                if (field.HasDefaultValue) result[field.Name] = field.DefaultValue;
                else if (field.Type is NonNullType)
                    onError(path.ToArray(), value, $"Field \"{field.Name}\" of required type \"{field.Type}\" was not provided.");
                continue;
            }
            path.Add(field.Name);
            result[field.Name] = Coerce(fieldValue, field.Type, onError, path);
            path.RemoveAt(path.Count - 1);
        }
        foreach (var key in fields.Keys)
            if (!type.Fields.ContainsKey(key))
                onError(path.ToArray(), value, $"Field \"{key}\" is not defined by type \"{type.Name}\"."
                    + Suggestions.DidYouMean(Suggestions.SuggestionList(key, type.Fields.Keys)));
        if (type.IsOneOf)
        {
            if (result.Count != 1)
                onError(path.ToArray(), value, $"Exactly one key must be specified for OneOf type \"{type.Name}\".");
            foreach (var (key, v) in result)
            {
                if (v is null)
                {
                    var fieldPath = new List<object>(path) { key };
                    onError(fieldPath, null, $"Field \"{key}\" must be non-null.");
                }
                break;
            }
        }
        return result;
    }

    private static string DidYouMeanEnumValue(EnumType type, string unknown) =>
        Suggestions.DidYouMean("the enum value", Suggestions.SuggestionList(unknown, type.Values.Keys));

    /// <summary>JavaScript's notion of an iterable object for input values: lists, not strings or maps.</summary>
    internal static bool IsIterable(object value) =>
        value is IEnumerable and not string and not IDictionary and not IReadOnlyDictionary<string, object?> and not IDictionary<string, object?>;

    internal static string PrintPath(IReadOnlyList<object> path)
    {
        var sb = new StringBuilder();
        foreach (var p in path)
        {
            if (p is int i) sb.Append('[').Append(i).Append(']');
            else sb.Append('.').Append(p);
        }
        return sb.ToString();
    }

    internal static string PrintType(TypeNode node) => node switch
    {
        NamedTypeNode n => n.Name.Value,
        ListTypeNode l => "[" + PrintType(l.Type) + "]",
        NonNullTypeNode nn => PrintType(nn.Type) + "!",
        _ => "",
    };
}
