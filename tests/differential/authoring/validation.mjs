// Spec §5: one group of cases per validation rule, passing and failing.
import { maker } from './lib.mjs';

const S = `
"Anything with an identity."
interface Node { id: ID! }
interface Named { name: String }
interface Org implements Node & Named { id: ID! name: String code: String }
type Practice implements Org & Node & Named {
  id: ID! name: String code: String listSize: Int
  partner(index: Int!): Person
  consortium: Consortium
}
type Consortium implements Org & Node & Named {
  id: ID! name: String code: String
  practices(first: Int, after: String): [Practice]
  budget(year: Int = 2013, kind: BudgetKind!): Float
  lead: Person
}
type Person implements Node & Named { id: ID! name: String age: Int nickname(short: Boolean): String }
type Budget { id: String amount: Float items: [Float] kind: BudgetKind }
union Member = Practice | Person
union Body = Practice | Consortium
union Anything = Practice | Consortium | Person | Budget
enum BudgetKind { REVENUE CAPITAL RUNNING_COST }
scalar Date
input Filter { name: String code: String minSize: Int = 0 kinds: [BudgetKind!] nested: Filter }
input Required { a: Int! b: String! = "x" c: Boolean }
input Pick @oneOf { byId: ID byCode: String }
directive @rep(n: Int) repeatable on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT | QUERY
directive @once on FIELD | QUERY | FRAGMENT_DEFINITION
directive @onVar on VARIABLE_DEFINITION
directive @needs(x: Int!) on FIELD
type Query {
  node(id: ID!): Node
  org(code: String): Org
  practice: Practice
  consortium: Consortium
  person: Person
  budget: Budget
  member: Member
  body: Body
  anything: Anything
  echo(i: Int, f: Float, s: String, b: Boolean, id: ID, e: BudgetKind, d: Date, list: [Int], nested: [[Int]], filter: Filter, req: Required, pick: Pick, filters: [Filter]): String
  strict(i: Int!, s: String!, list: [Int!]!, e: BudgetKind!): String
  defaulted(i: Int! = 3, list: [String!] = ["a"]): String
}
type Mutation { rename(name: String!): Person reset: Boolean }
type Subscription { changed: Person tick: Int }
`;

const { ok, bad } = maker('validation', S);
const R = (rule, cases) => cases.map((c) => ({ ...c, id: c.id.replace(/^validation\./, `validation.${rule}.`) }));

