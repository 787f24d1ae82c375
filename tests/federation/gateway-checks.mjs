// End-to-end checks of the federated shape that the corpus cannot express as "same as the one process":
// 401 and limits at the edge, direct subgraph calls (token, signature), disclosure records under concurrency,
// and a subgraph instance killed mid-load and started again.
// usage: node gateway-checks.mjs --fed URL --data-dir DIR --tokens FILE --secret S [--one URL]
// (--one: the one process, seeded as the federation's data, for the @defer/@stream comparisons)
// Prints "PASS name" / "FAIL name: why" lines; the caller counts them.
import { readFileSync } from 'node:fs';
import { createHash, createHmac } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const fed = arg('--fed');
const dataDir = arg('--data-dir');
const secret = arg('--secret');
const tokens = JSON.parse(readFileSync(arg('--tokens'), 'utf8'));
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const only = arg('--only');
const oneUrl = arg('--one');

const results = [];
const check = async (name, fn) => {
  if (only && !name.includes(only)) return;
  try {
    const why = await fn();
    if (why) { results.push(false); console.log(`FAIL ${name}: ${why}`); } else { results.push(true); console.log(`PASS ${name}`); }
  } catch (e) {
    results.push(false);
    console.log(`FAIL ${name}: ${e.stack ?? e}`);
  }
};

async function post(url, { query, variables, token, purpose = 'COMMISSIONING', headers = {}, operationName }) {
  const h = { 'content-type': 'application/json', ...headers };
  if (token) h.authorization = token.startsWith('Bearer') || token.startsWith('Basic') ? token : `Bearer ${token}`;
  if (purpose) h['x-purpose-of-use'] = purpose;
  const res = await fetch(url, { method: 'POST', headers: h, body: JSON.stringify({ query, variables, operationName }), signal: AbortSignal.timeout(30000) });
  const text = await res.text();
  let body; try { body = JSON.parse(text); } catch { body = { text }; }
  return { status: res.status, headers: res.headers, body };
}
const codes = (r) => (r.body.errors ?? []).map((e) => e.extensions?.code);
const x24 = tokens.X24.plain;
const subgraphUrl = (name) => `http://127.0.0.1:${readFileSync(join(dataDir, 'run', `${name}.port`), 'utf8').trim()}/graphql`;

// ---- 401 at the edge, as the one process answers ----
await check('gateway: no token is 401 with WWW-Authenticate: Bearer', async () => {
  const r = await post(fed, { query: '{ __typename }' });
  if (r.status !== 401) return `status ${r.status}`;
  if (r.headers.get('www-authenticate') !== 'Bearer') return `WWW-Authenticate ${r.headers.get('www-authenticate')}`;
  if (codes(r).join() !== 'UNAUTHENTICATED') return JSON.stringify(r.body);
});
await check('gateway: a malformed token is 401 invalid_token', async () => {
  const r = await post(fed, { query: '{ __typename }', token: 'Bearer not-a-jwt' });
  if (r.status !== 401 || !/invalid_token/.test(r.headers.get('www-authenticate') ?? '')) return `${r.status} ${r.headers.get('www-authenticate')}`;
});
await check('gateway: a well-formed token no subgraph trusts is their 401, relayed', async () => {
  const [h, p] = x24.split('.');
  const r = await post(fed, { query: '{ consortium(code: "01A") { name } }', token: `${h}.${p}.AAAA` });
  if (r.status !== 401 || !/invalid_token/.test(r.headers.get('www-authenticate') ?? '') || codes(r).join() !== 'UNAUTHENTICATED') return `${r.status} ${r.headers.get('www-authenticate')} ${JSON.stringify(r.body)}`;
});

