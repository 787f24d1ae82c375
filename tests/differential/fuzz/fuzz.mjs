#!/usr/bin/env node
// Random differential fuzzer: a developer tool, not part of CI.
//
// Generates random schemas (objects, interfaces implementing interfaces,
// unions, enums, input objects with defaults, custom scalars), data that
// mostly fits them, and queries over them (aliases, fragments, inline
// fragments, @skip/@include, arguments, variables), then corrupts some of
// them (broken tokens, dropped/duplicated selections, wrong-typed variables,
// wrong data, missing __typename, random nulls). Each batch goes through the
// reference (graphql-js) and the candidate (`exec --jsonl`) and is compared
// with the rules of ../run.mjs (data deep-equal in key order, errors present
// in both or neither, same multisets of error paths and locations), plus:
// a schema error in one must be a schema error in the other.
//
//   node tests/differential/fuzz/fuzz.mjs [--seed N] [--batches N] [--size N]
//        [--out DIR] [--candidate "cmd"] [--only CLASS-REGEX] [--show N]
//
// Disagreements are written to DIR (default /tmp/gql-fuzz) as cases files
// (`<class>.json`, at most 20 per class) that `run.mjs --cases FILE --verbose`
// replays. The run is reproducible from --seed.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
let seed = Number(opt('seed', Date.now() % 1000000));
const BATCHES = Number(opt('batches', 5));
const SIZE = Number(opt('size', 200));
const OUT = opt('out', '/tmp/gql-fuzz');
const SHOW = Number(opt('show', 3));
const CANDIDATE = opt('candidate', `dotnet ${join(ROOT, 'src/Commissioning.Graph.Host/bin/Release/net10.0/Commissioning.Graph.Host.dll')} exec --jsonl`);
let REFERENCE = opt('reference', null);
if (!REFERENCE) {
  const local = join(ROOT, 'tests/differential/reference');
  REFERENCE = existsSync(join(local, 'node_modules', 'graphql'))
    ? `node ${join(local, 'reference.mjs')}`
    : '/work/shared/tools/graphql-reference/run';
}

// ---------------------------------------------------------------- random
function rng() {
  // mulberry32
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rng() * n);
const pick = (a) => a[int(a.length)];
const chance = (p) => rng() < p;

const NAMES = ['a', 'b', 'c', 'id', 'name', 'value', 'items', 'next', 'kind', 'owner', 'x', 'y', 'count', 'flag', 'tags', 'child', 'node', 'ref', 'size', 'list', 'émoji', 'deep', 'total', 'label'];
const fieldName = (used) => {
  for (;;) {
    let n = pick(NAMES.filter((x) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(x)));
    if (chance(0.4)) n += int(10);
    if (!used.has(n)) { used.add(n); return n; }
  }
};

// ---------------------------------------------------------------- schema
const SCALARS = ['Int', 'Float', 'String', 'Boolean', 'ID'];

