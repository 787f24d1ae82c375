// The load benchmark: starts our server (serve --schema --data) and graphql-js (graphql-http), both
// on 127.0.0.1, drives each with autocannon (this process, separate from both servers) for every
// query shape, prints requests/s, p50 and p99 latency and our ratio, then stops both servers by PID.
//   node run.mjs [--duration 10] [--connections 32] [--dll path/to/Commissioning.Graph.Host.dll]
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import autocannon from 'autocannon';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const duration = Number(opt('--duration', '10'));
const connections = Number(opt('--connections', '32'));
const dll = resolve(opt('--dll', join(here, '../../src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll')));
const schemaFile = join(here, 'fixture/schema.graphql');
const dataFile = join(here, 'fixture/data.json');

const freePort = () => new Promise((res) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
const waitHealthy = async (port) => {
  for (let i = 0; i < 150; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server on ${port} did not start`);
};

const introspection = `query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name }
  types { ...FullType } directives { name description locations args { ...InputValue } } } }
fragment FullType on __Type { kind name description fields(includeDeprecated: true) { name description args { ...InputValue }
  type { ...TypeRef } isDeprecated deprecationReason } inputFields { ...InputValue } interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } }`;

const queries = [
  { name: 'small', query: '{ consortium(code: "C0") { code name population } }' },
  { name: '3 levels of lists', query: '{ consortia { code name practices { code listSize returns { month plan actual status } } } }' },
  { name: '100-item list of objects', query: '{ practices { code name listSize prescribingSpend } }' },
  { name: 'introspection', query: introspection },
];

const ourPort = await freePort();
const nodePort = await freePort();
const children = [
  spawn('dotnet', [dll, 'serve', '--schema', schemaFile, '--data', dataFile, '--urls', `http://127.0.0.1:${ourPort}`, '--environment', 'Development',
    '--GraphQL:MaxCost=0', '--GraphQL:ReportCost=false', '--Logging:LogLevel:Default=Warning'], { stdio: 'ignore' }),
  spawn(process.execPath, [join(here, 'node-server.mjs'), '--port', String(nodePort), '--schema', schemaFile, '--data', dataFile], { stdio: 'ignore' }),
];
const stop = () => { for (const c of children) { try { process.kill(c.pid); } catch { /* already gone */ } } };
process.on('exit', stop);
process.on('SIGINT', () => { stop(); process.exit(130); });

try {
  await Promise.all([waitHealthy(ourPort), waitHealthy(nodePort)]);
  const run = (port, query) => new Promise((res, rej) => autocannon({
    url: `http://127.0.0.1:${port}/graphql`, method: 'POST', connections, duration,
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  }, (err, r) => (err ? rej(err) : res(r))));
  const rows = [];
  for (const q of queries) {
    // Same answer from both first: a benchmark of different work would mean nothing.
    const answer = async (port) => (await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q.query }) })).json();
    const [a, b] = await Promise.all([answer(ourPort), answer(nodePort)]);
    const same = JSON.stringify(a.data) === JSON.stringify(b.data);
    await run(ourPort, q.query).catch(() => {});    // warm-up (JIT), not measured
    const ours = await run(ourPort, q.query);
    const theirs = await run(nodePort, q.query);
    rows.push({ q: q.name, ours, theirs, same, errors: ours.non2xx + ours.errors + theirs.non2xx + theirs.errors });
  }
  const fmt = (n) => n.toFixed(0).padStart(8);
  console.log(`\nduration ${duration}s per run, ${connections} connections, autocannon from a separate process, 127.0.0.1`);
  console.log('query                       | ours req/s | p50 ms | p99 ms | graphql-js req/s | p50 ms | p99 ms | ratio | same data');
  console.log('----------------------------|------------|--------|--------|------------------|--------|--------|-------|----------');
  for (const r of rows) {
    console.log(`${r.q.padEnd(28)}| ${fmt(r.ours.requests.average)}   | ${String(r.ours.latency.p50).padStart(6)} | ${String(r.ours.latency.p99).padStart(6)} | ${fmt(r.theirs.requests.average)}         | ${String(r.theirs.latency.p50).padStart(6)} | ${String(r.theirs.latency.p99).padStart(6)} | ${(r.ours.requests.average / r.theirs.requests.average).toFixed(2).padStart(5)} | ${r.same ? 'yes' : 'NO'}${r.errors ? ` (${r.errors} errors)` : ''}`);
  }
} finally {
  stop();
}
