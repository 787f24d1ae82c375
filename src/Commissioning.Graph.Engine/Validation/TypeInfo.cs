using Commissioning.Graph.Engine.Introspection;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Validation;

/// <summary>
/// Tracks, during a walk of a document, the schema types at the current position (graphql-js
/// TypeInfo): the output type and parent composite type of selections (spec §5.3), the field and
/// directive definitions, and the expected input type and default value of arguments and values
/// (spec §5.6). Unknown types and fields give nulls, never errors.
/// </summary>
public sealed class TypeInfo
{
    private readonly Schema _schema;
    private readonly List<IOutputType?> _typeStack = new();
    private readonly List<ICompositeType?> _parentTypeStack = new();
    private readonly List<IInputType?> _inputTypeStack = new();
    private readonly List<FieldDefinition?> _fieldDefStack = new();
    private readonly List<(bool Has, object? Value)> _defaultValueStack = new();
    private DirectiveDefinition? _directive;
    private InputValueDefinition? _argument;
    private EnumValueDefinition? _enumValue;

    public TypeInfo(Schema schema) => _schema = schema;

    private static T? Top<T>(List<T> l) => l.Count > 0 ? l[^1] : default;

    public new IOutputType? GetType() => Top(_typeStack);
    public ICompositeType? GetParentType() => Top(_parentTypeStack);
    public IInputType? GetInputType() => Top(_inputTypeStack);
    public IInputType? GetParentInputType() => _inputTypeStack.Count > 1 ? _inputTypeStack[^2] : null;
    public FieldDefinition? GetFieldDef() => Top(_fieldDefStack);
    public bool HasDefaultValue() => _defaultValueStack.Count > 0 && _defaultValueStack[^1].Has;
    public object? GetDefaultValue() => _defaultValueStack.Count > 0 ? _defaultValueStack[^1].Value : null;
    public DirectiveDefinition? GetDirective() => _directive;
    public InputValueDefinition? GetArgument() => _argument;
    public EnumValueDefinition? GetEnumValue() => _enumValue;

    /// <summary>The field definition a field node selects on the parent type, meta-fields included (spec §4.5).</summary>
    public static FieldDefinition? GetFieldDef(Schema schema, ICompositeType parentType, string name)
    {
        if (name == "__schema" && ReferenceEquals(schema.QueryType, parentType)) return IntrospectionSchema.SchemaMetaField;
        if (name == "__type" && ReferenceEquals(schema.QueryType, parentType)) return IntrospectionSchema.TypeMetaField;
        if (name == "__typename") return IntrospectionSchema.TypeNameMetaField;
        return parentType is IComplexOutputType c && c.Fields.TryGetValue(name, out var f) ? f : null;
    }

    private static IOutputType? AsOutput(IGraphQLType? t) => t is IOutputType o && Schema.IsOutputType(t) ? o : null;
    private static IInputType? AsInput(IGraphQLType? t) => t is IInputType i && Schema.IsInputType(t) ? i : null;

    public void Enter(SyntaxNode node)
    {
        switch (node)
        {
            case SelectionSetNode:
            {
                var t = GetType();
                _parentTypeStack.Add(t is null ? null : Schema.GetNamedType(t) as ICompositeType);
                break;
            }
            case FieldNode f:
            {
                var parent = GetParentType();
                var def = parent is null ? null : GetFieldDef(_schema, parent, f.Name.Value);
                _fieldDefStack.Add(def);
                _typeStack.Add(AsOutput(def?.Type));
                break;
            }
            case DirectiveNode d:
                _directive = _schema.GetDirective(d.Name.Value);
                break;
            case OperationDefinitionNode op:
                _typeStack.Add(_schema.GetRootType(op.Operation));
                break;
            case InlineFragmentNode inl:
            {
                IGraphQLType? t = inl.TypeCondition is { } tc ? _schema.TypeFromAst(tc) : (GetType() is { } cur ? Schema.GetNamedType(cur) : null);
                _typeStack.Add(AsOutput(t));
                break;
            }
            case FragmentDefinitionNode fd:
                _typeStack.Add(AsOutput(_schema.TypeFromAst(fd.TypeCondition)));
                break;
            case VariableDefinitionNode vd:
                _inputTypeStack.Add(AsInput(_schema.TypeFromAst(vd.Type)));
                break;
            case ArgumentNode a:
            {
                InputValueDefinition? argDef = null;
                if (_directive is not null) _directive.Arguments.TryGetValue(a.Name.Value, out argDef);
                else if (GetFieldDef() is { } fdef) fdef.Arguments.TryGetValue(a.Name.Value, out argDef);
                _argument = argDef;
                _defaultValueStack.Add(argDef is { HasDefaultValue: true } ? (true, argDef.DefaultValue) : (false, null));
                _inputTypeStack.Add(AsInput(argDef?.Type));
                break;
            }
            case ListValueNode:
            {
                var lt = GetInputType() is { } it ? Schema.GetNullableType(it) : null;
                var item = lt is ListType l ? l.OfType : lt;
                _defaultValueStack.Add((false, null)); // list positions never have a default
                _inputTypeStack.Add(AsInput(item));
                break;
            }
            case ObjectFieldNode of:
            {
                InputValueDefinition? field = null;
                if (GetInputType() is { } it && Schema.GetNamedType(it) is InputObjectType io)
                    io.Fields.TryGetValue(of.Name.Value, out field);
                _defaultValueStack.Add(field is { HasDefaultValue: true } ? (true, field.DefaultValue) : (false, null));
                _inputTypeStack.Add(AsInput(field?.Type));
                break;
            }
            case EnumValueNode ev:
            {
                EnumValueDefinition? v = null;
                if (GetInputType() is { } it && Schema.GetNamedType(it) is EnumType et)
                    et.Values.TryGetValue(ev.Value, out v);
                _enumValue = v;
                break;
            }
        }
    }

    public void Leave(SyntaxNode node)
    {
        switch (node)
        {
            case SelectionSetNode: Pop(_parentTypeStack); break;
            case FieldNode: Pop(_fieldDefStack); Pop(_typeStack); break;
            case DirectiveNode: _directive = null; break;
            case OperationDefinitionNode or InlineFragmentNode or FragmentDefinitionNode: Pop(_typeStack); break;
            case VariableDefinitionNode: Pop(_inputTypeStack); break;
            case ArgumentNode: _argument = null; Pop(_defaultValueStack); Pop(_inputTypeStack); break;
            case ListValueNode or ObjectFieldNode: Pop(_defaultValueStack); Pop(_inputTypeStack); break;
            case EnumValueNode: _enumValue = null; break;
        }
    }

    private static void Pop<T>(List<T> l) { if (l.Count > 0) l.RemoveAt(l.Count - 1); }
}