function genSchema() {
  const s = { objects: [], interfaces: [], unions: [], enums: [], inputs: [], scalars: [] };
  const nObj = 2 + int(4);
  const nIface = int(3);
  const nEnum = 1 + int(2);
  const nInput = int(3);
  for (let i = 0; i < nEnum; i++) {
    const vals = [];
    const nv = 1 + int(4);
    for (let j = 0; j < nv; j++) vals.push(pick(['RED', 'GREEN', 'BLUE', 'ONE', 'TWO', 'ALPHA', 'BETA', 'X_Y', 'on', 'off']) + (j || ''));
    s.enums.push({ name: `E${i}`, values: [...new Set(vals)], deprecated: chance(0.2) ? 0 : -1 });
  }
  if (chance(0.5)) s.scalars.push({ name: 'Custom' });
  for (let i = 0; i < nInput; i++) s.inputs.push({ name: `In${i}`, fields: [] });
  for (let i = 0; i < nIface; i++) s.interfaces.push({ name: `I${i}`, fields: [], implements: [] });
  for (let i = 0; i < nObj; i++) s.objects.push({ name: `T${i}`, fields: [], implements: [] });
  // interfaces implementing earlier interfaces
  s.interfaces.forEach((it, i) => { if (i > 0 && chance(0.5)) it.implements.push(s.interfaces[int(i)]); });
  const closure = (ifs) => {
    const out = new Set();
    const add = (x) => { if (!out.has(x)) { out.add(x); x.implements.forEach(add); } };
    ifs.forEach(add);
    return [...out];
  };
  for (const it of s.interfaces) it.implements = closure(it.implements);
  for (const o of s.objects) {
    if (s.interfaces.length && chance(0.6)) o.implements = closure([pick(s.interfaces)]);
  }
  // every interface needs an implementation to be useful (not required to be valid)
  const nUnion = s.objects.length > 1 ? int(3) : 0;
  for (let i = 0; i < nUnion; i++) {
    const members = [...new Set(Array.from({ length: 1 + int(3) }, () => pick(s.objects)))];
    s.unions.push({ name: `U${i}`, members });
  }
  const outputNamed = () => {
    const r = rng();
    if (r < 0.45) return pick(SCALARS);
    if (r < 0.55) return pick(s.enums).name;
    if (r < 0.6 && s.scalars.length) return 'Custom';
    if (r < 0.8) return pick(s.objects).name;
    if (r < 0.9 && s.interfaces.length) return pick(s.interfaces).name;
    if (s.unions.length) return pick(s.unions).name;
    return pick(s.objects).name;
  };
  const inputNamed = () => {
    const r = rng();
    if (r < 0.6) return pick(SCALARS);
    if (r < 0.75) return pick(s.enums).name;
    if (r < 0.8 && s.scalars.length) return 'Custom';
    if (s.inputs.length) return pick(s.inputs).name;
    return 'String';
  };
  const wrap = (named, allowNN = true) => {
    let t = { kind: 'named', name: named };
    const depth = chance(0.3) ? 1 + (chance(0.2) ? 1 : 0) : 0;
    for (let d = 0; d < depth; d++) {
      if (allowNN && chance(0.3)) t = { kind: 'nn', of: t };
      t = { kind: 'list', of: t };
    }
    if (allowNN && chance(0.25)) t = { kind: 'nn', of: t };
    return t;
  };
  const genArgs = () => {
    const used = new Set();
    const out = [];
    const n = chance(0.5) ? int(3) : 0;
    for (let i = 0; i < n; i++) {
      const type = wrap(inputNamed());
      const a = { name: fieldName(used), type };
      if (chance(0.3)) {
        const v = genInputValue(s, type, 0, true);
        if (v !== undefined) a.default = v;
      }
      out.push(a);
    }
    return out;
  };
  for (const inp of s.inputs) {
    const used = new Set();
    const n = 1 + int(4);
    for (let i = 0; i < n; i++) {
      const type = wrap(inputNamed());
      // avoid non-null self references (invalid cycles): only nullable references to inputs
      if (type.kind === 'nn' && baseName(type) === inp.name) continue;
      const f = { name: fieldName(used), type };
      inp.fields.push(f);
    }
  }
  if (s.inputs.length && chance(0.3)) s.inputs[0].oneOf = true;
  for (const inp of s.inputs) {
    if (inp.oneOf) inp.fields.forEach((f) => { if (f.type.kind === 'nn') f.type = f.type.of; });
    for (const f of inp.fields) if (!inp.oneOf && !s.inputs.some((x) => x.name === baseName(f.type)) && chance(0.25)) { const v = genInputValue(s, f.type, 0, true); if (v !== undefined) f.default = v; }
  }
  // interface fields first, then objects inherit them
  for (const it of s.interfaces) {
    const used = new Set();
    it.own = [];
    const n = 1 + int(3);
    for (let i = 0; i < n; i++) it.own.push({ name: fieldName(used), type: wrap(outputNamed()), args: genArgs() });
  }
  const inherit = (impls) => {
    const m = new Map();
    for (const it of impls) for (const f of it.own) if (!m.has(f.name)) m.set(f.name, f);
    return m;
  };
  for (const it of s.interfaces) {
    const m = inherit([it, ...it.implements]);
    it.fields = [...m.values()];
  }
  for (const o of s.objects) {
    const m = inherit(o.implements);
    const used = new Set(m.keys());
    const n = 1 + int(4);
    for (let i = 0; i < n; i++) m.set(fieldName(used), null);
    o.fields = [];
    for (const [name, f] of m) o.fields.push(f ?? { name, type: wrap(outputNamed()), args: genArgs(), deprecated: chance(0.1) });
  }
  // fix: interface field type might reference interface inheriting conflicts; all identical copies are fine
  s.query = { name: pick(['Query', 'Query', 'Root', 'QueryRoot']), fields: [] };
  const used = new Set();
  const nq = 2 + int(4);
  for (let i = 0; i < nq; i++) s.query.fields.push({ name: fieldName(used), type: wrap(outputNamed()), args: genArgs() });
  if (chance(0.3)) {
    s.mutation = { name: 'Mutation', fields: [{ name: 'doIt', type: wrap(outputNamed()), args: genArgs() }] };
  }
  return s;
}

