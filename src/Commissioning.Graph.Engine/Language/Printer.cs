using System.Text;

namespace Commissioning.Graph.Engine.Language;

/// <summary>
/// Prints any AST back to GraphQL source in graphql-js 17's layout: two-space indentation, one
/// selection or field per line, arguments on one line (fields whose argument line would exceed
/// 80 characters put one argument per line), block strings kept as block strings, object values
/// as <c>{ a: 1 }</c>, and list and object values that would exceed 80 characters one item per line.
/// </summary>
public static class Printer
{
    private const int MaxLineLength = 80;

    public static string Print(SyntaxNode node) => node switch
    {
        NameNode n => n.Value,
        DocumentNode n => Join(Map(n.Definitions), "\n\n"),
        OperationDefinitionNode n => PrintOperation(n),
        VariableDefinitionNode n => Wrap("", PrintOrNull(n.Description), "\n") + Print(n.Variable) + ": " + Print(n.Type) + Wrap(" = ", PrintOrNull(n.DefaultValue))
                                     + Wrap(" ", Join(Map(n.Directives), " ")),
        SelectionSetNode n => n.Selections.Count == 0 ? "{}" : Block(Map(n.Selections)),
        FieldNode n => PrintField(n),
        ArgumentNode n => Print(n.Name) + ": " + Print(n.Value),
        FragmentSpreadNode n => "..." + Print(n.Name) + Wrap(" ", Join(Map(n.Directives), " ")),
        InlineFragmentNode n => Join(new[]
        {
            "...", Wrap("on ", PrintOrNull(n.TypeCondition)), Join(Map(n.Directives), " "), Print(n.SelectionSet),
        }, " "),
        FragmentDefinitionNode n => Wrap("", PrintOrNull(n.Description), "\n") + "fragment " + Print(n.Name) + " on " + Print(n.TypeCondition) + " "
                                    + Wrap("", Join(Map(n.Directives), " "), " ") + Print(n.SelectionSet),

        // §2.9 Values
        VariableNode n => "$" + Print(n.Name),
        IntValueNode n => n.Value,
        FloatValueNode n => n.Value,
        StringValueNode n => n.Block ? PrintBlockString(n.Value) : PrintString(n.Value),
        BooleanValueNode n => n.Value ? "true" : "false",
        NullValueNode => "null",
        EnumValueNode n => n.Value,
        ListValueNode n => PrintList(Map(n.Values)),
        ObjectValueNode n => PrintObject(Map(n.Fields)),
        ObjectFieldNode n => Print(n.Name) + ": " + Print(n.Value),

        DirectiveNode n => "@" + Print(n.Name) + Wrap("(", Join(Map(n.Arguments), ", "), ")"),

        // §2.11 Types
        NamedTypeNode n => Print(n.Name),
        ListTypeNode n => "[" + Print(n.Type) + "]",
        NonNullTypeNode n => Print(n.Type) + "!",

        // §3 Type system
        SchemaDefinitionNode n => Wrap("", PrintOrNull(n.Description), "\n")
                                  + Join(new[] { "schema", Join(Map(n.Directives), " "), Block(Map(n.OperationTypes)) }, " "),
        SchemaExtensionNode n => Join(new[] { "extend schema", Join(Map(n.Directives), " "), Block(Map(n.OperationTypes)) }, " "),
        OperationTypeDefinitionNode n => OperationKeyword(n.Operation) + ": " + Print(n.Type),
        ScalarTypeDefinitionNode n => TypePrefix(n, "scalar") + Join(new[] { Print(n.Name), Join(Map(n.Directives), " ") }, " "),
        ObjectTypeDefinitionNode n => TypePrefix(n, "type") + Join(new[]
        {
            Print(n.Name), Wrap("implements ", Join(Map(n.Interfaces), " & ")), Join(Map(n.Directives), " "), Block(Map(n.Fields)),
        }, " "),
        InterfaceTypeDefinitionNode n => TypePrefix(n, "interface") + Join(new[]
        {
            Print(n.Name), Wrap("implements ", Join(Map(n.Interfaces), " & ")), Join(Map(n.Directives), " "), Block(Map(n.Fields)),
        }, " "),
        UnionTypeDefinitionNode n => TypePrefix(n, "union") + Join(new[]
        {
            Print(n.Name), Join(Map(n.Directives), " "), Wrap("= ", Join(Map(n.Types), " | ")),
        }, " "),
        EnumTypeDefinitionNode n => TypePrefix(n, "enum") + Join(new[] { Print(n.Name), Join(Map(n.Directives), " "), Block(Map(n.Values)) }, " "),
        InputObjectTypeDefinitionNode n => TypePrefix(n, "input") + Join(new[] { Print(n.Name), Join(Map(n.Directives), " "), Block(Map(n.Fields)) }, " "),
        FieldDefinitionNode n => Wrap("", PrintOrNull(n.Description), "\n") + Print(n.Name) + PrintArgumentDefinitions(n.Arguments)
                                 + ": " + Print(n.Type) + Wrap(" ", Join(Map(n.Directives), " ")),
        InputValueDefinitionNode n => Wrap("", PrintOrNull(n.Description), "\n") + Join(new[]
        {
            Print(n.Name) + ": " + Print(n.Type), Wrap("= ", PrintOrNull(n.DefaultValue)), Join(Map(n.Directives), " "),
        }, " "),
        EnumValueDefinitionNode n => Wrap("", PrintOrNull(n.Description), "\n") + Join(new[] { Print(n.Name), Join(Map(n.Directives), " ") }, " "),
        DirectiveDefinitionNode n => Wrap("", PrintOrNull(n.Description), "\n") + "directive @" + Print(n.Name)
                                     + PrintArgumentDefinitions(n.Arguments) + (n.Repeatable ? " repeatable" : "")
                                     + " on " + Join(Map(n.Locations), " | "),

        _ => throw new ArgumentException("Cannot print node of type " + node.GetType().Name + ".", nameof(node)),
    };

