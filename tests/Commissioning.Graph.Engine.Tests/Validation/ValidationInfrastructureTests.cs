using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Engine.Validation;
using Commissioning.Graph.Engine.Validation.Rules;

namespace Commissioning.Graph.Engine.Tests.Validation;

/// <summary>The walker, TypeInfo, ValidationContext and DocumentValidator.</summary>
public class ValidationInfrastructureTests : ValidationTestBase
{
    private sealed class Rule(Func<ValidationContext, ValidationVisitor> create) : IValidationRule
    {
        public ValidationVisitor CreateVisitor(ValidationContext context) => create(context);
    }

    private sealed class Recorder(ValidationContext context, string? skipField = null) : ValidationVisitor
    {
        public readonly List<string> Log = new();
        public override void EnterField(FieldNode node)
        {
            Log.Add($"enter {node.Name.Value}: type={context.GetType()} parent={context.GetParentType()?.Name} def={context.GetFieldDef()?.Name}");
            if (node.Name.Value == skipField) SkipChildren();
        }
        public override void LeaveField(FieldNode node) => Log.Add($"leave {node.Name.Value}");
        public override void EnterArgument(ArgumentNode node) =>
            Log.Add($"arg {node.Name.Value}: input={context.GetInputType()} default={context.HasDefaultValue()}:{context.GetDefaultValue()} directive={context.GetDirective()?.Name}");
        public override void EnterValue(ValueNode node)
        {
            if (node is EnumValueNode e) Log.Add($"enum {e.Value}: {context.GetEnumValue()?.Name} in {context.GetInputType()}");
        }
        public override void EnterObjectField(ObjectFieldNode node) =>
            Log.Add($"objfield {node.Name.Value}: input={context.GetInputType()} parentInput={context.GetParentInputType()}");
    }

    private static List<string> Record(string query, string? skipField = null)
    {
        Recorder? recorder = null;
        var errors = DocumentValidator.Validate(GetSchema(), Parser.Parse(query), new[] { new Rule(c => recorder = new Recorder(c, skipField)) });
        Assert.Empty(errors);
        return recorder!.Log;
    }

    [Fact]
    public void TypeInfoTracksFieldsMetaFieldsAndUnknowns()
    {
        var log = Record("{ dog { name mother { barkVolume } unknown { x } __typename } __schema { x } catOrDog { __typename } }");
        Assert.Equal(new[]
        {
            "enter dog: type=Dog parent=Query def=dog",
            "enter name: type=String parent=Dog def=name",
            "leave name",
            "enter mother: type=Dog parent=Dog def=mother",
            "enter barkVolume: type=Int parent=Dog def=barkVolume",
            "leave barkVolume",
            "leave mother",
            "enter unknown: type= parent=Dog def=",
            "enter x: type= parent= def=",
            "leave x",
            "leave unknown",
            "enter __typename: type=String! parent=Dog def=__typename",
            "leave __typename",
            "leave dog",
            $"enter __schema: type={Commissioning.Graph.Engine.Introspection.IntrospectionSchema.SchemaMetaField.Type} parent=Query def=__schema",
            "enter x: type= parent=__Schema def=",
            "leave x",
            "leave __schema",
            "enter catOrDog: type=CatOrDog parent=Query def=catOrDog",
            "enter __typename: type=String! parent=CatOrDog def=__typename",
            "leave __typename",
            "leave catOrDog",
        }, log);
    }

    [Fact]
    public void TypeInfoTracksArgumentsDefaultsEnumsAndInputObjects()
    {
        var log = Record("{ complicatedArgs { multipleOpts(opt1: 1) enumArgField(enumArg: BROWN) complexArgField(complexArg: { nested: { intField: 1 } }) } dog @skip(if: true) { name } }");
        Assert.Contains("arg opt1: input=Int default=True:0 directive=", log);
        Assert.Contains("arg enumArg: input=FurColor default=False: directive=", log);
        Assert.Contains("enum BROWN: BROWN in FurColor", log);
        Assert.Contains("objfield nested: input=ComplexInput parentInput=ComplexInput", log);
        Assert.Contains("objfield intField: input=Int parentInput=ComplexInput", log);
        Assert.Contains("arg if: input=Boolean! default=False: directive=skip", log);
    }

    [Fact]
    public void SkipChildrenSkipsOnlyThatVisitorsSubtreeAndLeave()
    {
        var log = Record("{ dog { name } cat { name } }", skipField: "dog");
        Assert.Equal(new[]
        {
            "enter dog: type=Dog parent=Query def=dog",
            "enter cat: type=Cat parent=Query def=cat",
            "enter name: type=String parent=Cat def=name",
            "leave name",
            "leave cat",
        }, log);
    }

    [Fact]
    public void RulesRunInParallelInOneWalk()
    {
        // Both rules see the same document; the error of the first-listed rule comes first for the same node.
        var errors = Validate("{ unknown dog }", null);
        Assert.Equal(new[] { "Cannot query field \"unknown\" on type \"Query\".", "Field \"dog\" of type \"Dog\" must have a selection of subfields. Did you mean \"dog { ... }\"?" },
            errors.Select(e => e.Message).OrderBy(m => m.Length));
    }