const baseName = (t) => (t.kind === 'named' ? t.name : baseName(t.of));
const typeStr = (t) => (t.kind === 'named' ? t.name : t.kind === 'nn' ? `${typeStr(t.of)}!` : `[${typeStr(t.of)}]`);

function sdl(s) {
  const out = [];
  const argsStr = (as) => (as.length ? `(${as.map((a) => `${a.name}: ${typeStr(a.type)}${a.default !== undefined ? ` = ${printValue(a.default)}` : ''}`).join(', ')})` : '');
  if (s.query.name !== 'Query' || (s.mutation && chance(0.3))) {
    out.push(`schema { query: ${s.query.name}${s.mutation ? ` mutation: ${s.mutation.name}` : ''} }`);
  }
  for (const e of s.enums) out.push(`enum ${e.name} { ${e.values.map((v, i) => (i === e.deprecated ? `${v} @deprecated` : v)).join(' ')} }`);
  for (const c of s.scalars) out.push(`scalar ${c.name}`);
  for (const i of s.inputs) out.push(`input ${i.name}${i.oneOf ? ' @oneOf' : ''} { ${i.fields.map((f) => `${f.name}: ${typeStr(f.type)}${f.default !== undefined ? ` = ${printValue(f.default)}` : ''}`).join(' ')} }`);
  const fieldsStr = (fs) => fs.map((f) => `${chance(0.1) ? '"desc" ' : ''}${f.name}${argsStr(f.args)}: ${typeStr(f.type)}${f.deprecated ? ' @deprecated(reason: "old")' : ''}`).join('\n  ');
  for (const i of s.interfaces) out.push(`interface ${i.name}${i.implements.length ? ` implements ${i.implements.map((x) => x.name).join(' & ')}` : ''} {\n  ${fieldsStr(i.fields)}\n}`);
  for (const o of s.objects) out.push(`type ${o.name}${o.implements.length ? ` implements ${o.implements.map((x) => x.name).join(' & ')}` : ''} {\n  ${fieldsStr(o.fields)}\n}`);
  for (const u of s.unions) out.push(`union ${u.name} = ${u.members.map((m) => m.name).join(' | ')}`);
  out.push(`type ${s.query.name} {\n  ${fieldsStr(s.query.fields)}\n}`);
  if (s.mutation) out.push(`type ${s.mutation.name} {\n  ${fieldsStr(s.mutation.fields)}\n}`);
  // shuffle definition order a little
  if (chance(0.3)) out.reverse();
  return out.join('\n');
}

