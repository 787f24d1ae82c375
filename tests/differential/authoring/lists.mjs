// Spec §3.11 list result coercion: iterables only, nulls inside lists.
import { maker } from './lib.mjs';

const S = 'type P { v: Int } type Query { ints: [Int] ps: [P] nested: [[String]] strs: [String] one: P }';
const { ok, bad } = maker('lists', S);

export const cases = [
  ok('ints', '{ ints }', { data: { ints: [1, 2, 3] } }),
  ok('empty', '{ ints ps { v } }', { data: { ints: [], ps: [] } }),
  ok('nulls-inside', '{ ints ps { v } }', { data: { ints: [null, 1, null], ps: [null, { v: 1 }] } }),
  ok('null-list', '{ ints }', { data: { ints: null } }),
  ok('nested', '{ nested }', { data: { nested: [['a'], [], null, ['b', null]] } }),
  bad('scalar-for-list', '{ ints }', { data: { ints: 5 } }),
  bad('string-for-list', '{ strs }', { data: { strs: 'abc' } }),
  bad('object-for-list', '{ ps { v } }', { data: { ps: { v: 1 } } }),
  bad('boolean-for-list', '{ ints }', { data: { ints: true } }),
  bad('scalar-in-nested-position', '{ nested }', { data: { nested: ['a', ['b']] } }),
  bad('list-for-scalar', '{ one { v } ints }', { data: { one: { v: [1] }, ints: [[1]] }, count: 2 }),
  ok('list-for-object-gives-null-fields', '{ one { v } }', { data: { one: [{ v: 1 }] } }),
  ok('scalar-for-object-gives-null-fields', '{ one { v } ps { v } }', { data: { one: 'x', ps: [1, 'y', true] } }),
  ok('prototype-named-fields-are-missing', '{ one { v } }', { schema: 'type P { v: Int constructor: String toString: String } type Query { one: P }', data: { one: {} } }),
];
