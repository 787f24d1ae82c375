// Incremental delivery over the wire, with real clients, against our server (mock mode over
// fixture/): multipart/mixed read by meros, GraphQL over SSE by graphql-sse's client ("distinct
// connections" mode), graphql-transport-ws by graphql-ws. Each check merges the payloads and
// compares them with the same operation run without @defer/@stream.
//
//   node suite.mjs --url http://127.0.0.1:PORT/graphql
//
// Last line: "N passed, M failed".
import http from 'node:http';
import { meros } from 'meros/node';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';

const url = process.argv[process.argv.indexOf('--url') + 1];
let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.message ? e.message : e}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function post(body, accept) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', accept } }, resolve);
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

async function readJson(response) {
  let text = '';
  for await (const chunk of response) text += chunk;
  return JSON.parse(text);
}

async function plain(query) {
  return readJson(await post({ query }, 'application/json'));
}

// Applies graphql-js 17.1 payloads (pending / incremental / completed) to the initial data.
function merge(payloads) {
  const [initial, ...rest] = payloads;
  const data = structuredClone(initial.data);
  const pending = new Map();
  for (const p of initial.pending ?? []) pending.set(p.id, p.path);
  const at = (path) => path.reduce((o, k) => o[k], data);
  for (const payload of rest) {
    for (const p of payload.pending ?? []) pending.set(p.id, p.path);
    for (const entry of payload.incremental ?? []) {
      const path = pending.get(entry.id);
      assert(path, `incremental entry for unknown id ${entry.id}`);
      if (entry.items) at(path).push(...entry.items);
      else Object.assign(at([...path, ...(entry.subPath ?? [])]), entry.data);
    }
    for (const c of payload.completed ?? []) {
      assert(pending.has(c.id), `completed unknown id ${c.id}`);
      assert(!c.errors, `completed ${c.id} with errors ${JSON.stringify(c.errors)}`);
      pending.delete(c.id);
    }
  }
  assert(pending.size === 0, `ids never completed: ${[...pending.keys()]}`);
  assert(rest.length === 0 || rest.at(-1).hasNext === false, 'last payload has hasNext: true');
  return data;
}

async function multipartParts(query, accept) {
  const response = await post({ query }, accept);
  const parts = await meros(response);
  assert(parts !== response, `not multipart: ${response.headers['content-type']}`);
  const payloads = [];
  for await (const part of parts) {
    assert(part.json, 'a part is not JSON');
    payloads.push(part.body);
  }
  return { payloads, contentType: response.headers['content-type'] };
}

const DEFERRED = '{ consortium { code name ... @defer(label: "return") { financialReturn { id period status lines { code amount } } } } }';
const PLAIN = '{ consortium { code name financialReturn { id period status lines { code amount } } } }';
const STREAMED = '{ consortium { financialReturn { lines @stream(initialCount: 10) { code amount } } } }';
const STREAMED_PLAIN = '{ consortium { financialReturn { lines { code amount } } } }';

await check('multipart/mixed: @defer gives the initial result, then the fragment; merged it equals the plain response', async () => {
  const { payloads, contentType } = await multipartParts(DEFERRED, 'multipart/mixed');
  assert(/^multipart\/mixed; boundary="-"$/.test(contentType), `content-type ${contentType}`);
  assert(payloads.length === 2, `${payloads.length} parts`);
  assert(same(payloads[0].data, { consortium: { code: '01A', name: 'Northvale North Commissioning Consortium' } }), `initial ${JSON.stringify(payloads[0].data)}`);
  assert(same(payloads[0].pending, [{ id: '0', path: ['consortium'], label: 'return' }]), `pending ${JSON.stringify(payloads[0].pending)}`);
  assert(payloads[0].hasNext === true, 'initial hasNext');
  assert(same(merge(payloads), (await plain(PLAIN)).data), 'merged data differs from the plain response');
});

await check('multipart/mixed: @stream sends the items after initialCount in batches of at most 100', async () => {
  const { payloads } = await multipartParts(STREAMED, 'multipart/mixed, application/json');
  assert(payloads[0].data.consortium.financialReturn.lines.length === 10, 'initialCount items first');
  const batches = payloads.slice(1).map((p) => (p.incremental ?? []).reduce((n, e) => n + (e.items?.length ?? 0), 0));
  assert(same(batches, [100, 100, 40]), `batches ${JSON.stringify(batches)}`);
  assert(same(merge(payloads), (await plain(STREAMED_PLAIN)).data), 'merged data differs');
});

