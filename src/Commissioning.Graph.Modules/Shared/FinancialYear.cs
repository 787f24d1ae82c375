using System.Globalization;
using System.Text.RegularExpressions;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// An English public-sector financial year, written "2013-14": 1 April 2013 to 31 March 2014.
/// Month 1 of a financial return is April, month 12 is March.
/// </summary>
public static partial class FinancialYear
{
    [GeneratedRegex(@"^(\d{4})-(\d{2})$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? year)
    {
        if (year is null) return false;
        var m = Pattern().Match(year);
        if (!m.Success) return false;
        var start = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return (start + 1) % 100 == int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    public static string Of(int startYear) => $"{startYear}-{(startYear + 1) % 100:00}";

    public static int StartYear(string year) =>
        IsValid(year) ? int.Parse(year[..4], CultureInfo.InvariantCulture)
                      : throw new ArgumentException($"'{year}' is not a financial year like 2013-14.", nameof(year));

    /// <summary>The first day of a month of the financial year (month 1 = April).</summary>
    public static DateOnly MonthStart(string year, int month)
    {
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), "Months run 1 (April) to 12 (March).");
        return new DateOnly(StartYear(year), 4, 1).AddMonths(month - 1);
    }

    public static DateOnly MonthEnd(string year, int month) => MonthStart(year, month).AddMonths(1).AddDays(-1);
}