export const cases = [
  // 5.1.1 Executable Definitions
  ...R('executable-definitions', [
    ok('operation-and-fragment', '{ practice { ...P } } fragment P on Practice { name }'),
    bad('type-definition', '{ practice { name } } type Extra { a: Int }', { count: 1 }),
    bad('schema-extension', '{ practice { name } } extend type Query { more: Int }'),
    bad('directive-definition', 'directive @x on FIELD query Q { practice { name } }'),
    bad('scalar-and-enum', 'scalar S enum E { A } { practice { name } }', { count: 2 }),
  ]),
  // 5.2.1.1 Operation Name Uniqueness
  ...R('operation-name-uniqueness', [
    ok('distinct-names', 'query A { practice { name } } query B { person { name } }', { operationName: 'A' }),
    bad('two-queries-same-name', 'query A { practice { name } } query A { person { name } }', { operationName: 'A' }),
    bad('query-and-mutation-same-name', 'query A { practice { name } } mutation A { reset }', { operationName: 'A' }),
    bad('query-and-subscription-same-name', 'query A { practice { name } } subscription A { tick }', { operationName: 'A' }),
    ok('fragment-may-share-operation-name', 'query A { practice { ...A } } fragment A on Practice { name }'),
  ]),
  // 5.2.2.1 Lone Anonymous Operation
  ...R('lone-anonymous-operation', [
    ok('one-anonymous', '{ practice { name } }'),
    ok('anonymous-with-fragment', '{ practice { ...P } } fragment P on Practice { name }'),
    bad('two-anonymous', '{ practice { name } } { person { name } }', { count: 2 }),
    bad('anonymous-and-named', '{ practice { name } } query Q { person { name } }'),
    bad('anonymous-mutation-and-named-query', 'mutation { reset } query Q { person { name } }'),
  ]),
  // 5.2.3.1 Single root field (subscriptions)
  ...R('subscription-single-root-field', [
    ok('one-field', 'subscription S { tick }'),
    ok('object-field', 'subscription { changed { name } }'),
    bad('two-fields', 'subscription S { tick changed { name } }'),
    bad('two-fields-via-fragment', 'subscription S { ...F } fragment F on Subscription { tick changed { id } }'),
    bad('typename-root-field', 'subscription S { __typename }'),
    bad('aliased-twice', 'subscription S { a: tick b: tick }'),
    bad('inline-fragment-extra-field', 'subscription S { tick ... on Subscription { changed { id } } }'),
  ]),
  // 5.3.1 Field Selections
  ...R('fields-on-correct-type', [
    ok('object-fields', '{ practice { id name code listSize } }'),
    ok('interface-fields', '{ org { id name code } }'),
    ok('typename-on-union', '{ member { __typename } }'),
    bad('unknown-field-on-object', '{ practice { colour } }', { count: 1 }),
    bad('unknown-root-field', '{ hospital }'),
    bad('unknown-field-on-interface', '{ org { listSize } }'),
    bad('field-on-union', '{ member { name } }'),
    bad('unknown-field-in-fragment', '{ practice { ...P } } fragment P on Practice { name postcode }'),
    bad('unknown-field-in-inline-fragment', '{ member { ... on Person { age height } } }'),
    bad('aliased-unknown-field', '{ practice { n: nom } }'),
    bad('unknown-mutation-field', 'mutation { delete }'),
    bad('nested-unknown-fields', '{ consortium { practices { foo } lead { bar } } }', { count: 2 }),
  ]),
  // 5.3.2 Field Selection Merging
  ...R('overlapping-fields', [
    ok('identical-fields', '{ practice { name name } }'),
    ok('identical-aliases', '{ practice { n: name n: name } }'),
    ok('same-args', '{ practice { partner(index: 1) { name } partner(index: 1) { name } } }'),
    ok('different-aliases', '{ practice { a: name b: code } }'),
    ok('same-field-different-subselections-merge', '{ practice { consortium { name } consortium { code } } }'),
    ok('different-parents-same-type', '{ anything { ... on Practice { x: name } ... on Person { x: name } } }'),
    ok('different-parents-different-fields-same-type', '{ anything { ... on Practice { x: code } ... on Person { x: name } } }'),
    ok('same-variable-args', 'query($i: Int!) { practice { partner(index: $i) { id } partner(index: $i) { id } } }', { variables: { i: 1 } }),
    ok('directives-do-not-matter', '{ practice { name @include(if: true) name @skip(if: false) } }'),
    ok('args-in-different-order', '{ consortium { practices(first: 1, after: "a") { id } practices(after: "a", first: 1) { id } } }'),
    bad('alias-two-fields', '{ practice { x: name x: code } }', { count: 1 }),
    bad('field-and-alias', '{ practice { name: code name } }'),
    bad('different-args', '{ practice { partner(index: 1) { name } partner(index: 2) { name } } }'),
    bad('arg-and-no-arg', '{ person { nickname(short: true) nickname } }'),
    bad('literal-vs-variable', 'query($i: Int!) { practice { partner(index: 1) { id } partner(index: $i) { id } } }', { variables: { i: 1 } }),
    bad('different-variables', 'query($i: Int!, $j: Int!) { practice { partner(index: $i) { id } partner(index: $j) { id } } }', { variables: { i: 1, j: 2 } }),
    bad('conflict-through-fragments', '{ practice { ...A ...B } } fragment A on Practice { x: name } fragment B on Practice { x: code }'),
    bad('conflict-fragment-and-field', '{ practice { x: name ...B } } fragment B on Practice { x: listSize }'),
    bad('conflict-in-nested-selection', '{ practice { consortium { x: name } consortium { x: code } } }'),
    bad('deep-nested-conflict', '{ consortium { lead { n: name } } consortium { lead { n: nickname } } }'),
    bad('return-types-differ-across-types', '{ anything { ... on Practice { x: listSize } ... on Person { x: name } } }'),
    bad('nullability-differs-across-types', '{ anything { ... on Practice { id } ... on Budget { id } } }'),
    bad('list-vs-scalar-across-types', '{ anything { ... on Budget { amount: items } ... on Consortium { amount: budget(kind: REVENUE) } } }'),
    bad('object-vs-scalar', '{ practice { consortium: name consortium { id } } }'),
    bad('conflict-in-inline-fragments-same-type', '{ practice { ... on Practice { x: name } ... on Practice { x: code } } }'),
    bad('conflict-between-fragment-and-interface-inline', '{ org { ... on Org { x: name } ... on Practice { x: code } } }'),
    bad('enum-arg-differs', '{ consortium { budget(kind: REVENUE) budget(kind: CAPITAL) } }'),
    bad('conflict-reported-once-per-pair', '{ practice { x: name x: code x: code } }'),
    bad('conflicting-fragment-spread-in-fragment', '{ practice { ...A } } fragment A on Practice { x: name ...B } fragment B on Practice { x: code }'),
    ok('aliased-explicit-default-no-conflict', '{ consortium { budget(kind: REVENUE) a: budget(kind: REVENUE, year: 2013) } }'),
    bad('explicit-default-vs-missing-conflicts', '{ consortium { budget(kind: REVENUE) budget(kind: REVENUE, year: 2013) } }'),
    ok('alias-and-field-in-fragment', '{ consortium { lead { ...L } } } fragment L on Person { name n: name }'),
  ]),
  // 5.3.3 Leaf Field Selections
  ...R('scalar-leafs', [
    ok('scalar-without-selection', '{ practice { listSize } }'),
    ok('enum-without-selection', '{ budget { kind } }'),
    bad('selection-on-scalar', '{ practice { name { length } } }'),
    bad('selection-on-enum', '{ budget { kind { value } } }'),
    bad('object-without-selection', '{ practice }'),
    bad('interface-without-selection', '{ org }'),
    bad('union-without-selection', '{ member }'),
    bad('nested-object-without-selection', '{ practice { consortium } }'),
    bad('object-with-args-without-selection', '{ practice { partner(index: 0) } }'),
    bad('list-of-objects-without-selection', '{ consortium { practices } }'),
  ]),
  // 5.4.1 Argument Names
  ...R('known-argument-names', [
    ok('known-args', '{ consortium { practices(first: 2, after: "x") { id } } }'),
    ok('known-directive-args', '{ practice { name @skip(if: false) } }'),
    bad('unknown-field-arg', '{ practice { name(short: true) } }'),
    bad('unknown-arg-among-known', '{ consortium { practices(first: 2, last: 1) { id } } }'),
    bad('unknown-directive-arg', '{ practice { name @skip(unless: false) } }'),
    bad('arg-of-other-field', '{ person { age(short: true) } }'),
    bad('misspelt-arg', '{ practice { partner(idx: 1) { id } } }', { count: 2 }),
  ]),
  // 5.4.2 Argument Uniqueness
  ...R('unique-argument-names', [
    ok('distinct-args', '{ echo(i: 1, s: "a") }'),
    bad('duplicate-field-arg', '{ echo(i: 1, i: 2) }'),
    bad('duplicate-directive-arg', '{ practice { name @include(if: true, if: false) } }'),
    bad('triplicate-arg', '{ echo(s: "a", s: "b", s: "c") }'),
  ]),
  // 5.4.2.1 Required Arguments
  ...R('provided-required-arguments', [
    ok('required-given', '{ practice { partner(index: 3) { id } } }'),
    ok('required-with-default-may-be-omitted', '{ defaulted }'),
    ok('nullable-may-be-omitted', '{ echo }'),
    bad('required-missing', '{ practice { partner { id } } }'),
    bad('required-directive-arg-missing', '{ practice { name @include } }'),
    bad('custom-directive-required-missing', '{ practice { name @needs } }'),
    bad('several-required-missing', '{ strict(i: 1) }', { count: 3 }),
    bad('required-given-null', '{ practice { partner(index: null) { id } } }'),
    bad('required-enum-missing', '{ consortium { budget } }'),
  ]),
  // 5.5.1.1 Fragment Name Uniqueness
  ...R('unique-fragment-names', [
    ok('distinct-fragments', '{ practice { ...A ...B } } fragment A on Practice { name } fragment B on Practice { code }'),
    bad('duplicate-fragments', '{ practice { ...A } } fragment A on Practice { name } fragment A on Practice { code }'),
    bad('duplicate-fragments-different-types', '{ practice { ...A } person { ...A } } fragment A on Practice { name } fragment A on Person { name }'),
  ]),
  // 5.5.1.2 Fragment Spread Type Existence
  ...R('known-type-names', [
    ok('known-fragment-type', '{ practice { ...P } } fragment P on Practice { name }'),
    bad('unknown-fragment-type', '{ practice { ...P } } fragment P on Hospital { name }'),
    bad('unknown-inline-fragment-type', '{ member { ... on Hospital { name } } }'),
    bad('unknown-variable-type', 'query($x: Postcode) { echo(s: $x) }'),
    bad('unknown-list-variable-type', 'query($x: [Postcode!]) { practice { name } }'),
    ok('inline-fragment-without-type', '{ practice { ... { name } } }'),
  ]),
  // 5.5.1.3 Fragments On Composite Types
  ...R('fragments-on-composite-types', [
    ok('on-object', '{ practice { ... on Practice { id } } }'),
    ok('on-interface', '{ practice { ... on Org { id } } }'),
    ok('on-union', '{ practice { ... on Body { __typename } } }'),
    bad('fragment-on-scalar', '{ practice { ...S } } fragment S on String { length }'),
    bad('inline-on-scalar', '{ practice { name { ... on String { x } } } }'),
    bad('fragment-on-enum', '{ budget { ...E } } fragment E on BudgetKind { x }'),
    bad('fragment-on-input-object', '{ practice { ...F } } fragment F on Filter { name }'),
    bad('inline-on-input-object', '{ practice { ... on Filter { name } } }'),
  ]),
  // 5.5.1.4 Fragments Must Be Used
  ...R('no-unused-fragments', [
    ok('all-used', '{ practice { ...A } } fragment A on Practice { ...B } fragment B on Practice { name }'),
    bad('unused', '{ practice { name } } fragment A on Practice { name }'),
    bad('unused-pair-referring-each-other', '{ practice { name } } fragment A on Practice { ...B } fragment B on Practice { name }', { count: 2 }),
    bad('used-only-by-unused', '{ practice { ...A } } fragment A on Practice { name } fragment U on Practice { ...A }'),
  ]),
  // 5.5.2.1 Fragment Spread Target Defined
  ...R('known-fragment-names', [
    ok('defined', '{ practice { ...P } } fragment P on Practice { name }'),
    bad('undefined', '{ practice { ...Missing } }'),
    bad('undefined-in-fragment', '{ practice { ...P } } fragment P on Practice { ...Q }'),
    bad('undefined-in-inline', '{ member { ... on Person { ...Gone } } }'),
  ]),
  // 5.5.2.2 Fragment Spreads Must Not Form Cycles
  ...R('no-fragment-cycles', [
    ok('chain-without-cycle', '{ practice { ...A } } fragment A on Practice { ...B } fragment B on Practice { ...C } fragment C on Practice { name }'),
    ok('same-fragment-twice', '{ practice { ...A ...A } } fragment A on Practice { name }'),
    bad('self-reference', '{ practice { ...A } } fragment A on Practice { name ...A }'),
    bad('two-cycle', '{ practice { ...A } } fragment A on Practice { ...B } fragment B on Practice { ...A }'),
    bad('three-cycle', '{ practice { ...A } } fragment A on Practice { ...B } fragment B on Practice { ...C } fragment C on Practice { ...A }'),
    bad('cycle-through-nested-field', '{ practice { ...A } } fragment A on Practice { consortium { practices { ...A } } }'),
    bad('cycle-through-inline-fragment', '{ practice { ...A } } fragment A on Practice { ... on Practice { ...A } }'),
  ]),
  // 5.5.2.3 Fragment Spread Is Possible
  ...R('possible-fragment-spreads', [
    ok('object-in-same-object', '{ practice { ... on Practice { id } } }'),
    ok('interface-in-implementing-object', '{ practice { ... on Node { id } } }'),
    ok('object-in-interface', '{ org { ... on Consortium { id } } }'),
    ok('object-in-union', '{ member { ... on Person { id } } }'),
    ok('union-in-member-object', '{ person { ... on Member { __typename } } }'),
    ok('interface-in-overlapping-union', '{ member { ... on Named { name } } }'),
    ok('union-in-overlapping-union', '{ member { ... on Body { __typename } } }'),
    ok('interface-in-overlapping-interface', '{ org { ... on Named { name } } }'),
    ok('union-in-overlapping-interface', '{ org { ... on Member { __typename } } }'),
    bad('object-in-other-object', '{ practice { ... on Person { id } } }'),
    bad('named-fragment-other-object', '{ practice { ...P } } fragment P on Person { id }'),
    bad('object-in-non-implementing-interface', '{ org { ... on Person { id } } }'),
    bad('object-in-union-not-member', '{ body { ... on Person { id } } }'),
    bad('union-in-non-member-object', '{ budget { ... on Member { __typename } } }'),
    bad('interface-in-non-implementing-object', '{ budget { ... on Node { __typename } } }'),
    bad('disjoint-unions', '{ body { ... on Budget { id } } }'),
    bad('interface-in-disjoint-union', '{ anything { ... on Budget { ... on Node { __typename } } } }'),
    bad('union-fragment-in-non-member-object', '{ budget { ...M } } fragment M on Body { __typename }'),
    ok('union-fragment-in-overlapping-interface', '{ org { ...M } } fragment M on Anything { ... on Budget { id } }'),
  ]),
  // 5.6.1 Values of Correct Type
  ...R('values-of-correct-type', [
    ok('int', '{ echo(i: -12) }'),
    ok('int-to-float', '{ echo(f: 3) }'),
    ok('float', '{ echo(f: -1.5e3) }'),
    ok('string', '{ echo(s: "héllo") }'),
    ok('block-string', '{ echo(s: """multi\n  line""") }'),
    ok('boolean', '{ echo(b: false) }'),
    ok('id-from-string-and-int', '{ a: echo(id: "x1") b: echo(id: 42) }'),
    ok('enum', '{ echo(e: CAPITAL) }'),
    ok('custom-scalar-any-literal', '{ a: echo(d: "2013-04-01") b: echo(d: 20130401) c: echo(d: {y: 2013}) d: echo(d: [1, "x"]) }'),
    ok('null-for-nullable', '{ echo(i: null, s: null, filter: null) }'),
    ok('list', '{ echo(list: [1, 2, null]) }'),
    ok('single-value-for-list', '{ echo(list: 7) }'),
    ok('nested-lists', '{ echo(nested: [[1], [2, 3], null]) }'),
    ok('input-object', '{ echo(filter: {name: "a", kinds: [REVENUE, CAPITAL], nested: {code: "b"}}) }'),
    ok('input-object-required-with-default-omitted', '{ echo(req: {a: 1}) }'),
    ok('one-of-one-field', '{ echo(pick: {byCode: "X"}) }'),
    bad('string-for-int', '{ echo(i: "1") }'),
    bad('float-for-int', '{ echo(i: 1.5) }'),
    bad('int-too-large', '{ echo(i: 2147483648) }'),
    bad('int-too-small', '{ echo(i: -2147483649) }'),
    ok('int-at-limits', '{ a: echo(i: 2147483647) b: echo(i: -2147483648) }'),
    bad('string-for-float', '{ echo(f: "1.5") }'),
    bad('boolean-for-float', '{ echo(f: true) }'),
    bad('int-for-string', '{ echo(s: 1) }'),
    bad('enum-for-string', '{ echo(s: REVENUE) }'),
    bad('int-for-boolean', '{ echo(b: 1) }'),
    bad('string-for-boolean', '{ echo(b: "true") }'),
    bad('float-for-id', '{ echo(id: 1.0) }'),
    bad('boolean-for-id', '{ echo(id: true) }'),
    bad('string-for-enum', '{ echo(e: "REVENUE") }'),
    bad('unknown-enum-value', '{ echo(e: SURPLUS) }'),
    bad('lowercase-enum-value', '{ echo(e: revenue) }'),
    bad('boolean-for-enum', '{ echo(e: true) }'),
    bad('bad-item-in-list', '{ echo(list: [1, "two", 3]) }'),
    bad('bad-items-in-nested-list', '{ echo(nested: [[1, "x"], ["y"]]) }', { count: 2 }),
    bad('object-for-scalar', '{ echo(i: {v: 1}) }'),
    bad('list-for-scalar', '{ echo(s: ["a"]) }'),
    bad('scalar-for-input-object', '{ echo(filter: "x") }'),
    bad('unknown-input-field', '{ echo(filter: {postcode: "x"}) }'),
    bad('input-field-wrong-type', '{ echo(filter: {minSize: "big"}) }'),
    bad('nested-input-field-wrong-type', '{ echo(filter: {nested: {nested: {kinds: [SURPLUS]}}}) }'),
    bad('null-for-non-null-arg', '{ strict(i: null, s: "a", list: [], e: REVENUE) }'),
    bad('null-in-non-null-list', '{ strict(i: 1, s: "a", list: [1, null], e: REVENUE) }'),
    bad('one-of-two-fields', '{ echo(pick: {byId: "1", byCode: "X"}) }'),
    bad('one-of-null-field', '{ echo(pick: {byId: null}) }'),
    bad('one-of-no-fields', '{ echo(pick: {}) }'),
    ok('variable-in-list-position', 'query($v: Int) { echo(list: [1, $v]) }', { variables: { v: 2 } }),
    ok('variable-in-input-field', 'query($n: String) { echo(filter: {name: $n}) }', { variables: { n: 'z' } }),
  ]),
  // 5.6.2 Input Object Field Names (covered above) / 5.6.3 Input Object Field Uniqueness
  ...R('unique-input-field-names', [
    ok('distinct-fields', '{ echo(filter: {name: "a", code: "b"}) }'),
    bad('duplicate-field', '{ echo(filter: {name: "a", name: "b"}) }'),
    bad('duplicate-nested-field', '{ echo(filter: {nested: {code: "a", code: "b"}}) }'),
    ok('same-name-different-levels', '{ echo(filter: {name: "a", nested: {name: "b"}}) }'),
  ]),
  // 5.6.4 Input Object Required Fields
  ...R('input-object-required-fields', [
    ok('required-present', '{ echo(req: {a: 1, b: "y", c: true}) }'),
    bad('required-missing', '{ echo(req: {c: true}) }'),
    bad('required-null', '{ echo(req: {a: null}) }'),
    bad('required-with-default-null', '{ echo(req: {a: 1, b: null}) }'),
    bad('required-missing-in-list', '{ echo(filters: [{name: "a"}, {kinds: null, nested: 3}]) }'),
  ]),
  // 5.7 Directives
  ...R('known-directives', [
    ok('skip-include', '{ practice { name @skip(if: false) code @include(if: true) } }'),
    ok('custom-on-query', 'query Q @once { practice { name } }'),
    ok('on-variable-definition', 'query Q($v: Int @onVar) { echo(i: $v) }'),
    ok('on-fragment-definition', '{ practice { ...P } } fragment P on Practice @once { name }'),
    bad('unknown-directive', '{ practice { name @upper } }'),
    bad('skip-on-query', 'query Q @skip(if: true) { practice { name } }'),
    bad('include-on-fragment-definition', '{ practice { ...P } } fragment P on Practice @include(if: true) { name }'),
    bad('field-directive-on-variable', 'query Q($v: Int @once) { echo(i: $v) }'),
    bad('query-directive-on-mutation', 'mutation M @once { reset }'),
    bad('deprecated-in-query', '{ practice { name @deprecated } }'),
    bad('once-on-inline-fragment', '{ practice { ... @once { name } } }'),
  ]),
  ...R('unique-directives-per-location', [
    ok('repeatable-twice', '{ practice { name @rep @rep(n: 2) } }'),
    ok('same-directive-different-locations', '{ practice { a: name @once b: name @once } }'),
    bad('skip-twice', '{ practice { name @skip(if: false) @skip(if: true) } }'),
    bad('custom-twice-on-field', '{ practice { name @once @once } }'),
    bad('twice-on-operation', 'query Q @once @once { practice { name } }'),
    ok('skip-and-include-together', '{ practice { name @skip(if: false) @include(if: true) } }'),
  ]),
  // 5.8.1 Variable Uniqueness
  ...R('unique-variable-names', [
    ok('distinct', 'query($a: Int, $b: Int) { x: echo(i: $a) y: echo(i: $b) }'),
    bad('duplicate', 'query($a: Int, $a: Int) { echo(i: $a) }'),
    bad('duplicate-different-types', 'query($a: Int, $a: String) { echo(i: $a) }'),
    ok('same-name-in-two-operations', 'query A($v: Int) { echo(i: $v) } query B($v: String) { echo(s: $v) }', { operationName: 'B' }),
  ]),
  // 5.8.2 Variables Are Input Types
  ...R('variables-are-input-types', [
    ok('scalars-enums-inputs', 'query($a: Int, $b: BudgetKind, $c: Filter, $d: [Int!]!) { w: echo(i: $a) x: echo(e: $b) y: echo(filter: $c) z: echo(list: $d) }', { variables: { d: [] } }),
    bad('object-type', 'query($p: Practice) { practice { name } }'),
    bad('interface-type', 'query($p: Org) { practice { name } }'),
    bad('union-list-type', 'query($p: [Member!]) { practice { name } }'),
  ]),
  // 5.8.3 All Variable Uses Defined
  ...R('no-undefined-variables', [
    ok('defined', 'query($i: Int) { echo(i: $i) }'),
    bad('undefined', 'query { echo(i: $i) }'),
    bad('undefined-in-anonymous', '{ echo(i: $i) }'),
    bad('undefined-in-fragment', 'query Q { ...F } fragment F on Query { echo(i: $i) }'),
    bad('defined-in-other-operation', 'query A($i: Int) { echo(i: $i) } query B { echo(s: $i) }', { operationName: 'A' }),
    bad('undefined-in-directive', '{ practice { name @include(if: $show) } }'),
    bad('undefined-in-nested-input', '{ echo(filter: {nested: {name: $n}}) }'),
  ]),
  // 5.8.4 All Variables Used
  ...R('no-unused-variables', [
    ok('used-in-fragment', 'query($i: Int) { ...F } fragment F on Query { echo(i: $i) }'),
    bad('unused', 'query($i: Int) { practice { name } }'),
    bad('one-of-two-unused', 'query($i: Int, $s: String) { echo(i: $i) }'),
    bad('used-only-in-unused-operation-fragment', 'query A($i: Int) { practice { name } } query B($i: Int) { ...F } fragment F on Query { echo(i: $i) }', { operationName: 'B' }),
  ]),
  // 5.8.5 All Variable Usages Are Allowed
  ...R('variables-in-allowed-position', [
    ok('same-type', 'query($i: Int) { echo(i: $i) }'),
    ok('non-null-into-nullable', 'query($i: Int!) { echo(i: $i) }', { variables: { i: 1 } }),
    ok('nullable-with-default-into-non-null', 'query($i: Int = 5) { strict(i: $i, s: "a", list: [], e: REVENUE) }'),
    ok('non-null-list-into-list', 'query($l: [Int!]!) { echo(list: $l) }', { variables: { l: [] } }),
    ok('item-into-list', 'query($v: Int!) { strict(i: 1, s: "a", list: [$v], e: REVENUE) }', { variables: { v: 1 } }),
    ok('into-argument-with-default', 'query($i: Int) { defaulted(i: $i) }'),
    ok('enum-variable', 'query($e: BudgetKind) { echo(e: $e) }'),
    ok('custom-scalar-variable', 'query($d: Date) { echo(d: $d) }'),
    bad('nullable-into-non-null', 'query($i: Int) { strict(i: $i, s: "a", list: [], e: REVENUE) }'),
    bad('string-into-int', 'query($s: String) { echo(i: $s) }'),
    bad('int-into-float', 'query($i: Int) { echo(f: $i) }'),
    bad('id-into-string', 'query($x: ID) { echo(s: $x) }'),
    bad('list-into-scalar', 'query($l: [Int]) { echo(i: $l) }'),
    bad('scalar-into-list', 'query($i: Int) { echo(list: $i) }'),
    bad('nullable-items-into-non-null-items', 'query($l: [Int]!) { strict(i: 1, s: "a", list: $l, e: REVENUE) }', { variables: { l: [] } }),
    bad('nullable-into-non-null-list-item', 'query($v: Int) { strict(i: 1, s: "a", list: [$v], e: REVENUE) }'),
    bad('input-type-mismatch', 'query($r: Required) { echo(filter: $r) }'),
    bad('wrong-type-in-fragment', 'query($s: String) { ...F } fragment F on Query { echo(b: $s) }'),
    bad('nullable-into-directive-if', 'query($b: Boolean) { practice { name @skip(if: $b) } }'),
    ok('non-null-into-directive-if', 'query($b: Boolean!) { practice { name @skip(if: $b) } }', { variables: { b: false } }),
    bad('null-default-into-non-null', 'query($i: Int = null) { strict(i: $i, s: "a", list: [], e: REVENUE) }'),
    bad('nullable-into-one-of-field', 'query($c: String) { echo(pick: {byCode: $c}) }'),
    ok('non-null-into-one-of-field', 'query($c: String!) { echo(pick: {byCode: $c}) }', { variables: { c: 'X' } }),
  ]),
  // defaults of variables must be valid values
  ...R('variable-default-values', [
    ok('valid-defaults', 'query($i: Int = 1, $f: Float = 2, $l: [Int] = 3, $e: BudgetKind = REVENUE, $o: Filter = {name: "x"}) { v: echo(i: $i) w: echo(f: $f) x: echo(list: $l) y: echo(e: $e) z: echo(filter: $o) }'),
    bad('wrong-type-default', 'query($i: Int = "one") { echo(i: $i) }'),
    bad('bad-enum-default', 'query($e: BudgetKind = SURPLUS) { echo(e: $e) }'),
    bad('default-missing-required-field', 'query($r: Required = {c: true}) { echo(req: $r) }'),
    bad('default-with-variable', 'query($a: Int, $b: Int = $a) { echo(i: $b) x: echo(f: $a) }'),
  ]),
  // several rules at once: all errors are reported together
  ...R('several-rules', [
    bad('unknown-field-and-unused-fragment', '{ practice { colour } } fragment F on Practice { name }', { count: 2 }),
    bad('undefined-variable-and-bad-literal', '{ echo(i: $x, s: 3) }', { count: 2 }),
  ]),
];
