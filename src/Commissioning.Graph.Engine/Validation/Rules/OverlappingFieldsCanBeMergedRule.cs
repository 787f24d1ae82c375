using System.Runtime.CompilerServices;
using System.Text;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Overlapping fields can be merged — spec §5.3.2 "Field Selection Merging".
/// <para>
/// Two fields with the same response key that may be executed together must name the same field
/// with the same arguments, and fields with the same response key must return shapes that can be
/// merged (lists, non-null wrappers and leaf types must agree even when the parents are distinct
/// object types). Sub-selections of two such fields are compared recursively and any conflict
/// between them is reported on the outer response key with every field involved as a location.
/// </para>
/// <para>
/// The algorithm follows graphql-js 16: fields and fragment names of each selection set are
/// collected once and cached; fragments are compared with fields and with each other at most once
/// per (pair, exclusivity); the whole comparison is metered by a complexity budget and, when the
/// budget runs out, validation stops with the single error "Validation aborted." (no locations).
/// </para>
/// </summary>
public sealed class OverlappingFieldsCanBeMergedRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly OverlapFinder _finder;
        private readonly HashSet<SelectionSetNode> _inlineFragmentSelectionSets = new(ReferenceEqualityComparer.Instance);

        public Visitor(ValidationContext context)
        {
            _context = context;
            _finder = new OverlapFinder(context.Schema, name => context.GetFragment(name), context.AbortValidation);
        }

        public override void EnterInlineFragment(InlineFragmentNode node)
        {
            // A selection set directly inside an inline fragment is compared as part of its
            // enclosing selection set, never on its own.
            _inlineFragmentSelectionSets.Add(node.SelectionSet);
        }

        public override void EnterSelectionSet(SelectionSetNode node)
        {
            if (_inlineFragmentSelectionSets.Contains(node)) return;
            if (node.Selections.Count <= 1 && (node.Selections.Count == 0 || node.Selections[0] is not InlineFragmentNode)) return;

            var conflicts = _finder.FindConflictsWithinSelectionSet(_context.GetParentType() as IGraphQLType, node);
            foreach (var c in conflicts)
            {
                _context.ReportError(new GraphQLError(
                    $"Fields \"{OverlapFinder.MaybeAbbreviate(c.ResponseName)}\" conflict because {c.Reason}. Use different aliases on the fields to fetch both if this was intentional.",
                    c.Fields1.Concat(c.Fields2)));
            }
        }
    }
}

/// <summary>A conflict between fields sharing a response key: why, and every field node involved (each side in order).</summary>
internal sealed record FieldConflict(string ResponseName, string Reason, List<FieldNode> Fields1, List<FieldNode> Fields2);

/// <summary>
/// The conflict search of §5.3.2 (graphql-js's OverlappingFieldsCanBeMerged algorithm), usable on
/// its own over a schema and a fragment lookup. One instance per validation: it holds the caches
/// and the complexity budget.
/// </summary>
internal sealed class OverlapFinder
{
    private const int MaxConflictDetailLength = 1000;
    private const int MaxConflictNodes = 20;
    private const int MaxComplexityBudget = 500_000;

    private static readonly object NullTypeKey = new();

    private readonly Schema _schema;
    private readonly Func<string, FragmentDefinitionNode?> _getFragment;
    private readonly Action _abort;
    private readonly PairSet _comparedFragmentPairs = new();
    private readonly Dictionary<object, Dictionary<SelectionSetNode, CollectFieldsResult>> _cachedCollectFieldsResults = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ValueNode, string> _stringifiedValues = new(ReferenceEqualityComparer.Instance);
    private int _remainingBudget = MaxComplexityBudget;

    /// <param name="abort">Called when the complexity budget is spent; must throw to stop validation.</param>
    public OverlapFinder(Schema schema, Func<string, FragmentDefinitionNode?> getFragment, Action abort)
    {
        _schema = schema;
        _getFragment = getFragment;
        _abort = abort;
    }

    // ---- data ----

    private sealed class FieldDetails
    {
        public required IGraphQLType? ParentType { get; init; }
        public required FieldNode Node { get; init; }
        public required FieldDefinition? Definition { get; init; }
        public required bool IsSimpleLeaf { get; init; }
        public FieldInfo? Info { get; set; }
    }

