// Time to first byte of a deferred query against the same query without @defer, over HTTP against a
// running server (see ttfb-benchmark.sh). Bounded: a few warm-up runs, then RUNS of each, alternating.
//
//   node ttfb-benchmark.mjs --url http://127.0.0.1:PORT/graphql --token TOKEN [--runs 15] [--consortia 50]
import http from 'node:http';

const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const url = arg('--url');
const token = arg('--token');
const runs = Number(arg('--runs', '15'));
const consortia = Number(arg('--consortia', '50'));

const returns = 'financialReturns(first: 100) { nodes { year month status lines { category plan yearToDateActual forecastOutturn } } }';
const deferred = `query Deferred { consortia(first: ${consortia}) { nodes { code name ... @defer(label: "returns") { ${returns} } } } }`;
const plain = `query Plain { consortia(first: ${consortia}) { nodes { code name ${returns} } } }`;

function timed(query, accept) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let first = null;
    let bytes = 0;
    let text = '';
    const request = http.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json', accept, authorization: `Bearer ${token}`, 'x-purpose-of-use': 'FINANCIAL_ASSURANCE',
      },
    }, (response) => {
      response.on('data', (chunk) => {
        first ??= process.hrtime.bigint();
        bytes += chunk.length;
        text += chunk;
      });
      response.on('end', () => {
        const end = process.hrtime.bigint();
        resolve({ ttfb: Number(first - start) / 1e6, total: Number(end - start) / 1e6, bytes, text, type: response.headers['content-type'] });
      });
    });
    request.on('error', reject);
    request.end(JSON.stringify({ query }));
  });
}

const lineCount = (text) => (text.match(/"category"/g) ?? []).length;
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p90: s[Math.min(s.length - 1, Math.floor(s.length * 0.9))] };
};

const probe = await timed(deferred, 'multipart/mixed');
if (!probe.type.startsWith('multipart/mixed')) throw new Error(`not multipart: ${probe.type} ${probe.text.slice(0, 300)}`);
const probePlain = await timed(plain, 'application/json');
if (probePlain.text.includes('"errors"')) throw new Error(probePlain.text.slice(0, 500));
console.log(`query: ${consortia} consortia (code, name) and, deferred, their financial returns with ${lineCount(probePlain.text)} return lines`);
for (let i = 0; i < 3; i++) { await timed(deferred, 'multipart/mixed'); await timed(plain, 'application/json'); }
const with_ = [];
const without = [];
for (let i = 0; i < runs; i++) {
  with_.push(await timed(deferred, 'multipart/mixed'));
  without.push(await timed(plain, 'application/json'));
}
const row = (name, rs) => {
  const t = stats(rs.map((r) => r.ttfb));
  const total = stats(rs.map((r) => r.total));
  return `${name.padEnd(34)} ${t.median.toFixed(1).padStart(8)} ${t.p90.toFixed(1).padStart(8)} ${total.median.toFixed(1).padStart(10)} ${total.p90.toFixed(1).padStart(9)} ${String(rs[0].bytes).padStart(9)}`;
};
console.log(`runs: ${runs} of each (after 3 warm-up pairs), sequential`);
console.log(`${''.padEnd(34)} ${'TTFB ms'.padStart(8)} ${'p90'.padStart(8)} ${'total ms'.padStart(10)} ${'p90'.padStart(9)} ${'bytes'.padStart(9)}`);
console.log(row('@defer over multipart/mixed', with_));
console.log(row('same query without @defer (JSON)', without));
