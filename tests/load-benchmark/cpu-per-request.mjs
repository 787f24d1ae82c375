// One autocannon run of a query against a GraphQL endpoint, with the CPU time and run-queue wait per request of a
// process (all its threads, /proc/PID/task/*/schedstat): on a shared, busy machine requests/s follow the share of the
// CPU a process gets, CPU time per request does not. Used to compare gateway settings back to back (A B A B).
// usage: node cpu-per-request.mjs --url URL --token TOKEN --pid PID [--query simple|cross|deep] [--duration 8] [--connections 16]
import autocannon from 'autocannon';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';

const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const queries = {
  simple: '{ consortium(code: "01A") { code name } }',
  cross: '{ consortium(code: "02B") { code name practices { code } healthAndWellbeingBoards { code name localAuthority { code name } } } }',
  deep: '{ localAuthority(code: "E10000001") { code healthAndWellbeingBoard { code members { name consortium { code practices { code consortium { code contracts { code provider { code name } } } } } } } } }',
};
const pid = arg('--pid');
const which = arg('--query', 'simple');
// Nanoseconds on the CPU and waiting for one, summed over the process's threads.
const sched = () => readdirSync(`/proc/${pid}/task`).reduce((sum, t) => {
  try { const [run, wait] = readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ').map(Number); return [sum[0] + run, sum[1] + wait]; } catch { return sum; }
}, [0, 0]);
const before = sched();
const r = await new Promise((resolve, reject) => autocannon({
  url: arg('--url'), method: 'POST', connections: Number(arg('--connections', '16')), duration: Number(arg('--duration', '8')),
  headers: { 'content-type': 'application/json', authorization: `Bearer ${arg('--token')}`, 'x-purpose-of-use': 'COMMISSIONING' },
  body: JSON.stringify({ query: queries[which] }),
}, (e, result) => (e ? reject(e) : resolve(result))));
const after = sched();
const n = Math.max(1, r.requests.total);
console.log(`${which} ${arg('--url')}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}; `
  + `process ${pid}: CPU ${((after[0] - before[0]) / n / 1e3).toFixed(0)} µs/request, run-queue wait ${((after[1] - before[1]) / n / 1e3).toFixed(0)} µs/request; load average ${loadavg()[0].toFixed(1)}`);
