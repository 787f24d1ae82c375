using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>Conversions between AST values and internal values (graphql-js valueFromAST / valueFromASTUntyped / astFromValue).</summary>
public static partial class ValueConversion
{
    /// <summary>A literal to a plain value with no type to guide it (used by custom scalars):
    /// ints and floats become numbers, objects become ordered dictionaries, variables are looked up.</summary>
    public static object? ValueFromAstUntyped(ValueNode node, IReadOnlyDictionary<string, object?>? variables)
    {
        // HELPER(execution): implement.
        throw new NotImplementedException();
    }
}
