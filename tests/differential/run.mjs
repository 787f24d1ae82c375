#!/usr/bin/env node
// Differential test runner: feeds every case to a candidate engine and to the
// graphql-js reference (./reference/reference.mjs), both under the
// `exec --jsonl` contract, and compares the answers. Node standard library only.
//
//   node tests/differential/run.mjs [--candidate "<shell command>"]
//        [--cases DIR|FILE] [--filter REGEX] [--verbose]
//        [--timeout SECONDS] [--reference "<shell command>"]
//
// A case passes when the candidate's response agrees with the reference's:
//   - "data" is present in both or in neither, and deep-equal when present:
//     object keys in the same order, numbers compared by value (1 == 1.0);
//   - "errors" is non-empty in both or in neither; when non-empty, the
//     multiset of error paths and the multiset of error locations are equal
//     (an error without path / locations counts as one "absent" entry, so the
//     number of errors must agree). Messages are not compared.
// An incremental case ("incremental": true, @defer/@stream) is answered with
// {"id", "response", "subsequent": [...]}: the initial result is compared as
// above plus its "pending" and "hasNext", then the later payloads in order,
// each as a whole (hasNext; pending: id, path, label; incremental: id, subPath,
// data or items, errors; completed: id, errors; lists in order, absent = []).
// Pending ids are opaque but must correspond one to one with the reference's.
// A missing, unparsable, duplicated, out-of-order or mis-identified candidate
// line fails its case. The last line printed is "N passed, M failed"; the exit
// status is 1 when M > 0 (2 on a usage or setup error).
//
// All JSON (case files and engine output) is read with the small parser below,
// which keeps object keys in document order, also integer-like keys such as
// "1" that JSON.parse would move to the front, keeps duplicate keys, and keeps
// number lexemes so large integers compare exactly.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const REFERENCE_DIR = join(HERE, 'reference');
const DEFAULT_CANDIDATE =
  `dotnet ${shellQuote(join(REPO, 'src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll'))} exec --jsonl`;
const CONTRACT_KEYS = ['id', 'schema', 'data', 'query', 'variables', 'operationName', 'incremental'];

function shellQuote(s) {
  return /^[A-Za-z0-9_./:=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

// ---------------------------------------------------------------------------
// Order-preserving JSON

class JObject {
  constructor() { this.entries = []; }
  keys() { return this.entries.map(([k]) => k); }
  has(key) { return this.entries.some(([k]) => k === key); }
  get(key) {
    const hit = this.entries.find(([k]) => k === key);
    return hit === undefined ? undefined : hit[1];
  }
}

class JNumber {
  constructor(text) { this.text = text; }
  isInteger() { return /^-?\d+$/.test(this.text); }
  value() { return Number(this.text); }
}

class JsonSyntaxError extends Error {}

function parseJson(text) {
  let i = 0;
  const fail = (what) => { throw new JsonSyntaxError(`${what} at offset ${i}`); };
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const literal = (word, value) => {
    if (text.startsWith(word, i)) { i += word.length; return value; }
    return fail('unexpected token');
  };
  function string() {
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text[i];
      if (c === '"') { i++; return out; }
      if (c === '\\') {
        const e = text[i + 1];
        const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e in simple) { out += simple[e]; i += 2; continue; }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        fail('bad escape');
      }
      if (c < ' ') fail('control character in string');
      out += c;
      i++;
    }
  }
  function value() {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj = new JObject();
      ws();
      if (text[i] === '}') { i++; return obj; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const key = string();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        obj.entries.push([key, value()]);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return obj; }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const arr = [];
      ws();
      if (text[i] === ']') { i++; return arr; }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return arr; }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail('unexpected token');
    i += m[0].length;
    return new JNumber(m[0]);
  }
  const v = value();
  ws();
  if (i !== text.length) fail('trailing characters');
  return v;
}

function stringify(v) {
  if (v instanceof JObject) return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${stringify(x)}`).join(',')}}`;
  if (Array.isArray(v)) return `[${v.map(stringify).join(',')}]`;
  if (v instanceof JNumber) return v.text;
  return JSON.stringify(v); // strings (lone surrogates become \uXXXX), booleans, null
}