    private sealed class FieldInfo
    {
        public Dictionary<FieldInfo, string?> Comparisons { get; } = new(ReferenceEqualityComparer.Instance);
        public NamedType? NamedType { get; init; }
        public ArgumentInfo? Arguments { get; init; }
        public string? TypeString { get; set; }
    }

    private sealed class ArgumentInfo
    {
        public required IReadOnlyList<ArgumentNode> Nodes { get; init; }
        public required Dictionary<string, ValueNode> Values { get; init; }
    }

    private sealed record Overlap(string ResponseName, List<FieldDetails> Fields1, List<FieldDetails> Fields2);

    private sealed class CollectFieldsResult
    {
        /// <summary>Response keys in first-seen order.</summary>
        public List<string> ResponseNames { get; } = new();
        public Dictionary<string, List<FieldDetails>> GroupedFieldSet { get; } = new(StringComparer.Ordinal);
        public List<string> FragmentNames { get; } = new();
        /// <summary>Fragment name → whether the comparison was made as mutually exclusive.</summary>
        public Dictionary<string, bool>? ComparedFragments { get; set; }
        public Dictionary<CollectFieldsResult, List<Overlap>>? OverlappingFields { get; set; }
    }

    // ---- entry point ----

    /// <summary>All conflicts among the fields of one selection set, including fields reached through fragments.</summary>
    public List<FieldConflict> FindConflictsWithinSelectionSet(IGraphQLType? parentType, SelectionSetNode selectionSet)
    {
        var conflicts = new List<FieldConflict>();
        var result = CollectFields(parentType, selectionSet);

        // (A) Conflicts among the fields selected directly (and through inline fragments).
        CollectConflictsWithin(conflicts, result);

        // Fragment spreads are compared with the fields and with each other only.
        var names = result.FragmentNames;
        if (names.Count != 0 && (result.GroupedFieldSet.Count != 0 || names.Count > 1))
        {
            for (int i = 0; i < names.Count; i++)
            {
                // (B) The fields against the fragment (and fragments it spreads).
                CollectConflictsBetweenFieldsAndFragment(conflicts, false, result, names[i]);
                // (C) The fragment against every later fragment.
                for (int j = i + 1; j < names.Count; j++)
                    CollectConflictsBetweenFragments(conflicts, false, names[i], names[j]);
            }
        }
        return conflicts;
    }

    // ---- comparisons ----

