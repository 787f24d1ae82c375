using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>Conversions between AST values and internal values (graphql-js valueFromAST /
/// valueFromASTUntyped / astFromValue). Internal values: null, bool, int, double, string,
/// enum internal values, List&lt;object?&gt; and Dictionary&lt;string, object?&gt; (insertion-ordered).</summary>
public static partial class ValueConversion
{
    /// <summary>A literal to a plain value with no type to guide it (used by custom scalars):
    /// ints and floats become numbers, objects become dictionaries, variables are looked up.</summary>
    /// <remarks>Int literals become <c>int</c> when they fit, otherwise <c>long</c> (up to 2^53) or <c>double</c>,
    /// as JavaScript's parseInt would give them. A variable missing from <paramref name="variables"/> is null
    /// (in an object, its field is left out, as JSON.stringify drops undefined).</remarks>
    public static object? ValueFromAstUntyped(ValueNode node, IReadOnlyDictionary<string, object?>? variables)
    {
        switch (node)
        {
            case NullValueNode: return null;
            case IntValueNode i: return ParseJsInteger(i.Value);
            case FloatValueNode f: return double.Parse(f.Value, CultureInfo.InvariantCulture);
            case StringValueNode s: return s.Value;
            case EnumValueNode e: return e.Value;
            case BooleanValueNode b: return b.Value;
            case ListValueNode l:
            {
                var list = new List<object?>(l.Values.Count);
                foreach (var item in l.Values) list.Add(ValueFromAstUntyped(item, variables));
                return list;
            }
            case ObjectValueNode o:
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var field in o.Fields)
                {
                    if (field.Value is VariableNode fv && (variables is null || !variables.ContainsKey(fv.Name.Value)))
                        continue;
                    map[field.Name.Value] = ValueFromAstUntyped(field.Value, variables);
                }
                return map;
            }
            case VariableNode v:
                return variables is not null && variables.TryGetValue(v.Name.Value, out var value) ? value : null;
            default:
                throw new ArgumentException("Unexpected value node: " + node.GetType().Name);
        }
    }

    private static object ParseJsInteger(string text)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) && Math.Abs(l) <= (1L << 53)) return l;
        return double.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>Coerces a literal to the given input type (spec §6.4.1 / graphql-js valueFromAST).
    /// Returns false when the literal is invalid for the type (or uses a missing variable where that is not allowed).</summary>
    /// <remarks>
    /// As graphql-js 16: a variable's value is used as given (it was coerced when the variables were);
    /// inside a list, a missing variable becomes null (invalid if the item type is non-null); inside an
    /// input object, a missing variable counts as an absent field (default applied, or invalid if required).
    /// Fields of an object literal that the input type does not define are ignored here — validation
    /// (ValuesOfCorrectType) reports them. Scalars and enums go through their ParseLiteral; a throw means invalid.
    /// </remarks>
    public static bool TryValueFromAst(ValueNode? node, IGraphQLType type, IReadOnlyDictionary<string, object?>? variables, out object? value)
    {
        value = null;
        if (node is null) return false;

        if (node is VariableNode variable)
        {
            if (variables is null || !variables.TryGetValue(variable.Name.Value, out var variableValue)) return false;
            if (variableValue is null && type is NonNullType) return false;
            value = variableValue;
            return true;
        }

        if (type is NonNullType nonNull)
        {
            if (node is NullValueNode) return false;
            return TryValueFromAst(node, nonNull.OfType, variables, out value);
        }

        if (node is NullValueNode) return true; // value = null

        switch (type)
        {
            case ListType listType:
            {
                var itemType = listType.OfType;
                if (node is ListValueNode listNode)
                {
                    var items = new List<object?>(listNode.Values.Count);
                    foreach (var itemNode in listNode.Values)
                    {
                        if (IsMissingVariable(itemNode, variables))
                        {
                            if (itemType is NonNullType) return false;
                            items.Add(null);
                        }
                        else
                        {
                            if (!TryValueFromAst(itemNode, itemType, variables, out var item)) return false;
                            items.Add(item);
                        }
                    }
                    value = items;
                    return true;
                }
                // Input coercion of lists (spec §3.11): a single item is a list of one.
                if (!TryValueFromAst(node, itemType, variables, out var single)) return false;
                value = new List<object?> { single };
                return true;
            }
            case InputObjectType inputObject:
            {
                if (node is not ObjectValueNode objectNode) return false;
                var fieldNodes = new Dictionary<string, ObjectFieldNode>(StringComparer.Ordinal);
                foreach (var f in objectNode.Fields) fieldNodes[f.Name.Value] = f; // last one wins, as keyMap
                var coerced = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var field in inputObject.Fields.List)
                {
                    if (!fieldNodes.TryGetValue(field.Name, out var fieldNode) || IsMissingVariable(fieldNode.Value, variables))
                    {
                        if (field.HasDefaultValue) coerced[field.Name] = field.DefaultValue;
                        else if (field.Type is NonNullType) return false;
                        continue;
                    }
                    if (!TryValueFromAst(fieldNode.Value, field.Type, variables, out var fieldValue)) return false;
                    coerced[field.Name] = fieldValue;
                }
                // @oneOf (spec §3.10.1): exactly one field, and it is not null.
                if (inputObject.IsOneOf)
                {
                    if (coerced.Count != 1) return false;
                    if (coerced.Values.First() is null) return false;
                }
                value = coerced;
                return true;
            }
            case ScalarType scalar:
                try
                {
                    value = scalar.ParseLiteral(node, variables);
                    return true;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    value = null;
                    return false;
                }
            case EnumType enumType:
                try
                {
                    value = ParseEnumLiteral(enumType, node);
                    return true;
                }
                catch (CoercionException)
                {
                    value = null;
                    return false;
                }
            default:
                throw new ArgumentException("Unexpected input type: " + type);
        }
    }

    private static bool IsMissingVariable(ValueNode node, IReadOnlyDictionary<string, object?>? variables) =>
        node is VariableNode v && (variables is null || !variables.ContainsKey(v.Name.Value));

    /// <summary>An enum literal to the enum value's internal value (graphql-js GraphQLEnumType.parseLiteral):
    /// only an enum value node naming one of the type's values.</summary>
    public static object? ParseEnumLiteral(EnumType type, ValueNode node)
    {
        if (node is not EnumValueNode e)
            throw new CoercionException($"Enum \"{type.Name}\" cannot represent non-enum value: {AstValuePrinter.Print(node)}.");
        if (!type.Values.TryGetValue(e.Value, out var enumValue))
            throw new CoercionException($"Value \"{e.Value}\" does not exist in \"{type.Name}\" enum.");
        return enumValue.Value;
    }

    /// <summary>An internal value back to a literal of the given type (graphql-js astFromValue); null when it cannot be represented.</summary>
    /// <remarks>
    /// As graphql-js: null gives a NullValue (or null under a non-null type); a non-list value for a list
    /// type gives the item's literal; an input object takes the fields present in a dictionary; leaf values
    /// are serialized first (an enum value that does not belong to the type, or a custom scalar whose
    /// value is a list or object, throws, as graphql-js does).
    /// </remarks>
    public static ValueNode? AstFromValue(object? value, IGraphQLType type)
    {
        value = JsValues.Unwrap(value);
        if (type is NonNullType nonNull)
        {
            var inner = AstFromValue(value, nonNull.OfType);
            return inner is NullValueNode ? null : inner;
        }

        if (value is null) return new NullValueNode();

        switch (type)
        {
            case ListType listType:
                if (value is IEnumerable enumerable and not string and not IDictionary and not IReadOnlyDictionary<string, object?>)
                {
                    var nodes = new List<ValueNode>();
                    foreach (var item in enumerable)
                        if (AstFromValue(item, listType.OfType) is { } itemNode) nodes.Add(itemNode);
                    return new ListValueNode { Values = nodes };
                }
                return AstFromValue(value, listType.OfType);

            case InputObjectType inputObject:
            {
                if (value is string or bool || JsNumber.TryGetNumber(value, out _)) return null; // not object-like
                var fields = new List<ObjectFieldNode>();
                if (value is IReadOnlyDictionary<string, object?> map)
                {
                    foreach (var field in inputObject.Fields.List)
                    {
                        if (!map.TryGetValue(field.Name, out var fieldValue)) continue; // undefined
                        if (AstFromValue(fieldValue, field.Type) is { } fieldNode)
                            fields.Add(new ObjectFieldNode { Name = new NameNode(field.Name), Value = fieldNode });
                    }
                }
                return new ObjectValueNode { Fields = fields };
            }

            case ScalarType or EnumType:
            {
                object? serialized = type is EnumType enumType
                    ? (enumType.FindByInternalValue(value) ?? throw new CoercionException($"Enum \"{enumType.Name}\" cannot represent value: {JsValues.Inspect(value)}")).Name
                    : JsValues.Unwrap(((ScalarType)type).Serialize(value));
                if (serialized is null) return null;
                if (serialized is bool b) return new BooleanValueNode(b);
                if (JsNumber.TryGetNumber(serialized, out var num) && double.IsFinite(num))
                {
                    var text = JsNumber.ToString(num);
                    return IntegerString().IsMatch(text) ? new IntValueNode(text) : new FloatValueNode(text);
                }
                if (serialized is string s)
                {
                    if (type is EnumType) return new EnumValueNode(s);
                    if (ReferenceEquals(type, BuiltInScalars.ID) && IntegerString().IsMatch(s)) return new IntValueNode(s);
                    return new StringValueNode(s);
                }
                throw new InvalidOperationException($"Cannot convert value to AST: {JsValues.Inspect(serialized)}.");
            }
            default:
                throw new ArgumentException("Unexpected input type: " + type);
        }
    }

    [GeneratedRegex("^-?(?:0|[1-9][0-9]*)$")]
    private static partial Regex IntegerString();
}
