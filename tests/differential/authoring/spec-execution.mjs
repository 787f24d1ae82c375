// Spec §6 (Execution) and §7 (Response): operation selection, field
// collection and ordering, argument and variable coercion, result coercion of
// every scalar, lists, non-null and null propagation, abstract types, errors
// with paths and locations.
import { maker } from './lib.mjs';

const S = `
type Query {
  int: Int float: Float string: String boolean: Boolean id: ID color: Color custom: Custom
  nnInt: Int! nnString: String!
  ints: [Int] nnInts: [Int!] intsNN: [Int]! nnIntsNN: [Int!]!
  matrix: [[Int]] nnMatrix: [[Int!]!]!
  obj: Obj nnObj: Obj! objs: [Obj] nnObjs: [Obj!] objsNN: [Obj!]!
  pet: Pet pets: [Pet] nnPet: Pet! thing: Thing things: [Thing!]
  echo(i: Int, f: Float, s: String, b: Boolean, id: ID, c: Color, l: [Int], nested: Nested, list: [[Color!]]): Custom
  arg(i: Int = 5, s: String = "def", c: Color = RED, n: Nested = { x: 1 }): Custom
}
type Mutation { first: Obj second: Obj nn: Int! third: Int }
type Obj { a: Int b: String nn: String! child: Obj nnChild: Obj! list: [Obj] nnList: [Obj!]! }
interface Pet { name: String }
interface Named implements Pet { name: String nick: String }
type Dog implements Pet & Named { name: String nick: String bark: Int }
type Cat implements Pet & Named { name: String nick: String meow: Int }
type Fish implements Pet { name: String fins: Int }
union Thing = Dog | Cat | Obj
enum Color { RED GREEN BLUE }
scalar Custom
input Nested { x: Int y: [Nested] c: Color = GREEN s: String = "dflt" l: [Int!] = [1] }
`;
const { ok, bad, any } = maker('spec-execution', S, { data: {} });
const d = (data) => ({ data });

