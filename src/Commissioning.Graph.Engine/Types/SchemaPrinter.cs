using System.Text;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Types;

/// <summary>
/// Prints a schema as SDL (spec §3 type system definitions) in graphql-js 17 printSchema's layout:
/// the schema block only when the roots are not named Query / Mutation / Subscription (or the schema
/// has a description), then custom directive definitions, then every type except the built-in
/// scalars and the introspection types, separated by blank lines.
/// </summary>
public static class SchemaPrinter
{
    private static readonly HashSet<string> IntrospectionTypeNames = new(StringComparer.Ordinal)
    {
        "__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind",
    };

    /// <summary>graphql-js printSchema.</summary>
    public static string Print(Schema schema) => new SchemaWriter(includeAppliedDirectives: false).Print(schema);

    /// <summary>As <see cref="Print"/>, and also every directive recorded in the elements' <c>AppliedDirectives</c>
    /// (e.g. <c>@key</c>, <c>@policy</c>), printed where the SDL grammar places them. Used for federation
    /// subgraph SDL. The schema block is also printed when the schema itself has applied directives.</summary>
    public static string PrintIncludingAppliedDirectives(Schema schema) => new SchemaWriter(includeAppliedDirectives: true).Print(schema);

    /// <summary>One named type, as printSchema prints it.</summary>
    public static string PrintType(NamedType type) => new SchemaWriter(includeAppliedDirectives: false).PrintType(type);

    /// <summary>True for types printSchema leaves out: the specified scalars and the introspection types (by name, as graphql-js).</summary>
    public static bool IsBuiltInType(NamedType type) =>
        (type is ScalarType && BuiltInScalars.Find(type.Name) is not null) || IntrospectionTypeNames.Contains(type.Name);

    private sealed class SchemaWriter
    {
        private readonly bool _applied;

        public SchemaWriter(bool includeAppliedDirectives) => _applied = includeAppliedDirectives;

        public string Print(Schema schema)
        {
            var parts = new List<string>();
            if (PrintSchemaDefinition(schema) is { } schemaDef) parts.Add(schemaDef);
            foreach (var d in schema.Directives)
                if (!SpecifiedDirectives.IsSpecified(d.Name) && !d.IsBuiltIn) parts.Add(PrintDirectiveDefinition(d));
            foreach (var t in schema.Types)
                if (!IsBuiltInType(t)) parts.Add(PrintType(t));
            return string.Join("\n\n", parts);
        }

        private string? PrintSchemaDefinition(Schema schema)
        {
            var applied = _applied ? AppliedDirectives(schema.AppliedDirectives) : "";
            if (schema.Description is null && IsSchemaOfCommonNames(schema) && applied.Length == 0) return null;
            var ops = new List<string>();
            if (schema.QueryType is { } q) ops.Add("  query: " + q.Name);
            if (schema.MutationType is { } m) ops.Add("  mutation: " + m.Name);
            if (schema.SubscriptionType is { } s) ops.Add("  subscription: " + s.Name);
            return Description(schema.Description) + "schema" + applied + " {\n" + string.Join("\n", ops) + "\n}";
        }

        // graphql-js: with the conventional root names the schema block can be left out.
        private static bool IsSchemaOfCommonNames(Schema schema) =>
            (schema.QueryType is null || schema.QueryType.Name == "Query")
            && (schema.MutationType is null || schema.MutationType.Name == "Mutation")
            && (schema.SubscriptionType is null || schema.SubscriptionType.Name == "Subscription");

        public string PrintType(NamedType type) => type switch
        {
            ScalarType s => Description(s.Description) + "scalar " + s.Name + SpecifiedBy(s) + TypeDirectives(s, "specifiedBy", s.SpecifiedByUrl is not null),
            ObjectType o => Description(o.Description) + "type " + o.Name + Implements(o.Interfaces) + TypeDirectives(o) + Fields(o.Fields),
            InterfaceType i => Description(i.Description) + "interface " + i.Name + Implements(i.Interfaces) + TypeDirectives(i) + Fields(i.Fields),
            UnionType u => Description(u.Description) + "union " + u.Name + TypeDirectives(u)
                           + (u.Types.Count > 0 ? " = " + string.Join(" | ", u.Types.Select(t => t.Name)) : ""),
            EnumType e => Description(e.Description) + "enum " + e.Name + TypeDirectives(e) + Block(e.Values.List.Select((v, i) =>
                Description(v.Description, "  ", i == 0) + "  " + v.Name + Deprecated(v.DeprecationReason) + MemberDirectives(v.AppliedDirectives, v.DeprecationReason))),
            InputObjectType io => Description(io.Description) + "input " + io.Name + (io.IsOneOf ? " @oneOf" : "") + TypeDirectives(io, "oneOf", io.IsOneOf)
                                  + Block(io.Fields.List.Select((f, i) => Description(f.Description, "  ", i == 0) + "  " + InputValue(f))),
            _ => throw new ArgumentException("Unexpected type: " + type),
        };

