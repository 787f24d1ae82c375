// Kill PostgreSQL mid-load (issue 9) with production durability (issue 10, finding 12).
//
// Writers submit JSNA contributions through `serve`, each with a unique topic. Once `--kill-after`
// writes are acknowledged, the postmaster is SIGKILLed by PID (infra/local/postgres.sh kill) while the
// writers go on. Then: every request fails clearly (SERVICE_UNAVAILABLE, 503, within the timeout),
// /readyz is red; PostgreSQL restarts (crash recovery); /readyz turns green; a new write succeeds; every
// acknowledged write is in the database. Prints one line per check and ends with "N passed, M failed".
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({ options: {
  url: { type: 'string' }, token: { type: 'string' }, pgctl: { type: 'string' }, psql: { type: 'string' },
  writers: { type: 'string', default: '4' }, 'kill-after': { type: 'string', default: '120' },
  'after-kill': { type: 'string', default: '8' }, timeout: { type: 'string', default: '10' },
} });
const writers = +a.writers, killAfter = +a['kill-after'], afterKill = +a['after-kill'];
const timeoutMs = +a.timeout * 1000, base = a.url.replace(/\/graphql$/, '');
const run = `${process.pid}`;

let passed = 0, failed = 0;
const check = (ok, what) => { ok ? passed++ : failed++; console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };

const submit = `mutation($input: SubmitJsnaContributionInput!) { submitJsnaContribution(input: $input) {
  contribution { id topic } userErrors { code message } } }`;

const read = `{ consortia(first: 3) { totalCount nodes { code name } } }`;

async function post(body, accepted) {
  const started = Date.now();
  try {
    const res = await fetch(a.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json',
        authorization: `Bearer ${a.token}`, 'x-purpose-of-use': 'JSNA' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs + 20_000),
    });
    const json = await res.json();
    const acknowledged = res.status === 200 && !json.errors && accepted(json.data);
    const codes = (json.errors ?? []).map(e => e.extensions?.code);
    return { acknowledged, status: res.status, codes, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started };
  } catch (e) {
    return { acknowledged: false, status: 0, codes: [String(e.name)], ms: Date.now() - started };
  }
}

const write = topic => post({ query: submit, variables: { input: {
  healthAndWellbeingBoardCode: 'HWB-E10000001', year: '2013-14', consortiumCode: '01A', topic,
  narrative: 'Fault-test contribution.', indicators: [{ name: 'Writes', numerator: 1, denominator: 1 }] } } },
  data => data?.submitJsnaContribution?.contribution?.topic === topic);
const query = () => post({ query: read }, data => data?.consortia?.totalCount > 0);

const ready = async () => { try { return (await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(timeoutMs) })).status; } catch { return 0; } };

const acknowledged = [], afterKillResults = [];
let killed = false, next = 0;
const t0 = Date.now();

async function writer() {
  let sinceKill = 0;
  while (sinceKill < afterKill) {
    const topic = `fault-${run}-${next++}`;
    const wasKilled = killed;
    const r = await write(topic);
    if (r.acknowledged) acknowledged.push(topic);
    if (wasKilled) { afterKillResults.push(r); sinceKill++; }
    if (!killed && acknowledged.length >= killAfter) {
      killed = true;
      execFileSync('bash', [a.pgctl, 'kill'], { stdio: ['ignore', 'ignore', 'inherit'] });
      console.log(`killed PostgreSQL after ${acknowledged.length} acknowledged writes (${Date.now() - t0} ms)`);
    }
    if (Date.now() - t0 > 180_000) break; // bounded whatever happens
  }
}
// One reader beside the writers: reads fail as clearly as writes while the database is down.
const readsAfterKill = [];
let readsBefore = 0;
async function reader() {
  while (readsAfterKill.length < afterKill && Date.now() - t0 < 180_000) {
    const wasKilled = killed;
    const r = await query();
    if (wasKilled) readsAfterKill.push(r); else if (r.acknowledged) readsBefore++;
  }
}
await Promise.all([...Array.from({ length: writers }, writer), reader()]);
const ackedBeforeKillEnd = acknowledged.length;

check(killed, `PostgreSQL was killed under load (${ackedBeforeKillEnd} writes acknowledged, ${next} sent)`);
const failures = afterKillResults.filter(r => !r.acknowledged);
const unclear = failures.filter(r => !(r.codes.length > 0 && r.codes.every(c => c === 'SERVICE_UNAVAILABLE')));
check(failures.length > 0 && unclear.length === 0,
  `${failures.length} writes after the kill failed, every one with SERVICE_UNAVAILABLE` +
  (unclear.length ? `; others: ${JSON.stringify(unclear.slice(0, 3))}` : ''));
check(failures.every(r => r.status === 503 && r.retryAfter), `each was a 503 with Retry-After (statuses: ${[...new Set(failures.map(r => r.status))]})`);
const readFailures = readsAfterKill.filter(r => !r.acknowledged);
check(readsBefore > 0 && readFailures.length > 0 && readFailures.every(r => r.status === 503 && r.codes.every(c => c === 'SERVICE_UNAVAILABLE')),
  `reads: ${readsBefore} answered before the kill; ${readFailures.length} of ${readsAfterKill.length} after it failed with SERVICE_UNAVAILABLE (503)` +
  (readFailures.some(r => r.status !== 503) ? `; others: ${JSON.stringify(readFailures.filter(r => r.status !== 503).slice(0, 2))}` : ''));
const slowest = Math.max(0, ...afterKillResults.map(r => r.ms), ...readsAfterKill.map(r => r.ms));
check(slowest <= timeoutMs, `no request hung past the ${timeoutMs} ms timeout (slowest after the kill: ${slowest} ms)`);
const readyDown = await ready();
check(readyDown === 503, `/readyz is red while PostgreSQL is down (${readyDown})`);

const restartAt = Date.now();
execFileSync('bash', [a.pgctl, 'restart'], { stdio: ['ignore', 'ignore', 'inherit'] });
let readyUp = 0;
for (let i = 0; i < 300 && readyUp !== 200; i++) { readyUp = await ready(); if (readyUp !== 200) await new Promise(r => setTimeout(r, 200)); }
check(readyUp === 200, `/readyz is green again after restart (${Date.now() - restartAt} ms after the restart began)`);
const recovered = await write(`fault-${run}-after-restart`);
check(recovered.acknowledged, `a write after the restart is acknowledged (${recovered.status} ${recovered.codes})`);

const found = new Set(execFileSync(a.psql, ['-Atc',
  `select "Topic" from local_government."JsnaContributions" where "Topic" like 'fault-${run}-%'`], { encoding: 'utf8' })
  .split('\n').filter(Boolean));
const lost = acknowledged.filter(t => !found.has(t));
console.log(`writes: ${next} sent, ${acknowledged.length} acknowledged, ${acknowledged.length - lost.length} of them found after restart, ${lost.length} lost; ${found.size} rows in all (unacknowledged writes may have committed)`);
check(lost.length === 0, `every acknowledged write is there after the restart (${lost.length} lost${lost.length ? ': ' + lost.slice(0, 5) : ''})`);
console.log(`${passed} passed, ${failed} failed`);
