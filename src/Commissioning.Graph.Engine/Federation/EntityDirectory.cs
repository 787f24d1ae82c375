using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;

namespace Commissioning.Graph.Engine.Federation;

/// <summary>
/// Finds entities by type name and key across modules: the module that defines a type answers for
/// it (when it has an entity resolver), else the first module that has one. Used by <c>node(id:)</c>,
/// <c>_entities</c> and any cross-module lookup (e.g. an organisation by code).
/// </summary>
public sealed class EntityDirectory
{
    private readonly Dictionary<string, (EntityResolverFunc Resolve, string Module)> _resolvers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keyFields = new(StringComparer.Ordinal);

    public EntityDirectory(IReadOnlyList<ComposableModule> modules)
    {
        var merger = new SdlMerger(dropExternalFields: false);
        foreach (var module in modules)
        {
            var document = GraphComposer.ParseSdl(module);
            merger.Add(module.Name, document);
            foreach (var type in document.Definitions.OfType<TypeDefinitionNode>())
                if (!_keyFields.ContainsKey(type.Name.Value) && GraphComposer.SingleKeyField(type) is { } key)
                    _keyFields[type.Name.Value] = key;
        }
        var owners = merger.Owners;
        foreach (var module in modules)
            foreach (var (typeName, resolve) in module.Entities)
            {
                var owns = owners.TryGetValue(typeName, out var owner) && owner == module.Name;
                if (owns || !_resolvers.ContainsKey(typeName)) _resolvers[typeName] = (resolve, module.Name);
            }
    }

    public bool CanResolve(string typeName) => _resolvers.ContainsKey(typeName);

    /// <summary>The field named by the type's <c>@key(fields: "…")</c> when it is a single field (e.g. <c>code</c>).</summary>
    public string? KeyField(string typeName) => _keyFields.GetValueOrDefault(typeName);

    /// <summary>The entity a representation names, remembered as its type (see <see cref="EntityTypename"/>); null when none.</summary>
    public async ValueTask<object?> ResolveAsync(string typeName, IReadOnlyDictionary<string, object?> representation, IResolveContext context)
    {
        if (!_resolvers.TryGetValue(typeName, out var entry)) return null;
        return EntityTypename.Remember(await entry.Resolve(representation, context), typeName);
    }

    /// <summary>The entity of type <paramref name="typeName"/> whose single key field is <paramref name="key"/>.</summary>
    public ValueTask<object?> ResolveByKeyAsync(string typeName, string key, IResolveContext context)
    {
        if (KeyField(typeName) is not { } field) return new ValueTask<object?>((object?)null);
        var representation = new Dictionary<string, object?>(StringComparer.Ordinal) { ["__typename"] = typeName, [field] = key };
        return ResolveAsync(typeName, representation, context);
    }
}
