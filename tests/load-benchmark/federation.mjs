// The federated shape against the one process (README "Benchmarks"): requests/s and p50/p99 of three queries
// (simple, cross-subgraph, deep) with autocannon; SQL statements per request in each process; disclosure records
// for 100 identical requests at 16 concurrent, with the gateway's in-flight merging off (our setting) and on.
// usage: node federation.mjs [--duration 10] [--connections 16] [--instances N]   (federation.sh runs it; bounded: ~4 min)
// --instances N: N instances of each subgraph behind the gateway (infra/local/federation.sh up --instances N, round-robin).
import autocannon from 'autocannon';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, copyFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, loadavg, availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dll = join(root, 'src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll');
const federation = join(root, 'infra/local/federation.sh');
const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const duration = Number(arg('--duration', '10'));
const connections = Number(arg('--connections', '16'));
const instances = Number(arg('--instances', '1'));
if (!(Number.isInteger(instances) && instances >= 1)) { console.error('--instances N needs a positive whole number'); process.exit(2); }

const queries = [
  { name: 'simple', query: '{ consortium(code: "01A") { code name } }' },
  { name: 'cross-subgraph', query: '{ consortium(code: "02B") { code name practices { code } healthAndWellbeingBoards { code name localAuthority { code name } } } }' },
  { name: 'deep', query: '{ localAuthority(code: "E10000001") { code healthAndWellbeingBoard { code members { name consortium { code practices { code consortium { code contracts { code provider { code name } } } } } } } } }' },
];

const freePort = () => new Promise((res) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
const work = mkdtempSync(join(tmpdir(), 'federation-bench-'));
const children = [];
let fedDir = null;
const stopAll = () => {
  for (const c of children.splice(0)) { try { process.kill(c.pid); } catch { /* gone */ } }
  if (fedDir) { try { execFileSync('bash', [federation, 'down', '--data-dir', fedDir], { stdio: 'ignore' }); } catch { /* best effort */ } }
};
process.on('exit', () => { stopAll(); rmSync(work, { recursive: true, force: true }); });
process.on('SIGINT', () => process.exit(130));

async function waitFor(url, ms = 180000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { if ((await fetch(url)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

// Both shapes over identically seeded data directories sharing one signing key; logSql: EF Core logs each statement.
async function start({ logSql }) {
  // Rate limits off in both shapes: at 6,000 operations a minute per caller the one process (and each subgraph) would
  // answer 429 within seconds, and autocannon counts those quick refusals as requests.
  const env = { ...process.env, ASPNETCORE_ENVIRONMENT: 'Development', Database__LogSql: String(logSql), RateLimits__Enabled: 'false' };
  // While statements are counted, the outbox relay's idle poll (one SELECT per module every 500 ms) must not be counted
  // as the requests': it polls once a minute then (writers deliver their own messages at once either way).
  if (logSql) env.Directory__Outbox__PollIntervalMs = '60000';
  const one = join(work, `one-${logSql}`); const fed = join(work, `fed-${logSql}`);
  mkdirSync(one, { recursive: true });
  fedDir = fed;
  const gwPort = await freePort();
  // Several instances share their subscription events, persisted documents and rate limits through Redis.
  const up = execFileSync('bash', [federation, 'up', '--data-dir', fed, '--port', String(gwPort), '--instances', String(instances), ...(instances > 1 ? ['--redis'] : [])], { env, encoding: 'utf8' });
  copyFileSync(join(fed, 'dev-signing-key.json'), join(one, 'dev-signing-key.json'));
  const onePort = await freePort();
  const oneLog = join(work, `one-${logSql}.log`);
  const out = (await import('node:fs')).openSync(oneLog, 'a');
  const oneProcess = spawn('dotnet', [dll, 'serve', '--data-dir', one, '--urls', `http://127.0.0.1:${onePort}`, '--Logging:LogLevel:Microsoft.AspNetCore=Warning'], { env, stdio: ['ignore', out, out] });
  children.push(oneProcess);
  await waitFor(`http://127.0.0.1:${onePort}/healthz`);
  const token = execFileSync('dotnet', [dll, 'token', '--data-dir', fed, '--org', 'X24'], { encoding: 'utf8' }).trim();
  return { one: `http://127.0.0.1:${onePort}/graphql`, fed: up.match(/^GATEWAY=(.*)$/m)[1], fedDir: fed, oneLog, token, env, onePid: oneProcess.pid };
}

// CPU time (user + system, ms) a process and its children threads have used: /proc/PID/stat utime + stime, in clock ticks.
// On a shared, busy machine requests/s depend on the share of the CPU each process gets; CPU ms per request does not.
const cpuMs = (pid) => {
  try { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; } catch { return 0; }
};
const pidOf = (file) => { try { return Number(readFileSync(file, 'utf8').trim()); } catch { return 0; } };
// The federated shape's processes: the gateway and every subgraph instance (DIR/run/*.pid but redis).
const federatedPids = (dir) => {
  const run = join(dir, 'run');
  const subgraphs = readdirSync(run).filter((f) => f.endsWith('.pid') && f !== 'gateway.pid' && f !== 'redis.pid').map((f) => pidOf(join(run, f)));
  return { gateway: pidOf(join(run, 'gateway.pid')), subgraphs };
};

const ask = async (url, token, query, purpose = 'COMMISSIONING') => (await fetch(url, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose-of-use': purpose }, body: JSON.stringify({ query }),
})).json();

const statementsIn = (file) => (existsSync(file) ? (readFileSync(file, 'utf8').match(/Executed DbCommand/g) ?? []).length : 0);
// A subgraph's statements over all its instances (logs NAME.log, NAME.2.log, ...).
const subgraphStatements = (dir, m) => Array.from({ length: instances }, (_, i) => statementsIn(join(dir, 'logs', i ? `${m}.${i + 1}.log` : `${m}.log`))).reduce((a, b) => a + b, 0);

async function disclosures(url, token) {
  const count = async () => (await ask(url, token, '{ disclosures(first: 1) { totalCount } }', 'AUDIT')).data.disclosures.totalCount;
  const before = await count();
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < 100) { next++; await ask(url, token, 'query Same { consortium(code: "02B") { financialReturns(year: "2013-14", first: 1) { totalCount } } }', 'FINANCIAL_ASSURANCE'); }
  }));
  return (await count()) - before;
}

