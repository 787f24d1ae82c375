// Spec §3.5 input coercion of the built-in scalars and of variables: literals
// (checked by validation) and variable values (checked before execution).
import { maker } from './lib.mjs';

const S = `enum Kind { REVENUE CAPITAL }
scalar Json
input In { a: Int! b: String = "d" c: [Kind!] d: In }
input Pick @oneOf { byId: ID byName: String }
type Query { r: String echo(i: Int, f: Float, s: String, b: Boolean, id: ID, k: Kind, j: Json, li: [Int], lli: [[Int!]], o: In, p: Pick): String }`;
const { ok, bad } = maker('coercion-input', S, { data: { r: 'r', echo: 'e' } });
const v = (type, arg) => (id, value, expectOk) =>
  (expectOk ? ok : bad)(id, `query ($v: ${type}) { echo(${arg}: $v) }`, { variables: { v: value } });
const int = v('Int', 'i'); const flt = v('Float', 'f'); const str = v('String', 's'); const bool = v('Boolean', 'b');
const idv = v('ID', 'id'); const kind = v('Kind', 'k'); const json = v('Json', 'j'); const list = v('[Int]', 'li');
const nested = v('[[Int!]]', 'lli'); const obj = v('In', 'o'); const pick = v('Pick', 'p');

export const cases = [
  int('variable.int.integer', 5, true),
  int('variable.int.integral-float', 5.0, true),
  int('variable.int.null', null, true),
  int('variable.int.fraction', 5.5, false),
  int('variable.int.string', '5', false),
  int('variable.int.boolean', true, false),
  int('variable.int.too-large', 2147483648, false),
  int('variable.int.too-small', -2147483649, false),
  int('variable.int.list', [1], false),
  int('variable.int.object', { n: 1 }, false),
  flt('variable.float.integer', 3, true),
  flt('variable.float.fraction', -0.25, true),
  flt('variable.float.string', '0.25', false),
  flt('variable.float.boolean', false, false),
  str('variable.string.string', 'x', true),
  str('variable.string.int', 1, false),
  str('variable.string.boolean', true, false),
  str('variable.string.list', ['x'], false),
  bool('variable.boolean.true', true, true),
  bool('variable.boolean.one', 1, false),
  bool('variable.boolean.string', 'false', false),
  idv('variable.id.string', 'a', true),
  idv('variable.id.integer', 17, true),
  idv('variable.id.fraction', 1.5, false),
  idv('variable.id.boolean', true, false),
  kind('variable.enum.name', 'CAPITAL', true),
  kind('variable.enum.unknown', 'SURPLUS', false),
  kind('variable.enum.lowercase', 'capital', false),
  kind('variable.enum.number', 1, false),
  json('variable.custom-scalar.object', { b: 1, a: [true, null] }, true),
  json('variable.custom-scalar.number', 1.5, true),
  list('variable.list.list', [1, null, 3], true),
  list('variable.list.single-value', 4, true),
  list('variable.list.single-bad-value', 'x', false),
  list('variable.list.bad-item', [1, 'two'], false),
  nested('variable.nested-list.ok', [[1], [2, 3], null], true),
  nested('variable.nested-list.single-value', 1, true),
  nested('variable.nested-list.null-item', [[1, null]], false),
  obj('variable.input.minimal', { a: 1 }, true),
  obj('variable.input.nested', { a: 1, c: ['REVENUE'], d: { a: 2, b: null } }, true),
  obj('variable.input.single-enum-for-list', { a: 1, c: 'CAPITAL' }, true),
  obj('variable.input.missing-required', { b: 'x' }, false),
  obj('variable.input.null-required', { a: null }, false),
  obj('variable.input.unknown-field', { a: 1, z: 2 }, false),
  obj('variable.input.nested-error', { a: 1, d: { a: 'x' } }, false),
  obj('variable.input.several-errors', { a: 'x', c: ['NOPE'], d: {} }, false),
  obj('variable.input.not-an-object', 'a=1', false),
  obj('variable.input.list-for-object', [{ a: 1 }], false),
  pick('variable.one-of.one-field', { byId: 'p1' }, true),
  pick('variable.one-of.two-fields', { byId: 'p1', byName: 'n' }, false),
  pick('variable.one-of.null-field', { byName: null }, false),
  pick('variable.one-of.empty', {}, false),
  ok('literal.all-scalars', '{ echo(i: 1, f: 1, s: "s", b: true, id: 1, k: REVENUE, j: {x: [1, "y"]}, li: 1, lli: [[1]], o: {a: 1, c: REVENUE}, p: {byName: "n"}) }'),
  bad('literal.wrong-scalars', '{ echo(i: 1.5, f: "1", s: true, b: 0, id: 1.5, k: "REVENUE") }', { count: 6 }),
  bad('literal.nested-list-null-item', '{ echo(lli: [[1, null]]) }'),
  bad('literal.list-item-in-input-object', '{ echo(o: {a: 1, c: [REVENUE, CAPITAL, OTHER]}) }'),
  ok('literal.variable-inside-list-and-object', 'query ($x: Int!, $k: Kind!) { echo(li: [1, $x], o: {a: $x, c: [$k]}) }', { variables: { x: 1, k: 'REVENUE' } }),
  bad('several-variables-wrong', 'query ($a: Int, $b: Boolean, $c: Kind) { x: echo(i: $a) y: echo(b: $b) z: echo(k: $c) }', { variables: { a: 'a', b: 'b', c: 'c' }, count: 3 }),
];