// ---- limits at the edge, with the subgraphs' codes ----
// n fields deep through single objects (cost ~n): consortium, then latestFinancialReturn/consortium alternately, then code.
const nest = (n) => {
  const inner = Array.from({ length: n - 2 }, (_, i) => (i % 2 === 0 ? 'latestFinancialReturn(year: "2013-14")' : 'consortium'));
  const last = inner.length % 2 === 1 ? 'month' : 'code';
  return `{ consortium(code: "01A") { ${inner.map((f) => `${f} { `).join('')}${last}${' }'.repeat(inner.length)} } }`;
};
await check('gateway: an 18-level query is refused with DEPTH_LIMIT_EXCEEDED', async () => {
  const r = await post(fed, { query: nest(18), token: x24 });
  if (!codes(r).includes('DEPTH_LIMIT_EXCEEDED') || 'data' in r.body && r.body.data !== undefined) return `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
});
await check('gateway: a 15-level query is answered', async () => {
  const r = await post(fed, { query: nest(15), token: x24, purpose: 'FINANCIAL_ASSURANCE' });
  if (r.status !== 200 || !r.body.data?.consortium) return `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
});
await check('gateway: more than 15000 tokens is DOCUMENT_LIMIT_EXCEEDED', async () => {
  const r = await post(fed, { query: `{ ${Array.from({ length: 5001 }, (_, i) => `a${i}: __typename`).join(' ')} }`, token: x24 });
  if (r.status !== 400 || codes(r).join() !== 'DOCUMENT_LIMIT_EXCEEDED') return `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
});
await check('gateway: more than 1000 fields is DOCUMENT_LIMIT_EXCEEDED', async () => {
  const r = await post(fed, { query: `{ consortium(code: "01A") { ${Array.from({ length: 1001 }, (_, i) => `c${i}: code`).join(' ')} } }`, token: x24 });
  if (r.status !== 400 || codes(r).join() !== 'DOCUMENT_LIMIT_EXCEEDED') return `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
});
await check('gateway: a cost over 10000 is COST_LIMIT_EXCEEDED before any subgraph is asked', async () => {
  const r = await post(fed, { query: '{ consortia(first: 100) { nodes { practices { memberships { consortium { practices { code } } } } } } }', token: x24 });
  if (r.status !== 400 || codes(r).join() !== 'COST_LIMIT_EXCEEDED' || !(r.body.extensions?.cost?.requested > 10000)) return `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
});

// ---- queries one subgraph answers whole: forwarded as the client sent them (infra/gateway/plugins/forward.mjs) ----
// The gateway names the subgraph it forwarded to in X-Gateway-Forwarded (Development only).
const forwardedTo = (r) => r.headers.get('x-gateway-forwarded');
await check('gateway forwarding: a query one subgraph answers whole is forwarded from its second request on, answered as the first', async () => {
  const query = 'query ForwardedOnce { consortium(code: "02B") { code name kind } }';
  const [first, second] = [await post(fed, { query, token: x24 }), await post(fed, { query, token: x24 })];
  if (forwardedTo(first) !== null || forwardedTo(second) !== 'commissioning') return `forwarded: ${forwardedTo(first)}, then ${forwardedTo(second)}`;
  if (first.status !== 200 || second.status !== 200 || JSON.stringify(first.body) !== JSON.stringify(second.body) || !second.body.data?.consortium?.name) return `${first.status} ${JSON.stringify(first.body)} / ${second.status} ${JSON.stringify(second.body)}`;
  if (first.headers.get('content-type') !== second.headers.get('content-type')) return `content-type ${first.headers.get('content-type')} / ${second.headers.get('content-type')}`;
  if (!second.headers.get('x-request-id')) return 'no X-Request-Id on the forwarded answer';
});
await check('gateway forwarding: queries that need two subgraphs, or an entity step, are never forwarded', async () => {
  for (const query of ['{ consortium(code: "02B") { code healthAndWellbeingBoards { code localAuthority { name } } } }',
    '{ consortium(code: "01A") { name allocation(year: "2013-14") { programmeBudget } } }']) {
    for (let i = 0; i < 2; i++) {
      const r = await post(fed, { query, token: x24, purpose: 'FINANCIAL_ASSURANCE' });
      if (forwardedTo(r) !== null || r.status !== 200) return `${query}: ${r.status}, forwarded to ${forwardedTo(r)}`;
    }
  }
});
await check('gateway forwarding: a forwarded query with a token no subgraph trusts, or without the purpose its fields need, is refused as by the one process', async () => {
  const query = 'query ForwardedRefusal { consortium(code: "02B") { code financialReturns(year: "2013-14", first: 1) { totalCount } } }';
  await post(fed, { query, token: x24, purpose: 'FINANCIAL_ASSURANCE' });
  const [h, p] = x24.split('.');
  const refused = {
    'a token no subgraph trusts': [{ token: `${h}.${p}.AAAA` }, (r) => r.status === 401 && /invalid_token/.test(r.headers.get('www-authenticate') ?? '')],
    'no purpose of use': [{ token: x24, purpose: null }, (r) => r.body.errors?.some((e) => e.extensions?.reason === 'PURPOSE_REQUIRED')],
  };
  for (const [what, [options, expected]] of Object.entries(refused)) {
    const [viaGateway, one] = await Promise.all([post(fed, { query, ...options }), oneUrl ? post(oneUrl, { query, ...options }) : null]);
    if (forwardedTo(viaGateway) !== 'commissioning') return `${what}: not forwarded (${viaGateway.status})`;
    if (!expected(viaGateway)) return `${what}: ${viaGateway.status} ${viaGateway.headers.get('www-authenticate')} ${JSON.stringify(viaGateway.body)}`;
    if (one && (one.status !== viaGateway.status || one.headers.get('www-authenticate') !== viaGateway.headers.get('www-authenticate')
        || JSON.stringify(one.body) !== JSON.stringify(viaGateway.body))) {
      return `${what}: gateway ${viaGateway.status} ${viaGateway.headers.get('www-authenticate')} ${JSON.stringify(viaGateway.body)}; one process ${one.status} ${one.headers.get('www-authenticate')} ${JSON.stringify(one.body)}`;
    }
  }
});
await check('gateway forwarding: a forwarded query is recorded with the client\'s operation name and document hash', async () => {
  const query = 'query ForwardedDisclosure { consortium(code: "02B") { code financialReturns(year: "2013-14", first: 1) { totalCount } } }';
  const answers = [await post(fed, { query, token: x24, purpose: 'FINANCIAL_ASSURANCE' }), await post(fed, { query, token: x24, purpose: 'FINANCIAL_ASSURANCE' })];
  if (forwardedTo(answers[1]) !== 'commissioning') return `the second request was not forwarded (${answers[1].status})`;
  const r = await post(fed, { query: '{ disclosures(first: 10, where: { operationName: { eq: "ForwardedDisclosure" } }) { totalCount nodes { documentHash operationName } } }', token: x24, purpose: 'AUDIT' });
  const hash = 'sha256:' + createHash('sha256').update(query, 'utf8').digest('hex');
  const nodes = r.body.data?.disclosures?.nodes ?? [];
  if (r.body.data?.disclosures?.totalCount !== 2 || !nodes.every((n) => n.documentHash === hash)) return `${JSON.stringify(r.body)} (expected 2 records with ${hash})`;
});

// ---- @defer/@stream through the gateway, against the one process (--one) ----
// Each operation is sent to both shapes; payloads are compared after removing what differs by design
// (error locations, extensions.serviceName: README.md), keys in any order.
const strip = (v) => {
  if (Array.isArray(v)) return v.map(strip);
  if (!v || typeof v !== 'object') return v;
  const out = {};
  for (const k of Object.keys(v).sort()) {
    if (k === 'locations') continue;
    out[k] = k === 'extensions' && v[k] && typeof v[k] === 'object' ? strip(Object.fromEntries(Object.entries(v[k]).filter(([x]) => x !== 'serviceName')))
      // The order of a payload's errors means nothing (fields of two subgraphs, or decided after a directory look-up, finish in any order).
      : k === 'errors' && Array.isArray(v[k]) ? strip(v[k]).sort((a, b) => JSON.stringify(a.path ?? []).localeCompare(JSON.stringify(b.path ?? [])))
      : strip(v[k]);
  }
  return out;
};
/** POSTs with an incremental Accept and returns each payload (multipart/mixed parts, or SSE `next` events). */
async function incremental(url, { query, token = x24, purpose = 'FINANCIAL_ASSURANCE', accept = 'multipart/mixed' }) {
  const res = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(60000),
    headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${token}`, ...(purpose ? { 'x-purpose-of-use': purpose } : {}) },
    body: JSON.stringify({ query }) });
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  let payloads;
  if (type.startsWith('multipart/mixed')) {
    const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1] ?? '-';
    const parts = text.split(`--${boundary}`);
    if (!parts.at(-1).startsWith('--')) throw new Error(`multipart body without its closing delimiter: ${text.slice(-100)}`);
    payloads = parts.filter((p) => p.includes('{')).map((p) => JSON.parse(p.slice(p.indexOf('{'), p.lastIndexOf('}') + 1)));
  } else if (type.startsWith('text/event-stream')) {
    const events = text.split(/\r?\n\r?\n/).map((e) => ({ event: /^event: ?(.*)$/m.exec(e)?.[1], data: e.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n') })).filter((e) => e.event);
    if (events.at(-1)?.event !== 'complete') throw new Error(`SSE stream without its complete event: ${text.slice(-200)}`);
    payloads = events.filter((e) => e.event === 'next').map((e) => JSON.parse(e.data));
  } else {
    payloads = [JSON.parse(text)];
  }
  return { status: res.status, type, payloads };
}
/** Applies graphql-js 17.1 payloads (pending / incremental / completed) to the initial data; collects every error. */
function merge(payloads) {
  const [initial, ...rest] = payloads;
  const data = structuredClone(initial.data ?? null);
  const errors = [...(initial.errors ?? [])];
  const pending = new Map((initial.pending ?? []).map((p) => [p.id, p.path]));
  const at = (path) => path.reduce((o, k) => o[k], data);
  for (const payload of rest) {
    for (const p of payload.pending ?? []) pending.set(p.id, p.path);
    for (const entry of payload.incremental ?? []) {
      const path = pending.get(entry.id);
      if (!path) throw new Error(`incremental entry for id ${entry.id}, never pending`);
      if (entry.items) at(path).push(...entry.items); else Object.assign(at([...path, ...(entry.subPath ?? [])]), entry.data);
      errors.push(...(entry.errors ?? []));
    }
    for (const c of payload.completed ?? []) {
      if (!pending.delete(c.id)) throw new Error(`completed id ${c.id}, never pending`);
      errors.push(...(c.errors ?? []));
    }
  }
  if (pending.size) throw new Error(`ids never completed: ${[...pending.keys()]}`);
  if (payloads.at(-1).hasNext !== false && payloads.length > 1) throw new Error('the last payload has hasNext: true');
  return { data, errors: errors.map((e) => JSON.stringify(strip(e))).sort() };
}
const show = (v) => JSON.stringify(v).slice(0, 600);
/** Both shapes answer `query` incrementally; fails unless the deferred `field` (at `path`) is absent from the
 *  gateway's first payload and arrives later, and the gateway's payloads equal the one process's (`exact`), or
 *  at least their merged data and errors. */
async function sameIncremental(query, { field, path = ['consortium'], exact = true, ...options }) {
  const [one, fed] = await Promise.all([incremental(oneUrl, { query, ...options }), incremental(gatewayUrl, { query, ...options })]);
  if (fed.status !== 200 || fed.type.split(';')[0] !== one.type.split(';')[0]) return `gateway ${fed.status} ${fed.type}, one process ${one.status} ${one.type}: ${show(fed.payloads)}`;
  if (fed.payloads.length < 2 || fed.payloads[0].hasNext !== true) return `one payload through the gateway: ${show(fed.payloads)}`;
  if (field) {
    const first = path.reduce((o, k) => o?.[k], fed.payloads[0].data);
    if (!first || field in first) return `the first payload ${first ? 'already holds' : 'lacks the object of'} ${field}: ${show(fed.payloads[0])}`;
    if (!fed.payloads.slice(1).some((p) => (p.incremental ?? []).some((e) => e.data && field in e.data))) return `no later payload brings ${field}: ${show(fed.payloads)}`;
  }
  if (exact) {
    if (JSON.stringify(strip(fed.payloads)) !== JSON.stringify(strip(one.payloads))) return `payloads differ\n  gateway:     ${show(strip(fed.payloads))}\n  one process: ${show(strip(one.payloads))}`;
    return;
  }
  const [m1, m2] = [merge(one.payloads), merge(fed.payloads)];
  if (JSON.stringify(strip(m1.data)) !== JSON.stringify(strip(m2.data))) return `merged data differ\n  gateway:     ${show(m2.data)}\n  one process: ${show(m1.data)}`;
  if (JSON.stringify(m1.errors) !== JSON.stringify(m2.errors)) return `errors differ\n  gateway:     ${m2.errors}\n  one process: ${m1.errors}`;
}
const gatewayUrl = fed;
if (oneUrl) {
  const ACROSS = '{ consortium(code: "01A") { name ... @defer(label: "money") { allocation(year: "2013-14") { programmeBudget } } healthAndWellbeingBoards { name } } }';
  await check('gateway @defer: a field of another subgraph (Consortium.allocation, nhs-cb) arrives in a later multipart/mixed payload, payloads as the one process', () =>
    sameIncremental(ACROSS, { field: 'allocation' }));
  await check('gateway @defer: the same over SSE (text/event-stream), payloads as the one process', () =>
    sameIncremental(ACROSS, { field: 'allocation', accept: 'text/event-stream' }));
  await check('gateway @defer: Apollo\'s format (multipart/mixed;deferSpec=20220824), payloads as the one process', () =>
    sameIncremental(ACROSS, { accept: 'multipart/mixed;deferSpec=20220824, application/json' }));
  await check('gateway @defer: merged, the payloads equal the gateway\'s answer without @defer', async () => {
    const { payloads } = await incremental(gatewayUrl, { query: ACROSS });
    const plain = await post(gatewayUrl, { query: ACROSS.replace(' ... @defer(label: "money") {', '').replace(' } healthAndWellbeingBoards', ' healthAndWellbeingBoards'), token: x24, purpose: 'FINANCIAL_ASSURANCE' });
    const merged = merge(payloads);
    if (!plain.body.data?.consortium?.allocation || JSON.stringify(strip(merged.data)) !== JSON.stringify(strip(plain.body.data))) return `merged ${show(merged.data)} vs ${show(plain.body)}`;
  });
  await check('gateway @defer: an error inside the deferred fragment (BAD_USER_INPUT from nhs-cb) is in the later payload at the field\'s path, as the one process', async () => {
    const query = '{ consortium(code: "01A") { code ... @defer(label: "bad") { allocation(year: "13-14") { programmeBudget } } } }';
    const why = await sameIncremental(query, { field: 'allocation' });
    if (why) return why;
    const { payloads } = await incremental(gatewayUrl, { query });
    const error = payloads[1]?.incremental?.[0]?.errors?.[0];
    if (error?.extensions?.code !== 'BAD_USER_INPUT' || JSON.stringify(error.path) !== '["consortium","allocation"]') return show(payloads);
  });
  await check('gateway @defer: FORBIDDEN fields inside the deferred fragment (two subgraphs) are denied in the later payload, with reasons, as the one process', async () => {
    const query = '{ consortium(code: "01A") { code ... @defer { financialReturns { nodes { month } } allocation(year: "2013-14") { programmeBudget } } } }';
    const options = { token: tokens.E10000001.plain, purpose: 'COMMISSIONING' };
    const why = await sameIncremental(query, { field: 'allocation', ...options });
    if (why) return why;
    const { payloads } = await incremental(gatewayUrl, { query, ...options });
    const errors = payloads.slice(1).flatMap((p) => (p.incremental ?? []).flatMap((e) => e.errors ?? []));
    const denied = errors.filter((e) => e.extensions?.code === 'FORBIDDEN' && e.extensions?.reason).map((e) => e.path.join('.')).sort();
    if (denied.join() !== 'consortium.allocation,consortium.financialReturns' || payloads[0].errors) return show(payloads);
  });
  await check('gateway @defer: without a purpose of use, the deferred field of another subgraph is refused (PURPOSE_REQUIRED) in the later payload, as the one process', async () => {
    const query = '{ consortium(code: "01A") { name ... @defer { allocation(year: "2013-14") { programmeBudget } } } }';
    const why = await sameIncremental(query, { field: 'allocation', purpose: null });
    if (why) return why;
    const { payloads } = await incremental(gatewayUrl, { query, purpose: null });
    if (payloads[1]?.incremental?.[0]?.errors?.[0]?.extensions?.reason !== 'PURPOSE_REQUIRED') return show(payloads);
  });
  await check('gateway @defer: a well-formed token the subgraphs refuse is their 401, relayed, as the one process', async () => {
    const [h, p] = x24.split('.');
    const query = '{ consortium(code: "01A") { name ... @defer { allocation(year: "2013-14") { programmeBudget } } } }';
    const answers = await Promise.all([oneUrl, gatewayUrl].map(async (url) => {
      const res = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(60000), body: JSON.stringify({ query }),
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed', authorization: `Bearer ${h}.${p}.AAAA`, 'x-purpose-of-use': 'FINANCIAL_ASSURANCE' } });
      return { status: res.status, challenge: res.headers.get('www-authenticate'), body: await res.text() };
    }));
    if (answers[1].status !== 401 || JSON.stringify(answers[0]) !== JSON.stringify(answers[1])) return `gateway ${show(answers[1])} vs one process ${show(answers[0])}`;
  });
  await check('gateway @defer/@stream: deferred fragments in a list and a streamed list inside them, merged data and errors as the one process', () =>
    sameIncremental('{ consortia(first: 3) { nodes { code ... @defer(label: "m") { allocation(year: "2013-14") { programmeBudget } healthAndWellbeingBoards @stream(initialCount: 0) { name } } } } }',
      { field: 'allocation', path: ['consortia', 'nodes', 0], exact: false }));
  await check('gateway @defer: over graphql-transport-ws (graphql-ws) each payload is one next message, as the one process', async () => {
    // graphql-ws and ws come with the gateway's packages (infra/gateway/node_modules).
    const gatewayRequire = createRequire(join(root, 'infra', 'gateway', 'package.json'));
    const { createClient } = await import(gatewayRequire.resolve('graphql-ws'));
    const WebSocket = gatewayRequire('ws');
    const payloadsOver = async (url) => {
      const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0,
        connectionParams: { Authorization: `Bearer ${x24}`, 'X-Purpose-Of-Use': 'FINANCIAL_ASSURANCE' } });
      try {
        const out = [];
        await new Promise((resolve, reject) => client.subscribe({ query: ACROSS }, { next: (v) => out.push(v), error: (e) => reject(new Error(show(e))), complete: resolve }));
        return out;
      } finally { await client.dispose(); }
    };
    const [one, viaGateway] = await Promise.all([payloadsOver(oneUrl), payloadsOver(gatewayUrl)]);
    if (viaGateway.length < 2 || 'allocation' in (viaGateway[0].data?.consortium ?? { allocation: 0 })) return `not incremental through the gateway: ${show(viaGateway)}`;
    if (JSON.stringify(strip(viaGateway)) !== JSON.stringify(strip(one))) return `gateway ${show(strip(viaGateway))}\n  one process ${show(strip(one))}`;
  });
  await check('gateway @defer: one disclosure record per request and owning organisation, covering the deferred payload, as the one process', async () => {
    const name = `DeferredOnce_${Math.random().toString(36).slice(2, 10)}`;
    const query = `query ${name} { consortium(code: "01A") { name ... @defer { allocation(year: "2013-14") { programmeBudget } } } }`;
    const answers = await Promise.all([incremental(oneUrl, { query }), incremental(gatewayUrl, { query })]);
    if (answers.some((a) => a.payloads.length < 2)) return `not incremental: ${show(answers.map((a) => a.payloads))}`;
    const register = async (url) => {
      const r = await post(url, { query: 'query Register { disclosures(first: 200) { nodes { operationName owningOrganisation disclosed { coordinate records } } } }', token: x24, purpose: 'AUDIT' });
      if (!r.body.data?.disclosures) throw new Error(show(r.body));
      return r.body.data.disclosures.nodes.filter((n) => n.operationName === name).map((n) => strip(n));
    };
    const [one, viaGateway] = await Promise.all([register(oneUrl), register(gatewayUrl)]);
    if (viaGateway.length !== 1 || viaGateway[0].owningOrganisation !== '01A') return `${viaGateway.length} records through the gateway: ${show(viaGateway)}`;
    if (!viaGateway[0].disclosed.some((d) => d.coordinate === 'Allocation.programmeBudget')) return `the deferred field is not in the record: ${show(viaGateway)}`;
    if (JSON.stringify(viaGateway) !== JSON.stringify(one)) return `gateway ${show(viaGateway)} vs one process ${show(one)}`;
  });
}

