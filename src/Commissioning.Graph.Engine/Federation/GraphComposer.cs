using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Federation;

/// <summary>A composed schema and the SDL to publish for it.</summary>
public sealed class ComposedGraph
{
    public required Schema Schema { get; init; }
    /// <summary>The merged document the schema was built from (federation fields included).</summary>
    public required DocumentNode Document { get; init; }
    /// <summary>Subgraph mode: the SDL <c>_service { sdl }</c> returns, the input of supergraph composition. Null in Monolith mode.</summary>
    public string? SubgraphSdl { get; init; }
    public required EntityDirectory Entities { get; init; }

    /// <summary>The executable schema's SDL with the directives applied in it (<c>@key</c>, <c>@policy</c>, …).</summary>
    public string PrintSdl() => SchemaPrinter.PrintIncludingAppliedDirectives(Schema);
}

/// <summary>
/// Joins modules into a schema. <see cref="ComposeMode.Monolith"/>: every module merged into one graph
/// (see <see cref="SdlMerger"/> for the rules). <see cref="ComposeMode.Subgraph"/>: the shared modules and
/// exactly one other, plus Apollo Federation 2 subgraph support — <c>_service</c>, <c>_entities</c>,
/// <c>_Any</c>, <c>_Entity</c>. In both modes, when the graph has an interface <c>Node</c> and no module
/// defines <c>Query.node</c>, the composer adds <c>node(id: ID!): Node</c> (Global Object Identification;
/// ids from <see cref="GlobalId"/>, entities from <see cref="EntityDirectory"/>) and resolves <c>id</c> on
/// every implementation that does not resolve it itself. In Monolith mode a field that returns an
/// <see cref="IEntityReference"/> (another module's entity by key) returns the entity its owner resolves
/// (<see cref="EntityReferences"/>), as a gateway would.
/// </summary>
public static class GraphComposer
{
    /// <summary>Directives that the federation specification defines; the subgraph SDL imports them through <c>@link</c>
    /// instead of defining them.</summary>
    public static readonly IReadOnlyList<string> FederationDirectives = new[]
    {
        "key", "external", "shareable", "requires", "provides", "override", "inaccessible", "tag", "extends",
        "interfaceObject", "composeDirective", "authenticated", "requiresScopes", "policy", "context", "fromContext", "cost", "listSize",
    };

    private const string FederationSpec = "https://specs.apollo.dev/federation/";
    private static readonly ParserOptions SdlParserOptions = new() { MaxTokens = 0 };

    /// <param name="graph">Subgraph mode: every module of the graph (the subgraph's own included or not). From it the
    /// subgraph learns the implementations of the shared interfaces it returns (reference stubs, see
    /// <see cref="AddReferenceStubs"/>) and which module serves <c>node(id:)</c> (<see cref="ComposableModule.ServesGlobalIds"/>).
    /// Without it a subgraph knows only its own modules, and every subgraph serves <c>node(id:)</c> for its own types.</param>
    public static ComposedGraph Compose(IReadOnlyList<ComposableModule> modules, ComposeMode mode, IReadOnlyList<ComposableModule>? graph = null)
    {
        if (mode == ComposeMode.Subgraph && modules.Count(m => !m.IsShared) != 1)
            throw new ArgumentException("A subgraph is composed from the shared modules and exactly one other module.", nameof(modules));
        var duplicate = modules.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Module \"{duplicate.Key}\" is given twice.", nameof(modules));

        var merger = new SdlMerger(dropExternalFields: mode == ComposeMode.Monolith);
        var documents = modules.Select(m => (Module: m, Document: ParseSdl(m))).ToList();
        foreach (var (module, parsed) in documents) merger.Add(module.Name, parsed);
        var definitions = merger.ToDocument().Definitions.ToList();
        var owners = merger.Owners;
        var entities = new EntityDirectory(modules);

        var graphModules = mode == ComposeMode.Subgraph && graph is not null
            ? modules.Concat(graph.Where(g => modules.All(m => m.Name != g.Name))).ToList()
            : modules;
        // In a federated graph whose modules name one to serve node(id:), only that subgraph defines it: it turns any id
        // into a reference by type and key, and the gateway asks the owners for the fields (one answer whatever the plan).
        var nodeServer = mode == ComposeMode.Subgraph ? graphModules.FirstOrDefault(m => m.ServesGlobalIds) : null;
        var addNode = Find<InterfaceTypeDefinitionNode>(definitions, "Node") is not null
                      && Find<ObjectTypeDefinitionNode>(definitions, "Query")?.Fields.Any(f => f.Name.Value == "node") != true
                      && (nodeServer is null || modules.Any(m => m.Name == nodeServer.Name));
        // Where the authorisation directives are declared, node(id:) carries an explicit rule like every other
        // field: any authenticated caller may ask; what it returns is guarded by the rules of its type's fields.
        if (addNode) AppendFields(definitions, "Query", definitions.OfType<DirectiveDefinitionNode>().Any(d => d.Name.Value == "authenticated")
            ? "node(id: ID!): Node @authenticated" : "node(id: ID!): Node");

