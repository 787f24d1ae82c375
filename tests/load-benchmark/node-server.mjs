// The Node.js engines behind graphql-http (one HTTP shape for both), serving the same SDL and JSON data as
// our mock server:
//   --engine graphql-js   graphql-js 16: parses and validates every request (graphql-http's default), resolves a
//                         field as the parent's own property of that name (our mock server's rule);
//   --engine graphql-jit  graphql-jit: each distinct query text parsed, validated and compiled once, then the compiled
//                         function runs (as graphql-jit is deployed); its resolution reads the property of that name,
//                         which is the same over JSON data.
//   node node-server.mjs --port N --schema FILE --data FILE [--engine graphql-js|graphql-jit]
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/http';
import { compileQuery, isCompiledQuery } from 'graphql-jit';

const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const schema = buildSchema(readFileSync(opt('--schema'), 'utf8'));
const rootValue = JSON.parse(readFileSync(opt('--data'), 'utf8'));
const engine = opt('--engine', 'graphql-js');

const hasOwn = Object.prototype.hasOwnProperty;
const fieldResolver = (source, _a, _c, info) =>
  source !== null && typeof source === 'object' && !Array.isArray(source) && hasOwn.call(source, info.fieldName) ? source[info.fieldName] : undefined;

// graphql-jit: compiled queries by operation name and text, bounded like a document cache.
const compiled = new Map();
const MAX_COMPILED = 1000;
const compile = (query, operationName) => {
  const key = `${operationName ?? ''}\n${query}`;
  let entry = compiled.get(key);
  if (!entry) {
    let document;
    try { document = parse(query); } catch (e) { return { errors: [e] }; }
    const errors = validate(schema, document);
    entry = errors.length ? { errors } : compileQuery(schema, document, operationName ?? undefined);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value);
    compiled.set(key, entry);
  }
  return entry;
};

const handler = engine === 'graphql-jit'
  ? createHandler({
    schema,
    // Returning a result from onSubscribe answers the request with it; graphql-http still does the HTTP part.
    onSubscribe: async (_req, params) => {
      if (typeof params.query !== 'string') return undefined;   // graphql-http's own error for a missing query
      const query = compile(params.query, params.operationName);
      return isCompiledQuery(query) ? query.query(rootValue, undefined, params.variables ?? {}) : query;
    },
  })
  : createHandler({ schema, rootValue, fieldResolver });

if (!['graphql-js', 'graphql-jit'].includes(engine)) throw new Error(`--engine ${engine}: use graphql-js or graphql-jit`);
createServer((req, res) => {
  if (req.url.startsWith('/graphql')) return handler(req, res);
  res.writeHead(req.url === '/healthz' ? 200 : 404).end();
}).listen(Number(opt('--port')), '127.0.0.1');
