// Subscriptions over graphql-transport-ws with the real graphql-ws client, plus the protocol's
// close codes provoked with a raw WebSocket. Prints one line per check, then "N passed, M failed".
//   node ws-client.mjs --url ws://127.0.0.1:5080/graphql [--token JWT]
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const url = opt('--url');
const token = opt('--token');
const initPayload = token ? { Authorization: `Bearer ${token}` } : {};
let passed = 0, failed = 0;
const check = (name, ok, detail = '') => { if (ok) passed++; else { failed++; console.log(`FAIL ${name} ${detail}`); } };
const withTimeout = (p, ms, what) => Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error(`timeout: ${what}`)), ms))]);

// 1. A subscription streams every event, then completes.
{
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: initPayload, retryAttempts: 0, lazy: true });
  const events = [];
  try {
    await withTimeout(new Promise((resolve, reject) => {
      client.subscribe({ query: 'subscription { ticks { n } }' }, {
        next: (v) => events.push(v), error: reject, complete: resolve,
      });
    }), 10000, 'subscription');
    check('subscription streams events then completes', events.length === 3 && events[2].data?.ticks?.n === 3, JSON.stringify(events));
  } catch (e) { check('subscription streams events then completes', false, String(e.message ?? e)); }
  // 2. A query over the same protocol gives one result.
  try {
    const result = await withTimeout(new Promise((resolve, reject) => {
      let value;
      client.subscribe({ query: '{ __typename }' }, { next: (v) => { value = v; }, error: reject, complete: () => resolve(value) });
    }), 10000, 'query');
    check('query over graphql-transport-ws', result?.data?.__typename === 'Query', JSON.stringify(result));
  } catch (e) { check('query over graphql-transport-ws', false, String(e.message ?? e)); }
  // 3. A validation error arrives as an error message.
  try {
    const err = await withTimeout(new Promise((resolve) => {
      client.subscribe({ query: '{ notAField }' }, { next: () => resolve(null), error: resolve, complete: () => resolve(null) });
    }), 10000, 'invalid');
    check('validation errors arrive as an error message', Array.isArray(err) && err.length > 0, JSON.stringify(err));
  } catch (e) { check('validation errors arrive as an error message', false, String(e.message ?? e)); }
  await client.dispose();
}

// Raw protocol: each scenario expects the server to close with a given code.
function scenario(name, expectedCode, steps) {
  return withTimeout(new Promise((resolve) => {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    ws.on('open', () => steps(ws));
    ws.on('close', (code) => { check(name, code === expectedCode, `closed with ${code}, expected ${expectedCode}`); resolve(); });
    ws.on('error', () => {});
  }), 10000, name).catch((e) => check(name, false, String(e.message ?? e)));
}
const send = (ws, m) => ws.send(JSON.stringify(m));
await scenario('4400 on an invalid message', 4400, (ws) => ws.send('{"type":"nonsense"}'));
await scenario('4401 on subscribe before connection_ack', 4401, (ws) => send(ws, { id: '1', type: 'subscribe', payload: { query: '{ __typename }' } }));
await scenario('4429 on a second connection_init', 4429, (ws) => { send(ws, { type: 'connection_init', payload: initPayload }); send(ws, { type: 'connection_init', payload: initPayload }); });
await scenario('4409 on a duplicate operation id', 4409, (ws) => {
  send(ws, { type: 'connection_init', payload: initPayload });
  ws.on('message', (m) => {
    if (JSON.parse(m).type !== 'connection_ack') return;
    send(ws, { id: 'same', type: 'subscribe', payload: { query: 'subscription { ticks { n } }' } });
    send(ws, { id: 'same', type: 'subscribe', payload: { query: 'subscription { ticks { n } }' } });
  });
});
await scenario('4408 when connection_init never comes', 4408, () => {});
// ping is answered with pong
await withTimeout(new Promise((resolve) => {
  const ws = new WebSocket(url, 'graphql-transport-ws');
  ws.on('open', () => { send(ws, { type: 'connection_init', payload: initPayload }); send(ws, { type: 'ping' }); });
  ws.on('message', (m) => { if (JSON.parse(m).type === 'pong') { check('ping is answered with pong', true); ws.close(1000); resolve(); } });
}), 10000, 'ping').catch((e) => check('ping is answered with pong', false, String(e.message ?? e)));

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