        private static string Implements(IReadOnlyList<InterfaceType> interfaces) =>
            interfaces.Count > 0 ? " implements " + string.Join(" & ", interfaces.Select(i => i.Name)) : "";

        private string Fields(OrderedFields<FieldDefinition> fields) => Block(fields.List.Select((f, i) =>
            Description(f.Description, "  ", i == 0) + "  " + f.Name + Arguments(f.Arguments.List, "  ") + ": " + f.Type
            + Deprecated(f.DeprecationReason) + MemberDirectives(f.AppliedDirectives, f.DeprecationReason)));

        private static string Block(IEnumerable<string> items)
        {
            var list = items.ToList();
            return list.Count > 0 ? " {\n" + string.Join("\n", list) + "\n}" : "";
        }

        private string Arguments(IReadOnlyList<InputValueDefinition> args, string indentation = "")
        {
            if (args.Count == 0) return "";
            if (args.All(a => string.IsNullOrEmpty(a.Description)))
                return "(" + string.Join(", ", args.Select(InputValue)) + ")";
            return "(\n" + string.Join("\n", args.Select((a, i) =>
                Description(a.Description, "  " + indentation, i == 0) + "  " + indentation + InputValue(a))) + "\n" + indentation + ")";
        }

        private string InputValue(InputValueDefinition value)
        {
            var sb = new StringBuilder(value.Name).Append(": ").Append(value.Type);
            // As __InputValue.defaultValue: the literal as written, else the value as a literal.
            if (Introspection.IntrospectionSchema.PrintDefaultValue(value) is { } printedDefault)
                sb.Append(" = ").Append(printedDefault);
            return sb.Append(Deprecated(value.DeprecationReason)).Append(MemberDirectives(value.AppliedDirectives, value.DeprecationReason)).ToString();
        }

        private string PrintDirectiveDefinition(DirectiveDefinition d) =>
            Description(d.Description) + "directive @" + d.Name + Arguments(d.Arguments.List)
            + Deprecated(d.DeprecationReason) + (d.IsRepeatable ? " repeatable" : "") + " on " + string.Join(" | ", d.Locations);

        private static string Deprecated(string? reason)
        {
            if (reason is null) return "";
            if (reason != SpecifiedDirectives.DefaultDeprecationReason)
                return " @deprecated(reason: " + Printer.PrintString(reason) + ")";
            return " @deprecated";
        }

        private static string SpecifiedBy(ScalarType scalar) =>
            scalar.SpecifiedByUrl is null ? "" : " @specifiedBy(url: " + Printer.PrintString(scalar.SpecifiedByUrl) + ")";

        // Applied directives (only when asked for), leaving out the one already printed from the model.
        private string TypeDirectives(NamedType type, string? printedName = null, bool printed = false) =>
            _applied ? AppliedDirectives(type.AppliedDirectives, printed ? printedName : null) : "";

        private string MemberDirectives(IReadOnlyList<DirectiveNode> directives, string? deprecationReason) =>
            _applied ? AppliedDirectives(directives, deprecationReason is not null ? "deprecated" : null) : "";

        private static string AppliedDirectives(IReadOnlyList<DirectiveNode> directives, string? skip = null)
        {
            var sb = new StringBuilder();
            foreach (var d in directives)
            {
                if (skip is not null && d.Name.Value == skip) continue;
                sb.Append(' ').Append(Printer.Print(d));
            }
            return sb.ToString();
        }

        // graphql-js printDescription: a block string when it reads back unchanged, else a quoted string;
        // members after the first in a block are preceded by a blank line.
        private static string Description(string? description, string indentation = "", bool firstInBlock = true)
        {
            if (description is null) return "";
            var literal = AstValuePrinter.IsPrintableAsBlockString(description)
                ? Printer.PrintBlockString(description)
                : Printer.PrintString(description);
            var prefix = indentation.Length > 0 && !firstInBlock ? "\n" + indentation : indentation;
            return prefix + literal.Replace("\n", "\n" + indentation) + "\n";
        }
    }
}