function kind(v) {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (v instanceof JNumber) return 'number';
  if (typeof v === 'string') return 'string';
  if (v instanceof JObject) return 'object';
  if (Array.isArray(v)) return 'list';
  return typeof v;
}

function numbersEqual(a, b) {
  if (a.isInteger() && b.isInteger()) return BigInt(a.text) === BigInt(b.text);
  return a.value() === b.value();
}

// Canonical string of a value, numbers by value: used as a multiset key.
function canon(v) {
  if (v instanceof JNumber) {
    if (v.isInteger()) return `n:${BigInt(v.text)}`;
    const n = v.value();
    return Number.isInteger(n) ? `n:${BigInt(n)}` : `n:${n}`;
  }
  if (v instanceof JObject) return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${canon(x)}`).join(',')}}`;
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  return JSON.stringify(v);
}

function short(v, limit = 80) {
  const s = stringify(v);
  return s.length <= limit ? s : `${s.slice(0, limit - 3)}...`;
}

function formatPath(path) {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `.${p}`;
  return s.replace(/^\./, '') || '(root)';
}

function describe(v) {
  const k = kind(v);
  return k === 'null' ? k : `${k} ${short(v)}`;
}

function deepDiff(a, b, path) {
  const ka = kind(a);
  const kb = kind(b);
  if (ka !== kb) return `${formatPath(path)}: reference has ${describe(a)}, candidate has ${describe(b)}`;
  if (ka === 'object') {
    const keysA = a.keys();
    const keysB = b.keys();
    if (keysA.length !== keysB.length || keysA.some((k, n) => k !== keysB[n])) {
      return `${formatPath(path)}: object keys differ (order matters): reference ${JSON.stringify(keysA)}, candidate ${JSON.stringify(keysB)}`;
    }
    for (let n = 0; n < keysA.length; n++) {
      const d = deepDiff(a.entries[n][1], b.entries[n][1], [...path, keysA[n]]);
      if (d) return d;
    }
    return null;
  }
  if (ka === 'list') {
    if (a.length !== b.length) return `${formatPath(path)}: list length differs: reference ${a.length}, candidate ${b.length}`;
    for (let n = 0; n < a.length; n++) {
      const d = deepDiff(a[n], b[n], [...path, n]);
      if (d) return d;
    }
    return null;
  }
  const same = ka === 'number' ? numbersEqual(a, b) : a === b;
  return same ? null : `${formatPath(path)}: reference ${short(a)}, candidate ${short(b)}`;
}

// ---------------------------------------------------------------------------
// Response comparison

const ABSENT = '(absent)';

function pathKey(err) {
  const p = err instanceof JObject ? err.get('path') : undefined;
  return p === undefined || p === null ? ABSENT : canon(p);
}

function locationsKey(err) {
  const locs = err instanceof JObject ? err.get('locations') : undefined;
  if (locs === undefined || locs === null || (Array.isArray(locs) && locs.length === 0)) return ABSENT;
  if (!Array.isArray(locs)) return `malformed ${canon(locs)}`;
  // The order of the locations of one error is not significant.
  const items = locs.map((loc) => {
    const line = loc instanceof JObject ? loc.get('line') : undefined;
    const column = loc instanceof JObject ? loc.get('column') : undefined;
    if (line instanceof JNumber && column instanceof JNumber) return `${canon(line).slice(2)}:${canon(column).slice(2)}`;
    return `malformed ${canon(loc)}`;
  });
  return `[${items.sort().join(',')}]`;
}

function multisetDiff(ref, cand) {
  const count = (xs) => xs.reduce((m, x) => m.set(x, (m.get(x) || 0) + 1), new Map());
  const cr = count(ref);
  const cc = count(cand);
  const missing = [];
  const extra = [];
  for (const [k, n] of cr) for (let j = cc.get(k) || 0; j < n; j++) missing.push(k);
  for (const [k, n] of cc) for (let j = cr.get(k) || 0; j < n; j++) extra.push(k);
  if (!missing.length && !extra.length) return null;
  const parts = [];
  if (missing.length) parts.push(`missing ${missing.join(', ')}`);
  if (extra.length) parts.push(`unexpected ${extra.join(', ')}`);
  return parts.join('; ');
}

