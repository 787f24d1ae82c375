// Spec §6.4.4: errors and nulls in non-null positions propagate to the
// nearest nullable parent.
import { maker } from './lib.mjs';

const S = `type Item { id: ID! name: String tags: [String!] inner: Item strictInner: Item! }
type Query {
  item: Item strictItem: Item!
  items: [Item] strictItems: [Item!] allStrict: [Item!]!
  grid: [[Int!]] strictGrid: [[Int!]!]! ints: [Int!]! maybe: Int must: Int!
}`;
const { ok, bad } = maker('null-propagation', S);
const it = (extra = {}) => ({ id: '1', name: 'n', tags: [], inner: null, strictInner: { id: '2' }, ...extra });

export const cases = [
  ok('nullable-field-null', '{ maybe item { name } }', { data: { maybe: null, item: null } }),
  bad('root-non-null-to-data-null', '{ maybe must }', { data: { maybe: 1 } }),
  bad('root-non-null-object-to-data-null', '{ maybe strictItem { id } }', { data: { maybe: 1, strictItem: null } }),
  bad('non-null-field-to-parent', '{ item { id name } }', { data: { item: { name: 'x' } } }),
  bad('non-null-chain-to-root-nullable', '{ item { strictInner { strictInner { id } } } }', { data: { item: { strictInner: { strictInner: { id: null } } } } }),
  bad('non-null-chain-to-data-null', '{ strictItem { strictInner { id } } }', { data: { strictItem: { strictInner: {} } } }),
  bad('stops-at-nullable-inner', '{ item { name inner { id } } }', { data: { item: { name: 'keep', inner: { name: 'x' } } } }),
  bad('sibling-fields-still-resolved', '{ a: item { id } b: item { name } maybe }', { data: { item: { name: 'x' }, maybe: 3 } }),
  bad('non-null-item-nulls-list', '{ strictItems { id } }', { data: { strictItems: [{ id: '1' }, null, { id: '3' }] } }),
  bad('non-null-item-with-error-nulls-list', '{ strictItems { id } }', { data: { strictItems: [{ id: '1' }, { name: 'no id' }] } }),
  bad('nullable-item-holds-error', '{ items { id } }', { data: { items: [{ id: '1' }, { name: 'no id' }, null] } }),
  bad('non-null-list-of-non-null-to-data-null', '{ maybe allStrict { id } }', { data: { maybe: 1, allStrict: [{ id: '1' }, null] } }),
  bad('non-null-list-null-to-data-null', '{ allStrict { id } }', { data: {} }),
  bad('list-of-lists-inner-item', '{ grid }', { data: { grid: [[1, 2], [3, null], [4]] } }),
  bad('list-of-lists-strict-to-root', '{ strictGrid }', { data: { strictGrid: [[1], null] } }),
  bad('list-of-lists-strict-item', '{ strictGrid }', { data: { strictGrid: [[1], [2, null]] } }),
  bad('non-null-scalar-list', '{ ints maybe }', { data: { ints: [1, null, 3], maybe: 2 } }),
  bad('non-null-string-list-in-object', '{ item { name tags } }', { data: { item: it({ tags: ['a', null] }) } }),
  bad('two-errors-same-parent-one-null', '{ item { id strictInner { id } } }', { data: { item: { strictInner: null } } }),
  bad('errors-in-several-branches', '{ items { id strictInner { id } } }', { data: { items: [it(), it({ strictInner: null }), it({ id: null })] } }),
  bad('coercion-error-in-non-null', '{ item { name id } }', { data: { item: { name: 'n', id: 1.5 } } }),
  ok('all-present', '{ strictItem { id strictInner { id } } allStrict { id } ints strictGrid }', { data: { strictItem: it(), allStrict: [it()], ints: [1], strictGrid: [[1], []] } }),
];
