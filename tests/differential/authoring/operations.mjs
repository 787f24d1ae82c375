// Spec §6.1 GetOperation: choosing the operation to execute.
import { maker } from './lib.mjs';

const S = 'type Query { a: Int b: Int } type Mutation { m: Int } type Subscription { s: Int }';
const { ok, bad } = maker('operations', S, { data: { a: 1, b: 2, m: 3, s: 4 } });
const two = 'query A { a } query B { b } mutation M { m }';

export const cases = [
  ok('single-anonymous', '{ a }'),
  ok('single-named-without-operation-name', 'query A { a b }'),
  ok('select-first', two, { operationName: 'A' }),
  ok('select-second', two, { operationName: 'B' }),
  ok('select-mutation', two, { operationName: 'M' }),
  bad('several-without-name', two),
  bad('unknown-name', two, { operationName: 'C' }),
  bad('name-for-anonymous', '{ a }', { operationName: 'A' }),
  bad('name-case-sensitive', 'query A { a }', { operationName: 'a' }),
  ok('fragments-only-do-not-count', 'query A { ...F } fragment F on Query { b }'),
  ok('fragment-of-other-operation', 'query A { ...F } query B { b } fragment F on Query { a }', { operationName: 'B' }),
  ok('subscription-executed-once-like-a-query', 'subscription S { s }'),
  bad('mutation-without-mutation-type', 'mutation { a }', { schema: 'type Query { a: Int }' }),
  bad('subscription-without-subscription-type', 'subscription { a }', { schema: 'type Query { a: Int }' }),
  ok('custom-root-type-names', 'query Q { x } mutation W { y }', { schema: 'schema { query: Q mutation: W } type Q { x: Int } type W { y: Int }', data: { x: 1, y: 2 }, operationName: 'W' }),
];
