// Spec §5 (Validation), written the way an independent tester of "the spec"
// would: a pet-shop schema of our own in the shape the spec's examples use
// (dogs, cats, pets, humans, aliens, sentients), one group per rule.
import { maker } from './lib.mjs';

const S = `
type Query { dog: Dog pet: Pet catOrDog: CatOrDog dogOrHuman: DogOrHuman humanOrAlien: HumanOrAlien human: Human arguments: Arguments findDog(searchBy: FindDogInput): Dog booleanList(booleanListArg: [Boolean!]): Boolean }
type Mutation { mutateDog: Dog }
type Subscription { newMessage: Message disallowedSecondRootField: Boolean }
type Message { body: String sender: String }
enum DogCommand { SIT DOWN HEEL }
interface Sentient { name: String! }
interface Pet { name: String! }
type Alien implements Sentient { name: String! homePlanet: String }
type Human implements Sentient { name: String! pets: [Pet!] }
enum CatCommand { JUMP }
type Dog implements Pet {
  name: String!
  nickname: String
  barkVolume: Int
  doesKnowCommand(dogCommand: DogCommand!): Boolean!
  isHouseTrained(atOtherHomes: Boolean): Boolean!
  owner: Human
}
type Cat implements Pet {
  name: String!
  nickname: String
  doesKnowCommand(catCommand: CatCommand!): Boolean!
  meowVolume: Int
}
union CatOrDog = Cat | Dog
union DogOrHuman = Dog | Human
union HumanOrAlien = Human | Alien
input FindDogInput { name: String owner: String }
type Arguments {
  multipleRequirements(x: Int!, y: Int!): Int!
  booleanArgField(booleanArg: Boolean): Boolean
  floatArgField(floatArg: Float): Float
  intArgField(intArg: Int): Int
  nonNullBooleanArgField(nonNullBooleanArg: Boolean!): Boolean!
  booleanListArgField(booleanListArg: [Boolean]!): [Boolean]
  optionalNonNullBooleanArgField(optionalBooleanArg: Boolean! = false): Boolean!
}
`;
const dog = { name: 'Rex', nickname: 'Rexy', barkVolume: 7, doesKnowCommand: true, isHouseTrained: false, owner: { name: 'Ann', pets: [{ __typename: 'Dog', name: 'Rex' }, { __typename: 'Cat', name: 'Tom', meowVolume: 3 }] }, __typename: 'Dog' };
const DATA = {
  dog,
  pet: dog,
  catOrDog: { __typename: 'Cat', name: 'Tom', nickname: 'T', meowVolume: 3, doesKnowCommand: false },
  dogOrHuman: { __typename: 'Human', name: 'Ann' },
  humanOrAlien: { __typename: 'Alien', name: 'Zork', homePlanet: 'Mars' },
  human: { name: 'Ann', pets: [dog] },
  arguments: { multipleRequirements: 3, booleanArgField: true, floatArgField: 1.5, intArgField: 2, nonNullBooleanArgField: true, booleanListArgField: [true, null], optionalNonNullBooleanArgField: false },
  findDog: dog,
  booleanList: true,
  mutateDog: dog,
  newMessage: { body: 'hi', sender: 'me' },
};
const { ok, bad } = maker('spec-validation', S, { data: DATA });

