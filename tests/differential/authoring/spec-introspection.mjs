// Spec §4 (Introspection): __typename, __schema, __type of every built-in and
// of every kind of user type, descriptions, deprecation, specifiedBy, oneOf,
// repeatable directives, custom root type names.
import { maker } from './lib.mjs';

const S = `
"""
The root of all queries.
Spans two lines.
"""
type Root {
  "A user, found by id."
  user(
    "The identifier."
    id: ID!
    legacy: String @deprecated(reason: "Use id.")
  ): User
  node(id: ID!): Node
  search(text: String = "all", limit: Int = 10, kinds: [Kind!] = [USER], where: Where = { kind: ADMIN, tags: ["a"] }): [SearchResult]
  when: DateTime
  old: String @deprecated
  older: String @deprecated(reason: "Gone soon.")
}
type Change { "What changed." what: String }
type Stream { changed: Change }
schema { query: Root mutation: Change subscription: Stream }
"Something with an id."
interface Node { id: ID! }
interface Entity implements Node { id: ID! name: String }
type User implements Entity & Node { id: ID! name: String email: String @deprecated(reason: "Private.") friends: [User!]! }
type Group implements Entity & Node { id: ID! name: String members: [User] }
union SearchResult = User | Group
"Kinds of things."
enum Kind { USER "A group." GROUP ADMIN @deprecated(reason: "Merged into USER.") LEGACY @deprecated }
input Where { kind: Kind = USER tags: [String!] "Deprecated input field." old: Int @deprecated(reason: "no") nested: Where }
input OneKey @oneOf { id: ID name: String }
scalar DateTime @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")
"Marks a field cached."
directive @cached(ttl: Int = 60, scope: String @deprecated(reason: "x")) repeatable on FIELD_DEFINITION | OBJECT | FIELD
directive @internal on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE | SCALAR | UNION | INTERFACE | INPUT_OBJECT | ENUM | SCHEMA | VARIABLE_DEFINITION | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | QUERY | MUTATION | SUBSCRIPTION
`;
const { ok, bad } = maker('spec-introspection', S, { data: { user: { __typename: 'User', id: '1', name: 'A' }, node: { __typename: 'Group', id: 'g' }, search: [{ __typename: 'User', id: '1' }, { __typename: 'Group', id: '2', name: 'G' }] } });

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const FULL_TYPE = `kind name description specifiedByURL isOneOf
  fields(includeDeprecated: true) { name description isDeprecated deprecationReason args(includeDeprecated: true) { name description defaultValue isDeprecated deprecationReason type { ${TYPE_REF} } } type { ${TYPE_REF} } }
  inputFields(includeDeprecated: true) { name description defaultValue isDeprecated deprecationReason type { ${TYPE_REF} } }
  interfaces { ${TYPE_REF} }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ${TYPE_REF} }`;
const FULL = `query IntrospectionQuery { __schema { description queryType { name } mutationType { name } subscriptionType { name } types { ...FullType } directives { name description isRepeatable locations args(includeDeprecated: true) { name description defaultValue isDeprecated deprecationReason type { ${TYPE_REF} } } } } } fragment FullType on __Type { ${FULL_TYPE} }`;

const builtins = ['String', 'Int', 'Float', 'Boolean', 'ID', '__Schema', '__Type', '__TypeKind', '__Field', '__InputValue', '__EnumValue', '__Directive', '__DirectiveLocation'];
const users = ['Root', 'Change', 'Stream', 'Node', 'Entity', 'User', 'Group', 'SearchResult', 'Kind', 'Where', 'OneKey', 'DateTime'];

