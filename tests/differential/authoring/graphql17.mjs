// What changed with graphql-js 17.1 and the September 2025 edition (everything but @defer/@stream):
// empty selection sets, operation types the schema lacks (a validation error now), @skip/@include
// at a subscription's top level, default values printed as written in 17's layout, every
// includeDeprecated as Boolean! = false, @deprecated(reason: String!), the new directive locations,
// @specifiedBy on scalar extensions, meta-field argument errors, descriptions on executable
// definitions, and Unicode in the lexer.
import { maker } from './lib.mjs';

const S = [
  'directive @tag(name: String = "t", weight: Float = 1.50, opts: Opts = {a: 1}) on FIELD | FRAGMENT_SPREAD',
  'input Opts { a: Int b: [String] = ["x", "y"] c: Opts2 }',
  'input Opts2 { d: Boolean = true e: Color }',
  'enum Color { RED GREEN BLUE @deprecated(reason: "gone") }',
  'scalar Json',
  'type Item { id: ID name: String old: String @deprecated tags: [String] }',
  'type Query { item: Item items: [Item] a: Int echo(s: String, n: Int): String }',
].join('\n');
const DATA = { item: { id: '1', name: 'one', old: 'o', tags: ['t'] }, items: [{ id: '1' }, { id: '2' }], a: 7, echo: 'e' };
const { ok, bad } = maker('graphql17', S, { data: DATA });

const SUB = 'type Query { a: Int } type O { x: Int y: Int } type Subscription { a: Int b: Int o: O }';
const SUB_DATA = { a: 1, b: 2, o: { x: 3, y: 4 } };
const MUT = 'type Query { a: Int } type Mutation { set: Int }';

// A field whose argument defaults are the subject, and the query that prints them.
const defaults = (args, extra = '') => ({ schema: `${extra}\ntype Query { f(${args}): Int }` });
const PRINT_DEFAULTS = '{ __type(name: "Query") { fields { args { name defaultValue } } } }';

