// Runs graphql-http's GraphQL-over-HTTP audits against a running server and prints one line per
// audit, then "N passed, M failed". A warning counts as a failure: the target is 61/61 ok.
//   node audit.mjs --url http://127.0.0.1:5080/graphql [--token JWT] [--label text]
import { auditServer } from 'graphql-http';

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const url = opt('--url');
const token = opt('--token');
const label = opt('--label') ?? (token ? 'with bearer token' : 'anonymous');
if (!url) { console.error('usage: node audit.mjs --url URL [--token JWT]'); process.exit(2); }

const fetchFn = token
  ? (input, init = {}) => {
      const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    }
  : fetch;

const results = await auditServer({ url, fetchFn });
let passed = 0, failed = 0;
for (const r of results) {
  if (r.status === 'ok') { passed++; continue; }
  failed++;
  let body = '';
  try { body = r.response ? ` — ${r.response.status} ${(await r.response.text()).slice(0, 200)}` : ''; } catch { /* body already read */ }
  console.log(`FAIL [${label}] ${r.status} ${r.id} ${r.name}: ${r.reason}${body}`);
}
console.log(`audits ${label}: ${passed} ok of ${results.length}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
