using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation.Rules;

/// <summary>
/// Values of correct type — spec §5.6.1 "Values of Correct Type".
/// <para>
/// Every literal must be coercible to the input type expected where it appears: lists to list
/// types, input objects with known fields and every required field present (and, for
/// <c>@oneOf</c> input objects, exactly one non-null field), enum values the enum defines, and
/// scalars their <c>ParseLiteral</c> accepts; <c>null</c> never where a non-null type is expected.
/// Errors are located at the offending value (or input object field, for unknown fields).
/// </para>
/// </summary>
public sealed class ValuesOfCorrectTypeRule : IValidationRule
{
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor : ValidationVisitor
    {
        private readonly ValidationContext _context;
        public Visitor(ValidationContext context) => _context = context;

        public override void EnterListValue(ListValueNode node)
        {
            var type = _context.GetParentInputType() is { } t ? Schema.GetNullableType(t) : null;
            if (type is not ListType)
            {
                IsValidValueNode(_context, node);
                SkipChildren(); // reported as a whole
            }
        }

        public override void EnterObjectValue(ObjectValueNode node)
        {
            var type = _context.GetInputType() is { } t ? Schema.GetNamedType(t) : null;
            if (type is not InputObjectType inputType)
            {
                IsValidValueNode(_context, node);
                SkipChildren(); // reported as a whole
                return;
            }

            // Every required field must be given (the last occurrence of a name wins).
            var fieldNodeMap = new Dictionary<string, ObjectFieldNode>(StringComparer.Ordinal);
            var keys = new List<string>();
            foreach (var f in node.Fields)
            {
                if (!fieldNodeMap.ContainsKey(f.Name.Value)) keys.Add(f.Name.Value);
                fieldNodeMap[f.Name.Value] = f;
            }
            foreach (var fieldDef in inputType.Fields.List)
            {
                if (!fieldNodeMap.ContainsKey(fieldDef.Name) && fieldDef.Type is NonNullType && !fieldDef.HasDefaultValue)
                {
                    _context.ReportError(new GraphQLError(
                        $"Field \"{inputType.Name}.{fieldDef.Name}\" of required type \"{fieldDef.Type}\" was not provided.",
                        new SyntaxNode[] { node }));
                }
            }

            if (inputType.IsOneOf)
            {
                if (keys.Count != 1)
                {
                    _context.ReportError(new GraphQLError(
                        $"OneOf Input Object \"{inputType.Name}\" must specify exactly one key.", new SyntaxNode[] { node }));
                }
                else if (fieldNodeMap[keys[0]].Value is NullValueNode)
                {
                    _context.ReportError(new GraphQLError(
                        $"Field \"{inputType.Name}.{keys[0]}\" must be non-null.", new SyntaxNode[] { node }));
                }
            }
        }

        public override void EnterObjectField(ObjectFieldNode node)
        {
            var parentType = _context.GetParentInputType() is { } p ? Schema.GetNamedType(p) : null;
            var fieldType = _context.GetInputType();
            if (fieldType is null && parentType is InputObjectType parentObject)
            {
                var suggestions = !_context.Options.FieldSuggestions
                    ? Array.Empty<string>()
                    : Suggestions.SuggestionList(node.Name.Value, parentObject.Fields.Keys);
                _context.ReportError(new GraphQLError(
                    $"Field \"{node.Name.Value}\" is not defined by type \"{parentObject.Name}\"." + Suggestions.DidYouMean(suggestions),
                    new SyntaxNode[] { node }));
            }
        }

        public override void EnterValue(ValueNode node)
        {
            switch (node)
            {
                case NullValueNode:
                    if (_context.GetInputType() is NonNullType nonNull)
                    {
                        _context.ReportError(new GraphQLError(
                            $"Expected value of type \"{nonNull}\", found null.", new SyntaxNode[] { node }));
                    }
                    break;
                case EnumValueNode or IntValueNode or FloatValueNode or StringValueNode or BooleanValueNode:
                    IsValidValueNode(_context, node);
                    break;
            }
        }
    }

    /// <summary>Reports an error unless the literal is valid for the leaf type expected here.
    /// Nothing is reported when the expected type is unknown (another rule reports that).</summary>
    private static void IsValidValueNode(ValidationContext context, ValueNode node)
    {
        var locationType = context.GetInputType();
        if (locationType is null) return;
        var type = Schema.GetNamedType(locationType);
        if (type is EnumType enumType)
        {
            ValidateEnumLiteral(context, enumType, node);
            return;
        }
        if (type is not ScalarType scalar)
        {
            context.ReportError(new GraphQLError(
                $"Expected value of type \"{locationType}\", found {Printer.Print(node)}.", new SyntaxNode[] { node }));
            return;
        }

        // Scalars decide whether a literal is valid through ParseLiteral (custom scalars accept any literal).
        try
        {
            scalar.ParseLiteral(node, null);
        }
        catch (CoercionException e) when (scalar.IsBuiltIn)
        {
            context.ReportError(new GraphQLError(e.Message, new SyntaxNode[] { node }));
        }
        catch (GraphQLException e)
        {
            foreach (var err in e.Errors)
                context.ReportError(err.Locations is null ? new GraphQLError(err.Message, new SyntaxNode[] { node }) : err);
        }
        catch (Exception e) when (e is not ValidationAbortedException and not OutOfMemoryException)
        {
            context.ReportError(new GraphQLError(
                $"Expected value of type \"{locationType}\", found {Printer.Print(node)}; {e.Message}",
                new SyntaxNode[] { node }, originalException: e));
        }
    }

    /// <summary>An enum literal must name one of the enum's values; a string literal is never an enum value.</summary>
    private static void ValidateEnumLiteral(ValidationContext context, EnumType enumType, ValueNode node)
    {
        var hide = !context.Options.FieldSuggestions;
        if (node is not EnumValueNode enumNode)
        {
            var valueStr = Printer.Print(node);
            context.ReportError(new GraphQLError(
                $"Enum \"{enumType.Name}\" cannot represent non-enum value: {valueStr}." + (hide ? "" : DidYouMeanEnumValue(enumType, valueStr)),
                new SyntaxNode[] { node }));
            return;
        }
        if (!enumType.Values.ContainsKey(enumNode.Value))
        {
            context.ReportError(new GraphQLError(
                $"Value \"{enumNode.Value}\" does not exist in \"{enumType.Name}\" enum." + (hide ? "" : DidYouMeanEnumValue(enumType, enumNode.Value)),
                new SyntaxNode[] { node }));
        }
    }

    private static string DidYouMeanEnumValue(EnumType enumType, string unknown)
        => Suggestions.DidYouMean("the enum value", Suggestions.SuggestionList(unknown, enumType.Values.Keys));
}