    [Fact]
    public void StopsAfterMaxErrorsLikeGraphqlJs()
    {
        var query = "{ " + string.Join(" ", Enumerable.Range(0, 150).Select(i => "f" + i)) + " }";
        var errors = DocumentValidator.Validate(GetSchema("type Query { a: Int }"), Parser.Parse(query));
        Assert.Equal(101, errors.Count);
        Assert.Equal("Too many validation errors, error limit reached. Validation aborted.", errors[^1].Message);
        Assert.Null(errors[^1].Locations);
        Assert.Equal(new ErrorLocation(1, 389), errors[^2].Locations![0]);
        Assert.All(errors, e => Assert.Equal(ErrorCodes.ValidationFailed, e.Code));

        var few = DocumentValidator.Validate(GetSchema("type Query { a: Int }"), Parser.Parse(query), options: new ValidationOptions { MaxErrors = 3 });
        Assert.Equal(4, few.Count);
    }

    [Fact]
    public void SuggestionsCanBeTurnedOff()
    {
        var on = Validate("{ dgo { name } }");
        Assert.Equal("Cannot query field \"dgo\" on type \"Query\". Did you mean \"dog\"?", on[0].Message);
        var off = DocumentValidator.Validate(GetSchema(), Parser.Parse("query ($v: Dgo) { dgo { name } dog { nme @skp } }"), options: new ValidationOptions { FieldSuggestions = false });
        Assert.DoesNotContain(off, e => e.Message.Contains("Did you mean"));
        Assert.Equal(5, off.Count); // Dgo unknown, $v unused, dgo, nme, @skp
    }

    [Fact]
    public void ContextHelpersFollowFragments()
    {
        var doc = Parser.Parse("query Q($a: Int, $b: Int = 3) { dog { ...A ... on Dog { ...B } isAtLocation(x: $a) } } fragment A on Dog { ...B ...C } fragment B on Dog { isAtLocation(y: $b) ...A } fragment C on Dog { name(surname: $c) }");
        ValidationContext? ctx = null;
        DocumentValidator.Validate(GetSchema(), doc, new[] { new Rule(c => { ctx = c; return new Recorder(c); }) });
        var op = (OperationDefinitionNode)doc.Definitions[0];
        Assert.Equal(new[] { "A", "B" }, ctx!.GetFragmentSpreads(op.SelectionSet).Select(s => s.Name.Value).OrderBy(x => x));
        Assert.Same(ctx.GetFragmentSpreads(op.SelectionSet), ctx.GetFragmentSpreads(op.SelectionSet));
        Assert.Equal(new[] { "A", "B", "C" }, ctx.GetRecursivelyReferencedFragments(op).Select(f => f.Name.Value).OrderBy(x => x));
        var usages = ctx.GetRecursiveVariableUsages(op);
        Assert.Equal(new[] { "a", "b", "c" }, usages.Select(u => u.Node.Name.Value).OrderBy(x => x));
        Assert.All(usages, u => Assert.NotNull(u.Type));
        Assert.Equal("Boolean", usages.Single(u => u.Node.Name.Value == "c").Type!.ToString());
    }

    [Fact]
    public void FragmentCyclesDoNotLoop()
    {
        var errors = Validate("{ dog { ...A } } fragment A on Dog { ...B name } fragment B on Dog { ...A name }");
        Assert.Empty(errors.Where(e => e.Message.Contains("never used")));
        Assert.Empty(Validate("subscription { newDog { name } ...S } fragment S on Subscription { ...S }", new SingleFieldSubscriptionsRule()));
    }

    [Fact]
    public void LongFragmentChainsDoNotOverflowTheStack()
    {
        const int n = 20000;
        var sb = new System.Text.StringBuilder("subscription { ...F0 } { __schema { types { ...T0 } } }");
        for (var i = 0; i < n; i++) sb.Append($" fragment F{i} on Subscription {{ ...F{i + 1} }}");
        sb.Append($" fragment F{n} on Subscription {{ newDog {{ name }} }}");
        for (var i = 0; i < n; i++) sb.Append($" fragment T{i} on __Type {{ ...T{i + 1} }}");
        sb.Append($" fragment T{n} on __Type {{ name }}");
        var doc = Parser.Parse(sb.ToString(), new ParserOptions { MaxTokens = 0 });
        var errors = DocumentValidator.Validate(GetSchema(), doc);
        Assert.NotNull(errors); // completes (with or without errors) instead of crashing the process
    }

    [Fact]
    public void ValidatesSdlDocuments()
    {
        var sdl = Parser.Parse("type Query { a: Foo @unknown b: String @deprecated @deprecated }");
        var errors = DocumentValidator.ValidateSdl(sdl);
        Assert.Equal(new[] { "1:17", "1:21", "1:40,1:52" }, errors.Select(e => string.Join(",", e.Locations!.Select(l => $"{l.Line}:{l.Column}"))).OrderBy(x => x));
    }
}