export const cases = [
  // 6.1 operations
  ok('query-root-value', '{ int string }', d({ int: 1, string: 's' })),
  ok('mutation-serial-order', 'mutation { second { a } first { a } third }', d({ first: { a: 1 }, second: { a: 2 }, third: 3 })),
  any('mutation-nonnull-null', 'mutation { first { a } nn third }', d({ first: { a: 1 }, third: 3 })),
  ok('operation-selected-by-name', 'query A { int } mutation B { third }', { data: { int: 1, third: 3 }, operationName: 'B' }),
  bad('operation-name-required', 'query A { int } mutation B { third }', d({ int: 1 })),
  bad('operation-name-unknown', 'query A { int }', { data: { int: 1 }, operationName: 'X' }),
  bad('operation-name-empty-string-single', 'query A { int }', { data: { int: 1 }, operationName: '' }),
  // 6.3 field collection and order
  ok('field-order-preserved', '{ string int float boolean id }', d({ int: 1, float: 1.5, string: 's', boolean: true, id: 'x' })),
  ok('field-order-from-fragments', '{ obj { b ...F a } } fragment F on Obj { a child { a } b }', d({ obj: { a: 1, b: 'b', child: { a: 2 } } })),
  ok('field-order-skip-first-occurrence', '{ obj { a @skip(if: true) b a } }', d({ obj: { a: 1, b: 'b' } })),
  ok('field-order-inline-fragments', '{ pet { ... on Dog { bark } name ... on Pet { name } __typename } }', d({ pet: { __typename: 'Dog', name: 'Rex', bark: 3 } })),
  ok('merged-subselections', '{ obj { child { a } child { b } child { a child { a } } } }', d({ obj: { child: { a: 1, b: 'x', child: { a: 2 } } } })),
  ok('alias-order', '{ z: int a: int m: string }', d({ int: 1, string: 's' })),
  // 6.4 argument coercion
  ok('argument-defaults-applied', '{ arg }', d({ arg: 'x' })),
  ok('argument-explicit-null-vs-default', '{ a: arg(i: null) b: arg(n: null) }', d({ arg: 'x' })),
  ok('argument-variable-missing-uses-default', 'query q($v: Int) { arg(i: $v) }', d({ arg: 'x' })),
  ok('argument-variable-null', 'query q($v: Int) { arg(i: $v) }', { data: { arg: 'x' }, variables: { v: null } }),
  ok('argument-nested-enum-input', '{ echo(nested: { x: 1, y: [{ c: BLUE, y: [{ c: RED }] }], c: GREEN }) }', d({ echo: 1 })),
  ok('argument-nested-defaults', 'query q($n: Nested = { y: [{}] }) { echo(nested: $n) }', d({ echo: 1 })),
  ok('argument-list-of-lists-of-enums', '{ echo(list: [[RED, GREEN], [], BLUE]) }', d({ echo: 1 })),
  bad('argument-list-of-lists-null-item', '{ echo(list: [[RED, null]]) }', d({ echo: 1 })),
  ok('variable-list-of-lists-of-enums', 'query q($l: [[Color!]]) { echo(list: $l) }', { data: { echo: 1 }, variables: { l: [['RED'], null, 'BLUE'] } }),
  bad('variable-list-of-lists-bad', 'query q($l: [[Color!]]) { echo(list: $l) }', { data: { echo: 1 }, variables: { l: [['RED', null]] } }),
  ok('variable-nested-input', 'query q($n: Nested) { echo(nested: $n) }', { data: { echo: 1 }, variables: { n: { x: 1, y: [{ c: 'BLUE', l: [2, 3] }, { y: [] }] } } }),
  bad('variable-nested-input-bad-enum', 'query q($n: Nested) { echo(nested: $n) }', { data: { echo: 1 }, variables: { n: { y: [{ c: 'PURPLE' }] } } }),
  bad('variable-nested-input-null-in-nonnull-list', 'query q($n: Nested) { echo(nested: $n) }', { data: { echo: 1 }, variables: { n: { l: [1, null] } } }),
  ok('variable-int-bounds', 'query q($a: Int, $b: Int) { x: echo(i: $a) y: echo(i: $b) }', { data: { echo: 1 }, variables: { a: 2147483647, b: -2147483648 } }),
  bad('variable-int-exponent-overflow', 'query q($a: Int) { echo(i: $a) }', { data: { echo: 1 }, variables: { a: 1e10 } }),
  ok('variable-float-exponent', 'query q($a: Float) { echo(f: $a) }', { data: { echo: 1 }, variables: { a: 1.5e300 } }),
  ok('variable-id-int', 'query q($a: ID) { echo(id: $a) }', { data: { echo: 1 }, variables: { a: 123 } }),
  bad('variable-id-float', 'query q($a: ID) { echo(id: $a) }', { data: { echo: 1 }, variables: { a: 1.5 } }),
  bad('variable-id-bool', 'query q($a: ID) { echo(id: $a) }', { data: { echo: 1 }, variables: { a: true } }),
  bad('variable-string-from-int', 'query q($a: String) { echo(s: $a) }', { data: { echo: 1 }, variables: { a: 1 } }),
  bad('variable-boolean-from-string', 'query q($a: Boolean) { echo(b: $a) }', { data: { echo: 1 }, variables: { a: 'true' } }),
  // 6.4 / 7 result coercion
  ok('coerce-int-from-whole-float', '{ int }', d({ int: 3.0 })),
  any('coerce-int-from-fraction', '{ int }', d({ int: 3.5 })),
  any('coerce-int-from-string', '{ int }', d({ int: '3' })),
  any('coerce-int-from-bool', '{ int }', d({ int: true })),
  any('coerce-int-overflow', '{ int }', d({ int: 2147483648 })),
  any('coerce-int-huge', '{ int }', d({ int: 1e30 })),
  ok('coerce-float-from-int', '{ float }', d({ float: 3 })),
  any('coerce-float-from-string', '{ float }', d({ float: '3.5' })),
  any('coerce-float-from-bool', '{ float }', d({ float: false })),
  ok('coerce-float-large', '{ float }', d({ float: 1.7976931348623157e308 })),
  ok('coerce-float-small', '{ float }', d({ float: 5e-324 })),
  ok('coerce-string-from-int', '{ string }', d({ string: 12 })),
  ok('coerce-string-from-float', '{ string }', d({ string: 1.5 })),
  ok('coerce-string-from-bool', '{ string }', d({ string: true })),
  ok('coerce-string-from-exponent-float', '{ string }', d({ string: 1e21 })),
  ok('coerce-string-from-small-float', '{ string }', d({ string: 1e-7 })),
  any('coerce-string-from-object', '{ string }', d({ string: { a: 1 } })),
  any('coerce-string-from-list', '{ string }', d({ string: [1] })),
  ok('coerce-boolean-from-number', '{ boolean }', d({ boolean: 1 })),
  ok('coerce-boolean-from-zero', '{ boolean }', d({ boolean: 0 })),
  any('coerce-boolean-from-fraction', '{ boolean }', d({ boolean: 0.5 })),
  any('coerce-boolean-from-string', '{ boolean }', d({ boolean: 'true' })),
  ok('coerce-id-from-int', '{ id }', d({ id: 42 })),
  any('coerce-id-from-float', '{ id }', d({ id: 4.5 })),
  any('coerce-id-from-bool', '{ id }', d({ id: true })),
  ok('coerce-enum', '{ color }', d({ color: 'GREEN' })),
  any('coerce-enum-unknown', '{ color }', d({ color: 'PURPLE' })),
  any('coerce-enum-wrong-type', '{ color }', d({ color: 1 })),
  ok('coerce-custom-passthrough', '{ custom }', d({ custom: { deep: [1, 'a', null, { x: true }] } })),
  ok('coerce-custom-number', '{ custom }', d({ custom: 1.25 })),
  ok('coerce-unicode-string', '{ string }', d({ string: 'Zoë ✓ 😀 \u0000 \u001f' })),
  // lists
  ok('list-simple', '{ ints }', d({ ints: [1, 2, 3] })),
  ok('list-with-nulls', '{ ints }', d({ ints: [1, null, 3] })),
  ok('list-null', '{ ints }', d({ ints: null })),
  ok('list-empty', '{ ints nnIntsNN }', d({ ints: [], nnIntsNN: [] })),
  any('list-from-scalar', '{ ints }', d({ ints: 5 })),
  any('list-from-object', '{ ints }', d({ ints: { a: 1 } })),
  any('list-from-string', '{ ints }', d({ ints: 'abc' })),
  any('list-item-nonnull-null', '{ nnInts }', d({ nnInts: [1, null, 3] })),
  any('list-nonnull-null', '{ intsNN int }', d({ intsNN: null, int: 1 })),
  any('list-both-nonnull-item-null', '{ nnIntsNN int }', d({ nnIntsNN: [1, null], int: 1 })),
  any('list-item-bad-type', '{ ints }', d({ ints: [1, 'x', 2.5, 3] })),
  ok('matrix', '{ matrix }', d({ matrix: [[1, 2], null, [], [null]] })),
  any('matrix-nonnull-inner-null', '{ nnMatrix int }', d({ nnMatrix: [[1], [2, null]], int: 1 })),
  any('matrix-bad-inner', '{ matrix }', d({ matrix: [[1], 2, ['x']] })),
  ok('objects-list', '{ objs { a } }', d({ objs: [{ a: 1 }, null, { a: 2 }] })),
  any('objects-list-nonnull-item', '{ nnObjs { a } }', d({ nnObjs: [{ a: 1 }, null] })),
  any('objects-list-nonnull-field-in-item', '{ objs { a nn } }', d({ objs: [{ a: 1, nn: 'x' }, { a: 2 }] })),
  any('objects-list-item-not-object', '{ objs { a } }', d({ objs: [{ a: 1 }, 3, 'x', [1]] })),
  // null propagation
  any('nonnull-root-null', '{ nnInt int }', d({ int: 1 })),
  any('nonnull-root-two-errors', '{ nnInt nnString int }', d({ int: 1 })),
  any('nonnull-nested-propagates-to-nullable-parent', '{ obj { a child { a nn } } }', d({ obj: { a: 1, child: { a: 2 } } })),
  any('nonnull-chain-to-root', '{ nnObj { nnChild { nnChild { nn } } } int }', d({ nnObj: { nnChild: { nnChild: {} } }, int: 1 })),
  any('nonnull-list-in-chain', '{ obj { nnList { nnChild { nn } } } }', d({ obj: { nnList: [{ nnChild: { nn: 'x' } }, { nnChild: {} }] } })),
  any('nonnull-sibling-errors-only-one-reported', '{ obj { nnChild { nn } nn } }', d({ obj: { nnChild: {} } })),
  any('nonnull-aliased-paths', '{ x: obj { y: nnChild { z: nn } } }', d({ obj: { nnChild: {} } })),
  any('nonnull-in-fragment', '{ obj { ...F } } fragment F on Obj { a nn }', d({ obj: { a: 1 } })),
  any('nonnull-deep-lists', '{ objsNN { list { nnList { nn } } } }', d({ objsNN: [{ list: [{ nnList: [{ nn: 'a' }, { nn: null }] }, null] }] })),
  any('nonnull-data-null-at-root', '{ nnObj { a } }', d({})),
  any('bad-scalar-in-nonnull', '{ obj { nn } }', d({ obj: { nn: { x: 1 } } })),
  // abstract types
  ok('interface-resolves', '{ pet { name ... on Dog { bark } ... on Cat { meow } } }', d({ pet: { __typename: 'Cat', name: 'Tom', meow: 2 } })),
  ok('interface-of-interface', '{ pet { ... on Named { nick } } }', d({ pet: { __typename: 'Dog', nick: 'R' } })),
  ok('interface-fragment-not-matching', '{ pet { ... on Named { nick } name } }', d({ pet: { __typename: 'Fish', name: 'Nemo', nick: 'N' } })),
  any('interface-missing-typename', '{ pet { name } }', d({ pet: { name: 'X' } })),
  any('interface-unknown-typename', '{ pet { name } }', d({ pet: { __typename: 'Bird', name: 'X' } })),
  any('interface-typename-not-implementing', '{ pet { name } }', d({ pet: { __typename: 'Obj', name: 'X' } })),
  any('interface-typename-is-interface', '{ pet { name } }', d({ pet: { __typename: 'Named', name: 'X' } })),
  any('interface-typename-non-string', '{ pet { name } }', d({ pet: { __typename: 5, name: 'X' } })),
  any('interface-nonnull-missing-typename', '{ nnPet { name } int }', d({ nnPet: { name: 'X' }, int: 1 })),
  ok('union-members', '{ things { __typename ... on Dog { bark } ... on Cat { meow } ... on Obj { a } } }', d({ things: [{ __typename: 'Dog', bark: 1 }, { __typename: 'Obj', a: 2 }, { __typename: 'Cat', meow: 3 }] })),
  any('union-member-bad-typename', '{ things { __typename } }', d({ things: [{ __typename: 'Dog' }, { __typename: 'Fish' }] })),
  ok('union-interface-fragment', '{ thing { ... on Pet { name } ... on Named { nick } } }', d({ thing: { __typename: 'Cat', name: 'T', nick: 'n' } })),
  ok('union-typename-only', '{ thing { __typename } }', d({ thing: { __typename: 'Obj' } })),
  ok('abstract-list-with-null', '{ pets { name } }', d({ pets: [{ __typename: 'Dog', name: 'a' }, null, { __typename: 'Fish', name: 'b' }] })),
  any('abstract-list-mixed-errors', '{ pets { name } }', d({ pets: [{ __typename: 'Dog', name: 'a' }, { name: 'b' }, 7] })),
  // errors, paths, locations
  any('error-location-multiline', 'query Q {\n  obj {\n    nn\n  }\n}', d({ obj: {} })),
  any('error-path-list-index', '{ objs { nn } }', d({ objs: [{ nn: 'a' }, {}, { nn: 'c' }, {}] })),
  any('error-path-alias-in-list', '{ all: objs { req: nn } }', d({ objs: [{}] })),
  any('error-same-field-two-aliases', '{ a: nnObj { nn } b: obj { nn } }', d({ nnObj: {}, obj: {} })),
  any('error-and-partial-data', '{ int obj { nn } string }', d({ int: 1, obj: {}, string: 's' })),
  bad('request-error-no-data', '{ nope }', d({})),
  bad('request-error-variables-no-data', 'query q($a: Int!) { int }', d({ int: 1 })),
  ok('data-null-field-for-missing', '{ int string obj { a } }', d({})),
  ok('data-root-non-object-fields', '{ obj { a } }', d({ obj: { a: [1] } }).data ? { data: { obj: { a: 1 } } } : {}),
  any('object-field-is-scalar', '{ obj { a } }', d({ obj: 5 })),
  any('object-field-is-list', '{ obj { a } }', d({ obj: [{ a: 1 }] })),
  any('object-field-is-string', '{ obj { a } }', d({ obj: 'x' })),
  ok('deep-data', `{ obj { ${'child { '.repeat(30)} a ${'} '.repeat(30)} } }`, d({ obj: (function mk(n) { return n === 0 ? { a: 1 } : { a: n, child: mk(n - 1) }; })(30) })),
  any('deep-nonnull-failure', `{ obj { ${'nnChild { '.repeat(20)} nn ${'} '.repeat(20)} } }`, d({ obj: (function mk(n) { return n === 0 ? {} : { nnChild: mk(n - 1) }; })(20) })),
  ok('skip-include-matrix', '{ a: int @skip(if: true) @include(if: true) b: int @skip(if: false) @include(if: true) c: int @skip(if: true) @include(if: false) d: int @skip(if: false) @include(if: false) e: int }', d({ int: 1 })),
  ok('skip-variables-combination', 'query q($t: Boolean!, $f: Boolean = false) { a: int @include(if: $t) @skip(if: $f) b: int @include(if: $f) c: int @skip(if: $t) d: int }', { data: { int: 1 }, variables: { t: true } }),
  ok('fragment-skipped-field-included-elsewhere', '{ obj { ...F @skip(if: true) a } } fragment F on Obj { a b }', d({ obj: { a: 1, b: 'b' } })),
  ok('typename-in-mutation-result', 'mutation { first { __typename a } }', d({ first: { a: 1 } })),
  ok('typename-is-object-name-not-data', '{ obj { __typename } }', d({ obj: { __typename: 'Other' } })),
];
