namespace Commissioning.Graph.Engine.Validation;

/// <summary>
/// A validation rule (spec §5 "Validation"). For each document it creates a visitor that the
/// walker runs in parallel with the visitors of the other rules, over one walk of the document.
/// </summary>
public interface IValidationRule
{
    ValidationVisitor CreateVisitor(ValidationContext context);
}

/// <summary>Limits and switches of a validation run.</summary>
public sealed class ValidationOptions
{
    /// <summary>After this many errors validation stops and adds a final "Too many validation errors" error.</summary>
    public int MaxErrors { get; set; } = 100;

    /// <summary>When false, messages carry no "Did you mean ...?" suggestions (which reveal schema names).</summary>
    public bool FieldSuggestions { get; set; } = true;

    /// <summary>Work budget for following fragment spreads (graphql-js 16.15 allows 50,000 units); when spent, validation aborts.</summary>
    public int MaxFragmentWork { get; set; } = 50000;

    /// <summary>Whether <c>field {}</c> on an object field is valid (graphql-js 17's default: true). When false,
    /// ScalarLeafsRule reports it ("must have at least one field selected").</summary>
    public bool AllowEmptySelectionSets { get; set; } = true;

    public static readonly ValidationOptions Default = new();
}