function compareErrors(refErrors, candErrors, where) {
  refErrors = refErrors === undefined || refErrors === null ? [] : refErrors;
  candErrors = candErrors === undefined || candErrors === null ? [] : candErrors;
  const at = where ? `${where}: ` : '';
  if (!Array.isArray(candErrors)) return `candidate "${where ? `${where}` : 'errors'}" is not a list`;
  if (refErrors.length > 0 !== candErrors.length > 0) {
    return refErrors.length
      ? `${at}reference has ${refErrors.length} error(s), candidate has none`
      : `${at}candidate has ${candErrors.length} error(s), reference has none`;
  }
  if (refErrors.length) {
    let d = multisetDiff(refErrors.map(pathKey), candErrors.map(pathKey));
    if (d) return `${at}error paths differ (${refErrors.length} vs ${candErrors.length} errors): ${d}`;
    d = multisetDiff(refErrors.map(locationsKey), candErrors.map(locationsKey));
    if (d) return `${at}error locations differ (${refErrors.length} vs ${candErrors.length} errors): ${d}`;
  }
  return null;
}

function compareResponses(ref, cand) {
  if (!(cand instanceof JObject)) return 'candidate response is not a JSON object';
  if (ref.has('data') !== cand.has('data')) {
    return `"data" key ${ref.has('data') ? 'present' : 'absent'} in reference but ${cand.has('data') ? 'present' : 'absent'} in candidate`;
  }
  if (ref.has('data')) {
    const d = deepDiff(ref.get('data'), cand.get('data'), ['data']);
    if (d) return d;
  }
  return compareErrors(ref.get('errors'), cand.get('errors'), '');
}

// ---------------------------------------------------------------------------
// Incremental delivery: pending ids are opaque, but the candidate's must name
// the same pending results as the reference's, bound in announcement order.

class PendingIds {
  constructor() { this.refToCand = new Map(); this.candToRef = new Map(); }
  announce(refId, candId) {
    if (!(typeof candId === 'string' || candId instanceof JNumber)) return `pending id ${short(candId)} is not a string`;
    const r = canon(refId);
    const c = canon(candId);
    if (this.refToCand.has(r)) return this.refToCand.get(r) === c ? null : `pending id ${short(refId)} announced twice`;
    if (this.candToRef.has(c)) return `candidate announces pending id ${short(candId)} twice`;
    this.refToCand.set(r, c);
    this.candToRef.set(c, r);
    return null;
  }
  check(refId, candId) {
    const r = canon(refId);
    const c = canon(candId);
    if (this.refToCand.get(r) === c) return null;
    if (!this.candToRef.has(c)) return `id ${short(candId)} was never announced as pending by the candidate`;
    return `candidate id ${short(candId)} names another pending result than the reference's id ${short(refId)}`;
  }
}

const orNull = (v) => (v === undefined ? null : v);

function entriesOf(payload, key) {
  const v = payload.get(key);
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : undefined;
}

// hasNext, pending, incremental and completed of one payload (the initial
// result or a later one).
function compareIncrementalFields(ref, cand, ids, where) {
  if (!(cand instanceof JObject)) return `${where} is not a JSON object`;
  const rh = ref.has('hasNext') && ref.get('hasNext') !== null ? ref.get('hasNext') : false;
  const ch = cand.has('hasNext') && cand.get('hasNext') !== null ? cand.get('hasNext') : false;
  if (rh !== ch) return `${where}: hasNext: reference ${short(rh)}, candidate ${short(ch)}`;
  for (const key of ['pending', 'incremental', 'completed']) {
    const refList = entriesOf(ref, key);
    const candList = entriesOf(cand, key);
    if (candList === undefined) return `candidate ${where}.${key} is not a list`;
    if (refList === undefined) return `reference ${where}.${key} is not a list`;
    if (refList.length !== candList.length) {
      return `${where}.${key}: reference has ${refList.length} entr${refList.length === 1 ? 'y' : 'ies'}, candidate has ${candList.length}`;
    }
    for (let n = 0; n < refList.length; n++) {
      const r = refList[n];
      const c = candList[n];
      const at = `${where}.${key}[${n}]`;
      if (!(c instanceof JObject)) return `${at} is not a JSON object`;
      if (key === 'pending') {
        let d = ids.announce(r.get('id'), c.get('id'));
        if (d) return `${at}: ${d}`;
        d = deepDiff(orNull(r.get('path')), orNull(c.get('path')), ['path']);
        if (d) return `${at}: ${d}`;
        d = deepDiff(orNull(r.get('label')), orNull(c.get('label')), ['label']);
        if (d) return `${at}: ${d}`;
        continue;
      }
      let d = ids.check(r.get('id'), c.get('id'));
      if (d) return `${at}: ${d}`;
      if (key === 'incremental') {
        d = deepDiff(orNull(r.get('subPath')) || [], orNull(c.get('subPath')) || [], ['subPath']);
        if (d) return `${at}: ${d}`;
        for (const valueKey of ['data', 'items']) {
          if (r.has(valueKey) !== c.has(valueKey)) {
            return `${at}: "${valueKey}" key ${r.has(valueKey) ? 'present' : 'absent'} in reference but ${c.has(valueKey) ? 'present' : 'absent'} in candidate`;
          }
          if (r.has(valueKey)) {
            d = deepDiff(r.get(valueKey), c.get(valueKey), [valueKey]);
            if (d) return `${at}: ${d}`;
          }
        }
      }
      d = compareErrors(r.get('errors'), c.get('errors'), `${at}.errors`);
      if (d) return d;
    }
  }
  return null;
}