export const cases = [
  ok('full-introspection', FULL),
  ok('full-introspection-minimal-schema', FULL, { schema: 'type Query { a: Int }' }),
  ok('full-introspection-schema-description', FULL, { schema: '"The schema."\nschema { query: Q } type Q { a: Int }' }),
  ok('full-introspection-default-roots', FULL, { schema: 'type Query { a: Int } type Mutation { b: Int } type Subscription { c: Int }' }),
  ...builtins.map((n) => ok(`type-${n}`, `{ __type(name: "${n}") { ${FULL_TYPE} } }`)),
  ...users.map((n) => ok(`type-${n}`, `{ __type(name: "${n}") { ${FULL_TYPE} } }`)),
  ok('type-unknown-is-null', '{ __type(name: "Nope") { name } }'),
  ok('type-empty-name', '{ __type(name: "") { name } }'),
  bad('type-missing-name', '{ __type { name } }'),
  bad('type-name-null', '{ __type(name: null) { name } }'),
  ok('type-name-variable', 'query q($n: String!) { __type(name: $n) { name kind } }', { variables: { n: 'User' } }),
  bad('type-name-variable-nullable', 'query q($n: String) { __type(name: $n) { name kind } }', { variables: { n: 'User' } }),
  ok('fields-without-deprecated', '{ __type(name: "Root") { fields { name isDeprecated } } }'),
  ok('fields-include-deprecated-false', '{ __type(name: "Root") { fields(includeDeprecated: false) { name args { name } } } }'),
  ok('args-include-deprecated', '{ __type(name: "Root") { fields { name a: args { name } b: args(includeDeprecated: true) { name isDeprecated deprecationReason } } } }'),
  ok('enum-values-default', '{ __type(name: "Kind") { enumValues { name } } }'),
  ok('enum-values-deprecated', '{ __type(name: "Kind") { enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } } }'),
  ok('input-fields-default', '{ __type(name: "Where") { inputFields { name defaultValue } } }'),
  ok('input-fields-deprecated', '{ __type(name: "Where") { inputFields(includeDeprecated: true) { name isDeprecated } } }'),
  ok('default-values-printed', '{ __type(name: "Root") { fields { name args { name defaultValue } } } }'),
  ok('fields-on-non-object-null', '{ s: __type(name: "String") { fields { name } interfaces { name } possibleTypes { name } enumValues { name } inputFields { name } ofType { name } } }'),
  ok('interface-possible-types', '{ __type(name: "Node") { possibleTypes { name } interfaces { name } } }'),
  ok('interface-interfaces', '{ __type(name: "Entity") { interfaces { name } possibleTypes { name } } }'),
  ok('union-possible-types', '{ __type(name: "SearchResult") { kind possibleTypes { name } fields { name } } }'),
  ok('specified-by', '{ a: __type(name: "DateTime") { specifiedByURL } b: __type(name: "Int") { specifiedByURL } }'),
  ok('one-of', '{ a: __type(name: "OneKey") { isOneOf } b: __type(name: "Where") { isOneOf } c: __type(name: "User") { isOneOf } }'),
  ok('directives', '{ __schema { directives { name isRepeatable locations args { name defaultValue } } } }'),
  ok('directive-args-deprecated', '{ __schema { directives { name args(includeDeprecated: true) { name isDeprecated } } } }'),
  ok('schema-roots', '{ __schema { queryType { name kind } mutationType { name } subscriptionType { name } } }'),
  ok('schema-roots-absent', '{ __schema { mutationType { name } subscriptionType { name } } }', { schema: 'type Query { a: Int }' }),
  ok('schema-types-names', '{ __schema { types { name kind } } }'),
  ok('typename-on-introspection-types', '{ __schema { __typename queryType { __typename fields { __typename type { __typename } args { __typename } } } directives { __typename } } }'),
  ok('typename-of-root', '{ __typename }'),
  ok('typename-on-union-member', '{ search { __typename ... on User { id } ... on Group { name } } }'),
  ok('typename-on-interface', '{ node(id: 1) { __typename id } }'),
  ok('typename-aliases', '{ node(id: "g") { a: __typename b: __typename } }'),
  bad('schema-on-nested', '{ user(id: 1) { __schema { queryType { name } } } }'),
  bad('type-on-nested', '{ user(id: 1) { __type(name: "User") { name } } }'),
  ok('typename-on-nested-ok', '{ user(id: 1) { __typename } }'),
  bad('unknown-introspection-field', '{ __foo }'),
  bad('introspection-field-unknown-subfield', '{ __schema { nope } }'),
  ok('of-type-chain', '{ __type(name: "User") { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }'),
  ok('introspection-with-fragments', '{ __schema { types { ...T } } } fragment T on __Type { name ... on __Type { kind } }'),
  ok('introspection-aliased', '{ a: __schema { queryType { name } } b: __type(name: "Kind") { k: kind } }'),
  ok('introspection-skip', '{ __schema @skip(if: true) { queryType { name } } __typename }'),
  ok('introspection-in-mutation', 'mutation { __typename }'),
  bad('schema-in-mutation', 'mutation { __schema { queryType { name } } }'),
  ok('directive-locations-all', '{ __schema { directives { name locations } } }', { schema: 'type Query { a: Int } directive @all on QUERY | MUTATION | SUBSCRIPTION | FIELD | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION | SCHEMA | SCALAR | OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | INTERFACE | UNION | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION' }),
  ok('default-value-formats', '{ __type(name: "Q") { fields { args { name defaultValue } } } }', { schema: 'type Q { f(a: String = "quo\\"te", b: Float = 1.50, c: Float = 1e3, d: [Int] = 1, e: E = B, g: In = {x: 1}, h: ID = 7, i: ID = "7", j: Boolean = false, k: String = null, l: [[Int]] = [[1], []], m: Int = -0): Int } enum E { A B } input In { x: Int y: String = "d" z: [E] = [A] } schema { query: Q }' }),
  ok('default-value-unicode', '{ __type(name: "Q") { fields { args { name defaultValue } } } }', { schema: 'schema { query: Q } type Q { f(a: String = "é✓😀\\u0001\\n"): Int }' }),
  ok('default-value-custom-scalar-simple', '{ __type(name: "Q") { fields { args { name defaultValue } } } }', { schema: 'schema { query: Q } scalar J type Q { f(a: J = 2.5, b: J = "s", c: J = true, d: J = null, e: J = E): Int }' }),
  ok('default-value-custom-scalar-list', '{ __type(name: "Q") { fields { args { name defaultValue } } } }', { schema: 'schema { query: Q } scalar J type Q { f(a: J = [1, 2]): Int }' }),
  ok('default-value-custom-scalar-list-other-field', '{ __type(name: "Q") { name fields { name } } }', { schema: 'schema { query: Q } scalar J type Q { f(a: J = [1, 2]): Int }' }),
  // graphql-js 17 prints the default literal as written, so custom-scalar defaults print (16 gave null with an error).
  ok('default-value-custom-scalar', '{ __type(name: "Q") { fields { args { name defaultValue } } } }', { schema: 'schema { query: Q } scalar J type Q { f(a: J = {k: [1, "x", null, true, E]}, b: J = 2.5): Int }' }),
  ok('block-string-description', '{ __type(name: "Q") { description fields { description } } }', { schema: '"""\n  Line one.\n\n    Indented.\n"""\ntype Q { """  padded  """ a: Int "escaped \\"q\\" \\u00e9" b: Int }\nschema { query: Q }' }),
  ok('description-empty', '{ __type(name: "Q") { description fields { name description } } }', { schema: '"" type Q { """""" a: Int } schema { query: Q }' }),
  ok('extensions-visible', '{ __type(name: "Query") { fields { name } interfaces { name } } e: __type(name: "E") { enumValues { name } } }', { schema: 'type Query { a: Int } extend type Query { b: Int } interface I { a: Int } extend type Query implements I enum E { A } extend enum E { B }' }),
];