// ---- direct calls to a subgraph ----
const sign = (body) => 'sha256=' + createHmac('sha256', secret).update(body, 'utf8').digest('hex');
async function direct(url, { token, signed, query = '{ consortium(code: "01A") { code name } }' }) {
  const body = JSON.stringify({ query });
  const headers = { 'content-type': 'application/json', 'x-purpose-of-use': 'COMMISSIONING' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (signed) headers['x-gateway-signature'] = signed === 'wrong' ? sign(body + ' ') : sign(body);
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, body: await res.json().catch(() => ({})) };
}
await check('subgraph: a signed call without a token is 401', async () => {
  const r = await direct(subgraphUrl('commissioning'), { signed: true });
  if (r.status !== 401) return `${r.status} ${JSON.stringify(r.body)}`;
});
if (secret) {
  await check('subgraph: an unsigned call (with a valid token) is refused', async () => {
    const r = await direct(subgraphUrl('commissioning'), { token: x24 });
    if (r.status !== 403 || r.body.errors?.[0]?.extensions?.reason !== 'GATEWAY_SIGNATURE_REQUIRED') return `${r.status} ${JSON.stringify(r.body)}`;
  });
  await check('subgraph: a call signed over another body is refused', async () => {
    const r = await direct(subgraphUrl('local-government'), { token: x24, signed: 'wrong' });
    if (r.status !== 403) return `${r.status} ${JSON.stringify(r.body)}`;
  });
  await check('subgraph: a signed call with a valid token is answered', async () => {
    const r = await direct(subgraphUrl('commissioning'), { token: x24, signed: true });
    if (r.status !== 200 || r.body.data?.consortium?.code !== '01A') return `${r.status} ${JSON.stringify(r.body)}`;
  });
}

