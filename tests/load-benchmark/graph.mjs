// The real graph under load (README "Benchmarks"; issue 13): the one-process server with development tokens,
// authorisation and the disclosure register on, over SQLite and PostgreSQL seeded at several scales, for four
// queries. For each: requests/s, p50/p99 under load (autocannon, separate process), the p50 of sequential requests,
// SQL statements and rows per request (the server's opt-in Diagnostics:SqlCounters), and the floor: the same SQL
// statements (captured with X-Sql-Capture) replayed directly over ADO.NET (floor/), one after another on one open
// connection. graph/floor is the sequential p50 over the floor's p50: the time the graph adds to its SQL.
//   node graph.mjs [--providers sqlite,postgresql] [--scales 1,10,100] [--duration 5] [--connections 8]
//                  [--data /tmp/commissioning-graph-bench] [--postgres CONNECTION_STRING] [--max-minutes 40] [--smoke]
// Each provider/scale is seeded once (data under --data; PostgreSQL databases commissioning_bench_s{N}) and reused.
// --smoke: SQLite at scale 1, one request per query, fails on any error (no load, no floor).
// --explain: no load; writes each query's SELECT plans (floor/ --explain) to <data>/<provider>-s<scale>/plans.txt.
import autocannon from 'autocannon';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dll = join(root, 'src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll');
const floorDll = join(here, 'floor/bin/Release/net10.0/Floor.dll');
const argv = process.argv.slice(2);
const arg = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback; };
const explain = argv.includes('--explain');
const smoke = argv.includes('--smoke');
const providers = (smoke ? 'sqlite' : arg('--providers', 'sqlite,postgresql')).split(',');
const scales = (smoke ? '1' : arg('--scales', '1,10,100')).split(',').map(Number);
const duration = Number(arg('--duration', '5'));
const connections = Number(arg('--connections', '8'));
const dataRoot = arg('--data', '/tmp/commissioning-graph-bench');
const postgres = arg('--postgres', process.env.COMMISSIONING_TEST_POSTGRES ?? '');
const deadline = Date.now() + Number(arg('--max-minutes', '40')) * 60_000;
const year = '2013-14';

// Each query has variants, newest schema first: the first that validates is measured (where/order arrive with
// the lists work, arrangement statements with the domain work; until then the older shape).
const queries = [
  {
    name: 'consortiaAtRisk (NHS CB scan)', org: 'X24', purpose: 'FINANCIAL_ASSURANCE',
    variants: [`query AtRisk { consortiaAtRisk(year: "${year}") { consortium { code name } month version duties { atRisk breached breakEven { met headroom } } } }`],
  },
  {
    name: 'returns: filtered, sorted page', org: 'X24', purpose: 'FINANCIAL_ASSURANCE',
    variants: [
      'query Returns { consortium(code: "01A") { financialReturns(where: {status: {eq: SUBMITTED}}, order: {month: DESC}, first: 20) { totalCount pageInfo { hasNextPage endCursor } nodes { id year month version status submittedAt programmeTotals { plan forecastOutturn } } } } }',
      'query Returns { consortium(code: "01A") { financialReturns(status: SUBMITTED, first: 20) { totalCount pageInfo { hasNextPage endCursor } nodes { id year month version status submittedAt programmeTotals { plan forecastOutturn } } } } }',
    ],
  },
  {
    name: 'HWB JSNA + contributions', org: '01A', purpose: 'COMMISSIONING',
    variants: [`query Jsna { healthAndWellbeingBoard(code: "HWB-E10000001") { code name jsna(year: "${year}") { title contributions { consortium { code } topic status indicators { name numerator denominator } } } } }`],
  },
  {
    name: 'arrangement + statements', org: '01A', purpose: 'LEAD_COMMISSIONING',
    variants: [
      'query Arrangement { leadCommissioningArrangement(code: "LCA-ACUTE-RNV") { code name lead { code name } associates { consortium { code name } share } statementsConnection(first: 20, order: [{month: DESC}]) { totalCount nodes { year month associate { code } share activity cost status } } } }',
      'query Arrangement { leadCommissioningArrangement(code: "LCA-ACUTE-RNV") { code name lead { code name } associates { consortium { code name } share } statements { year month associate { code } share activity cost status } } }',
      'query Arrangement { leadCommissioningArrangement(code: "LCA-ACUTE-RNV") { code name lead { code name } associates { consortium { code name } share basis } contracts { code annualValue provider { code name } } } }',
    ],
  },
];

const children = [];
const stopAll = () => { for (const c of children.splice(0)) { try { process.kill(c.pid); } catch { /* gone */ } } };
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
const overTime = () => { if (Date.now() > deadline) throw new Error('--max-minutes reached; stopping'); };

const freePort = () => new Promise((res) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(url, ms = 120_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { if ((await fetch(url)).ok) return; } catch { /* not yet */ }
    await sleep(200);
  }
  throw new Error(`${url} did not answer`);
}