// ---------------------------------------------------------------- values
// Input values as {kind, ...} so they can be printed as literals or turned into JSON.
const typeByName = (s, n) => s.objects.find((x) => x.name === n) || s.interfaces.find((x) => x.name === n) || s.unions.find((x) => x.name === n) || s.enums.find((x) => x.name === n) || s.inputs.find((x) => x.name === n) || s.scalars.find((x) => x.name === n);

function genScalarValue(name, valid = true) {
  if (!valid) return pick([{ k: 'int', v: 1 }, { k: 'float', v: '1.5' }, { k: 'string', v: 'str' }, { k: 'bool', v: true }, { k: 'enum', v: 'RED' }, { k: 'null' }, { k: 'list', v: [] }, { k: 'object', v: [] }, { k: 'int', v: '2147483648' }, { k: 'float', v: '1e400' }]);
  switch (name) {
    case 'Int': return { k: 'int', v: pick(['0', '1', '-1', '42', '2147483647', '-2147483648', '7']) };
    case 'Float': return chance(0.5) ? { k: 'int', v: pick(['0', '3', '-12']) } : { k: 'float', v: pick(['1.5', '-0.25', '1e3', '6.02E23', '1.0', '2.5e-3']) };
    case 'String': return { k: 'string', v: pick(['', 'hello', 'with "quotes"', 'ünïcödé ✓', 'line\nbreak', 'tab\there', '😀']) };
    case 'Boolean': return { k: 'bool', v: chance(0.5) };
    case 'ID': return chance(0.5) ? { k: 'string', v: pick(['abc', '1', '']) } : { k: 'int', v: pick(['1', '99']) };
    default: return pick([{ k: 'string', v: 'c' }, { k: 'int', v: '5' }, { k: 'object', v: [['q', { k: 'int', v: '1' }]] }, { k: 'list', v: [{ k: 'bool', v: true }] }]);
  }
}

function genInputValue(s, t, depth, forDefault = false) {
  if (t.kind === 'nn') {
    for (let i = 0; i < 3; i++) { const v = genInputValue(s, t.of, depth, forDefault); if (v && v.k !== 'null') return v; }
    return { k: 'null' };
  }
  if (chance(0.1) && !forDefault) return { k: 'null' };
  if (t.kind === 'list') {
    if (chance(0.2)) return genInputValue(s, t.of, depth + 1, forDefault); // single value coerces to list
    const n = int(3);
    return { k: 'list', v: Array.from({ length: n }, () => genInputValue(s, t.of, depth + 1, forDefault) ?? { k: 'null' }) };
  }
  const T = typeByName(s, t.name);
  if (!T || SCALARS.includes(t.name) || t.name === 'Custom') return genScalarValue(t.name);
  if (T.values) return { k: 'enum', v: pick(T.values) };
  if (T.fields) {
    if (depth > 2) return undefined;
    const entries = [];
    if (T.oneOf) {
      if (!T.fields.length) return undefined;
      const f = pick(T.fields);
      const v = genInputValue(s, f.type, depth + 1, forDefault);
      if (v && v.k !== 'null') entries.push([f.name, v]);
      else return undefined;
      return { k: 'object', v: entries };
    }
    for (const f of T.fields) {
      const required = f.type.kind === 'nn' && f.default === undefined;
      if (required || chance(0.6)) {
        const v = genInputValue(s, f.type, depth + 1, forDefault);
        if (v === undefined) { if (required) return undefined; continue; }
        entries.push([f.name, v]);
      }
    }
    return { k: 'object', v: entries };
  }
  return genScalarValue('String');
}

function printValue(v) {
  switch (v.k) {
    case 'null': return 'null';
    case 'int': return String(v.v);
    case 'float': return String(v.v);
    case 'string': return JSON.stringify(v.v);
    case 'bool': return String(v.v);
    case 'enum': return v.v;
    case 'list': return `[${v.v.map(printValue).join(', ')}]`;
    case 'object': return `{${v.v.map(([n, x]) => `${n}: ${printValue(x)}`).join(', ')}}`;
    case 'var': return `$${v.v}`;
  }
  throw new Error(`bad value ${JSON.stringify(v)}`);
}