    private void CollectConflictsBetweenFieldsAndFragment(List<FieldConflict> conflicts, bool areMutuallyExclusive,
        CollectFieldsResult fields, string fragmentName)
    {
        // Depth-first, pre-order over the fragments the fragment spreads, with an explicit stack
        // so long fragment chains cannot exhaust the call stack.
        var stack = new Stack<string>();
        stack.Push(fragmentName);
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            Spend(1);
            if (fields.GroupedFieldSet.Count == 0) continue;

            var compared = fields.ComparedFragments ??= new Dictionary<string, bool>(StringComparer.Ordinal);
            if (compared.TryGetValue(name, out var wasExclusive) && (!wasExclusive || areMutuallyExclusive)) continue;
            compared[name] = areMutuallyExclusive;

            var fragment = _getFragment(name);
            if (fragment is null) continue;
            var fields2 = CollectFragmentFields(fragment);
            if (ReferenceEquals(fields, fields2)) continue;

            // (D) The fields against the fragment's own fields.
            CollectConflictsBetween(conflicts, areMutuallyExclusive, fields, fields2);

            // (E) Then against each fragment the fragment spreads.
            for (int i = fields2.FragmentNames.Count - 1; i >= 0; i--) stack.Push(fields2.FragmentNames[i]);
        }
    }

    private void CollectConflictsBetweenFragments(List<FieldConflict> conflicts, bool areMutuallyExclusive, string fragmentName1, string fragmentName2)
    {
        var stack = new Stack<(string, string)>();
        stack.Push((fragmentName1, fragmentName2));
        while (stack.Count > 0)
        {
            var (name1, name2) = stack.Pop();
            Spend(2);
            if (name1 == name2) continue;
            if (_comparedFragmentPairs.Has(name1, name2, areMutuallyExclusive)) continue;
            _comparedFragmentPairs.Add(name1, name2, areMutuallyExclusive);

            var fragment1 = _getFragment(name1);
            var fragment2 = _getFragment(name2);
            if (fragment1 is null || fragment2 is null) continue;

            var fields1 = CollectFragmentFields(fragment1);
            var fields2 = CollectFragmentFields(fragment2);

            // (F) The two fragments' own fields.
            CollectConflictsBetween(conflicts, areMutuallyExclusive, fields1, fields2);

            // (G) The first fragment against the fragments the second spreads, then the fragments the
            // first spreads against the second. Pushed in reverse so they pop in that order.
            for (int i = fields1.FragmentNames.Count - 1; i >= 0; i--) stack.Push((fields1.FragmentNames[i], name2));
            for (int i = fields2.FragmentNames.Count - 1; i >= 0; i--) stack.Push((name1, fields2.FragmentNames[i]));
        }
    }

    private List<FieldConflict> FindConflictsBetweenSubSelectionSets(bool areMutuallyExclusive,
        IGraphQLType? parentType1, SelectionSetNode selectionSet1, IGraphQLType? parentType2, SelectionSetNode selectionSet2)
    {
        var conflicts = new List<FieldConflict>();
        var fields1 = CollectFields(parentType1, selectionSet1);
        var fields2 = CollectFields(parentType2, selectionSet2);

        // (H) The two sets of fields.
        CollectConflictsBetween(conflicts, areMutuallyExclusive, fields1, fields2);
        // (I) Each side's fields against the other side's fragments.
        foreach (var f in fields2.FragmentNames) CollectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, fields1, f);
        foreach (var f in fields1.FragmentNames) CollectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, fields2, f);
        // (J) Every pair of fragments, one from each side.
        foreach (var f1 in fields1.FragmentNames)
            foreach (var f2 in fields2.FragmentNames)
                CollectConflictsBetweenFragments(conflicts, areMutuallyExclusive, f1, f2);
        return conflicts;
    }

    private void CollectConflictsWithin(List<FieldConflict> conflicts, CollectFieldsResult result)
    {
        foreach (var responseName in result.ResponseNames)
        {
            var fields = result.GroupedFieldSet[responseName];
            if (fields.Count <= 1) continue;
            for (int i = 0; i < fields.Count; i++)
                for (int j = i + 1; j < fields.Count; j++)
                    if (FindConflict(false, responseName, fields[i], fields[j]) is { } c) conflicts.Add(c);
        }
    }

    private void CollectConflictsBetween(List<FieldConflict> conflicts, bool parentFieldsAreMutuallyExclusive,
        CollectFieldsResult result1, CollectFieldsResult result2)
    {
        if (result1.GroupedFieldSet.Count == 0 || result2.GroupedFieldSet.Count == 0) return;
        foreach (var overlap in GetOverlappingFields(result1, result2))
            foreach (var f1 in overlap.Fields1)
                foreach (var f2 in overlap.Fields2)
                    if (FindConflict(parentFieldsAreMutuallyExclusive, overlap.ResponseName, f1, f2) is { } c) conflicts.Add(c);
    }

    private List<Overlap> GetOverlappingFields(CollectFieldsResult result1, CollectFieldsResult result2)
    {
        var byResult = result1.OverlappingFields ??= new Dictionary<CollectFieldsResult, List<Overlap>>(ReferenceEqualityComparer.Instance);
        if (byResult.TryGetValue(result2, out var cached)) return cached;
        var list = new List<Overlap>();
        foreach (var responseName in result1.ResponseNames)
        {
            Spend(1);
            if (result2.GroupedFieldSet.TryGetValue(responseName, out var fields2))
                list.Add(new Overlap(responseName, result1.GroupedFieldSet[responseName], fields2));
        }
        byResult[result2] = list;
        return list;
    }

    /// <summary>The conflict between two fields with the same response key, including their sub-selections, if any.</summary>
    private FieldConflict? FindConflict(bool parentFieldsAreMutuallyExclusive, string responseName, FieldDetails details1, FieldDetails details2)
    {
        // Fields of two different object types can never be executed together, so only their
        // shapes need to agree; otherwise they must also be the same field with the same arguments.
        bool areMutuallyExclusive = parentFieldsAreMutuallyExclusive
            || (!ReferenceEquals(details1.ParentType, details2.ParentType) && details1.ParentType is ObjectType && details2.ParentType is ObjectType);

        Spend(2);

        var node1 = details1.Node;
        var node2 = details2.Node;
        var def1 = details1.Definition;
        var def2 = details2.Definition;

        if (details1.IsSimpleLeaf && details2.IsSimpleLeaf && ReferenceEquals(def1?.Type, def2?.Type) && node1.Name.Value == node2.Name.Value)
            return null;

        if (!areMutuallyExclusive)
        {
            var info1 = GetFieldInfo(details1);
            var info2 = GetFieldInfo(details2);
            if (!info1.Comparisons.TryGetValue(info2, out var reason))
            {
                var name1 = node1.Name.Value;
                var name2 = node2.Name.Value;
                reason = name1 != name2
                    ? $"\"{MaybeAbbreviate(name1)}\" and \"{MaybeAbbreviate(name2)}\" are different fields"
                    : SameArguments(info1.Arguments, info2.Arguments) ? null : "they have differing arguments";
                info1.Comparisons[info2] = reason;
            }
            if (reason is not null)
                return new FieldConflict(responseName, reason, new List<FieldNode> { node1 }, new List<FieldNode> { node2 });
        }

        var type1 = def1?.Type;
        var type2 = def2?.Type;
        if (type1 is not null && type2 is not null && DoTypesConflict(type1, type2))
        {
            var info1 = GetFieldInfo(details1);
            var info2 = GetFieldInfo(details2);
            var s1 = info1.TypeString ??= type1.ToString()!;
            var s2 = info2.TypeString ??= type2.ToString()!;
            return new FieldConflict(responseName, $"they return conflicting types \"{s1}\" and \"{s2}\"",
                new List<FieldNode> { node1 }, new List<FieldNode> { node2 });
        }

        if (node1.SelectionSet is { } set1 && node2.SelectionSet is { } set2)
        {
            // Field nesting is bounded only by the document; refuse rather than overflow.
            if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) Abort();
            var sub = FindConflictsBetweenSubSelectionSets(areMutuallyExclusive,
                GetFieldInfo(details1).NamedType, set1, GetFieldInfo(details2).NamedType, set2);
            return SubfieldConflicts(sub, responseName, node1, node2);
        }
        return null;
    }

    private static FieldInfo GetFieldInfo(FieldDetails details)
    {
        if (details.Info is null)
        {
            var args = details.Node.Arguments;
            ArgumentInfo? argInfo = null;
            if (args.Count > 0)
            {
                var values = new Dictionary<string, ValueNode>(StringComparer.Ordinal);
                foreach (var a in args) values[a.Name.Value] = a.Value;
                argInfo = new ArgumentInfo { Nodes = args, Values = values };
            }
            details.Info = new FieldInfo
            {
                NamedType = details.Definition is { } d ? Schema.GetNamedType(d.Type) : null,
                Arguments = argInfo,
            };
        }
        return details.Info;
    }

    private bool SameArguments(ArgumentInfo? args1, ArgumentInfo? args2)
    {
        if (args1 is null) return args2 is null;
        if (args2 is null || args1.Nodes.Count != args2.Nodes.Count) return false;
        foreach (var arg1 in args1.Nodes)
        {
            Spend(1);
            if (!args2.Values.TryGetValue(arg1.Name.Value, out var value2)) return false;
            if (StringifyValue(arg1.Value) != StringifyValue(value2)) return false;
        }
        return true;
    }

    /// <summary>A canonical text of a literal: equal for values that print the same once input object fields are sorted by name.</summary>
    private string StringifyValue(ValueNode value)
    {
        if (_stringifiedValues.TryGetValue(value, out var cached)) return cached;
        var sb = new StringBuilder();
        WriteValue(sb, value);
        var s = sb.ToString();
        _stringifiedValues[value] = s;
        return s;
    }

    private static void WriteValue(StringBuilder sb, ValueNode value)
    {
        switch (value)
        {
            case VariableNode v: sb.Append("$"); WriteString(sb, v.Name.Value); break;
            case IntValueNode i: sb.Append("I"); WriteString(sb, i.Value); break;
            case FloatValueNode f: sb.Append("F"); WriteString(sb, f.Value); break;
            case StringValueNode s: sb.Append(s.Block ? "B" : "S"); WriteString(sb, s.Value); break;
            case BooleanValueNode b: sb.Append(b.Value ? "T" : "X"); break;
            case NullValueNode: sb.Append("N"); break;
            case EnumValueNode e: sb.Append("E"); WriteString(sb, e.Value); break;
            case ListValueNode l:
                sb.Append('[');
                foreach (var item in l.Values) { WriteValue(sb, item); sb.Append(','); }
                sb.Append(']');
                break;
            case ObjectValueNode o:
                sb.Append('{');
                // Stable ordinal sort: fields with the same name keep their order.
                foreach (var field in o.Fields.OrderBy(x => x.Name.Value, StringComparer.Ordinal))
                {
                    WriteString(sb, field.Name.Value);
                    sb.Append(':');
                    WriteValue(sb, field.Value);
                    sb.Append(',');
                }
                sb.Append('}');
                break;
            default: sb.Append('?'); break;
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append(s.Length).Append(':').Append(s);
    }

    /// <summary>Two types conflict when no value could have both shapes (list vs item, nullable vs non-null, different leaves).</summary>
    private bool DoTypesConflict(IGraphQLType type1, IGraphQLType type2)
    {
        while (true)
        {
            if (ReferenceEquals(type1, type2)) return false;
            Spend(1);
            if (type1 is ListType l1)
            {
                if (type2 is not ListType l2) return true;
                type1 = l1.OfType; type2 = l2.OfType; continue;
            }
            if (type2 is ListType) return true;
            if (type1 is NonNullType n1)
            {
                if (type2 is not NonNullType n2) return true;
                type1 = n1.OfType; type2 = n2.OfType; continue;
            }
            if (type2 is NonNullType) return true;
            if (Schema.IsLeafType(type1) || Schema.IsLeafType(type2)) return !ReferenceEquals(type1, type2);
            return false;
        }
    }

    // ---- field collection ----

    private CollectFieldsResult CollectFields(IGraphQLType? parentType, SelectionSetNode selectionSet)
    {
        var key = (object?)parentType ?? NullTypeKey;
        if (!_cachedCollectFieldsResults.TryGetValue(key, out var bySelectionSet))
        {
            bySelectionSet = new Dictionary<SelectionSetNode, CollectFieldsResult>(ReferenceEqualityComparer.Instance);
            _cachedCollectFieldsResults[key] = bySelectionSet;
        }
        if (bySelectionSet.TryGetValue(selectionSet, out var cached)) return cached;

        var result = new CollectFieldsResult();
        var fragmentNames = new HashSet<string>(StringComparer.Ordinal);
        CollectFieldsImpl(parentType, selectionSet, result, fragmentNames);
        bySelectionSet[selectionSet] = result;
        return result;
    }

    private CollectFieldsResult CollectFragmentFields(FragmentDefinitionNode fragment)
        => CollectFields(_schema.TypeFromAst(fragment.TypeCondition), fragment.SelectionSet);

    private void CollectFieldsImpl(IGraphQLType? parentType, SelectionSetNode selectionSet, CollectFieldsResult result, HashSet<string> fragmentNames)
    {
        // Inline fragments nest only as deep as the document; walk them with an explicit stack,
        // visiting selections in document order.
        var stack = new Stack<(IGraphQLType? Type, IReadOnlyList<SelectionNode> Selections, int Index)>();
        stack.Push((parentType, selectionSet.Selections, 0));
        while (stack.Count > 0)
        {
            var (type, selections, index) = stack.Pop();
            if (index >= selections.Count) continue;
            stack.Push((type, selections, index + 1));
            switch (selections[index])
            {
                case FieldNode field:
                {
                    var fieldName = field.Name.Value;
                    FieldDefinition? def = null;
                    if (type is IComplexOutputType complex) complex.Fields.TryGetValue(fieldName, out def);
                    var responseName = field.Alias?.Value ?? fieldName;
                    if (!result.GroupedFieldSet.TryGetValue(responseName, out var list))
                    {
                        list = new List<FieldDetails>();
                        result.GroupedFieldSet[responseName] = list;
                        result.ResponseNames.Add(responseName);
                    }
                    list.Add(new FieldDetails
                    {
                        ParentType = type,
                        Node = field,
                        Definition = def,
                        IsSimpleLeaf = field.Arguments.Count == 0 && field.SelectionSet is null,
                    });
                    break;
                }
                case FragmentSpreadNode spread:
                    if (fragmentNames.Add(spread.Name.Value)) result.FragmentNames.Add(spread.Name.Value);
                    break;
                case InlineFragmentNode inline:
                {
                    var inlineType = inline.TypeCondition is { } tc ? _schema.TypeFromAst(tc) : type;
                    stack.Push((inlineType, inline.SelectionSet.Selections, 0));
                    break;
                }
            }
        }
    }

    // ---- reporting ----

    private static FieldConflict? SubfieldConflicts(List<FieldConflict> conflicts, string responseName, FieldNode node1, FieldNode node2)
    {
        if (conflicts.Count == 0) return null;
        var message = new StringBuilder();
        foreach (var c in conflicts)
        {
            if (message.Length > 0) message.Append(" and ");
            message.Append("subfields \"").Append(MaybeAbbreviate(c.ResponseName)).Append("\" conflict because ").Append(c.Reason);
            if (message.Length > MaxConflictDetailLength) break;
        }
        return new FieldConflict(responseName, MaybeAbbreviate(message.ToString()),
            CollectConflictNodes(node1, conflicts, first: true), CollectConflictNodes(node2, conflicts, first: false));
    }

    /// <summary>The enclosing field, then the nodes of each sub-conflict's side, keeping at most
    /// <see cref="MaxConflictNodes"/> in all (the last nodes of a side when it must be cut).</summary>
    private static List<FieldNode> CollectConflictNodes(FieldNode node, List<FieldConflict> conflicts, bool first)
    {
        var nodes = new List<FieldNode> { node };
        foreach (var c in conflicts)
        {
            var side = first ? c.Fields1 : c.Fields2;
            int remaining = MaxConflictNodes - nodes.Count;
            int take = Math.Min(remaining, side.Count);
            for (int i = side.Count - take; i < side.Count; i++) nodes.Add(side[i]);
            if (nodes.Count == MaxConflictNodes) break;
        }
        return nodes;
    }

    internal static string MaybeAbbreviate(string text)
        => text.Length > MaxConflictDetailLength ? text.Substring(0, MaxConflictDetailLength) + "..." : text;

    private void Spend(int cost)
    {
        _remainingBudget -= cost;
        if (_remainingBudget < 0) Abort();
    }

    private void Abort()
    {
        _remainingBudget = int.MinValue / 2;
        _abort();
        throw new InvalidOperationException("The abort callback must throw.");
    }

    /// <summary>Fragment pairs already compared, remembering whether the comparison assumed mutually exclusive parents.</summary>
    private sealed class PairSet
    {
        private readonly Dictionary<string, Dictionary<string, bool>> _data = new(StringComparer.Ordinal);

        public bool Has(string a, string b, bool areMutuallyExclusive) => HasOrdered(a, b, areMutuallyExclusive) || HasOrdered(b, a, areMutuallyExclusive);

        private bool HasOrdered(string a, string b, bool areMutuallyExclusive)
        {
            if (!_data.TryGetValue(a, out var map) || !map.TryGetValue(b, out var stored)) return false;
            // A non-exclusive comparison covers an exclusive one, not the reverse.
            return areMutuallyExclusive || stored == areMutuallyExclusive;
        }

        public void Add(string a, string b, bool areMutuallyExclusive)
        {
            if (!_data.TryGetValue(a, out var map)) _data[a] = map = new Dictionary<string, bool>(StringComparer.Ordinal);
            map[b] = areMutuallyExclusive;
        }
    }
}
