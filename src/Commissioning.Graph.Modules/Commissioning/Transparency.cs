namespace Commissioning.Graph.Modules.Commissioning;

/// <summary>The commissioning plan a consortium publishes each year.</summary>
public sealed class CommissioningPlan
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Year { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public DateOnly PublishedOn { get; set; }
    public string? Url { get; set; }
}

/// <summary>A published declaration of an interest by someone taking part in a consortium's decisions.</summary>
public sealed class ConflictOfInterestDeclaration
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string PersonName { get; set; }
    public required string Role { get; set; }
    public required string Interest { get; set; }
    public string? Mitigation { get; set; }
    public DateOnly DeclaredOn { get; set; }
}

/// <summary>A commissioning decision above the consortium's published value threshold.</summary>
public sealed class CommissioningDecision
{
    public int Id { get; set; }
    public required string ConsortiumCode { get; set; }
    public required string Reference { get; set; }
    public required string Title { get; set; }
    public DateOnly DecidedOn { get; set; }
    public decimal Value { get; set; }
    public string? ProviderCode { get; set; }
    public string? Rationale { get; set; }
}
