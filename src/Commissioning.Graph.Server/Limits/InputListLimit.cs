using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Server.Limits;

/// <summary>
/// Refuses a request whose list inputs are longer than <see cref="GraphQLServerOptions.MaxListInputLength"/>:
/// list literals anywhere in the document (arguments, directive arguments, variable defaults, nested
/// input objects) and lists anywhere in the variables. Checked before cost analysis and execution, so
/// no resolver, DataLoader or SQL statement ever sees an unbounded list from a client.
/// </summary>
public static class InputListLimit
{
    /// <summary>The refusal for the first list found longer than <paramref name="max"/>, or null. 0 = no limit.</summary>
    public static GraphQLError? Check(DocumentNode document, IReadOnlyDictionary<string, object?>? variables, int max)
    {
        if (max <= 0) return null;
        foreach (var definition in document.Definitions)
        {
            if (definition is not ExecutableDefinitionNode executable) continue;
            if (executable is OperationDefinitionNode operation)
                foreach (var v in operation.VariableDefinitions)
                    if (v.DefaultValue is { } d && Longest(d) is var n && n > max) return Refusal($"the default value of ${v.Variable.Name.Value}", n, max);
            if (CheckDirectives(executable.Directives, max) is { } e) return e;
            if (CheckSelections(executable.SelectionSet, max) is { } f) return f;
        }
        if (variables is not null)
            foreach (var (name, value) in variables)
                if (Longest(value) is var n && n > max) return Refusal($"variable ${name}", n, max);
        return null;
    }

    private static GraphQLError? CheckSelections(SelectionSetNode set, int max)
    {
        foreach (var selection in set.Selections)
        {
            if (CheckDirectives(selection.Directives, max) is { } e) return e;
            switch (selection)
            {
                case FieldNode field:
                    foreach (var arg in field.Arguments)
                        if (Longest(arg.Value) is var n && n > max) return Refusal($"argument \"{arg.Name.Value}\" of {field.Name.Value}", n, max);
                    if (field.SelectionSet is { } s && CheckSelections(s, max) is { } f) return f;
                    break;
                case InlineFragmentNode inline:
                    if (CheckSelections(inline.SelectionSet, max) is { } g) return g;
                    break;
            }
        }
        return null;
    }

    private static GraphQLError? CheckDirectives(IReadOnlyList<DirectiveNode> directives, int max)
    {
        foreach (var directive in directives)
            foreach (var arg in directive.Arguments)
                if (Longest(arg.Value) is var n && n > max) return Refusal($"argument \"{arg.Name.Value}\" of @{directive.Name.Value}", n, max);
        return null;
    }

    /// <summary>The length of the longest list in a literal, nested lists and input objects included.</summary>
    private static int Longest(ValueNode value) => value switch
    {
        ListValueNode list => Math.Max(list.Values.Count, list.Values.Count == 0 ? 0 : list.Values.Max(Longest)),
        ObjectValueNode obj => obj.Fields.Count == 0 ? 0 : obj.Fields.Max(f => Longest(f.Value)),
        _ => 0,
    };

    /// <summary>The same for a variable's value as JSON gave it.</summary>
    private static int Longest(object? value)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> obj:
                var m = 0;
                foreach (var v in obj.Values) m = Math.Max(m, Longest(v));
                return m;
            case IReadOnlyList<object?> list:
                var longest = list.Count;
                foreach (var item in list)
                    if (item is IReadOnlyList<object?> or IReadOnlyDictionary<string, object?>) longest = Math.Max(longest, Longest(item));
                return longest;
            default:
                return 0;
        }
    }

    private static GraphQLError Refusal(string where, int length, int max) =>
        new($"A list in {where} holds {length} values; at most {max} are accepted.")
        {
            Extensions = new Dictionary<string, object?>
            {
                ["code"] = ErrorCodes.BadUserInput,
                ["reason"] = $"List inputs are limited to {max} values (GraphQL:MaxListInputLength).",
            },
        };
}