function toJson(v) {
  switch (v.k) {
    case 'null': return null;
    case 'int': return Number(v.v);
    case 'float': return Number(v.v);
    case 'string': case 'enum': return v.v;
    case 'bool': return v.v;
    case 'list': return v.v.map(toJson);
    case 'object': return Object.fromEntries(v.v.map(([n, x]) => [n, toJson(x)]));
  }
  return null;
}

// ---------------------------------------------------------------- data
function genData(s, t, depth, bad) {
  if (t.kind === 'nn') {
    if (bad && chance(0.05)) return null;
    return genData(s, t.of, depth, bad);
  }
  if (chance(bad ? 0.12 : 0.04)) return null;
  if (chance(0.02)) return undefined;
  if (t.kind === 'list') {
    if (bad && chance(0.05)) return genData(s, t.of, depth, bad); // not a list
    const n = depth > 3 ? int(2) : int(4);
    return Array.from({ length: n }, () => genData(s, t.of, depth + 1, bad) ?? null);
  }
  const name = t.name;
  if (bad && chance(0.08)) return pick([1, 1.5, 'str', true, [], {}, 2147483648, -0.0, '12', 'RED', 1e20]);
  switch (name) {
    case 'Int': return pick([0, 1, -5, 2147483647, -2147483648, 3.0, 17]);
    case 'Float': return pick([0, 1.5, -2.25, 1e10, 3, 6.02e23]);
    case 'String': return pick(['', 'x', 'héllo', 'a "q"', '😀', 'multi\nline']);
    case 'Boolean': return chance(0.5);
    case 'ID': return pick(['id1', 7, '0']);
    case 'Custom': return pick([1, 'c', { q: [1, 2] }, [true, null], 2.5]);
  }
  const T = typeByName(s, name);
  if (T.values) return pick(T.values);
  if (depth > 4) return null;
  let concrete = T;
  if (T.members) concrete = pick(T.members);
  else if (!T.implements) { // interface
    const impls = s.objects.filter((o) => o.implements.includes(T));
    if (!impls.length) return null;
    concrete = pick(impls);
  }
  const o = {};
  if (T !== concrete || chance(0.2)) {
    if (!(bad && chance(0.1))) o.__typename = bad && chance(0.05) ? pick([...s.objects.map((x) => x.name), 'Nope', 3]) : concrete.name;
  }
  for (const f of concrete.fields) {
    if (chance(0.05)) continue;
    const v = genData(s, f.type, depth + 1, bad);
    if (v !== undefined) o[f.name] = v;
  }
  return o;
}

