using System.Collections;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Host.Graph;

/// <summary>
/// In one process, what the gateway does between subgraphs: a field whose value (or list item) is an
/// <see cref="EntityReference"/> to another module's entity (<c>JsnaContribution.consortium</c>,
/// <c>Allocation.consortium</c>, <c>PoolPartner.organisation</c>) gets the owning module's entity, found
/// through the composed <see cref="EntityDirectory"/>. Without it the reference fails the entity type's
/// <c>IsTypeOf</c> ("Expected value of type \"Consortium\"") and the error nulls its parents.
/// </summary>
public static class EntityReferenceResolution
{
    /// <summary>Wraps, in place, the resolver of every field returning an entity type or an abstract type.</summary>
    public static ComposedGraph Apply(ComposedGraph graph)
    {
        var schema = graph.Schema;
        var entities = graph.Entities;
        foreach (var type in schema.Types.OfType<ObjectType>())
        {
            if (type.Name.StartsWith("__", StringComparison.Ordinal)) continue;
            foreach (var field in type.Fields.Values)
            {
                var named = Schema.GetNamedType(field.Type);
                if (!(named is ObjectType o && entities.CanResolve(o.Name) || named is IAbstractType)) continue;
                var inner = field.Resolver ?? DefaultFieldResolver.Instance;
                field.Resolver = async ctx => await ResolveAsync(await inner(ctx), entities, ctx);
            }
        }
        return graph;
    }

    private static async ValueTask<object?> ResolveAsync(object? value, EntityDirectory entities, IResolveContext ctx)
    {
        switch (value)
        {
            case EntityReference reference when entities.CanResolve(reference.TypeName):
                return await entities.ResolveByKeyAsync(reference.TypeName, reference.Code, ctx) ?? reference;
            case IEnumerable list and not string and not IDictionary and not IReadOnlyDictionary<string, object?>:
                var items = list.Cast<object?>().ToList();
                if (!items.Any(i => i is EntityReference or IEnumerable and not string)) return value;
                // Start every lookup before awaiting any, so they share DataLoader batches.
                var pending = items.Select(i => ResolveAsync(i, entities, ctx).AsTask()).ToList();
                return (await Task.WhenAll(pending)).ToList();
            default:
                return value;
        }
    }
}
