namespace Commissioning.Graph.Modules.Tests;

/// <summary>
/// Statement counts compared across seed scales, by shape. A level's batch may reach the database in two parts on a busy
/// machine: a connection's access check can complete off the executor's sections, and the DataLoader's fallback dispatcher
/// then sends the keys gathered so far (README "Lists", known limitation). So a query's statements are pinned by their
/// shapes — the same at every scale — and their count bounded by the shapes: at most two parts per shape. An N+1 still
/// fails: it adds a part per row.
/// </summary>
internal static class StatementShapes
{
    /// <summary>A statement's shape: its text with the keys of the batch as one placeholder (one key is <c>= @p</c>,
    /// several <c>IN (@p1, …)</c>).</summary>
    public static string Of(string sql) =>
        System.Text.RegularExpressions.Regex.Replace(sql, @"(= @\w+|IN \((@\w+(, )?)+\))", "IN (@keys)");

    /// <summary>The shapes of a run's statements.</summary>
    public static HashSet<string> Of(IEnumerable<string> statements) => statements.Select(Of).ToHashSet();

    /// <summary>The runs issued the same shapes, each run at most two parts per shape.</summary>
    public static void AssertSame(IReadOnlyList<(int Count, HashSet<string> Shapes)> runs)
    {
        foreach (var run in runs.Skip(1)) Xunit.Assert.Equal(runs[0].Shapes.Order(), run.Shapes.Order());
        foreach (var (count, shapes) in runs) Xunit.Assert.InRange(count, shapes.Count, 2 * shapes.Count);
    }
}
