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
    public static object? ValueFromAstUntyped(ValueNode node, IReadOnlyDictionary<string, object?>? variables)
        => throw new NotImplementedException(); // HELPER(types-sdl)

    /// <summary>Coerces a literal to the given input type (spec §6.4.1 / graphql-js valueFromAST).
    /// Returns false when the literal is invalid for the type (or uses a missing variable where that is not allowed).</summary>
    public static bool TryValueFromAst(ValueNode? node, IGraphQLType type, IReadOnlyDictionary<string, object?>? variables, out object? value)
        => throw new NotImplementedException(); // HELPER(types-sdl)

    /// <summary>An internal value back to a literal of the given type (graphql-js astFromValue); null when it cannot be represented.</summary>
    public static ValueNode? AstFromValue(object? value, IGraphQLType type)
        => throw new NotImplementedException(); // HELPER(types-sdl)
}
