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

/// <summary>Plan, year-to-date actual and forecast outturn.</summary>
public sealed record FinancialFigures(decimal Plan, decimal YearToDateActual, decimal ForecastOutturn);
