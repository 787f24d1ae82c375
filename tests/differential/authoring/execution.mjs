// Spec §6.3: selection sets, aliases, field collection and merging order,
// @skip / @include, mutations.
import { maker } from './lib.mjs';

const S = `type Org { name: String code: String size: Int child: Org kids: [Org] }
type Query { org: Org orgs: [Org] a: Int b: Int c: String }
type Mutation { a: Int org: Org renamed(name: String): Org }`;
const D = { org: { name: 'N', code: 'C', size: 2, child: { name: 'CN', code: 'CC' } }, a: 1, b: 2, c: 'three' };
const { ok, bad } = maker('execution', S, { data: D });

export const cases = [
  ok('field-order-follows-query', '{ c b a }'),
  ok('aliases', '{ x: a y: a org { n: name c2: code } }'),
  ok('alias-named-like-other-field', '{ a: b b: a }'),
  ok('merged-fields-keep-first-position', '{ a org { name } b org { code child { name } } org { child { code } } }'),
  ok('fragment-fields-interleave', '{ b ...F a } fragment F on Query { c a }'),
  ok('inline-fragment-without-type', '{ ... { a } b ... { c a } }'),
  ok('nested-aliases-and-merging', '{ org { child { name } x: child { code } child { code } } }'),
  ok('missing-data-is-null', '{ org { size child { size child { name } } } }'),
  ok('empty-root-data', '{ a org { name } }', { data: {} }),
  ok('list-of-objects-with-nested', '{ orgs { name kids { code } } }', { data: { orgs: [{ name: 'a', kids: [{ code: 'k' }] }, { name: 'b', kids: null }] } }),
  ok('skip-true-and-false', '{ a @skip(if: true) b @skip(if: false) }'),
  ok('include-true-and-false', '{ a @include(if: true) b @include(if: false) }'),
  ok('skip-and-include-both', '{ a @skip(if: false) @include(if: false) b @skip(if: true) @include(if: true) c @skip(if: false) @include(if: true) }'),
  ok('skip-with-variable', 'query($s: Boolean!) { a @skip(if: $s) b @skip(if: $s) c }', { variables: { s: true } }),
  ok('include-with-variable-default', 'query($i: Boolean! = true) { a @include(if: $i) }'),
  ok('skip-on-fragment-spread', '{ ...F @skip(if: true) c } fragment F on Query { a b }'),
  ok('include-on-inline-fragment', '{ ... @include(if: false) { a } ... on Query @include(if: true) { b } }'),
  ok('skip-one-of-merged-fields', '{ org { name } org @skip(if: true) { code } }'),
  ok('skipped-field-elsewhere-included', '{ a @skip(if: true) ... { a } }'),
  ok('all-skipped-gives-empty-data', '{ a @skip(if: true) }'),
  ok('mutation-uses-root-value', 'mutation { a org { name } renamed(name: "z") { name } }', { data: { ...D, renamed: { name: 'R' } } }),
  ok('mutation-field-order', 'mutation { b: a org { code } a }'),
  ok('typename-on-roots', 'query { __typename } ', {}),
  ok('typename-on-mutation-root', 'mutation { __typename a }'),
  ok('arguments-do-not-change-resolution', 'mutation { renamed(name: "x") { name } }', { data: { renamed: { name: 'fixed' } } }),
  ok('deep-nesting', '{ org { child { child { child { child { name } } } } } }', { data: { org: { child: { child: { child: { child: { name: 'deep' } } } } } } }),
  ok('same-fragment-spread-twice', '{ org { ...F ...F name } } fragment F on Org { code name }'),
];
