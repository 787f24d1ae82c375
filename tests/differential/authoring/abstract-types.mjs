// Interfaces and unions resolved from the __typename property of the data.
import { maker } from './lib.mjs';

const S = `interface Body { code: String }
interface Sized implements Body { code: String size: Int }
type Practice implements Body & Sized { code: String size: Int gp: String }
type Council implements Body { code: String wards: Int }
type Note { text: String }
union Thing = Practice | Council | Note
type Query { body: Body bodies: [Body] thing: Thing things: [Thing!] sized: Sized note: Note }`;
const { ok, bad } = maker('abstract-types', S);
const P = { __typename: 'Practice', code: 'P1', size: 10, gp: 'Dr A' };
const C = { __typename: 'Council', code: 'C1', wards: 3 };
const N = { __typename: 'Note', text: 'hi' };

export const cases = [
  ok('interface.typename', '{ body { __typename code } }', { data: { body: P } }),
  ok('interface.inline-fragments', '{ bodies { code ... on Practice { gp } ... on Council { wards } } }', { data: { bodies: [P, C, null] } }),
  ok('interface.named-fragments', '{ body { ...B } } fragment B on Body { code ...S } fragment S on Sized { size }', { data: { body: P } }),
  ok('interface.implementing-interface', '{ sized { code size ... on Practice { gp } } }', { data: { sized: P } }),
  ok('interface.fragment-not-matching-skipped', '{ body { code ... on Sized { size } } }', { data: { body: C } }),
  bad('interface.missing-typename', '{ body { code } }', { data: { body: { code: 'x' } } }),
  bad('interface.unknown-typename', '{ body { code } }', { data: { body: { __typename: 'Hospital', code: 'x' } } }),
  bad('interface.not-implementing-type', '{ body { code } }', { data: { body: N } }),
  bad('interface.typename-is-interface', '{ body { code } }', { data: { body: { __typename: 'Sized', code: 'x' } } }),
  bad('interface.typename-not-a-string', '{ body { code } }', { data: { body: { __typename: 7, code: 'x' } } }),
  bad('interface.error-in-list-item', '{ bodies { code } }', { data: { bodies: [P, { code: 'q' }, C] } }),
  ok('union.typename-and-fragments', '{ things { __typename ... on Practice { code } ... on Note { text } } }', { data: { things: [P, N, C] } }),
  ok('union.fragment-via-interface', '{ thing { ... on Body { code } } }', { data: { thing: C } }),
  ok('union.only-typename', '{ thing { __typename } }', { data: { thing: N } }),
  bad('union.member-missing-typename', '{ things { __typename } }', { data: { things: [P, { text: 'x' }] } }),
  bad('union.non-member-type', '{ thing { __typename } }', { data: { thing: { __typename: 'Query' } } }),
  ok('union.scalar-parent-resolves-null', '{ note { text } }', { data: { note: 'not an object' } }),
  ok('typename-on-object-ignores-data-typename', '{ note { __typename text } }', { data: { note: { __typename: 'Other', text: 't' } } }),
  ok('typename-field-order', '{ body { code __typename t2: __typename } }', { data: { body: C } }),
  ok('fragment-merging-order-across-types', '{ bodies { ... on Council { wards code } code ... on Practice { gp code } } }', { data: { bodies: [C, P] } }),
];
