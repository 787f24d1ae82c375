using System.Runtime.CompilerServices;
using Commissioning.Graph.Engine.Introspection;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Execution;

// The execution plan: the result of CollectFields (spec §6.3.2) for each selection set and runtime
// object type, computed once per document and schema and reused by every request that executes the
// document, unless @skip/@include read a variable (then it is computed per request).

/// <summary>What the executor remembers about one document executed against one schema.</summary>
internal sealed class DocumentPlan
{
    private static readonly ConditionalWeakTable<DocumentNode, DocumentPlan> Cache = new();

    public readonly Schema Schema;
    public readonly DocumentNode Document;
    public readonly Dictionary<string, FragmentDefinitionNode> Fragments = new(StringComparer.Ordinal);
    public readonly List<OperationDefinitionNode> Operations = new();
    private (OperationDefinitionNode Operation, SelectionPlan Plan)[] _rootPlans = Array.Empty<(OperationDefinitionNode, SelectionPlan)>();

    private DocumentPlan(Schema schema, DocumentNode document)
    {
        Schema = schema;
        Document = document;
        foreach (var definition in document.Definitions)
        {
            if (definition is OperationDefinitionNode op) Operations.Add(op);
            else if (definition is FragmentDefinitionNode fragment) Fragments.TryAdd(fragment.Name.Value, fragment);
        }
    }

    public static DocumentPlan For(Schema schema, DocumentNode document)
    {
        if (Cache.TryGetValue(document, out var plan) && ReferenceEquals(plan.Schema, schema)) return plan;
        plan = new DocumentPlan(schema, document);
        Cache.AddOrUpdate(document, plan);
        return plan;
    }

    private int _usesIncremental; // 0 unknown, 1 no, 2 yes

    /// <summary>Whether any selection carries @defer or @stream (else incremental execution is ordinary execution).</summary>
    public bool UsesIncrementalDirectives
    {
        get
        {
            if (_usesIncremental == 0) _usesIncremental = Document.Definitions.Any(d => d is ExecutableDefinitionNode e && Uses(e.SelectionSet)) ? 2 : 1;
            return _usesIncremental == 2;

            static bool Uses(SelectionSetNode? set)
            {
                if (set is null) return false;
                foreach (var selection in set.Selections)
                {
                    foreach (var d in selection.Directives)
                        if (d.Name.Value is "defer" or "stream") return true;
                    var inner = selection switch { FieldNode f => f.SelectionSet, InlineFragmentNode i => i.SelectionSet, _ => null };
                    if (Uses(inner)) return true;
                }
                return false;
            }
        }
    }

    public SelectionPlan? GetCachedRootPlan(OperationDefinitionNode operation)
    {
        foreach (var (op, plan) in _rootPlans)
            if (ReferenceEquals(op, operation)) return plan;
        return null;
    }

    public void CacheRootPlan(OperationDefinitionNode operation, SelectionPlan plan)
    {
        lock (this)
        {
            if (GetCachedRootPlan(operation) is not null) return;
            var next = new (OperationDefinitionNode, SelectionPlan)[_rootPlans.Length + 1];
            _rootPlans.CopyTo(next, 0);
            next[^1] = (operation, plan);
            _rootPlans = next;
        }
    }
}

/// <summary>The fields of one selection set (or of several merged ones) for one runtime object type, in response order.</summary>
internal sealed class SelectionPlan
{
    public SelectionPlan(ObjectType type, FieldPlan[] fields, bool dependsOnVariables)
    {
        Type = type;
        Fields = fields;
        DependsOnVariables = dependsOnVariables;
        Keys = new string[fields.Length];
        for (var i = 0; i < fields.Length; i++) Keys[i] = fields[i].ResponseKey;
    }

    public readonly ObjectType Type;
    public readonly FieldPlan[] Fields;
    /// <summary>Shared by every <see cref="ResultMap"/> built from this plan.</summary>
    public readonly string[] Keys;
    /// <summary>True when an @skip/@include read a variable: the plan is valid for one request only.</summary>
    public readonly bool DependsOnVariables;
}

internal enum FieldKind : byte
{
    /// <summary>A field with a resolver (its own or the request's default).</summary>
    Resolved,
    /// <summary>A field read by the default resolver without building a context.</summary>
    Property,
    /// <summary>The <c>__typename</c> meta-field.</summary>
    TypeName,
    /// <summary>A field with a <see cref="FieldDefinition.SourceResolver"/>: resolved without a context.</summary>
    Source,
}

internal enum LeafKind : byte { None, Int, Float, String, Boolean, ID, Scalar, Enum }

