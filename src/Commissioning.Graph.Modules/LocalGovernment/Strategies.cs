using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.LocalGovernment;

/// <summary>
/// A Health and Wellbeing Board's joint health and wellbeing strategy for a financial year: the priorities the board, led
/// by its local authority, draws from its JSNA. A draft is read by the board's local authority, its partners and the NHS
/// CB; once published (<see cref="PublishedOn"/>) it is public and final: its priority codes are what plans address.
/// </summary>
public sealed class JointHealthAndWellbeingStrategy : IVersioned
{
    public int Id { get; set; }
    public required string HwbCode { get; set; }
    /// <summary>The financial year the strategy is for, written <c>2013-14</c>.</summary>
    public required string Year { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public int RowVersion { get; set; }

    public List<StrategyPriority> Priorities { get; } = [];

    public bool IsPublished => PublishedOn is not null;
}

/// <summary>
/// One priority of a strategy, with the JSNA topics it answers. Its code is its federation key (unique across boards):
/// a commissioning plan names the priorities it addresses by code. The board and year are the strategy's (kept on the
/// row so that a priority reached by its key alone is judged by its own columns), and so is whether it is published.
/// </summary>
public sealed class StrategyPriority
{
    public int Id { get; set; }
    public int StrategyId { get; set; }
    public required string Code { get; set; }
    public required string HwbCode { get; set; }
    public required string Year { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    /// <summary>The JSNA topics the priority answers, separated by <c>;</c>.</summary>
    public string JsnaTopics { get; set; } = "";
    /// <summary>Whether its strategy is published (set with the strategy's <see cref="JointHealthAndWellbeingStrategy.PublishedOn"/>, in the same save).</summary>
    public bool Published { get; set; }

    public IReadOnlyList<string> Topics => JsnaTopics.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