// ---- phase 1: statements per request, disclosures under concurrency ----
let s = await start({ logSql: true });
const modules = execFileSync('dotnet', [dll, 'modules'], { encoding: 'utf8' }).trim().split('\n');
const statementRows = [];
for (const q of queries) {
  const [a, b] = [await ask(s.one, s.token, q.query), await ask(s.fed, s.token, q.query)];
  q.same = JSON.stringify(a) === JSON.stringify(b) || JSON.stringify(a.data) === JSON.stringify(b.data);
  const n = 10;
  const before = { one: statementsIn(s.oneLog), ...Object.fromEntries(modules.map((m) => [m, subgraphStatements(s.fedDir, m)])) };
  for (let i = 0; i < n; i++) { await ask(s.one, s.token, q.query); await ask(s.fed, s.token, q.query); }
  const row = { query: q.name, 'one process': (statementsIn(s.oneLog) - before.one) / n };
  for (const m of modules) row[m] = (subgraphStatements(s.fedDir, m) - before[m]) / n;
  statementRows.push(row);
}
const disclosureRows = [];
disclosureRows.push({ shape: 'one process', records: await disclosures(s.one, s.token) });
disclosureRows.push({ shape: 'gateway, deduplicateInflightRequests off (ours)', records: await disclosures(s.fed, s.token) });
// The same with merging on: restart the gateway alone with GATEWAY_DEDUPLICATE=true.
const restartGateway = async (dedupe) => {
  const run = join(s.fedDir, 'run');
  process.kill(Number(readFileSync(join(run, 'gateway.pid'), 'utf8')));
  await new Promise((r) => setTimeout(r, 500));
  const g = spawn('bash', [join(run, 'gateway.sh')], { env: { ...s.env, GATEWAY_DEDUPLICATE: String(dedupe) }, stdio: 'ignore', detached: false });
  children.push(g);
  await waitFor(s.fed.replace('/graphql', '/healthcheck'));
  return g;
};
await restartGateway(true);
disclosureRows.push({ shape: 'gateway, deduplicateInflightRequests on', records: await disclosures(s.fed, s.token) });
stopAll();

