using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.4.1 Argument Names, for directives (also used on SDL): every argument of a directive is defined by it.</summary>
public sealed class KnownArgumentNamesOnDirectivesRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new DirectiveVisitor(context);

    internal class DirectiveVisitor : ValidationVisitor
    {
        protected readonly ValidationContext Context;
        private readonly Dictionary<string, List<string>> _directiveArgs = new(StringComparer.Ordinal);

        public DirectiveVisitor(ValidationContext context)
        {
            Context = context;
            foreach (var d in context.SchemaOrNull?.Directives ?? SpecifiedDirectives.All)
                _directiveArgs[d.Name] = d.Arguments.Keys.ToList();
            foreach (var def in context.Document.Definitions)
                if (def is DirectiveDefinitionNode dd)
                    _directiveArgs[dd.Name.Value] = dd.Arguments.Select(a => a.Name.Value).Distinct().ToList();
        }

        public override void EnterDirective(DirectiveNode node)
        {
            var name = node.Name.Value;
            if (_directiveArgs.TryGetValue(name, out var known))
            {
                foreach (var arg in node.Arguments)
                {
                    var argName = arg.Name.Value;
                    if (known.Contains(argName)) continue;
                    var suggestions = Context.Options.FieldSuggestions ? Suggestions.SuggestionList(argName, known) : Array.Empty<string>();
                    Context.ReportError($"Unknown argument \"{argName}\" on directive \"@{name}\"." + Suggestions.DidYouMean(suggestions), arg);
                }
            }
            SkipChildren();
        }
    }
}
