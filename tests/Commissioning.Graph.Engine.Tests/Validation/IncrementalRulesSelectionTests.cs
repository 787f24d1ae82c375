using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Engine.Validation;

namespace Commissioning.Graph.Engine.Tests.Validation;

/// <summary>
/// The @defer/@stream rules are left out of the walk when the document names neither directive (a scan of the
/// executable definitions decides, once per document). These pin that the scan finds the directives wherever an
/// executable document can carry them, so that leaving the rules out never hides an error.
/// </summary>
public class IncrementalRulesSelectionTests
{
    private static readonly Schema IncrementalSchema = SdlSchemaBuilder.Build(ValidationTestBase.TestSchemaSdl).WithIncrementalDelivery();

    private static string[] Messages(string query) =>
        DocumentValidator.Validate(IncrementalSchema, Parser.Parse(query)).Select(e => e.Message).ToArray();

    [Fact]
    public void StreamOnANonListFieldDeepInAFragmentDefinitionIsReported()
    {
        var messages = Messages("{ dog { ...F } } fragment F on Dog { owner { relatives { name @stream } } }");
        Assert.Equal(new[] { "Directive \"@stream\" cannot be used on non-list field \"Human.name\"." }, messages);
    }

    [Fact]
    public void StreamUnderAnInlineFragmentIsReported()
    {
        var messages = Messages("{ dog { ... on Dog { ... { nickname @stream } } } }");
        Assert.Equal(new[] { "Directive \"@stream\" cannot be used on non-list field \"Dog.nickname\"." }, messages);
    }

    [Fact]
    public void DuplicateLabelsOnlyInsideFragmentsAreReported()
    {
        var messages = Messages("{ dog { ...A ...B } } fragment A on Dog { ... @defer(label: \"x\") { name } } fragment B on Dog { ... @defer(label: \"x\") { nickname } }");
        Assert.Equal(new[] { "Value for arguments \"defer(label:)\" and \"stream(label:)\" must be unique across all Defer/Stream directive usages." }, messages);
    }

    [Fact]
    public void DeferOnTheMutationRootThroughAFragmentSpreadIsReported()
    {
        var messages = Messages("mutation { ...M } fragment M on Mutation { ... @defer { doOther } }");
        Assert.Equal(new[] { "Defer directive cannot be used on root mutation type \"Mutation\"." }, messages);
    }

    [Fact]
    public void ADocumentWithOtherDirectivesOnlyIsValid()
    {
        Assert.Empty(Messages("query Q($v: Int @onVariableDefinition) @onQuery { dog @onField { name @include(if: true) } complicatedArgs { intArgField(intArg: $v) } }"));
    }
}
