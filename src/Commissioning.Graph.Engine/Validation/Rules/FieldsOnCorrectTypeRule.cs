using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.3.1 Field Selections on Objects, Interfaces, and Unions Types: a selected field is defined on the
/// parent type (or is <c>__typename</c>). Suggests types to condition on first, then similarly named fields.</summary>
public sealed class FieldsOnCorrectTypeRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override void EnterField(FieldNode node)
        {
            var type = context.GetParentType();
            if (type is null || context.GetFieldDef() is not null) return;
            var fieldName = node.Name.Value;
            var hide = !context.Options.FieldSuggestions;
            var suggestion = Suggestions.DidYouMean("to use an inline fragment on",
                hide ? Array.Empty<string>() : SuggestedTypeNames(context.Schema, type, fieldName));
            if (suggestion == "")
                suggestion = Suggestions.DidYouMean(hide ? Array.Empty<string>() : SuggestedFieldNames(type, fieldName));
            context.ReportError($"Cannot query field \"{fieldName}\" on type \"{type.Name}\"." + suggestion, node);
        }
    }

    // The possible types (and their interfaces) that define the field: most used first, super types before
    // their subtypes, then natural order of names.
    private static IReadOnlyList<string> SuggestedTypeNames(Schema schema, ICompositeType type, string fieldName)
    {
        if (type is not IAbstractType abs) return Array.Empty<string>();
        var suggested = new List<ICompositeType>();
        var usage = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var possible in schema.GetPossibleTypes(abs))
        {
            if (!possible.Fields.ContainsKey(fieldName)) continue;
            if (!usage.ContainsKey(possible.Name)) suggested.Add(possible);
            usage[possible.Name] = 1;
            foreach (var iface in possible.Interfaces)
            {
                if (!iface.Fields.ContainsKey(fieldName)) continue;
                if (!usage.ContainsKey(iface.Name)) suggested.Add(iface);
                usage[iface.Name] = usage.GetValueOrDefault(iface.Name) + 1;
            }
        }
        return suggested.OrderBy(t => t, Comparer<ICompositeType>.Create((a, b) =>
        {
            var diff = usage[b.Name] - usage[a.Name];
            if (diff != 0) return diff;
            if (a is InterfaceType ia && schema.IsSubType(ia, b)) return -1;
            if (b is InterfaceType ib && schema.IsSubType(ib, a)) return 1;
            return Suggestions.NaturalCompare(a.Name, b.Name);
        })).Select(t => t.Name).ToList();
    }

    private static IReadOnlyList<string> SuggestedFieldNames(ICompositeType type, string fieldName) =>
        type is IComplexOutputType c ? Suggestions.SuggestionList(fieldName, c.Fields.Keys) : Array.Empty<string>();
}
