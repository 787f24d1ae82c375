// The load benchmark: starts our server (serve --schema --data, in Production), graphql-js and graphql-jit (both behind
// graphql-http, node-server.mjs), all on 127.0.0.1 over the same SDL and data; checks that the three answer every query
// with the same data, warms each up, drives each with autocannon (this process, separate from the servers) for every
// query shape in interleaved rounds, prints one table (medians of requests/s, p50 and p99 latency, our ratio to each),
// then stops the servers by PID.
//   node run.mjs [--duration 5] [--rounds 3] [--warmup 5] [--connections 32] [--dll path/to/Commissioning.Graph.Host.dll]
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import autocannon from 'autocannon';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const duration = Number(opt('--duration', '5'));
const rounds = Number(opt('--rounds', '3'));
const warmup = Number(opt('--warmup', String(Math.min(duration, 5))));
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

// graphql-http and graphql-jit run on graphql-js 16, whose built-in schema predates what our engine answers, as
// graphql-js 17.1 and the September 2025 specification do: includeDeprecated: Boolean! on __Type's, __Field's and
// __Directive's fields (graphql 16.15 has it on __Schema.directives only), @deprecated(reason: String!), the
// FRAGMENT_VARIABLE_DEFINITION location and VARIABLE_DEFINITION's new description; and our configuration adds @defer and
// @stream (GraphQL:IncrementalDelivery). Our introspection answer is compared after undoing exactly those.
const asGraphQL16 = (data) => {
  if (!data?.__schema) return data;
  const schema = structuredClone(data.__schema);
  const nullable = (typeRef) => (typeRef.kind === 'NON_NULL' ? typeRef.ofType : typeRef);
  schema.directives = schema.directives.filter((d) => d.name !== 'defer' && d.name !== 'stream');
  for (const arg of schema.directives.find((d) => d.name === 'deprecated')?.args ?? []) if (arg.name === 'reason') arg.type = nullable(arg.type);
  for (const type of schema.types) {
    if (type.name === '__DirectiveLocation') {
      type.enumValues = type.enumValues.filter((v) => v.name !== 'FRAGMENT_VARIABLE_DEFINITION');
      const variable = type.enumValues.find((v) => v.name === 'VARIABLE_DEFINITION');
      if (variable) variable.description = 'Location adjacent to a variable definition.';
    }
    if (type.name === '__Schema') continue;
    for (const field of type.fields ?? []) {
      for (const arg of field.args) if (arg.name === 'includeDeprecated') arg.type = nullable(arg.type);
    }
  }
  return { ...data, __schema: schema };
};

const ourPort = await freePort();
const jsPort = await freePort();
const jitPort = await freePort();
// Ours with Production's defaults (logging, limits, no GraphiQL), except what a like-for-like comparison needs: no cost
// limit and no cost in the response (graphql-js has neither), introspection on (graphql-js answers it).
const ourArguments = ['serve', '--schema', schemaFile, '--data', dataFile, '--urls', `http://127.0.0.1:${ourPort}`, '--environment', 'Production',
  '--GraphQL:MaxCost=0', '--GraphQL:ReportCost=false', '--GraphQL:AllowIntrospection=true'];
const nodeServer = (port, engine) => spawn(process.execPath, [join(here, 'node-server.mjs'), '--port', String(port), '--schema', schemaFile, '--data', dataFile, '--engine', engine], { stdio: 'ignore' });
const children = [
  spawn('dotnet', [dll, ...ourArguments], { stdio: 'ignore' }),
  nodeServer(jsPort, 'graphql-js'),
  nodeServer(jitPort, 'graphql-jit'),
];
const stop = () => { for (const c of children) { try { process.kill(c.pid); } catch { /* already gone */ } } };
process.on('exit', stop);
process.on('SIGINT', () => { stop(); process.exit(130); });

const servers = [
  { name: 'ours', port: ourPort },
  { name: 'graphql-js', port: jsPort },
  { name: 'graphql-jit', port: jitPort },
];

