// Enums on output and input, custom scalars passed through unchanged.
import { maker } from './lib.mjs';

const S = `enum Status { OPEN CLOSED on_hold }
scalar Json
scalar Date @specifiedBy(url: "https://example.org/date")
type Query { status: Status statuses: [Status] strict: Status! json: Json jsons: [Json] date: Date echo(s: Status, j: Json): String }`;
const { ok, bad } = maker('scalars-and-enums', S);

export const cases = [
  ok('enum.output-value', '{ status }', { data: { status: 'OPEN' } }),
  ok('enum.output-lowercase-value', '{ status }', { data: { status: 'on_hold' } }),
  bad('enum.output-unknown-value', '{ status }', { data: { status: 'PENDING' } }),
  bad('enum.output-wrong-case', '{ status }', { data: { status: 'open' } }),
  bad('enum.output-number', '{ status }', { data: { status: 0 } }),
  bad('enum.output-boolean', '{ status }', { data: { status: true } }),
  bad('enum.output-in-list', '{ statuses }', { data: { statuses: ['OPEN', 'NOPE', null, 'CLOSED'] } }),
  bad('enum.output-non-null', '{ strict }', { data: { strict: 'X' } }),
  ok('enum.input-literal', '{ echo(s: on_hold) }', { data: { echo: 'e' } }),
  ok('enum.input-variable', 'query($s: Status) { echo(s: $s) }', { data: { echo: 'e' }, variables: { s: 'CLOSED' } }),
  ok('custom.object-keeps-key-order', '{ json }', { data: { json: { zebra: 1, apple: { y: 2, x: 1 }, mango: [3, { b: 1, a: 2 }] } } }),
  ok('custom.string', '{ json }', { data: { json: 'text' } }),
  ok('custom.number', '{ json }', { data: { json: 12.5 } }),
  ok('custom.boolean', '{ json }', { data: { json: false } }),
  ok('custom.list', '{ json }', { data: { json: [1, 'a', null, { k: true }] } }),
  ok('custom.empty-object', '{ json }', { data: { json: {} } }),
  ok('custom.null', '{ json }', { data: { json: null } }),
  ok('custom.list-of-custom', '{ jsons }', { data: { jsons: [{ b: 2, a: 1 }, [1, 2], 'x', null] } }),
  ok('custom.specified-by-scalar', '{ date }', { data: { date: '2013-04-01' } }),
  ok('custom.literal-argument-any-shape', '{ echo(j: {nested: [1, 2.5, "x", true, null, ENUM]}) }', { data: { echo: 'e' } }),
];