const env = { ...process.env, ASPNETCORE_ENVIRONMENT: 'Development', DOTNET_gcServer: '1' };
function databaseArgs(provider, scale, dir) {
  if (provider === 'sqlite') return { args: ['--data-dir', dir], connectionString: `Data Source=${join(dir, 'commissioning.db')}` };
  if (!postgres) throw new Error('PostgreSQL: pass --postgres or set COMMISSIONING_TEST_POSTGRES (graph.sh starts a cluster)');
  const connectionString = postgres.replace(/Database=[^;]*/i, '') .replace(/;+$/, '') + `;Database=commissioning_bench_s${scale}`;
  return { args: ['--data-dir', dir, '--Database:Provider=PostgreSql', `--ConnectionStrings:Commissioning=${connectionString}`], connectionString };
}

// Seeds once per provider/scale (and PostgreSQL cluster): the marker records the seconds it took.
function seedOnce(provider, scale, dir, db) {
  const marker = join(dir, provider === 'sqlite' ? 'seeded' : `seeded-${postgres.match(/Port=(\d+)/i)?.[1] ?? 'pg'}`);
  if (existsSync(marker)) {
    // Reused data gets this build's migrations (new indexes) before it is served.
    execFileSync('dotnet', [dll, 'migrate', ...db.args, '--Logging:LogLevel:Default=Warning'],
      { env, stdio: ['ignore', 'ignore', openSync(join(dir, 'seed.log'), 'a')] });
    return { seconds: Number(readFileSync(marker, 'utf8')), reused: true };
  }
  const started = Date.now();
  execFileSync('dotnet', [dll, 'seed', '--scale', String(scale), ...db.args, '--Logging:LogLevel:Default=Warning'],
    { env, stdio: ['ignore', 'ignore', openSync(join(dir, 'seed.log'), 'a')] });
  const seconds = (Date.now() - started) / 1000;
  writeFileSync(marker, String(seconds));
  return { seconds, reused: false };
}

const post = async (url, token, purpose, query, headers = {}) => {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose-of-use': purpose, ...headers },
    body: JSON.stringify({ query }),
  });
  const body = await response.json();
  return { body, ms: performance.now() - started, status: response.status };
};

const load = (url, token, purpose, query, seconds) => new Promise((res, rej) => autocannon({
  url, method: 'POST', connections, duration: seconds,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose-of-use': purpose },
  body: JSON.stringify({ query }),
}, (err, r) => (err ? rej(err) : res(r))));

const percentile = (values, p) => { const s = [...values].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };

const rows = [];
const seeds = [];
const failures = [];
for (const provider of providers) {
  for (const scale of scales) {
    overTime();
    const dir = join(dataRoot, `${provider}-s${scale}`);
    mkdirSync(dir, { recursive: true });
    const db = databaseArgs(provider, scale, dir);
    const seed = seedOnce(provider, scale, dir, db);
    seeds.push({ provider, scale, ...seed });
    const tokens = Object.fromEntries([...new Set(queries.map((q) => q.org))].map((org) =>
      [org, execFileSync('dotnet', [dll, 'token', '--data-dir', dir, '--org', org], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()]));
    const port = await freePort();
    const log = openSync(join(dir, 'serve.log'), 'a');
    const server = spawn('dotnet', [dll, 'serve', ...db.args, '--urls', `http://127.0.0.1:${port}`, '--Database:PrepareOnStart=None',
      '--Diagnostics:SqlCounters=true', '--GraphQL:ReportCost=false', '--Logging:LogLevel:Default=Warning'], { env, stdio: ['ignore', log, log] });
    children.push(server);
    const url = `http://127.0.0.1:${port}/graphql`;
    try {
      await waitFor(`http://127.0.0.1:${port}/healthz`);
      const captured = [];
      for (const q of queries) {
        overTime();
        const token = tokens[q.org];
        // The first variant the schema accepts, answered without errors.
        let chosen = null; let capture = null;
        for (const variant of q.variants) {
          const r = await post(url, token, q.purpose, variant, { 'x-sql-capture': 'true' });
          if (!r.body.errors) { chosen = variant; capture = r.body; break; }
          if (!r.body.errors.every((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')) {
            failures.push(`${provider} s${scale} ${q.name}: ${JSON.stringify(r.body.errors[0])}`); break;
          }
        }
        if (!chosen) { if (!failures.some((f) => f.includes(q.name))) failures.push(`${provider} s${scale} ${q.name}: no variant validates`); continue; }
        const sql = capture.extensions?.sql;
        if (!sql) { failures.push(`${provider} s${scale} ${q.name}: no extensions.sql (Diagnostics:SqlCounters off?)`); continue; }
        const reads = sql.commands.filter((c) => /^\s*SELECT/i.test(c.sql));
        const row = { provider, scale, query: q.name, variant: q.variants.indexOf(chosen), statements: sql.statements, reads: reads.length, rows: sql.rows };
        // The floor of every statement (the register's writes included), and of the reads alone.
        captured.push({ name: q.name, commands: sql.commands }, { name: `${q.name} (reads)`, commands: reads });
        if (smoke || explain) { rows.push(row); continue; }
        // Sequential latency (one request at a time), after a warm-up.
        for (let i = 0; i < 10; i++) await post(url, token, q.purpose, chosen);
        const times = [];
        const seqEnd = Date.now() + 3000;
        while (times.length < 200 && (Date.now() < seqEnd || times.length < 20)) times.push((await post(url, token, q.purpose, chosen)).ms);
        row.seqP50 = percentile(times, 0.5);
        // Under load.
        await load(url, token, q.purpose, chosen, 2);
        const r = await load(url, token, q.purpose, chosen, duration);
        Object.assign(row, { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts });
        rows.push(row);
      }
      if (explain && captured.length > 0) {
        const input = join(dir, 'floor-input.json');
        writeFileSync(input, JSON.stringify({ provider, connectionString: db.connectionString, queries: captured }));
        writeFileSync(join(dir, 'plans.txt'), execFileSync('dotnet', [floorDll, input, '--explain'], { encoding: 'utf8' }));
        console.log(`plans: ${join(dir, 'plans.txt')}`);
      }
      if (!smoke && !explain && captured.length > 0) {
        overTime();
        const input = join(dir, 'floor-input.json');
        writeFileSync(input, JSON.stringify({ provider, connectionString: db.connectionString, iterations: 300, seconds: 3, queries: captured }));
        const floors = JSON.parse(execFileSync('dotnet', [floorDll, input], { encoding: 'utf8' }));
        for (const row of rows.filter((x) => x.provider === provider && x.scale === scale)) {
          row.floor = floors[row.query]?.p50;
          row.readFloor = floors[`${row.query} (reads)`]?.p50;
        }
      }
    } finally {
      try { process.kill(server.pid); } catch { /* gone */ }
      children.splice(children.indexOf(server), 1);
      await sleep(500);
    }
  }
}

const n = (v, d = 0) => (v === undefined ? '-' : Number(v).toFixed(d));
console.log(`\nseeding (seed --scale N; reused when already seeded under ${dataRoot})`);
for (const s of seeds) console.log(`  ${s.provider} scale ${s.scale}: ${s.seconds.toFixed(1)} s${s.reused ? ' (reused)' : ''}`);
if (smoke || explain) {
  for (const r of rows) {
    const counted = r.statements > 0 && r.rows > 0;
    console.log(`${counted ? 'PASS' : 'FAIL'} ${r.provider} s${r.scale} ${r.query}${r.variant ? ` (shape ${r.variant + 1})` : ''}: ${r.statements} statements, ${r.rows} rows`);
    if (!counted) failures.push(`${r.query}: no statements or rows counted`);
  }
} else {
  console.log(`\nload: autocannon ${connections} connections, ${duration}s after a 2s warm-up; seq p50: one request at a time; floor: the request's`);
  console.log('SQL replayed over ADO.NET on one connection (p50): all statements, and the reads alone; graph/floor = seq p50 / floor (all).');
  console.log('stmts = reads + writes (the disclosure register\'s INSERTs: one multi-row INSERT per response on every provider).');
  console.log('Development tokens, authorisation, disclosure register on.');
  console.log('provider   | scale | query                          |  req/s |  p50 |  p99 | seq p50 ms |   stmts |  rows | floor ms | reads ms | graph/floor');
  console.log('-----------|-------|--------------------------------|--------|------|------|------------|---------|-------|----------|----------|------------');
  for (const r of rows) {
    console.log(`${r.provider.padEnd(11)}| ${String(r.scale).padStart(5)} | ${(r.query + (r.variant ? ` (shape ${r.variant + 1})` : '')).padEnd(31).slice(0, 31)}| ${n(r.rps).padStart(6)} | ${n(r.p50).padStart(4)} | ${n(r.p99).padStart(4)} | ${n(r.seqP50, 2).padStart(10)} | ${`${r.reads}+${r.statements - r.reads}`.padStart(7)} | ${String(r.rows).padStart(5)} | ${n(r.floor, 3).padStart(8)} | ${n(r.readFloor, 3).padStart(8)} | ${r.floor ? (r.seqP50 / r.floor).toFixed(1).padStart(10) : '         -'}${r.errors ? `  (${r.errors} errors)` : ''}`);
  }
}
for (const f of failures) console.log(`FAIL ${f}`);
if (smoke) console.log(`${rows.length - failures.length < 0 ? 0 : rows.filter((r) => r.statements > 0 && r.rows > 0).length} passed, ${failures.length} failed`);
stopAll();
process.exit(failures.length > 0 ? 1 : 0);