// ---- phase 2: throughput (no statement logging) ----
s = await start({ logSql: false });
const bench = (url, query) => new Promise((res, rej) => autocannon({
  url, method: 'POST', connections, duration,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}`, 'x-purpose-of-use': 'COMMISSIONING' },
  body: JSON.stringify({ query }),
}, (err, r) => (err ? rej(err) : res(r))));
const rows = [];
const cpus = availableParallelism();
const load = () => loadavg().map((l) => l.toFixed(1)).join('/');
const loadAtStart = load();
const pids = federatedPids(s.fedDir);
// CPU ms per answered request of the processes behind url during one autocannon run.
const measured = async (url, query, processes) => {
  const before = processes.map(cpuMs);
  const r = await bench(url, query);
  const n = Math.max(1, r.requests.total);
  r.cpu = processes.map((p, i) => (cpuMs(p) - before[i]) / n);
  r.load = loadavg()[0].toFixed(1);
  return r;
};
for (const q of queries) {
  await bench(s.one, q.query); await bench(s.fed, q.query); // warm-up (JIT, plan cache), not measured
  const one = await measured(s.one, q.query, [s.onePid]);
  const fed = await measured(s.fed, q.query, [pids.gateway, ...pids.subgraphs]);
  rows.push({ q, one, fed });
}
await restartGateway(true);
await bench(s.fed, queries[0].query);
const dedupeSimple = await bench(s.fed, queries[0].query);
stopAll();

const f = (n) => n.toFixed(0).padStart(7);
console.log(`\nthroughput: autocannon ${connections} connections, ${duration}s per run after a warm-up run; caller X24, purpose COMMISSIONING; SQLite; Development; ${instances} instance(s) of each subgraph`);
console.log('query          | one process req/s | p50 ms | p99 ms | gateway req/s | p50 ms | p99 ms | ratio | same data | errors');
for (const r of rows) {
  console.log(`${r.q.name.padEnd(15)}| ${f(r.one.requests.average)}           | ${String(r.one.latency.p50).padStart(6)} | ${String(r.one.latency.p99).padStart(6)} | ${f(r.fed.requests.average)}       | ${String(r.fed.latency.p50).padStart(6)} | ${String(r.fed.latency.p99).padStart(6)} | ${(r.fed.requests.average / r.one.requests.average).toFixed(2)}  | ${r.q.same ? 'yes' : 'NO'}       | ${r.one.non2xx + r.one.errors + r.fed.non2xx + r.fed.errors}`);
}
console.log('\nCPU ms per request (user + system, /proc/PID/stat; independent of the share of the machine each process got) and the 1-minute load average at the end of each run');
console.log('query          | one process | load | gateway | subgraphs (all instances) | federated total | load');
for (const r of rows) {
  const sub = r.fed.cpu.slice(1).reduce((a, b) => a + b, 0);
  console.log(`${r.q.name.padEnd(15)}| ${r.one.cpu[0].toFixed(2).padStart(11)} | ${r.one.load.padStart(4)} | ${r.fed.cpu[0].toFixed(2).padStart(7)} | ${sub.toFixed(2).padStart(25)} | ${(r.fed.cpu[0] + sub).toFixed(2).padStart(15)} | ${r.fed.load.padStart(4)}`);
}
console.log(`gateway: node --max-semi-space-size=${process.env.GATEWAY_SEMI_SPACE_MB ?? '64'} (GATEWAY_SEMI_SPACE_MB), ${process.env.GATEWAY_FORK ?? '1'} process(es) (GATEWAY_FORK)`);
console.log(`load average (1/5/15 min) at the start of the throughput runs: ${loadAtStart}; at their end: ${load()} (${cpus} cores)`);
console.log(`simple, gateway with deduplicateInflightRequests on: ${f(dedupeSimple.requests.average)} req/s, p50 ${dedupeSimple.latency.p50} ms, p99 ${dedupeSimple.latency.p99} ms`);
console.log('\nSQL statements per request (mean of 10 sequential requests; EF Core "Executed DbCommand" lines, Database:LogSql=true; the outbox relay\'s idle poll slowed to 1/min meanwhile)');
console.log(['query', 'one process', ...modules].join(' | '));
for (const r of statementRows) console.log([r.query, r['one process'], ...modules.map((m) => r[m])].join(' | '));
console.log('\ndisclosure records for 100 identical requests at 16 concurrent (caller X24 reading 02B\'s returns, FINANCIAL_ASSURANCE)');
for (const r of disclosureRows) console.log(`${r.shape}: ${r.records}`);
process.exit(0);
