using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Validation;

/// <summary>
/// Walks a document once, running several visitors in parallel (graphql-js visitInParallel with
/// visitWithTypeInfo): for each node, TypeInfo enters first, then each visitor in order; on the
/// way out each visitor leaves in order, then TypeInfo. Recursion follows the syntax tree only
/// (never fragment spreads), so its depth is bounded by the parser's nesting limit.
/// </summary>
internal sealed class DocumentWalker
{
    private readonly TypeInfo? _typeInfo;
    private readonly ValidationVisitor[] _visitors;
    private readonly int _visitorCount;
    private readonly SyntaxNode?[] _skipping;
    private readonly List<SyntaxNode> _ancestors = new();
    private int _skippingCount;

    /// <summary>Runs the first <paramref name="count"/> of <paramref name="visitors"/> (all when omitted); the walker
    /// keeps the array, so the caller fills one array and neither copies nor trims it (validation runs per request).</summary>
    public DocumentWalker(TypeInfo? typeInfo, ValidationVisitor[] visitors, int count = -1)
    {
        _typeInfo = typeInfo;
        _visitors = visitors;
        _visitorCount = count < 0 ? visitors.Length : count;
        _skipping = new SyntaxNode?[_visitorCount];
    }

    /// <summary>The nodes from the root of the walk down to the parent of the node being visited.</summary>
    public IReadOnlyList<SyntaxNode> Ancestors => _ancestors;

    public void Walk(SyntaxNode root) => Visit(root);

    private void Visit(SyntaxNode node)
    {
        _typeInfo?.Enter(node);
        for (var i = 0; i < _visitorCount; i++)
        {
            if (_skipping[i] is not null) continue;
            var v = _visitors[i];
            v.SkipRequested = false;
            v.EnterNode(node);
            if (!v.SkipRequested) CallEnter(v, node);
            if (v.SkipRequested)
            {
                v.SkipRequested = false;
                _skipping[i] = node;
                _skippingCount++;
            }
        }

        if (_skippingCount < _visitorCount)
        {
            _ancestors.Add(node);
            VisitChildren(node);
            _ancestors.RemoveAt(_ancestors.Count - 1);
        }

        for (var i = 0; i < _visitorCount; i++)
        {
            if (_skipping[i] is { } s)
            {
                if (ReferenceEquals(s, node)) { _skipping[i] = null; _skippingCount--; }
                continue;
            }
            CallLeave(_visitors[i], node);
            _visitors[i].LeaveNode(node);
        }
        _typeInfo?.Leave(node);
    }

    private void VisitAll<T>(IReadOnlyList<T> nodes) where T : SyntaxNode
    {
        for (var i = 0; i < nodes.Count; i++) Visit(nodes[i]);
    }

    private void VisitChildren(SyntaxNode node)
    {
        switch (node)
        {
            case DocumentNode d: VisitAll(d.Definitions); break;
            case OperationDefinitionNode op:
                VisitAll(op.VariableDefinitions); VisitAll(op.Directives); Visit(op.SelectionSet); break;
            case VariableDefinitionNode vd:
                Visit(vd.Type);
                if (vd.DefaultValue is not null) Visit(vd.DefaultValue);
                VisitAll(vd.Directives);
                break;
            case SelectionSetNode ss: VisitAll(ss.Selections); break;
            case FieldNode f:
                VisitAll(f.Arguments); VisitAll(f.Directives);
                if (f.SelectionSet is not null) Visit(f.SelectionSet);
                break;
            case ArgumentNode a: Visit(a.Value); break;
            case FragmentSpreadNode fs: VisitAll(fs.Directives); break;
            case InlineFragmentNode inl:
                if (inl.TypeCondition is not null) Visit(inl.TypeCondition);
                VisitAll(inl.Directives); Visit(inl.SelectionSet);
                break;
            case FragmentDefinitionNode fd:
                Visit(fd.TypeCondition); VisitAll(fd.Directives); Visit(fd.SelectionSet); break;
            case ListValueNode lv: VisitAll(lv.Values); break;
            case ObjectValueNode ov: VisitAll(ov.Fields); break;
            case ObjectFieldNode of: Visit(of.Value); break;
            case DirectiveNode dir: VisitAll(dir.Arguments); break;
            case ListTypeNode lt: Visit(lt.Type); break;
            case NonNullTypeNode nn: Visit(nn.Type); break;

            // Type system (descriptions are not visited)
            case SchemaDefinitionNode sd: VisitAll(sd.Directives); VisitAll(sd.OperationTypes); break;
            case SchemaExtensionNode se: VisitAll(se.Directives); VisitAll(se.OperationTypes); break;
            case OperationTypeDefinitionNode ot: Visit(ot.Type); break;
            case ScalarTypeDefinitionNode st: VisitAll(st.Directives); break;
            case ObjectTypeDefinitionNode o: VisitAll(o.Interfaces); VisitAll(o.Directives); VisitAll(o.Fields); break;
            case InterfaceTypeDefinitionNode it: VisitAll(it.Interfaces); VisitAll(it.Directives); VisitAll(it.Fields); break;
            case UnionTypeDefinitionNode u: VisitAll(u.Directives); VisitAll(u.Types); break;
            case EnumTypeDefinitionNode e: VisitAll(e.Directives); VisitAll(e.Values); break;
            case InputObjectTypeDefinitionNode io: VisitAll(io.Directives); VisitAll(io.Fields); break;
            case FieldDefinitionNode fdef: VisitAll(fdef.Arguments); Visit(fdef.Type); VisitAll(fdef.Directives); break;
            case InputValueDefinitionNode iv:
                Visit(iv.Type);
                if (iv.DefaultValue is not null) Visit(iv.DefaultValue);
                VisitAll(iv.Directives);
                break;
            case EnumValueDefinitionNode ev: VisitAll(ev.Directives); break;
            case DirectiveDefinitionNode dd: VisitAll(dd.Directives); VisitAll(dd.Arguments); break;
        }
    }

