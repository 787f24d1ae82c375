using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.LocalGovernment;

/// <summary>The Joint Strategic Needs Assessment of one HWB for one year.</summary>
public sealed class Jsna
{
    public int Id { get; set; }
    public required string HwbCode { get; set; }
    public required string Year { get; set; }
    public required string Title { get; set; }
    public DateOnly? PublishedOn { get; set; }

    public List<JsnaContribution> Contributions { get; } = [];
}

public enum JsnaContributionStatus
{
    Draft,
    Submitted,
    Accepted,
}

/// <summary>A consortium's contribution to a JSNA on one topic.</summary>
public sealed class JsnaContribution : IVersioned
{
    public int Id { get; set; }
    public int JsnaId { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Topic { get; set; }
    public required string Narrative { get; set; }
    public JsnaContributionStatus Status { get; private set; } = JsnaContributionStatus.Draft;
    public DateTime UpdatedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public int RowVersion { get; set; }

    public List<JsnaIndicator> Indicators { get; } = [];

    public void Revise(string topic, string narrative, DateTime now)
    {
        if (Status != JsnaContributionStatus.Draft)
            throw new DomainRuleException("CONTRIBUTION_IMMUTABLE", "Only a draft contribution can be revised.");
        (Topic, Narrative, UpdatedAt) = (topic, narrative, now);
    }

    public JsnaIndicator SetIndicator(string name, int numerator, int denominator, DateTime now)
    {
        if (Status != JsnaContributionStatus.Draft)
            throw new DomainRuleException("CONTRIBUTION_IMMUTABLE", "Only a draft contribution can be revised.");
        if (numerator < 0 || denominator <= 0 || numerator > denominator)
            throw new DomainRuleException("INVALID_INDICATOR", "An indicator needs 0 ≤ numerator ≤ denominator and a positive denominator.");
        var indicator = Indicators.FirstOrDefault(i => i.Name == name);
        if (indicator is null) Indicators.Add(indicator = new JsnaIndicator { Name = name });
        (indicator.Numerator, indicator.Denominator) = (numerator, denominator);
        UpdatedAt = now;
        return indicator;
    }

    public void Submit(DateTime now)
    {
        if (Status != JsnaContributionStatus.Draft)
            throw new DomainRuleException("CONTRIBUTION_NOT_DRAFT", $"This contribution is already {GraphValues.EnumName(Status)}.");
        (Status, SubmittedAt, UpdatedAt) = (JsnaContributionStatus.Submitted, now, now);
    }

    /// <summary>The HWB's local authority accepts a submitted contribution.</summary>
    public void Accept(DateTime now)
    {
        if (Status != JsnaContributionStatus.Submitted)
            throw new DomainRuleException("CONTRIBUTION_NOT_SUBMITTED", $"Only a submitted contribution can be accepted; this one is {GraphValues.EnumName(Status)}.");
        (Status, AcceptedAt, UpdatedAt) = (JsnaContributionStatus.Accepted, now, now);
    }
}

/// <summary>
/// An indicator with its raw counts. Small counts (1–7) are disclosive and are suppressed for
/// anyone but the author when served; they are stored as given.
/// </summary>
public sealed class JsnaIndicator
{
    public int Id { get; set; }
    public int JsnaContributionId { get; set; }
    public required string Name { get; set; }
    public int Numerator { get; set; }
    public int Denominator { get; set; }
}
