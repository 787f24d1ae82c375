// Spec §6.1.2 coercion of variable values: defaults, missing and null values.
import { maker } from './lib.mjs';

const S = `input Range { from: Int! to: Int = 10 step: Int }
input Pick @oneOf { code: String id: ID }
type Query { v(i: Int, n: Int! = 0, l: [Int], r: Range, p: Pick, s: String): String }`;
const { ok, bad } = maker('variables', S, { data: { v: 'ok' } });

export const cases = [
  ok('provided', 'query($i: Int) { v(i: $i) }', { variables: { i: 1 } }),
  ok('omitted-nullable', 'query($i: Int) { v(i: $i) }'),
  ok('omitted-with-default', 'query($n: Int! = 4) { v(n: $n) }'),
  ok('null-overrides-nullable-default', 'query($i: Int = 4) { v(i: $i) }', { variables: { i: null } }),
  ok('variables-object-absent', 'query($i: Int = 2) { v(i: $i) }'),
  ok('extra-variables-ignored', 'query($i: Int) { v(i: $i) }', { variables: { i: 1, other: 'x' } }),
  bad('missing-required', 'query($n: Int!) { v(n: $n) }', { variables: {} }),
  bad('null-for-required', 'query($n: Int!) { v(n: $n) }', { variables: { n: null } }),
  bad('null-for-required-with-default', 'query($n: Int! = 3) { v(n: $n) }', { variables: { n: null } }),
  bad('two-missing-required', 'query($n: Int!, $m: Int!) { a: v(n: $n) b: v(n: $m) }', { count: 2 }),
  ok('list-single-value', 'query($l: [Int]) { v(l: $l) }', { variables: { l: 3 } }),
  ok('list-with-null', 'query($l: [Int]) { v(l: $l) }', { variables: { l: [1, null] } }),
  bad('list-bad-item', 'query($l: [Int!]) { v(l: $l) }', { variables: { l: [1, null] } }),
  ok('input-object-default-field', 'query($r: Range) { v(r: $r) }', { variables: { r: { from: 1 } } }),
  ok('input-object-explicit-null-field', 'query($r: Range) { v(r: $r) }', { variables: { r: { from: 1, to: null } } }),
  bad('input-object-missing-field', 'query($r: Range) { v(r: $r) }', { variables: { r: { to: 3 } } }),
  bad('input-object-wrong-nested-type', 'query($r: Range) { v(r: $r) }', { variables: { r: { from: 1, step: 'x' } } }),
  ok('input-object-default-literal', 'query($r: Range = {from: 2, step: 3}) { v(r: $r) }'),
  ok('one-of-variable', 'query($p: Pick) { v(p: $p) }', { variables: { p: { code: 'A' } } }),
  bad('one-of-variable-two-fields', 'query($p: Pick) { v(p: $p) }', { variables: { p: { code: 'A', id: '1' } } }),
  bad('one-of-variable-null', 'query($p: Pick) { v(p: $p) }', { variables: { p: { code: null } } }),
  ok('one-of-literal-with-variable', 'query($c: String!) { v(p: {code: $c}) }', { variables: { c: 'A' } }),
  bad('non-null-argument-nullable-variable-runtime-null', 'query($n: Int = 1) { v(n: $n) }', { variables: { n: null } }),
  ok('unused-in-skipped-field-still-checked', 'query($i: Int!) { v @skip(if: true) x: v(n: $i) @skip(if: true) }', { variables: { i: 1 } }),
  bad('bad-value-even-if-field-skipped', 'query($i: Int!) { x: v(n: $i) @skip(if: true) }', { variables: { i: 'x' } }),
  bad('variables-not-an-object-field-type', 'query($s: String) { v(s: $s) }', { variables: { s: { a: 1 } } }),
];