// ---------------------------------------------------------------- queries
function genQuery(s, data, bad) {
  let uniq = 0;
  const vars = [];
  const fragments = [];
  const usedVarNames = new Set();
  const argValue = (t) => {
    if (chance(0.2)) {
      // variable
      const name = `v${vars.length}`;
      const declType = chance(0.85) ? t : (t.kind === 'nn' ? t.of : { kind: 'nn', of: t });
      const v = { name, type: declType };
      if (chance(0.2)) { const d = genInputValue(s, declType, 0, true); if (d && d.k !== 'null') v.default = d; }
      if (chance(0.8)) {
        const val = bad && chance(0.2) ? genScalarValue('x', false) : genInputValue(s, declType, 0);
        if (val !== undefined) v.value = toJson(val);
      }
      vars.push(v);
      usedVarNames.add(name);
      return { k: 'var', v: name };
    }
    if (bad && chance(0.1)) return genScalarValue('x', false);
    return genInputValue(s, t, 0) ?? { k: 'null' };
  };
  const directives = () => {
    let out = '';
    const n = chance(0.2) ? 1 + int(2) : 0;
    const ds = chance(0.5) ? ['skip', 'include'] : ['include', 'skip'];
    for (let i = 0; i < n; i++) {
      const d = chance(0.97) ? ds[i] : ds[0];
      const v = chance(0.7) ? { k: 'bool', v: chance(0.5) } : argValue({ kind: 'nn', of: { kind: 'named', name: 'Boolean' } });
      out += ` @${d}(if: ${printValue(v)})`;
    }
    return out;
  };
  const selections = (T, depth) => {
    const parts = [];
    const usedNames = new Set();
    const n = 1 + int(depth > 2 ? 2 : 4);
    const fields = T.fields || [];
    for (let i = 0; i < n; i++) {
      const r = rng();
      if (r < 0.1) { parts.push(`__typename${directives()}`); continue; }
      if (r < 0.25 && depth < 5) {
        // inline fragment or named fragment on a possible type
        const possibleOf = (X) => (X.members ? X.members : X.implements && s.objects.includes(X) ? [X] : s.objects.filter((o) => o.implements.includes(X)));
        const mine = possibleOf(T);
        const cands = [...s.objects, ...s.interfaces, ...s.unions].filter((X) => possibleOf(X).some((o) => mine.includes(o)));
        if (!cands.length) cands.push(T);
        const on = chance(0.95) ? pick(cands) : pick([...s.objects, ...s.interfaces]);
        const body = selections(on, depth + 1);
        if (chance(0.5)) parts.push(`... on ${on.name}${directives()} { ${body} }`);
        else if (chance(0.2)) parts.push(`...${directives()} { ${selections(T, depth + 1)} }`);
        else {
          const fname = `F${fragments.length}`;
          fragments.push(`fragment ${fname} on ${on.name} { ${body} }`);
          parts.push(`...${fname}${directives()}`);
          if (chance(0.2)) parts.push(`...${fname}`);
        }
        continue;
      }
      if (!fields.length) { parts.push('__typename'); continue; }
      const f = pick(fields);
      let text = '';
      let alias = chance(0.25) ? `${pick(['al', 'x', 'aa', 'z'])}${int(4)}` : null;
      if ((usedNames.has(alias ?? f.name) && chance(0.95)) || (alias === null && f.args.length && chance(0.8))) alias = `u${uniq++}`;
      usedNames.add(alias ?? f.name);
      if (alias) text += `${alias}: `;
      text += f.name;
      const args = f.args.filter((a) => a.type.kind === 'nn' && a.default === undefined || chance(0.5));
      if (args.length) text += `(${args.map((a) => `${a.name}: ${printValue(argValue(a.type))}`).join(', ')})`;
      text += directives();
      const bt = typeByName(s, baseName(f.type));
      if (bt && !bt.values && (bt.fields || bt.members) && !s.inputs.includes(bt)) {
        if (depth < 6) text += ` { ${selections(bt, depth + 1)} }`;
        else text += ' { __typename }';
      }
      parts.push(text);
    }
    return parts.join(chance(0.3) ? ', ' : ' ');
  };
  const isMutation = s.mutation && chance(0.3);
  const root = isMutation ? s.mutation : s.query;
  const body = selections(root, 0);
  const header = vars.length ? `(${vars.map((v) => `$${v.name}: ${typeStr(v.type)}${v.default ? ` = ${printValue(v.default)}` : ''}`).join(', ')})` : '';
  const opName = chance(0.3) ? ' Op' : '';
  const kw = isMutation ? 'mutation' : (header || opName || chance(0.5) ? 'query' : '');
  let q = `${kw}${kw ? opName + header : ''} { ${body} }`;
  if (!kw && header) q = `query${header} { ${body} }`;
  const doc = [q, ...fragments].join('\n');
  const variables = {};
  for (const v of vars) if ('value' in v) variables[v.name] = v.value;
  return { query: doc, variables: vars.length || chance(0.2) ? variables : undefined };
}

