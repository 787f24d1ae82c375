// Spec §7 (Response) and error positions: which of data/errors appear, the
// order of response keys, and error locations (line and column after
// unicode, BOMs, CRLF, tabs) and paths, for syntax, validation and field errors.
import { maker } from './lib.mjs';

const S = 'type Query { a: Int b: String nn: Int! o: O l: [O] s(x: String, i: Int): String } type O { a: Int nn: Int! o: O }';
const { ok, bad, any } = maker('spec-response', S, { data: { a: 1, b: 'b', o: { a: 2, o: { a: 3 } }, l: [{ a: 1 }, { a: 2 }], s: 's' } });

export const cases = [
  ok('data-only', '{ a b }'),
  any('data-and-errors', '{ a nn }'),
  bad('errors-only-syntax', '{ a '),
  bad('errors-only-validation', '{ zz }'),
  bad('errors-only-variables', 'query q($x: Int!) { a }'),
  ok('keys-in-query-order', '{ b a o { o { a } a } }'),
  ok('keys-aliases-order', '{ z: a y: b x: a }'),
  ok('keys-merged-in-first-position', '{ a b a }'),
  ok('keys-fragment-first-position', '{ ...F a } fragment F on Query { b a }'),
  // syntax error positions
  bad('syntax-pos-after-bom', '\uFEFF{ a ) }'),
  bad('syntax-pos-after-emoji-string', '{ s(x: "😀😀") ) }'),
  bad('syntax-pos-after-emoji-comment', '# 😀😀\n{ s ) }'),
  bad('syntax-pos-after-emoji-same-line-comment', '{ a # 😀\n) }'),
  bad('syntax-pos-after-crlf', '{\r\n  a\r\n  )\r\n}'),
  bad('syntax-pos-after-cr', '{\r  a\r  )\r}'),
  bad('syntax-pos-after-line-separator-in-string', '{ s(x: "\u2028") ) }'),
  bad('syntax-pos-after-tab', '{\t\ta\t)}'),
  bad('syntax-pos-in-block-string-lines', '{ s(x: """\n\n  line\n  """) ) }'),
  bad('syntax-pos-after-block-string-crlf', '{ s(x: """a\r\nb\r\n""") ) }'),
  bad('syntax-pos-eof-after-newlines', '{ a\n\n\n'),
  bad('syntax-bad-char-after-unicode', '{ s(x: "é") \u00e9 }'),
  bad('syntax-unterminated-string-pos', '{ s(x: "abc\n") }'),
  bad('syntax-invalid-escape-pos', '{ s(x: "ab\\zc") }'),
  bad('syntax-invalid-unicode-escape-pos', '{ s(x: "a\\u{FFFFFF}") }'),
  bad('syntax-bad-number-pos', '{ s(i: 1.2.3) }'),
  bad('syntax-dot-dot', '{ ..F }'),
  bad('syntax-lone-quote', '{ s(x: ") }'),
  bad('syntax-empty-block-string-unterminated', '{ s(x: """) }'),
  // validation error locations
  bad('validation-locations-multiline', 'query Q {\n  a\n  zz\n  o {\n    yy\n  }\n}', { count: 2 }),
  bad('validation-conflict-two-locations', '{\n  x: a\n  x: b\n}'),
  bad('validation-conflict-nested-locations', '{ o { x: a } o { x: nn } }'),
  bad('validation-conflict-three', '{ x: a x: b x: s }'),
  bad('validation-duplicate-operation-locations', 'query A { a }\nquery A { b }'),
  bad('validation-duplicate-fragment-locations', '{ ...F }\nfragment F on Query { a }\nfragment F on Query { b }'),
  bad('validation-unused-variable-location', 'query Q($unused: Int, $u2: String) { a }'),
  bad('validation-undefined-variable-location', 'query Q {\n  s(x: $undefined)\n}'),
  bad('validation-variable-position-location', 'query Q($v: Int) { s(x: $v) }'),
  bad('validation-argument-type-location', '{ s(i: "no") }'),
  bad('validation-cycle-locations', '{ ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A }'),
  bad('validation-many-errors', `{ ${Array.from({ length: 120 }, (_, i) => `f${i}`).join(' ')} }`),
  bad('validation-exactly-100-errors', `{ ${Array.from({ length: 100 }, (_, i) => `f${i}`).join(' ')} }`),
  bad('validation-101-errors', `{ ${Array.from({ length: 101 }, (_, i) => `f${i}`).join(' ')} }`),
  // field error paths
  any('path-root', '{ nn }'),
  any('path-nested-alias', '{ first: o { second: o { third: nn } } }', { data: { o: { o: {} } } }),
  any('path-list-indices', '{ l { nn } }', { data: { l: [{ nn: 1 }, {}, { nn: 3 }] } }),
  any('path-list-nested-objects', '{ l { o { nn } } }', { data: { l: [{ o: {} }, { o: { nn: 2 } }, { o: {} }] } }),
  any('path-error-location-aliased-field', '{\n  renamed: nn\n}'),
  any('path-fragment-error-location', '{ ...F }\nfragment F on Query {\n  nn\n}'),
  any('path-merged-field-locations', '{ o { nn } o { nn } }', { data: { o: {} } }),
  any('path-merged-fields-via-fragment', '{ o { nn ...F } } fragment F on O { nn }', { data: { o: {} } }),
  any('variables-error-location', 'query Q(\n  $x: Int!\n) { s(i: $x) }', { variables: { x: 'nope' } }),
  any('variables-multiple-error-locations', 'query Q($x: Int!, $y: String!, $z: [Int!]!) { a: s(i: $x) b: s(x: $y) c: a }', { variables: { x: 1.5, z: [1, null] } }),
];
