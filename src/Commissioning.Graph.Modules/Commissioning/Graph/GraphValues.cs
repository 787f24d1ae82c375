using System.Globalization;
using System.Text;

namespace Commissioning.Graph.Modules.Commissioning.Graph;

/// <summary>The financial return a global id names (the engine's <see cref="Engine.Federation.GlobalId"/> encoding).</summary>
public static class FinancialReturnIds
{
    /// <summary>The database id of a financial return from its global id; null when the id names something else.</summary>
    public static int? Parse(string? id) =>
        int.TryParse(Engine.Federation.GlobalId.KeyOf(id, "FinancialReturn"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>Offset cursors for Relay connections: opaque base64 of the position in the ordered list.</summary>
public static class Cursor
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public static string At(int position) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"position:{position.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The position a cursor names; throws for a cursor this server did not make.</summary>
    public static int Position(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("position:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(9), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        }
        catch (FormatException) { }
        throw new ArgumentException($"\"{cursor}\" is not a cursor of this connection.");
    }

    /// <summary>Offset and page size from <c>first</c>/<c>after</c>, within the limits.</summary>
    public static (int Offset, int Limit) Window(IReadOnlyDictionary<string, object?> arguments)
    {
        var first = arguments.TryGetValue("first", out var f) && f is int n ? n : DefaultPageSize;
        if (first < 0) throw new ArgumentException("\"first\" cannot be negative.");
        var offset = arguments.TryGetValue("after", out var a) && a is string after ? Position(after) + 1 : 0;
        return (offset, Math.Min(first, MaxPageSize));
    }
}

/// <summary>One page of a connection: its items (with their positions), whether more follow, and how to count all.</summary>
public sealed class Connection<T>(IReadOnlyList<T> items, int offset, bool hasNextPage, Func<ValueTask<int>> totalCount)
{
    public IReadOnlyList<T> Nodes { get; } = items;
    public IReadOnlyList<Edge<T>> Edges { get; } = items.Select((item, i) => new Edge<T>(Cursor.At(offset + i), item)).ToList();
    public PageInfo PageInfo { get; } = new(hasNextPage, offset > 0,
        items.Count > 0 ? Cursor.At(offset) : null, items.Count > 0 ? Cursor.At(offset + items.Count - 1) : null);
    /// <summary>Counted only when selected (a COUNT statement).</summary>
    public Func<ValueTask<int>> TotalCount { get; } = totalCount;
}

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>Plan, year-to-date actual and forecast outturn.</summary>
public sealed record FinancialFigures(decimal Plan, decimal YearToDateActual, decimal ForecastOutturn);
