// Spec §2 (Language): source text, ignored tokens, names, literals of every
// kind, block strings, unicode, operations, selections, aliases, fragments,
// variables, directives — as a tester of the spec would write them.
import { maker } from './lib.mjs';

const S = `
type Query {
  echo(s: String, i: Int, f: Float, b: Boolean, id: ID, e: Color, l: [Int], ll: [[String]], o: Obj, c: Custom): String
  me: User
  user(id: ID!): User
  hero(episode: Episode): User
  list: [User]
  n: Int
  f: Float
  str: String
}
type Mutation { likeStory(storyID: ID!): Story }
type Story { like: Int likeCount: Int }
type User { id: ID name: String smallPic: String bigPic: String profilePic(size: Int = 50, scale: Float): String friends(first: Int = 10): [User] mutualFriends(first: Int): [User] birthday: Birthday }
type Birthday { month: Int day: Int }
enum Episode { NEWHOPE EMPIRE JEDI }
enum Color { RED GREEN BLUE }
input Obj { a: Int b: String c: [Obj] d: Color e: Boolean = true }
scalar Custom
`;
const user = (id, name) => ({ id, name, smallPic: `${name}-s`, bigPic: `${name}-b`, profilePic: `${name}-p`, birthday: { month: 3, day: 14 } });
const me = { ...user('1', 'Ann'), friends: [user('2', 'Bob'), user('3', 'Cy')], mutualFriends: [user('2', 'Bob')] };
const DATA = { echo: 'e', me, user: me, hero: me, list: [me, null, user('4', 'Di')], n: 7, f: 1.5, str: 'Ünïcödé ✓ 😀', likeStory: { like: 1, likeCount: 10 } };
const { ok, bad, any } = maker('spec-language', S, { data: DATA });

const deep = (n) => `${'{ me '.repeat(0)}${Array.from({ length: n }, () => 'friends {').join(' ')} name ${'}'.repeat(n)}`;