    /// <summary>Prints a string as a quoted StringValue, escaping ", \ and control characters (§2.9.4).</summary>
    public static string PrintString(string value)
    {
        int first = 0;
        while (first < value.Length && !NeedsEscape(value[first])) first++;
        if (first == value.Length) return "\"" + value + "\"";

        var result = new StringBuilder(value.Length + 8);
        result.Append('"').Append(value, 0, first);
        for (int i = first; i < value.Length; i++)
        {
            char c = value[i];
            if (!NeedsEscape(c)) { result.Append(c); continue; }
            switch (c)
            {
                case '"': result.Append("\\\""); break;
                case '\\': result.Append("\\\\"); break;
                case '\b': result.Append("\\b"); break;
                case '\t': result.Append("\\t"); break;
                case '\n': result.Append("\\n"); break;
                case '\f': result.Append("\\f"); break;
                case '\r': result.Append("\\r"); break;
                default: result.Append("\\u").Append(((int)c).ToString("X4")); break;
            }
        }
        return result.Append('"').ToString();
    }

    // C0 controls, DEL and C1 controls, plus " and \.
    private static bool NeedsEscape(char c) => c < 0x20 || c == '"' || c == '\\' || (c >= 0x7F && c <= 0x9F);

    /// <summary>Prints a string as a block string literal (see <see cref="BlockString.Print"/>).</summary>
    public static string PrintBlockString(string value) => BlockString.Print(value);

    // [1, 2] on one line unless "[" + items + "]" would exceed 80 characters; then one item per line.
    private static string PrintList(string[] items)
    {
        string oneLine = Join(items, ", ");
        return 2 + oneLine.Length > MaxLineLength ? "[\n" + Indent(Join(items, "\n")) + "\n]" : "[" + oneLine + "]";
    }

    // { a: 1 } on one line unless "{ " + fields + " }" would exceed 80 characters; then a block.
    private static string PrintObject(string[] fields)
    {
        string oneLine = Join(fields, ", ");
        return 4 + oneLine.Length > MaxLineLength ? Block(fields) : "{ " + oneLine + " }";
    }

    private static string PrintOperation(OperationDefinitionNode n)
    {
        // Variable definitions go one per line (not indented) when any spans lines, i.e. has a description.
        string[] variables = Map(n.VariableDefinitions);
        string varDefs = AnyMultiline(variables) ? Wrap("(\n", Join(variables, "\n"), "\n)") : Wrap("(", Join(variables, ", "), ")");
        string prefix = Wrap("", PrintOrNull(n.Description), "\n") + Join(new[]
        {
            OperationKeyword(n.Operation),
            Join(new[] { PrintOrNull(n.Name), varDefs }, ""),
            Join(Map(n.Directives), " "),
        }, " ");
        // Anonymous queries without directives or variables use the shorthand form.
        return (prefix == "query" ? "" : prefix + " ") + Print(n.SelectionSet);
    }

    private static string PrintField(FieldNode n)
    {
        string prefix = Wrap("", PrintOrNull(n.Alias), ": ") + Print(n.Name);
        string[] args = Map(n.Arguments);
        string argsLine = prefix + Wrap("(", Join(args, ", "), ")");
        if (argsLine.Length > MaxLineLength)
            argsLine = prefix + Wrap("(\n", Indent(Join(args, "\n")), "\n)");
        return Join(new[] { argsLine, Join(Map(n.Directives), " "), PrintOrNull(n.SelectionSet) }, " ");
    }

    // Argument definitions go one per line when any of them spans lines (e.g. has a description).
    private static string PrintArgumentDefinitions(IReadOnlyList<InputValueDefinitionNode> arguments)
    {
        string[] args = Map(arguments);
        return AnyMultiline(args) ? Wrap("(\n", Indent(Join(args, "\n")), "\n)") : Wrap("(", Join(args, ", "), ")");
    }

    private static bool AnyMultiline(string[] items)
    {
        foreach (var item in items) if (item.Contains('\n')) return true;
        return false;
    }

    private static string TypePrefix(TypeDefinitionNode n, string keyword)
        => n.IsExtension ? "extend " + keyword + " " : Wrap("", PrintOrNull(n.Description), "\n") + keyword + " ";

    private static string OperationKeyword(OperationType operation) => operation switch
    {
        OperationType.Query => "query",
        OperationType.Mutation => "mutation",
        _ => "subscription",
    };

    private static string? PrintOrNull(SyntaxNode? node) => node is null ? null : Print(node);

    private static string[] Map<T>(IReadOnlyList<T> nodes) where T : SyntaxNode
    {
        if (nodes.Count == 0) return Array.Empty<string>();
        var printed = new string[nodes.Count];
        for (int i = 0; i < printed.Length; i++) printed[i] = Print(nodes[i]);
        return printed;
    }

    // Joins the non-empty items with the separator.
    private static string Join(string?[] items, string separator)
    {
        var result = new StringBuilder();
        bool first = true;
        foreach (var item in items)
        {
            if (string.IsNullOrEmpty(item)) continue;
            if (!first) result.Append(separator);
            result.Append(item);
            first = false;
        }
        return result.ToString();
    }

    // Each item on its own line inside an indented { } block; nothing for no items.
    private static string Block(string[] items) => Wrap("{\n", Indent(Join(items, "\n")), "\n}");

    private static string Wrap(string start, string? value, string end = "")
        => string.IsNullOrEmpty(value) ? "" : start + value + end;

    private static string Indent(string value) => Wrap("  ", value.Replace("\n", "\n  "));
}
