namespace Commissioning.Graph.Benchmarks;

// The POCOs of the code-first benchmark, and the generator of the data both benchmarks use.

public enum ReturnStatus { Draft, Submitted, Approved, Rejected }
public enum LineCategory { Acute, Community, MentalHealth, Prescribing, PrimaryCare, ContinuingCare, RunningCosts }

public sealed record Address(string Line1, string? Line2, string Town, string? County, string Postcode);
public sealed record Contact(string Name, string? Email, string? Telephone);
public sealed record Region(string Code, string Name);

public sealed class ReturnLine
{
    public required string Code { get; init; }
    public required string Description { get; init; }
    public LineCategory Category { get; init; }
    public decimal Planned { get; init; }
    public decimal? Actual { get; init; }
    public double? Variance { get; init; }
}

public sealed class FinancialReturn
{
    public required string Id { get; init; }
    public required string Period { get; init; }
    public ReturnStatus Status { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public required IReadOnlyList<ReturnLine> Lines { get; init; }
    public decimal TotalPlanned { get; init; }
    public decimal? TotalActual { get; init; }
}

public sealed class Practice
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public int ListSize { get; init; }
    public decimal? PrescribingSpend { get; init; }
    public required Address Address { get; init; }
    public Contact? Contact { get; init; }
    public bool Dispensing { get; init; }
    public required IReadOnlyList<FinancialReturn> Returns { get; init; }
}

public sealed class Consortium
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public int Population { get; init; }
    public required Region Region { get; init; }
    public required IReadOnlyList<Practice> Practices { get; init; }
}

public static class Domain
{
    private static readonly string[] Towns = { "Leeds", "Wakefield", "Bradford", "Huddersfield", "Halifax", "Harrogate" };
    private static readonly (string Code, string Description, LineCategory Category)[] LineKinds =
    {
        ("A01", "Elective inpatient admissions", LineCategory.Acute),
        ("A02", "Non-elective admissions", LineCategory.Acute),
        ("C01", "District nursing", LineCategory.Community),
        ("M01", "Improving access to psychological therapies", LineCategory.MentalHealth),
        ("P01", "Prescribing: primary care drugs", LineCategory.Prescribing),
        ("G01", "Enhanced services", LineCategory.PrimaryCare),
        ("K01", "Continuing healthcare packages", LineCategory.ContinuingCare),
        ("R01", "Consortium running costs", LineCategory.RunningCosts),
    };

    /// <summary>Deterministic: the same consortium on every call.</summary>
    public static Consortium Consortium03V()
    {
        var practices = new List<Practice>();
        for (var p = 0; p < Fixtures.Practices; p++)
        {
            var code = $"B{86000 + p * 17:D5}";
            var returns = new List<FinancialReturn>();
            for (var r = 0; r < Fixtures.ReturnsPerPractice; r++)
            {
                var lines = new List<ReturnLine>();
                for (var l = 0; l < Fixtures.LinesPerReturn; l++)
                {
                    var kind = LineKinds[l % LineKinds.Length];
                    var planned = 1_000m * (l + 3) + 137.25m * p + 11.5m * r;
                    decimal? actual = (l + p + r) % 5 == 0 ? null : Math.Round(planned * (0.9m + 0.03m * ((l * 7 + p + r) % 7)), 2);
                    lines.Add(new ReturnLine
                    {
                        Code = kind.Code, Description = kind.Description, Category = kind.Category,
                        Planned = planned, Actual = actual,
                        Variance = actual is { } a ? Math.Round((double)((a - planned) / planned), 4) : null,
                    });
                }
                returns.Add(new FinancialReturn
                {
                    Id = $"{code}-2012-{10 + r}", Period = $"2012-{10 + r}", Status = ReturnStatus.Submitted,
                    SubmittedAt = new DateTimeOffset(2012, 10 + r, 20 + p % 8, 9, 30, 0, TimeSpan.Zero), Lines = lines,
                    TotalPlanned = lines.Sum(l => l.Planned), TotalActual = lines.Sum(l => l.Actual ?? 0),
                });
            }
            practices.Add(new Practice
            {
                Code = code, Name = $"{Towns[p % Towns.Length]} Road Surgery {p + 1}", ListSize = 4_200 + 731 * p,
                PrescribingSpend = 310_000m + 12_345.67m * p, Dispensing = p % 4 == 0,
                Address = new Address($"{p + 1} {Towns[p % Towns.Length]} Road", p % 3 == 0 ? "Chapel Allerton" : null, Towns[p % Towns.Length], "West Yorkshire", $"LS{p % 20 + 1} {p % 9 + 1}AB"),
                Contact = new Contact($"Dr A. Partner {p + 1}", $"practice.{code.ToLowerInvariant()}@nhs.net", "0113 000 0000"),
                Returns = returns,
            });
        }
        return new Consortium
        {
            Code = "03V", Name = "Leeds North Commissioning Consortium", Population = 198_000,
            Region = new Region("Y54", "North of England"), Practices = practices,
        };
    }

    /// <summary>The JSON shape of the consortium (camelCase members, enums as their GraphQL names, money as numbers).</summary>
    public static Dictionary<string, object?> ToJsonShape(this Consortium c) => new()
    {
        ["code"] = c.Code, ["name"] = c.Name, ["population"] = c.Population,
        ["region"] = new Dictionary<string, object?> { ["code"] = c.Region.Code, ["name"] = c.Region.Name },
        ["established"] = "2012-04-01",
        ["practices"] = c.Practices.Select(p => new Dictionary<string, object?>
        {
            ["code"] = p.Code, ["name"] = p.Name, ["listSize"] = p.ListSize, ["prescribingSpend"] = (double?)p.PrescribingSpend,
            ["dispensing"] = p.Dispensing,
            ["address"] = new Dictionary<string, object?> { ["line1"] = p.Address.Line1, ["line2"] = p.Address.Line2, ["town"] = p.Address.Town, ["county"] = p.Address.County, ["postcode"] = p.Address.Postcode },
            ["contact"] = p.Contact is null ? null : new Dictionary<string, object?> { ["name"] = p.Contact.Name, ["email"] = p.Contact.Email, ["telephone"] = p.Contact.Telephone },
            ["returns"] = p.Returns.Select(r => new Dictionary<string, object?>
            {
                ["id"] = r.Id, ["period"] = r.Period, ["status"] = ToUpperSnake(r.Status.ToString()),
                ["submittedAt"] = r.SubmittedAt?.ToString("O"), ["totalPlanned"] = (double)r.TotalPlanned, ["totalActual"] = (double?)r.TotalActual,
                ["lines"] = r.Lines.Select(l => new Dictionary<string, object?>
                {
                    ["code"] = l.Code, ["description"] = l.Description, ["category"] = ToUpperSnake(l.Category.ToString()),
                    ["planned"] = (double)l.Planned, ["actual"] = (double?)l.Actual, ["variance"] = l.Variance,
                }).ToList(),
            }).ToList(),
        }).ToList(),
    };

    public static string ToUpperSnake(string pascal)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i])) sb.Append('_');
            sb.Append(char.ToUpperInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
