using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Provided required arguments — spec §5.4.2.1 "Required Arguments".
/// <para>
/// Every argument of a field or directive whose type is non-null and that has no default value
/// must be given. The error is located at the field or directive. Directives are checked against
/// the schema's directives and any directive defined in the document itself.
/// </para>
/// </summary>
public sealed class ProvidedRequiredArgumentsRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        private readonly RequiredDirectiveArguments _directives;

        public Visitor(ValidationContext context)
        {
            _context = context;
            _directives = new RequiredDirectiveArguments(context.SchemaOrNull, context.Document);
        }

        public override void LeaveField(FieldNode node)
        {
            var fieldDef = _context.GetFieldDef();
            if (fieldDef is null) return;
            HashSet<string>? provided = null;
            foreach (var argDef in fieldDef.Arguments.List)
            {
                if (argDef.Type is not NonNullType || argDef.HasDefaultValue) continue;
                provided ??= new HashSet<string>(node.Arguments.Select(a => a.Name.Value), StringComparer.Ordinal);
                if (!provided.Contains(argDef.Name))
                {
                    _context.ReportError(new GraphQLError(
                        $"Field \"{fieldDef.Name}\" argument \"{argDef.Name}\" of type \"{argDef.Type}\" is required, but it was not provided.",
                        new SyntaxNode[] { node }));
                }
            }
        }

        public override void LeaveDirective(DirectiveNode node)
        {
            foreach (var error in _directives.Check(node)) _context.ReportError(error);
        }
    }
}

/// <summary>
/// The required arguments of every known directive — those of the schema (or, without a schema,
/// the specified directives) and those defined in the document (which take precedence) — and the
/// check of a directive use against them. Shared by the executable and SDL variants of the rule.
/// </summary>
internal sealed class RequiredDirectiveArguments
{
    private readonly Dictionary<string, List<(string Name, string TypeText)>> _required = new(StringComparer.Ordinal);

    public RequiredDirectiveArguments(Schema? schema, DocumentNode document)
    {
        var directives = schema is not null ? schema.Directives : SpecifiedDirectives.All;
        foreach (var d in directives)
        {
            _required[d.Name] = d.Arguments.List
                .Where(a => a.Type is NonNullType && !a.HasDefaultValue)
                .Select(a => (a.Name, a.Type.ToString()!))
                .ToList();
        }
        foreach (var def in document.Definitions)
        {
            if (def is not DirectiveDefinitionNode dd) continue;
            var list = new List<(string, string)>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var a in dd.Arguments)
            {
                if (a.Type is not NonNullTypeNode || a.DefaultValue is not null) continue;
                // A later required argument of the same name replaces an earlier one in place.
                if (seen.TryGetValue(a.Name.Value, out var idx)) list[idx] = (a.Name.Value, PrintType(a.Type));
                else { seen[a.Name.Value] = list.Count; list.Add((a.Name.Value, PrintType(a.Type))); }
            }
            _required[dd.Name.Value] = list;
        }
    }

    /// <summary>One error per required argument the directive does not give.</summary>
    public IEnumerable<GraphQLError> Check(DirectiveNode node)
    {
        var name = node.Name.Value;
        if (!_required.TryGetValue(name, out var required) || required.Count == 0) yield break;
        var provided = new HashSet<string>(node.Arguments.Select(a => a.Name.Value), StringComparer.Ordinal);
        foreach (var (argName, typeText) in required)
        {
            if (!provided.Contains(argName))
                yield return new GraphQLError(
                    $"Directive \"@{name}\" argument \"{argName}\" of type \"{typeText}\" is required, but it was not provided.",
                    new SyntaxNode[] { node });
        }
    }

    internal static string PrintType(TypeNode type) => type switch
    {
        NamedTypeNode n => n.Name.Value,
        ListTypeNode l => "[" + PrintType(l.Type) + "]",
        NonNullTypeNode nn => PrintType(nn.Type) + "!",
        _ => "",
    };
}