        string? subgraphSdl = null;
        var entityTypes = new List<string>();
        var graphEntities = entities;
        if (mode == ComposeMode.Subgraph)
        {
            var sharedModules = modules.Where(m => m.IsShared).Select(m => m.Name).ToHashSet();
            if (graphModules != modules)
            {
                var graphMerger = new SdlMerger(dropExternalFields: true);
                foreach (var module in graphModules) graphMerger.Add(module.Name, ParseSdl(module));
                var sharedInterfaces = definitions.OfType<InterfaceTypeDefinitionNode>()
                    .Where(i => sharedModules.Contains(owners.GetValueOrDefault(i.Name.Value) ?? "")).Select(i => i.Name.Value).ToHashSet();
                // A node(id:) every subgraph serves (@shareable) answers for the subgraph's own types only: no stubs for it.
                AddReferenceStubs(definitions, graphMerger.ToDocument().Definitions, sharedInterfaces, ignoreNodeField: nodeServer is null);
                graphEntities = new EntityDirectory(graphModules);
            }
            var moduleDocument = documents.Single(d => !d.Module.IsShared).Document;
            subgraphSdl = PrintSubgraphSdl(definitions, documents.Where(d => d.Module.IsShared).Select(d => d.Document).ToList(), owners,
                sharedModules, addNode && nodeServer is null);
            entityTypes = moduleDocument.Definitions.OfType<ObjectTypeDefinitionNode>()
                .Where(t => t.Directives.Any(IsResolvableKey)).Select(t => t.Name.Value).Distinct().ToList();
            definitions.Add(ParseDefinition("scalar _Any"));
            definitions.Add(ParseDefinition("type _Service { sdl: String }"));
            AppendFields(definitions, "Query", "_service: _Service!");
            if (entityTypes.Count > 0)
            {
                definitions.Add(ParseDefinition("union _Entity = " + string.Join(" | ", entityTypes)));
                AppendFields(definitions, "Query", "_entities(representations: [_Any!]!): [_Entity]!");
            }
        }