export const cases = [
  // 5.1 Documents
  ok('documents.operation-and-fragment', 'query getDogName { dog { name color: nickname } } ', { operationName: 'getDogName' }),
  bad('documents.type-definition-in-executable', 'query getDogName { dog { name } } extend type Dog { color: String }'),
  bad('documents.schema-definition', 'schema { query: Query } { dog { name } }'),
  bad('documents.input-definition', '{ dog { name } } input X { a: Int }'),
  bad('documents.union-definition', '{ dog { name } } union Z = Dog'),
  bad('documents.directive-definition-only', 'directive @x on FIELD'),
  // 5.2.1 operation name uniqueness
  ok('operation-name.unique', 'query getDogName { dog { name } } query getOwnerName { dog { owner { name } } }', { operationName: 'getOwnerName' }),
  bad('operation-name.duplicate-query', 'query getName { dog { name } } query getName { dog { owner { name } } }', { operationName: 'getName' }),
  bad('operation-name.query-and-mutation', 'query dogOperation { dog { name } } mutation dogOperation { mutateDog { name } }'),
  // 5.2.2 lone anonymous
  ok('lone-anonymous.single', '{ dog { name } }'),
  bad('lone-anonymous.with-named', '{ dog { name } } query getName { dog { owner { name } } }'),
  bad('lone-anonymous.two', '{ dog { name } } { dog { nickname } }'),
  // 5.2.3 subscription single root field
  ok('subscription.single-root', 'subscription sub { newMessage { body sender } }'),
  ok('subscription.single-root-via-fragment', 'subscription sub { ...newMessageFields } fragment newMessageFields on Subscription { newMessage { body sender } }'),
  bad('subscription.two-root-fields', 'subscription sub { newMessage { body sender } disallowedSecondRootField }'),
  bad('subscription.two-via-fragment', 'subscription sub { ...multipleSubscriptions } fragment multipleSubscriptions on Subscription { newMessage { body sender } disallowedSecondRootField }'),
  bad('subscription.introspection-root', 'subscription sub { __typename }'),
  bad('subscription.anonymous-two-fields', 'subscription { newMessage { body } disallowedSecondRootField }'),
  bad('subscription.aliased-twice', 'subscription { a: newMessage { body } b: newMessage { sender } }'),
  ok('subscription.skip-counts', 'subscription s { newMessage { body } }'),
  // 5.3.1 field selections
  ok('fields.on-object', '{ dog { name nickname barkVolume } }'),
  bad('fields.undefined-on-object', 'fragment fieldNotDefined on Dog { meowVolume } { dog { ...fieldNotDefined } }'),
  bad('fields.undefined-alias', 'fragment aliasedLyingFieldTargetNotDefined on Dog { barkVolume: kawVolume } { dog { ...aliasedLyingFieldTargetNotDefined } }'),
  ok('fields.interface-field', 'fragment interfaceFieldSelection on Pet { name } { pet { ...interfaceFieldSelection } }'),
  bad('fields.not-on-interface', 'fragment definedOnImplementorsButNotInterface on Pet { nickname } { pet { ...definedOnImplementorsButNotInterface } }'),
  ok('fields.union-typename', 'fragment inDirectFieldSelectionOnUnion on CatOrDog { __typename ... on Pet { name } ... on Dog { barkVolume } } { catOrDog { ...inDirectFieldSelectionOnUnion } }'),
  bad('fields.direct-on-union', 'fragment directFieldSelectionOnUnion on CatOrDog { directField } { catOrDog { ...directFieldSelectionOnUnion } }'),
  bad('fields.shared-field-on-union', 'fragment definedOnImplementorsQueriedOnUnion on CatOrDog { name } { catOrDog { ...definedOnImplementorsQueriedOnUnion } }'),
  bad('fields.unknown-root', '{ cat { name } }'),
  bad('fields.unknown-nested-many', '{ dog { name color weight owner { age } } }', { count: 3 }),
  // 5.3.2 field selection merging
  ok('merging.same-field-twice', 'fragment mergeIdenticalFields on Dog { name name } { dog { ...mergeIdenticalFields } }'),
  ok('merging.same-alias-same-field', 'fragment mergeIdenticalAliasesAndFields on Dog { otherName: name otherName: name } { dog { ...mergeIdenticalAliasesAndFields } }'),
  bad('merging.alias-different-fields', 'fragment conflictingBecauseAlias on Dog { name: nickname name } { dog { ...conflictingBecauseAlias } }'),
  ok('merging.identical-args', 'fragment mergeIdenticalFieldsWithIdenticalArgs on Dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: SIT) } { dog { ...mergeIdenticalFieldsWithIdenticalArgs } }'),
  ok('merging.identical-variable-args', 'query q($dogCommand: DogCommand!) { dog { doesKnowCommand(dogCommand: $dogCommand) doesKnowCommand(dogCommand: $dogCommand) } }', { variables: { dogCommand: 'SIT' } }),
  bad('merging.different-arg-values', '{ dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: HEEL) } }'),
  bad('merging.arg-value-and-variable', 'query q($dogCommand: DogCommand!) { dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: $dogCommand) } }', { variables: { dogCommand: 'SIT' } }),
  bad('merging.different-variables', 'query q($varOne: DogCommand!, $varTwo: DogCommand!) { dog { doesKnowCommand(dogCommand: $varOne) doesKnowCommand(dogCommand: $varTwo) } }', { variables: { varOne: 'SIT', varTwo: 'SIT' } }),
  bad('merging.missing-arg', '{ dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand } }'),
  ok('merging.safe-differing-parents', 'fragment safeDifferingFields on Pet { ... on Dog { volume: barkVolume } ... on Cat { volume: meowVolume } } { pet { ...safeDifferingFields } }'),
  ok('merging.safe-differing-args', 'fragment safeDifferingArgs on Pet { ... on Dog { doesKnowCommand(dogCommand: SIT) } ... on Cat { doesKnowCommand(catCommand: JUMP) } } { pet { ...safeDifferingArgs } }'),
  bad('merging.conflicting-return-types', 'fragment conflictingDifferingResponses on Pet { ... on Dog { someValue: nickname } ... on Cat { someValue: meowVolume } } { pet { ...conflictingDifferingResponses } }'),
  bad('merging.nested-conflict', '{ dog { owner { name } owner { name: __typename } } }'),
  ok('merging.nested-merge', '{ dog { owner { name } owner { pets { name } } } }'),
  bad('merging.across-fragments', '{ dog { ...A ...B } } fragment A on Dog { x: name } fragment B on Dog { x: nickname }'),
  ok('merging.across-fragments-same', '{ dog { ...A ...B } } fragment A on Dog { x: name } fragment B on Dog { x: name }'),
  bad('merging.nullability-differs', '{ catOrDog { ... on Dog { v: name } ... on Cat { v: nickname } } }'),
  bad('merging.list-vs-single', '{ human { ... on Human { p: pets { name } } } dogOrHuman { ... on Human { x: pets { name } } ... on Dog { x: owner { name } } } }'),
  // 5.3.3 leaf field selections
  ok('leaf.scalar-no-selection', 'fragment scalarSelection on Dog { barkVolume } { dog { ...scalarSelection } }'),
  bad('leaf.scalar-with-selection', 'fragment scalarSelectionsNotAllowedOnInt on Dog { barkVolume { sinceWhen } } { dog { ...scalarSelectionsNotAllowedOnInt } }'),
  bad('leaf.object-without-selection', 'query directQueryOnObjectWithoutSubFields { human }'),
  bad('leaf.interface-without-selection', 'query directQueryOnInterfaceWithoutSubFields { pet }'),
  bad('leaf.union-without-selection', 'query directQueryOnUnionWithoutSubFields { catOrDog }'),
  bad('leaf.enum-like-boolean-with-selection', '{ dog { isHouseTrained { x } } }'),
  // 5.4.1 argument names
  ok('args.known', 'fragment argOnRequiredArg on Dog { doesKnowCommand(dogCommand: SIT) } { dog { ...argOnRequiredArg } }'),
  ok('args.known-optional', 'fragment argOnOptional on Dog { isHouseTrained(atOtherHomes: true) @include(if: true) } { dog { ...argOnOptional } }'),
  bad('args.unknown-on-field', 'fragment invalidArgName on Dog { doesKnowCommand(command: CLEAN_UP_HOUSE) } { dog { ...invalidArgName } }'),
  bad('args.unknown-on-directive', 'fragment invalidArgName on Dog { isHouseTrained(atOtherHomes: true) @include(unless: false) } { dog { ...invalidArgName } }'),
  ok('args.any-order', '{ arguments { multipleRequirements(x: 1, y: 2) } }'),
  ok('args.reversed-order', '{ arguments { multipleRequirements(y: 2, x: 1) } }'),
  // 5.4.2 argument uniqueness / required
  bad('args.duplicate', '{ arguments { multipleRequirements(x: 1, x: 2, y: 3) } }'),
  bad('args.duplicate-directive-arg', '{ dog { name @include(if: true, if: false) } }'),
  ok('args.nullable-omitted', '{ arguments { booleanArgField } }'),
  ok('args.nullable-null', '{ arguments { booleanArgField(booleanArg: null) } }'),
  ok('args.nonnull-with-default-omitted', '{ arguments { optionalNonNullBooleanArgField } }'),
  bad('args.missing-required', '{ arguments { nonNullBooleanArgField } }'),
  bad('args.required-null', '{ arguments { nonNullBooleanArgField(nonNullBooleanArg: null) } }'),
  bad('args.nonnull-with-default-null', '{ arguments { optionalNonNullBooleanArgField(optionalBooleanArg: null) } }'),
  bad('args.missing-both-required', '{ arguments { multipleRequirements } }', { count: 2 }),
  bad('args.directive-missing-if', '{ dog { name @skip } }'),
  // 5.5.1 fragment declarations
  bad('fragments.duplicate-name', '{ dog { ...fragmentOne } } fragment fragmentOne on Dog { name } fragment fragmentOne on Dog { owner { name } }'),
  ok('fragments.on-object', 'fragment correctType on Dog { name } { dog { ...correctType } }'),
  ok('fragments.inline-on-interface', 'fragment inlineFragment on Dog { ... on Dog { name } } { dog { ...inlineFragment } }'),
  ok('fragments.inline-without-type', 'fragment inlineFragment2 on Dog { ... @include(if: true) { name } } { dog { ...inlineFragment2 } }'),
  bad('fragments.unknown-type', 'fragment notOnExistingType on NotInSchema { name } { dog { ...notOnExistingType } }'),
  bad('fragments.inline-unknown-type', 'fragment inlineNotExistingType on Dog { ... on NotInSchema { name } } { dog { ...inlineNotExistingType } }'),
  bad('fragments.on-scalar', 'fragment fragOnScalar on Int { something } { dog { ...fragOnScalar } }'),
  bad('fragments.inline-on-scalar', 'fragment inlineFragOnScalar on Dog { ... on Boolean { somethingElse } } { dog { ...inlineFragOnScalar } }'),
  bad('fragments.on-input', '{ dog { ...F } } fragment F on FindDogInput { name }'),
  bad('fragments.on-enum', '{ dog { ... on DogCommand { x } } }'),
  ok('fragments.on-union', 'fragment fragOnUnion on CatOrDog { ... on Dog { name } } { catOrDog { ...fragOnUnion } }'),
  bad('fragments.unused', 'fragment nameFragment on Dog { name } { dog { name } }'),
  bad('fragments.unused-two', 'fragment a on Dog { name } fragment b on Dog { nickname } { dog { name } }', { count: 2 }),
  bad('fragments.undefined-spread', '{ dog { ...undefinedFragment } }'),
  bad('fragments.direct-cycle', '{ dog { ...nameFragment } } fragment nameFragment on Dog { name ...barkVolumeFragment } fragment barkVolumeFragment on Dog { barkVolume ...nameFragment }'),
  bad('fragments.self-cycle', '{ dog { ...dogFragment } } fragment dogFragment on Dog { name ...dogFragment }'),
  bad('fragments.cycle-through-nested', '{ dog { ...dogFragment } } fragment dogFragment on Dog { name owner { ...ownerFragment } } fragment ownerFragment on Human { name pets { ...on Dog { ...dogFragment } } }'),
  ok('fragments.same-spread-twice', '{ dog { ...F ...F owner { name } } } fragment F on Dog { name }'),
  ok('fragments.nested-spreads', '{ dog { ...A } } fragment A on Dog { ...B } fragment B on Dog { ...C } fragment C on Dog { name }'),
  // 5.5.2.3 fragment spread is possible
  ok('spread.object-in-same-object', 'fragment dogFragment on Dog { ... on Dog { barkVolume } } { dog { ...dogFragment } }'),
  bad('spread.object-in-other-object', 'fragment catInDogFragmentInvalid on Dog { ... on Cat { meowVolume } } { dog { ...catInDogFragmentInvalid } }'),
  ok('spread.interface-in-object', 'fragment petNameFragment on Pet { name } fragment interfaceWithinObjectFragment on Dog { ...petNameFragment } { dog { ...interfaceWithinObjectFragment } }'),
  ok('spread.union-in-object', 'fragment catOrDogNameFragment on CatOrDog { ... on Cat { meowVolume } } fragment unionWithObjectFragment on Dog { ...catOrDogNameFragment } { dog { ...unionWithObjectFragment } }'),
  ok('spread.object-in-interface', 'fragment petFragment on Pet { name ... on Dog { barkVolume } } { pet { ...petFragment } }'),
  ok('spread.object-in-union', 'fragment catOrDogFragment on CatOrDog { ... on Cat { meowVolume } } { catOrDog { ...catOrDogFragment } }'),
  bad('spread.object-in-interface-invalid', 'fragment sentientFragment on Sentient { ... on Dog { barkVolume } } { human { ...sentientFragment } }'),
  bad('spread.object-in-union-invalid', 'fragment humanOrAlienFragment on HumanOrAlien { ... on Cat { meowVolume } } { humanOrAlien { ...humanOrAlienFragment } }'),
  ok('spread.union-in-interface', 'fragment unionWithInterface on Pet { ...dogOrHumanFragment } fragment dogOrHumanFragment on DogOrHuman { ... on Dog { barkVolume } } { pet { ...unionWithInterface } }'),
  bad('spread.union-in-interface-invalid', 'fragment nonIntersectingInterfaces on Pet { ...sentientFragment } fragment sentientFragment on Sentient { name } { pet { ...nonIntersectingInterfaces } }'),
  bad('spread.interface-no-overlap-inline', '{ pet { ... on Sentient { name } } }'),
  ok('spread.interface-on-union-overlap', '{ catOrDog { ... on Pet { name } } }'),
  bad('spread.interface-on-union-no-overlap', '{ humanOrAlien { ... on Pet { name } } }'),
  ok('spread.union-on-union-overlap', '{ catOrDog { ... on DogOrHuman { ... on Dog { name } } } }'),
  bad('spread.union-on-union-no-overlap', '{ catOrDog { ... on HumanOrAlien { __typename } } }'),
  // 5.6 values
  ok('values.int-for-int', '{ arguments { intArgField(intArg: 1) } }'),
  bad('values.string-for-int', 'fragment stringIntoInt on Arguments { intArgField(intArg: "123") } { arguments { ...stringIntoInt } }'),
  bad('values.float-for-int', '{ arguments { intArgField(intArg: 1.5) } }'),
  bad('values.too-big-int', '{ arguments { intArgField(intArg: 2147483648) } }'),
  ok('values.int-max', '{ arguments { intArgField(intArg: 2147483647) } }'),
  ok('values.int-min', '{ arguments { intArgField(intArg: -2147483648) } }'),
  bad('values.int-below-min', '{ arguments { intArgField(intArg: -2147483649) } }'),
  ok('values.int-for-float', 'fragment coercedIntIntoFloatArg on Arguments { floatArgField(floatArg: 123) } { arguments { ...coercedIntIntoFloatArg } }'),
  ok('values.float-exponent', '{ arguments { floatArgField(floatArg: 1.5e3) } }'),
  ok('values.float-negative-exponent', '{ arguments { floatArgField(floatArg: -2E-2) } }'),
  ok('values.huge-float', '{ arguments { floatArgField(floatArg: 1e400) } }'),
  bad('values.bool-as-string', '{ arguments { booleanArgField(booleanArg: "true") } }'),
  bad('values.bool-as-int', '{ arguments { booleanArgField(booleanArg: 1) } }'),
  ok('values.list-coerced-from-single', '{ arguments { booleanListArgField(booleanListArg: true) } }'),
  ok('values.list-with-null', '{ arguments { booleanListArgField(booleanListArg: [true, null, false]) } }'),
  bad('values.list-with-wrong-item', '{ arguments { booleanListArgField(booleanListArg: [true, 1]) } }'),
  bad('values.list-null-for-required', '{ arguments { booleanListArgField(booleanListArg: null) } }'),
  ok('values.enum', '{ dog { doesKnowCommand(dogCommand: HEEL) } }'),
  bad('values.enum-as-string', '{ dog { doesKnowCommand(dogCommand: "SIT") } }'),
  bad('values.unknown-enum-value', '{ dog { doesKnowCommand(dogCommand: JUMP) } }'),
  bad('values.enum-lowercase', '{ dog { doesKnowCommand(dogCommand: sit) } }'),
  ok('values.input-object', '{ findDog(searchBy: { name: "Fido" }) { name } }'),
  ok('values.input-object-empty', '{ findDog(searchBy: {}) { name } }'),
  bad('values.input-object-unknown-field', '{ findDog(searchBy: { favoriteCookieFlavor: "Bacon" }) { name } }'),
  bad('values.input-object-duplicate-field', '{ findDog(searchBy: { name: "Fido", name: "Fido" }) { name } }'),
  bad('values.input-object-wrong-field-type', '{ findDog(searchBy: { name: 3 }) { name } }'),
  bad('values.scalar-for-input-object', '{ findDog(searchBy: "Fido") { name } }'),
  ok('values.null-list-items-for-nonnull-list-var', 'query q($b: [Boolean!]) { booleanList(booleanListArg: $b) }', { variables: { b: [true] } }),
  bad('values.null-in-nonnull-list', '{ booleanList(booleanListArg: [true, null]) }'),
  // 5.7 directives
  bad('directives.unknown', '{ dog { name @unknown } }'),
  bad('directives.wrong-location', 'query @skip(if: true) { dog { name } }'),
  bad('directives.include-on-fragment-definition', '{ dog { ...F } } fragment F on Dog @include(if: true) { name }'),
  bad('directives.duplicate', 'query ($foo: Boolean = true, $bar: Boolean = false) { dog @skip(if: $foo) @skip(if: $bar) { name } }'),
  ok('directives.skip-and-include', 'query ($foo: Boolean = true, $bar: Boolean = false) { dog @skip(if: $foo) { name } dog @skip(if: $bar) { nickname } }'),
  ok('directives.both-on-field', '{ dog { name @skip(if: false) @include(if: true) } }'),
  bad('directives.if-string', '{ dog { name @skip(if: "yes") } }'),
  bad('directives.deprecated-in-query', '{ dog { name @deprecated } }'),
  // 5.8 variables
  bad('variables.duplicate', 'query houseTrainedQuery($atOtherHomes: Boolean, $atOtherHomes: Boolean) { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }'),
  ok('variables.same-name-different-operations', 'query A($atOtherHomes: Boolean) { ...HouseTrainedFragment } query B($atOtherHomes: Boolean) { ...HouseTrainedFragment } fragment HouseTrainedFragment on Query { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }', { operationName: 'B', variables: { atOtherHomes: true } }),
  ok('variables.input-types', 'query takesBoolean($atOtherHomes: Boolean) { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } } query takesComplexInput($complexInput: FindDogInput) { findDog(searchBy: $complexInput) { name } } query TakesListOfBooleanBang($booleans: [Boolean!]) { booleanList(booleanListArg: $booleans) }', { operationName: 'takesComplexInput', variables: { complexInput: { name: 'Fido' } } }),
  bad('variables.object-type', 'query takesCat($cat: Cat) { dog { name } }'),
  bad('variables.interface-type', 'query takesDogBang($dog: Pet!) { dog { name } }'),
  bad('variables.list-of-union', 'query takesListOfPet($pets: [CatOrDog]) { dog { name } }'),
  bad('variables.unknown-type', 'query q($x: Unknown) { dog { name } }'),
  ok('variables.defined-and-used', 'query variableIsDefined($atOtherHomes: Boolean) { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }', { variables: { atOtherHomes: true } }),
  bad('variables.not-defined', 'query variableIsNotDefined { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }'),
  ok('variables.defined-used-in-fragment', 'query variableIsDefinedUsedInSingleFragment($atOtherHomes: Boolean) { dog { ...isHouseTrainedFragment } } fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }'),
  bad('variables.not-defined-in-fragment', 'query variableIsNotDefinedUsedInSingleFragment { dog { ...isHouseTrainedFragment } } fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }'),
  bad('variables.not-defined-nested-fragment', 'query variableIsNotDefinedUsedInNestedFragment { dog { ...outerHouseTrainedFragment } } fragment outerHouseTrainedFragment on Dog { ...isHouseTrainedFragment } fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }'),
  bad('variables.one-of-two-ops-undefined', 'query housetrainedQueryOne($atOtherHomes: Boolean) { dog { ...isHouseTrainedFragment } } query housetrainedQueryTwoNotDefined { dog { ...isHouseTrainedFragment } } fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }', { operationName: 'housetrainedQueryOne' }),
  bad('variables.unused', 'query variableUnused($atOtherHomes: Boolean) { dog { isHouseTrained } }'),
  ok('variables.used-in-fragment', 'query variableUsedInFragment($atOtherHomes: Boolean) { dog { ...isHouseTrainedFragment } } fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }'),
  bad('variables.unused-in-other-op', 'query variableUsedInFragment($atOtherHomes: Boolean) { dog { ...isHouseTrainedFragment } } fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) } query variableNotUsedWithinFragment($atOtherHomes: Boolean) { dog { ...isHouseTrainedWithoutVariableFragment } } fragment isHouseTrainedWithoutVariableFragment on Dog { isHouseTrained }', { operationName: 'variableUsedInFragment' }),
  ok('variables.used-in-directive', 'query q($b: Boolean!) { dog { name @include(if: $b) } }', { variables: { b: false } }),
  bad('variables.int-into-boolean', 'query intCannotGoIntoBoolean($intArg: Int) { arguments { booleanArgField(booleanArg: $intArg) } }'),
  bad('variables.list-into-single', 'query booleanListCannotGoIntoBoolean($booleanListArg: [Boolean]) { arguments { booleanArgField(booleanArg: $booleanListArg) } }'),
  bad('variables.nullable-into-nonnull', 'query booleanArgQuery($booleanArg: Boolean) { arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) } }'),
  ok('variables.nonnull-into-nullable', 'query nonNullBooleanArgQuery($nonNullBooleanArg: Boolean!) { arguments { booleanArgField(booleanArg: $nonNullBooleanArg) } }', { variables: { nonNullBooleanArg: true } }),
  ok('variables.nonnull-list-into-list', 'query nonNullListToList($nonNullBooleanList: [Boolean]!) { arguments { booleanListArgField(booleanListArg: $nonNullBooleanList) } }', { variables: { nonNullBooleanList: [true] } }),
  bad('variables.nullable-list-into-nonnull-list', 'query listToNonNullList($booleanList: [Boolean]) { arguments { nonNullBooleanListField: booleanListArgField(booleanListArg: $booleanList) } }'),
  ok('variables.nullable-with-default-into-nonnull-arg-with-default', 'query booleanArgQueryWithDefault($booleanArg: Boolean) { arguments { optionalNonNullBooleanArgField(optionalBooleanArg: $booleanArg) } }'),
  ok('variables.default-into-nonnull', 'query booleanArgQueryWithDefault($booleanArg: Boolean = true) { arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) } }'),
  bad('variables.default-null-into-nonnull', 'query q($booleanArg: Boolean = null) { arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) } }'),
  bad('variables.wrong-default-type', 'query q($b: Boolean = 3) { arguments { booleanArgField(booleanArg: $b) } }'),
  ok('variables.single-item-in-list-position', 'query q($b: Boolean) { arguments { booleanListArgField(booleanListArg: [$b]) } }'),
  bad('variables.nullable-in-nonnull-list-item', 'query q($b: Boolean) { booleanList(booleanListArg: [$b]) }'),
  ok('variables.input-object-field', 'query q($n: String) { findDog(searchBy: { name: $n }) { name } }', { variables: { n: 'Rex' } }),
  bad('variables.input-object-field-wrong-type', 'query q($n: Int) { findDog(searchBy: { name: $n }) { name } }'),
  bad('variables.in-variable-default', 'query q($a: Boolean, $b: Boolean = $a) { dog { isHouseTrained(atOtherHomes: $b) } }'),
];
