namespace Commissioning.Graph.Engine.Tests.Validation;

using Commissioning.Graph.Engine.Validation.Rules;

/// <summary>§5.3.2 Field Selection Merging: conflicts, their order and every location. Expected locations come from graphql-js 16.15 (the reference tool).</summary>
public partial class OverlappingFieldsCanBeMergedRuleTests
{
    internal const string Sdl = @"
interface Pet { name: String }
type Dog implements Pet { name: String nickname: String barkVolume: Int doesKnowCommand(dogCommand: DogCommand): Boolean isHouseTrained(atOtherHomes: Boolean = true): Boolean friends: [Dog] }
type Cat implements Pet { name: String meowVolume: Int nickname: String }
union CatOrDog = Cat | Dog
type Human { name(surname: Boolean): String pets: [Pet] relatives: [Human] }
enum DogCommand { SIT HEEL DOWN }
input Complex { a: Int b: String c: [Int] }
interface SomeBox { deepBox: SomeBox unrelatedField: String }
type StringBox implements SomeBox { scalar: String deepBox: StringBox unrelatedField: String listStringBox: [StringBox] stringBox: StringBox intBox: IntBox }
type IntBox implements SomeBox { scalar: Int deepBox: IntBox unrelatedField: String listStringBox: [StringBox] stringBox: StringBox intBox: IntBox }
interface NonNullStringBox1 { scalar: String! }
type NonNullStringBox1Impl implements SomeBox & NonNullStringBox1 { scalar: String! unrelatedField: String deepBox: SomeBox }
interface NonNullStringBox2 { scalar: String! }
type NonNullStringBox2Impl implements SomeBox & NonNullStringBox2 { scalar: String! unrelatedField: String deepBox: SomeBox }
type Node { id: ID name: String }
type Edge { node: Node }
type Connection { edges: [Edge] }
type Query { dog: Dog human: Human pet: Pet catOrDog: CatOrDog someBox: SomeBox connection: Connection f(x: Complex, s: String, l: [Int]): Int }
";