// ---- subscriptions through the gateway (graphql-transport-ws), against the one process (--one) ----
// A subscription is live once its subgraph's source stream has subscribed to the event bus, which no message
// announces: an event published before then is not delivered to it. So each check repeats its mutation (a new period
// each time) until the subscriber has the event it waits for (at most 10 mutations, each awaited up to 10 s), and
// then asserts on everything the subscriber received.
if (oneUrl) {
  const gatewayRequire = createRequire(join(root, 'infra', 'gateway', 'package.json'));
  const { createClient } = await import(gatewayRequire.resolve('graphql-ws'));
  const WebSocket = gatewayRequire('ws');
  const writer = (org) => tokens[org].writer;
  /** A graphql-transport-ws subscriber: what it received (`events`), how it ended (`failure`, `completed`). */
  const subscribe = (url, connectionParams, query) => {
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams });
    const waiting = [];
    const wake = () => { for (const w of waiting.splice(0)) w(); };
    const sub = { events: [], failure: null, completed: false };
    client.subscribe({ query }, {
      next: (v) => { sub.events.push(v); wake(); },
      error: (e) => { sub.failure = e; wake(); },
      complete: () => { sub.completed = true; wake(); },
    });
    sub.until = async (predicate, ms) => {
      const end = Date.now() + ms;
      while (!predicate() && !sub.failure && !sub.completed && Date.now() < end) {
        await new Promise((r) => { waiting.push(r); setTimeout(r, end - Date.now()).unref(); });
      }
      return predicate();
    };
    sub.dispose = () => client.dispose();
    return sub;
  };
  const ended = (sub) => sub.failure ? { code: sub.failure.code, reason: sub.failure.reason, errors: Array.isArray(sub.failure) ? strip(sub.failure) : undefined } : { completed: sub.completed };
  /** Sends mutate() until sub has an event that `arrived` accepts; returns the mutations' answers. */
  const deliveredAfter = async (sub, mutate, arrived) => {
    const sent = [];
    for (let i = 0; i < 10; i++) {
      sent.push(await mutate());
      if (await sub.until(() => sub.events.some((e) => arrived(e, sent)), 10000)) return sent;
      if (sub.failure || sub.completed) throw new Error(`the subscription ended: ${show(ended(sub))}`);
    }
    throw new Error(`no event after ${sent.length} mutations: ${show(sent.slice(-2))}`);
  };
  // A financial return of `consortium` for a period it has none of yet (2014-15 and 2015-16, month by month).
  const periods = new Map();
  const submitReturn = async (url, consortium) => {
    const key = `${url} ${consortium}`;
    for (let n = periods.get(key) ?? 0; n < 24; n++) {
      periods.set(key, n + 1);
      const r = await post(url, { token: writer(consortium), purpose: 'FINANCIAL_ASSURANCE',
        query: 'mutation Submit($input: SubmitFinancialReturnInput!) { submitFinancialReturn(input: $input) { financialReturn { id version status consortium { code } } userErrors { code } } }',
        variables: { input: { consortiumCode: consortium, year: n < 12 ? '2014-15' : '2015-16', month: (n % 12) + 1,
          lines: [{ category: 'ACUTE', plan: '1000', yearToDateActual: '700', forecastOutturn: '990' }],
          runningCosts: { plan: '10', yearToDateActual: '7', forecastOutturn: '10' }, capital: { plan: '5', yearToDateActual: '3', forecastOutturn: '5' } } } });
      const payload = r.body.data?.submitFinancialReturn;
      if (payload?.financialReturn) return payload.financialReturn;
      if (payload?.userErrors?.[0]?.code !== 'CONFLICT') throw new Error(`submitFinancialReturn for ${consortium}: ${r.status} ${show(r.body)}`);
    }
    throw new Error(`no free period left for ${consortium}`);
  };
  const recorded = async (url, operationName, expected) => {
    const read = async () => {
      const r = await post(url, { token: x24, purpose: 'AUDIT', variables: { name: operationName },
        query: 'query Recorded($name: String!) { disclosures(where: { operationName: { eq: $name } }, first: 50) { totalCount nodes { callerOrganisation owningOrganisation operationType purposeOfUse documentHash } } }' });
      if (!r.body.data?.disclosures) throw new Error(show(r.body));
      return r.body.data.disclosures;
    };
    // The register is written as each event is delivered; read until it has them (bounded).
    let found = await read();
    for (let i = 0; i < 20 && found.totalCount < expected; i++) { await new Promise((r) => setTimeout(r, 250)); found = await read(); }
    return found;
  };
  const returnOf = (e) => e.data?.financialReturnSubmitted;

  // Per shape: the NHS CB watches 03C's submissions, 02B watches every submission it may read. 02B's subscription is
  // live first (its own return reaches it), then the NHS CB's (03C submits until it has the event), then 02B submits
  // once more: events reach a subscription in order, so 03C's return, had it been sent to 02B, would be there before.
  const watchReturns = async (url) => {
    const id = Math.random().toString(36).slice(2, 10);
    const board = `BoardWatchesReturns_${id}`; const peer = `PeerWatchesReturns_${id}`;
    const boardQuery = `subscription ${board} { financialReturnSubmitted(consortium: "03C") { id version status consortium { code } } }`;
    const nhscb = subscribe(url, { Authorization: `Bearer ${x24}`, 'X-Purpose-Of-Use': 'FINANCIAL_ASSURANCE' }, boardQuery);
    const other = subscribe(url, { authorization: `Bearer ${tokens['02B'].plain}`, purposeOfUse: 'FINANCIAL_ASSURANCE' },
      `subscription ${peer} { financialReturnSubmitted { id consortium { code } } }`);
    try {
      await deliveredAfter(other, () => submitReturn(url, '02B'), (e) => returnOf(e)?.consortium?.code === '02B');
      const sent03C = await deliveredAfter(nhscb, () => submitReturn(url, '03C'), (e) => returnOf(e)?.consortium?.code === '03C');
      const own = other.events.length;
      const sent02B = await deliveredAfter(other, () => submitReturn(url, '02B'), () => other.events.length > own);
      return {
        nhscb: nhscb.events.map(returnOf), sent03C, sent02B, other: other.events.map(returnOf), boardQuery,
        boardRecords: await recorded(url, board, nhscb.events.length), peerRecords: await recorded(url, peer, 0),
      };
    } finally { await Promise.all([nhscb.dispose(), other.dispose()]); }
  };
  let returnsWatched;
  await check('gateway subscriptions: the NHS CB subscribed through the gateway receives the return 03C submits through it (commissioning), as from the one process', async () => {
    returnsWatched = await Promise.all([watchReturns(oneUrl), watchReturns(gatewayUrl)]);
    const problems = [];
    for (const [shape, w] of [['one process', returnsWatched[0]], ['gateway', returnsWatched[1]]]) {
      const ids = new Set(w.sent03C.map((r) => r.id));
      if (!w.nhscb.length || w.nhscb.some((r) => !ids.has(r?.id) || r.consortium.code !== '03C' || r.status !== 'SUBMITTED' || r.version !== 1)) problems.push(`${shape}: the NHS CB received ${show(w.nhscb)} for ${show(w.sent03C)}`);
    }
    // The same event, whichever shape delivered it (ids are each data directory's own).
    const [a, b] = returnsWatched.map((w) => strip({ ...w.nhscb[0], id: undefined }));
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`the event differs: gateway ${show(b)} vs one process ${show(a)}`);
    return problems.join('\n  ') || undefined;
  });
  await check('gateway subscriptions: a subscriber who may not read a return (02B, 03C\'s) is not sent it, and is sent its own, as by the one process', async () => {
    if (!returnsWatched) return 'the previous check did not run';
    const problems = [];
    for (const [shape, w] of [['one process', returnsWatched[0]], ['gateway', returnsWatched[1]]]) {
      if (w.other.some((r) => r?.consortium?.code !== '02B')) problems.push(`${shape}: 02B received ${show(w.other)}`);
      const last = w.other.at(-1);
      if (!w.sent02B.some((r) => r.id === last?.id)) problems.push(`${shape}: 02B's last event ${show(last)} is not the return it submitted last ${show(w.sent02B)}`);
    }
    return problems.join('\n  ') || undefined;
  });
  await check('gateway subscriptions: each delivery to the NHS CB is one disclosure record (subscription, 03C\'s data), 02B\'s own none, as in the one process', async () => {
    if (!returnsWatched) return 'the first subscription check did not run';
    const problems = [];
    const shapes = [['one process', returnsWatched[0]], ['gateway', returnsWatched[1]]];
    for (const [shape, w] of shapes) {
      if (w.boardRecords.totalCount !== w.nhscb.length) problems.push(`${shape}: ${w.boardRecords.totalCount} records for ${w.nhscb.length} deliveries`);
      if (w.boardRecords.nodes.some((n) => n.callerOrganisation !== 'X24' || n.owningOrganisation !== '03C' || n.operationType !== 'subscription')) problems.push(`${shape}: ${show(w.boardRecords.nodes)}`);
      if (w.peerRecords.totalCount !== 0) problems.push(`${shape}: 02B's own returns recorded ${w.peerRecords.totalCount} times`);
      // The client's document, as the one process hashes it (the gateway forwards it on the subgraph socket).
      const hash = `sha256:${createHash('sha256').update(w.boardQuery, 'utf8').digest('hex')}`;
      if (w.boardRecords.nodes.some((n) => n.documentHash !== hash)) problems.push(`${shape}: document hash ${show(w.boardRecords.nodes.map((n) => n.documentHash))}, the client's is ${hash}`);
    }
    const [a, b] = shapes.map(([, w]) => show(strip({ ...w.boardRecords.nodes[0], documentHash: undefined })));
    if (a !== b) problems.push(`the record differs: gateway ${b} vs one process ${a}`);
    return problems.join('\n  ') || undefined;
  });

  // JSNA contributions (local-government): the board's local authority watches the board; 02B contributes.
  const watchJsna = async (url) => {
    const name = `AuthorityWatchesJsna_${Math.random().toString(36).slice(2, 10)}`;
    const authority = subscribe(url, { Authorization: `Bearer ${tokens.E06000002.plain}`, 'X-Purpose-Of-Use': 'JSNA' },
      `subscription ${name} { jsnaContributionSubmitted(board: "HWB-E06000002") { id topic status consortium { code } } }`);
    let n = 0;
    const topics = [];
    try {
      await deliveredAfter(authority, async () => {
        const topic = `${name} ${++n}`;
        topics.push(topic);
        const r = await post(url, { token: writer('02B'), purpose: 'JSNA',
          query: 'mutation Jsna($input: SubmitJsnaContributionInput!) { submitJsnaContribution(input: $input) { contribution { id topic } userErrors { message code } } }',
          variables: { input: { healthAndWellbeingBoardCode: 'HWB-E06000002', year: '2013-14', consortiumCode: '02B', topic, narrative: 'Sent by the gateway checks.', indicators: [{ name: 'Residents', numerator: 40, denominator: 100 }] } } });
        if (!r.body.data?.submitJsnaContribution?.contribution) throw new Error(`submitJsnaContribution: ${r.status} ${show(r.body)}`);
        return r.body.data.submitJsnaContribution.contribution;
      }, (e) => topics.includes(e.data?.jsnaContributionSubmitted?.topic));
      return { events: authority.events.map((e) => e.data?.jsnaContributionSubmitted), topics, records: await recorded(url, name, authority.events.length) };
    } finally { await authority.dispose(); }
  };
  await check('gateway subscriptions: a local authority receives the JSNA contribution 02B submits through the gateway (local-government), recorded per delivery, as from the one process', async () => {
    const [one, viaGateway] = await Promise.all([watchJsna(oneUrl), watchJsna(gatewayUrl)]);
    const problems = [];
    for (const [shape, w] of [['one process', one], ['gateway', viaGateway]]) {
      if (!w.events.length || w.events.some((c) => !w.topics.includes(c?.topic) || c.consortium?.code !== '02B')) problems.push(`${shape}: received ${show(w.events)}`);
      if (w.records.totalCount !== w.events.length) problems.push(`${shape}: ${w.records.totalCount} records for ${w.events.length} deliveries`);
    }
    const shape = (w) => show(strip({ event: { ...w.events[0], id: undefined, topic: undefined }, record: { ...w.records.nodes[0], documentHash: undefined } }));
    if (shape(one) !== shape(viaGateway)) problems.push(`gateway ${shape(viaGateway)} vs one process ${shape(one)}`);
    return problems.join('\n  ') || undefined;
  });

  // Refused at connection_init: the socket closes with the one process's code and reason.
  const [h, p] = x24.split('.');
  const refusals = [
    ['no token', {}],
    ['a malformed token', { Authorization: 'Bearer not-a-jwt' }],
    ['a well-formed token no subgraph trusts', { Authorization: `Bearer ${h}.${p}.AAAA` }],
    ['a purpose of use that is not one', { Authorization: `Bearer ${x24}`, 'X-Purpose-Of-Use': 'GOSSIP' }],
  ];
  for (const [what, params] of refusals) {
    await check(`gateway subscriptions: a subscriber with ${what} is refused as by the one process (socket closed 4403)`, async () => {
      const query = 'subscription { financialReturnSubmitted { id } }';
      const [one, viaGateway] = await Promise.all([oneUrl, gatewayUrl].map(async (url) => {
        const sub = subscribe(url, params, query);
        await sub.until(() => false, 30000);
        await sub.dispose();
        return { ...ended(sub), events: sub.events.length };
      }));
      if (one.code !== 4403) return `the one process: ${show(one)}`;
      if (JSON.stringify(one) !== JSON.stringify(viaGateway)) return `gateway ${show(viaGateway)} vs one process ${show(one)}`;
    });
  }
}