    private static void CallEnter(ValidationVisitor v, SyntaxNode node)
    {
        switch (node)
        {
            case DocumentNode n: v.EnterDocument(n); break;
            case OperationDefinitionNode n: v.EnterOperationDefinition(n); break;
            case FragmentDefinitionNode n: v.EnterFragmentDefinition(n); break;
            case VariableDefinitionNode n: v.EnterVariableDefinition(n); break;
            case SelectionSetNode n: v.EnterSelectionSet(n); break;
            case FieldNode n: v.EnterField(n); break;
            case FragmentSpreadNode n: v.EnterFragmentSpread(n); break;
            case InlineFragmentNode n: v.EnterInlineFragment(n); break;
            case ArgumentNode n: v.EnterArgument(n); break;
            case DirectiveNode n: v.EnterDirective(n); break;
            case ValueNode n:
                v.EnterValue(n);
                if (v.SkipRequested) break;
                if (n is ListValueNode l) v.EnterListValue(l);
                else if (n is ObjectValueNode o) v.EnterObjectValue(o);
                break;
            case ObjectFieldNode n: v.EnterObjectField(n); break;
            case NamedTypeNode n: v.EnterNamedType(n); break;
            case SchemaDefinitionNode n: v.EnterSchemaDefinition(n); break;
            case SchemaExtensionNode n: v.EnterSchemaExtension(n); break;
            case OperationTypeDefinitionNode n: v.EnterOperationTypeDefinition(n); break;
            case TypeDefinitionNode n:
                v.EnterTypeDefinition(n);
                if (v.SkipRequested) break;
                switch (n)
                {
                    case ScalarTypeDefinitionNode s: v.EnterScalarTypeDefinition(s); break;
                    case ObjectTypeDefinitionNode o: v.EnterObjectTypeDefinition(o); break;
                    case InterfaceTypeDefinitionNode i: v.EnterInterfaceTypeDefinition(i); break;
                    case UnionTypeDefinitionNode u: v.EnterUnionTypeDefinition(u); break;
                    case EnumTypeDefinitionNode e: v.EnterEnumTypeDefinition(e); break;
                    case InputObjectTypeDefinitionNode io: v.EnterInputObjectTypeDefinition(io); break;
                }
                break;
            case FieldDefinitionNode n: v.EnterFieldDefinition(n); break;
            case InputValueDefinitionNode n: v.EnterInputValueDefinition(n); break;
            case EnumValueDefinitionNode n: v.EnterEnumValueDefinition(n); break;
            case DirectiveDefinitionNode n: v.EnterDirectiveDefinition(n); break;
        }
    }

    private static void CallLeave(ValidationVisitor v, SyntaxNode node)
    {
        switch (node)
        {
            case DocumentNode n: v.LeaveDocument(n); break;
            case OperationDefinitionNode n: v.LeaveOperationDefinition(n); break;
            case FragmentDefinitionNode n: v.LeaveFragmentDefinition(n); break;
            case VariableDefinitionNode n: v.LeaveVariableDefinition(n); break;
            case SelectionSetNode n: v.LeaveSelectionSet(n); break;
            case FieldNode n: v.LeaveField(n); break;
            case FragmentSpreadNode n: v.LeaveFragmentSpread(n); break;
            case InlineFragmentNode n: v.LeaveInlineFragment(n); break;
            case ArgumentNode n: v.LeaveArgument(n); break;
            case DirectiveNode n: v.LeaveDirective(n); break;
            case ValueNode n:
                if (n is ListValueNode l) v.LeaveListValue(l);
                else if (n is ObjectValueNode o) v.LeaveObjectValue(o);
                v.LeaveValue(n);
                break;
            case ObjectFieldNode n: v.LeaveObjectField(n); break;
            case NamedTypeNode n: v.LeaveNamedType(n); break;
            case SchemaDefinitionNode n: v.LeaveSchemaDefinition(n); break;
            case SchemaExtensionNode n: v.LeaveSchemaExtension(n); break;
            case OperationTypeDefinitionNode n: v.LeaveOperationTypeDefinition(n); break;
            case TypeDefinitionNode n:
                switch (n)
                {
                    case ScalarTypeDefinitionNode s: v.LeaveScalarTypeDefinition(s); break;
                    case ObjectTypeDefinitionNode o: v.LeaveObjectTypeDefinition(o); break;
                    case InterfaceTypeDefinitionNode i: v.LeaveInterfaceTypeDefinition(i); break;
                    case UnionTypeDefinitionNode u: v.LeaveUnionTypeDefinition(u); break;
                    case EnumTypeDefinitionNode e: v.LeaveEnumTypeDefinition(e); break;
                    case InputObjectTypeDefinitionNode io: v.LeaveInputObjectTypeDefinition(io); break;
                }
                v.LeaveTypeDefinition(n);
                break;
            case FieldDefinitionNode n: v.LeaveFieldDefinition(n); break;
            case InputValueDefinitionNode n: v.LeaveInputValueDefinition(n); break;
            case EnumValueDefinitionNode n: v.LeaveEnumValueDefinition(n); break;
            case DirectiveDefinitionNode n: v.LeaveDirectiveDefinition(n); break;
        }
    }
}
