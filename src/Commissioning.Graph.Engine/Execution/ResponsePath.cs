namespace Commissioning.Graph.Engine.Execution;

/// <summary>A response path (spec §7.1.2 "path") as a linked list from the leaf back to the root:
/// response keys and list indices. Built as execution descends; turned into a list only when an
/// error or a resolver asks for it.</summary>
public sealed class ResponsePath
{
    public ResponsePath(ResponsePath? parent, string key) { Parent = parent; Key = key; Depth = (parent?.Depth ?? 0) + 1; }
    public ResponsePath(ResponsePath? parent, int index) { Parent = parent; Index = index; Depth = (parent?.Depth ?? 0) + 1; }

    public ResponsePath? Parent { get; }
    /// <summary>The response key, or null when this segment is a list index.</summary>
    public string? Key { get; }
    public int Index { get; }
    public int Depth { get; }

    /// <summary>The segments from the root: strings and boxed ints.</summary>
    public object[] ToArray()
    {
        var result = new object[Depth];
        for (var p = this; p is not null; p = p.Parent)
            result[p.Depth - 1] = p.Key ?? (object)p.Index;
        return result;
    }

    public override string ToString() => string.Join(".", ToArray());
}
