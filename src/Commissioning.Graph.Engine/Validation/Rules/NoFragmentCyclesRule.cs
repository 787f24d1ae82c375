using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// No fragment cycles — spec §5.5.2.2 "Fragment Spreads Must Not Form Cycles".
/// <para>
/// A depth-first search from each fragment definition (in document order) over the fragments it
/// spreads, keeping the path of spreads; a spread of a fragment already on the path closes a
/// cycle, reported once with the spreads of the cycle as locations. Fragments already explored
/// are not explored again, so each cycle is reported once. The search uses an explicit stack, so
/// a chain of thousands of fragments cannot overflow the call stack.
/// </para>
/// </summary>
public sealed class NoFragmentCyclesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
        /// <summary>The spreads from the root of the search to the current fragment.</summary>
        private readonly List<FragmentSpreadNode> _spreadPath = new();
        /// <summary>For each fragment on the current path, the index in <see cref="_spreadPath"/> of its first outgoing spread.</summary>
        private readonly Dictionary<string, int> _spreadPathIndexByName = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context) => _context = context;

        public override void EnterFragmentDefinition(FragmentDefinitionNode node) => DetectCycles(node);

        private sealed class Frame
        {
            public required string Name { get; init; }
            public required IReadOnlyList<FragmentSpreadNode> Spreads { get; init; }
            public int Next { get; set; }
        }

        private void DetectCycles(FragmentDefinitionNode root)
        {
            var stack = new Stack<Frame>();
            TryEnter(root, stack);
            while (stack.Count > 0)
            {
                var frame = stack.Peek();
                if (frame.Next > 0) _spreadPath.RemoveAt(_spreadPath.Count - 1); // the previous spread is done
                if (frame.Next >= frame.Spreads.Count)
                {
                    _spreadPathIndexByName.Remove(frame.Name);
                    stack.Pop();
                    continue;
                }
                var spread = frame.Spreads[frame.Next++];
                var spreadName = spread.Name.Value;
                _spreadPath.Add(spread);
                if (_spreadPathIndexByName.TryGetValue(spreadName, out var cycleIndex))
                {
                    var cyclePath = _spreadPath.GetRange(cycleIndex, _spreadPath.Count - cycleIndex);
                    var via = string.Join(", ", cyclePath.Take(cyclePath.Count - 1).Select(s => "\"" + s.Name.Value + "\""));
                    _context.ReportError(new GraphQLError(
                        $"Cannot spread fragment \"{spreadName}\" within itself" + (via.Length > 0 ? $" via {via}." : "."),
                        cyclePath));
                }
                else if (_context.GetFragment(spreadName) is { } fragment)
                {
                    TryEnter(fragment, stack);
                }
            }
        }

        /// <summary>Starts exploring a fragment unless it was explored before or spreads nothing.</summary>
        private void TryEnter(FragmentDefinitionNode fragment, Stack<Frame> stack)
        {
            var name = fragment.Name.Value;
            if (!_visited.Add(name)) return;
            var spreads = _context.GetFragmentSpreads(fragment.SelectionSet);
            if (spreads.Count == 0) return;
            _spreadPathIndexByName[name] = _spreadPath.Count;
            stack.Push(new Frame { Name = name, Spreads = spreads });
        }
    }
}
