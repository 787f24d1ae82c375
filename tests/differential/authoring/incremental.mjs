// Incremental delivery (the GraphQL "Incremental Delivery" RFC; graphql-js 17.1
// experimentalExecuteIncrementally): @defer and @stream, compared payload by payload
// ("incremental": true cases: the initial result, then every subsequent payload).
// The schema declares both directives as graphql-js 17.1 defines them; without them
// neither is known (see .undeclared-*).

const DIRECTIVES = `directive @defer(if: Boolean! = true, label: String) on FRAGMENT_SPREAD | INLINE_FRAGMENT
directive @stream(initialCount: Int! = 0, if: Boolean! = true, label: String) on FIELD
`;
const TYPES = `interface Node { id: ID! }
type Line implements Node { id: ID! code: String! amount: Float note: String }
type Org implements Node { id: ID! name: String parent: Org returns: [Return] }
type Return implements Node { id: ID! period: String status: String! org: Org lines: [Line] strictLines: [Line!] codes: [[String]] total: Float }
union Item = Line | Org
type Query { ret: Return strictRet: Return! items: [Item] numbers: [Int] strictNumbers: [Int!]! orgs: [Org] hello: String node: Node }
type Mutation { submit: Return }
type Subscription { ticks: Return }
`;
const S = DIRECTIVES + TYPES;

const line = (n, extra = {}) => ({ id: `L${n}`, code: `C${n}`, amount: n * 10.5, note: n % 2 ? null : `n${n}`, ...extra });
const ORG = { id: 'O1', name: 'North Consortium', parent: { id: 'O0', name: 'Region', parent: null } };
const RET = {
  id: 'R1', period: '2026Q3', status: 'submitted', total: 315,
  org: ORG,
  lines: [line(1), line(2), line(3)],
  strictLines: [line(1), line(2)],
  codes: [['a', 'b'], ['c']],
};
const DATA = {
  hello: 'hi',
  ret: RET,
  strictRet: RET,
  numbers: [1, 2, 3, 4, 5],
  strictNumbers: [1, 2, 3],
  orgs: [ORG, { id: 'O2', name: 'South', parent: null }],
  items: [{ __typename: 'Line', ...line(7) }, { __typename: 'Org', ...ORG }],
  node: { __typename: 'Return', ...RET },
  submit: RET,
};

function inc(id, query, extra = {}) {
  return {
    id: `incremental.${id}`,
    schema: extra.schema ?? S,
    data: extra.data ?? DATA,
    query,
    ...(extra.variables !== undefined ? { variables: extra.variables } : {}),
    ...(extra.operationName !== undefined ? { operationName: extra.operationName } : {}),
    incremental: true,
    ...(extra.expect ? { expect: extra.expect } : {}),
  };
}
const ok = (id, query, extra = {}) => inc(id, query, { expect: 'ok', ...extra });
const bad = (id, query, extra = {}) => inc(id, query, { expect: 'bad', ...extra });
const any = (id, query, extra = {}) => inc(id, query, extra);

const withData = (patch) => ({ data: { ...DATA, ...patch } });
const retWith = (patch) => withData({ ret: { ...RET, ...patch } });