    public static TheoryData<string, string, string> Cases => new()
    {
        { @"IdenticalFields", @"{ dog { name name } }", @"" },
        { @"IdenticalFieldsWithIdenticalArgs", @"{ dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: SIT) } }", @"" },
        { @"DifferentArgsDifferentAliases", @"{ dog { a: doesKnowCommand(dogCommand: SIT) b: doesKnowCommand(dogCommand: HEEL) } }", @"" },
        { @"SameAliasesDifferentFieldTargets", @"{ dog { fido: name fido: nickname } }", @"1:9,1:20" },
        { @"AliasMaskingDirectField", @"{ dog { name: nickname name } }", @"1:9,1:24" },
        { @"DifferentArgsSecondAddsArg", @"{ dog { doesKnowCommand doesKnowCommand(dogCommand: HEEL) } }", @"1:9,1:25" },
        { @"DifferentArgsSecondMissingArg", @"{ dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand } }", @"1:9,1:42" },
        { @"ConflictingArgValues", @"{ dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: HEEL) } }", @"1:9,1:42" },
        { @"ConflictingArgNames", @"{ dog { isHouseTrained(atOtherHomes: true) isHouseTrained(atOtherHomes: false) } }", @"1:9,1:44" },
        { @"ObjectArgFieldOrderIrrelevant", @"{ f(x: {a: 1, b: ""x""}) f(x: {b: ""x"", a: 1}) }", @"" },
        { @"ObjectArgDiffers", @"{ f(x: {a: 1, b: ""x""}) f(x: {a: 2, b: ""x""}) }", @"1:3,1:24" },
        { @"StringVsBlockString", @"{ f(s: ""x"") f(s: """"""x"""""") }", @"1:3,1:13" },
        { @"ListArgDiffers", @"{ f(l: [1, 2]) f(l: [1, 2, 3]) }", @"1:3,1:16" },
        { @"VariableVsLiteral", @"query Q($v: Int) { f(l: [$v]) f(l: [1]) }", @"1:20,1:31" },
        { @"ManyConflictsInFragments", @"{ dog { ...A ...B } } fragment A on Dog { x: name } fragment B on Dog { x: nickname }", @"1:43,1:73" },
        { @"FragmentsReportedOnce", @"{ dog { ...A ...B ...A } } fragment A on Dog { x: name } fragment B on Dog { x: barkVolume }", @"1:48,1:78" },
        { @"SpreadInsideInlineFragments", @"{ dog { ... on Dog { x: name } ... on Dog { x: nickname } } }", @"1:22,1:45" },
        { @"DeepConflict", @"{ dog { friends { x: name } friends { x: nickname } } }", @"1:9,1:19,1:29,1:39" },
        { @"DeepConflictMultipleIssues", @"{ dog { friends { x: name y: barkVolume } friends { x: nickname y: name } } }", @"1:9,1:19,1:27,1:43,1:53,1:65" },
        { @"VeryDeepConflict", @"{ human { relatives { relatives { x: name } } relatives { relatives { x: relatives { name } } } } }", @"1:11,1:23,1:35,1:47,1:59,1:71" },
        { @"DeepConflictToNearestCommonAncestor", @"{ human { relatives { relatives { x: name } relatives { x: pets { name } } } relatives { relatives { y: name } } } }", @"1:23,1:35,1:45,1:57" },
        { @"DeepConflictInFragments", @"{ dog { ...F } dog { ...G } } fragment F on Dog { friends { x: name } } fragment G on Dog { friends { x: nickname } }", @"1:3,1:51,1:61,1:16,1:93,1:103" },
        { @"FragmentsAndFieldsNested", @"{ dog { friends { ...F } friends { name: nickname } } } fragment F on Dog { name }", @"1:9,1:36,1:26,1:77" },
        { @"ReportsConflictsInNestedFragmentsChain", @"{ dog { ...A } } fragment A on Dog { x: name ...B } fragment B on Dog { x: nickname ...C } fragment C on Dog { x: barkVolume }", @"1:38,1:73 | 1:38,1:112 | 1:73,1:112" },
        { @"FieldsVsFragmentChain", @"{ dog { x: name ...B } } fragment B on Dog { ...C } fragment C on Dog { x: nickname }", @"1:9,1:73" },
        { @"MutuallyExclusiveDifferentTypesOk", @"{ catOrDog { ... on Dog { x: barkVolume } ... on Cat { x: meowVolume } } }", @"" },
        { @"MutuallyExclusiveShapeConflict", @"{ someBox { ... on IntBox { scalar } ... on StringBox { scalar } } }", @"1:29,1:57" },
        { @"NonNullVsNullable", @"{ someBox { ... on NonNullStringBox1 { scalar } ... on StringBox { scalar } } }", @"1:40,1:68" },
        { @"ListVsNonList", @"{ someBox { ... on IntBox { box: listStringBox { scalar } } ... on StringBox { box: stringBox { scalar } } } }", @"1:29,1:80" },
        { @"DeepShapeConflictExclusive", @"{ someBox { ... on IntBox { box: stringBox { scalar } } ... on StringBox { box: stringBox { scalar: unrelatedField } } } }", @"" },
        { @"DeepShapeConflictLeaf", @"{ someBox { ... on IntBox { box: stringBox { val: scalar val: unrelatedField } } ... on StringBox { box: stringBox { val: scalar } } } }", @"1:46,1:58" },
        { @"DisallowsDifferingDeepReturnTypes", @"{ someBox { ... on IntBox { box: stringBox { scalar } } ... on StringBox { box: intBox { scalar } } } }", @"1:29,1:46,1:76,1:90" },
        { @"SameWrappedScalarOk", @"{ someBox { ... on NonNullStringBox1 { scalar } ... on NonNullStringBox2 { scalar } } }", @"" },
        { @"InterfaceParentNotExclusive", @"{ pet { ... on Pet { x: name } ... on Dog { x: nickname } } }", @"1:22,1:45" },
        { @"ComparesDeepTypesIncludingList", @"{ connection { ...edgeID edges { node { id: name } } } } fragment edgeID on Connection { edges { node { id } } }", @"1:26,1:34,1:41,1:90,1:98,1:105" },
        { @"TypenameIdentical", @"{ dog { __typename __typename } }", @"" },
        { @"TypenameVsName", @"{ dog { __typename: name __typename } }", @"1:9,1:26" },
        { @"FragmentVsFragmentNested", @"{ dog { ...A } dog { ...B } } fragment A on Dog { friends { ...C } } fragment B on Dog { friends { ...D } } fragment C on Dog { x: name } fragment D on Dog { x: nickname }", @"1:3,1:51,1:129,1:16,1:90,1:159" },
        { @"TopLevelInlineOnly", @"{ ... on Query { dog { name } } ... on Query { dog { x: name name: nickname } } }", @"1:18,1:24,1:48,1:62" },
        { @"SubfieldsManyLocations", @"{ dog { friends { a: name b: name c: name } friends { a: nickname b: nickname c: nickname } } }", @"1:9,1:19,1:27,1:35,1:45,1:55,1:67,1:79" },
        { @"DoubleSubConflict", @"{ dog { friends { friends { a: name } friends { a: nickname } } friends { friends { a: barkVolume } } } }", @"1:9,1:19,1:29,1:39,1:49,1:65,1:75,1:85,1:75,1:85 | 1:19,1:29,1:39,1:49" },
        { @"ThreeWay", @"{ dog { x: name x: nickname x: barkVolume } }", @"1:9,1:17 | 1:9,1:29 | 1:17,1:29" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReference(string name, string query, string expected)
    {
        _ = name;
        Assert.Equal(expected, RuleTestHarness.Run(new OverlappingFieldsCanBeMergedRule(), Sdl, query));
    }
}