/// <summary>One response key of a <see cref="SelectionPlan"/>: its merged field nodes and its definition.</summary>
internal sealed class FieldPlan
{
    public FieldPlan(ObjectType parentType, string responseKey, FieldNode[] fieldNodes, FieldDefinition definition)
    {
        ParentType = parentType;
        ResponseKey = responseKey;
        FieldNodes = fieldNodes;
        Definition = definition;
        ReturnType = definition.Type;
        FieldName = definition.Name;
        var first = fieldNodes[0];
        if (definition.Arguments.Count == 0)
        {
            ConstantArguments = ArgumentCoercion.NoArguments;
        }
        else
        {
            ArgumentsUseVariables = ArgumentCoercion.UsesVariables(first.Arguments);
        }
        var named = Schema.GetNamedType(ReturnType);
        if (named is EnumType enumType)
        {
            EnumNames = new Dictionary<object, string>();
            foreach (var v in enumType.Values.List)
                if (v.Value is not null) EnumNames.TryAdd(v.Value, v.Name);
        }
        if (named is ScalarType or EnumType && Schema.GetNullableType(ReturnType) is NamedType)
        {
            Leaf = named switch
            {
                EnumType => LeafKind.Enum,
                _ when ReferenceEquals(named, BuiltInScalars.Int) => LeafKind.Int,
                _ when ReferenceEquals(named, BuiltInScalars.Float) => LeafKind.Float,
                _ when ReferenceEquals(named, BuiltInScalars.String) => LeafKind.String,
                _ when ReferenceEquals(named, BuiltInScalars.Boolean) => LeafKind.Boolean,
                _ when ReferenceEquals(named, BuiltInScalars.ID) => LeafKind.ID,
                _ => LeafKind.Scalar,
            };
            LeafType = named;
        }
        NeedsContextForCompletion = named is IAbstractType || (named is ObjectType o && o.IsTypeOf is not null) || named is UnionType;
        ReturnTypeIsNonNull = ReturnType is NonNullType;
    }

    /// <summary>The object type whose selection holds the field (graphql-js info.parentType).</summary>
    public readonly ObjectType ParentType;
    public readonly string ResponseKey;
    public readonly string FieldName;
    public readonly FieldNode[] FieldNodes;
    public readonly FieldDefinition Definition;
    public readonly IGraphQLType ReturnType;
    public readonly bool ReturnTypeIsNonNull;
    /// <summary>Set when the type is a leaf type or a non-null leaf type: completion without a path on success.</summary>
    public readonly LeafKind Leaf;
    public readonly NamedType? LeafType;
    public FieldKind Kind;
    public readonly bool ArgumentsUseVariables;
    /// <summary>Coerced arguments when they do not depend on the request (set after the first successful coercion).</summary>
    public IReadOnlyDictionary<string, object?>? ConstantArguments;
    /// <summary>Enum result coercion: internal value to name.</summary>
    public readonly Dictionary<object, string>? EnumNames;
    /// <summary>Completing the value calls ResolveType or IsTypeOf, which take a resolve context.</summary>
    public readonly bool NeedsContextForCompletion;
    /// <summary>Incremental execution only: the @defer enclosing each of <see cref="FieldNodes"/> (null: none).</summary>
    public Incremental.DeferUsage?[]? DeferUsages;

    private SubPlanEntry? _subPlans;

    public SelectionPlan? GetCachedSubPlan(ObjectType type)
    {
        for (var e = _subPlans; e is not null; e = e.Next)
            if (ReferenceEquals(e.Type, type)) return e.Plan;
        return null;
    }

    public void CacheSubPlan(ObjectType type, SelectionPlan plan) => _subPlans = new SubPlanEntry(type, plan, _subPlans);

    private sealed class SubPlanEntry(ObjectType type, SelectionPlan plan, SubPlanEntry? next)
    {
        public readonly ObjectType Type = type;
        public readonly SelectionPlan Plan = plan;
        public readonly SubPlanEntry? Next = next;
    }
}

/// <summary>CollectFields (spec §6.3.2) with graphql-js's ordering: a response key's position is
/// where it first occurs; fragments are visited once per collection.</summary>
internal static class FieldCollector
{
    public static SelectionPlan Collect(Schema schema, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
        IReadOnlyDictionary<string, object?> variables, ObjectType runtimeType, SelectionSetNode selectionSet)
    {
        var state = new CollectState(schema, fragments, variables, runtimeType);
        state.CollectFrom(selectionSet);
        return state.Build();
    }

    public static SelectionPlan CollectSubfields(Schema schema, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
        IReadOnlyDictionary<string, object?> variables, ObjectType runtimeType, FieldNode[] fieldNodes)
    {
        var state = new CollectState(schema, fragments, variables, runtimeType);
        foreach (var node in fieldNodes)
            if (node.SelectionSet is { } set) state.CollectFrom(set);
        return state.Build();
    }

