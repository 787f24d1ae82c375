// SDL features of the schema the engine must build: extensions, interfaces
// implementing interfaces, descriptions, default values, custom roots.
import { maker } from './lib.mjs';

const { ok, bad } = maker('sdl', 'type Query { a: Int }');

export const cases = [
  ok('extend-type-adds-fields', '{ a b }', { schema: 'type Query { a: Int }\nextend type Query { b: String }', data: { a: 1, b: 'x' } }),
  ok('extend-type-field-order', '{ __type(name: "Query") { fields { name } } }', { schema: 'extend type Query { z: Int }\ntype Query { a: Int }\nextend type Query { m: Int }' }),
  ok('extend-interface-and-implementations', '{ n { id extra } }', { schema: 'interface I { id: ID }\nextend interface I { extra: Int }\ntype T implements I { id: ID extra: Int }\ntype Query { n: I }', data: { n: { __typename: 'T', id: '1', extra: 2 } } }),
  ok('extend-type-with-interface', '{ t { ... on I { id } } }', { schema: 'interface I { id: ID }\ntype T { id: ID }\nextend type T implements I\ntype Query { t: T }', data: { t: { id: '9' } } }),
  ok('extend-union', '{ u { __typename } }', { schema: 'type A { a: Int } type B { b: Int }\nunion U = A\nextend union U = B\ntype Query { u: U }', data: { u: { __typename: 'B' } } }),
  ok('extend-enum', '{ e }', { schema: 'enum E { A }\nextend enum E { B }\ntype Query { e: E }', data: { e: 'B' } }),
  ok('extend-input', 'query($i: In) { f(i: $i) }', { schema: 'input In { a: Int }\nextend input In { b: Int! }\ntype Query { f(i: In): Int }', variables: { i: { a: 1, b: 2 } } }),
  bad('extended-input-required-field-enforced', 'query($i: In) { f(i: $i) }', { schema: 'input In { a: Int }\nextend input In { b: Int! }\ntype Query { f(i: In): Int }', variables: { i: { a: 1 } } }),
  ok('extend-schema-adds-mutation', 'mutation { m }', { schema: 'type Query { a: Int }\ntype M { m: Int }\nextend schema { mutation: M }', data: { m: 5 } }),
  ok('extend-scalar-with-directive', '{ __type(name: "D") { specifiedByURL } }', { schema: 'scalar D\nextend scalar D @specifiedBy(url: "https://example.org/d")\ntype Query { d: D }' }),
  ok('interfaces-implementing-interfaces', '{ x { ... on A { a } ... on B { b } ... on C { c } } }', { schema: 'interface A { a: Int }\ninterface B implements A { a: Int b: Int }\ntype C implements B & A { a: Int b: Int c: Int }\ntype Query { x: A }', data: { x: { __typename: 'C', a: 1, b: 2, c: 3 } } }),
  ok('interface-chain-introspection', '{ __type(name: "B") { interfaces { name } possibleTypes { name } } }', { schema: 'interface A { a: Int }\ninterface B implements A { a: Int b: Int }\ntype C implements B & A { a: Int b: Int c: Int }\ntype Query { x: A }' }),
  ok('descriptions-of-all-kinds', '{ __type(name: "T") { description fields { description args { description } } } }', { schema: '"""\n  T type\n\n  second paragraph\n"""\ntype T {\n  "field" f(\n    "arg" x: Int\n  ): Int\n}\ntype Query { t: T }' }),
  ok('block-string-description-indentation', '{ __type(name: "Query") { description } }', { schema: '"""\n\n    first\n      indented\n\n    last\n\n"""\ntype Query { a: Int }' }),
  ok('description-with-escapes', '{ __type(name: "Query") { description } }', { schema: '"tab\\tquote\\" \\u00e9 \\uD83D\\uDE00 \\u{1F600}" type Query { a: Int }' }),
  ok('default-values-printed', '{ __type(name: "Query") { fields { args { name defaultValue } } } }', { schema: 'enum E { X Y }\ninput In { a: Int b: [E] c: String }\ntype Query { f(i: Int = -3, fl: Float = 1.50, s: String = "q\\"uote\\n", b: Boolean = false, e: E = Y, l: [Int] = 1, ll: [E] = [X, Y], o: In = {c: "z", a: 1, b: X}, n: Int = null, id: ID = 12, big: Float = 1e3): Int }' }),
  ok('custom-schema-roots', '{ x }', { schema: 'schema { query: Root }\ntype Root { x: Int }', data: { x: 1 } }),
  ok('schema-root-names-introspection', '{ __schema { queryType { name } mutationType { name } } }', { schema: 'schema { query: Root mutation: Change }\ntype Root { x: Int }\ntype Change { y: Int }' }),
  ok('repeatable-custom-directive-definition', '{ __schema { directives { name isRepeatable } } }', { schema: 'directive @a repeatable on OBJECT\ndirective @b on FIELD_DEFINITION\ntype Query @a @a { x: Int @b }' }),
  ok('types-order-in-schema', '{ __schema { types { name } } }', { schema: 'type Zed { z: Int }\ntype Query { z: Zed a: Alpha }\ntype Alpha { a: Int }\nscalar Unused' }),
  ok('comma-separated-and-commented-sdl', '{ a b }', { schema: '# schema\ntype Query {\n  a: Int, # one\n  b: Int,\n}', data: { a: 1, b: 2 } }),
];