try {
  await Promise.all(servers.map((s) => waitHealthy(s.port)));
  const run = (port, query, seconds) => new Promise((res, rej) => autocannon({
    url: `http://127.0.0.1:${port}/graphql`, method: 'POST', connections, duration: seconds,
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  }, (err, r) => (err ? rej(err) : res(r))));
  const answer = async (port, query) => (await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json();
  const rows = [];
  for (const q of queries) {
    // The same data from all three first: a benchmark of different work would mean nothing.
    const answers = await Promise.all(servers.map((s) => answer(s.port, q.query)));
    const [ours, js, jit] = answers.map((a) => (a.data && !a.errors ? JSON.stringify(a.data) : `errors: ${JSON.stringify(a.errors)}`));
    const ours16 = JSON.stringify(asGraphQL16(answers[0].data));
    const same = js !== jit ? 'NO' : (ours === js ? 'yes' : ours16 === js ? 'yes¹' : 'NO');
    for (const s of servers) await run(s.port, q.query, warmup).catch(() => {});    // warm-up (JIT compilers, caches), not measured
    // Rounds interleave the servers (each round starting one later), so that a burst of other load on the machine
    // falls on all three rather than on whichever was being measured; each figure is the median of the rounds.
    const measured = Object.fromEntries(servers.map((s) => [s.name, []]));
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < servers.length; i++) {
        const s = servers[(round + i) % servers.length];
        measured[s.name].push(await run(s.port, q.query, duration));
      }
    }
    const median = (values) => { const v = [...values].sort((a, b) => a - b); return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2; };
    const results = Object.fromEntries(Object.entries(measured).map(([name, rs]) => [name, {
      rps: median(rs.map((r) => r.requests.average)), p50: median(rs.map((r) => r.latency.p50)), p99: median(rs.map((r) => r.latency.p99)),
      rpsRange: [Math.min(...rs.map((r) => r.requests.average)), Math.max(...rs.map((r) => r.requests.average))],
      failed: rs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
    }]));
    // Requests that failed (non-2xx, socket errors, autocannon's 10 s timeouts), per server that had any.
    const failures = Object.entries(results).filter(([, r]) => r.failed > 0);
    const errors = failures.length ? ` (failed requests: ${failures.map(([name, r]) => `${name} ${r.failed}`).join(', ')})` : '';
    rows.push({ q: q.name, results, same, errors });
    process.stderr.write(`measured: ${q.name}\n`);
  }
  const cell = (r) => `${r.rps.toFixed(0).padStart(7)} ${String(Math.round(r.p50)).padStart(4)} ${String(Math.round(r.p99)).padStart(4)}`;
  const ratio = (a, b) => (a.rps / b.rps).toFixed(2).padStart(5);
  console.log(`\n${rounds} rounds of ${duration} s per server and query, interleaved, after ${warmup} s of warm-up; ${connections} connections; autocannon in a separate process; 127.0.0.1`);
  console.log(`ours: dotnet Commissioning.Graph.Host.dll serve --schema fixture/schema.graphql --data fixture/data.json --urls http://127.0.0.1:PORT ${ourArguments.slice(7).join(' ')}`);
  console.log('req/s, p50 and p99 (ms) are medians of the rounds; ratio = ours req/s / theirs\n');
  console.log('query                    |        ours (req/s p50 p99) |  graphql-js (req/s p50 p99) | graphql-jit (req/s p50 p99) | ours/js | ours/jit | same data');
  console.log('-------------------------|-----------------------------|-----------------------------|-----------------------------|---------|----------|----------');
  for (const r of rows) {
    const { ours, 'graphql-js': js, 'graphql-jit': jit } = r.results;
    console.log(`${r.q.padEnd(25)}| ${cell(ours).padStart(27)} | ${cell(js).padStart(27)} | ${cell(jit).padStart(27)} |   ${ratio(ours, js)} |    ${ratio(ours, jit)} | ${r.same}${r.errors}`);
  }
  console.log('\nreq/s range over the rounds (min-max): ' + rows.map((r) => `${r.q}: ${Object.entries(r.results).map(([name, x]) => `${name} ${x.rpsRange.map((v) => v.toFixed(0)).join('-')}`).join(', ')}`).join('; '));
  if (rows.some((r) => r.same === 'yes¹')) console.log('\n¹ ours answers introspection as graphql-js 17.1 does, with @defer/@stream: the same as graphql-js 16 after undoing exactly that (asGraphQL16 in run.mjs)');
  if (rows.some((r) => r.same === 'NO' || r.errors)) process.exitCode = 1;
} finally {
  stop();
}