// token-level corruptions of the query text
function corrupt(q) {
  const ops = [
    () => { const i = int(q.length); return q.slice(0, i) + q.slice(i + 1); },
    () => { const i = int(q.length); return q.slice(0, i) + pick(['{', '}', '(', ')', ':', '$', '@', '...', '!', '"', '#', '\u0000', '1.', '0x1', '"""', '&', '|', '=', '[', ']', 'é']) + q.slice(i); },
    () => q.replace(/\{[^{}]*\}/, (m) => m + m),           // duplicate a selection set
    () => q.replace(/\b([a-z]\w*)(?=[ ,}])/, ''),           // drop a field
    () => q.replace(/\b([a-z]\w*)\b(?=[^]*$)/, '$1 $1'),   // duplicate a field
    () => q.replace(/\}\s*$/, ''),                          // unterminated
    () => q.replace(/on (\w+)/, 'on Nope'),
    () => q.replace(/: (\w+)/, ': NotAType'),
    () => q + ' fragment Unused on ' + pick(['T0', 'Query', 'I0']) + ' { __typename }',
    () => q.replace(/\$(\w+)/, '$undeclared'),
    () => q.replace('query', 'subscription'),
    () => q.replace(/\{/, '{ __typename '),
  ];
  return pick(ops)();
}

