// End-to-end checks of the federated shape that the corpus cannot express as "same as the one process":
// 401 and limits at the edge, direct subgraph calls (token, signature), disclosure records under concurrency,
// and a subgraph instance killed mid-load and started again.
// usage: node gateway-checks.mjs --fed URL --data-dir DIR --tokens FILE --secret S [--one URL]
// (--one: the one process, seeded as the federation's data, for the @defer/@stream comparisons)
// Prints "PASS name" / "FAIL name: why" lines; the caller counts them.
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
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
const oneUrl = arg('--one');
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
