#!/usr/bin/env node
// Writes tests/differential/cases/<area>.json from the area modules in this
// folder, then runs every case through the reference and checks the author's
// intent: no case may fail to build its schema, a case written with ok() must
// answer without errors, one written with bad() must answer with errors.
//
//   node tests/differential/authoring/build.mjs
//
// The JSON files are the corpus; these modules are only a convenient way to
// write it (shared schemas, short helpers). Edit here, rebuild, commit both.

import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES = join(HERE, '..', 'cases');
const REFERENCE = join(HERE, '..', 'reference', 'reference.mjs');
const KEYS = ['id', 'schema', 'data', 'query', 'variables', 'operationName', 'incremental'];

// JSON text of a value; a BigInt (e.g. 9007199254740993n) is written as an exact JSON integer, for cases
// about integers that JavaScript numbers cannot hold.
const json = (v) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `\u0000big${x}\u0000` : x)).replace(/"\\u0000big(-?\d+)\\u0000"/g, '$1');

const areas = readdirSync(HERE).filter((f) => f.endsWith('.mjs') && f !== 'build.mjs' && f !== 'lib.mjs').sort();
const all = [];
const seen = new Set();
for (const file of areas) {
  const area = file.replace(/\.mjs$/, '');
  const { cases } = await import(join(HERE, file));
  const lines = cases.map((c) => {
    if (seen.has(c.id)) throw new Error(`duplicate id ${c.id}`);
    seen.add(c.id);
    if (!c.id.startsWith(`${area}.`)) throw new Error(`${c.id} is not in area ${area}`);
    all.push(c);
    const o = {};
    for (const k of KEYS) if (c[k] !== undefined) o[k] = c[k];
    return `  ${json(o)}`;
  });
  writeFileSync(join(CASES, `${area}.json`), `[\n${lines.join(',\n')}\n]\n`);
  console.log(`${area}: ${cases.length}`);
}
console.log(`total: ${all.length}`);

const input = all.map((c) => json(Object.fromEntries(KEYS.filter((k) => c[k] !== undefined).map((k) => [k, c[k]])))).join('\n');
const r = spawnSync(process.execPath, [REFERENCE], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
let problems = 0;
all.forEach((c, n) => {
  const a = answers[n];
  let why = null;
  if (!a || a.id !== c.id) why = 'no answer';
  else if (!a.response) why = `reference cannot run it: ${a.schemaError || a.internalError}`;
  else if (c.expect === 'ok' && a.response.errors) why = `expected no errors, got ${JSON.stringify(a.response.errors.map((e) => e.message))}`;
  else if (c.expect === 'bad' && !a.response.errors) why = `expected errors, got ${JSON.stringify(a.response)}`;
  else if (c.expect === 'bad' && c.count !== undefined && a.response.errors.length !== c.count) why = `expected ${c.count} errors, got ${JSON.stringify(a.response.errors.map((e) => e.message))}`;
  if (why) {
    problems++;
    console.log(`PROBLEM ${c.id}: ${why}`);
  }
  if (process.env.SHOW && new RegExp(process.env.SHOW).test(c.id)) console.log(`${c.id}: ${JSON.stringify(a.response)}`);
});
console.log(problems ? `${problems} problem(s)` : 'all cases run in the reference as intended');
process.exitCode = problems ? 1 : 0;
