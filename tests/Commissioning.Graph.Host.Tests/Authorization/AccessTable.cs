namespace Commissioning.Graph.Host.Tests.Authorization;

/// <summary>
/// An authorisation matrix as the tests write it: a row per coordinate and target, and in its last column one cell per
/// caller, separated by spaces (<c>Y</c> allowed, <c>n</c> denied, or a test's own marks), in the callers' order.
/// </summary>
internal static class AccessTable
{
    /// <summary>One theory case per cell: (caller, coordinate, target, the cell read by <paramref name="read"/>). A row
    /// with more or fewer cells than callers is a mistake in the table, refused here.</summary>
    public static TheoryData<string, string, string, T> Cases<T>(IReadOnlyList<string> callers,
        IEnumerable<(string Coordinate, string Target, string Expected)> rows, Func<string, T> read)
    {
        var data = new TheoryData<string, string, string, T>();
        foreach (var (coordinate, target, expected) in rows)
        {
            var cells = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != callers.Count) throw new InvalidOperationException($"{coordinate} {target}: {cells.Length} cells, not {callers.Count}.");
            for (var i = 0; i < callers.Count; i++) data.Add(callers[i], coordinate, target, read(cells[i]));
        }
        return data;
    }

    /// <summary>The cases of a table of <c>Y</c>/<c>n</c> cells.</summary>
    public static TheoryData<string, string, string, Access> Cases(IReadOnlyList<string> callers,
        IEnumerable<(string Coordinate, string Target, string Expected)> rows) =>
        Cases(callers, rows, cell => cell == "Y" ? Access.Allow : Access.Deny);
}