        var document = new DocumentNode { Definitions = definitions };
        var schema = SdlSchemaBuilder.Build(document);
        var typeResolvers = BindModules(schema, Printer.Print(document), modules);
        foreach (var type in schema.Types)
        {
            if (type is not IAbstractType abstractType) continue;
            var resolvers = typeResolvers.GetValueOrDefault(type.Name) ?? new List<TypeResolver>();
            TypeResolver composed = (value, context) => EntityTypename.Resolve(value, context, abstractType, resolvers);
            if (type is InterfaceType i) i.ResolveType = composed;
            else ((UnionType)type).ResolveType = composed;
        }
        // Node ids are bound wherever node(id:) is served in the graph, whether this subgraph serves it or not.
        if (addNode || nodeServer is not null) BindNode(schema, entities, nodeServer is not null ? graphEntities : null, addNode, nodeServer?.GlobalIdReferences);
        if (mode == ComposeMode.Monolith) EntityReferences.Bind(schema, entities);
        if (subgraphSdl is not null)
        {
            var service = new Dictionary<string, object?> { ["sdl"] = subgraphSdl };
            schema.QueryType!.Fields["_service"].Resolver = _ => new ValueTask<object?>(service);
            if (entityTypes.Count > 0) schema.QueryType.Fields["_entities"].Resolver = context => ResolveEntitiesAsync(context, entityTypes, entities);
        }
        SchemaValidator.AssertValid(schema);
        return new ComposedGraph { Schema = schema, Document = document, SubgraphSdl = subgraphSdl, Entities = entities };
    }

    internal static DocumentNode ParseSdl(ComposableModule module)
    {
        try { return Parser.Parse(module.Sdl, SdlParserOptions); }
        catch (GraphQLException e) { throw new GraphQLException(new GraphQLError($"Module \"{module.Name}\": {e.Message}")); }
    }

    /// <summary>The single field named by a type's first <c>@key(fields:)</c>, or null for compound keys.</summary>
    internal static string? SingleKeyField(TypeDefinitionNode type) =>
        KeyFields(type).FirstOrDefault() is { Length: 1 } fields ? fields[0] : null;

    private static IEnumerable<string[]> KeyFields(TypeDefinitionNode type) =>
        type.Directives.Where(d => d.Name.Value == "key")
            .Select(d => d.Arguments.FirstOrDefault(a => a.Name.Value == "fields")?.Value is StringValueNode s
                ? s.Value.Split(new[] { ' ', '\t', '\n', '\r', ',' }, StringSplitOptions.RemoveEmptyEntries) : Array.Empty<string>());

    // @key(resolvable: false) marks a reference-only entity: this subgraph cannot load it.
    private static bool IsResolvableKey(DirectiveNode d) =>
        d.Name.Value == "key" && !d.Arguments.Any(a => a.Name.Value == "resolvable" && a.Value is BooleanValueNode { Value: false });

    /// <summary>Every module binds its resolvers on a builder of its own (over the same SDL), so that two modules
    /// binding one coordinate are caught, and each module's type resolvers are kept rather than overwritten.</summary>
    private static Dictionary<string, List<TypeResolver>> BindModules(Schema schema, string sdl, IReadOnlyList<ComposableModule> modules)
    {
        var boundBy = new Dictionary<string, string>(StringComparer.Ordinal);
        var typeResolvers = new Dictionary<string, List<TypeResolver>>(StringComparer.Ordinal);
        var defaultScalar = new ScalarType("Default");
        foreach (var module in modules)
        {
            if (module.Configure is null) continue;
            var builder = SchemaBuilder.FromSdl(sdl).WithoutValidation();
            module.Configure(builder);
            var bound = builder.Build();
            foreach (var type in bound.Types)
            {
                if (SchemaPrinter.IsBuiltInType(type)) continue;
                var target = schema.GetType(type.Name)!;
                switch (type)
                {
                    case IComplexOutputType complex:
                        foreach (var field in complex.Fields.Values)
                        {
                            if (field.Resolver is null && field.Subscriber is null) continue;
                            var coordinate = type.Name + "." + field.Name;
                            if (boundBy.TryGetValue(coordinate, out var other))
                                throw SdlMerger.Conflict($"Field \"{coordinate}\" is resolved", other, module.Name);
                            boundBy[coordinate] = module.Name;
                            var targetField = ((IComplexOutputType)target).Fields[field.Name];
                            targetField.Resolver = field.Resolver ?? targetField.Resolver;
                            targetField.Subscriber = field.Subscriber ?? targetField.Subscriber;
                        }
                        if (type is ObjectType { IsTypeOf: { } isTypeOf }) ((ObjectType)target).IsTypeOf = isTypeOf;
                        if (type is InterfaceType { ResolveType: { } interfaceResolver }) AddTypeResolver(type.Name, interfaceResolver);
                        break;
                    case UnionType { ResolveType: { } unionResolver }:
                        AddTypeResolver(type.Name, unionResolver);
                        break;
                    case ScalarType scalar:
                        var targetScalar = (ScalarType)target;
                        if (scalar.Serialize != defaultScalar.Serialize) targetScalar.Serialize = scalar.Serialize;
                        if (scalar.ParseValue != defaultScalar.ParseValue) targetScalar.ParseValue = scalar.ParseValue;
                        if (scalar.ParseLiteral != defaultScalar.ParseLiteral) targetScalar.ParseLiteral = scalar.ParseLiteral;
                        break;
                }
            }
        }
        return typeResolvers;

        void AddTypeResolver(string typeName, TypeResolver resolver)
        {
            if (!typeResolvers.TryGetValue(typeName, out var list)) typeResolvers[typeName] = list = new List<TypeResolver>();
            list.Add(resolver);
        }
    }

    /// <param name="references">The subgraph serving <c>node(id:)</c> for the whole graph: the keys of every type, for the
    /// reference it answers with when it cannot load the entity itself (the gateway asks the owner, which answers null
    /// for an entity that does not exist or that the caller may not see, as the one process does).</param>
    /// <param name="vouch">The node server's <see cref="ComposableModule.GlobalIdReferences"/>: the reference, or what stands for it.</param>
    private static void BindNode(Schema schema, EntityDirectory entities, EntityDirectory? references, bool nodeField, EntityResolverFunc? vouch)
    {
        if (nodeField) schema.QueryType!.Fields["node"].Resolver = async context =>
        {
            if (context.Arguments["id"] is not string id || !GlobalId.TryDecode(id, out var typeName, out var key)) return null;
            // Only a type of this schema that implements Node can be fetched by id.
            if (schema.GetType(typeName) is not ObjectType type || !type.Interfaces.Any(i => i.Name == "Node")) return null;
            if (references is not null && !entities.CanResolve(typeName))
            {
                if (references.KeyField(typeName) is not { } field) return null;
                var reference = new Dictionary<string, object?>(StringComparer.Ordinal) { ["__typename"] = typeName, [field] = field == "id" ? id : key };
                return vouch is null ? reference : await vouch(reference, context);
            }
            // A type keyed by its global id (@key(fields: "id")) is looked up by the id itself, not the decoded key.
            return await entities.ResolveByKeyAsync(typeName, entities.KeyField(typeName) == "id" ? id : key, context);
        };
        var keys = references ?? entities;
        foreach (var type in schema.Types.OfType<ObjectType>())
        {
            if (!type.Interfaces.Any(i => i.Name == "Node") || !type.Fields.TryGetValue("id", out var idField) || idField.Resolver is not null) continue;
            var typeName = type.Name;
            var keyField = keys.KeyField(typeName) ?? "code";
            // A reference keyed by the global id itself (node(id:)'s answer for another subgraph's entity) holds its id.
            if (keyField == "id" && references is not null && !entities.CanResolve(typeName)) continue;
            var keyResolver = type.Fields.TryGetValue(keyField, out var kf) ? kf.Resolver : null;
            idField.Resolver = async context =>
            {
                var key = DefaultFieldResolver.GetProperty(context.Source, keyField)
                          ?? (keyResolver is not null ? await keyResolver(context) : null);
                return key is null ? null : GlobalId.Encode(typeName, Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture)!);
            };
        }
    }

    // Apollo Federation subgraph spec: one entity (or null) per representation, in order. All are started
    // before any is awaited so that the modules' DataLoaders batch them.
    private static async ValueTask<object?> ResolveEntitiesAsync(IResolveContext context, IReadOnlyList<string> entityTypes, EntityDirectory entities)
    {
        var representations = (IReadOnlyList<object?>)context.Arguments["representations"]!;
        var pending = new List<Task<object?>>(representations.Count);
        foreach (var item in representations)
        {
            if (item is not IReadOnlyDictionary<string, object?> representation || representation.GetValueOrDefault("__typename") is not string typeName)
                throw new GraphQLException(new GraphQLError("Each representation must be an object with a string \"__typename\"."));
            if (!entityTypes.Contains(typeName) || !entities.CanResolve(typeName))
                throw new GraphQLException(new GraphQLError($"This subgraph cannot resolve entities of type \"{typeName}\"."));
            pending.Add(entities.ResolveAsync(typeName, representation, context).AsTask());
        }
        return await Task.WhenAll(pending);
    }

    /// <summary>
    /// Subgraph mode: for each interface of the shared part (<c>Organisation</c>, <c>Node</c>) that a field of this
    /// subgraph returns, every implementation of it in the graph becomes known here by key, so that the subgraph can
    /// return a value of any kind and the gateway fetches its other fields from the owner. A type the subgraph lacks
    /// becomes a stub <c>type X implements I @key(fields: "…", resolvable: false)</c> with its key fields and the
    /// interface's other fields <c>@external</c> (Apollo Federation 2: external fields may satisfy an interface); a type
    /// the subgraph extends gets the interface and its missing fields, external, added.
    /// </summary>
    private static void AddReferenceStubs(List<DefinitionNode> definitions, IReadOnlyList<DefinitionNode> graph, IReadOnlySet<string> sharedInterfaces,
        bool ignoreNodeField)
    {
        var returned = definitions.OfType<ObjectTypeDefinitionNode>()
            .SelectMany(o => o.Fields.Where(f => !(ignoreNodeField && o.Name.Value == "Query" && f.Name.Value == "node")))
            .Select(f => NamedTypeOf(f.Type)).Where(sharedInterfaces.Contains).ToHashSet();
        var external = new DirectiveNode { Name = new NameNode("external") };
        var authenticated = definitions.OfType<DirectiveDefinitionNode>().Any(d => d.Name.Value == "authenticated");
        foreach (var interfaceName in returned.Order(StringComparer.Ordinal))
        {
            var @interface = Find<InterfaceTypeDefinitionNode>(definitions, interfaceName)!;
            foreach (var implementation in graph.OfType<ObjectTypeDefinitionNode>().Where(o => o.Interfaces.Any(i => i.Name.Value == interfaceName)))
            {
                var key = KeyFields(implementation).FirstOrDefault();
                if (key is null) continue; // not an entity: nothing the gateway could fetch it by
                var index = definitions.FindIndex(d => d is ObjectTypeDefinitionNode o && o.Name.Value == implementation.Name.Value);
                var local = index >= 0 ? (ObjectTypeDefinitionNode)definitions[index] : null;
                if (local?.Interfaces.Any(i => i.Name.Value == interfaceName) == true) continue;
                var fields = local?.Fields.ToList() ?? new List<FieldDefinitionNode>();
                // A new stub keeps its type's own authorisation rules: a value returned here for it (node(id:)) is judged by
                // them in this subgraph exactly as the owner judges the entity.
                var typeRules = authenticated && local is null ? implementation.Directives.Where(IsAuthorisation).ToList() : [];
                foreach (var keyField in key.Where(k => fields.All(f => f.Name.Value != k)))
                {
                    // The key only echoes the reference (the owner's rules guard the entity's fields); where authorisation
                    // directives are declared it carries @authenticated, as node(id:) does, not the owner's policies,
                    // which need the entity loaded — unless the type has rules of its own, which this subgraph judges
                    // (from what the owner published): then the key keeps the owner's rules too.
                    var owned = implementation.Fields.First(f => f.Name.Value == keyField);
                    fields.Add(new FieldDefinitionNode { Name = owned.Name, Arguments = owned.Arguments, Type = owned.Type,
                        Directives = typeRules.Count > 0 ? owned.Directives.Where(IsAuthorisation).ToList()
                            : authenticated ? [new DirectiveNode { Name = new NameNode("authenticated") }] : [] });
                }
                foreach (var field in @interface.Fields.Where(f => fields.All(g => g.Name.Value != f.Name.Value)))
                {
                    var owned = implementation.Fields.First(f => f.Name.Value == field.Name.Value);
                    fields.Add(new FieldDefinitionNode { Name = owned.Name, Arguments = owned.Arguments, Type = owned.Type, Directives = [external] });
                }
                var interfaces = (local?.Interfaces ?? []).Append(new NamedTypeNode { Name = new NameNode(interfaceName) }).ToList();
                var stub = new ObjectTypeDefinitionNode
                {
                    Description = local?.Description, Name = implementation.Name, Interfaces = interfaces, Fields = fields,
                    Directives = local?.Directives ?? [(DirectiveNode)((ObjectTypeDefinitionNode)ParseDefinition(
                        $"type X @key(fields: \"{string.Join(' ', key)}\", resolvable: false)")).Directives[0], .. typeRules],
                };
                if (index >= 0) definitions[index] = stub;
                else definitions.Add(stub);
            }
        }
    }

    private static bool IsAuthorisation(DirectiveNode d) => d.Name.Value is "policy" or "requiresScopes" or "authenticated";

    private static string NamedTypeOf(TypeNode type) => type switch
    {
        NonNullTypeNode n => NamedTypeOf(n.Type),
        ListTypeNode l => NamedTypeOf(l.Type),
        NamedTypeNode named => named.Name.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>
    /// The SDL a federation gateway composes: the subgraph's types with their directives, federation
    /// directives imported through <c>@link</c> (v2.6, or v2.9 when <c>@cost</c>/<c>@listSize</c> are used)
    /// instead of defined, key fields not <c>@external</c> (Federation 2 entity stubs), and the shared
    /// modules' value types and root fields <c>@shareable</c>, since every subgraph defines them alike.
    /// </summary>
    private static string PrintSubgraphSdl(List<DefinitionNode> definitions, IReadOnlyList<DocumentNode> sharedDocuments,
        IReadOnlyDictionary<string, string> owners, IReadOnlySet<string> sharedModules, bool addedNode)
    {
        var sharedRootFields = sharedDocuments.SelectMany(d => d.Definitions.OfType<ObjectTypeDefinitionNode>())
            .Where(t => t.Name.Value is "Query" or "Mutation").SelectMany(t => t.Fields.Select(f => t.Name.Value + "." + f.Name.Value)).ToHashSet();
        if (addedNode) sharedRootFields.Add("Query.node");
        var shareable = new DirectiveNode { Name = new NameNode("shareable") };

        var printed = new List<DefinitionNode>();
        foreach (var definition in definitions)
        {
            switch (definition)
            {
                case DirectiveDefinitionNode d when FederationDirectives.Contains(d.Name.Value):
                    continue;
                case ObjectTypeDefinitionNode o:
                {
                    var name = o.Name.Value;
                    var keyFields = KeyFields(o).SelectMany(k => k).ToHashSet();
                    var isRoot = name is "Query" or "Mutation" or "Subscription";
                    var fields = o.Fields.Select(f =>
                    {
                        var directives = f.Directives.ToList();
                        if (keyFields.Contains(f.Name.Value)) directives.RemoveAll(d => d.Name.Value == "external");
                        if (isRoot && sharedRootFields.Contains(name + "." + f.Name.Value) && !directives.Any(d => d.Name.Value == "shareable"))
                            directives.Add(shareable);
                        return new FieldDefinitionNode { Description = f.Description, Name = f.Name, Arguments = f.Arguments, Type = f.Type, Directives = directives };
                    }).ToList();
                    var typeDirectives = o.Directives.ToList();
                    if (!isRoot && sharedModules.Contains(owners.GetValueOrDefault(name) ?? "") && !typeDirectives.Any(d => d.Name.Value == "shareable"))
                        typeDirectives.Add(shareable);
                    printed.Add(new ObjectTypeDefinitionNode { Description = o.Description, Name = o.Name, Interfaces = o.Interfaces, Directives = typeDirectives, Fields = fields });
                    break;
                }
                default:
                    printed.Add(definition);
                    break;
            }
        }

        var used = new SortedSet<string>(StringComparer.Ordinal) { "key" };
        foreach (var name in AppliedDirectiveNames(printed)) if (FederationDirectives.Contains(name)) used.Add(name);
        var version = used.Contains("cost") || used.Contains("listSize") ? "v2.9" : "v2.6";
        var link = $"extend schema @link(url: \"{FederationSpec}{version}\", import: [{string.Join(", ", used.Select(n => "\"@" + n + "\""))}])";
        return link + "\n\n" + Printer.Print(new DocumentNode { Definitions = printed }) + "\n";
    }

    private static IEnumerable<string> AppliedDirectiveNames(IEnumerable<DefinitionNode> definitions)
    {
        foreach (var definition in definitions.OfType<TypeDefinitionNode>())
        {
            foreach (var d in definition.Directives) yield return d.Name.Value;
            var fields = definition switch
            {
                ObjectTypeDefinitionNode o => o.Fields,
                InterfaceTypeDefinitionNode i => i.Fields,
                _ => Array.Empty<FieldDefinitionNode>(),
            };
            foreach (var f in fields)
            {
                foreach (var d in f.Directives) yield return d.Name.Value;
                foreach (var a in f.Arguments) foreach (var d in a.Directives) yield return d.Name.Value;
            }
            if (definition is EnumTypeDefinitionNode e) foreach (var v in e.Values) foreach (var d in v.Directives) yield return d.Name.Value;
            if (definition is InputObjectTypeDefinitionNode io) foreach (var f in io.Fields) foreach (var d in f.Directives) yield return d.Name.Value;
        }
    }

    private static T? Find<T>(List<DefinitionNode> definitions, string name) where T : TypeDefinitionNode =>
        definitions.OfType<T>().FirstOrDefault(t => t.Name.Value == name);

    private static DefinitionNode ParseDefinition(string sdl) => Parser.Parse(sdl, SdlParserOptions).Definitions[0];

    /// <summary>Adds fields (SDL, e.g. <c>"node(id: ID!): Node"</c>) to the object type <paramref name="typeName"/>, creating it if absent.</summary>
    private static void AppendFields(List<DefinitionNode> definitions, string typeName, string fieldsSdl)
    {
        var added = ((ObjectTypeDefinitionNode)ParseDefinition($"type {typeName} {{ {fieldsSdl} }}")).Fields;
        var index = definitions.FindIndex(d => d is ObjectTypeDefinitionNode o && o.Name.Value == typeName);
        if (index < 0)
        {
            definitions.Add(new ObjectTypeDefinitionNode { Name = new NameNode(typeName), Fields = added });
            return;
        }
        var existing = (ObjectTypeDefinitionNode)definitions[index];
        definitions[index] = new ObjectTypeDefinitionNode
        {
            Description = existing.Description, Name = existing.Name, Interfaces = existing.Interfaces,
            Directives = existing.Directives, Fields = existing.Fields.Concat(added).ToList(),
        };
    }
}
