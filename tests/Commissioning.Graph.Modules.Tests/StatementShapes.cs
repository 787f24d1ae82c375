namespace Commissioning.Graph.Modules.Tests;

/// <summary>
/// Statement counts compared across seed scales: the same shapes, and the same number of statements, at every scale. The
/// DataLoader's batches are fixed by the query and the data, not by timing (a batch's waiters continue within its
/// section, wherever their continuations run), so an N+1 — a statement per row — shows as a count that grows with the
/// data.
/// </summary>
internal static class StatementShapes
{
    /// <summary>A statement's shape: its text with the keys of the batch as one placeholder (one key is <c>= @p</c>,
    /// several <c>IN (@p1, …)</c>).</summary>
    public static string Of(string sql) =>
        System.Text.RegularExpressions.Regex.Replace(sql, @"(= @\w+|IN \((@\w+(, )?)+\))", "IN (@keys)");

    /// <summary>The shapes of a run's statements.</summary>
    public static HashSet<string> Of(IEnumerable<string> statements) => statements.Select(Of).ToHashSet();

    /// <summary>The runs issued the same shapes, and as many statements.</summary>
    public static void AssertSame(IReadOnlyList<(int Count, HashSet<string> Shapes)> runs)
    {
        foreach (var run in runs.Skip(1))
        {
            Xunit.Assert.Equal(runs[0].Shapes.Order(), run.Shapes.Order());
            Xunit.Assert.Equal(runs[0].Count, run.Count);
        }
    }
}
