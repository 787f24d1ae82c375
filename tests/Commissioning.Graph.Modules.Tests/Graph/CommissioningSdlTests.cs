using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Modules.Commissioning.Graph;

namespace Commissioning.Graph.Modules.Tests.Graph;

public sealed class CommissioningSdlTests
{
    private static readonly string[] AuthorisationDirectives = ["authenticated", "requiresScopes", "policy"];

    [Fact]
    public void Every_type_field_argument_and_enum_value_has_a_description_and_every_field_an_authorisation_rule()
    {
        var document = Parser.Parse(new CommissioningGraphModule().Sdl);
        var problems = new List<string>();
        foreach (var definition in document.Definitions.OfType<TypeDefinitionNode>())
        {
            var type = definition.Name.Value;
            if (!definition.IsExtension && string.IsNullOrWhiteSpace(definition.Description?.Value)) problems.Add($"{type}: no description");
            var fields = definition switch
            {
                ObjectTypeDefinitionNode o => o.Fields,
                InterfaceTypeDefinitionNode i => i.Fields,
                _ => [],
            };
            foreach (var field in fields)
            {
                if (string.IsNullOrWhiteSpace(field.Description?.Value)) problems.Add($"{type}.{field.Name.Value}: no description");
                // An @external key field is the owning module's, with the owner's rule (another module's entity named by key).
                if (!field.Directives.Any(d => AuthorisationDirectives.Contains(d.Name.Value) || d.Name.Value == "external")) problems.Add($"{type}.{field.Name.Value}: no authorisation rule");
                foreach (var argument in field.Arguments)
                    if (string.IsNullOrWhiteSpace(argument.Description?.Value)) problems.Add($"{type}.{field.Name.Value}({argument.Name.Value}:): no description");
            }
            if (definition is EnumTypeDefinitionNode e)
                foreach (var value in e.Values)
                    if (string.IsNullOrWhiteSpace(value.Description?.Value)) problems.Add($"{type}.{value.Name.Value}: no description");
            if (definition is InputObjectTypeDefinitionNode input)
                foreach (var field in input.Fields)
                    if (string.IsNullOrWhiteSpace(field.Description?.Value)) problems.Add($"{type}.{field.Name.Value}: no description");
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Mutations_require_a_scope_and_restricted_data_carries_its_policy()
    {
        var sdl = new CommissioningGraphModule().Sdl;
        var document = Parser.Parse(sdl);
        var fields = document.Definitions.OfType<ObjectTypeDefinitionNode>()
            .SelectMany(t => t.Fields.Select(f => (Coordinate: $"{t.Name.Value}.{f.Name.Value}", Directives: f.Directives.Select(d => d.Name.Value).ToList())))
            .ToDictionary(x => x.Coordinate, x => x.Directives);
        foreach (var mutation in new[] { "Mutation.submitFinancialReturn", "Mutation.acceptFinancialReturn", "Mutation.queryFinancialReturn" })
            Assert.Contains("requiresScopes", fields[mutation]);
        foreach (var restricted in new[] { "Consortium.financialReturns", "FinancialReturn.practiceBreakdown", "GpPractice.prescribingSpend",
                     "ArrangementAssociate.share", "ArrangementAssociate.cost", "Contract.annualValue", "Contract.performance" })
        {
            Assert.Contains("policy", fields[restricted]);
            Assert.DoesNotContain("authenticated", fields[restricted]);
        }
    }
}
