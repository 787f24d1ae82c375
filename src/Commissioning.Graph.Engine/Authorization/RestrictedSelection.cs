using System.Runtime.CompilerServices;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Authorization;

/// <summary>
/// Whether an operation can reach restricted data: it selects, anywhere (through fragments too),
/// a field carrying <c>@policy</c> or returning a type that carries it. Decided from the document
/// alone, before execution, so a request that needs a purpose of use is refused before any resolver
/// runs. Conservative: <c>@skip</c>/<c>@include</c> are ignored, and a field of an interface counts
/// as restricted when any implementation's field is.
/// </summary>
public static class RestrictedSelection
{
    private static readonly ConditionalWeakTable<OperationDefinitionNode, IReadOnlyList<string>> Cache = new();

    /// <summary>True when <paramref name="operation"/> selects restricted data.</summary>
    public static bool SelectsRestrictedData(Schema schema, DocumentNode document, OperationDefinitionNode operation) =>
        RestrictedCoordinates(schema, document, operation).Count > 0;

    /// <summary>The restricted schema coordinates (<c>Type.field</c>) the operation selects, in document order.</summary>
    public static IReadOnlyList<string> RestrictedCoordinates(Schema schema, DocumentNode document, OperationDefinitionNode operation) =>
        Cache.GetValue(operation, op => Compute(schema, document, op));

    private static IReadOnlyList<string> Compute(Schema schema, DocumentNode document, OperationDefinitionNode operation)
    {
        var fragments = document.Definitions.OfType<FragmentDefinitionNode>().ToDictionary(f => f.Name.Value);
        var found = new List<string>();
        var seen = new HashSet<(string, SelectionSetNode)>();
        if (schema.GetRootType(operation.Operation) is { } root)
            Walk(schema, fragments, root, operation.SelectionSet, found, seen);
        return found.Distinct().ToArray();
    }

    private static void Walk(Schema schema, Dictionary<string, FragmentDefinitionNode> fragments, NamedType type,
        SelectionSetNode? selectionSet, List<string> found, HashSet<(string, SelectionSetNode)> seen)
    {
        if (selectionSet is null || !seen.Add((type.Name, selectionSet))) return;
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    foreach (var (owner, definition) in Definitions(schema, type, field.Name.Value))
                    {
                        if (IsRestricted(schema, owner, definition)) found.Add(SchemaCoordinate.Field(owner.Name, definition.Name));
                        if (field.SelectionSet is not null)
                            Walk(schema, fragments, Schema.GetNamedType(definition.Type), field.SelectionSet, found, seen);
                    }
                    break;
                case InlineFragmentNode inline:
                    var inlineType = inline.TypeCondition is { } tc ? schema.GetType(tc.Name.Value) ?? type : type;
                    Walk(schema, fragments, inlineType, inline.SelectionSet, found, seen);
                    break;
                case FragmentSpreadNode spread when fragments.TryGetValue(spread.Name.Value, out var fragment):
                    Walk(schema, fragments, schema.GetType(fragment.TypeCondition.Name.Value) ?? type, fragment.SelectionSet, found, seen);
                    break;
            }
        }
    }

    // The definitions a field name can execute against: the object's own, or every possible type's for an abstract type.
    private static IEnumerable<(ObjectType, FieldDefinition)> Definitions(Schema schema, NamedType type, string name)
    {
        IEnumerable<ObjectType> objects = type switch
        {
            ObjectType o => new[] { o },
            IAbstractType a => schema.GetPossibleTypes(a),
            _ => Array.Empty<ObjectType>(),
        };
        foreach (var o in objects)
            if (o.Fields.TryGetValue(name, out var f)) yield return (o, f);
    }

    /// <summary>True when reading <paramref name="field"/> of <paramref name="parent"/> discloses restricted data.</summary>
    public static bool IsRestricted(Schema schema, ObjectType parent, FieldDefinition field)
    {
        if (AuthorizationRules.OfField(parent, field).HasPolicies) return true;
        var named = Schema.GetNamedType(field.Type);
        if (AuthorizationRules.OfType(named).HasPolicies) return true;
        return named is IAbstractType abstractType && schema.GetPossibleTypes(abstractType).Any(t => AuthorizationRules.OfType(t).HasPolicies);
    }
}
