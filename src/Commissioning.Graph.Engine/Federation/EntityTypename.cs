using System.Runtime.CompilerServices;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Federation;

/// <summary>
/// Remembers the GraphQL type of objects loaded by type name (<c>_entities</c>, <c>node</c>,
/// organisation lookups), so interfaces and unions resolve them without each module having to
/// teach every abstract type about every CLR class; and the composed type resolution that uses it.
/// </summary>
public static class EntityTypename
{
    private static readonly ConditionalWeakTable<object, string> Known = new();

    /// <summary>Records that <paramref name="value"/> is a <paramref name="typeName"/>; returns the value.</summary>
    public static object? Remember(object? value, string typeName)
    {
        if (value is not null && !value.GetType().IsValueType) Known.AddOrUpdate(value, typeName);
        return value;
    }

    public static string? Find(object? value) => value is not null && Known.TryGetValue(value, out var name) ? name : null;

    /// <summary>
    /// The object type of <paramref name="value"/> among <paramref name="type"/>'s possible types: a remembered
    /// type name, then each module's own resolver, then a <c>__typename</c> member, an accepting
    /// <c>IsTypeOf</c>, or a possible type named like the value's CLR class.
    /// </summary>
    internal static string? Resolve(object? value, IResolveContext context, IAbstractType type, IReadOnlyList<TypeResolver> moduleResolvers)
    {
        var possible = context.Schema.GetPossibleTypes(type);
        bool IsPossible(string? name) => name is not null && possible.Any(p => p.Name == name);

        if (Find(value) is { } remembered && IsPossible(remembered)) return remembered;
        foreach (var resolver in moduleResolvers)
            if (resolver(value, context) is { } name && IsPossible(name)) return name;
        if (DefaultFieldResolver.GetProperty(value, "__typename") is string typename) return typename;
        foreach (var p in possible)
            if (p.IsTypeOf is { } isTypeOf && isTypeOf(value, context)) return p.Name;
        var clrName = value?.GetType().Name;
        return IsPossible(clrName) ? clrName : null;
    }
}
