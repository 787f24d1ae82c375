using System.Collections;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Federation;

/// <summary>
/// A value that stands for an entity by its key only — what a module returns for a field typed with an
/// entity another module owns (<c>{"__typename": "Consortium", "code": "01A"}</c>). As a federation subgraph
/// the gateway turns it into the owner's entity through <c>_entities</c>; in one process the composer does
/// (see <see cref="EntityReferences"/>).
/// </summary>
public interface IEntityReference
{
    /// <summary>The entity's object type, e.g. <c>Consortium</c>.</summary>
    string TypeName { get; }

    /// <summary>The federation representation: <c>__typename</c> and the key fields.</summary>
    IReadOnlyDictionary<string, object?> ToRepresentation();
}

/// <summary>
/// One-process (<see cref="ComposeMode.Monolith"/>) resolution of <see cref="IEntityReference"/>s: every field whose
/// type can hold an entity that some module resolves gets its result (or list items) replaced by the entity the
/// owning module's entity resolver loads — the in-process counterpart of the gateway's <c>_entities</c> call.
/// A list's references are all requested before any is awaited, so the owner's DataLoader loads them in one batch.
/// </summary>
internal static class EntityReferences
{
    public static void Bind(Schema schema, EntityDirectory entities)
    {
        foreach (var type in schema.Types.OfType<ObjectType>())
        {
            if (type.Name.StartsWith("__", StringComparison.Ordinal)) continue;
            foreach (var field in type.Fields.Values)
            {
                if (!MayHoldEntity(schema, Schema.GetNamedType(field.Type), entities)) continue;
                var inner = field.Resolver ?? DefaultFieldResolver.Instance;
                field.Resolver = context =>
                {
                    var pending = inner(context);
                    if (!pending.IsCompletedSuccessfully) return AwaitThenDereference(pending, context, entities);
                    var value = pending.Result;
                    return HoldsReference(value) ? DereferenceAsync(value, context, entities) : pending;
                };
            }
        }
    }

    private static bool MayHoldEntity(Schema schema, NamedType type, EntityDirectory entities) => type switch
    {
        ObjectType o => entities.CanResolve(o.Name),
        IAbstractType a => schema.GetPossibleTypes(a).Any(p => entities.CanResolve(p.Name)),
        _ => false,
    };

    private static async ValueTask<object?> AwaitThenDereference(ValueTask<object?> pending, IResolveContext context, EntityDirectory entities)
    {
        var value = await pending;
        return HoldsReference(value) ? await DereferenceAsync(value, context, entities) : value;
    }

    private static bool HoldsReference(object? value) => value switch
    {
        IEntityReference => true,
        null or string or IDictionary or IReadOnlyDictionary<string, object?> => false,
        IEnumerable items => items.Cast<object?>().Any(HoldsReference),
        _ => false,
    };

    private static async ValueTask<object?> DereferenceAsync(object? value, IResolveContext context, EntityDirectory entities)
    {
        switch (value)
        {
            case IEntityReference reference:
                return entities.CanResolve(reference.TypeName)
                    ? await entities.ResolveAsync(reference.TypeName, reference.ToRepresentation(), context)
                    : reference;
            case IEnumerable items and not string:
                var pending = items.Cast<object?>().Select(item => HoldsReference(item) ? DereferenceAsync(item, context, entities).AsTask() : Task.FromResult(item)).ToList();
                return await Task.WhenAll(pending);
            default:
                return value;
        }
    }
}