    private sealed class CollectState(Schema schema, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
        IReadOnlyDictionary<string, object?> variables, ObjectType runtimeType)
    {
        private readonly List<string> _keys = new();
        private readonly List<List<FieldNode>> _nodes = new();
        private Dictionary<string, int>? _index;
        private HashSet<string>? _visitedFragments;
        private bool _dependsOnVariables;

        public void CollectFrom(SelectionSetNode selectionSet)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case FieldNode field:
                        if (!ShouldInclude(field)) continue;
                        Add(field.ResponseKey, field);
                        break;
                    case InlineFragmentNode inline:
                        if (!ShouldInclude(inline) || !FragmentConditionMatches(inline.TypeCondition)) continue;
                        CollectFrom(inline.SelectionSet);
                        break;
                    case FragmentSpreadNode spread:
                        var name = spread.Name.Value;
                        if (_visitedFragments is not null && _visitedFragments.Contains(name)) continue;
                        if (!ShouldInclude(spread)) continue;
                        (_visitedFragments ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                        if (!fragments.TryGetValue(name, out var fragment) || !FragmentConditionMatches(fragment.TypeCondition)) continue;
                        CollectFrom(fragment.SelectionSet);
                        break;
                }
            }
        }

        private void Add(string key, FieldNode field)
        {
            if (_index is null && _keys.Count >= 8)
            {
                _index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < _keys.Count; i++) _index[_keys[i]] = i;
            }
            int at = -1;
            if (_index is not null) { if (!_index.TryGetValue(key, out at)) at = -1; }
            else for (var i = 0; i < _keys.Count; i++) if (_keys[i] == key) { at = i; break; }
            if (at >= 0) { _nodes[at].Add(field); return; }
            _keys.Add(key);
            _nodes.Add(new List<FieldNode>(1) { field });
            _index?.Add(key, _keys.Count - 1);
        }

        // graphql-js doesFragmentConditionMatch.
        private bool FragmentConditionMatches(NamedTypeNode? condition)
        {
            if (condition is null) return true;
            var type = schema.GetType(condition.Name.Value);
            if (ReferenceEquals(type, runtimeType)) return true;
            return type is IAbstractType abstractType && schema.IsSubType(abstractType, runtimeType);
        }

        // graphql-js shouldIncludeNode: @skip(if: true) excludes, then @include(if: false) excludes (spec §3.13.2, §3.13.3).
        public bool ShouldInclude(SelectionNode node)
        {
            if (node.Directives.Count == 0) return true;
            if (DirectiveIf(node, "skip") == true) return false;
            if (DirectiveIf(node, "include") == false) return false;
            return true;
        }

        private bool? DirectiveIf(SelectionNode node, string name)
        {
            DirectiveNode? directive = null;
            foreach (var d in node.Directives)
                if (d.Name.Value == name) { directive = d; break; }
            if (directive is null) return null;
            if (ArgumentCoercion.UsesVariables(directive.Arguments)) _dependsOnVariables = true;
            var definition = name == "skip" ? SpecifiedDirectives.Skip : SpecifiedDirectives.Include;
            var values = ArgumentCoercion.GetArgumentValues(definition.Arguments.List, directive.Arguments, directive, variables);
            return values.TryGetValue("if", out var v) && v is bool b ? b : null;
        }

        public SelectionPlan Build()
        {
            var fields = new List<FieldPlan>(_keys.Count);
            for (var i = 0; i < _keys.Count; i++)
            {
                var nodes = _nodes[i].ToArray();
                var definition = GetFieldDefinition(schema, runtimeType, nodes[0].Name.Value);
                if (definition is null) continue; // graphql-js leaves unknown fields out of the response
                var plan = new FieldPlan(runtimeType, _keys[i], nodes, definition);
                plan.Kind = ReferenceEquals(definition, IntrospectionSchema.TypeNameMetaField) ? FieldKind.TypeName
                    : definition.SourceResolver is not null && !plan.NeedsContextForCompletion ? FieldKind.Source
                    : definition.Resolver is null ? FieldKind.Property
                    : FieldKind.Resolved;
                fields.Add(plan);
            }
            return new SelectionPlan(runtimeType, fields.ToArray(), _dependsOnVariables);
        }
    }

    /// <summary>@skip/@include evaluated with the request's variables (spec §3.13.2, §3.13.3).</summary>
    public static bool ShouldInclude(SelectionNode node, IReadOnlyDictionary<string, object?> variables)
    {
        if (node.Directives.Count == 0) return true;
        foreach (var d in node.Directives)
        {
            if (d.Name.Value is not ("skip" or "include")) continue;
            var definition = d.Name.Value == "skip" ? SpecifiedDirectives.Skip : SpecifiedDirectives.Include;
            var values = ArgumentCoercion.GetArgumentValues(definition.Arguments.List, d.Arguments, d, variables);
            if (values.TryGetValue("if", out var v) && v is bool b && b == (d.Name.Value == "skip")) return false;
        }
        return true;
    }

    /// <summary>graphql-js getFieldDef: the meta-fields, then the type's own fields.</summary>
    public static FieldDefinition? GetFieldDefinition(Schema schema, ObjectType parentType, string fieldName)
    {
        if (fieldName.Length > 2 && fieldName[0] == '_' && fieldName[1] == '_')
        {
            if (fieldName == "__typename") return IntrospectionSchema.TypeNameMetaField;
            if (ReferenceEquals(schema.QueryType, parentType))
            {
                if (fieldName == "__schema") return IntrospectionSchema.SchemaMetaField;
                if (fieldName == "__type") return IntrospectionSchema.TypeMetaField;
            }
        }
        return parentType.Fields.TryGetValue(fieldName, out var definition) ? definition : null;
    }
}
