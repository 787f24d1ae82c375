using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>
/// The resolver of fields that have none (graphql-js defaultFieldResolver, as the exec contract
/// narrows it): the parent's own property named like the field, null when missing. Parents may be
/// dictionaries, <see cref="JsonElement"/> objects or CLR objects (public property or field, matched
/// case-insensitively, read through a compiled accessor cached per type and name). A parent that is not
/// an object (string, number, boolean, list) gives null for every field.
/// </summary>
public static class DefaultFieldResolver
{
    /// <summary>The default resolver as a <see cref="FieldResolver"/>.</summary>
    public static readonly FieldResolver Instance = static context => new ValueTask<object?>(GetProperty(context.Source, context.FieldDefinition.Name));

    private static readonly ConcurrentDictionary<(Type, string), Func<object, object?>?> Accessors = new();

    /// <summary>Reads the member of <paramref name="source"/> named <paramref name="name"/>; null when absent.</summary>
    public static object? GetProperty(object? source, string name)
    {
        switch (source)
        {
            case null: return null;
            case IReadOnlyDictionary<string, object?> map: return map.TryGetValue(name, out var v) ? v : null;
            case JsonElement element:
                return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var p) ? p : null;
            case IDictionary<string, object?> map2: return map2.TryGetValue(name, out var v2) ? v2 : null;
            case string or IEnumerable or decimal or Enum: return null;
            default:
                var type = source.GetType();
                if (type.IsPrimitive) return null;
                return GetAccessor(type, name)?.Invoke(source);
        }
    }

    /// <summary>The compiled reader of member <paramref name="name"/> of <paramref name="type"/>, or null when the type has none.</summary>
    public static Func<object, object?>? GetAccessor(Type type, string name)
    {
        if (Accessors.TryGetValue((type, name), out var cached)) return cached;
        return Accessors.GetOrAdd((type, name), static key => Compile(key.Item1, key.Item2));
    }

    private static Func<object, object?>? Compile(Type type, string name)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase;
        MemberInfo? member = null;
        // An exact-case match wins over a case-insensitive one.
        foreach (var p in type.GetProperties(flags))
            if (p.GetIndexParameters().Length == 0 && p.CanRead && p.GetMethod is { IsPublic: true } && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                if (member is null || p.Name == name) member = p;
            }
        if (member is null)
            foreach (var f in type.GetFields(flags))
                if (string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    if (member is null || f.Name == name) member = f;
                }
        if (member is null) return null;
        var parameter = Expression.Parameter(typeof(object), "source");
        var typed = Expression.Convert(parameter, type);
        Expression access = member is PropertyInfo pi ? Expression.Property(typed, pi) : Expression.Field(typed, (FieldInfo)member);
        var body = Expression.Convert(access, typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, parameter).Compile();
    }
}