// ---- disclosures: 100 identical requests at 16 concurrent give 100 records ----
async function disclosureCount() {
  const r = await post(fed, { query: '{ disclosures(first: 1) { totalCount } }', token: x24, purpose: 'AUDIT' });
  if (r.body.data?.disclosures?.totalCount === undefined) throw new Error(JSON.stringify(r.body));
  return r.body.data.disclosures.totalCount;
}
async function concurrently(n, width, fn) {
  let next = 0;
  const out = [];
  await Promise.all(Array.from({ length: width }, async () => { while (next < n) { const i = next++; out[i] = await fn(i); } }));
  return out;
}
await check('disclosures: 100 identical requests at 16 concurrent through the gateway write 100 records', async () => {
  const before = await disclosureCount();
  const responses = await concurrently(100, 16, () => post(fed, {
    query: 'query SameRequest { consortium(code: "02B") { code financialReturns(year: "2013-14", first: 1) { totalCount } } }',
    token: tokens.X24.plain, purpose: 'FINANCIAL_ASSURANCE',
  }));
  const bad = responses.filter((r) => r.status !== 200 || r.body.data?.consortium?.financialReturns?.totalCount === undefined);
  if (bad.length) return `${bad.length} responses without the data: ${JSON.stringify(bad[0].body).slice(0, 200)}`;
  // The register holds the records before each response is sent, so the count is final now.
  const after = await disclosureCount();
  console.log(`  disclosures: ${after - before} records for 100 requests (16 concurrent)`);
  if (after - before !== 100) return `${after - before} records, not 100`;
});

