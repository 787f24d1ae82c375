using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Server.Cost;

/// <summary>
/// Static cost of an operation, after the IBM GraphQL Cost Directives specification:
/// <list type="bullet">
/// <item>a field returning an object, interface or union costs 1, a scalar or enum field 0, unless
/// <c>@cost(weight:)</c> on the field (or on its return type) says otherwise;</item>
/// <item>a list field multiplies the cost of what it selects by its size: the value of a slicing
/// argument (<c>first</c>, <c>last</c>, <c>limit</c>, or those named by <c>@listSize(slicingArguments:)</c>; the largest
/// when several are given), else <c>@listSize(assumedSize:)</c>, else <see cref="GraphQLServerOptions.DefaultListSize"/>;</item>
/// <item>a field with <c>@listSize(sizedFields:)</c> (a connection) is not itself multiplied: its size — worked out from
/// its own slicing arguments and assumed size as above — is the size of the named lists of what it returns
/// (<c>edges</c>, <c>nodes</c>), so <c>consortia(first: 100) { nodes { … } }</c> pays 100 times what a node selects;</item>
/// <item>fragments are counted as if every one applied (an upper bound for abstract types);</item>
/// <item><c>@cost</c> on an argument adds its weight when the argument is given;</item>
/// <item>beyond the specification, every value of a list input (literal or variable, nested lists and
/// input objects included) adds 1: a filter of 1,000 values costs the server work whatever it selects
/// (except <c>_entities(representations:)</c>, which sets that field's list size instead);</item>
/// <item>a list's <c>where</c> (an input named <c>…FilterInput</c>) and <c>order</c> (<c>…SortInput</c>) are priced by
/// their terms instead (<see cref="TermsCost"/>): every leaf value — an operand, each value of an <c>in</c> list, each
/// direction — costs 2^n, n being how deeply it is nested beyond the simplest term (<c>{status: {eq: X}}</c>,
/// <c>{month: DESC}</c>: 1), each <c>and</c>/<c>or</c> element, nested object or <c>some</c>/<c>all</c>/<c>none</c>
/// doubling it. A hostile filter — deep and/or nesting, long <c>in</c> lists under a list — passes the cost limit.
/// README "Cost of filters and sorts" gives the formula; the gateway's limit plugin (infra/gateway/plugins/limits.mjs)
/// prices the same.</item>
/// </list>
/// Introspection fields cost nothing. The result is reported in <c>extensions.cost</c>.
/// </summary>
public static class CostAnalyzer
{
    private static readonly string[] DefaultSlicingArguments = { "first", "last", "limit" };

    public static double Compute(Schema schema, DocumentNode document, OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?>? variables, int defaultListSize)
    {
        var root = schema.GetRootType(operation.Operation);
        if (root is null) return 0;
        var fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
        foreach (var d in document.Definitions)
            if (d is FragmentDefinitionNode f) fragments.TryAdd(f.Name.Value, f);
        var walker = new Walker(schema, fragments, variables, defaultListSize);
        return walker.SelectionSetCost(operation.SelectionSet, root, 0, null);
    }

    /// <summary>The size a connection field's <c>@listSize(sizedFields:)</c> gives the named lists of what it returns.</summary>
    private sealed record SizedFields(IReadOnlyCollection<string> Names, double Size);

