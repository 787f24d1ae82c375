using System.Globalization;
using System.Text;
using System.Text.Json;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>Argument coercion (spec §6.4.1 CoerceArgumentValues, graphql-js getArgumentValues).
/// Failures throw <see cref="GraphQLException"/> located at the offending node; the executor turns
/// them into field errors.</summary>
public static class ArgumentCoercion
{
    public static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();

    /// <summary>Coerced values of the arguments <paramref name="definitions"/> declares, given the
    /// arguments written on <paramref name="node"/> (a field or a directive).</summary>
    public static IReadOnlyDictionary<string, object?> GetArgumentValues(IReadOnlyList<InputValueDefinition> definitions,
        IReadOnlyList<ArgumentNode> argumentNodes, SyntaxNode node, IReadOnlyDictionary<string, object?>? variables)
    {
        if (definitions.Count == 0) return NoArguments;
        var coerced = new Dictionary<string, object?>(definitions.Count, StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var name = definition.Name;
            var type = definition.Type;
            ArgumentNode? argumentNode = null;
            foreach (var a in argumentNodes)
                if (a.Name.Value == name) { argumentNode = a; break; }
            if (argumentNode is null)
            {
                if (definition.HasDefaultValue) coerced[name] = definition.DefaultValue;
                else if (type is NonNullType)
                    throw Error($"Argument \"{name}\" of required type \"{type}\" was not provided.", node);
                continue;
            }
            var valueNode = argumentNode.Value;
            var isNull = valueNode is NullValueNode;
            if (valueNode is VariableNode variable)
            {
                var variableName = variable.Name.Value;
                if (variables is null || !variables.TryGetValue(variableName, out var variableValue))
                {
                    if (definition.HasDefaultValue) coerced[name] = definition.DefaultValue;
                    else if (type is NonNullType)
                        throw Error($"Argument \"{name}\" of required type \"{type}\" was provided the variable \"${variableName}\" which was not provided a runtime value.", valueNode);
                    continue;
                }
                isNull = variableValue is null;
            }
            if (isNull && type is NonNullType)
                throw Error($"Argument \"{name}\" of non-null type \"{type}\" must not be null.", valueNode);
            if (!ValueConversion.TryValueFromAst(valueNode, type, variables, out var value))
                throw Error($"Argument \"{name}\" has invalid value {PrintValue(valueNode)}.", valueNode);
            coerced[name] = value;
        }
        return coerced;
    }

    /// <summary>True when any argument value mentions a variable (then coercion depends on the request).</summary>
    public static bool UsesVariables(IReadOnlyList<ArgumentNode> arguments)
    {
        foreach (var a in arguments)
            if (UsesVariables(a.Value)) return true;
        return false;
    }

    private static bool UsesVariables(ValueNode value)
    {
        switch (value)
        {
            case VariableNode: return true;
            case ListValueNode list:
                foreach (var v in list.Values) if (UsesVariables(v)) return true;
                return false;
            case ObjectValueNode obj:
                foreach (var f in obj.Fields) if (UsesVariables(f.Value)) return true;
                return false;
            default: return false;
        }
    }

    private static GraphQLException Error(string message, SyntaxNode node) => new(new GraphQLError(message, new[] { node }));

    /// <summary>A value literal as GraphQL source (for messages).</summary>
    internal static string PrintValue(ValueNode node)
    {
        var sb = new StringBuilder();
        Print(sb, node);
        return sb.ToString();
    }

    private static void Print(StringBuilder sb, ValueNode node)
    {
        switch (node)
        {
            case VariableNode v: sb.Append('$').Append(v.Name.Value); break;
            case IntValueNode i: sb.Append(i.Value); break;
            case FloatValueNode f: sb.Append(f.Value); break;
            case StringValueNode s: sb.Append(JsonSerializer.Serialize(s.Value)); break;
            case BooleanValueNode b: sb.Append(b.Value ? "true" : "false"); break;
            case NullValueNode: sb.Append("null"); break;
            case EnumValueNode e: sb.Append(e.Value); break;
            case ListValueNode l:
                sb.Append('[');
                for (var k = 0; k < l.Values.Count; k++) { if (k > 0) sb.Append(", "); Print(sb, l.Values[k]); }
                sb.Append(']');
                break;
            case ObjectValueNode o:
                sb.Append('{');
                for (var k = 0; k < o.Fields.Count; k++)
                {
                    if (k > 0) sb.Append(", ");
                    sb.Append(o.Fields[k].Name.Value).Append(": ");
                    Print(sb, o.Fields[k].Value);
                }
                sb.Append('}');
                break;
        }
    }
}