// ---------------------------------------------------------------- compare
function deepDiff(a, b, path) {
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object') {
    if (typeof a === 'number' && typeof b === 'number') return a === b ? null : `${path}: ${a} vs ${b}`;
    return a === b ? null : `${path.join('.')}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path.join('.')}: list vs object`;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return `${path.join('.')}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) { const d = deepDiff(a[i], b[i], [...path, i]); if (d) return d; }
    return null;
  }
  const ka = Object.keys(a); const kb = Object.keys(b);
  if (ka.join('\u0001') !== kb.join('\u0001')) return `${path.join('.')}: keys ${ka} vs ${kb}`;
  for (const k of ka) { const d = deepDiff(a[k], b[k], [...path, k]); if (d) return d; }
  return null;
}
const ms = (xs) => xs.map((x) => JSON.stringify(x)).sort().join('|');
function compare(ref, cand) {
  if (ref.schemaError !== undefined || cand.schemaError !== undefined) {
    if ((ref.schemaError !== undefined) !== (cand.schemaError !== undefined)) return ['schema-error', `schemaError ref=${!!ref.schemaError} cand=${!!cand.schemaError}: ${ref.schemaError || cand.schemaError}`];
    return null;
  }
  if (!ref.response) return ['reference-internal', JSON.stringify(ref)];
  if (!cand.response) return ['candidate-no-response', JSON.stringify(cand).slice(0, 300)];
  const r = ref.response; const c = cand.response;
  if (('data' in r) !== ('data' in c)) return ['data-presence', `data ${'data' in r} vs ${'data' in c}; ref errors: ${(r.errors || []).map((e) => e.message).join(' / ')}; cand errors: ${(c.errors || []).map((e) => e.message).join(' / ')}`];
  if ('data' in r) { const d = deepDiff(r.data, c.data, ['data']); if (d) return ['data', d]; }
  const re = r.errors || []; const ce = c.errors || [];
  if ((re.length > 0) !== (ce.length > 0)) return ['errors-presence', `ref: ${re.map((e) => e.message).join(' / ')} | cand: ${ce.map((e) => e.message).join(' / ')}`];
  const pk = (e) => (e.path === undefined ? null : e.path);
  const lk = (e) => (e.locations === undefined ? null : [...e.locations].map((l) => `${l.line}:${l.column}`).sort());
  if (ms(re.map(pk)) !== ms(ce.map(pk))) return ['error-paths', `ref: ${re.map((e) => `${JSON.stringify(e.path)} ${e.message}`).join(' / ')} | cand: ${ce.map((e) => `${JSON.stringify(e.path)} ${e.message}`).join(' / ')}`];
  if (ms(re.map(lk)) !== ms(ce.map(lk))) return ['error-locations', `ref: ${re.map((e) => `${JSON.stringify(e.locations)} ${e.message}`).join(' / ')} | cand: ${ce.map((e) => `${JSON.stringify(e.locations)} ${e.message}`).join(' / ')}`];
  return null;
}

// Classify by the first reference error message (shape only), so similar bugs group.
function classOf(kind, ref, cand) {
  const msg = ref.response?.errors?.[0]?.message ?? cand.response?.errors?.[0]?.message ?? '';
  const shape = msg.replace(/"[^"]*"/g, 'X').replace(/\d+/g, 'N').replace(/[^A-Za-z ]/g, '').split(' ').slice(0, 6).join('-');
  return `${kind}${shape ? '.' + shape : ''}`.slice(0, 80);
}

function run(cmd, input) {
  const r = spawnSync(cmd, { shell: true, input, encoding: 'utf8', maxBuffer: 1 << 29 });
  if (r.status !== 0 && !r.stdout) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

// ---------------------------------------------------------------- main
mkdirSync(OUT, { recursive: true });
const classes = new Map();
let total = 0;
let disagreements = 0;
const stats = {};
const msgs = new Map();
const startSeed = seed;
for (let b = 0; b < BATCHES; b++) {
  const batch = [];
  while (batch.length < SIZE) {
    const s = genSchema();
    const schemaText = sdl(s);
    const nq = 1 + int(6);
    for (let i = 0; i < nq && batch.length < SIZE; i++) {
      const bad = chance(0.35);
      const rootData = {};
      for (const f of [...s.query.fields, ...(s.mutation ? s.mutation.fields : [])]) {
        if (chance(0.05)) continue;
        const v = genData(s, f.type, 1, bad);
        if (v !== undefined) rootData[f.name] = v;
      }
      const { query, variables } = genQuery(s, rootData, bad);
      const c = { id: `fz${startSeed}.${b}.${batch.length}`, schema: schemaText, data: rootData, query: bad && chance(0.4) ? corrupt(query) : query };
      if (variables !== undefined) c.variables = variables;
      if (chance(0.05)) c.operationName = pick(['Op', 'Nope']);
      batch.push(c);
    }
  }
  const input = batch.map((c) => JSON.stringify(c)).join('\n') + '\n';
  const refs = run(REFERENCE, input);
  const cands = run(CANDIDATE, input);
  const candById = new Map(cands.map((x) => [x.id, x]));
  batch.forEach((c, n) => {
    total++;
    const ref = refs[n];
    const st = ref.schemaError !== undefined ? 'schemaError' : !ref.response ? 'other' : !('data' in ref.response) ? 'requestError' : ref.response.errors ? 'fieldErrors' : 'clean';
    stats[st] = (stats[st] || 0) + 1;
    if (process.env.MSGS && ref.response?.errors) { const m = ref.response.errors[0].message.replace(/"[^"]*"/g, 'X').slice(0, 60); msgs.set(m, (msgs.get(m) || 0) + 1); }
    const cand = candById.get(c.id);
    const res = cand ? compare(ref, cand) : ['candidate-missing', ''];
    if (!res) return;
    disagreements++;
    const cls = classOf(res[0], ref, cand || {});
    if (!classes.has(cls)) classes.set(cls, { count: 0, cases: [], detail: res[1] });
    const e = classes.get(cls);
    e.count++;
    if (e.cases.length < 20) e.cases.push(c);
  });
  process.stderr.write(`batch ${b + 1}/${BATCHES}: ${total} cases, ${disagreements} disagreements, ${classes.size} classes\n`);
}
console.log(`seed ${startSeed}: ${total} cases, ${disagreements} disagreements; reference outcomes ${JSON.stringify(stats)}`);
if (process.env.MSGS) for (const [m, n] of [...msgs].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(n, m);
for (const [cls, e] of [...classes].sort((a, b) => b[1].count - a[1].count)) {
  const file = join(OUT, `${cls.replace(/[^\w.-]/g, '_')}.json`);
  writeFileSync(file, JSON.stringify(e.cases, null, 1));
  console.log(`${String(e.count).padStart(5)}  ${cls}\n       ${e.detail.slice(0, 400)}\n       -> ${file}`);
}
