using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.6.3 Input Object Field Uniqueness: an input object literal gives each field once.</summary>
public sealed class UniqueInputFieldNamesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly Stack<Dictionary<string, NameNode>> _stack = new();
        private Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

        public override void EnterObjectValue(ObjectValueNode node)
        {
            _stack.Push(_known);
            _known = new Dictionary<string, NameNode>(StringComparer.Ordinal);
        }

        public override void LeaveObjectValue(ObjectValueNode node) => _known = _stack.Pop();

        public override void EnterObjectField(ObjectFieldNode node)
        {
            var name = node.Name.Value;
            if (_known.TryGetValue(name, out var first))
                context.ReportError($"There can be only one input field named \"{name}\".", first, node.Name);
            else
                _known[name] = node.Name;
        }
    }
}
