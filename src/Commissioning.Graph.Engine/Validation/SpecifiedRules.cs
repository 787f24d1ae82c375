using Commissioning.Graph.Engine.Validation.Rules;

namespace Commissioning.Graph.Engine.Validation;

/// <summary>The rules of spec §5, in graphql-js 17.1's <c>specifiedRules</c> / <c>specifiedSDLRules</c> order
/// (the order gives the clearest output when a document has several errors).</summary>
public static class SpecifiedRules
{
    /// <summary>Rules for executable documents (graphql-js 17.1 <c>specifiedRules</c>, which include the recommended
    /// <see cref="MaxIntrospectionDepthRule"/>).</summary>
    public static IReadOnlyList<IValidationRule> All { get; } = new IValidationRule[]
    {
        new ExecutableDefinitionsRule(),
        new KnownOperationTypesRule(),
        new UniqueOperationNamesRule(),
        new LoneAnonymousOperationRule(),
        new SingleFieldSubscriptionsRule(),
        new KnownTypeNamesRule(),
        new FragmentsOnCompositeTypesRule(),
        new VariablesAreInputTypesRule(),
        new ScalarLeafsRule(),
        new FieldsOnCorrectTypeRule(),
        new UniqueFragmentNamesRule(),
        new KnownFragmentNamesRule(),
        new NoUnusedFragmentsRule(),
        new PossibleFragmentSpreadsRule(),
        new NoFragmentCyclesRule(),
        new UniqueVariableNamesRule(),
        new NoUndefinedVariablesRule(),
        new NoUnusedVariablesRule(),
        new KnownDirectivesRule(),
        new UniqueDirectivesPerLocationRule(),
        // The incremental-delivery rules, where graphql-js 17.1 runs them.
        new DeferStreamDirectiveOnRootFieldRule(),
        new DeferStreamDirectiveOnValidOperationsRule(),
        new DeferStreamDirectiveLabelRule(),
        new StreamDirectiveOnListFieldRule(),
        new KnownArgumentNamesRule(),
        new UniqueArgumentNamesRule(),
        new ValuesOfCorrectTypeRule(),
        new ProvidedRequiredArgumentsRule(),
        new VariablesInAllowedPositionRule(),
        new OverlappingFieldsCanBeMergedRule(),
        new UniqueInputFieldNamesRule(),
        new MaxIntrospectionDepthRule(),
    };

    /// <summary>Rules for SDL documents (graphql-js <c>specifiedSDLRules</c>).</summary>
    public static IReadOnlyList<IValidationRule> Sdl { get; } = new IValidationRule[]
    {
        new LoneSchemaDefinitionRule(),
        new UniqueOperationTypesRule(),
        new UniqueTypeNamesRule(),
        new UniqueEnumValueNamesRule(),
        new UniqueFieldDefinitionNamesRule(),
        new UniqueArgumentDefinitionNamesRule(),
        new UniqueDirectiveNamesRule(),
        new KnownTypeNamesRule(),
        new KnownDirectivesRule(),
        new UniqueDirectivesPerLocationRule(),
        new PossibleTypeExtensionsRule(),
        new KnownArgumentNamesOnDirectivesRule(),
        new UniqueArgumentNamesRule(),
        new UniqueInputFieldNamesRule(),
        new ProvidedRequiredArgumentsOnDirectivesRule(),
    };
}