export const cases = [
  // 2.1 source text, ignored tokens
  ok('bom-at-start', '\uFEFF{ n }'),
  ok('tabs-and-spaces', '{\tn\t}'),
  ok('crlf-line-terminators', 'query Q {\r\n  n\r\n  str\r\n}'),
  ok('cr-only-line-terminators', 'query Q {\r  n\r  str\r}'),
  ok('commas-everywhere', ',,{,,n,,str,,me,{,id,,name,},},,'),
  ok('commas-in-arguments', '{ echo(s: "a", i: 1, f: 2.0,) }'),
  ok('comment-lines', '# leading comment\n{ # after brace\n  n # trailing\n  # whole line\n}\n# final'),
  ok('comment-with-unicode', '{ n } # ✓ 😀 comment'),
  ok('comment-without-newline-at-end', '{ n } #'),
  ok('no-whitespace-between-tokens', '{me{id,name}n}'),
  bad('comment-hides-brace', '{ n # }'),
  bad('unicode-outside-string', '{ n ✓ }'),
  bad('null-character', '{ n \u0000 }'),
  bad('vertical-tab', '{ n \u000B }'),
  ok('unicode-line-separator-in-string', '{ echo(s: "a\u2028b") }'),
  // 2.1.9 names
  ok('names-underscore', '{ _a: n __b: n a_1: n }'),
  ok('names-case-sensitive-aliases', '{ N: n n }'),
  bad('names-start-with-digit', '{ 1n: n }'),
  bad('names-dash', '{ my-n: n }'),
  ok('keywords-as-alias-names', '{ query: n mutation: n fragment: n on: n true: n null: n }'),
  ok('keyword-names-as-operation', 'query query { n }'),
  ok('keyword-names-as-fragment', '{ ...query } fragment query on Query { n }'),
  bad('fragment-named-on-rejected', '{ ...on } fragment on on Query { n }'),
  // 2.2 document, operations
  ok('query-shorthand', '{ n }'),
  ok('named-query', 'query Named { n }'),
  ok('query-keyword-anonymous', 'query { n }'),
  ok('mutation', 'mutation { likeStory(storyID: 12345) { story: like } }'),
  ok('mutation-named', 'mutation likeStory { likeStory(storyID: "12345") { likeCount } }'),
  ok('operation-name-selects', 'query A { n } query B { str }', { operationName: 'B' }),
  bad('multiple-without-name', 'query A { n } query B { str }'),
  bad('unknown-operation-name', 'query A { n }', { operationName: 'C' }),
  ok('operation-name-with-single-op', 'query A { n }', { operationName: 'A' }),
  bad('subscription-without-root', 'subscription { n }'),
  bad('mutation-without-root-schema', 'mutation { n }', { schema: 'type Query { n: Int }' }),
  // 2.4 selection sets, fields
  ok('nested-fields', '{ me { id firstName: name smallPic birthday { month day } friends { name } } }'),
  ok('top-level-field-with-argument', '{ user(id: 4) { id name profilePic(size: 100) } }'),
  ok('multiple-arguments', '{ user(id: 4) { id name profilePic(size: 100, scale: 1.5) } }'),
  ok('argument-order-irrelevant-a', '{ me { profilePic(size: 100, scale: 1.5) } }'),
  ok('argument-order-irrelevant-b', '{ me { profilePic(scale: 1.5, size: 100) } }'),
  // 2.7 aliases
  ok('aliases-same-field', '{ user(id: 4) { id name smallPic: profilePic(size: 64) bigPic: profilePic(size: 1024) } }'),
  ok('alias-top-level', '{ zuck: user(id: 4) { id name } }'),
  ok('many-aliases', `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: n`).join(' ')} }`),
  ok('alias-unicode-values', '{ x: str y: str }'),
  // 2.8 fragments
  ok('fragments-basic', 'query withFragments { user(id: 4) { friends(first: 10) { ...friendFields } mutualFriends(first: 10) { ...friendFields } } } fragment friendFields on User { id name profilePic(size: 50) }'),
  ok('fragments-nested', 'query withNestedFragments { user(id: 4) { friends(first: 10) { ...friendFields } mutualFriends(first: 10) { ...friendFields } } } fragment friendFields on User { id name ...standardProfilePic } fragment standardProfilePic on User { profilePic(size: 50) }'),
  ok('fragment-defined-before-use', 'fragment F on User { name } { me { ...F } }'),
  ok('inline-fragment-without-type', 'query inlineFragmentNoType($expandedInfo: Boolean!) { user(id: 4) { id name ... @include(if: $expandedInfo) { firstName: name birthday { month } } } }', { variables: { expandedInfo: true } }),
  ok('inline-fragment-without-type-false', 'query inlineFragmentNoType($expandedInfo: Boolean = false) { user(id: 4) { id name ... @include(if: $expandedInfo) { birthday { month } } } }'),
  ok('inline-fragment-typed', '{ me { ... on User { name } } }'),
  ok('fragment-spread-many-times', `{ me { ${'...F '.repeat(30)} } } fragment F on User { id name }`),
  ok('fragment-field-order-merge', '{ me { name ...F id } } fragment F on User { id birthday { day } name birthday { month } }'),
  // 2.9 values
  ok('int-values', '{ a: echo(i: 0) b: echo(i: -0) c: echo(i: 123) d: echo(i: -123) }'),
  ok('int-bounds', '{ a: echo(i: 2147483647) b: echo(i: -2147483648) }'),
  bad('int-over-bound', '{ echo(i: 2147483648) }'),
  bad('int-under-bound', '{ echo(i: -2147483649) }'),
  ok('float-values', '{ a: echo(f: 1.0) b: echo(f: -1.5) c: echo(f: 1e10) d: echo(f: 1E10) e: echo(f: 1.5e-10) f: echo(f: 6.0221413e23) g: echo(f: 0.0) h: echo(f: -0.0) i: echo(f: 1e+2) }'),
  ok('int-as-float', '{ echo(f: 42) }'),
  bad('float-as-int', '{ echo(i: 1.0) }'),
  bad('exponent-as-int', '{ echo(i: 1e2) }'),
  bad('number-dot-start', '{ echo(f: .123) }'),
  bad('number-leading-zeros', '{ echo(i: 00) }'),
  bad('number-then-letter', '{ echo(f: 1.23f) }'),
  bad('number-then-underscore', '{ echo(i: 1_000) }'),
  ok('boolean-values', '{ a: echo(b: true) b: echo(b: false) }'),
  bad('boolean-capitalised', '{ echo(b: True) }'),
  ok('string-simple', '{ echo(s: "hello world") }'),
  ok('string-escapes', '{ echo(s: "quote \\" backslash \\\\ slash \\/ b \\b f \\f n \\n r \\r t \\t") }'),
  ok('string-unicode-escape', '{ echo(s: "\\u00e9\\u2713") }'),
  ok('string-unicode-escape-upper', '{ echo(s: "\\u00E9\\u00C9") }'),
  ok('string-surrogate-pair', '{ echo(s: "\\uD83D\\uDE00") }'),
  ok('string-braced-escape', '{ echo(s: "\\u{1F600}\\u{0}\\u{10FFFF}") }'),
  ok('string-raw-unicode', '{ echo(s: "Ünïcödé ✓ 😀 中文") }'),
  ok('string-empty', '{ echo(s: "") }'),
  bad('string-unknown-escape', '{ echo(s: "\\x41") }'),
  bad('string-newline', '{ echo(s: "a\nb") }'),
  bad('string-unterminated', '{ echo(s: "abc }'),
  bad('string-braced-escape-empty', '{ echo(s: "\\u{}") }'),
  bad('string-lone-surrogate', '{ echo(s: "\\uD800") }'),
  ok('block-string-simple', '{ echo(s: """hello""") }'),
  ok('block-string-indented', '{ echo(s: """\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  """) }'),
  ok('block-string-quotes', '{ echo(s: """ "a" ""b"" \\""" """) }'),
  ok('block-string-no-escapes', '{ echo(s: """\\n \\u0041 \\\\ x""") }'),
  ok('block-string-empty', '{ echo(s: """""") }'),
  ok('block-string-only-whitespace', '{ echo(s: """   \n   \n  """) }'),
  ok('block-string-crlf', '{ echo(s: """\r\n  a\r\n  b\r\n""") }'),
  ok('block-string-tabs', '{ echo(s: """\n\ta\n\t\tb\n""") }'),
  ok('block-string-unicode', '{ echo(s: """✓ 😀""") }'),
  bad('block-string-unterminated', '{ echo(s: """abc) }'),
  ok('null-value', '{ echo(s: null, i: null, l: null, o: null) }'),
  bad('null-capitalised', '{ echo(s: Null) }'),
  ok('enum-value', '{ echo(e: RED) }'),
  bad('enum-true-not-allowed', '{ echo(e: true) }'),
  bad('enum-null-name-as-enum', '{ echo(e: NULL) }'),
  ok('list-values', '{ a: echo(l: [1, 2, 3]) b: echo(l: []) c: echo(l: 1) d: echo(l: [null, 1]) }'),
  ok('nested-list-values', '{ a: echo(ll: [["a"], [], ["b", "c"]]) b: echo(ll: "x") c: echo(ll: [["x", null], null]) }'),
  bad('list-wrong-nesting', '{ echo(ll: [[["x"]]]) }'),
  ok('input-object-values', '{ a: echo(o: { a: 1, b: "x", c: [{ a: 2 }], d: GREEN, e: false }) b: echo(o: {}) }'),
  ok('input-object-nested-deep', '{ echo(o: { c: [{ c: [{ c: [{ a: 1, d: BLUE }] }] }] }) }'),
  bad('input-object-unknown-field', '{ echo(o: { z: 1 }) }'),
  bad('input-object-duplicate-field', '{ echo(o: { a: 1, a: 2 }) }'),
  ok('custom-scalar-any-literal', '{ a: echo(c: 1) b: echo(c: "s") c: echo(c: { x: [1, { y: null }] }) d: echo(c: ENUMISH) e: echo(c: [true]) }'),
  ok('id-from-int-and-string', '{ a: echo(id: 4) b: echo(id: "4") }'),
  bad('id-from-float', '{ echo(id: 4.0) }'),
  bad('id-from-boolean', '{ echo(id: true) }'),
  // 2.10 variables
  ok('variables-basic', 'query getZuckProfile($devicePicSize: Int) { user(id: 4) { id name profilePic(size: $devicePicSize) } }', { variables: { devicePicSize: 60 } }),
  ok('variables-default', 'query q($size: Int = 100, $scale: Float = 2) { me { profilePic(size: $size, scale: $scale) } }'),
  ok('variables-default-list', 'query q($l: [Int] = [1, 2]) { echo(l: $l) }'),
  ok('variables-default-object', 'query q($o: Obj = { a: 1, d: RED, c: [{ b: "x" }] }) { echo(o: $o) }'),
  ok('variables-default-null', 'query q($s: String = null) { echo(s: $s) }'),
  ok('variables-in-list', 'query q($a: Int, $b: Int) { echo(l: [$a, 1, $b]) }', { variables: { a: 1 } }),
  ok('variables-in-object', 'query q($a: Int, $d: Color) { echo(o: { a: $a, d: $d, c: [{ a: $a }] }) }', { variables: { a: 5, d: 'BLUE' } }),
  ok('variables-nested-lists', 'query q($x: String) { echo(ll: [[$x], [$x, "y"]]) }', { variables: { x: 'v' } }),
  ok('variables-nonnull-provided', 'query q($id: ID!) { user(id: $id) { id } }', { variables: { id: 4 } }),
  bad('variables-nonnull-missing', 'query q($id: ID!) { user(id: $id) { id } }'),
  bad('variables-nonnull-null', 'query q($id: ID!) { user(id: $id) { id } }', { variables: { id: null } }),
  bad('variables-wrong-type', 'query q($i: Int) { echo(i: $i) }', { variables: { i: 'one' } }),
  bad('variables-float-for-int', 'query q($i: Int) { echo(i: $i) }', { variables: { i: 1.5 } }),
  ok('variables-whole-float-for-int', 'query q($i: Int) { echo(i: $i) }', { variables: { i: 3.0 } }),
  bad('variables-int-overflow', 'query q($i: Int) { echo(i: $i) }', { variables: { i: 2147483648 } }),
  ok('variables-int-for-float', 'query q($f: Float) { echo(f: $f) }', { variables: { f: 3 } }),
  bad('variables-string-for-float', 'query q($f: Float) { echo(f: $f) }', { variables: { f: '3.5' } }),
  ok('variables-single-to-list', 'query q($l: [Int]) { echo(l: $l) }', { variables: { l: 5 } }),
  bad('variables-list-bad-item', 'query q($l: [Int]) { echo(l: $l) }', { variables: { l: [1, 'x', 3] } }),
  bad('variables-enum-unknown', 'query q($e: Color) { echo(e: $e) }', { variables: { e: 'PURPLE' } }),
  bad('variables-enum-wrong-type', 'query q($e: Color) { echo(e: $e) }', { variables: { e: 1 } }),
  bad('variables-object-unknown-field', 'query q($o: Obj) { echo(o: $o) }', { variables: { o: { a: 1, zz: 2 } } }),
  bad('variables-object-nested-bad', 'query q($o: Obj) { echo(o: $o) }', { variables: { o: { c: [{ a: 1 }, { d: 'PINK' }] } } }),
  bad('variables-object-not-object', 'query q($o: Obj) { echo(o: $o) }', { variables: { o: [1] } }),
  bad('variables-several-errors', 'query q($a: Int, $b: Boolean!, $c: Color) { x: echo(i: $a) y: echo(b: $b) z: echo(e: $c) }', { variables: { a: 'x', c: 'NO' } }),
  ok('variables-extra-ignored', 'query q($a: Int) { echo(i: $a) }', { variables: { a: 1, unused: 'x' } }),
  ok('variables-custom-scalar', 'query q($c: Custom) { echo(c: $c) }', { variables: { c: { deep: [1, 'two', null] } } }),
  bad('variables-on-shorthand', '{ echo(i: $a) }'),
  bad('variables-default-wrong-type', 'query q($a: Int = "x") { echo(i: $a) }'),
  ok('variables-nonnull-default-for-nonnull', 'query q($a: Int! = 1) { echo(i: $a) }'),
  // 2.11 type references
  bad('type-ref-unknown', 'query q($a: Foo) { n }'),
  bad('type-ref-output', 'query q($a: User) { n }'),
  ok('type-ref-nested', 'query q($a: [[String!]!]) { echo(ll: $a) }', { variables: { a: [['x']] } }),
  // 2.12 directives
  ok('directive-skip-true', '{ n @skip(if: true) str }'),
  ok('directive-skip-false', '{ n @skip(if: false) }'),
  ok('directive-include-false', '{ n @include(if: false) str }'),
  ok('directive-all-skipped', '{ n @skip(if: true) }'),
  ok('directive-skip-and-include-true-true', '{ n @skip(if: true) @include(if: true) str }'),
  ok('directive-skip-and-include-false-true', '{ n @skip(if: false) @include(if: true) }'),
  ok('directive-skip-and-include-false-false', '{ n @skip(if: false) @include(if: false) str }'),
  ok('directive-include-and-skip-order', '{ n @include(if: true) @skip(if: false) }'),
  ok('directive-on-fragment-spread', '{ me { ...F @skip(if: true) id } } fragment F on User { name }'),
  ok('directive-on-inline-fragment', '{ me { ... on User @include(if: false) { name } id } }'),
  ok('directive-skip-one-of-duplicate-fields', '{ me { name @skip(if: true) name } }'),
  ok('directive-skip-variable', 'query q($s: Boolean!) { n @skip(if: $s) str @include(if: $s) }', { variables: { s: true } }),
  ok('directive-skip-variable-default', 'query q($s: Boolean = true) { n @skip(if: $s) str }'),
  bad('directive-skip-variable-null', 'query q($s: Boolean!) { n @skip(if: $s) str }', { variables: { s: null } }),
  bad('directive-if-null-literal', '{ n @skip(if: null) str }'),
  // deep nesting, large lists
  ok('deep-nesting-50', `{ me { ${deep(50)} } }`, { data: { me: (function mk(d) { return d === 0 ? { name: 'leaf' } : { name: `n${d}`, friends: [mk(d - 1)] }; })(51) } }),
  ok('deep-nesting-1000', `{ ${'q { '.repeat(1000)} a ${'} '.repeat(1000)} }`, { schema: 'type Query { q: Query a: Int }', data: (function mk(d) { let o = { a: 0 }; for (let i = 1; i <= d; i++) o = { a: i, q: o }; return o; })(1000) }),
  ok('deep-custom-scalar-value-1200', '{ c }', { schema: 'type Query { c: Custom } scalar Custom', data: { c: JSON.parse('['.repeat(1200) + '1' + ']'.repeat(1200)) } }),
  ok('many-tokens-20000', `{ ${Array.from({ length: 7000 }, (_, i) => `a${i}: n`).join(' ')} }`),
  any('field-errors-not-capped-150', '{ list { id } }', { schema: 'type Query { list: [U!] } type U { id: Int! }', data: { list: Array.from({ length: 150 }, () => ({})) } }),
  any('field-errors-not-capped-in-list-150', '{ l }', { schema: 'type Query { l: [Int] }', data: { l: Array.from({ length: 150 }, () => 'x') } }),
  ok('deep-nesting-inline-fragments', `{ me { ${'... on User { '.repeat(40)} name ${'} '.repeat(40)} } }`),
  ok('large-list', '{ list { id } }', { data: { list: Array.from({ length: 1000 }, (_, i) => ({ id: String(i) })) } }),
  ok('large-int-list', '{ l: list { id } }', { data: { list: Array.from({ length: 500 }, (_, i) => (i % 7 ? { id: i } : null)) } }),
  ok('typename-at-root', '{ __typename }'),
  ok('typename-aliased', '{ t: __typename me { t: __typename } }'),
  ok('typename-mutation-root', 'mutation { __typename }'),
];