    private sealed class Walker(Schema schema, Dictionary<string, FragmentDefinitionNode> fragments,
        IReadOnlyDictionary<string, object?>? variables, int defaultListSize)
    {
        // Fragments are expanded at each spread; the parser's depth limit and validation
        // (no cycles) bound the recursion. A fragment reached through itself is not counted again.
        private readonly HashSet<string> _active = new(StringComparer.Ordinal);

        /// <param name="sized">The sizes the enclosing field's <c>sizedFields</c> sets for lists of this selection (through fragments too).</param>
        public double SelectionSetCost(SelectionSetNode set, NamedType parent, int depth, SizedFields? sized)
        {
            if (depth > 256) return 0;
            double total = 0;
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FieldNode field:
                        total += FieldCost(field, parent, depth, sized);
                        break;
                    case InlineFragmentNode inline:
                        var t = inline.TypeCondition is null ? parent : schema.GetType(inline.TypeCondition.Name.Value) ?? parent;
                        total += SelectionSetCost(inline.SelectionSet, t, depth + 1, sized);
                        break;
                    case FragmentSpreadNode spread:
                        if (fragments.TryGetValue(spread.Name.Value, out var frag) && _active.Add(frag.Name.Value))
                        {
                            var ft = schema.GetType(frag.TypeCondition.Name.Value) ?? parent;
                            total += SelectionSetCost(frag.SelectionSet, ft, depth + 1, sized);
                            _active.Remove(frag.Name.Value);
                        }
                        break;
                }
            }
            return total;
        }

        private double FieldCost(FieldNode node, NamedType parent, int depth, SizedFields? sized)
        {
            var name = node.Name.Value;
            if (name.StartsWith("__", StringComparison.Ordinal)) return 0;
            if (parent is not IComplexOutputType complex || !complex.Fields.TryGetValue(name, out var field)) return 0;
            var named = Schema.GetNamedType(field.Type);
            var composite = named is ICompositeType;
            double weight = Weight(field.AppliedDirectives) ?? Weight(named.AppliedDirectives) ?? (composite ? 1 : 0);
            foreach (var arg in node.Arguments)
            {
                field.Arguments.TryGetValue(arg.Name.Value, out var argDef);
                if (argDef is not null) weight += Weight(argDef.AppliedDirectives) ?? 0;
                // An _entities call's representations are its list size already (ListSize), not a filter.
                if (field.Name == "_entities" && arg.Name.Value == "representations") continue;
                weight += argDef is not null && SimplestTermDepth(argDef) is { } simplest
                    ? TermsCost(LiteralOrVariable(arg.Value), 0, simplest)
                    : ListValues(arg.Value);
            }
            var listSize = Find(field.AppliedDirectives, "listSize");
            var sizedFields = listSize is null ? null : StringList(listSize, "sizedFields");
            var forChildren = sizedFields is { Count: > 0 } ? new SizedFields(sizedFields, ListSize(node, field, listSize)) : null;
            var children = node.SelectionSet is null ? 0 : SelectionSetCost(node.SelectionSet, named, depth + 1, forChildren);
            if (!IsList(field.Type)) return weight + children;
            // A list its parent's sizedFields names is as long as the parent's slice.
            var size = sized is not null && sized.Names.Contains(name) ? sized.Size : ListSize(node, field, listSize);
            return size * (weight + children);
        }

        /// <summary>How many input objects enclose the leaf of the simplest term: 2 in a filter (<c>{status: {eq: X}}</c>),
        /// 1 in a sort (<c>{month: DESC}</c>); null for any other argument.</summary>
        private static int? SimplestTermDepth(InputValueDefinition argument) => Schema.GetNamedType(argument.Type).Name switch
        {
            var name when name.EndsWith("FilterInput", StringComparison.Ordinal) => 2,
            var name when name.EndsWith("SortInput", StringComparison.Ordinal) => 1,
            _ => null,
        };

        /// <summary>A literal, with the variables it names replaced by their values (objects and lists as the JSON decoder gives them).</summary>
        private object? LiteralOrVariable(ValueNode value) => value switch
        {
            VariableNode v => variables is not null && variables.TryGetValue(v.Name.Value, out var x) ? x : Absent,
            ObjectValueNode o => new TermObject(o.Fields.Select(f => LiteralOrVariable(f.Value)).ToList()),
            ListValueNode l => l.Values.Select(LiteralOrVariable).ToList(),
            _ => value,
        };

        private static readonly object Absent = new();
        private sealed record TermObject(IReadOnlyList<object?> Values);

        /// <summary>The cost of a filter or sort value at <paramref name="depth"/> input objects: each leaf 2^(depth − simplest), at least 1.</summary>
        private static double TermsCost(object? value, int depth, int simplest) => value switch
        {
            _ when ReferenceEquals(value, Absent) => 0,
            TermObject o => o.Values.Sum(v => TermsCost(v, depth + 1, simplest)),
            IReadOnlyDictionary<string, object?> d => d.Values.Sum(v => TermsCost(v, depth + 1, simplest)),
            IEnumerable<object?> l => l.Sum(v => TermsCost(v, depth, simplest)),
            _ => Math.Pow(2, Math.Clamp(depth - simplest, 0, 64)),
        };

        /// <summary>How many list values an argument carries, counting through variables, nested lists and input objects.</summary>
        private double ListValues(ValueNode value) => value switch
        {
            ListValueNode list => list.Values.Count + list.Values.Sum(ListValues),
            ObjectValueNode obj => obj.Fields.Sum(f => ListValues(f.Value)),
            VariableNode v when variables is not null && variables.TryGetValue(v.Name.Value, out var x) => VariableListValues(x),
            _ => 0,
        };

        private static double VariableListValues(object? value) => value switch
        {
            IReadOnlyList<object?> list => list.Count + list.Sum(VariableListValues),
            IReadOnlyDictionary<string, object?> obj => obj.Values.Sum(VariableListValues),
            _ => 0,
        };

        private static bool IsList(IGraphQLType type) => Schema.GetNullableType(type) is ListType;

        /// <summary>The size of a list (or, for a field with <c>sizedFields</c>, of the lists it names): the largest slicing
        /// argument given, else <c>assumedSize</c>, else the default. Several slicing arguments at once are priced at the
        /// largest whatever <c>requireOneSlicingArgument</c> says: the field itself refuses the combination it forbids
        /// (a connection's <c>first</c> with <c>last</c>: <c>BAD_USER_INPUT</c>), and the price is an upper bound.</summary>
        private double ListSize(FieldNode node, FieldDefinition field, DirectiveNode? listSize)
        {
            // A gateway's _entities call returns exactly one entity per representation: its size is known, and
            // assuming the default would charge a subgraph ten times what the client's operation costs.
            if (field.Name == "_entities" && Representations(node) is { } count) return count;
            IEnumerable<string> slicing = (listSize is null ? null : StringList(listSize, "slicingArguments")) ?? DefaultSlicingArguments;
            double? assumed = null;
            if (listSize is not null)
                foreach (var a in listSize.Arguments)
                    if (a.Name.Value == "assumedSize" && a.Value is IntValueNode i) assumed = double.Parse(i.Value);
            double? sliced = null;
            foreach (var arg in node.Arguments)
            {
                if (!slicing.Contains(arg.Name.Value)) continue;
                var value = arg.Value switch
                {
                    IntValueNode i => (double?)double.Parse(i.Value),
                    VariableNode v when variables is not null && variables.TryGetValue(v.Name.Value, out var x) && x is not null => Convert.ToDouble(x),
                    _ => null,
                };
                if (value is not null) sliced = Math.Max(sliced ?? 0, value.Value);
            }
            return sliced ?? assumed ?? defaultListSize;
        }

        private double? Representations(FieldNode node)
        {
            foreach (var arg in node.Arguments)
            {
                if (arg.Name.Value != "representations") continue;
                return arg.Value switch
                {
                    ListValueNode list => list.Values.Count,
                    VariableNode v when variables is not null && variables.TryGetValue(v.Name.Value, out var x) && x is System.Collections.ICollection c => c.Count,
                    _ => null,
                };
            }
            return null;
        }

        private static IReadOnlyList<string>? StringList(DirectiveNode directive, string argument)
        {
            foreach (var a in directive.Arguments)
                if (a.Name.Value == argument)
                    return a.Value switch
                    {
                        ListValueNode l => l.Values.OfType<StringValueNode>().Select(s => s.Value).ToArray(),
                        StringValueNode one => [one.Value], // a list argument given one value (input coercion)
                        _ => null,
                    };
            return null;
        }

        private static DirectiveNode? Find(IReadOnlyList<DirectiveNode> directives, string name)
        {
            foreach (var d in directives) if (d.Name.Value == name) return d;
            return null;
        }

        private static double? Weight(IReadOnlyList<DirectiveNode> directives)
        {
            var cost = Find(directives, "cost");
            if (cost is null) return null;
            foreach (var a in cost.Arguments)
                if (a.Name.Value == "weight")
                    return a.Value switch
                    {
                        StringValueNode s when double.TryParse(s.Value, System.Globalization.CultureInfo.InvariantCulture, out var w) => w,
                        IntValueNode i => double.Parse(i.Value),
                        FloatValueNode f => double.Parse(f.Value, System.Globalization.CultureInfo.InvariantCulture),
                        _ => null,
                    };
            return null;
        }
    }
}
