// Spec §4: the introspection system over a schema that uses most SDL features.
import { maker } from './lib.mjs';

const S = `"""
The root of everything.
  Indented line.
"""
type Query {
  "A single \\u00e9 line"
  org(code: String = "X1", kinds: [Kind!] = [REVENUE], range: Range = {from: 1, tags: ["a"]}): Org
  old: String @deprecated
  older: Int @deprecated(reason: "Use \`org\`.")
  search(term: String!, scope: String @deprecated(reason: "no longer needed"), limit: Int = 10): [Org!]!
  node: Node
  when: Date
  pick(p: Pick): String
}
type Mutation { touch: Boolean }
interface Node { id: ID! }
interface Entity implements Node { id: ID! name: String }
"An organisation"
type Org implements Entity & Node { id: ID! name: String kind: Kind members: [[Org!]]! }
enum Kind { REVENUE "capital spend" CAPITAL RUNNING @deprecated(reason: "merged") }
input Range { from: Int! to: Int = 99 tags: [String] = null old: Int @deprecated }
input Pick @oneOf { a: Int b: String }
scalar Date @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")
union Any = Org
"Marks a thing"
directive @tag(name: String! = "t") repeatable on FIELD_DEFINITION | OBJECT | ARGUMENT_DEFINITION
directive @local on QUERY | FIELD
`;
const { ok, bad } = maker('introspection', S, { data: { org: { id: '1', name: 'O', kind: 'CAPITAL', members: [] } } });
// Our own full schema query: every field of every introspection type.
const FULL = `query Everything {
  __schema {
    description
    queryType { name kind } mutationType { name kind } subscriptionType { name kind }
    types { ...Kind }
    directives { name description isRepeatable locations args(includeDeprecated: true) { ...Input } }
  }
}
fragment Kind on __Type {
  kind name description specifiedByURL isOneOf
  fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...Input } type { ...Ref } isDeprecated deprecationReason }
  inputFields(includeDeprecated: true) { ...Input }
  interfaces { ...Ref }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...Ref }
}
fragment Input on __InputValue { name description type { ...Ref } defaultValue isDeprecated deprecationReason }
fragment Ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`;
const LEGACY = `{ __schema { queryType { name } types { name kind fields { name type { name kind ofType { name kind } } } } } }`;
const TYPE = `fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

export const cases = [
  ok('typename-at-root', '{ __typename }'),
  ok('typename-nested-and-aliased', '{ org { t: __typename id __typename } }'),
  ok('typename-on-mutation', 'mutation { __typename }'),
  ok('schema-root-types', '{ __schema { queryType { name } mutationType { name } subscriptionType { name } } }'),
  ok('schema-description', '{ __schema { description } }'),
  ok('schema-type-names', '{ __schema { types { name kind } } }'),
  ok('schema-directives', '{ __schema { directives { name description isRepeatable locations args { name defaultValue type { name kind ofType { name } } } } } }'),
  ok('type-object', '{ __type(name: "Org") { kind name description interfaces { name } possibleTypes { name } fields { name } } }'),
  ok('type-unknown-is-null', '{ __type(name: "Nope") { name } }'),
  ok('type-query-description-block-string', '{ __type(name: "Query") { description fields { name description isDeprecated deprecationReason } } }'),
  ok('fields-include-deprecated', '{ __type(name: "Query") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }'),
  ok('fields-exclude-deprecated-explicitly', '{ __type(name: "Query") { fields(includeDeprecated: false) { name } } }'),
  ok('args-and-default-values', '{ __type(name: "Query") { fields { name args { name defaultValue type { name kind } } } } }'),
  ok('deprecated-args', '{ __type(name: "Query") { fields { name args(includeDeprecated: true) { name isDeprecated deprecationReason } } } }'),
  ok('type-interface', '{ __type(name: "Entity") { kind interfaces { name } possibleTypes { name } fields { name type { kind name ofType { name } } } } }'),
  ok('interface-possible-types', '{ __type(name: "Node") { possibleTypes { name } interfaces { name } } }'),
  ok('type-union', '{ __type(name: "Any") { kind possibleTypes { name } fields { name } enumValues { name } } }'),
  ok('type-enum', '{ __type(name: "Kind") { kind enumValues { name description isDeprecated deprecationReason } } }'),
  ok('enum-values-include-deprecated', '{ __type(name: "Kind") { enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } } }'),
  ok('type-input-object', '{ __type(name: "Range") { kind isOneOf fields { name } inputFields { name defaultValue type { kind name ofType { name } } } } }'),
  ok('input-fields-include-deprecated', '{ __type(name: "Range") { inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } } }'),
  ok('one-of', '{ a: __type(name: "Pick") { isOneOf inputFields { name type { name kind } } } b: __type(name: "Org") { isOneOf } }'),
  ok('scalar-specified-by-url', '{ a: __type(name: "Date") { kind specifiedByURL } b: __type(name: "String") { specifiedByURL description } }'),
  ok('built-in-scalars', '{ i: __type(name: "Int") { kind description } f: __type(name: "Float") { name } b: __type(name: "Boolean") { name } id: __type(name: "ID") { name } }'),
  ok('of-type-chain', `{ __type(name: "Org") { fields { name type { ...T } } } } ${TYPE}`),
  ok('of-type-chain-of-args', `{ __type(name: "Query") { fields { args { name type { ...T } } } } } ${TYPE}`),
  ok('meta-type-introspection', '{ __type(name: "__Type") { name kind fields { name } } }'),
  ok('meta-enum-type-kind', '{ __type(name: "__TypeKind") { enumValues { name } } }'),
  ok('directive-location-enum', '{ __type(name: "__DirectiveLocation") { enumValues { name } } }'),
  ok('introspection-with-alias-and-fragments', '{ s: __schema { q: queryType { ...N } } t: __type(name: "Kind") { ...N } } fragment N on __Type { n: name k: kind }'),
  ok('typename-in-introspection', '{ __schema { __typename queryType { __typename fields { __typename type { __typename } } } } }'),
  ok('full-introspection-query', FULL),
  ok('full-introspection-query-other-schema', FULL, { schema: 'type Query { a: Int b(x: [String!]! = ["a"]): [Int] }' }),
  ok('types-with-fields-summary', LEGACY),
  bad('type-requires-name', '{ __type { name } }'),
  bad('schema-unknown-field', '{ __schema { version } }'),
  bad('introspection-field-on-non-root', '{ org { __schema { description } } }'),
  ok('schema-description-present', '{ __schema { description } }', { schema: '"The graph" schema { query: Q } type Q { a: Int }' }),
];
