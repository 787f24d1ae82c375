using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Modules.LocalGovernment.Graph;
using Commissioning.Graph.Modules.NhsCb.Graph;
using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Modules.Tests.Graph;

/// <summary>The rules every module SDL keeps: descriptions everywhere, an authorisation rule on every field, entities resolvable by key.</summary>
public sealed class ModuleSdlRulesTests
{
    public static TheoryData<string> Modules => new() { LocalGovernmentGraphModule.ModuleName, NhsCbGraphModule.ModuleName };

    private static IGraphModule Module(string name) =>
        name == LocalGovernmentGraphModule.ModuleName ? new LocalGovernmentGraphModule() : new NhsCbGraphModule();

    private static readonly string[] AuthorisationDirectives = ["authenticated", "requiresScopes", "policy"];

    [Theory, MemberData(nameof(Modules))]
    public void Every_type_field_argument_and_enum_value_has_a_description(string name)
    {
        var missing = new List<string>();
        foreach (var d in Parser.Parse(Module(name).Sdl).Definitions.OfType<TypeDefinitionNode>())
        {
            if (!d.IsExtension && string.IsNullOrWhiteSpace(d.Description?.Value)) missing.Add(d.Name.Value);
            IEnumerable<(string, StringValueNode?, IReadOnlyList<InputValueDefinitionNode>)> members = d switch
            {
                ObjectTypeDefinitionNode o => o.Fields.Select(f => (f.Name.Value, f.Description, f.Arguments)),
                InputObjectTypeDefinitionNode i => i.Fields.Select(f => (f.Name.Value, f.Description, (IReadOnlyList<InputValueDefinitionNode>)[])),
                EnumTypeDefinitionNode e => e.Values.Select(v => (v.Name.Value, v.Description, (IReadOnlyList<InputValueDefinitionNode>)[])),
                _ => [],
            };
            foreach (var (member, description, arguments) in members)
            {
                var external = d is ObjectTypeDefinitionNode ot && ot.Fields.Any(f => f.Name.Value == member && f.Directives.Any(x => x.Name.Value == "external"));
                if (string.IsNullOrWhiteSpace(description?.Value) && !external) missing.Add($"{d.Name.Value}.{member}");
                missing.AddRange(arguments.Where(a => string.IsNullOrWhiteSpace(a.Description?.Value)).Select(a => $"{d.Name.Value}.{member}({a.Name.Value}:)"));
            }
        }
        Assert.Empty(missing);
    }

    [Theory, MemberData(nameof(Modules))]
    public void Every_field_the_module_defines_or_extends_carries_an_authorisation_rule(string name)
    {
        var unruled = Parser.Parse(Module(name).Sdl).Definitions.OfType<ObjectTypeDefinitionNode>()
            .SelectMany(t => t.Fields.Select(f => (Type: t.Name.Value, Field: f)))
            .Where(x => !x.Field.Directives.Any(d => d.Name.Value == "external" || AuthorisationDirectives.Contains(d.Name.Value)))
            .Select(x => $"{x.Type}.{x.Field.Name.Value}").ToList();
        Assert.Empty(unruled);
    }

    [Theory, MemberData(nameof(Modules))]
    public void Every_entity_of_the_module_has_an_entity_resolver(string name)
    {
        var module = Module(name);
        var entities = Parser.Parse(module.Sdl).Definitions.OfType<ObjectTypeDefinitionNode>()
            .Where(t => t.Directives.Any(d => d.Name.Value == "key")).Select(t => t.Name.Value).Distinct();
        Assert.All(entities, e => Assert.True(module.EntityResolvers.ContainsKey(e), $"{e} has no entity resolver"));
    }

    [Fact]
    public void Indicator_counts_are_marked_for_small_number_suppression()
    {
        var indicator = Parser.Parse(new LocalGovernmentGraphModule().Sdl).Definitions.OfType<ObjectTypeDefinitionNode>().Single(t => t.Name.Value == "JsnaIndicator");
        Assert.All(indicator.Fields.Where(f => f.Name.Value is "numerator" or "denominator"),
            f => Assert.Contains(f.Directives, d => d.Name.Value == "suppressSmallNumbers"));
    }
}