// An incremental case: the initial result, then "subsequent" payload by payload.
function compareIncremental(refLine, candLine) {
  const ref = refLine.get('response');
  const cand = candLine.get('response');
  let d = compareResponses(ref, cand);
  if (d) return d;
  const ids = new PendingIds();
  d = compareIncrementalFields(ref, cand, ids, 'response');
  if (d) return d;
  if (!candLine.has('subsequent')) return 'candidate line has no "subsequent" (the case is incremental)';
  const refSub = refLine.get('subsequent') || [];
  const candSub = candLine.get('subsequent');
  if (!Array.isArray(candSub)) return 'candidate "subsequent" is not a list';
  if (refSub.length !== candSub.length) return `subsequent: reference has ${refSub.length} payload(s), candidate has ${candSub.length}`;
  for (let n = 0; n < refSub.length; n++) {
    d = compareIncrementalFields(refSub[n], candSub[n], ids, `subsequent[${n}]`);
    if (d) return d;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Cases

function usage(message) {
  process.stderr.write(`run.mjs: ${message}\n`);
  process.exit(2);
}

function loadCases(spec) {
  let files = [];
  if (existsSync(spec) && statSync(spec).isDirectory()) {
    files = readdirSync(spec).filter((f) => f.endsWith('.json')).sort().map((f) => join(spec, f));
  } else if (existsSync(spec)) {
    files = [spec];
  }
  if (!files.length) usage(`no case files found at ${spec}`);
  const cases = [];
  const seen = new Map();
  for (const file of files) {
    let content;
    try {
      content = parseJson(readFileSync(file, 'utf8'));
    } catch (err) {
      usage(`${file} is not valid JSON: ${err.message}`);
    }
    const items = Array.isArray(content) ? content : [content];
    items.forEach((c, n) => {
      const where = `${basename(file)}[${n}]`;
      if (!(c instanceof JObject) || typeof c.get('id') !== 'string') usage(`${where}: a case must be an object with a string "id"`);
      const id = c.get('id');
      for (const key of ['schema', 'query']) {
        if (typeof c.get(key) !== 'string') usage(`${where} (${id}): "${key}" must be a string`);
      }
      if (c.has('incremental') && typeof c.get('incremental') !== 'boolean') usage(`${where} (${id}): "incremental" must be true or false`);
      if (seen.has(id)) usage(`duplicate case id ${JSON.stringify(id)} in ${seen.get(id)} and ${where}`);
      seen.set(id, where);
      cases.push(c);
    });
  }
  return cases;
}

function caseLine(c) {
  const line = new JObject();
  for (const key of CONTRACT_KEYS) {
    if (key === 'data') line.entries.push(['data', c.has('data') ? c.get('data') : new JObject()]);
    else if (c.has(key)) line.entries.push([key, c.get(key)]);
  }
  return stringify(line);
}

// ---------------------------------------------------------------------------
// Engines

function runEngine(label, command, input, timeoutSeconds, cwd) {
  return new Promise((resolvePromise) => {
    // Own process group, so a timeout kills the whole command line.
    const child = spawn(command, { shell: true, cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let timedOut = false;
    let startError = null;
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.stdin.on('error', () => {}); // engine exited without reading everything
    child.on('error', (e) => { startError = e; });
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
    }, timeoutSeconds * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const tail = stderrTail(Buffer.concat(err).toString('utf8'));
      let note = null;
      if (startError) note = `${label} failed to start: ${startError.message}`;
      else if (timedOut) note = `${label} timed out after ${timeoutSeconds}s${tail}`;
      else if (code !== 0) note = `${label} exited with ${code === null ? `signal ${signal}` : `status ${code}`}${tail}`;
      resolvePromise({ stdout, note });
    });
    child.stdin.end(input);
  });
}

function stderrTail(text, n = 15) {
  const lines = text.trimEnd().split('\n').filter((l) => l !== '');
  return lines.length ? `; stderr tail:\n    ${lines.slice(-n).join('\n    ')}` : '';
}

function parseOutput(stdout) {
  const rows = [];
  for (let raw of stdout.split('\n')) {
    raw = raw.replace(/\r$/, '');
    if (!raw.trim()) continue;
    let obj = null;
    try { obj = parseJson(raw); } catch { obj = null; }
    rows.push({ pos: rows.length, obj, raw });
  }
  return rows;
}

function lineId(obj) {
  return obj instanceof JObject && typeof obj.get('id') === 'string' ? obj.get('id') : undefined;
}

// Assigns candidate lines to cases by id. A line that comes after the line of
// a later case is out of order (only that case fails). An unusable line (not
// JSON, unknown id) is blamed on the first unanswered case before the next
// matched line, to explain that case's failure.
function matchCandidate(cases, rows) {
  const indexOf = new Map(cases.map((c, n) => [c.get('id'), n]));
  const result = new Map();
  const counts = new Map();
  let last = -1;
  let pending = [];
  const attribute = (upto) => {
    for (const p of pending) {
      for (let n = last + 1; n < upto; n++) {
        if (!result.has(n)) {
          result.set(n, { line: null, reason: `candidate line ${p.pos + 1} ${p.what}: ${p.raw.slice(0, 120)}` });
          break;
        }
      }
    }
    pending = [];
  };
  for (const { pos, obj, raw } of rows) {
    const id = lineId(obj);
    if (obj === null || id === undefined || !indexOf.has(id)) {
      pending.push({ pos, raw, what: obj === null ? 'is not valid JSON' : 'carries no known case id' });
      continue;
    }
    const n = indexOf.get(id);
    counts.set(n, (counts.get(n) || 0) + 1);
    if (counts.get(n) > 1) {
      result.set(n, { line: null, reason: `candidate printed ${counts.get(n)} lines for this case` });
      continue;
    }
    if (n < last) {
      result.set(n, { line: null, reason: `candidate answered out of order (line ${pos + 1} comes after the line of a later case)` });
      continue;
    }
    attribute(n);
    result.set(n, { line: obj, reason: null });
    last = n;
  }
  attribute(cases.length);
  return result;
}

// Installs the pinned graphql-js, also over an install of another version.
function ensureReferenceInstalled() {
  const pinned = JSON.parse(readFileSync(join(REFERENCE_DIR, 'package.json'), 'utf8')).dependencies.graphql;
  const installed = join(REFERENCE_DIR, 'node_modules', 'graphql', 'package.json');
  if (existsSync(installed) && JSON.parse(readFileSync(installed, 'utf8')).version === pinned) return;
  process.stderr.write('run.mjs: installing the reference (npm ci in tests/differential/reference)\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: REFERENCE_DIR, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
  if (r.status !== 0) usage('npm ci failed in tests/differential/reference');
}

// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { cases: join(HERE, 'cases'), candidate: DEFAULT_CANDIDATE, reference: null, filter: null, verbose: false, timeout: 600 };
  for (let n = 0; n < argv.length; n++) {
    const a = argv[n];
    const next = () => (n + 1 < argv.length ? argv[++n] : usage(`${a} needs a value`));
    if (a === '--cases') opts.cases = resolve(next());
    else if (a === '--candidate') opts.candidate = next();
    else if (a === '--reference') opts.reference = next();
    else if (a === '--filter') opts.filter = next();
    else if (a === '--timeout') opts.timeout = Number(next());
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: node tests/differential/run.mjs [--candidate "<cmd>"] [--cases DIR|FILE] [--filter REGEX] [--verbose] [--timeout SECONDS] [--reference "<cmd>"]\n');
      process.exit(0);
    } else usage(`unknown argument ${a}`);
  }
  if (!(opts.timeout > 0)) usage('--timeout must be a positive number');
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let cases = loadCases(opts.cases);
  if (opts.filter !== null) {
    let rx;
    try { rx = new RegExp(opts.filter); } catch (err) { usage(`bad --filter: ${err.message}`); }
    cases = cases.filter((c) => rx.test(c.get('id')));
  }
  const input = cases.map((c) => `${caseLine(c)}\n`).join('');

  let referenceCommand = opts.reference;
  if (referenceCommand === null) {
    ensureReferenceInstalled();
    referenceCommand = `${shellQuote(process.execPath)} ${shellQuote(join(REFERENCE_DIR, 'reference.mjs'))}`;
  }
  // One after the other: the machines running this are small.
  const ref = await runEngine('reference', referenceCommand, input, opts.timeout, REFERENCE_DIR);
  const cand = await runEngine('candidate', opts.candidate, input, opts.timeout, process.cwd());
  if (ref.note) process.stderr.write(`warning: ${ref.note}\n`);
  if (cand.note) process.stderr.write(`warning: ${cand.note}\n`);

  const refById = new Map();
  for (const row of parseOutput(ref.stdout)) {
    const id = lineId(row.obj);
    if (id !== undefined && !refById.has(id)) refById.set(id, row.obj);
  }
  const candMatch = matchCandidate(cases, parseOutput(cand.stdout));

  let passed = 0;
  let failed = 0;
  cases.forEach((c, n) => {
    const id = c.get('id');
    let reason = null;
    let refResponse;
    let candResponse;
    const refLine = refById.get(id);
    if (refLine === undefined) reason = 'reference produced no line for this case';
    else if (!refLine.has('response')) {
      const detail = refLine.get('schemaError') || refLine.get('internalError') || 'no response';
      reason = `reference could not run the case: ${String(detail).split('\n')[0]}`;
    } else refResponse = refLine.get('response');
    if (reason === null) {
      const m = candMatch.get(n);
      if (m === undefined) reason = 'candidate produced no line for this case';
      else if (m.line === null) reason = m.reason;
      else if (!m.line.has('response')) reason = 'candidate line has no "response"';
      else {
        candResponse = m.line.get('response');
        reason = c.get('incremental') === true ? compareIncremental(refLine, m.line) : compareResponses(refResponse, candResponse);
      }
    }
    if (reason === null) {
      passed++;
      return;
    }
    failed++;
    process.stdout.write(`FAIL ${id}: ${reason}\n`);
    if (opts.verbose) {
      const clip = (s, max) => (s.length <= max ? s : `${s.slice(0, max - 3)}...`);
      process.stdout.write(`    query:     ${clip(JSON.stringify(c.get('query')), 2000)}\n`);
      process.stdout.write(`    root data: ${clip(stringify(c.has('data') ? c.get('data') : new JObject()), 1000)}\n`);
      if (c.has('variables')) process.stdout.write(`    variables: ${stringify(c.get('variables'))}\n`);
      if (c.has('operationName')) process.stdout.write(`    operation: ${stringify(c.get('operationName'))}\n`);
      process.stdout.write(`    reference: ${refResponse === undefined ? '-' : stringify(refResponse)}\n`);
      process.stdout.write(`    candidate: ${candResponse === undefined ? '-' : stringify(candResponse)}\n`);
      if (c.get('incremental') === true) {
        const candLine = candMatch.get(n) && candMatch.get(n).line;
        process.stdout.write(`    reference subsequent: ${refLine && refLine.has('subsequent') ? clip(stringify(refLine.get('subsequent')), 4000) : '-'}\n`);
        process.stdout.write(`    candidate subsequent: ${candLine && candLine.has('subsequent') ? clip(stringify(candLine.get('subsequent')), 4000) : '-'}\n`);
      }
    }
  });
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((err) => {
  process.stderr.write(`run.mjs: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
