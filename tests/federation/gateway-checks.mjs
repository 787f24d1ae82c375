// End-to-end checks of the federated shape that the corpus cannot express as "same as the one process":
// 401 and limits at the edge, direct subgraph calls (token, signature), disclosure records under concurrency,
// and a subgraph instance killed mid-load and started again.
// usage: node gateway-checks.mjs --fed URL --data-dir DIR --tokens FILE --secret S
// Prints "PASS name" / "FAIL name: why" lines; the caller counts them.
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
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

await check('gateway: @defer across subgraphs over multipart/mixed gives the same data as without it', async () => {
  const deferred = '{ consortium(code: "01A") { name ... @defer(label: "money") { allocation(year: "2013-14") { programmeBudget } } healthAndWellbeingBoards { name } } }';
  const plain = await post(fed, { query: deferred.replace(' ... @defer(label: "money") {', '').replace(' } healthAndWellbeingBoards', ' healthAndWellbeingBoards'), token: x24, purpose: 'FINANCIAL_ASSURANCE' });
  const res = await fetch(fed, { method: 'POST', signal: AbortSignal.timeout(30000),
    headers: { 'content-type': 'application/json', accept: 'multipart/mixed', authorization: `Bearer ${x24}`, 'x-purpose-of-use': 'FINANCIAL_ASSURANCE' },
    body: JSON.stringify({ query: deferred }) });
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  if (res.status !== 200 || !type.startsWith('multipart/mixed')) return `${res.status} ${type} ${text.slice(0, 300)}`;
  // Merge every part's data (initial, then incremental items at their paths) and compare with the plain answer.
  const parts = text.split(/\r?\n---/).map((p) => p.slice(p.indexOf('{'))).filter((p) => p.startsWith('{')).map((p) => JSON.parse(p.trim()));
  const merged = structuredClone(parts[0]?.data ?? {});
  const pending = new Map((parts.flatMap((p) => p.pending ?? [])).map((p) => [p.id, p.path]));
  for (const p of parts.slice(1)) for (const item of p.incremental ?? []) {
    let target = merged;
    for (const key of [...(pending.get(item.id) ?? item.path ?? []), ...(item.subPath ?? [])]) target = target[key];
    Object.assign(target, item.data ?? {});
  }
  const sort = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])])) : Array.isArray(v) ? v.map(sort) : v);
  if (JSON.stringify(sort(merged)) !== JSON.stringify(sort(plain.body.data))) return `merged ${JSON.stringify(merged)} vs ${JSON.stringify(plain.body.data)}`;
});

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
