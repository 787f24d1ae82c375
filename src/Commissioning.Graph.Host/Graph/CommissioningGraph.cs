using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Modules.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commissioning.Graph.Host.Graph;

/// <summary>
/// The commissioning graph: the domain modules (<see cref="IGraphModule"/>) plus the shared part
/// (<see cref="SharedSchema"/>), composed by the engine's <see cref="GraphComposer"/> — all modules in
/// one schema, or one module as a federation subgraph.
/// </summary>
public static class CommissioningGraph
{
    /// <summary>Module names on the command line, and the persistence each needs.</summary>
    public static readonly IReadOnlyDictionary<string, GraphModule> Persistence = new Dictionary<string, GraphModule>(StringComparer.Ordinal)
    {
        ["commissioning"] = GraphModule.Commissioning,
        ["local-government"] = GraphModule.LocalGovernment,
        ["nhs-cb"] = GraphModule.NhsCb,
    };

    /// <summary>Registers every <see cref="IGraphModule"/> of the Modules assembly as a singleton (constructor
    /// dependencies from the container), in the order of <see cref="Persistence"/>.</summary>
    public static IServiceCollection AddGraphModules(this IServiceCollection services)
    {
        foreach (var type in ModuleTypes())
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IGraphModule), type));
        return services;
    }

    /// <summary>The domain modules, created without a container (for the <c>schema</c> verb).</summary>
    public static IReadOnlyList<IGraphModule> CreateModules(IServiceProvider? services = null)
    {
        services ??= new ServiceCollection().BuildServiceProvider();
        return ModuleTypes().Select(t => (IGraphModule)ActivatorUtilities.CreateInstance(services, t)).ToList();
    }

    private static IEnumerable<Type> ModuleTypes() =>
        typeof(IGraphModule).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IGraphModule).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    /// <summary>
    /// Composes <paramref name="modules"/>: all of them (<paramref name="subgraph"/> null) or the one named as a
    /// federation subgraph. Throws <see cref="ArgumentException"/> for an unknown module name.
    /// </summary>
    public static ComposedGraph Compose(IReadOnlyList<IGraphModule> modules, string? subgraph = null) =>
        Compose(modules.Select(ToComposable).ToList(), subgraph);

    public static ComposedGraph Compose(IReadOnlyList<ComposableModule> modules, string? subgraph)
    {
        var all = modules;
        var ordered = modules.OrderBy(m => Persistence.Keys.ToList().IndexOf(m.Name) is var i && i < 0 ? int.MaxValue : i).ToList();
        if (subgraph is not null)
        {
            ordered = ordered.Where(m => m.Name == subgraph).ToList();
            if (ordered.Count == 0)
                throw new ArgumentException($"There is no module \"{subgraph}\"; the modules are: {string.Join(", ", modules.Select(m => m.Name))}.");
        }
        // Query.organisation and Query.organisations are the directory module's, in one process and as its subgraph alike.
        var shared = new ComposableModule("shared", SharedSchema.Sdl, SharedScalars.Configure) { IsShared = true };
        // In one process the composer also resolves references to another module's entities (the gateway's job between subgraphs).
        // A subgraph is composed knowing the whole graph: the implementations of the interfaces it returns, and which
        // module serves node(id:).
        var composed = subgraph is not null
            ? GraphComposer.Compose([shared, .. ordered], ComposeMode.Subgraph, [shared, .. all])
            : GraphComposer.Compose([shared, .. ordered], ComposeMode.Monolith);
        FinancialYearArguments.Apply(composed.Schema);
        return composed;
    }

    public static ComposableModule ToComposable(IGraphModule module) => new(
        module.Name,
        module.Sdl,
        module.Configure,
        module.EntityResolvers.ToDictionary(
            e => e.Key,
            e => { var resolve = e.Value; return (EntityResolverFunc)((representation, context) => resolve(representation, context)); },
            StringComparer.Ordinal))
        {
            ServesGlobalIds = module.ServesGlobalIds,
            GlobalIdReferences = module.GlobalIdReferences is { } vouch ? (representation, context) => vouch(representation, context) : null,
        };
}
