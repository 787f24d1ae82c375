// Spec §3 (Type System) as SDL: schema definitions with custom root names,
// descriptions, scalars, objects, interfaces implementing interfaces,
// unions, enums, input objects with defaults, directives, extensions — each
// exercised by a query (and introspection where SDL is the point).
import { maker } from './lib.mjs';

const { ok, bad, any } = maker('spec-typesystem', 'type Query { a: Int }');
const T = '{ __schema { queryType { name } mutationType { name } subscriptionType { name } types { name kind } } }';
const fields = (n) => `{ __type(name: "${n}") { name kind description fields(includeDeprecated: true) { name description isDeprecated deprecationReason args { name defaultValue type { name kind ofType { name kind ofType { name } } } } type { name kind ofType { name kind ofType { name kind } } } } interfaces { name } possibleTypes { name } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } inputFields { name defaultValue description type { name kind ofType { name } } } specifiedByURL isOneOf } }`;

export const cases = [
  // schema definition
  ok('custom-root-names', '{ a } ', { schema: 'schema { query: Root mutation: Change } type Root { a: Int } type Change { b: Int }', data: { a: 1 } }),
  ok('custom-root-introspection', T, { schema: 'schema { query: Root mutation: Change subscription: Feed } type Root { a: Int } type Change { b: Int } type Feed { c: Int }' }),
  ok('custom-root-mutation-runs', 'mutation { b }', { schema: 'schema { query: Root mutation: Change } type Root { a: Int } type Change { b: Int }', data: { b: 2 } }),
  ok('custom-root-typename', '{ __typename } ', { schema: 'schema { query: Root } type Root { a: Int }' }),
  bad('custom-root-no-mutation', 'mutation { b }', { schema: 'schema { query: Root } type Root { a: Int } type Mutation { b: Int }' }),
  ok('query-named-type-not-root', '{ a }', { schema: 'schema { query: Root } type Root { a: Int } type Query { x: Int }', data: { a: 1 } }),
  ok('schema-extension-adds-mutation', 'mutation { b }', { schema: 'schema { query: Q } type Q { a: Int } type M { b: Int } extend schema { mutation: M }', data: { b: 1 } }),
  ok('schema-description', '{ __schema { description } }', { schema: '"""Top-level schema."""\nschema { query: Q } type Q { a: Int }' }),
  ok('schema-no-description', '{ __schema { description } }'),
  ok('schema-directive-applied', T, { schema: 'directive @meta(v: String) on SCHEMA schema @meta(v: "x") { query: Q } type Q { a: Int }' }),
  // scalars
  ok('custom-scalar-in-and-out', '{ s(v: { any: ["thing", 1] }) }', { schema: 'scalar Json type Query { s(v: Json): Json }', data: { s: { back: [true, null] } } }),
  ok('custom-scalar-specified-by', fields('Url'), { schema: 'scalar Url @specifiedBy(url: "https://url.spec.whatwg.org/") type Query { u: Url }' }),
  ok('scalar-description', fields('Money'), { schema: '"Pence, as an integer." scalar Money type Query { m: Money }' }),
  ok('scalar-extension-directive', fields('S'), { schema: 'scalar S directive @d on SCALAR extend scalar S @d type Query { s: S }' }),
  // objects
  ok('object-field-descriptions', fields('Person'), { schema: '"A person." type Person { "Full name." name: String "Age in years." age(asOf: Int = 2024 "unit" unit: String = "y"): Int } type Query { p: Person }' }),
  ok('object-field-args-all-kinds', fields('Query'), { schema: 'enum E { A B } input I { x: Int = 1 } type Query { f(a: Int = 1, b: Float = 2.5, c: String = "s", d: Boolean = true, e: ID = "id", g: E = A, h: I = { x: 2 }, i: [I] = [{}], j: [[E!]!] = [[A]]): Int }' }),
  // graphql-js 17: @deprecated(reason: String!), so reason: null no longer builds.
  ok('object-deprecated-fields', fields('O'), { schema: 'type O { a: Int @deprecated b: Int @deprecated(reason: "Use c.") c: Int @deprecated(reason: "") d: Int } type Query { o: O }' }),
  ok('object-extension-field', '{ a b }', { schema: 'type Query { a: Int } extend type Query { b: String }', data: { a: 1, b: 'x' } }),
  ok('object-extension-interface', fields('O'), { schema: 'interface I { a: Int } type O { a: Int } extend type O implements I type Query { o: O }' }),
  ok('object-extension-order', fields('Query'), { schema: 'extend type Query { z: Int } type Query { a: Int } extend type Query { m: Int }' }),
  ok('object-field-named-like-keywords', '{ type query fragment on null true input }', { schema: 'type Query { type: Int query: Int fragment: Int on: Int null: Int true: Int input: Int }', data: { type: 1, query: 2, fragment: 3, on: 4, null: 5, true: 6, input: 7 } }),
  ok('type-names-unicode-free-underscores', '{ _x { __typename _y } }', { schema: 'type Query { _x: _T } type _T { _y: Int }', data: { _x: { _y: 1 } } }),
  // interfaces
  ok('interface-implements-interface', '{ n { id ... on Resource { url } ... on Image { width } } }', { schema: 'interface Node { id: ID! } interface Resource implements Node { id: ID! url: String } type Image implements Resource & Node { id: ID! url: String width: Int } type Query { n: Node }', data: { n: { __typename: 'Image', id: '1', url: 'u', width: 3 } } }),
  ok('interface-implements-interface-introspection', fields('Resource'), { schema: 'interface Node { id: ID! } interface Resource implements Node { id: ID! url: String } type Image implements Resource & Node { id: ID! url: String width: Int } type Query { n: Node }' }),
  ok('interface-possible-types-transitive', '{ __type(name: "Node") { possibleTypes { name } } }', { schema: 'interface Node { id: ID! } interface Resource implements Node { id: ID! url: String } type Image implements Resource & Node { id: ID! url: String } type Page implements Node { id: ID! } type Query { n: Node }' }),
  ok('interface-covariant-field', '{ p { friend { name } } }', { schema: 'interface Named { name: String } interface P { friend: Named } type Dog implements Named { name: String } type Owner implements P { friend: Dog } type Query { p: P }', data: { p: { __typename: 'Owner', friend: { name: 'd' } } } }),
  ok('interface-additional-optional-arg', '{ p { f } }', { schema: 'interface P { f(a: Int): Int } type O implements P { f(a: Int, b: String): Int } type Query { p: P }', data: { p: { __typename: 'O', f: 1 } } }),
  ok('interface-ampersand-leading', fields('O'), { schema: 'interface A { a: Int } interface B { b: Int } type O implements & A & B { a: Int b: Int } type Query { o: O }' }),
  ok('interface-extension', fields('I'), { schema: 'interface I { a: Int } extend interface I { b: Int } type O implements I { a: Int b: Int } type Query { i: I }' }),
  ok('interface-no-implementations', '{ i { a } }', { schema: 'interface I { a: Int } type Query { i: I }' }),
  // unions
  ok('union-leading-pipe', '{ u { __typename } }', { schema: 'type A { a: Int } type B { b: Int } union U = | A | B type Query { u: U }', data: { u: { __typename: 'B' } } }),
  ok('union-multiline', fields('U'), { schema: 'type A { a: Int } type B { b: Int } "Either." union U =\n  | A\n  | B\ntype Query { u: U }' }),
  ok('union-extension', '{ u { ... on C { c } } }', { schema: 'type A { a: Int } type C { c: Int } union U = A extend union U = C type Query { u: U }', data: { u: { __typename: 'C', c: 3 } } }),
  ok('union-single-member', '{ u { ... on A { a } } }', { schema: 'type A { a: Int } union U = A type Query { u: U }', data: { u: { __typename: 'A', a: 1 } } }),
  ok('union-of-types-implementing-interface', '{ u { ... on I { x } } }', { schema: 'interface I { x: Int } type A implements I { x: Int } type B implements I { x: Int } union U = A | B type Query { u: [U] }'.replace('u: [U]', 'u: U'), data: { u: { __typename: 'B', x: 2 } } }),
  // enums
  ok('enum-descriptions-deprecations', fields('E'), { schema: '"Colours." enum E { "Red." RED GREEN @deprecated(reason: "Green is out.") BLUE @deprecated } type Query { e: E }' }),
  ok('enum-extension', '{ e }', { schema: 'enum E { A } extend enum E { B } type Query { e: E }', data: { e: 'B' } }),
  ok('enum-lowercase-values', '{ e(v: red) }', { schema: 'enum E { red Green BLUE_2 } type Query { e(v: E): E }', data: { e: 'Green' } }),
  ok('enum-in-nested-input', '{ f(i: { o: { e: BLUE, es: [RED, GREEN] } }) }', { schema: 'enum E { RED GREEN BLUE } input O { e: E es: [E!] } input I { o: O } type Query { f(i: I): Int }', data: { f: 1 } }),
  bad('enum-as-string-in-nested-input', '{ f(i: { o: { e: "BLUE" } }) }', { schema: 'enum E { RED GREEN BLUE } input O { e: E } input I { o: O } type Query { f(i: I): Int }', data: { f: 1 } }),
  // input objects
  ok('input-defaults-in-fields', fields('I'), { schema: 'enum E { A B } input I { a: Int = 1 b: [String] = ["x", "y"] c: E = B d: J = { z: 3 } } input J { z: Int = 9 } type Query { f(i: I): Int }' }),
  ok('input-field-defaults-used', 'query q($i: I = {}) { f(i: $i) }', { schema: 'input I { a: Int = 1 b: Int! = 2 } type Query { f(i: I): Int }', data: { f: 1 } }),
  ok('input-recursive-nullable', '{ f(i: { n: { n: { n: null } } }) }', { schema: 'input I { n: I } type Query { f(i: I): Int }', data: { f: 1 } }),
  ok('input-recursive-list', '{ f(i: { n: [{ n: [] }] }) }', { schema: 'input I { n: [I!]! } type Query { f(i: I): Int }', data: { f: 1 } }),
  ok('input-extension', '{ f(i: { a: 1, b: 2 }) }', { schema: 'input I { a: Int } extend input I { b: Int } type Query { f(i: I): Int }', data: { f: 1 } }),
  ok('input-deprecated-optional-field', fields('I'), { schema: 'input I { a: Int @deprecated(reason: "old") b: Int! } type Query { f(i: I): Int }' }),
  ok('one-of-input-literal', '{ f(i: { b: "x" }) }', { schema: 'input I @oneOf { a: Int b: String } type Query { f(i: I): Int }', data: { f: 1 } }),
  bad('one-of-input-two-fields', '{ f(i: { a: 1, b: "x" }) }', { schema: 'input I @oneOf { a: Int b: String } type Query { f(i: I): Int }', data: { f: 1 } }),
  bad('one-of-input-null-field', '{ f(i: { a: null }) }', { schema: 'input I @oneOf { a: Int b: String } type Query { f(i: I): Int }', data: { f: 1 } }),
  bad('one-of-input-empty', '{ f(i: {}) }', { schema: 'input I @oneOf { a: Int b: String } type Query { f(i: I): Int }', data: { f: 1 } }),
  ok('one-of-variable', 'query q($i: I) { f(i: $i) }', { schema: 'input I @oneOf { a: Int b: String } type Query { f(i: I): Int }', data: { f: 1 }, variables: { i: { a: 3 } } }),
  bad('one-of-variable-two', 'query q($i: I) { f(i: $i) }', { schema: 'input I @oneOf { a: Int b: String } type Query { f(i: I): Int }', data: { f: 1 }, variables: { i: { a: 3, b: 'x' } } }),
  bad('one-of-nullable-variable-field', 'query q($a: Int) { f(i: { a: $a }) }', { schema: 'input I @oneOf { a: Int b: String } type Query { f(i: I): Int }', data: { f: 1 }, variables: { a: 3 } }),
  ok('one-of-nonnull-variable-field', 'query q($a: Int!) { f(i: { a: $a }) }', { schema: 'input I @oneOf { a: Int b: String } type Query { f(i: I): Int }', data: { f: 1 }, variables: { a: 3 } }),
  // directives
  ok('directive-definition-introspection', '{ __schema { directives { name description isRepeatable locations args { name defaultValue type { name kind ofType { name } } } } } }', { schema: '"Caches." directive @cache("Seconds." ttl: Int! = 60, tags: [String!]) repeatable on FIELD_DEFINITION | OBJECT directive @log on QUERY | FIELD type Query { a: Int @cache(ttl: 5) @cache(ttl: 6) }' }),
  ok('directive-custom-in-query', 'query @log { a @log }', { schema: 'directive @log on QUERY | FIELD type Query { a: Int }', data: { a: 1 } }),
  ok('directive-repeatable-in-query', '{ a @tag(n: "x") @tag(n: "y") }', { schema: 'directive @tag(n: String) repeatable on FIELD type Query { a: Int }', data: { a: 1 } }),
  bad('directive-not-repeatable-in-query', '{ a @once @once }', { schema: 'directive @once on FIELD type Query { a: Int }', data: { a: 1 } }),
  ok('directive-on-variable-definition', 'query q($v: Int @mark) { f(i: $v) }', { schema: 'directive @mark on VARIABLE_DEFINITION type Query { f(i: Int): Int }', data: { f: 1 } }),
  bad('directive-variable-definition-wrong-location', 'query q($v: Int @mark) { f(i: $v) }', { schema: 'directive @mark on FIELD type Query { f(i: Int): Int }', data: { f: 1 } }),
  ok('directive-on-fragment-definition', '{ ...F } fragment F on Query @mark { a }', { schema: 'directive @mark on FRAGMENT_DEFINITION type Query { a: Int }', data: { a: 1 } }),
  ok('directive-on-subscription', 'subscription @mark { s }', { schema: 'directive @mark on SUBSCRIPTION type Query { a: Int } type Subscription { s: Int }', data: { s: 1 } }),
  bad('directive-required-arg-missing', '{ a @need }', { schema: 'directive @need(x: Int!) on FIELD type Query { a: Int }' }),
  ok('directive-arg-default', '{ a @need }', { schema: 'directive @need(x: Int! = 1) on FIELD type Query { a: Int }' }),
  bad('directive-arg-wrong-type', '{ a @need(x: "one") }', { schema: 'directive @need(x: Int) on FIELD type Query { a: Int }' }),
  ok('builtin-directives-listed', '{ __schema { directives { name } } }'),
  ok('deprecated-directive-introspection', '{ __schema { directives { name args { name defaultValue } locations } } }'),
  // descriptions in all positions
  ok('descriptions-everywhere', '{ __schema { types { name description fields { name description args { name description } } inputFields { name description } enumValues { name description } } directives { name description args { name description } } } }', { schema: '"Q." type Query { "f." f("arg." a: In): E } "In." input In { "x." x: Int } "E." enum E { "V." V } "D." directive @d("n." n: Int) on FIELD' }),
  ok('block-description-trimming', '{ __type(name: "Query") { description fields { description } } }', { schema: '"""\n\n    First.\n      Second, indented.\n\n"""\ntype Query {\n  """\n  Single line in block.\n  """\n  a: Int\n  """Inline block."""\n  b: Int\n}' }),
  ok('description-escapes', '{ __type(name: "Query") { description } }', { schema: '"Tab\\tquote\\" unicode \\u00E9 \\u{1F600}" type Query { a: Int }' }),
  // comments and commas in SDL
  ok('sdl-comments-and-commas', '{ a b }', { schema: '# comment\ntype Query {\n  a: Int, # after\n  b: Int,\n}\n# end', data: { a: 1, b: 2 } }),
  ok('sdl-unicode-strings', '{ __type(name: "Query") { description } }', { schema: '"Ünïcödé ✓ 😀 中文" type Query { a: Int }' }),
  // built-in names
  ...['String', 'Int', 'Float', 'Boolean', 'ID'].map((n) => ok(`builtin-scalar-${n}-present`, `{ __type(name: "${n}") { name kind description specifiedByURL } }`)),
  ok('unused-builtin-scalars-absent', '{ __schema { types { name } } }', { schema: 'type Query { a: String }' }),
];
