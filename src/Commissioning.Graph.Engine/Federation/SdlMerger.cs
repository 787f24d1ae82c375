using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Federation;

/// <summary>
/// Merges several modules' SDL documents into one document with a single definition per type:
/// a type's definition and every extension of it (from any module) become one definition;
/// an extension with no definition anywhere becomes the definition. Identical duplicates
/// (definitions, fields, enum values, directive uses, directive definitions) are kept once;
/// different ones are an error naming both modules. Fields marked <c>@external</c> are a
/// federation subgraph's view of another module's field, so in one graph they are dropped
/// wherever the type is defined by some module.
/// </summary>
internal sealed class SdlMerger
{
    private readonly bool _dropExternalFields;
    private readonly Dictionary<string, MergedType> _types = new(StringComparer.Ordinal);
    private readonly List<MergedType> _order = new();
    private readonly Dictionary<string, (DirectiveDefinitionNode Node, string Module)> _directives = new(StringComparer.Ordinal);

    public SdlMerger(bool dropExternalFields) => _dropExternalFields = dropExternalFields;

    /// <summary>The module that defines each type (or, when none does, the first that extends it).</summary>
    public IReadOnlyDictionary<string, string> Owners => _types.ToDictionary(t => t.Key, t => t.Value.DefinedBy ?? t.Value.FirstModule, StringComparer.Ordinal);