export const cases = [
  // ---- empty selection sets (graphql-js 17 parses and runs them; they select nothing) ----
  ok('empty-root-selection', '{}'),
  ok('empty-root-selection-named', 'query Q {}'),
  ok('empty-object-selection', '{ item {} }'),
  ok('empty-object-selection-null', '{ item {} }', { data: { item: null } }),
  ok('empty-list-selection', '{ items {} }'),
  ok('empty-inline-fragment', '{ item { ... on Item {} id } }'),
  ok('empty-fragment-definition', '{ item { ...F id } } fragment F on Item {}'),
  ok('empty-selection-beside-typename', '{ item { } __typename }'),
  ok('empty-selection-with-directive', '{ item @include(if: true) {} a }'),
  bad('empty-selection-on-scalar', '{ item { id {} } }'),
  bad('empty-selection-on-unknown-field', '{ nope {} }'),

  // ---- operation type existence: now a validation error (no "data") ----
  bad('mutation-without-mutation-type', 'mutation { a }'),
  bad('subscription-without-subscription-type', 'subscription { a }'),
  bad('empty-mutation-without-mutation-type', 'mutation {}'),
  bad('unsupported-operation-not-selected', 'query A { a } mutation B { a }', { operationName: 'A' }),
  bad('unsupported-operation-unknown-field', 'mutation { nope }'),
  bad('two-unsupported-operations', 'mutation A { a } subscription B { a }'),
  ok('mutation-with-mutation-type', 'mutation { set }', { schema: MUT, data: { a: 1, set: 2 } }),

  // ---- subscriptions: no @skip/@include in the top-level selection ----
  ok('subscription-single-field', 'subscription { a }', { schema: SUB, data: SUB_DATA }),
  bad('subscription-skip-top-level', 'subscription { a @skip(if: false) }', { schema: SUB, data: SUB_DATA }),
  bad('subscription-include-top-level', 'subscription S { a @include(if: true) }', { schema: SUB, data: SUB_DATA }),
  bad('subscription-include-in-fragment', 'subscription { ...F } fragment F on Subscription { a @include(if: true) }', { schema: SUB, data: SUB_DATA }),
  bad('subscription-skip-on-inline-fragment', 'subscription { ... @skip(if: false) { a } }', { schema: SUB, data: SUB_DATA }),
  bad('subscription-skip-on-spread-twice', 'subscription { ...F @skip(if: false) ...F @skip(if: false) } fragment F on Subscription { a }', { schema: SUB, data: SUB_DATA }),
  bad('subscription-skip-variable', 'subscription ($v: Boolean!) { a @skip(if: $v) }', { schema: SUB, data: SUB_DATA, variables: { v: false } }),
  ok('subscription-skip-below-top-level', 'subscription { o { x @skip(if: true) y } }', { schema: SUB, data: SUB_DATA }),
  bad('subscription-empty-selection', 'subscription { }', { schema: SUB, data: SUB_DATA }),
  bad('subscription-two-fields-and-skip', 'subscription { a b @include(if: true) }', { schema: SUB, data: SUB_DATA }),

  // ---- default values: the literal as written, printed in 17's layout ----
  ok('default-object-spaced', PRINT_DEFAULTS, defaults('o: In = {a: 1}', 'input In { a: Int b: Int = 2 }')),
  ok('default-object-inner-defaults-not-added', '{ __type(name: "Opts") { inputFields { name defaultValue } } }'),
  ok('default-floats-as-written', PRINT_DEFAULTS, defaults('a: Float = 1.50, b: Float = 1e3, c: Float = -0.0, d: Float = 6.02E23, e: Float = 2')),
  ok('default-negative-int', PRINT_DEFAULTS, defaults('a: Int = -7, b: Int = 0')),
  ok('default-empty-object', PRINT_DEFAULTS, defaults('o: In = {}', 'input In { a: Int }')),
  ok('default-empty-and-nested-lists', PRINT_DEFAULTS, defaults('a: [Int] = [], b: [[Int]] = [[1, 2], []], c: [Int] = 3')),
  ok('default-long-list-one-item-per-line', PRINT_DEFAULTS,
    defaults('a: [String] = ["aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc", "dddddddddddd", "eeeeeeeeeeee", "ffff"]')),
  ok('default-list-exactly-at-the-limit', PRINT_DEFAULTS,
    defaults('a: [String] = ["aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc", "dddddddddddd", "eeeeeeeeeeee", "ff"]')),
  ok('default-long-object-as-block', PRINT_DEFAULTS,
    defaults('o: In = {alpha: "aaaaaaaaaaaaaaaa", beta: "bbbbbbbbbbbbbbbb", gamma: "cccccccccccccccc", d: [1, 2]}',
      'input In { alpha: String beta: String gamma: String d: [Int] }')),
  ok('default-nested-long-object', PRINT_DEFAULTS,
    defaults('o: In = {i: {alpha: "aaaaaaaaaaaaaaaa", beta: "bbbbbbbbbbbbbbbb", gamma: "cccccccccccccccccc"}}',
      'input In { i: In2 } input In2 { alpha: String beta: String gamma: String }')),
  ok('default-block-string', PRINT_DEFAULTS, defaults('s: String = """two\n  lines"""')),
  ok('default-string-escapes', PRINT_DEFAULTS, defaults('s: String = "tab\\there \\u00e9 \\"q\\" \\\\"')),
  ok('default-enum-and-null', PRINT_DEFAULTS, defaults('c: Color = RED, d: Color = null', 'enum Color { RED }')),
  ok('default-custom-scalar-literal', PRINT_DEFAULTS, defaults('j: Json = {k: [1, E, "s", null], m: {n: 1.0}}', 'scalar Json')),
  ok('default-custom-scalar-enum-like', PRINT_DEFAULTS, defaults('j: Json = E', 'scalar Json')),
  ok('default-directive-arguments', '{ __schema { directives { name args { name defaultValue } } } }'),
  ok('default-input-field-nested', '{ __type(name: "Opts2") { inputFields { name defaultValue } } }'),
  ok('default-list-of-objects', PRINT_DEFAULTS, defaults('l: [In] = [{a: 1}, {a: 2, b: [true]}]', 'input In { a: Int b: [Boolean] }')),

  // ---- includeDeprecated: Boolean! = false on every field that has it ----
  ok('include-deprecated-argument-types', '{ __type(name: "__Type") { fields { name args { name defaultValue type { kind name ofType { name } } } } } }'),
  ok('include-deprecated-directive-args-type', '{ __type(name: "__Directive") { fields { name args { name defaultValue type { kind ofType { name } } } } } }'),
  ok('include-deprecated-schema-directives-type', '{ __type(name: "__Schema") { fields { name args { name defaultValue type { kind ofType { name } } } } } }'),
  bad('include-deprecated-null', '{ __type(name: "Item") { fields(includeDeprecated: null) { name } } }'),
  // A nullable variable may feed Boolean! here: the argument has a default (false).
  ok('include-deprecated-nullable-variable', 'query ($d: Boolean) { __type(name: "Item") { fields(includeDeprecated: $d) { name } } }', { variables: { d: true } }),
  ok('include-deprecated-variable-with-default', 'query ($d: Boolean = true) { __type(name: "Item") { fields(includeDeprecated: $d) { name isDeprecated } } }'),
  ok('include-deprecated-enum-values', '{ __type(name: "Color") { enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } } }'),
  ok('include-deprecated-directives', '{ __schema { directives(includeDeprecated: true) { name isDeprecated } } }'),
  ok('include-deprecated-directive-args', '{ __schema { directives { name args(includeDeprecated: true) { name isDeprecated } } } }'),

  // ---- @deprecated(reason: String! = "No longer supported") ----
  ok('deprecated-reason-is-non-null', '{ __schema { directives { name args { name type { kind name ofType { name } } } } } }'),
  ok('deprecated-default-reason', '{ __type(name: "Item") { fields(includeDeprecated: true) { name deprecationReason } } }'),

  // ---- directive locations ----
  ok('directive-location-values', '{ __type(name: "__DirectiveLocation") { enumValues { name description } } }'),
  ok('directive-on-fragment-variable-definition', '{ __schema { directives { name locations } } }',
    { schema: 'directive @fv on FRAGMENT_VARIABLE_DEFINITION | DIRECTIVE_DEFINITION\ntype Query { a: Int }' }),
  bad('fragment-variable-directive-on-operation-variable', 'query ($v: Int @fv) { a(x: $v) }',
    { schema: 'directive @fv on FRAGMENT_VARIABLE_DEFINITION\ntype Query { a(x: Int): Int }' }),

  // ---- @specifiedBy on scalar extensions ----
  ok('specified-by-on-extension', '{ __type(name: "D") { specifiedByURL } }', { schema: 'scalar D\nextend scalar D @specifiedBy(url: "https://example.org/ext")\ntype Query { d: D }' }),
  ok('specified-by-on-second-extension', '{ __type(name: "D") { specifiedByURL } }',
    { schema: 'directive @x on SCALAR\nscalar D\nextend scalar D @x\nextend scalar D @specifiedBy(url: "https://example.org/2")\ntype Query { d: D }' }),
  ok('specified-by-extension-without-url', '{ __type(name: "D") { specifiedByURL } }',
    { schema: 'directive @x on SCALAR\nscalar D @specifiedBy(url: "https://example.org/a")\nextend scalar D @x\ntype Query { d: D }' }),

  // ---- meta-fields ----
  bad('unknown-argument-on-typename', '{ __typename(x: 1) }'),
  bad('unknown-argument-on-type', '{ __type(nme: "Item") { name } }'),
  ok('is-one-of', '{ a: __type(name: "Opts") { isOneOf } b: __type(name: "O") { isOneOf } c: __type(name: "Item") { isOneOf } }',
    { schema: `${S}\ninput O @oneOf { x: Int y: String }` }),

  // ---- descriptions on executable definitions ----
  ok('operation-description', '"Fetches one item." query Q { item { id } }'),
  ok('fragment-description', 'query { item { ...F } } """The basics.""" fragment F on Item { id name }'),
  ok('variable-description', 'query Q("The text." $s: String) { echo(s: $s) }', { variables: { s: 'x' } }),
  bad('description-on-shorthand-query', '"Nope." { a }'),
  bad('description-on-type-extension', '"Nope." extend type Query { b: Int }'),

  // ---- Unicode in the lexer ----
  ok('unicode-braced-escape', '{ echo(s: "\\u{1F600} \\u{e9}") }'),
  bad('unicode-braced-escape-surrogate', '{ echo(s: "\\u{D800}") }'),
  bad('unicode-braced-escape-out-of-range', '{ echo(s: "\\u{110000}") }'),
  ok('unicode-surrogate-pair-escape', '{ echo(s: "\\uD83D\\uDE00") }'),
  ok('unicode-in-comment-and-block-string', '# ☃ comment\n{ echo(s: """snow ☃ and 😀""") }'),
  bad('unicode-letter-in-name', '{ échо }'),
  ok('byte-order-mark', '\uFEFF{ a }'),
];