// ---- a subgraph instance killed mid-load, then started again ----
await check('kill local-government mid-load: the other fields answered, its fields errors, recovery after restart', async () => {
  const pidFile = join(dataDir, 'run', 'local-government.pid');
  const query = '{ consortium(code: "01A") { code name } localAuthority(code: "E10000001") { code name } }';
  const ask = () => post(fed, { query, token: x24 });
  const full = (r) => r.status === 200 && r.body.data?.consortium?.code === '01A' && r.body.data?.localAuthority?.code === 'E10000001' && !r.body.errors;
  const partial = (r) => r.status === 200 && r.body.data?.consortium?.code === '01A' && r.body.data?.localAuthority === null
    && r.body.errors?.length > 0 && r.body.errors.every((e) => e.path?.[0] === 'localAuthority');
  // Load: 4 workers. Phase 1: 20 full answers; then the kill; phase 2: the answers until 20 partial ones in a row
  // (those in flight at the kill may be either); then the restart; phase 3: until 10 full ones in a row.
  let phase = 1; let streak = 0; let seen = 0; const problems = [];
  const deadline = Date.now() + 120000;
  const worker = async () => {
    while (phase < 4 && Date.now() < deadline) {
      const sentIn = phase;
      const r = await ask();
      seen++;
      if (sentIn === 1) { if (!full(r) && !(partial(r) && phase !== 1)) problems.push(`before the kill: ${JSON.stringify(r.body).slice(0, 200)}`); else if (++streak >= 20 && phase === 1) { phase = 1.5; streak = 0; } }
      else if (sentIn === 2) { if (partial(r)) streak++; else if (full(r)) streak = 0; else problems.push(`during the outage: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`); if (streak >= 20 && phase === 2) { phase = 2.5; streak = 0; } }
      else if (sentIn === 3) { if (full(r)) streak++; else if (partial(r)) streak = 0; else problems.push(`after the restart: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`); if (streak >= 10) phase = 4; }
      if (phase === 1.5) { phase = 1.6; process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL'); phase = 2; }
      if (phase === 2.5) {
        phase = 2.6;
        // Started again on the same port by the script that started it (federation.sh restart waits until it is healthy).
        await promisify(execFile)('bash', [join(root, 'infra/local/federation.sh'), 'restart', '--data-dir', dataDir, '--module', 'local-government']);
        phase = 3; streak = 0;
      }

    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  console.log(`  kill and restart: ${seen} requests, phase reached ${phase}`);
  if (problems.length) return `${problems.length} unexpected answers, e.g. ${problems[0]}`;
  if (phase !== 4) return `stopped in phase ${phase} (deadline)`;
});

const passed = results.filter(Boolean).length;
console.log(`GATEWAY-CHECKS ${passed} passed, ${results.length - passed} failed`);