    public void Add(string module, DocumentNode document)
    {
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case DirectiveDefinitionNode d:
                    if (_directives.TryGetValue(d.Name.Value, out var existing))
                    {
                        if (Printer.Print(Strip(existing.Node)) != Printer.Print(Strip(d)))
                            throw Conflict($"Directive \"@{d.Name.Value}\" is defined differently", existing.Module, module);
                    }
                    else _directives[d.Name.Value] = (d, module);
                    break;
                case TypeDefinitionNode t:
                    AddType(module, t);
                    break;
                // Schema definitions and extensions (e.g. @link) are the composer's to write.
            }
        }
    }

    private void AddType(string module, TypeDefinitionNode node)
    {
        var name = node.Name.Value;
        if (!_types.TryGetValue(name, out var type))
        {
            _types[name] = type = new MergedType(name, node.GetType(), module);
            _order.Add(type);
        }
        else if (type.Kind != node.GetType())
            throw Conflict($"Type \"{name}\" is declared as different kinds of type", type.FirstModule, module);

        if (!node.IsExtension)
        {
            var signature = TypeSignature(node);
            if (type.DefinedBy is not null)
            {
                if (type.DefinitionSignature != signature)
                    throw Conflict($"Type \"{name}\" is defined differently", type.DefinedBy, module);
                return; // an identical duplicate: already merged
            }
            type.DefinedBy = module;
            type.DefinitionSignature = signature;
            type.Description = node.Description;
        }
        type.Parts.Add((node, module));
    }

    /// <summary>The merged document: directive definitions, then one definition per type, in first-seen order.</summary>
    public DocumentNode ToDocument()
    {
        var definitions = new List<DefinitionNode>();
        definitions.AddRange(_directives.Values.Select(d => d.Node));
        foreach (var type in _order) definitions.Add(type.Build(_dropExternalFields && type.DefinedBy is not null));
        return new DocumentNode { Definitions = definitions };
    }

    internal static GraphQLException Conflict(string what, string firstModule, string secondModule) =>
        new(new GraphQLError(firstModule == secondModule
            ? $"{what} twice in module \"{firstModule}\"."
            : $"{what} by modules \"{firstModule}\" and \"{secondModule}\"."));

    internal static bool IsExternal(FieldDefinitionNode field) => field.Directives.Any(d => d.Name.Value == "external");

    // Descriptions are documentation: two modules that describe the same field differently still agree on it.
    private static string TypeSignature(TypeDefinitionNode node) => node switch
    {
        ObjectTypeDefinitionNode o => Printer.Print(new ObjectTypeDefinitionNode { Name = o.Name, Interfaces = o.Interfaces, Directives = o.Directives, Fields = o.Fields.Select(Strip).ToList() }),
        InterfaceTypeDefinitionNode i => Printer.Print(new InterfaceTypeDefinitionNode { Name = i.Name, Interfaces = i.Interfaces, Directives = i.Directives, Fields = i.Fields.Select(Strip).ToList() }),
        EnumTypeDefinitionNode e => Printer.Print(new EnumTypeDefinitionNode { Name = e.Name, Directives = e.Directives, Values = e.Values.Select(v => new EnumValueDefinitionNode { Name = v.Name, Directives = v.Directives }).ToList() }),
        InputObjectTypeDefinitionNode io => Printer.Print(new InputObjectTypeDefinitionNode { Name = io.Name, Directives = io.Directives, Fields = io.Fields.Select(Strip).ToList() }),
        UnionTypeDefinitionNode u => Printer.Print(new UnionTypeDefinitionNode { Name = u.Name, Directives = u.Directives, Types = u.Types }),
        ScalarTypeDefinitionNode s => Printer.Print(new ScalarTypeDefinitionNode { Name = s.Name, Directives = s.Directives }),
        _ => Printer.Print(node),
    };

    private static FieldDefinitionNode Strip(FieldDefinitionNode f) =>
        new() { Name = f.Name, Arguments = f.Arguments.Select(Strip).ToList(), Type = f.Type, Directives = f.Directives };

    private static InputValueDefinitionNode Strip(InputValueDefinitionNode v) =>
        new() { Name = v.Name, Type = v.Type, DefaultValue = v.DefaultValue, Directives = v.Directives };

    private static DirectiveDefinitionNode Strip(DirectiveDefinitionNode d) =>
        new() { Name = d.Name, Arguments = d.Arguments.Select(Strip).ToList(), Repeatable = d.Repeatable, Locations = d.Locations };

    private sealed class MergedType(string name, Type kind, string firstModule)
    {
        public string Name { get; } = name;
        public Type Kind { get; } = kind;
        public string FirstModule { get; } = firstModule;
        public string? DefinedBy { get; set; }
        public string? DefinitionSignature { get; set; }
        public StringValueNode? Description { get; set; }
        public List<(TypeDefinitionNode Node, string Module)> Parts { get; } = new();

        public TypeDefinitionNode Build(bool dropExternalFields)
        {
            // The definition first, then extensions in module order.
            var parts = Parts.OrderBy(p => p.Node.IsExtension ? 1 : 0).ToList();
            var directives = new Members<DirectiveNode>("directive use", Name, d => Printer.Print(d), d => Printer.Print(d));
            foreach (var (node, module) in parts) directives.AddAll(node.Directives, module);
            var nameNode = new NameNode(Name);

            switch (parts[0].Node)
            {
                case ObjectTypeDefinitionNode:
                {
                    var (interfaces, fields) = MergeFields(parts.Select(p => (((ObjectTypeDefinitionNode)p.Node).Interfaces, ((ObjectTypeDefinitionNode)p.Node).Fields, p.Module)), dropExternalFields);
                    return new ObjectTypeDefinitionNode { Name = nameNode, Description = Description, Directives = directives.Items, Interfaces = interfaces, Fields = fields };
                }
                case InterfaceTypeDefinitionNode:
                {
                    var (interfaces, fields) = MergeFields(parts.Select(p => (((InterfaceTypeDefinitionNode)p.Node).Interfaces, ((InterfaceTypeDefinitionNode)p.Node).Fields, p.Module)), dropExternalFields);
                    return new InterfaceTypeDefinitionNode { Name = nameNode, Description = Description, Directives = directives.Items, Interfaces = interfaces, Fields = fields };
                }
                case UnionTypeDefinitionNode:
                {
                    var members = new Members<NamedTypeNode>("member", Name, t => t.Name.Value, t => t.Name.Value);
                    foreach (var (node, module) in parts) members.AddAll(((UnionTypeDefinitionNode)node).Types, module);
                    return new UnionTypeDefinitionNode { Name = nameNode, Description = Description, Directives = directives.Items, Types = members.Items };
                }
                case EnumTypeDefinitionNode:
                {
                    var values = new Members<EnumValueDefinitionNode>("value", Name, v => v.Name.Value, v => Printer.Print(new EnumValueDefinitionNode { Name = v.Name, Directives = v.Directives }));
                    foreach (var (node, module) in parts) values.AddAll(((EnumTypeDefinitionNode)node).Values, module);
                    return new EnumTypeDefinitionNode { Name = nameNode, Description = Description, Directives = directives.Items, Values = values.Items };
                }
                case InputObjectTypeDefinitionNode:
                {
                    var fields = new Members<InputValueDefinitionNode>("field", Name, f => f.Name.Value, f => Printer.Print(Strip(f)));
                    foreach (var (node, module) in parts) fields.AddAll(((InputObjectTypeDefinitionNode)node).Fields, module);
                    return new InputObjectTypeDefinitionNode { Name = nameNode, Description = Description, Directives = directives.Items, Fields = fields.Items };
                }
                default:
                    return new ScalarTypeDefinitionNode { Name = nameNode, Description = Description, Directives = directives.Items };
            }
        }

        private (List<NamedTypeNode>, List<FieldDefinitionNode>) MergeFields(
            IEnumerable<(IReadOnlyList<NamedTypeNode> Interfaces, IReadOnlyList<FieldDefinitionNode> Fields, string Module)> parts, bool dropExternalFields)
        {
            var interfaces = new Members<NamedTypeNode>("interface", Name, t => t.Name.Value, t => t.Name.Value);
            var fields = new Members<FieldDefinitionNode>("field", Name, f => f.Name.Value, f => Printer.Print(Strip(f)));
            foreach (var (ifaces, fs, module) in parts)
            {
                interfaces.AddAll(ifaces, module);
                fields.AddAll(dropExternalFields ? fs.Where(f => !IsExternal(f)) : fs, module);
            }
            return (interfaces.Items, fields.Items);
        }
    }

    /// <summary>Named members of a type gathered from several modules: identical ones kept once, different ones refused.
    /// Directive uses are keyed by their printed form, so two different uses of a repeatable directive are both kept.</summary>
    private sealed class Members<TNode>(string what, string typeName, Func<TNode, string> key, Func<TNode, string> signature)
    {
        private readonly Dictionary<string, (string Signature, string Module)> _seen = new(StringComparer.Ordinal);
        public List<TNode> Items { get; } = new();

        public void AddAll(IEnumerable<TNode> nodes, string module)
        {
            foreach (var node in nodes)
            {
                var k = key(node);
                var s = signature(node);
                if (_seen.TryGetValue(k, out var existing))
                {
                    if (existing.Signature == s) continue;
                    throw Conflict($"{Capitalise(what)} \"{typeName}.{k}\" is defined differently", existing.Module, module);
                }
                _seen[k] = (s, module);
                Items.Add(node);
            }
        }

        private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];
    }
}