await check('multipart/mixed; deferSpec=20220824: Apollo format, incremental items with path and label', async () => {
  const { payloads, contentType } = await multipartParts(DEFERRED, 'multipart/mixed;deferSpec=20220824, application/json');
  assert(contentType.includes('deferSpec=20220824'), `content-type ${contentType}`);
  assert(payloads[0].pending === undefined && payloads[0].hasNext === true, 'initial without pending');
  const entry = payloads[1].incremental[0];
  assert(same(entry.path, ['consortium']) && entry.label === 'return', `entry ${JSON.stringify({ path: entry.path, label: entry.label })}`);
  assert(entry.data.financialReturn.lines.length === 250, 'deferred data');
  assert(payloads[1].hasNext === false, 'last hasNext false');
});

await check('multipart/mixed accepted but nothing deferred: one JSON response', async () => {
  const response = await post({ query: '{ hello }' }, 'multipart/mixed, application/json');
  assert(response.headers['content-type'].startsWith('application/json'), `content-type ${response.headers['content-type']}`);
  const body = await readJson(response);
  assert(same(body.data, { hello: 'world' }) && !('hasNext' in body), JSON.stringify(body));
});

await check('multipart/mixed: an invalid document is refused as JSON with a code', async () => {
  const response = await post({ query: '{ hello @stream }' }, 'multipart/mixed');
  const body = await readJson(response);
  assert(!('data' in body) && body.errors[0].extensions.code === 'GRAPHQL_VALIDATION_FAILED', JSON.stringify(body));
});

const sse = createSseClient({ url, singleConnection: false, retryAttempts: 0 });

function sseSubscribe(query) {
  return new Promise((resolve, reject) => {
    const results = [];
    sse.subscribe({ query }, { next: (r) => results.push(r), error: reject, complete: () => resolve(results) });
  });
}

await check('SSE (graphql-sse, distinct connections): @defer payloads as next events, then complete', async () => {
  const payloads = await sseSubscribe(DEFERRED);
  assert(payloads.length === 2, `${payloads.length} events`);
  assert(payloads[0].hasNext === true && payloads[1].hasNext === false, 'hasNext sequence');
  assert(same(merge(payloads), (await plain(PLAIN)).data), 'merged data differs');
});

await check('SSE (graphql-sse): a subscription gives one next event per source event', async () => {
  const events = await sseSubscribe('subscription { ticks { n } }');
  assert(same(events.map((e) => e.data.ticks.n), [1, 2, 3]), JSON.stringify(events));
});

await check('SSE (graphql-sse): a query without @defer is one next event', async () => {
  const events = await sseSubscribe('{ hello }');
  assert(events.length === 1 && same(events[0].data, { hello: 'world' }) && !('hasNext' in events[0]), JSON.stringify(events));
});

await check('SSE (graphql-sse): a document that does not validate is refused (the client reports the error)', async () => {
  let error = null;
  try { await sseSubscribe('{ nope }'); } catch (e) { error = e; }
  assert(error, 'no error reported');
});

const ws = createWsClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });

function wsSubscribe(query) {
  return new Promise((resolve, reject) => {
    const results = [];
    ws.subscribe({ query }, { next: (r) => results.push(r), error: reject, complete: () => resolve(results) });
  });
}

await check('graphql-transport-ws (graphql-ws): each payload of @defer/@stream is one next message', async () => {
  const payloads = await wsSubscribe('{ hello consortium { ... @defer { financialReturn { lines @stream(initialCount: 1) { code } } } } }');
  assert(payloads.length >= 3, `${payloads.length} next messages`);
  assert(payloads[0].pending && payloads.at(-1).hasNext === false, 'initial with pending, last without next');
  const merged = merge(payloads);
  assert(merged.consortium.financialReturn.lines.length === 250 && merged.hello === 'world', 'merged');
});

await check('graphql-transport-ws (graphql-ws): a query without @defer is still one next message', async () => {
  const payloads = await wsSubscribe('{ hello }');
  assert(payloads.length === 1 && same(payloads[0].data, { hello: 'world' }) && !('hasNext' in payloads[0]), JSON.stringify(payloads));
});

await ws.dispose();
sse.dispose();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