export const cases = [
  // ---- @defer: announcement, labels, nesting ----
  ok('defer.root-inline', '{ hello ... @defer { ret { id } } }'),
  ok('defer.label', '{ hello ... @defer(label: "later") { ret { period } } }'),
  ok('defer.two-root-fragments', '{ ... @defer(label: "a") { hello } ... @defer(label: "b") { ret { id } } }'),
  ok('defer.inside-object', '{ ret { id ... @defer { period status } } }'),
  ok('defer.named-fragment', '{ ret { id ...Detail @defer(label: "detail") } } fragment Detail on Return { period total }'),
  ok('defer.nested-child-announced-with-parent', '{ ret { ... @defer(label: "outer") { period org { ... @defer(label: "inner") { name } } } } }'),
  ok('defer.nested-same-object', '{ ret { id ... @defer { status ... @defer { total } } } }'),
  ok('defer.three-levels', '{ ... @defer { ret { ... @defer { org { ... @defer { parent { name } } } } } } }'),
  ok('defer.nested-at-root', '{ ... @defer { hello ... @defer { ret { id } } } }'),
  ok('defer.in-list-items', '{ orgs { id ... @defer { name } } }'),
  ok('defer.in-nested-list-items', '{ ret { lines { id ... @defer(label: "line") { amount note } } } }'),
  ok('defer.typename-only', '{ ret { ... @defer { __typename } } }'),
  ok('defer.aliases', '{ r: ret { ... @defer { p: period s: status } } }'),
  ok('defer.empty-object-in-initial', '{ ret { ... @defer { id } } }'),

  // ---- @defer: conditions ----
  ok('defer.if-false-literal', '{ hello ... @defer(if: false) { ret { id } } }'),
  ok('defer.if-true-literal', '{ hello ... @defer(if: true) { ret { id } } }'),
  ok('defer.if-variable-false', 'query ($d: Boolean!) { hello ... @defer(if: $d) { ret { id } } }', { variables: { d: false } }),
  ok('defer.if-variable-true', 'query ($d: Boolean!) { hello ... @defer(if: $d) { ret { id } } }', { variables: { d: true } }),
  ok('defer.if-variable-default', 'query ($d: Boolean! = true) { hello ... @defer(if: $d, label: "v") { ret { id } } }'),
  ok('defer.skipped-fragment', '{ hello ... @defer @skip(if: true) { ret { id } } }'),
  ok('defer.included-fragment', '{ hello ... @include(if: true) @defer { ret { id } } }'),
  ok('defer.label-variable-ignored-when-null', 'query { hello ... @defer(label: null) { ret { id } } }'),

  // ---- @defer: de-duplication and shared execution groups ----
  ok('defer.field-already-in-initial', '{ hello ... @defer { hello } }'),
  ok('defer.object-already-in-initial-deeper-field', '{ ret { id } ... @defer { ret { id period } } }'),
  ok('defer.sibling-fragments-share-field', '{ ret { id ... @defer(label: "a") { org { id name } } ... @defer(label: "b") { org { id parent { id } } } } }'),
  ok('defer.same-fragment-deferred-and-not', '{ ret { ...F ...F @defer } } fragment F on Return { id period }'),
  ok('defer.same-fragment-twice-deferred', '{ ret { ...F @defer(label: "x") ...F @defer(label: "y") } } fragment F on Return { id period }'),
  ok('defer.parent-and-child-share-field', '{ ... @defer(label: "p") { ret { id ... @defer(label: "c") { id period } } } }'),
  ok('defer.sub-path-deep', '{ ret { org { id } ... @defer { org { parent { name } } } } }'),
  ok('defer.sub-path-in-nested-defer', '{ ret { org { id } ... @defer { status org { name ... @defer { parent { id } } } } } }'),

  // ---- @defer: abstract types ----
  ok('defer.type-condition-matches', '{ node { id ... on Return @defer { period } } }'),
  ok('defer.type-condition-does-not-match', '{ node { id ... on Org @defer { name } } }'),
  ok('defer.union-items', '{ items { __typename ... on Line @defer(label: "l") { code } ... on Org @defer(label: "o") { name } } }'),

  // ---- @defer: errors and null propagation ----
  any('defer.nullable-field-error-in-fragment', '{ ret { id ... @defer { lines { id } } } }', retWith({ lines: 'not a list' })),
  any('defer.non-null-field-null-fails-fragment', '{ ret { id ... @defer { status } } }', retWith({ status: null })),
  any('defer.non-null-failure-only-that-fragment', '{ ret { id ... @defer(label: "bad") { status } ... @defer(label: "good") { period } } }', retWith({ status: null })),
  any('defer.error-bubbles-to-nullable-inside-fragment', '{ ret { ... @defer { strictLines { code } } } }', retWith({ strictLines: [line(1), { id: 'L9', code: null }] })),
  any('defer.parent-nulled-in-initial-drops-fragment', '{ ret { status ... @defer { period } } hello }', retWith({ status: null })),
  any('defer.sibling-error-keeps-fragment', '{ hello ret { ... @defer { period } } node { ... on Return { status } } }', withData({ node: { __typename: 'Return', ...RET, status: null } })),
  any('defer.root-nulled-drops-everything', '{ strictRet { status } ... @defer { hello } }', withData({ strictRet: { ...RET, status: null } })),
  ok('defer.object-null-in-fragment', '{ ret { id ... @defer { org { name } } } }', retWith({ org: null })),
  any('defer.shared-group-failure', '{ ret { ... @defer(label: "a") { status } ... @defer(label: "b") { status period } } }', retWith({ status: null })),
  any('defer.nested-child-of-failed-parent', '{ ret { ... @defer { status org { ... @defer { name } } } } }', retWith({ status: null })),

  // ---- @defer: operations ----
  ok('defer.mutation-nested', 'mutation { submit { id ... @defer { period } } }'),
  ok('defer.named-operation', 'query Q { ... @defer { hello } } query R { hello }', { operationName: 'Q' }),
  ok('defer.subscription-if-false', 'subscription { ticks { id ... @defer(if: false) { period } } }', { data: { ticks: RET } }),

  // ---- @stream ----
  ok('stream.initial-count-zero', '{ numbers @stream }'),
  ok('stream.initial-count-two', '{ numbers @stream(initialCount: 2) }'),
  ok('stream.label', '{ numbers @stream(initialCount: 1, label: "nums") }'),
  ok('stream.initial-count-equals-length', '{ numbers @stream(initialCount: 5) }'),
  ok('stream.initial-count-beyond-length', '{ numbers @stream(initialCount: 9) }'),
  ok('stream.if-false', '{ numbers @stream(if: false) }'),
  ok('stream.if-variable', 'query ($s: Boolean!) { numbers @stream(if: $s, initialCount: 1) }', { variables: { s: true } }),
  ok('stream.initial-count-variable', 'query ($n: Int!) { numbers @stream(initialCount: $n) }', { variables: { n: 3 } }),
  ok('stream.empty-list', '{ numbers @stream }', withData({ numbers: [] })),
  ok('stream.null-list', '{ numbers @stream }', withData({ numbers: null })),
  ok('stream.objects', '{ orgs @stream { id name } }'),
  ok('stream.nested-field-in-list-items', '{ orgs { id returns @stream { id } } }', withData({ orgs: [{ ...ORG, returns: [RET, RET] }, { id: 'O2', returns: [] }] })),
  ok('stream.two-streams', '{ numbers @stream(initialCount: 1) orgs @stream { id } }'),
  ok('stream.with-empty-stream', '{ orgs @stream { id } numbers @stream(initialCount: 5) }'),
  ok('stream.and-defer', '{ numbers @stream ... @defer { hello } }'),
  ok('stream.inside-defer', '{ ... @defer { numbers @stream(initialCount: 2) } }'),
  ok('stream.defer-in-items', '{ ret { lines @stream(initialCount: 1) { id ... @defer { code } } } }'),
  ok('stream.defer-in-streamed-items-only', '{ orgs @stream(label: "s") { id ... @defer(label: "d") { name } } }'),
  ok('stream.nested-list-outer-only', '{ ret { codes @stream(initialCount: 1) } }'),
  ok('stream.abstract-items', '{ items @stream { __typename ... on Line { code } ... on Org { name } } }'),
  ok('stream.non-null-items', '{ strictNumbers @stream(initialCount: 1) }'),
  ok('stream.large-list-batches', '{ numbers @stream(initialCount: 3) }', withData({ numbers: Array.from({ length: 230 }, (_, i) => i) })),
  any('stream.nullable-item-error', '{ numbers @stream }', withData({ numbers: [1, 'x', 3] })),
  any('stream.item-field-error', '{ ret { lines @stream { id code } } }', retWith({ lines: [line(1), { id: 'L2', code: null }, line(3)] })),
  any('stream.non-null-item-failure', '{ ret { strictLines @stream { id code } } }', retWith({ strictLines: [line(1), { id: 'L2', code: null }, line(3)] })),
  any('stream.non-null-item-failure-first', '{ ret { strictLines @stream { code } } }', retWith({ strictLines: [{ id: 'L2', code: null }, line(3)] })),
  any('stream.failure-in-initial-items', '{ ret { strictLines @stream(initialCount: 2) { code } } hello }', retWith({ strictLines: [line(1), { id: 'L2', code: null }, line(3)] })),
  any('stream.not-a-list', '{ numbers @stream }', withData({ numbers: 5 })),
  ok('stream.mutation-nested', 'mutation { submit { lines @stream(initialCount: 1) { id } } }'),

  // ---- requests refused before execution: no subsequent payloads ----
  bad('request.unknown-operation', 'query A { ... @defer { hello } }', { operationName: 'B' }),
  bad('request.missing-variable', 'query ($d: Boolean!) { ... @defer(if: $d) { hello } }'),
  bad('request.syntax-error', '{ ... @defer { hello }'),
  bad('undeclared-defer-is-unknown', '{ hello ... @defer { ret { id } } }', { schema: TYPES }),
  bad('undeclared-stream-is-unknown', '{ numbers @stream }', { schema: TYPES }),

  // ---- validation rules for @defer/@stream ----
  bad('validation.duplicate-label', '{ ... @defer(label: "x") { hello } numbers @stream(label: "x") }'),
  bad('validation.label-from-variable', 'query ($l: String) { ... @defer(label: $l) { hello } }', { variables: { l: 'a' } }),
  ok('validation.distinct-labels', '{ ... @defer(label: "x") { hello } numbers @stream(label: "y") }'),
  bad('validation.defer-on-root-mutation-field', 'mutation { ... @defer { submit { id } } }'),
  bad('validation.defer-spread-on-root-mutation', 'mutation { ...M @defer } fragment M on Mutation { submit { id } }'),
  bad('validation.stream-on-root-mutation-field', 'mutation { submit { id } } query { numbers @stream }', { operationName: 'x' }),
  bad('validation.defer-in-subscription', 'subscription { ticks { ... @defer { id } } }', { data: { ticks: RET } }),
  bad('validation.stream-in-subscription', 'subscription { ticks { lines @stream { id } } }', { data: { ticks: RET } }),
  ok('validation.subscription-defer-if-variable', 'subscription ($d: Boolean!) { ticks { id ... @defer(if: $d) { period } } }', { data: { ticks: RET }, variables: { d: false } }),
  bad('validation.stream-on-non-list', '{ hello @stream }'),
  bad('validation.stream-on-object', '{ ret @stream { id } }'),
  ok('validation.stream-on-non-null-list', '{ strictNumbers @stream }'),
];
