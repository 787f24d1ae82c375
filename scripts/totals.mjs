// Sums the results of every suite the test command ran: the .trx files of `dotnet test` and the
// "N passed, M failed" last lines of the other suites' *.summary files. Prints one line,
// "N passed, M failed", and exits non-zero when anything failed or a step failed to run.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0, failed = 0;
const files = existsSync(dir) ? readdirSync(dir) : [];
for (const f of files) {
  const text = readFileSync(join(dir, f), 'utf8');
  if (f.endsWith('.trx')) {
    const m = /<Counters\b([^>]*)\/?>/.exec(text);
    if (!m) { failed++; console.error(`${f}: no counters`); continue; }
    const attr = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(m[1]) || [0, 0])[1]);
    passed += attr('passed');
    const bad = attr('failed') + attr('error') + attr('timeout') + attr('aborted');
    failed += bad;
    if (bad) console.error(`${f}: ${bad} failed`);
  } else if (f.endsWith('.summary')) {
    const lines = text.trim().split('\n');
    const m = /^(\d+) passed, (\d+) failed$/.exec(lines[lines.length - 1] || '');
    if (!m) { failed++; console.error(`${f}: suite did not finish`); continue; }
    passed += Number(m[1]); failed += Number(m[2]);
    if (Number(m[2])) console.error(`${f}: ${m[2]} failed`);
  } else if (f === 'step-failures.txt') {
    for (const line of text.trim().split('\n')) { failed++; console.error(`step failed: ${line}`); }
  }
}
if (passed + failed === 0) { failed = 1; console.error('no test results were found'); }
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
