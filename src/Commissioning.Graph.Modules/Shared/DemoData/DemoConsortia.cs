namespace Commissioning.Graph.Modules.Shared;

/// <summary>A demonstration consortium's authorisation, for the module that keeps its status and the one that keeps the decision.</summary>
public enum DemoAuthorisation { Shadow, AuthorisedWithConditions, Authorised }

/// <summary>
/// The consortia of the demonstration data set and the figures every module derives from them,
/// so that allocations (NhsCb), returns (Commissioning) and JSNA contributions (LocalGovernment)
/// agree. Scale 1 is DOMAIN.md's set; scale N adds generated consortia up to 3×N in all.
/// </summary>
public sealed record DemoConsortium(
    int Index,
    string Code,
    string Name,
    string Area,
    int RegisteredPopulation,
    int UnregisteredPopulation,
    string[] HwbCodes,
    decimal ProgrammeBudget,
    decimal RunningCostsAllowance,
    decimal RevenueAdjustment,
    decimal CapitalResourceLimit,
    bool OverSpending)
{
    public const string Year = "2013-14";
    public const string NorthvaleHwb = "HWB-E10000001";
    public const string RiversideHwb = "HWB-E06000002";

    public decimal RevenueResourceLimit => ProgrammeBudget + RunningCostsAllowance + RevenueAdjustment;

    public bool IsGenerated => Index > 3;

    /// <summary>Where the NHS CB's authorisation leaves the consortium: 01A authorised, 02B and 03C with conditions, every
    /// third generated one still in shadow form, the others authorised (the consortium's status and the NHS CB's decision agree).</summary>
    public DemoAuthorisation Authorisation => Code switch
    {
        "01A" => DemoAuthorisation.Authorised,
        "02B" or "03C" => DemoAuthorisation.AuthorisedWithConditions,
        _ => Index % 3 == 0 ? DemoAuthorisation.Shadow : DemoAuthorisation.Authorised,
    };

    /// <summary>Member practices: A{index:00}001 … A{index:00}004, with list-size weights.</summary>
    public IReadOnlyList<(string Code, int ListSize)> Practices
    {
        get
        {
            decimal[] weights = [0.31m, 0.27m, 0.23m, 0.19m];
            var list = new List<(string, int)>();
            var assigned = 0;
            for (var j = 0; j < 4; j++)
            {
                var size = j == 3 ? RegisteredPopulation - assigned : (int)Math.Round(RegisteredPopulation * weights[j]);
                assigned += size;
                list.Add(($"A{Index:00}{j + 1:000}", size));
            }
            return list;
        }
    }

    public static IReadOnlyList<DemoConsortium> ForScale(int scale)
    {
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale), "Scale is 1 (the demo set) or more.");
        var list = new List<DemoConsortium>
        {
            new(1, "01A", "Northvale North Commissioning Consortium", "Northvale (north)", 312_400, 4_100, [NorthvaleHwb],
                418_600_000m, 7_900_000m, 0m, 1_500_000m, false),
            new(2, "02B", "Northvale South Commissioning Consortium", "Northvale (south) and east Riverside", 268_900, 3_600, [NorthvaleHwb, RiversideHwb],
                356_200_000m, 6_800_000m, 1_200_000m, 1_200_000m, false),
            new(3, "03C", "Riverside Commissioning Consortium", "Riverside", 221_700, 5_200, [RiversideHwb],
                301_400_000m, 5_600_000m, 0m, 900_000m, true),
        };
        for (var i = 4; i <= 3 * scale; i++)
        {
            var population = 150_000 + i * 7_919 % 200_000;
            var code = $"{i:00}{(char)('A' + (i - 1) % 26)}";
            // Roughly £1,340 a head of programme budget and £25 a head of running costs, as for the demo consortia.
            var programme = Math.Round(population * 1_340m / 100_000m) * 100_000m;
            var running = Math.Round(population * 25m / 1_000m) * 1_000m;
            list.Add(new(i, code, $"Generated Commissioning Consortium {code}", $"Generated area {code}", population, population / 60,
                [i % 2 == 0 ? NorthvaleHwb : RiversideHwb], programme, running, 0m, 1_000_000m, i % 5 == 0));
        }
        return list;
    }
}
